//! Snippets: about thirty words of the body around the densest cluster of matched words, as
//! plain-text parts. No HTML: the caller escapes the text and marks the highlighted parts.

use crate::analysis::for_each_word;
use crate::types::SnippetPart;

const WINDOW_WORDS: usize = 30;
/// Words shown before the first match, so the snippet does not start on it.
const LEAD_WORDS: usize = 4;
const ELLIPSIS: &str = "…";

/// A snippet from `body`, or from `summary` when the body has no match. `matches` tells for a
/// folded word which query term it matches, if any. Without a match anywhere the snippet is
/// the start of the body (or the summary when the body is empty), without highlights.
pub fn build(body: &str, summary: &str, matches: &dyn Fn(&str) -> Option<u32>) -> Vec<SnippetPart> {
    for text in [body, summary] {
        let words = words(text, matches);
        if words.iter().any(|w| w.hit.is_some()) {
            return parts(text, &words, best_window(&words));
        }
    }
    let text = if body.trim().is_empty() {
        summary
    } else {
        body
    };
    parts(text, &words(text, &|_| None), 0)
}

/// A word of the text by its byte range, and the query term it matches.
struct Word {
    start: usize,
    end: usize,
    hit: Option<u32>,
}

fn words(text: &str, matches: &dyn Fn(&str) -> Option<u32>) -> Vec<Word> {
    let mut words = Vec::new();
    for_each_word(text, |word, start, end| {
        words.push(Word {
            start,
            end,
            hit: matches(word),
        })
    });
    words
}

/// The first word of the window with the most distinct matched terms (then the most matched
/// words); earlier wins a tie.
fn best_window(words: &[Word]) -> usize {
    let mut best = (0, 0, 0);
    for (i, word) in words.iter().enumerate() {
        if word.hit.is_none() {
            continue;
        }
        let start = i.saturating_sub(LEAD_WORDS);
        let window = &words[start..(start + WINDOW_WORDS).min(words.len())];
        let mut distinct: Vec<u32> = window.iter().filter_map(|w| w.hit).collect();
        let count = distinct.len();
        distinct.sort_unstable();
        distinct.dedup();
        if (distinct.len(), count) > (best.1, best.2) {
            best = (start, distinct.len(), count);
        }
    }
    best.0
}

fn parts(text: &str, words: &[Word], start: usize) -> Vec<SnippetPart> {
    let end = (start + WINDOW_WORDS).min(words.len());
    if start >= end {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut plain = String::new();
    if start > 0 {
        plain.push_str(ELLIPSIS);
    }
    let mut cursor = words[start].start;
    for word in &words[start..end] {
        if word.hit.is_some() {
            plain.push_str(&text[cursor..word.start]);
            flush(&mut out, &mut plain);
            out.push(SnippetPart {
                text: text[word.start..word.end].to_string(),
                highlight: true,
            });
            cursor = word.end;
        }
    }
    plain.push_str(&text[cursor..words[end - 1].end]);
    if end < words.len() {
        plain.push_str(ELLIPSIS);
    }
    flush(&mut out, &mut plain);
    out
}

fn flush(out: &mut Vec<SnippetPart>, plain: &mut String) {
    if !plain.is_empty() {
        out.push(SnippetPart {
            text: std::mem::take(plain),
            highlight: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(parts: &[SnippetPart]) -> String {
        parts
            .iter()
            .map(|p| match p.highlight {
                true => format!("[{}]", p.text),
                false => p.text.clone(),
            })
            .collect()
    }

    fn matcher(words: &'static [&'static str]) -> impl Fn(&str) -> Option<u32> {
        move |w| words.iter().position(|x| *x == w).map(|i| i as u32)
    }

    #[test]
    fn highlights_matches_in_the_original_spelling() {
        let cases: [(&str, &str, &[&str], &str); 4] = [
            (
                "Bel de Huurder vóór de ontruiming.",
                "",
                &["huurder", "ontruiming"],
                "Bel de [Huurder] vóór de [ontruiming]",
            ),
            (
                "Geen treffer hier.",
                "Een ontruiming voorkomen.",
                &["ontruiming"],
                "Een [ontruiming] voorkomen",
            ),
            (
                "Geen treffer hier.",
                "Ook niet.",
                &["huur"],
                "Geen treffer hier",
            ),
            ("", "Alleen samenvatting.", &["huur"], "Alleen samenvatting"),
        ];
        for (body, summary, words, want) in cases {
            let matches = matcher(words);
            assert_eq!(render(&build(body, summary, &matches)), want, "{body}");
        }
    }

    #[test]
    fn picks_the_window_with_most_distinct_terms() {
        let filler = "woord ".repeat(40);
        let body = format!("huur {filler} huur achterstand {filler}");
        let matches = matcher(&["huur", "achterstand"]);
        let snippet = render(&build(&body, "", &matches));
        assert!(snippet.starts_with("…woord"), "{snippet}");
        assert!(snippet.contains("[huur] [achterstand]"), "{snippet}");
        assert!(snippet.ends_with('…'), "{snippet}");
        assert_eq!(snippet.split_whitespace().count(), WINDOW_WORDS);
    }

    #[test]
    fn never_returns_markup_of_its_own() {
        let matches = matcher(&["b"]);
        let parts = build("a <b> c", "", &matches);
        assert_eq!(render(&parts), "a <[b]> c");
    }
}
