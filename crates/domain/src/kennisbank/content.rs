//! A practice's content as one revision holds it, the limits it must keep,
//! and its fingerprint for idempotent imports.

use super::vocabulary::{ActorKind, Phase};
use crate::validation::{field_error, FieldError, Invalid};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const MAX_TITLE: usize = 200;
pub const MAX_SUMMARY: usize = 600;
pub const MAX_BODY: usize = 100_000;
pub const MAX_REGION: usize = 120;
pub const MAX_ORGANISATION: usize = 200;
pub const MAX_CONTACT: usize = 300;
pub const MAX_RESULTS: usize = 5_000;
pub const MAX_FIGURES: usize = 20;
pub const MAX_FIGURE_LABEL: usize = 120;
pub const MAX_FIGURE_VALUE: usize = 60;
pub const MAX_LINKS: usize = 20;
pub const MAX_LINK_TITLE: usize = 200;
pub const MAX_URL: usize = 2_000;
pub const MAX_COMMENT: usize = 5_000;

/// The content fields of a revision. Empty optional lists and absent
/// optional fields are left out of the serialised form, so a field added
/// later does not change the hash of every existing revision.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PracticeContent {
    pub title: String,
    pub summary: String,
    pub body_md: String,
    pub phases: Vec<Phase>,
    pub actors: Vec<ActorKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// Results and evidence, in the contributor's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<Figure>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// The review date the author or the import proposes; publication
    /// falls back to a year after it is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_by: Option<NaiveDate>,
}

/// A key figure shown with the practice, e.g. "huisuitzettingen" / "−40%".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

impl PracticeContent {
    /// Checks every limit at once and returns the content as it is stored:
    /// one-line fields trimmed with their inner whitespace collapsed,
    /// Markdown with Unix line ends, empty optional fields absent, and
    /// phases and actors as sets in list order.
    pub fn validate(self) -> Result<PracticeContent, Invalid> {
        let mut invalid = Invalid::default();
        let title = invalid.check(required("title", line(&self.title), MAX_TITLE));
        let summary = invalid.check(required("summary", line(&self.summary), MAX_SUMMARY));
        let body_md = invalid.check(required("body_md", multiline(&self.body_md), MAX_BODY));
        let region = invalid.check(optional("region", line(opt(&self.region)), MAX_REGION));
        let organisation = invalid.check(optional(
            "organisation",
            line(opt(&self.organisation)),
            MAX_ORGANISATION,
        ));
        let contact = invalid.check(optional("contact", line(opt(&self.contact)), MAX_CONTACT));
        let results = invalid.check(optional(
            "results",
            multiline(opt(&self.results)),
            MAX_RESULTS,
        ));
        let phases = set(
            &mut invalid,
            "phases",
            self.phases,
            "kies minstens één fase",
        );
        let actors = set(
            &mut invalid,
            "actors",
            self.actors,
            "kies minstens één actor",
        );
        let figures = figures(&mut invalid, self.figures);
        let links = links(&mut invalid, self.links);
        invalid.into_result()?;
        Ok(PracticeContent {
            title: title.unwrap_or_default(),
            summary: summary.unwrap_or_default(),
            body_md: body_md.unwrap_or_default(),
            phases,
            actors,
            region: region.flatten(),
            organisation: organisation.flatten(),
            contact: contact.flatten(),
            results: results.flatten(),
            figures,
            links,
            review_by: self.review_by,
        })
    }

    /// SHA-256 (hex) of the canonical JSON of the content: keys sorted at
    /// every level, no whitespace. Meant for validated content, so that an
    /// identical re-import hashes the same whatever order a file or form
    /// listed things in; the sets are sorted here too, to be safe.
    pub fn content_hash(&self) -> String {
        let mut content = self.clone();
        content.phases.sort();
        content.phases.dedup();
        content.actors.sort();
        content.actors.dedup();
        let value = serde_json::to_value(&content).expect("content serialises");
        let mut canonical = String::new();
        write_canonical(&value, &mut canonical);
        hex::encode(Sha256::digest(canonical.as_bytes()))
    }
}

