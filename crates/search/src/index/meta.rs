//! What filtering, facets and ordering need of a document, kept apart from its text in a small
//! dense record with its labels (phases, actors, region) as numbers: a query touches every
//! matching document, and comparing strings there was most of a search's time.

use std::collections::HashMap;

use super::terms::FIELDS;
use crate::types::{Document, FacetCount, Facets, Query};

/// Label strings ↔ numbers. Values are never forgotten; a value no document has any more
/// simply counts zero and is left out of the facets.
#[derive(Debug, Default, Clone)]
struct Interner {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(name.to_string(), id);
        self.names.push(name.to_string());
        id
    }

    fn get(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
    }
}

#[derive(Debug, Clone)]
pub struct Meta {
    pub id: i64,
    pub updated: i32,
    pub published: bool,
    /// Words per field (title, summary, body), for BM25's length normalisation.
    pub lengths: [u32; FIELDS],
    phases: Box<[u32]>,
    actors: Box<[u32]>,
    region: Option<u32>,
}

/// The label vocabularies of the index.
#[derive(Debug, Default, Clone)]
pub struct Labels {
    phases: Interner,
    actors: Interner,
    regions: Interner,
}

/// A query's filters in label numbers. `Some(empty)`: the query wants a value no document
/// has, so nothing passes.
#[derive(Debug, Clone)]
pub struct Filter {
    drafts: bool,
    phases: Option<Vec<u32>>,
    actors: Option<Vec<u32>>,
    region: Option<Option<u32>>,
}

impl Filter {
    /// Published (or drafts included), any of the phases, any of the actors, exactly the region.
    pub fn passes(&self, meta: &Meta) -> bool {
        (meta.published || self.drafts)
            && any_of(&meta.phases, self.phases.as_deref())
            && any_of(&meta.actors, self.actors.as_deref())
            && self.region.is_none_or(|r| r.is_some() && meta.region == r)
    }
}

fn any_of(values: &[u32], wanted: Option<&[u32]>) -> bool {
    wanted.is_none_or(|w| w.iter().any(|v| values.contains(v)))
}

impl Labels {
    pub fn meta(&mut self, doc: &Document, lengths: [u32; FIELDS]) -> Meta {
        let intern = |interner: &mut Interner, values: &[String]| -> Box<[u32]> {
            values.iter().map(|v| interner.intern(v)).collect()
        };
        Meta {
            id: doc.id,
            updated: doc.updated,
            published: doc.published,
            lengths,
            phases: intern(&mut self.phases, &doc.phases),
            actors: intern(&mut self.actors, &doc.actors),
            region: doc.region.as_deref().map(|r| self.regions.intern(r)),
        }
    }

    pub fn filter(&self, query: &Query) -> Filter {
        let ids = |interner: &Interner, values: &[String]| -> Option<Vec<u32>> {
            (!values.is_empty()).then(|| values.iter().filter_map(|v| interner.get(v)).collect())
        };
        Filter {
            drafts: query.include_drafts,
            phases: ids(&self.phases, &query.phases),
            actors: ids(&self.actors, &query.actors),
            region: query.region.as_deref().map(|r| self.regions.get(r)),
        }
    }

    /// Counts per phase, actor and region over `metas`, most frequent first, then alphabetical.
    pub fn facets<'a>(&self, metas: impl Iterator<Item = &'a Meta>) -> Facets {
        let mut phases = vec![0; self.phases.names.len()];
        let mut actors = vec![0; self.actors.names.len()];
        let mut regions = vec![0; self.regions.names.len()];
        for meta in metas {
            meta.phases.iter().for_each(|&p| phases[p as usize] += 1);
            meta.actors.iter().for_each(|&a| actors[a as usize] += 1);
            if let Some(r) = meta.region {
                regions[r as usize] += 1;
            }
        }
        Facets {
            phases: sorted(&self.phases, &phases),
            actors: sorted(&self.actors, &actors),
            regions: sorted(&self.regions, &regions),
        }
    }
}

fn sorted(interner: &Interner, counts: &[usize]) -> Vec<FacetCount> {
    let mut out: Vec<FacetCount> = counts
        .iter()
        .enumerate()
        .filter(|(_, &count)| count > 0)
        .map(|(id, &count)| FacetCount {
            value: interner.names[id].clone(),
            count,
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|s| s.to_string()).collect()
    }

    fn doc(phases: &[&str], actors: &[&str], region: Option<&str>, published: bool) -> Document {
        Document {
            phases: strings(phases),
            actors: strings(actors),
            region: region.map(str::to_string),
            published,
            ..Document::default()
        }
    }

    fn query(phases: &[&str], actors: &[&str], region: Option<&str>, drafts: bool) -> Query {
        Query {
            phases: strings(phases),
            actors: strings(actors),
            region: region.map(str::to_string),
            include_drafts: drafts,
            ..Query::default()
        }
    }

    #[test]
    fn filters_by_any_phase_any_actor_exact_region_and_visibility() {
        let mut labels = Labels::default();
        let d = labels.meta(
            &doc(
                &["vroeg", "nazorg"],
                &["gemeente"],
                Some("Haaglanden"),
                true,
            ),
            [0; 3],
        );
        let draft = labels.meta(&doc(&["vroeg"], &[], None, false), [0; 3]);
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
            (&draft, query(&[], &[], Some("Nergens"), true), false),
        ];
        for (i, (meta, query, want)) in cases.into_iter().enumerate() {
            assert_eq!(labels.filter(&query).passes(meta), want, "case {i}");
        }
    }

    #[test]
    fn facets_count_and_sort() {
        let mut labels = Labels::default();
        let docs = [
            doc(&["vroeg"], &["gemeente"], Some("Utrecht"), true),
            doc(&["vroeg", "nazorg"], &["corporatie"], None, true),
            doc(&["nazorg"], &["gemeente"], Some("Utrecht"), true),
            doc(&["vroeg"], &[], Some("Amsterdam"), true),
            doc(&["ongebruikt"], &[], None, true),
        ];
        let metas: Vec<Meta> = docs.iter().map(|d| labels.meta(d, [0; 3])).collect();
        let facets = labels.facets(metas[..4].iter());
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
