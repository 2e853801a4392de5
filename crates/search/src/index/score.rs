//! BM25F ranking. Fields are weighted title 3, summary 2, body 1 before saturation, so a word
//! in the title counts more than the same word in the body, but ten mentions are not ten times
//! one. Documents matching every query word come first; within that, score, then the newest.

use std::cmp::Ordering;

use super::plan::{Alternative, Plan};
use super::terms::FIELDS;
use super::{Index, Stored};

const FIELD_WEIGHTS: [f32; FIELDS] = [3.0, 2.0, 1.0];
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// A matching document and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    pub slot: u32,
    pub score: f32,
    matched_all: bool,
}

/// Every document that matches at least one clause (or, for a query without words, every
/// document) and passes `keep`, best first.
pub fn rank(index: &Index, plan: &Plan, keep: impl Fn(&Stored) -> bool) -> Vec<Ranked> {
    let clause_scores: Vec<Vec<f32>> = plan
        .clauses
        .iter()
        .map(|c| clause_scores(index, &c.alternatives))
        .collect();
    let clauses = clause_scores.len();
    let mut ranked = Vec::new();
    for (slot, stored) in index.docs.iter().enumerate() {
        let Some(stored) = stored else { continue };
        let (mut sum, mut matched) = (0.0, 0);
        for scores in &clause_scores {
            if scores[slot] > 0.0 {
                sum += scores[slot];
                matched += 1;
            }
        }
        if (clauses > 0 && matched == 0) || !keep(stored) {
            continue;
        }
        // Coordination: a document with half the words keeps a quarter of its score.
        let coverage = if clauses == 0 {
            1.0
        } else {
            matched as f32 / clauses as f32
        };
        ranked.push(Ranked {
            slot: slot as u32,
            score: sum * coverage * coverage,
            matched_all: matched == clauses,
        });
    }
    ranked.sort_by(|a, b| order(index, a, b));
    ranked
}

/// All words first, then score (rounded, so float noise does not beat the date), then the
/// most recently updated, then id for a stable order.
fn order(index: &Index, a: &Ranked, b: &Ranked) -> Ordering {
    let (da, db) = (&index.stored(a.slot).doc, &index.stored(b.slot).doc);
    b.matched_all
        .cmp(&a.matched_all)
        .then_with(|| rounded(b.score).cmp(&rounded(a.score)))
        .then_with(|| db.updated.cmp(&da.updated))
        .then_with(|| da.id.cmp(&db.id))
}

fn rounded(score: f32) -> i64 {
    (score * 10_000.0).round() as i64
}

/// Per document slot, the score of its best alternative (0.0: no match).
fn clause_scores(index: &Index, alternatives: &[Alternative]) -> Vec<f32> {
    let mut best = vec![0.0f32; index.docs.len()];
    for alternative in alternatives {
        match alternative.terms.as_slice() {
            [term] => {
                for (slot, score) in term_scores(index, *term) {
                    let s = &mut best[slot as usize];
                    *s = s.max(score * alternative.weight);
                }
            }
            terms => all_terms(index, terms, alternative.weight, &mut best),
        }
    }
    best
}

/// Alternatives of several terms (a compound's parts): only documents holding all of them
/// count, scored by the mean of the parts.
fn all_terms(index: &Index, terms: &[u32], weight: f32, best: &mut [f32]) {
    let mut sums = vec![(0.0f32, 0usize); best.len()];
    for &term in terms {
        for (slot, score) in term_scores(index, term) {
            let entry = &mut sums[slot as usize];
            entry.0 += score;
            entry.1 += 1;
        }
    }
    let share = weight / terms.len() as f32;
    for (s, (sum, count)) in best.iter_mut().zip(sums) {
        if count == terms.len() {
            *s = s.max(sum * share);
        }
    }
}

/// BM25F of one term for every document holding it.
fn term_scores(index: &Index, term: u32) -> impl Iterator<Item = (u32, f32)> + '_ {
    let postings = index.terms.postings(term);
    let n = index.len() as f32;
    let df = postings.len() as f32;
    let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
    let averages = average_lengths(index);
    postings.iter().map(move |posting| {
        let lengths = &index.stored(posting.slot).lengths;
        let mut tf = 0.0;
        for f in 0..FIELDS {
            if posting.tf[f] > 0.0 {
                let norm = 1.0 - B + B * lengths[f] as f32 / averages[f];
                tf += FIELD_WEIGHTS[f] * posting.tf[f] / norm;
            }
        }
        (posting.slot, idf * tf * (K1 + 1.0) / (tf + K1))
    })
}

fn average_lengths(index: &Index) -> [f32; FIELDS] {
    let n = index.len().max(1) as f32;
    index.length_sums.map(|sum| (sum as f32 / n).max(1.0))
}
