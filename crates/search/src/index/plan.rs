//! Turning query text into clauses: one per query word, each a list of ways a document can
//! match it (the word, its compound parts, a near spelling, a synonym), each with a weight.

use std::collections::HashMap;

use super::Index;
use crate::analysis::{is_stop_word, query_words, Stemmer};
use crate::synonyms::Synonyms;

/// Weights relative to the literal word (1.0). A compound's parts must all be present.
const COMPOUND_WEIGHT: f32 = 0.6;
const SYNONYM_WEIGHT: f32 = 0.7;
/// By edit distance: 1 and 2.
const TYPO_WEIGHTS: [f32; 2] = [0.6, 0.4];
/// A typo should not turn into a search for everything that looks a bit alike.
const MAX_TYPO_TERMS: usize = 8;
/// Likewise the compounds found for a word the index does not hold on its own.
const MAX_HOLDER_TERMS: usize = 8;
/// As the lexicon's parts: shorter words sit inside too many unrelated ones.
const MIN_HOLDER_PART_CHARS: usize = 4;
/// Each query word costs a pass over its postings; a pasted paragraph should not cost fifty.
pub const MAX_QUERY_WORDS: usize = 12;

/// One way to match a query word: every term must be in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    pub terms: Vec<u32>,
    pub weight: f32,
}

/// A query word; a document matches it through its best alternative.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clause {
    pub alternatives: Vec<Alternative>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// Empty for a query without words: then every document (that passes the filters) is listed.
    pub clauses: Vec<Clause>,
    /// Every term any alternative uses, for the snippets.
    pub highlight: Vec<u32>,
}

/// The synonym groups as stems. A group member may have several words.
#[derive(Debug, Clone, Default)]
pub struct SynonymTable {
    groups: Vec<Vec<Vec<String>>>,
    /// Stem of a one-word member → (group, member).
    by_stem: HashMap<String, Vec<(usize, usize)>>,
}

impl SynonymTable {
    pub fn new(synonyms: &Synonyms, stemmer: &Stemmer) -> Self {
        let mut table = Self::default();
        for (g, group) in synonyms.groups().iter().enumerate() {
            let members: Vec<Vec<String>> = group
                .iter()
                .map(|term| term.split(' ').map(str::to_string).collect())
                .collect();
            for (m, words) in members.iter().enumerate() {
                if let [word] = words.as_slice() {
                    let entry = table.by_stem.entry(stemmer.stem(word)).or_default();
                    entry.push((g, m));
                }
            }
            table.groups.push(members);
        }
        table
    }

    /// The other members of every group the stem belongs to.
    fn others(&self, stem: &str) -> Vec<&[String]> {
        let mut out = Vec::new();
        for &(g, m) in self.by_stem.get(stem).into_iter().flatten() {
            for (i, member) in self.groups[g].iter().enumerate() {
                if i != m {
                    out.push(member.as_slice());
                }
            }
        }
        out
    }
}

pub fn plan(index: &Index, text: &str) -> Plan {
    let mut plan = Plan::default();
    for word in query_words(text).into_iter().take(MAX_QUERY_WORDS) {
        let clause = clause(index, &word);
        for alternative in &clause.alternatives {
            for term in &alternative.terms {
                if !plan.highlight.contains(term) {
                    plan.highlight.push(*term);
                }
            }
        }
        plan.clauses.push(clause);
    }
    plan
}

fn clause(index: &Index, word: &str) -> Clause {
    let stem = index.stemmer.stem(word);
    let mut clause = Clause::default();
    let known = add_word(index, &mut clause, word, &stem, 1.0);
    // The stems whose synonyms count: the word's own, or the near spellings of a typo.
    let near = if known {
        Vec::new()
    } else {
        index.terms.near(&stem)
    };
    let mut meant = vec![(stem, 1.0)];
    for (term, distance) in near.into_iter().take(MAX_TYPO_TERMS) {
        let weight = TYPO_WEIGHTS[distance - 1];
        push(&mut clause, vec![term], weight);
        meant.push((index.terms.name(term).to_string(), weight));
    }
    for (stem, weight) in meant {
        add_synonyms(index, &mut clause, &stem, weight);
    }
    if !known {
        for term in holders(index, word) {
            push(&mut clause, vec![term], COMPOUND_WEIGHT);
        }
    }
    clause
}

/// The stems of indexed compounds that begin or end with `word` as a part, most frequent
/// first. Only for words the index does not know: a known word already finds the compounds
/// that indexing split by it.
fn holders(index: &Index, word: &str) -> Vec<u32> {
    if word.chars().count() < MIN_HOLDER_PART_CHARS || is_stop_word(word) {
        return Vec::new();
    }
    let mut found: Vec<(usize, u32)> = Vec::new();
    for indexed in index.affixes.around(word) {
        if !index.lexicon.has_part(&indexed, word) {
            continue;
        }
        let Some(info) = index.words.get(indexed.as_str()) else {
            continue;
        };
        let df = index.terms.df(info.stem);
        if df > 0 && !found.iter().any(|&(_, t)| t == info.stem) {
            found.push((df, info.stem));
        }
    }
    found.sort_unstable_by(|a, b| b.cmp(a));
    found
        .into_iter()
        .take(MAX_HOLDER_TERMS)
        .map(|(_, t)| t)
        .collect()
}

/// Adds the other members of the stem's synonym groups, at `weight` times the synonym weight.
fn add_synonyms(index: &Index, clause: &mut Clause, stem: &str, weight: f32) {
    let weight = weight * SYNONYM_WEIGHT;
    for member in index.synonyms.others(stem) {
        match member {
            [one] => {
                add_word(index, clause, one, &index.stemmer.stem(one), weight);
            }
            words => {
                let terms = words
                    .iter()
                    .map(|w| index.terms.live(&index.stemmer.stem(w)));
                if let Some(terms) = terms.collect::<Option<Vec<u32>>>() {
                    push(clause, terms, weight);
                }
            }
        }
    }
}

/// Adds the word itself and its compound parts; returns whether the word itself is indexed.
fn add_word(index: &Index, clause: &mut Clause, word: &str, stem: &str, weight: f32) -> bool {
    let literal = index.terms.live(stem);
    if let Some(term) = literal {
        push(clause, vec![term], weight);
    }
    let parts = index.lexicon.split(word);
    if !parts.is_empty() {
        let terms = parts
            .iter()
            .map(|p| index.terms.live(&index.stemmer.stem(p)));
        if let Some(terms) = terms.collect::<Option<Vec<u32>>>() {
            push(clause, terms, weight * COMPOUND_WEIGHT);
        }
    }
    literal.is_some()
}

/// Adds an alternative unless the same terms are already there with at least this weight.
fn push(clause: &mut Clause, mut terms: Vec<u32>, weight: f32) {
    terms.sort_unstable();
    terms.dedup();
    match clause.alternatives.iter_mut().find(|a| a.terms == terms) {
        Some(existing) => existing.weight = existing.weight.max(weight),
        None => clause.alternatives.push(Alternative { terms, weight }),
    }
}
