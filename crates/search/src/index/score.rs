//! BM25F ranking. Fields are weighted title 3, summary 2, body 1 before saturation, so a word
//! in the title counts more than the same word in the body, but ten mentions are not ten times
//! one. Documents matching every query word come first; within that, score, then the newest.

use std::cmp::Ordering;

use super::meta::Filter;
use super::plan::{Alternative, Plan};
use super::terms::FIELDS;
use super::Index;

const FIELD_WEIGHTS: [f32; FIELDS] = [3.0, 2.0, 1.0];
const K1: f32 = 1.2;
/// Length normalisation per field. None for titles: editors write them at 4 to 12 words, and a
/// longer, more descriptive title is no weaker a statement of the topic (a 10-word title about
/// the deurwaarder lost to a 7-word one that lists deurwaarders among others).
const B: [f32; FIELDS] = [0.0, 0.75, 0.75];

/// A matching document with everything its place in the order depends on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    pub slot: u32,
    pub score: f32,
    matched_all: bool,
    /// The score rounded, so float noise does not beat the date.
    rounded: i64,
    updated: i32,
    id: i64,
}

/// Every document that matches at least one clause (or, for a query without words, every
/// document) and passes the filter. The first `wanted` are in order; the rest only count.
pub fn rank(index: &Index, plan: &Plan, filter: &Filter, wanted: usize) -> Vec<Ranked> {
    let weights = field_weights(index);
    let clause_scores: Vec<Vec<f32>> = plan
        .clauses
        .iter()
        .map(|c| clause_scores(index, &weights, &c.alternatives))
        .collect();
    let clauses = clause_scores.len();
    let mut ranked = Vec::new();
    for (slot, meta) in index.meta.iter().enumerate() {
        let Some(meta) = meta else { continue };
        let (mut sum, mut matched) = (0.0, 0);
        for scores in &clause_scores {
            if scores[slot] > 0.0 {
                sum += scores[slot];
                matched += 1;
            }
        }
        if (clauses > 0 && matched == 0) || !filter.passes(meta) {
            continue;
        }
        // Coordination: a document with half the words keeps a quarter of its score.
        let coverage = if clauses == 0 {
            1.0
        } else {
            matched as f32 / clauses as f32
        };
        let score = sum * coverage * coverage;
        ranked.push(Ranked {
            slot: slot as u32,
            score,
            matched_all: matched == clauses,
            rounded: (score * 10_000.0).round() as i64,
            updated: meta.updated,
            id: meta.id,
        });
    }
    sort_head(&mut ranked, wanted);
    ranked
}

/// Sorts only the first `wanted`: a broad query matches thousands, a page shows twenty.
fn sort_head(ranked: &mut [Ranked], wanted: usize) {
    if wanted == 0 {
        return;
    }
    if wanted < ranked.len() {
        ranked.select_nth_unstable_by(wanted - 1, order);
    }
    let head = wanted.min(ranked.len());
    ranked[..head].sort_unstable_by(order);
}

/// All words first, then score, then the most recently updated, then id for a stable order.
fn order(a: &Ranked, b: &Ranked) -> Ordering {
    b.matched_all
        .cmp(&a.matched_all)
        .then_with(|| b.rounded.cmp(&a.rounded))
        .then_with(|| b.updated.cmp(&a.updated))
        .then_with(|| a.id.cmp(&b.id))
}

/// Per slot and field: the field weight divided by BM25's length normalisation. Computed once
/// per search, so scoring a posting is three multiplications.
fn field_weights(index: &Index) -> Vec<[f32; FIELDS]> {
    let n = index.len().max(1) as f32;
    let averages = index.length_sums.map(|sum| (sum as f32 / n).max(1.0));
    index
        .meta
        .iter()
        .map(|meta| {
            let Some(meta) = meta else {
                return [0.0; FIELDS];
            };
            std::array::from_fn(|f| {
                FIELD_WEIGHTS[f] / (1.0 - B[f] + B[f] * meta.lengths[f] as f32 / averages[f])
            })
        })
        .collect()
}

