//! The in-memory index. Each app node keeps one, rebuilt from the database on start and
//! updated on every publish; the database stays the source of truth.

mod affixes;
mod meta;
mod plan;
mod score;
mod terms;
mod write;

use crate::analysis::Stemmer;
use crate::compound::Lexicon;
use crate::hash::FastMap;
use crate::snippet;
use crate::synonyms::Synonyms;
use crate::types::{Document, Hit, Query, Results};

use affixes::Affixes;
use meta::{Labels, Meta};
use plan::SynonymTable;
use terms::{Terms, FIELDS};

/// What the index knows about a folded word: its stem and the stems of its compound parts.
/// Computed once per distinct word (splitting is the expensive step) and reused for snippets.
#[derive(Debug, Clone)]
struct WordInfo {
    stem: u32,
    parts: Box<[u32]>,
}

#[derive(Debug, Clone)]
struct Stored {
    doc: Document,
    /// Every term id with a posting for this document, to remove them again.
    terms: Vec<u32>,
}

/// A Dutch full-text index of kennisbank practices. `Send + Sync`: the web layer holds it in
/// an `RwLock` and searches concurrently.
#[derive(Debug)]
pub struct Index {
    stemmer: Stemmer,
    lexicon: Lexicon,
    synonyms: SynonymTable,
    words: FastMap<Box<str>, WordInfo>,
    /// The same words sorted, for the compounds around a word the index does not hold.
    affixes: Affixes,
    terms: Terms,
    docs: Vec<Option<Stored>>,
    /// Per slot, next to `docs`: what ranking and filtering read for every match.
    meta: Vec<Option<Meta>>,
    labels: Labels,
    free: Vec<u32>,
    slots: FastMap<i64, u32>,
    length_sums: [u64; FIELDS],
}

impl Index {
    pub fn new(synonyms: Synonyms) -> Self {
        let stemmer = Stemmer::dutch();
        Self {
            synonyms: SynonymTable::new(&synonyms, &stemmer),
            stemmer,
            lexicon: Lexicon::seeded(),
            words: FastMap::default(),
            affixes: Affixes::default(),
            terms: Terms::default(),
            docs: Vec::new(),
            meta: Vec::new(),
            labels: Labels::default(),
            free: Vec::new(),
            slots: FastMap::default(),
            length_sums: [0; FIELDS],
        }
    }

    /// The number of documents, drafts included.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Swaps the synonym list; takes effect for the next search, no reindexing needed.
    pub fn set_synonyms(&mut self, synonyms: Synonyms) {
        self.synonyms = SynonymTable::new(&synonyms, &self.stemmer);
    }

    pub fn search(&self, query: &Query) -> Results {
        let plan = plan::plan(self, &query.text);
        let filter = self.labels.filter(query);
        let wanted = query.offset.saturating_add(query.limit);
        let mut ranked = score::rank(self, &plan, &filter, wanted);
        let facets = self.labels.facets(ranked.iter().map(|r| self.meta(r.slot)));
        let total = ranked.len();
        let page: Vec<_> = ranked
            .drain(..)
            .skip(query.offset)
            .take(query.limit)
            .collect();
        let hits = page
            .into_iter()
            .map(|r| self.hit(r.slot, r.score, &plan.highlight))
            .collect();
        Results {
            total,
            hits,
            facets,
        }
    }

    fn hit(&self, slot: u32, score: f32, highlight: &[u32]) -> Hit {
        let doc = &self.stored(slot).doc;
        let matches = |word: &str| self.word_matches(word, highlight);
        Hit {
            id: doc.id,
            slug: doc.slug.clone(),
            title: doc.title.clone(),
            summary: doc.summary.clone(),
            score,
            phases: doc.phases.clone(),
            actors: doc.actors.clone(),
            region: doc.region.clone(),
            updated: doc.updated,
            snippet: snippet::build(&doc.body, &doc.summary, &matches),
        }
    }

    /// The term of `word` that one of `wanted` matches (the word itself or a part), if any.
    fn word_matches(&self, word: &str, wanted: &[u32]) -> Option<u32> {
        let info = self.words.get(word)?;
        std::iter::once(&info.stem)
            .chain(info.parts.iter())
            .find(|t| wanted.contains(t))
            .copied()
    }

    fn stored(&self, slot: u32) -> &Stored {
        self.docs[slot as usize]
            .as_ref()
            .expect("ranked slots hold documents")
    }

    fn meta(&self, slot: u32) -> &Meta {
        self.meta[slot as usize]
            .as_ref()
            .expect("ranked slots hold documents")
    }
}

#[cfg(test)]
mod tests;
