//! A practice's slug: its stable name in URLs and file names
//! (`/kennisbank/huisbezoek-binnen-vijf-werkdagen`, `…/<slug>.md`).

use crate::validation::{field_error, FieldError};
use serde::{Deserialize, Serialize};
use std::fmt;

pub const MIN_SLUG_CHARS: usize = 3;
pub const MAX_SLUG_CHARS: usize = 80;

/// Lowercase ASCII letters and digits in groups joined by single dashes,
/// 3 to 80 characters: safe in a URL, a file name and a shell, and the same
/// on every file system.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    /// Exact form only (after trimming): a slug typed by a person or read
    /// from a file is a key, so it is checked, not repaired.
    pub fn parse(value: &str) -> Result<Slug, FieldError> {
        let slug = value.trim();
        let groups_ok = slug.split('-').all(|group| {
            !group.is_empty()
                && group
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
        let length_ok = (MIN_SLUG_CHARS..=MAX_SLUG_CHARS).contains(&slug.len());
        if groups_ok && length_ok {
            Ok(Slug(slug.to_string()))
        } else {
            Err(field_error(
                "slug",
                format!(
                    "'{slug}' is geen geldige slug: gebruik {MIN_SLUG_CHARS} tot {MAX_SLUG_CHARS} \
                     kleine letters en cijfers, met losse streepjes ertussen \
                     (bijvoorbeeld 'huisbezoek-binnen-vijf-werkdagen')"
                ),
            ))
        }
    }

    /// The slug a title suggests: diacritics folded (é → e), apostrophes
    /// dropped ("zo'n" → "zon"), everything else that is not a letter or
    /// digit a dash, and a long result cut at a dash so no word is halved.
    pub fn from_title(title: &str) -> Result<Slug, FieldError> {
        let mut slug = String::new();
        let mut pending_dash = false;
        for c in title.chars().flat_map(char::to_lowercase) {
            if matches!(c, '\'' | '’' | '‘' | 'ʼ') {
                continue;
            }
            match fold(c) {
                Some(folded) => {
                    if pending_dash && !slug.is_empty() {
                        slug.push('-');
                    }
                    pending_dash = false;
                    slug.push_str(folded);
                }
                None => pending_dash = true,
            }
        }
        Slug::parse(cut_at_dash(&slug, MAX_SLUG_CHARS)).map_err(|_| {
            field_error(
                "slug",
                "de titel levert geen bruikbare slug op; geef zelf een slug op",
            )
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// At most `max` bytes (the text is ASCII here), ending on a whole group.
fn cut_at_dash(slug: &str, max: usize) -> &str {
    if slug.len() <= max {
        return slug;
    }
    if slug.as_bytes()[max] == b'-' {
        return &slug[..max];
    }
    match slug[..max].rfind('-') {
        Some(dash) => &slug[..dash],
        // One word longer than a slug may be: cut it, better than nothing.
        None => &slug[..max],
    }
}

/// A lowercase character as slug text, or `None` for a separator.
fn fold(c: char) -> Option<&'static str> {
    const ASCII: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
    if c.is_ascii_alphanumeric() {
        let at = ASCII.find(c)?;
        return Some(&ASCII[at..at + 1]);
    }
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
        'ĳ' => "ij",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => "o",
        'œ' => "oe",
        'ß' => "ss",
        'š' | 'ś' => "s",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => "u",
        'ý' | 'ÿ' => "y",
        'ž' | 'ź' | 'ż' => "z",
        'ł' => "l",
        'ř' => "r",
        _ => return None,
    })
}

impl TryFrom<String> for Slug {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Slug::parse(&value).map_err(|e| e.reason)
    }
}

impl From<Slug> for String {
    fn from(slug: Slug) -> Self {
        slug.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_table() {
        let long = "a".repeat(80);
        let too_long = "a".repeat(81);
        let cases: &[(&str, bool)] = &[
            ("huisbezoek-binnen-vijf-werkdagen", true),
            (" art-14 ", true),
            ("abc", true),
            (&long, true),
            ("ab", false),
            (&too_long, false),
            ("Huisbezoek", false),
            ("dubbel--streepje", false),
            ("-begin", false),
            ("eind-", false),
            ("met spatie", false),
            ("café", false),
            ("", false),
        ];
        for (input, ok) in cases {
            assert_eq!(Slug::parse(input).is_ok(), *ok, "{input:?}");
        }
        assert_eq!(Slug::parse(" art-14 ").unwrap().as_str(), "art-14");
    }

    #[test]
    fn from_title_table() {
        let cases: &[(&str, &str)] = &[
            (
                "Huisbezoek binnen 5 werkdagen!",
                "huisbezoek-binnen-5-werkdagen",
            ),
            (
                "Café één: coöperatie & zo'n ÉÉN",
                "cafe-een-cooperatie-zon-een",
            ),
            ("'s-Hertogenbosch", "s-hertogenbosch"),
            ("  --Nazorg -- na ontruiming?  ", "nazorg-na-ontruiming"),
            ("Straße ĳs Œuvre", "strasse-ijs-oeuvre"),
            ("Melding art. 14 Gdw", "melding-art-14-gdw"),
        ];
        for (title, slug) in cases {
            assert_eq!(Slug::from_title(title).unwrap().as_str(), *slug, "{title}");
        }
        for hopeless in ["", "!!!", "ab", "→ ←"] {
            assert!(Slug::from_title(hopeless).is_err(), "{hopeless:?}");
        }
    }

    #[test]
    fn long_titles_are_cut_at_a_dash() {
        let title = "woord ".repeat(30); // "woord-woord-…": 179 characters
        let slug = Slug::from_title(&title).unwrap();
        assert_eq!(slug.as_str().len(), 77);
        assert!(slug.as_str().ends_with("woord"));
        // Exactly at a dash: keeps the full 80 characters.
        let exact = format!("{} rest", "a".repeat(80));
        assert_eq!(Slug::from_title(&exact).unwrap().as_str(), "a".repeat(80));
        let one_word = "x".repeat(100);
        assert_eq!(Slug::from_title(&one_word).unwrap().as_str().len(), 80);
    }

    #[test]
    fn serde_checks_the_form() {
        let slug: Slug = serde_json::from_str("\"nazorg\"").unwrap();
        assert_eq!(serde_json::to_string(&slug).unwrap(), "\"nazorg\"");
        assert!(serde_json::from_str::<Slug>("\"Na Zorg\"").is_err());
    }
}