/// Per document slot, the score of its best alternative (0.0: no match).
fn clause_scores(
    index: &Index,
    weights: &[[f32; FIELDS]],
    alternatives: &[Alternative],
) -> Vec<f32> {
    let idf = clause_idf(index, alternatives);
    let mut best = vec![0.0f32; index.meta.len()];
    for alternative in alternatives {
        match alternative.terms.as_slice() {
            [term] => {
                for (slot, score) in term_scores(index, weights, *term, idf) {
                    let s = &mut best[slot as usize];
                    *s = s.max(score * alternative.weight);
                }
            }
            terms => all_terms(index, weights, terms, alternative.weight, idf, &mut best),
        }
    }
    best
}

/// One idf for the whole clause, from its most frequent alternative (as Lucene's synonym
/// query does). With an idf per alternative a rare synonym or near spelling outweighs the word
/// the user typed: `deurwaarder` ranked the few texts saying `gerechtsdeurwaarder` first.
fn clause_idf(index: &Index, alternatives: &[Alternative]) -> f32 {
    let df = alternatives
        .iter()
        .map(|a| {
            a.terms
                .iter()
                .map(|&t| index.terms.df(t))
                .min()
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0);
    idf(index.len(), df)
}

fn idf(documents: usize, df: usize) -> f32 {
    let (n, df) = (documents as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// Alternatives of several terms (a compound's parts): only documents holding all of them
/// count, scored by the mean of the parts.
fn all_terms(
    index: &Index,
    weights: &[[f32; FIELDS]],
    terms: &[u32],
    weight: f32,
    idf: f32,
    best: &mut [f32],
) {
    let mut sums = vec![(0.0f32, 0u32); best.len()];
    for &term in terms {
        for (slot, score) in term_scores(index, weights, term, idf) {
            let entry = &mut sums[slot as usize];
            entry.0 += score;
            entry.1 += 1;
        }
    }
    let share = weight / terms.len() as f32;
    for (s, (sum, count)) in best.iter_mut().zip(sums) {
        if count as usize == terms.len() {
            *s = s.max(sum * share);
        }
    }
}

/// BM25F of one term for every document holding it, with the clause's idf.
fn term_scores<'a>(
    index: &'a Index,
    weights: &'a [[f32; FIELDS]],
    term: u32,
    idf: f32,
) -> impl Iterator<Item = (u32, f32)> + 'a {
    let postings = index.terms.postings(term);
    postings.iter().map(move |posting| {
        let w = &weights[posting.slot as usize];
        let tf = posting.tf[0] * w[0] + posting.tf[1] * w[1] + posting.tf[2] * w[2];
        (posting.slot, idf * tf * (K1 + 1.0) / (tf + K1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranked(slot: u32, matched_all: bool, score: f32, updated: i32) -> Ranked {
        Ranked {
            slot,
            score,
            matched_all,
            rounded: (score * 10_000.0).round() as i64,
            updated,
            id: i64::from(slot),
        }
    }

    fn slots(ranked: &[Ranked]) -> Vec<u32> {
        ranked.iter().map(|r| r.slot).collect()
    }

    #[test]
    fn orders_by_all_words_then_score_then_recency_then_id() {
        let cases: [(Vec<Ranked>, usize, &[u32]); 5] = [
            // All words beat a higher partial score.
            (
                vec![ranked(0, false, 9.0, 1), ranked(1, true, 1.0, 1)],
                2,
                &[1, 0],
            ),
            (
                vec![ranked(0, true, 1.0, 1), ranked(1, true, 2.0, 1)],
                2,
                &[1, 0],
            ),
            // Equal up to float noise: the newer first.
            (
                vec![
                    ranked(0, true, 1.0, 1),
                    ranked(1, true, 1.000_001, 0),
                    ranked(2, true, 1.0, 5),
                ],
                3,
                &[2, 0, 1],
            ),
            // Same date too: the lower id.
            (
                vec![ranked(3, true, 1.0, 1), ranked(2, true, 1.0, 1)],
                2,
                &[2, 3],
            ),
            // Only the head is sorted; the rest is still there to count.
            (
                vec![
                    ranked(0, true, 1.0, 1),
                    ranked(1, true, 3.0, 1),
                    ranked(2, true, 2.0, 1),
                ],
                1,
                &[1],
            ),
        ];
        for (i, (mut list, wanted, want)) in cases.into_iter().enumerate() {
            let len = list.len();
            sort_head(&mut list, wanted);
            assert_eq!(list.len(), len, "case {i}");
            assert_eq!(slots(&list[..wanted]), want, "case {i}");
        }
    }
}
