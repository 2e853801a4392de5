//! The term dictionary and its postings: for each stem, which documents hold it and how often
//! in each field. Term ids are never reused, so a cached word keeps pointing at its stem.

use crate::hash::FastMap;

use crate::fuzzy::FuzzyIndex;

/// Title, summary, body.
pub const FIELDS: usize = 3;

/// One document's occurrences of a term, per field. A compound's parts count for less than
/// the word itself (see `PART_WEIGHT` in `mod.rs`), hence `f32`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Posting {
    pub slot: u32,
    pub tf: [f32; FIELDS],
}

/// Postings are kept sorted by slot, so removing a document is a binary search per term.
#[derive(Debug, Default, Clone)]
pub struct Terms {
    ids: FastMap<Box<str>, u32>,
    names: Vec<Box<str>>,
    postings: Vec<Vec<Posting>>,
    fuzzy: FuzzyIndex,
}

impl Terms {
    /// The id of `term`, added to the dictionary (and the typo index) on first sight.
    pub fn intern(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.postings.len() as u32;
        self.ids.insert(term.into(), id);
        self.names.push(term.into());
        self.postings.push(Vec::new());
        self.fuzzy.insert(id, term);
        id
    }

    /// The id of a term that at least one document holds.
    pub fn live(&self, term: &str) -> Option<u32> {
        self.ids.get(term).copied().filter(|&id| self.df(id) > 0)
    }

    /// Known terms within typo reach of `term` that some document holds, with their distance.
    pub fn near(&self, term: &str) -> Vec<(u32, usize)> {
        let mut near = self.fuzzy.near(term);
        near.retain(|&(id, _)| self.df(id) > 0);
        near
    }

    /// The stem a term id stands for.
    pub fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }

    pub fn postings(&self, id: u32) -> &[Posting] {
        &self.postings[id as usize]
    }

    /// Document frequency: how many documents hold the term.
    pub fn df(&self, id: u32) -> usize {
        self.postings[id as usize].len()
    }

    pub fn add(&mut self, id: u32, posting: Posting) {
        let list = &mut self.postings[id as usize];
        // A rebuild fills slots in order: appending is the common case.
        if list.last().is_none_or(|last| last.slot < posting.slot) {
            list.push(posting);
            return;
        }
        match list.binary_search_by_key(&posting.slot, |p| p.slot) {
            Ok(i) => list[i] = posting,
            Err(i) => list.insert(i, posting),
        }
    }

    pub fn remove(&mut self, id: u32, slot: u32) {
        let list = &mut self.postings[id as usize];
        if let Ok(i) = list.binary_search_by_key(&slot, |p| p.slot) {
            list.remove(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posting(slot: u32) -> Posting {
        Posting {
            slot,
            tf: [0.0, 0.0, 1.0],
        }
    }

    #[test]
    fn postings_stay_sorted_and_removable() {
        let mut terms = Terms::default();
        let id = terms.intern("hur");
        assert_eq!(terms.intern("hur"), id);
        assert_eq!(terms.name(id), "hur");
        assert_eq!(terms.live("hur"), None, "no document holds it yet");
        for slot in [5, 1, 3] {
            terms.add(id, posting(slot));
        }
        let slots: Vec<u32> = terms.postings(id).iter().map(|p| p.slot).collect();
        assert_eq!(slots, [1, 3, 5]);
        terms.remove(id, 3);
        terms.remove(id, 9);
        assert_eq!(terms.df(id), 2);
        assert_eq!(terms.live("hur"), Some(id));
    }

    #[test]
    fn near_skips_terms_nobody_holds() {
        let mut terms = Terms::default();
        let held = terms.intern("betalingsregel");
        terms.intern("betalingsregels");
        terms.add(held, posting(0));
        assert_eq!(terms.near("betalingsregl"), [(held, 1)]);
    }
}
