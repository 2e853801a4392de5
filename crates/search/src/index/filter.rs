//! Filters (phase, actor, region, visibility) and facet counts.

use std::collections::BTreeMap;

use crate::types::{Document, FacetCount, Facets, Query};

/// Whether a document passes the query's filters. Phases and actors match if any of the
/// wanted values is present; an empty list does not filter.
pub fn passes(doc: &Document, query: &Query) -> bool {
    (doc.published || query.include_drafts)
        && any_of(&doc.phases, &query.phases)
        && any_of(&doc.actors, &query.actors)
        && query
            .region
            .as_ref()
            .is_none_or(|r| doc.region.as_ref() == Some(r))
}

fn any_of(values: &[String], wanted: &[String]) -> bool {
    wanted.is_empty() || wanted.iter().any(|w| values.contains(w))
}

/// Counts per phase, actor and region over `docs`, most frequent first, then alphabetical.
pub fn facets<'a>(docs: impl Iterator<Item = &'a Document>) -> Facets {
    let mut phases = BTreeMap::new();
    let mut actors = BTreeMap::new();
    let mut regions = BTreeMap::new();
    for doc in docs {
        for phase in &doc.phases {
            *phases.entry(phase.as_str()).or_insert(0) += 1;
        }
        for actor in &doc.actors {
            *actors.entry(actor.as_str()).or_insert(0) += 1;
        }
        if let Some(region) = &doc.region {
            *regions.entry(region.as_str()).or_insert(0) += 1;
        }
    }
    Facets {
        phases: sorted(phases),
        actors: sorted(actors),
        regions: sorted(regions),
    }
}

fn sorted(counts: BTreeMap<&str, usize>) -> Vec<FacetCount> {
    let mut out: Vec<FacetCount> = counts
        .into_iter()
        .map(|(value, count)| FacetCount {
            value: value.to_string(),
            count,
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(phases: &[&str], actors: &[&str], region: Option<&str>, published: bool) -> Document {
        Document {
            phases: phases.iter().map(|s| s.to_string()).collect(),
            actors: actors.iter().map(|s| s.to_string()).collect(),
            region: region.map(str::to_string),
            published,
            ..Document::default()
        }
    }

    fn query(phases: &[&str], actors: &[&str], region: Option<&str>, drafts: bool) -> Query {
        Query {
            phases: phases.iter().map(|s| s.to_string()).collect(),
            actors: actors.iter().map(|s| s.to_string()).collect(),
            region: region.map(str::to_string),
            include_drafts: drafts,
            ..Query::default()
        }
    }

    #[test]
    fn filters_by_any_phase_any_actor_exact_region_and_visibility() {
        let d = doc(
            &["vroeg", "nazorg"],
            &["gemeente"],
            Some("Haaglanden"),
            true,
        );
        let draft = doc(&["vroeg"], &[], None, false);
        let cases = [
            (&d, query(&[], &[], None, false), true),
            (
                &d,
                query(&["nazorg", "dagvaarding"], &[], None, false),
                true,
            ),
            (&d, query(&["dagvaarding"], &[], None, false), false),
            (
                &d,
                query(&[], &["gemeente", "corporatie"], None, false),
                true,
            ),
            (&d, query(&[], &["corporatie"], None, false), false),
            (&d, query(&[], &[], Some("Haaglanden"), false), true),
            (&d, query(&[], &[], Some("haaglanden"), false), false),
            (&draft, query(&[], &[], None, false), false),
            (&draft, query(&[], &[], None, true), true),
            (&draft, query(&[], &[], Some("Haaglanden"), true), false),
        ];
        for (i, (doc, query, want)) in cases.into_iter().enumerate() {
            assert_eq!(passes(doc, &query), want, "case {i}");
        }
    }

    #[test]
    fn facets_count_and_sort() {
        let docs = [
            doc(&["vroeg"], &["gemeente"], Some("Utrecht"), true),
            doc(&["vroeg", "nazorg"], &["corporatie"], None, true),
            doc(&["nazorg"], &["gemeente"], Some("Utrecht"), true),
            doc(&["vroeg"], &[], Some("Amsterdam"), true),
        ];
        let facets = facets(docs.iter());
        let pairs = |counts: &[FacetCount]| -> Vec<(String, usize)> {
            counts.iter().map(|c| (c.value.clone(), c.count)).collect()
        };
        assert_eq!(
            pairs(&facets.phases),
            [("vroeg".into(), 3), ("nazorg".into(), 2)]
        );
        assert_eq!(
            pairs(&facets.actors),
            [("gemeente".into(), 2), ("corporatie".into(), 1)]
        );
        assert_eq!(
            pairs(&facets.regions),
            [("Utrecht".into(), 2), ("Amsterdam".into(), 1)]
        );
    }
}
