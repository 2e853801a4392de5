//! The write path: adding, replacing and removing documents.

use super::terms::{Posting, FIELDS};
use super::{Index, Meta, Stored, WordInfo};
use crate::analysis::{for_each_word, is_stop_word};
use crate::hash::FastMap;
use crate::synonyms::Synonyms;
use crate::types::Document;

/// How much a compound's part counts next to the word itself: `achterstand` finds
/// `huurachterstand`, but a text that says `achterstand` outright ranks higher.
const PART_WEIGHT: f32 = 0.5;

/// Term frequencies per field of one document.
type Frequencies = FastMap<u32, [f32; FIELDS]>;

impl Index {
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
        self.affixes.defer();
        for doc in docs {
            self.index(doc);
        }
        self.affixes.settle();
    }

    /// Adds a document, or replaces the one with the same id. Words seen for the first time
    /// join the lexicon, but words indexed earlier are not split again by them: a rebuild
    /// catches up.
    pub fn upsert(&mut self, doc: Document) {
        self.learn(&doc);
        self.index(doc);
    }

    /// Removes a document; unknown ids are ignored.
    pub fn remove(&mut self, id: i64) {
        let Some(slot) = self.slots.remove(&id) else {
            return;
        };
        for term in self.vacate(slot) {
            self.terms.remove(term, slot);
        }
        self.free.push(slot);
    }

    fn learn(&mut self, doc: &Document) {
        for text in [&doc.title, &doc.summary, &doc.body] {
            for_each_word(text, |word, _, _| self.lexicon.learn(word));
        }
    }

    /// Indexes `doc`. A replaced document keeps its slot, so postings of terms it still has
    /// are overwritten in place instead of being removed and inserted again.
    fn index(&mut self, doc: Document) {
        let (tf, lengths) = self.frequencies(&doc);
        let (slot, old_terms) = match self.slots.get(&doc.id) {
            Some(&slot) => (slot, self.vacate(slot)),
            None => (
                self.free.pop().unwrap_or(self.docs.len() as u32),
                Vec::new(),
            ),
        };
        let mut terms: Vec<u32> = tf.keys().copied().collect();
        terms.sort_unstable();
        for old in old_terms {
            if terms.binary_search(&old).is_err() {
                self.terms.remove(old, slot);
            }
        }
        for (&term, &tf) in &tf {
            self.terms.add(term, Posting { slot, tf });
        }
        for (sum, len) in self.length_sums.iter_mut().zip(lengths) {
            *sum += u64::from(len);
        }
        self.slots.insert(doc.id, slot);
        let meta = self.labels.meta(&doc, lengths);
        self.place(slot, Stored { doc, terms }, meta);
    }

    /// Empties a slot (its postings stay until the caller deals with them); returns the terms
    /// it had postings for.
    fn vacate(&mut self, slot: u32) -> Vec<u32> {
        let stored = self.docs[slot as usize].take();
        if let Some(meta) = self.meta[slot as usize].take() {
            for (sum, len) in self.length_sums.iter_mut().zip(meta.lengths) {
                *sum -= u64::from(len);
            }
        }
        stored.map(|s| s.terms).unwrap_or_default()
    }

    fn place(&mut self, slot: u32, stored: Stored, meta: Meta) {
        if slot as usize == self.docs.len() {
            self.docs.push(Some(stored));
            self.meta.push(Some(meta));
        } else {
            self.docs[slot as usize] = Some(stored);
            self.meta[slot as usize] = Some(meta);
        }
    }

    /// Term frequencies per field (a compound's parts count `PART_WEIGHT`) and field lengths.
    fn frequencies(&mut self, doc: &Document) -> (Frequencies, [u32; FIELDS]) {
        let mut tf = Frequencies::default();
        let mut lengths = [0u32; FIELDS];
        for (field, text) in [&doc.title, &doc.summary, &doc.body]
            .into_iter()
            .enumerate()
        {
            for_each_word(text, |word, _, _| {
                lengths[field] += 1;
                if !self.words.contains_key(word) {
                    self.cache_word(word);
                }
                let info = &self.words[word];
                tf.entry(info.stem).or_default()[field] += 1.0;
                for part in info.parts.iter() {
                    tf.entry(*part).or_default()[field] += PART_WEIGHT;
                }
            });
        }
        (tf, lengths)
    }

    /// Stems a new word and splits it into parts, once per distinct word.
    fn cache_word(&mut self, word: &str) {
        let stem = self.terms.intern(&self.stemmer.stem(word));
        let mut parts: Vec<u32> = Vec::new();
        if !is_stop_word(word) {
            self.affixes.insert(word);
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
