//! Dutch compounds. Dutch writes `huurachterstand` as one word where English writes "rent
//! arrears", so a text about "achterstand in de huur" and a query for `huurachterstand` (or the
//! other way round) would miss each other. The lexicon splits a word into known parts, allowing
//! the linking letters `s`, `e` and `en` between parts (`betaling-s-regeling`).

use crate::analysis::is_stop_word;
use crate::hash::FastSet;

/// Shorter parts would split ordinary words into noise (`huurder` into `huur` + `der`).
const MIN_PART_CHARS: usize = 4;

/// Letters Dutch puts between the parts of a compound (the empty linker first: most common).
const LINKERS: [&str; 4] = ["", "s", "e", "en"];

/// Plural and inflection endings allowed after the last part (`huisuitzetting-en`).
const FINAL_ENDINGS: [&str; 4] = ["s", "e", "en", "n"];

/// Common parts of the kennisbank's domain words, so splitting works before the corpus has
/// taught the lexicon anything.
const SEED_PARTS: &[&str] = &[
    "aanpak",
    "achterstand",
    "advies",
    "belasting",
    "beheer",
    "betaling",
    "bewind",
    "brief",
    "budget",
    "bureau",
    "coach",
    "contract",
    "corporatie",
    "deurwaarder",
    "dienst",
    "energie",
    "gemeente",
    "gerecht",
    "gesprek",
    "gezin",
    "huis",
    "hulp",
    "huur",
    "huurder",
    "incasso",
    "jeugd",
    "kans",
    "kosten",
    "laatste",
    "lasten",
    "melding",
    "nazorg",
    "netwerk",
    "ontruiming",
    "overeenkomst",
    "plan",
    "regeling",
    "rente",
    "sanering",
    "schuld",
    "signaal",
    "signalering",
    "team",
    "termijn",
    "toeslag",
    "tweede",
    "uitkering",
    "uitzetting",
    "vaste",
    "verhuurder",
    "verlening",
    "verzekering",
    "voering",
    "vonnis",
    "vroeg",
    "water",
    "werk",
    "wijk",
    "woning",
    "zorg",
];

/// Parts as byte ranges of the word.
type Parts = Vec<(usize, usize)>;

/// Per start position: not yet computed, or the best split of the rest (if any).
type Memo = Vec<Option<Option<Parts>>>;

/// The words a compound may be built from: the seed parts plus every word of at least four
/// letters seen in the corpus (stop words excluded).
#[derive(Debug, Clone)]
pub struct Lexicon {
    words: FastSet<Box<str>>,
}

impl Default for Lexicon {
    fn default() -> Self {
        Self::seeded()
    }
}

impl Lexicon {
    pub fn seeded() -> Self {
        Self {
            words: SEED_PARTS.iter().map(|w| Box::from(*w)).collect(),
        }
    }

    /// Adds a folded corpus word to the lexicon if it can be a part.
    pub fn learn(&mut self, folded: &str) {
        // The lookup first: most words of a text were seen before, and it is cheaper than the
        // stop-word search in `can_be_part` (this runs for every word of every document).
        if !self.words.contains(folded) && can_be_part(folded) {
            self.words.insert(folded.into());
        }
    }

    /// The top-level parts of a compound (at least two), or nothing when `word` is not one.
    /// Of all splits the one with the fewest parts wins: `schuldhulpverlening` becomes
    /// `schuld` + `hulpverlening` when the corpus knows `hulpverlening`.
    pub fn split(&self, word: &str) -> Vec<String> {
        let mut memo = vec![None; word.len() + 1];
        match self.segment(word, 0, false, &mut memo) {
            Some(parts) => parts.iter().map(|&(s, e)| word[s..e].to_string()).collect(),
            None => Vec::new(),
        }
    }

    /// Every part at every level: `schuldhulpverlening` gives `schuld`, `hulpverlening`,
    /// `hulp` and `verlening`, so each of them finds it.
    pub fn all_parts(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        for part in self.split(word) {
            let nested = self.all_parts(&part);
            push_unique(&mut out, part);
            for p in nested {
                push_unique(&mut out, p);
            }
        }
        out
    }

    /// Whether `word` is a known part or built of known parts, a plural ending allowed:
    /// what may stand next to a query word inside a compound (`tafel` in `keukentafel`).
    pub fn covers(&self, word: &str) -> bool {
        let mut memo = vec![None; word.len() + 1];
        self.segment(word, 0, true, &mut memo).is_some()
    }

    /// Whether `part` is one of the parts of `compound`, next to parts the lexicon knows. For a
    /// query word the corpus never uses on its own (`keuken` only occurs in `keukentafel`),
    /// so indexing could not have split the compound by it.
    pub fn has_part(&self, compound: &str, part: &str) -> bool {
        compound.match_indices(part).any(|(i, _)| {
            let (head, tail) = (&compound[..i], &compound[i + part.len()..]);
            let tail_is_part = LINKERS.iter().any(|linker| {
                tail.len() > linker.len()
                    && tail.starts_with(linker)
                    && self.covers(&tail[linker.len()..])
            });
            let tail_ok = tail.is_empty() || FINAL_ENDINGS.contains(&tail) || tail_is_part;
            let head_ok = head.is_empty()
                || LINKERS.iter().any(|linker| {
                    head.strip_suffix(linker)
                        .is_some_and(|h| !h.is_empty() && self.covers(h))
                });
            // Without a neighbour it is the word itself, perhaps inflected: the stemmer's job.
            tail_ok && head_ok && (!head.is_empty() || tail_is_part)
        })
    }

