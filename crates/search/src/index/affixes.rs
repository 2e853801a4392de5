//! The vocabulary sorted forwards and backwards, so the compounds that begin or end with a
//! query word are a range lookup instead of a scan: a scan of 100,000 words took 14 ms, most of
//! a query's budget.

use std::collections::BTreeSet;
use std::ops::Bound;

/// What may follow a compound's last part (`huurkeuken-s`); kept in step with the lexicon.
const ENDINGS: [&str; 5] = ["", "s", "e", "en", "n"];

#[derive(Debug, Default, Clone)]
pub struct Affixes {
    forward: BTreeSet<Box<str>>,
    /// Each word with its letters reversed: its suffixes become prefixes.
    backward: BTreeSet<Box<str>>,
    /// During a rebuild: words waiting for [`Affixes::settle`], which sorts them once instead
    /// of inserting a hundred thousand words one by one (a tenth of the rebuild).
    pending: Option<Vec<Box<str>>>,
}

impl Affixes {
    /// Collects inserted words until [`Affixes::settle`]; lookups miss them until then.
    pub fn defer(&mut self) {
        self.pending.get_or_insert_with(Vec::new);
    }

    /// Sorts the deferred words into place.
    pub fn settle(&mut self) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        let backward = pending.iter().map(|w| reverse(w).into());
        // `collect` sorts and builds the tree in bulk; `extend` would insert one by one.
        self.backward = std::mem::take(&mut self.backward)
            .into_iter()
            .chain(backward)
            .collect();
        self.forward = std::mem::take(&mut self.forward)
            .into_iter()
            .chain(pending)
            .collect();
    }

    pub fn insert(&mut self, word: &str) {
        if let Some(pending) = &mut self.pending {
            pending.push(word.into());
            return;
        }
        self.forward.insert(word.into());
        self.backward.insert(reverse(word).into());
    }

    /// Longer words that start with `word`, or end with it (plus an inflection ending).
    pub fn around(&self, word: &str) -> Vec<String> {
        let mut out: Vec<String> = starting_with(&self.forward, word)
            .filter(|w| w.len() > word.len())
            .map(str::to_string)
            .collect();
        for ending in ENDINGS {
            let suffix = reverse(&format!("{word}{ending}"));
            for reversed in starting_with(&self.backward, &suffix) {
                let found = reverse(reversed);
                if found.len() > suffix.len() && !out.contains(&found) {
                    out.push(found);
                }
            }
        }
        out
    }
}

fn starting_with<'a>(
    set: &'a BTreeSet<Box<str>>,
    prefix: &'a str,
) -> impl Iterator<Item = &'a str> {
    set.range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
        .map(|w| &**w)
        .take_while(move |w| w.starts_with(prefix))
}

fn reverse(word: &str) -> String {
    word.chars().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_longer_words_by_their_start_or_end() {
        let mut affixes = Affixes::default();
        let words = [
            "keuken",
            "keukentafel",
            "huurkeuken",
            "huurkeukens",
            "schuldenkeukenhulp",
            "keu",
            "tafel",
            "zakkeukenen",
        ];
        for word in words {
            affixes.insert(word);
        }
        let mut found = affixes.around("keuken");
        found.sort();
        // Not the word itself, not a word with `keuken` only in the middle.
        assert_eq!(
            found,
            ["huurkeuken", "huurkeukens", "keukentafel", "zakkeukenen"]
        );
        assert!(affixes.around("onbekend").is_empty());
    }

    #[test]
    fn deferred_words_arrive_when_settled() {
        let mut affixes = Affixes::default();
        affixes.insert("huurkeuken");
        affixes.defer();
        affixes.insert("keukentafel");
        assert_eq!(affixes.around("keuken"), ["huurkeuken"]);
        affixes.settle();
        affixes.insert("keukenkast");
        let mut found = affixes.around("keuken");
        found.sort();
        assert_eq!(found, ["huurkeuken", "keukenkast", "keukentafel"]);
    }
}
