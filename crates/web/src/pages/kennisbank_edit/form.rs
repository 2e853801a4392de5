//! The practice form every contribution page shares: its values (sent,
//! prefilled or empty), the domain content it makes, and its errors linked
//! to their inputs.

use chrono::NaiveDate;
use vangnet_domain::kennisbank::{ActorKind, Phase, PracticeContent};
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
    pub review_by: Option<NaiveDate>,
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
            review_by: content.review_by,
        }
    }

    /// The content for the domain to check; figures, links and a proposed
    /// review-by date (kept from `base`, the text being edited) are not on
    /// the form.
    pub fn content(&self, base: Option<&RevisionContent>) -> PracticeContent {
        let opt = |v: &str| (!v.trim().is_empty()).then(|| v.to_string());
        let kept = base.map(super::super::super::kennisbank::convert::from_store);
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
            figures: kept.as_ref().map(|k| k.figures.clone()).unwrap_or_default(),
            links: kept.as_ref().map(|k| k.links.clone()).unwrap_or_default(),
            review_by: self.review_by,
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
        assert_eq!(
            error_lines(&[FieldError {
                field: "links[0].url".into(),
                reason: "x".into()
            }])[0]
                .label,
            "Invoer"
        );
        assert_eq!(parse_day("01-02-2027"), NaiveDate::from_ymd_opt(2027, 2, 1));
    }
}