/// A comment on a revision: trimmed, 1 to 5,000 characters, line breaks kept.
pub fn validate_comment(body: &str) -> Result<String, Invalid> {
    required("body", multiline(body), MAX_COMMENT).map_err(|e| Invalid { errors: vec![e] })
}

fn opt(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("")
}

/// A one-line text: a pasted line break or a double space is not content.
fn line(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Markdown or free text: line breaks and tabs are content; Windows line
/// ends are not, so the same text from another editor hashes the same.
fn multiline(value: &str) -> String {
    value
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim()
        .to_string()
}

fn required(field: &str, text: String, max: usize) -> Result<String, FieldError> {
    if text.is_empty() {
        return Err(field_error(field, "is verplicht"));
    }
    within_limits(field, text, max)
}

/// Empty is absence, not an error.
fn optional(field: &str, text: String, max: usize) -> Result<Option<String>, FieldError> {
    match text.is_empty() {
        true => Ok(None),
        false => within_limits(field, text, max).map(Some),
    }
}

fn within_limits(field: &str, text: String, max: usize) -> Result<String, FieldError> {
    if text.chars().count() > max {
        return Err(field_error(
            field,
            format!("is te lang (maximaal {max} tekens)"),
        ));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(field_error(field, "bevat ongeldige tekens"));
    }
    Ok(text)
}

fn set<T: Ord>(invalid: &mut Invalid, field: &str, mut items: Vec<T>, empty: &str) -> Vec<T> {
    items.sort();
    items.dedup();
    if items.is_empty() {
        invalid.push(field, empty);
    }
    items
}

fn figures(invalid: &mut Invalid, figures: Vec<Figure>) -> Vec<Figure> {
    if figures.len() > MAX_FIGURES {
        invalid.push("figures", format!("maximaal {MAX_FIGURES} kengetallen"));
    }
    let mut kept = Vec::new();
    for (i, figure) in figures.into_iter().enumerate() {
        let label = invalid.check(required(
            &format!("figures[{i}].label"),
            line(&figure.label),
            MAX_FIGURE_LABEL,
        ));
        let value = invalid.check(required(
            &format!("figures[{i}].value"),
            line(&figure.value),
            MAX_FIGURE_VALUE,
        ));
        if let (Some(label), Some(value)) = (label, value) {
            kept.push(Figure { label, value });
        }
    }
    kept
}

fn links(invalid: &mut Invalid, links: Vec<Link>) -> Vec<Link> {
    if links.len() > MAX_LINKS {
        invalid.push("links", format!("maximaal {MAX_LINKS} links"));
    }
    let mut kept = Vec::new();
    for (i, link) in links.into_iter().enumerate() {
        let title = invalid.check(required(
            &format!("links[{i}].title"),
            line(&link.title),
            MAX_LINK_TITLE,
        ));
        let url = invalid.check(validate_url(&format!("links[{i}].url"), &link.url));
        if let (Some(title), Some(url)) = (title, url) {
            kept.push(Link { title, url });
        }
    }
    kept
}

/// Only web addresses: a `javascript:` or `file:` link in public content
/// would be an attack on the reader, not a reference.
pub fn validate_url(field: &str, value: &str) -> Result<String, FieldError> {
    let url = required(field, value.trim().to_string(), MAX_URL)?;
    let lower = url.to_ascii_lowercase();
    let rest = ["https://", "http://"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    let well_formed = host.is_some_and(|h| !h.is_empty() && !h.starts_with(':'))
        && !url.chars().any(char::is_whitespace);
    if well_formed {
        Ok(url)
    } else {
        Err(field_error(
            field,
            "is geen webadres; begin met http:// of https:// (zonder spaties)",
        ))
    }
}

/// JSON with object keys in sorted order at every level, so the text (and
/// the hash) does not depend on field order or on serde_json's map type.
fn write_canonical(value: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(&map[key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

#[cfg(test)]
#[path = "content_tests.rs"]
mod tests;
