//! The in-memory index. Each app node keeps one, rebuilt from the database on start and
//! updated on every publish; the database stays the source of truth.

mod meta;
mod plan;
mod score;
mod terms;

use std::collections::HashMap;

use crate::analysis::{is_stop_word, tokenize, Stemmer};
use crate::compound::Lexicon;
use crate::snippet;
use crate::synonyms::Synonyms;
use crate::types::{Document, Hit, Query, Results};

use meta::{Labels, Meta};
use plan::SynonymTable;
use terms::{Posting, Terms, FIELDS};

/// How much a compound's part counts next to the word itself: `achterstand` finds
/// `huurachterstand`, but a text that says `achterstand` outright ranks higher.
const PART_WEIGHT: f32 = 0.5;

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
    words: HashMap<Box<str>, WordInfo>,
    terms: Terms,
    docs: Vec<Option<Stored>>,
    /// Per slot, next to `docs`: what ranking and filtering read for every match.
    meta: Vec<Option<Meta>>,
    labels: Labels,
    free: Vec<u32>,
    slots: HashMap<i64, u32>,
    length_sums: [u64; FIELDS],
}

impl Index {
    pub fn new(synonyms: Synonyms) -> Self {
        let stemmer = Stemmer::dutch();
        Self {
            synonyms: SynonymTable::new(&synonyms, &stemmer),
            stemmer,
            lexicon: Lexicon::seeded(),
            words: HashMap::new(),
            terms: Terms::default(),
            docs: Vec::new(),
            meta: Vec::new(),
            labels: Labels::default(),
            free: Vec::new(),
            slots: HashMap::new(),
            length_sums: [0; FIELDS],
        }
    }

    /// Replaces the whole contents. The lexicon first learns every word of every document, so
    /// a compound is split by parts that only appear in later documents too.
    pub fn rebuild(&mut self, docs: Vec<Document>) {
        let synonyms = std::mem::take(&mut self.synonyms);
        *self = Self {
            synonyms,
            ..Self::new(Synonyms::none())
        };
        for doc in &docs {
            self.learn(doc);
        }
        for doc in docs {
            self.insert(doc);
        }
    }

    /// Adds a document, or replaces the one with the same id. Words seen for the first time
    /// join the lexicon, but words indexed earlier are not split again by them: a rebuild
    /// catches up.
    pub fn upsert(&mut self, doc: Document) {
        self.remove(doc.id);
        self.learn(&doc);
        self.insert(doc);
    }

    /// Removes a document; unknown ids are ignored.
    pub fn remove(&mut self, id: i64) {
        let Some(slot) = self.slots.remove(&id) else {
            return;
        };
        let (Some(stored), Some(meta)) = (
            self.docs[slot as usize].take(),
            self.meta[slot as usize].take(),
        ) else {
            return;
        };
        for term in &stored.terms {
            self.terms.remove(*term, slot);
        }
        for (sum, len) in self.length_sums.iter_mut().zip(meta.lengths) {
            *sum -= u64::from(len);
        }
        self.free.push(slot);
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

    fn learn(&mut self, doc: &Document) {
        for text in [&doc.title, &doc.summary, &doc.body] {
            for token in tokenize(text) {
                self.lexicon.learn(&token.word);
            }
        }
    }

    fn insert(&mut self, doc: Document) {
        let slot = self.free.pop().unwrap_or(self.docs.len() as u32);
        let mut tf: HashMap<u32, [f32; FIELDS]> = HashMap::new();
        let mut lengths = [0u32; FIELDS];
        for (field, text) in [&doc.title, &doc.summary, &doc.body]
            .into_iter()
            .enumerate()
        {
            for token in tokenize(text) {
                lengths[field] += 1;
                if !self.words.contains_key(token.word.as_str()) {
                    self.cache_word(&token.word);
                }
                let info = &self.words[token.word.as_str()];
                tf.entry(info.stem).or_default()[field] += 1.0;
                for part in info.parts.iter() {
                    tf.entry(*part).or_default()[field] += PART_WEIGHT;
                }
            }
        }
        let mut terms: Vec<u32> = tf.keys().copied().collect();
        terms.sort_unstable();
        for (&term, &tf) in &tf {
            self.terms.add(term, Posting { slot, tf });
        }
        for (sum, len) in self.length_sums.iter_mut().zip(lengths) {
            *sum += u64::from(len);
        }
        self.slots.insert(doc.id, slot);
        let meta = self.labels.meta(&doc, lengths);
        let stored = Stored { doc, terms };
        if slot as usize == self.docs.len() {
            self.docs.push(Some(stored));
            self.meta.push(Some(meta));
        } else {
            self.docs[slot as usize] = Some(stored);
            self.meta[slot as usize] = Some(meta);
        }
    }

    fn cache_word(&mut self, word: &str) {
        let stem = self.terms.intern(&self.stemmer.stem(word));
        let mut parts: Vec<u32> = Vec::new();
        if !is_stop_word(word) {
            for part in self.lexicon.all_parts(word) {
                let id = self.terms.intern(&self.stemmer.stem(&part));
                if id != stem && !parts.contains(&id) {
                    parts.push(id);
                }
            }
        }
        let parts = parts.into();
        self.words.insert(word.into(), WordInfo { stem, parts });
    }
}

#[cfg(test)]
mod tests;
