//! The kennisbank's file format, for `vangnet kb import DIR` and
//! `kb export DIR`: a `---` line, front matter in a small subset of YAML,
//! `---`, then the Markdown body. Errors name the line, the field and the
//! reason, and every problem in a file is reported at once.

mod yaml;

use super::content::PracticeContent;
use super::slug::Slug;
use super::vocabulary::{ActorKind, Phase};
use chrono::NaiveDate;
use std::fmt;
use yaml::{Entry, Problem, Value};

/// One file: the practice's content and, if the file names it, its slug
/// (otherwise the importer takes it from the file name or the title).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PracticeFile {
    pub slug: Option<Slug>,
    pub content: PracticeContent,
}

/// One problem in a file. `field` is empty when the line names none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub field: String,
    pub reason: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.field.as_str() {
            "" => write!(f, "regel {}: {}", self.line, self.reason),
            field => write!(f, "regel {}, {field}: {}", self.line, self.reason),
        }
    }
}

/// Every problem of one file, in line order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileErrors {
    pub errors: Vec<LineError>,
}

impl fmt::Display for FileErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.errors.iter().map(ToString::to_string).collect();
        f.write_str(&lines.join("\n"))
    }
}

impl std::error::Error for FileErrors {}

/// The keys a file may have, in the order `write` puts them.
pub const KEYS: [&str; 9] = [
    "title",
    "summary",
    "phases",
    "actors",
    "region",
    "organisation",
    "slug",
    "contact",
    "review_by",
];

/// The body's name in errors: it has no key of its own.
const BODY: &str = "tekst";

/// Reads a file and checks its content by the same rules as a form
/// (`PracticeContent::validate`), so an import cannot store what the app
/// would refuse. Results, figures and links are not part of the format.
pub fn parse(text: &str) -> Result<PracticeFile, FileErrors> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().collect();
    let fail = |line: usize, reason: &str| FileErrors {
        errors: vec![LineError {
            line,
            field: String::new(),
            reason: reason.to_string(),
        }],
    };
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return Err(fail(1, "een kennisbankbestand begint met een regel '---'"));
    }
    let Some(close) = lines.iter().skip(1).position(|l| l.trim_end() == "---") else {
        return Err(fail(
            lines.len().max(1),
            "de front matter wordt niet afgesloten met een regel '---'",
        ));
    };
    let close_line = close + 2;
    let (entries, problems) = yaml::entries(&lines[1..=close], 2);
    let mut errors: Vec<LineError> = problems.into_iter().map(line_error).collect();
    let mut file = PracticeFile {
        slug: None,
        content: PracticeContent {
            body_md: lines[close + 2..].join("\n"),
            ..PracticeContent::default()
        },
    };
    for entry in &entries {
        if let Err(problem) = apply(&mut file, entry) {
            errors.push(line_error(problem));
        }
    }
    let slug = file.slug.take();
    match file.content.validate() {
        Ok(content) if errors.is_empty() => return Ok(PracticeFile { slug, content }),
        Ok(_) => {}
        Err(invalid) => {
            for error in invalid.errors {
                let field = if error.field == "body_md" {
                    BODY
                } else {
                    &error.field
                };
                // A field that failed while reading was reported already.
                if errors.iter().any(|e| e.field == field) {
                    continue;
                }
                let line = match entries.iter().find(|e| e.key == field) {
                    Some(entry) => entry.line,
                    None if field == BODY => close_line + 1,
                    None => close_line,
                };
                errors.push(LineError {
                    line,
                    field: field.to_string(),
                    reason: error.reason,
                });
            }
        }
    }
    errors.sort_by_key(|e| e.line);
    Err(FileErrors { errors })
}

fn line_error(problem: Problem) -> LineError {
    LineError {
        line: problem.line,
        field: problem.key,
        reason: problem.reason,
    }
}

/// Puts one entry's value in its place.
fn apply(file: &mut PracticeFile, entry: &Entry) -> Result<(), Problem> {
    let problem = |line: usize, reason: String| Problem {
        line,
        key: entry.key.clone(),
        reason,
    };
    if !KEYS.contains(&entry.key.as_str()) {
        return Err(problem(
            entry.line,
            format!("onbekend veld; toegestaan zijn {}", KEYS.join(", ")),
        ));
    }
    let content = &mut file.content;
    match entry.key.as_str() {
        "phases" => content.phases = list(entry, Phase::parse)?,
        "actors" => content.actors = list(entry, ActorKind::parse)?,
        key => {
            let Value::Scalar(value) = &entry.value else {
                return Err(problem(
                    entry.line,
                    "verwacht één waarde, geen lijst".into(),
                ));
            };
            let optional = Some(value.clone()).filter(|v| !v.is_empty());
            match key {
                "title" => content.title = value.clone(),
                "summary" => content.summary = value.clone(),
                "region" => content.region = optional,
                "organisation" => content.organisation = optional,
                "contact" => content.contact = optional,
                "slug" => {
                    file.slug = optional
                        .map(|v| Slug::parse(&v))
                        .transpose()
                        .map_err(|e| problem(entry.line, e.reason))?
                }
                "review_by" => {
                    content.review_by = optional
                        .map(|v| {
                            NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                                .ok()
                                .filter(|_| v.len() == 10)
                                .ok_or_else(|| format!("'{v}' is geen datum; schrijf JJJJ-MM-DD"))
                        })
                        .transpose()
                        .map_err(|reason| problem(entry.line, reason))?
                }
                _ => unreachable!("every key in KEYS is handled"),
            }
        }
    }
    Ok(())
}

/// A list of slugs; a single value counts as a list of one. Every bad
/// item is a problem, but only the first is returned per key, as the
/// Dutch message lists the choices anyway.
fn list<T>(entry: &Entry, parse: fn(&str) -> Result<T, String>) -> Result<Vec<T>, Problem> {
    let items = match &entry.value {
        Value::List(items) => items.clone(),
        Value::Scalar(s) if s.is_empty() => vec![],
        Value::Scalar(s) => vec![(entry.line, s.clone())],
    };
    items
        .into_iter()
        .map(|(line, item)| {
            parse(&item).map_err(|reason| Problem {
                line,
                key: entry.key.clone(),
                reason,
            })
        })
        .collect()
}

/// The file for a practice; `parse` reads it back to the same value.
pub fn write(file: &PracticeFile) -> String {
    let content = &file.content;
    let slugs = |items: Vec<&str>| format!("[{}]", items.join(", "));
    let mut fields: Vec<(&str, String)> = vec![
        ("title", yaml::write_scalar(&content.title)),
        ("summary", yaml::write_scalar(&content.summary)),
        (
            "phases",
            slugs(content.phases.iter().map(|p| p.slug()).collect()),
        ),
        (
            "actors",
            slugs(content.actors.iter().map(|a| a.slug()).collect()),
        ),
    ];
    let optional = [
        ("region", content.region.as_deref()),
        ("organisation", content.organisation.as_deref()),
        ("slug", file.slug.as_ref().map(Slug::as_str)),
        ("contact", content.contact.as_deref()),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            fields.push((key, yaml::write_scalar(value)));
        }
    }
    if let Some(date) = content.review_by {
        fields.push(("review_by", date.format("%Y-%m-%d").to_string()));
    }
    let mut out = String::from("---\n");
    for (key, value) in fields {
        out.push_str(&format!("{key}: {value}\n"));
    }
    out.push_str("---\n");
    out.push_str(&content.body_md);
    if !content.body_md.ends_with('\n') {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod round_trip;
#[cfg(test)]
mod tests;
