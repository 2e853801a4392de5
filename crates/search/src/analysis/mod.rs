//! Text analysis: words are cut out of the text, folded (lowercase, no diacritics) and stemmed
//! with the Dutch Snowball stemmer. Index and query go through the same functions, so what an
//! editor types meets what a writer wrote.

mod fold;
mod stopwords;

pub use fold::fold;
use fold::fold_into;
pub use stopwords::is_stop_word;

use fold::is_combining_mark;

/// Longer "words" are base64, URLs or garbage; cutting them keeps the stemmer and the
/// decompounder bounded.
const MAX_WORD_CHARS: usize = 48;

/// One word of a text: its folded form and where it sits in the original (byte offsets), so a
/// snippet can show the writer's own spelling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub word: String,
    pub start: usize,
    pub end: usize,
}

/// Cuts `text` into words at every character that is not a letter or a digit.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for_each_word(text, |word, start, end| {
        tokens.push(Token {
            word: word.to_string(),
            start,
            end,
        })
    });
    tokens
}

/// Calls `f` with each folded word of `text` and its byte range, through one reused buffer.
pub fn for_each_word(text: &str, mut f: impl FnMut(&str, usize, usize)) {
    let mut buffer = String::new();
    let mut emit = |start: usize, end: usize| {
        fold_into(&mut buffer, &text[start..end]);
        if buffer.chars().count() <= MAX_WORD_CHARS {
            f(&buffer, start, end);
        }
    };
    let mut start = None;
    for (i, c) in text.char_indices() {
        let in_word = c.is_alphanumeric() || (start.is_some() && is_combining_mark(c));
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                emit(s, i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        emit(s, text.len());
    }
}

/// The Dutch Snowball stemmer: `huisuitzettingen` and `huisuitzetting` share a stem.
pub struct Stemmer(rust_stemmers::Stemmer);

impl Stemmer {
    pub fn dutch() -> Self {
        Self(rust_stemmers::Stemmer::create(
            rust_stemmers::Algorithm::Dutch,
        ))
    }

    /// Stems a folded word.
    pub fn stem(&self, folded: &str) -> String {
        self.0.stem(folded).into_owned()
    }
}

impl std::fmt::Debug for Stemmer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stemmer(dutch)")
    }
}

/// The words of a query worth searching for: the stop words are dropped, unless nothing else
/// is left (`de` `het` alone should still find the texts that contain them).
pub fn query_words(text: &str) -> Vec<String> {
    let words: Vec<String> = tokenize(text).into_iter().map(|t| t.word).collect();
    let content: Vec<String> = words.iter().filter(|w| !is_stop_word(w)).cloned().collect();
    let mut chosen = if content.is_empty() { words } else { content };
    let mut seen = std::collections::HashSet::new();
    chosen.retain(|w| seen.insert(w.clone()));
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn tokenizes_on_non_alphanumerics_keeping_digits() {
        let cases: [(&str, &[&str]); 6] = [
            ("Huur-achterstand", &["huur", "achterstand"]),
            ("art. 7:231 BW", &["art", "7", "231", "bw"]),
            (
                "Eén gezin, twéé kinderen!",
                &["een", "gezin", "twee", "kinderen"],
            ),
            ("auto's", &["auto", "s"]),
            ("e\u{301}e\u{301}n keer", &["een", "keer"]),
            ("  ", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(words(text), want, "{text}");
        }
    }

    #[test]
    fn token_offsets_point_into_the_original() {
        let text = "De ontruiming van één gezin";
        for token in tokenize(text) {
            assert_eq!(fold(&text[token.start..token.end]), token.word);
        }
    }

    #[test]
    fn drops_overlong_words() {
        assert!(tokenize(&"a".repeat(200)).is_empty());
    }

    #[test]
    fn stems_dutch_inflections_together() {
        let stemmer = Stemmer::dutch();
        let pairs = [
            ("huisuitzettingen", "huisuitzetting"),
            ("betalingsregelingen", "betalingsregeling"),
            ("deurwaarders", "deurwaarder"),
            ("ontruimingen", "ontruiming"),
            ("woningen", "woning"),
        ];
        for (a, b) in pairs {
            assert_eq!(stemmer.stem(a), stemmer.stem(b), "{a} ~ {b}");
        }
    }

    #[test]
    fn query_words_drop_stop_words_unless_nothing_remains() {
        let cases: [(&str, &[&str]); 4] = [
            (
                "de huisuitzetting van een gezin",
                &["huisuitzetting", "gezin"],
            ),
            ("één regeling", &["regeling"]),
            ("de het", &["de", "het"]),
            ("huur huur", &["huur"]),
        ];
        for (text, want) in cases {
            assert_eq!(query_words(text), want, "{text}");
        }
    }
}
