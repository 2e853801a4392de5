//! The real kennisbank (content/kennisbank) and its labelled queries, shared by the quality test
//! and the benchmark so both score the same documents the same way.
//!
//! The front-matter reader is deliberately minimal (test-only): the app reads practices from the
//! database, so a YAML dependency here would only test our fixtures, not the engine.

// Each includer (test, bench) uses a different subset.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use vangnet_search::Document;

/// How many hits a query may use to find its expected practices.
pub const TOP: usize = 5;

#[derive(Debug, Clone, Deserialize)]
pub struct Labelled {
    pub query: String,
    pub tests: String,
    pub expect: Vec<String>,
}

pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/kennisbank")
}

/// Every practice, ordered by file name so ids are stable between runs.
pub fn practices() -> Vec<Document> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("content/kennisbank exists")
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    paths.sort();
    paths
        .iter()
        .enumerate()
        .map(|(i, path)| {
            let text = std::fs::read_to_string(path).expect("readable practice");
            parse(i as i64 + 1, &text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        })
        .collect()
}

pub fn queries() -> Vec<Labelled> {
    let text = std::fs::read_to_string(dir().join("queries.json")).expect("queries.json");
    serde_json::from_str(&text).expect("queries.json is a list of labelled queries")
}

/// Front matter between the first two `---` lines, the body after them.
pub fn parse(id: i64, text: &str) -> Result<Document, String> {
    let mut lines = text.lines();
    if lines.next().map(str::trim) != Some("---") {
        return Err("no front matter".into());
    }
    let mut fields = BTreeMap::new();
    for line in lines.by_ref() {
        if line.trim() == "---" {
            break;
        }
        if let Some((key, value)) = line.split_once(':') {
            fields.insert(key.trim().to_string(), unquote(value));
        }
    }
    let body: Vec<&str> = lines.collect();
    let field = |key: &str| fields.get(key).cloned().ok_or(format!("no {key}"));
    Ok(Document {
        id,
        slug: field("slug")?,
        title: field("title")?,
        summary: field("summary")?,
        body: strip_markdown(&body.join("\n")),
        phases: list(&field("phases")?),
        actors: list(&field("actors")?),
        region: fields.get("region").cloned(),
        updated: 0,
        published: true,
    })
}

/// The value without a trailing `# comment` and without surrounding double quotes.
fn unquote(value: &str) -> String {
    let value = value.trim();
    if let Some(inner) = value.strip_prefix('"') {
        return inner.trim_end_matches('"').to_string();
    }
    match value.find(" #") {
        Some(i) => value[..i].trim().to_string(),
        None => value.to_string(),
    }
}

/// An inline list: `[a, b]`.
fn list(value: &str) -> Vec<String> {
    value
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Crude Markdown to text: enough that no markup reaches the index or a snippet.
pub fn strip_markdown(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.lines() {
        let line = line.trim_start();
        if line.starts_with("```") {
            continue;
        }
        let line = line.trim_start_matches('#').trim_start();
        let line = strip_list_marker(line);
        out.push_str(&unlink(line).replace(['*', '`', '|'], " "));
        out.push('\n');
    }
    out
}

fn strip_list_marker(line: &str) -> &str {
    if let Some(rest) = line.strip_prefix("- ") {
        return rest;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    match line[digits..].strip_prefix(". ") {
        Some(rest) if digits > 0 => rest,
        _ => line,
    }
}

/// `[text](url)` → `text`.
fn unlink(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](").map(|c| open + c) else {
            break;
        };
        let Some(end) = rest[close..].find(')').map(|e| close + e) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..close]);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// One query and the slugs that came back, best first.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub labelled: Labelled,
    pub found: Vec<String>,
}

impl Outcome {
    /// The share of expected practices in the top [`TOP`].
    pub fn recall(&self) -> f64 {
        let hit = self
            .labelled
            .expect
            .iter()
            .filter(|s| self.rank(s).is_some());
        hit.count() as f64 / self.labelled.expect.len() as f64
    }

    /// 1 / the rank of the first expected practice (0 when none is in the top [`TOP`]).
    pub fn reciprocal_rank(&self) -> f64 {
        let first = self
            .labelled
            .expect
            .iter()
            .filter_map(|s| self.rank(s))
            .min();
        first.map_or(0.0, |r| 1.0 / r as f64)
    }

    pub fn missed(&self) -> Vec<&str> {
        let expect = self.labelled.expect.iter();
        expect
            .filter(|s| self.rank(s).is_none())
            .map(String::as_str)
            .collect()
    }

    fn rank(&self, slug: &str) -> Option<usize> {
        self.found
            .iter()
            .take(TOP)
            .position(|f| f == slug)
            .map(|p| p + 1)
    }
}

/// Runs every labelled query through `search` (which returns slugs, best first).
pub fn evaluate(mut search: impl FnMut(&str) -> Vec<String>) -> Vec<Outcome> {
    queries()
        .into_iter()
        .map(|labelled| Outcome {
            found: search(&labelled.query),
            labelled,
        })
        .collect()
}

/// (recall@5, MRR) as means over the outcomes.
pub fn scores<'a>(outcomes: impl IntoIterator<Item = &'a Outcome>) -> (f64, f64) {
    let (mut recall, mut rr, mut n) = (0.0, 0.0, 0);
    for outcome in outcomes {
        recall += outcome.recall();
        rr += outcome.reciprocal_rank();
        n += 1;
    }
    let n = f64::from(n.max(1));
    (recall / n, rr / n)
}

/// Overall first, then per label in the order the labels first appear.
pub fn table(outcomes: &[Outcome]) -> String {
    let mut labels: Vec<&str> = Vec::new();
    for o in outcomes {
        if !labels.contains(&o.labelled.tests.as_str()) {
            labels.push(&o.labelled.tests);
        }
    }
    let mut out = String::from("label        queries  recall@5    MRR\n");
    let (recall, mrr) = scores(outcomes);
    let line =
        |name: &str, n: usize, r: f64, m: f64| format!("{name:<12} {n:>7}  {r:>8.3}  {m:>5.3}\n");
    out.push_str(&line("all", outcomes.len(), recall, mrr));
    for label in labels {
        let of: Vec<&Outcome> = outcomes
            .iter()
            .filter(|o| o.labelled.tests == label)
            .collect();
        let (recall, mrr) = scores(of.iter().copied());
        out.push_str(&line(label, of.len(), recall, mrr));
    }
    out
}
