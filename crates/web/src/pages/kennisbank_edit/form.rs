//! The practice form every contribution page shares: its values (sent,
//! prefilled or empty), the domain content it makes, and its errors linked
//! to their inputs.

use chrono::NaiveDate;
use vangnet_domain::kennisbank::{ActorKind, Figure, Link, Phase, PracticeContent};
use vangnet_domain::FieldError;
use vangnet_store::kennisbank::RevisionContent;

/// A sent form as pairs: checkbox groups repeat their name.
pub type Pairs = Vec<(String, String)>;

pub fn value<'a>(pairs: &'a Pairs, name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

fn all<'a>(pairs: &'a Pairs, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    pairs
        .iter()
        .filter(move |(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// One checkbox: slug, Dutch label, checked.
pub struct Choice {
    pub slug: &'static str,
    pub label: &'static str,
    pub checked: bool,
}

pub struct Values {
    pub title: String,
    pub summary: String,
    pub body_md: String,
    pub region: String,
    pub organisation: String,
    pub contact: String,
    pub results: String,
    pub phases: Vec<Choice>,
    pub actors: Vec<Choice>,
    /// (label, value) rows; empty rows are left out of the content.
    pub figures: Vec<(String, String)>,
    /// (title, url) rows.
    pub links: Vec<(String, String)>,
    pub review_by: Option<NaiveDate>,
}

/// Rows the form offers beyond those already filled: enough for a few
/// figures or links without any script to add rows.
const SPARE_ROWS: usize = 3;

/// The filled rows plus spare empty ones.
fn rows(filled: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut rows = filled;
    rows.extend(std::iter::repeat_n(
        (String::new(), String::new()),
        SPARE_ROWS,
    ));
    rows
}

/// The `prefix_a_N` / `prefix_b_N` pairs of a sent form, in row order.
fn sent_rows(pairs: &Pairs, a: &str, b: &str) -> Vec<(String, String)> {
    (1..)
        .map(|n| (format!("{a}_{n}"), format!("{b}_{n}")))
        .take_while(|(ka, kb)| pairs.iter().any(|(k, _)| k == ka || k == kb))
        .map(|(ka, kb)| (value(pairs, &ka).to_string(), value(pairs, &kb).to_string()))
        .collect()
}

fn filled(rows: &[(String, String)]) -> impl Iterator<Item = (&str, &str)> {
    rows.iter()
        .map(|(a, b)| (a.trim(), b.trim()))
        .filter(|(a, b)| !a.is_empty() || !b.is_empty())
}

fn phases(checked: &[&str]) -> Vec<Choice> {
    Phase::ALL
        .iter()
        .map(|p| Choice {
            slug: p.slug(),
            label: p.label_nl(),
            checked: checked.contains(&p.slug()),
        })
        .collect()
}

fn actors(checked: &[&str]) -> Vec<Choice> {
    ActorKind::ALL
        .iter()
        .map(|a| Choice {
            slug: a.slug(),
            label: a.label_nl(),
            checked: checked.contains(&a.slug()),
        })
        .collect()
}

impl Values {
    pub fn empty(organisation: &str) -> Values {
        Values {
            title: String::new(),
            summary: String::new(),
            body_md: String::new(),
            region: String::new(),
            organisation: organisation.into(),
            contact: String::new(),
            results: String::new(),
            phases: phases(&[]),
            actors: actors(&[]),
            figures: rows(Vec::new()),
            links: rows(Vec::new()),
            review_by: None,
        }
    }

    pub fn sent(pairs: &Pairs) -> Values {
        let p: Vec<&str> = all(pairs, "phases").collect();
        let a: Vec<&str> = all(pairs, "actors").collect();
        Values {
            title: value(pairs, "title").into(),
            summary: value(pairs, "summary").into(),
            body_md: value(pairs, "body_md").into(),
            region: value(pairs, "region").into(),
            organisation: value(pairs, "organisation").into(),
            contact: value(pairs, "contact").into(),
            results: value(pairs, "results").into(),
            phases: phases(&p),
            actors: actors(&a),
            figures: sent_rows(pairs, "figure_label", "figure_value"),
            links: sent_rows(pairs, "link_title", "link_url"),
            review_by: None,
        }
    }

    pub fn stored(content: &RevisionContent) -> Values {
        let p: Vec<&str> = content.phases.iter().map(String::as_str).collect();
        let a: Vec<&str> = content.actors.iter().map(String::as_str).collect();
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        Values {
            title: content.title.clone(),
            summary: content.summary.clone(),
            body_md: content.body_md.clone(),
            region: text(&content.region),
            organisation: text(&content.organisation),
            contact: text(&content.contact),
            results: text(&content.results),
            phases: phases(&p),
            actors: actors(&a),
            figures: rows(
                content
                    .figures
                    .iter()
                    .map(|f| (f.label.clone(), f.value.clone()))
                    .collect(),
            ),
            links: rows(
                content
                    .links
                    .iter()
                    .map(|l| (l.title.clone(), l.url.clone()))
                    .collect(),
            ),
            review_by: content.review_by,
        }
    }

    /// The content for the domain to check; a proposed review-by date
    /// (kept from `base`, the text being edited) is not on the form.
    pub fn content(&self, base: Option<&RevisionContent>) -> PracticeContent {
        let opt = |v: &str| (!v.trim().is_empty()).then(|| v.to_string());
        let review_by = base.and_then(|b| b.review_by).or(self.review_by);
        PracticeContent {
            title: self.title.clone(),
            summary: self.summary.clone(),
            body_md: self.body_md.clone(),
            phases: self
                .phases
                .iter()
                .filter(|c| c.checked)
                .filter_map(|c| Phase::from_slug(c.slug))
                .collect(),
            actors: self
                .actors
                .iter()
                .filter(|c| c.checked)
                .filter_map(|c| ActorKind::from_slug(c.slug))
                .collect(),
            region: opt(&self.region),
            organisation: opt(&self.organisation),
            contact: opt(&self.contact),
            results: opt(&self.results),
            figures: filled(&self.figures)
                .map(|(label, value)| Figure {
                    label: label.into(),
                    value: value.into(),
                })
                .collect(),
            links: filled(&self.links)
                .map(|(title, url)| Link {
                    title: title.into(),
                    url: url.into(),
                })
                .collect(),
            review_by,
        }
    }
}

/// One line of the error summary: the input's id, its label, the reason.
pub struct ErrorLine {
    pub anchor: String,
    pub label: &'static str,
    pub reason: String,
}

fn label(field: &str) -> (&'static str, &'static str) {
    match field.split(['.', '[']).next().unwrap_or(field) {
        "title" => ("f-title", "Titel"),
        "summary" => ("f-summary", "Samenvatting"),
        "body_md" => ("f-body_md", "Beschrijving"),
        "phases" => ("f-phases", "Fasen"),
        "actors" => ("f-actors", "Betrokken partijen"),
        "region" => ("f-region", "Regio"),
        "organisation" => ("f-organisation", "Organisatie"),
        "contact" => ("f-contact", "Contact"),
        "results" => ("f-results", "Resultaten"),
        "name" => ("f-name", "Uw naam"),
        "email" => ("f-email", "Uw e-mailadres"),
        "body" => ("f-body", "Reactie"),
        "reason" => ("f-reason", "Reden"),
        "review_by" => ("f-review_by", "Herzien vóór"),
        "figures" => ("f-figures", "Cijfers"),
        "links" => ("f-links", "Links"),
        "synonyms" => ("f-synonyms", "Synoniemen"),
        "status" => ("f-status", "Status"),
        "file" => ("f-file", "Bijlage"),
        _ => ("f-title", "Invoer"),
    }
}

pub fn error_lines(errors: &[FieldError]) -> Vec<ErrorLine> {
    errors
        .iter()
        .map(|e| {
            let (anchor, label) = label(&e.field);
            ErrorLine {
                anchor: anchor.into(),
                label,
                reason: e.reason.clone(),
            }
        })
        .collect()
}

/// Just a reason, for a form with one field.
pub fn one_error(field: &str, reason: impl Into<String>) -> Vec<ErrorLine> {
    error_lines(&[FieldError {
        field: field.into(),
        reason: reason.into(),
    }])
}

/// "23-11-2026", or an error for the field.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d-%m-%Y"))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sent_form_becomes_content_with_its_checked_choices() {
        let pairs: Pairs = vec![
            ("title".into(), "Huisbezoek".into()),
            ("phases".into(), "preventie".into()),
            ("phases".into(), "horizon".into()),
            ("actors".into(), "gemeente".into()),
            ("region".into(), "  ".into()),
        ];
        let content = Values::sent(&pairs).content(None);
        assert_eq!(content.phases, [Phase::Prevention, Phase::Horizon]);
        assert_eq!(content.actors.len(), 1);
        assert_eq!(content.region, None);
        assert!(content.figures.is_empty() && content.links.is_empty());
        let mut pairs = pairs;
        pairs.extend([
            ("figure_label_1".into(), "Voorkomen ontruimingen".into()),
            ("figure_value_1".into(), "42".into()),
            ("figure_label_2".into(), "".into()),
            ("figure_value_2".into(), "".into()),
            ("link_title_1".into(), "".into()),
            ("link_url_1".into(), "".into()),
            ("link_title_2".into(), "Rapport".into()),
            ("link_url_2".into(), "https://example.org/r".into()),
        ]);
        let values = Values::sent(&pairs);
        assert_eq!(values.figures.len(), 2, "sent rows, in order");
        let content = values.content(None);
        assert_eq!(content.figures.len(), 1, "empty rows are left out");
        assert_eq!(content.links[0].url, "https://example.org/r");
        assert_eq!(
            error_lines(&[FieldError {
                field: "links[0].url".into(),
                reason: "x".into()
            }])[0]
                .label,
            "Links"
        );
        assert_eq!(parse_day("01-02-2027"), NaiveDate::from_ymd_opt(2027, 2, 1));
    }
}
