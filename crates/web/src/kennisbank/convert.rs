//! The domain's checked content as the store keeps it, and back. The store
//! holds phases and actors as slugs (it checks them, but knows no enums);
//! the domain's validated `PracticeContent` is the only way in, so nothing
//! unchecked reaches a revision.

use vangnet_domain::kennisbank::{ActorKind, Figure, Link, Phase, PracticeContent};
use vangnet_store::kennisbank::{self as stored, RevisionContent};

pub fn to_store(content: &PracticeContent) -> RevisionContent {
    RevisionContent {
        title: content.title.clone(),
        summary: content.summary.clone(),
        body_md: content.body_md.clone(),
        phases: content
            .phases
            .iter()
            .map(|p| p.slug().to_string())
            .collect(),
        actors: content
            .actors
            .iter()
            .map(|a| a.slug().to_string())
            .collect(),
        region: content.region.clone(),
        organisation: content.organisation.clone(),
        contact: content.contact.clone(),
        results: content.results.clone(),
        figures: content
            .figures
            .iter()
            .map(|f| stored::Figure {
                label: f.label.clone(),
                value: f.value.clone(),
            })
            .collect(),
        links: content
            .links
            .iter()
            .map(|l| stored::Link {
                title: l.title.clone(),
                url: l.url.clone(),
            })
            .collect(),
        review_by: content.review_by,
    }
}

/// A stored revision as domain content, for export and for comparing.
/// Slugs the domain no longer knows are dropped rather than failing the
/// whole practice.
pub fn from_store(content: &RevisionContent) -> PracticeContent {
    PracticeContent {
        title: content.title.clone(),
        summary: content.summary.clone(),
        body_md: content.body_md.clone(),
        phases: content
            .phases
            .iter()
            .filter_map(|s| Phase::from_slug(s))
            .collect(),
        actors: content
            .actors
            .iter()
            .filter_map(|s| ActorKind::from_slug(s))
            .collect(),
        region: content.region.clone(),
        organisation: content.organisation.clone(),
        contact: content.contact.clone(),
        results: content.results.clone(),
        figures: content
            .figures
            .iter()
            .map(|f| Figure {
                label: f.label.clone(),
                value: f.value.clone(),
            })
            .collect(),
        links: content
            .links
            .iter()
            .map(|l| Link {
                title: l.title.clone(),
                url: l.url.clone(),
            })
            .collect(),
        review_by: content.review_by,
    }
}

/// Dutch labels of stored phase slugs, in zeef order.
pub fn phase_labels(slugs: &[String]) -> Vec<(&'static str, &'static str)> {
    Phase::ALL
        .iter()
        .filter(|p| slugs.iter().any(|s| s == p.slug()))
        .map(|p| (p.slug(), p.label_nl()))
        .collect()
}

/// Dutch labels of stored actor slugs, joined for a line of text.
pub fn actor_labels(slugs: &[String]) -> String {
    ActorKind::ALL
        .iter()
        .filter(|a| slugs.iter().any(|s| s == a.slug()))
        .map(|a| a.label_nl())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_survives_the_store_unchanged() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../content/kennisbank/huisbezoek-binnen-vijf-werkdagen.md"
        ))
        .expect("the demo practice is in the repository");
        let file = vangnet_domain::kennisbank::parse_file(&text).expect("a demo practice");
        let mut content = file.content;
        content.figures.push(Figure {
            label: "Bereikt".into(),
            value: "82%".into(),
        });
        content.links.push(Link {
            title: "Convenant".into(),
            url: "https://example.org/c".into(),
        });
        let back = from_store(&to_store(&content));
        assert_eq!(back, content);
        assert_eq!(back.content_hash(), content.content_hash());
        assert_eq!(
            actor_labels(&to_store(&content).actors),
            "Gemeente, Woningcorporatie, Huurder"
        );
    }
}
