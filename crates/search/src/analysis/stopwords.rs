//! Dutch stop words: the function words that carry no topic. They stay in the index (so a
//! query of only stop words still finds something) but are dropped from ordinary queries.

/// Folded forms, sorted, so lookup is a binary search. `één` folds to `een`, which is here.
const STOP_WORDS: &[&str] = &[
    "aan", "al", "alle", "als", "altijd", "andere", "ben", "bij", "daar", "dan", "dat", "de",
    "der", "deze", "die", "dit", "doch", "doen", "door", "dus", "een", "eens", "en", "er", "ge",
    "geen", "geweest", "haar", "had", "heb", "hebben", "heeft", "hem", "het", "hier", "hij", "hoe",
    "hun", "iemand", "iets", "ik", "in", "is", "ja", "je", "jij", "jou", "jouw", "jullie", "kan",
    "kon", "kunnen", "maar", "me", "meer", "men", "met", "mij", "mijn", "moet", "na", "naar",
    "niet", "niets", "nog", "nu", "of", "om", "omdat", "onder", "ons", "ook", "op", "over",
    "reeds", "te", "tegen", "toch", "toen", "tot", "u", "uit", "uw", "van", "veel", "voor", "want",
    "waren", "was", "wat", "we", "wel", "werd", "wezen", "wie", "wij", "wil", "worden", "wordt",
    "zal", "ze", "zelf", "zich", "zij", "zijn", "zo", "zonder", "zou",
];

/// Whether a folded word is a Dutch stop word.
pub fn is_stop_word(folded: &str) -> bool {
    STOP_WORDS.binary_search(&folded).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOP_WORDS.len() >= 100);
    }

    #[test]
    fn recognises_function_words_only() {
        let cases = [
            ("de", true),
            ("het", true),
            ("een", true),
            ("zijn", true),
            ("huur", false),
            ("ontruiming", false),
            ("eend", false),
        ];
        for (word, want) in cases {
            assert_eq!(is_stop_word(word), want, "{word}");
        }
    }
}
