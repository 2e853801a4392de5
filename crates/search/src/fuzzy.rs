//! Typo tolerance: a query term the index does not know is matched against known terms within
//! a Damerau-Levenshtein distance of 1 (4–7 letters) or 2 (8 or more). Only terms that start
//! with the same letter and have a length within reach are compared, which keeps a lookup to a
//! few hundred comparisons on a large vocabulary (a typo in the first letter is not found).

use std::collections::HashMap;

/// How many edits a term of `chars` letters may have: none for short words, where one edit
/// already turns a word into another one (`huur` → `hour`).
pub fn max_edits(chars: usize) -> usize {
    match chars {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Term ids with their letters and letter mask.
type Bucket = Vec<(u32, u32, Box<[char]>)>;

/// Known terms bucketed by first letter and length.
#[derive(Debug, Default, Clone)]
pub struct FuzzyIndex {
    buckets: HashMap<(char, usize), Bucket>,
}

impl FuzzyIndex {
    pub fn insert(&mut self, id: u32, term: &str) {
        let chars: Box<[char]> = term.chars().collect();
        let Some(&first) = chars.first() else { return };
        self.buckets.entry((first, chars.len())).or_default().push((
            id,
            letter_mask(&chars),
            chars,
        ));
    }

    /// The known terms near `term`, with their distance, closest first.
    pub fn near(&self, term: &str) -> Vec<(u32, usize)> {
        let query: Vec<char> = term.chars().collect();
        let max = max_edits(query.len());
        let Some(&first) = query.first() else {
            return Vec::new();
        };
        let mut found = Vec::new();
        if max == 0 {
            return found;
        }
        let mask = letter_mask(&query);
        for len in query.len().saturating_sub(max)..=query.len() + max {
            for (id, other, chars) in self.buckets.get(&(first, len)).into_iter().flatten() {
                if !masks_within(mask, *other, max) {
                    continue;
                }
                if let Some(d) = osa_distance(&query, chars, max) {
                    if d > 0 {
                        found.push((*id, d));
                    }
                }
            }
        }
        found.sort_by_key(|&(id, d)| (d, id));
        found
    }
}

/// Which of the letters a–z (bits 0–25) and anything else (bit 26) occur in a word.
fn letter_mask(chars: &[char]) -> u32 {
    chars.iter().fold(0, |mask, &c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            _ => 26,
        };
        mask | 1 << bit
    })
}

/// A cheap necessary condition for `max` edits: one edit brings in at most one letter the
/// other word lacks and takes away at most one, so each side may have at most `max` letters
/// the other has not. Most of a bucket fails this before the edit distance is computed.
fn masks_within(a: u32, b: u32, max: usize) -> bool {
    (a & !b).count_ones() as usize <= max && (b & !a).count_ones() as usize <= max
}

/// The optimal-string-alignment distance (Levenshtein plus swapping two neighbours), or
/// `None` when it exceeds `max`. Stops as soon as a whole row is beyond `max`.
pub fn osa_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    let mut before: Vec<usize> = vec![0; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut row: Vec<usize> = vec![0; width];
    for i in 1..=a.len() {
        row[0] = i;
        let mut row_min = row[0];
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            row[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut row);
    }
    Some(prev[b.len()]).filter(|&d| d <= max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        osa_distance(&a, &b, max)
    }

    #[test]
    fn counts_edits_with_transpositions() {
        let cases = [
            ("huur", "huur", 2, Some(0)),
            ("betalingsregl", "betalingsregel", 2, Some(1)),
            ("deurwaard", "deurwaarder", 2, Some(2)),
            ("ontrium", "ontruim", 2, Some(1)),
            ("schuld", "schild", 1, Some(1)),
            ("schuld", "woning", 2, None),
            ("abc", "abcdef", 2, None),
            ("", "ab", 2, Some(2)),
        ];
        for (a, b, max, want) in cases {
            assert_eq!(distance(a, b, max), want, "{a} ~ {b}");
        }
    }

    #[test]
    fn letter_masks_never_reject_a_near_word() {
        let cases = [
            ("betalingsregl", "betalingsregel", 1, true),
            ("deurwaard", "deurwaarder", 2, true),
            ("ontrium", "ontruim", 1, true),
            ("huur", "hxyz", 2, false),
            ("abcd", "abxy", 2, true),
            ("abcd", "awxy", 2, false),
        ];
        for (a, b, max, want) in cases {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            assert_eq!(masks_within(letter_mask(&a), letter_mask(&b), max), want);
        }
    }

    #[test]
    fn allowed_edits_grow_with_length() {
        let cases = [(3, 0), (4, 1), (7, 1), (8, 2), (20, 2)];
        for (chars, want) in cases {
            assert_eq!(max_edits(chars), want, "{chars}");
        }
    }

    #[test]
    fn finds_near_terms_in_the_same_first_letter_bucket() {
        let mut index = FuzzyIndex::default();
        let terms = ["deurwaarder", "deurwaard", "betalingsregel", "betal", "hur"];
        for (id, term) in terms.iter().enumerate() {
            index.insert(id as u32, term);
        }
        assert_eq!(index.near("betalingsregl"), [(2, 1)]);
        assert_eq!(index.near("deurwaarde"), [(0, 1), (1, 1)]);
        assert_eq!(index.near("hux"), []);
        assert_eq!(index.near("zzzz"), []);
    }
}