    /// The fewest parts covering `word[start..]`; `whole` allows a single part (the top level
    /// must not, or every known word would "split" into itself).
    fn segment(&self, word: &str, start: usize, whole: bool, memo: &mut Memo) -> Option<Parts> {
        if whole {
            if let Some(known) = &memo[start] {
                return known.clone();
            }
        }
        let mut best: Option<Parts> = None;
        for end in (start + 1..=word.len()).rev() {
            if !word.is_char_boundary(end) || word[start..end].chars().count() < MIN_PART_CHARS {
                continue;
            }
            if !self.words.contains(&word[start..end]) {
                continue;
            }
            let rest = &word[end..];
            if whole && (rest.is_empty() || FINAL_ENDINGS.contains(&rest)) {
                keep_shorter(&mut best, vec![(start, end)]);
                continue;
            }
            for linker in LINKERS {
                let next = end + linker.len();
                if next >= word.len() || !rest.starts_with(linker) {
                    continue;
                }
                if let Some(tail) = self.segment(word, next, true, memo) {
                    let mut parts = vec![(start, end)];
                    parts.extend(tail);
                    keep_shorter(&mut best, parts);
                }
            }
        }
        if whole {
            memo[start] = Some(best.clone());
        }
        best
    }
}

fn can_be_part(folded: &str) -> bool {
    folded.chars().count() >= MIN_PART_CHARS
        && !is_stop_word(folded)
        && !folded.chars().all(|c| c.is_ascii_digit())
}

fn keep_shorter(best: &mut Option<Parts>, candidate: Parts) {
    if best.as_ref().is_none_or(|b| candidate.len() < b.len()) {
        *best = Some(candidate);
    }
}

fn push_unique(out: &mut Vec<String>, word: String) {
    if !out.contains(&word) {
        out.push(word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_seeded_compounds_with_linking_letters() {
        let lexicon = Lexicon::seeded();
        let cases: [(&str, &[&str]); 9] = [
            ("huurachterstand", &["huur", "achterstand"]),
            ("betalingsregeling", &["betaling", "regeling"]),
            ("betalingsregelingen", &["betaling", "regeling"]),
            ("huisuitzetting", &["huis", "uitzetting"]),
            ("huisuitzettingen", &["huis", "uitzetting"]),
            ("gerechtsdeurwaarder", &["gerecht", "deurwaarder"]),
            ("woningcorporatie", &["woning", "corporatie"]),
            ("huurder", &[]),
            ("achterstand", &[]),
        ];
        for (word, want) in cases {
            assert_eq!(lexicon.split(word), want, "{word}");
        }
    }

    #[test]
    fn nested_parts_come_from_the_corpus() {
        let mut lexicon = Lexicon::seeded();
        lexicon.learn("hulpverlening");
        lexicon.learn("schuldhulpverlening");
        assert_eq!(
            lexicon.split("schuldhulpverlening"),
            ["schuld", "hulpverlening"]
        );
        assert_eq!(
            lexicon.all_parts("schuldhulpverlening"),
            ["schuld", "hulpverlening", "hulp", "verlening"]
        );
    }

    #[test]
    fn covers_parts_compounds_and_plurals() {
        let lexicon = Lexicon::seeded();
        let cases = [
            ("huur", true),
            ("huren", false),
            ("achterstanden", true),
            ("huisuitzettingen", true),
            ("betalingsregeling", true),
            ("tafel", false),
            ("hu", false),
        ];
        for (word, want) in cases {
            assert_eq!(lexicon.covers(word), want, "{word}");
        }
    }

    #[test]
    fn finds_an_unknown_part_next_to_known_ones() {
        let mut lexicon = Lexicon::seeded();
        lexicon.learn("tafel");
        let cases = [
            ("keukentafel", "keuken", true),
            ("keukentafels", "keuken", true),
            ("huurtafel", "tafel", true),
            // Both neighbours must be known: `keuken` is not.
            ("keukentafel", "tafel", false),
            ("huurkeuken", "keuken", true),
            ("huurskeukens", "keuken", true),
            ("schuldenkeukenhulp", "keuken", true),
            // The rest is no known part: `keuken` could be part of any word.
            ("keukenla", "keuken", false),
            ("kleinkeuken", "keuken", false),
            // Only an inflection of the word itself.
            ("keukens", "keuken", false),
            ("keuken", "keuken", false),
        ];
        for (compound, part, want) in cases {
            assert_eq!(
                lexicon.has_part(compound, part),
                want,
                "{compound} / {part}"
            );
        }
    }

    #[test]
    fn learns_only_possible_parts() {
        let mut lexicon = Lexicon::seeded();
        for word in ["voor", "wet", "2024", "budgetcoach", "kast"] {
            lexicon.learn(word);
        }
        let cases = [
            ("kastvoor", false),
            ("kastwater", true),
            ("kast2024", false),
        ];
        for (word, splits) in cases {
            assert_eq!(!lexicon.split(word).is_empty(), splits, "{word}");
        }
    }
}
