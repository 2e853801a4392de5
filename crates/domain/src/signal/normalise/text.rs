//! Free text cells: names, street, city, the sender's reference.

use super::Reject;

pub const MAX_KENMERK_CHARS: usize = 64;

/// Trimmed, inner runs of whitespace collapsed to one space (exports pad
/// names with spaces), no control characters, at most `max_chars`.
pub fn parse_text(value: &str, max_chars: usize) -> Result<String, Reject> {
    let trimmed = value.trim();
    let tidy =
        !trimmed.contains(|c: char| c.is_whitespace() && c != ' ') && !trimmed.contains("  ");
    let text = if tidy {
        trimmed.to_string()
    } else {
        trimmed.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    check_chars(&text, max_chars)?;
    Ok(text)
}

/// A surname must at least contain a letter; "-" or "?" is a placeholder.
pub fn parse_surname(value: &str) -> Result<String, Reject> {
    let name = parse_text(value, 200)?;
    if !name.chars().any(char::is_alphabetic) {
        return Err(Reject::new("name.format", "bevat geen letters"));
    }
    Ok(name)
}

/// The sender's own reference, kept exactly (apart from the surrounding
/// spaces) because the sender will look it up in their own system.
pub fn parse_kenmerk(value: &str) -> Result<String, Reject> {
    let kenmerk = value.trim();
    check_chars(kenmerk, MAX_KENMERK_CHARS)?;
    Ok(kenmerk.to_string())
}

fn check_chars(text: &str, max_chars: usize) -> Result<(), Reject> {
    if text.chars().any(|c| c.is_control() || c == '\u{fffd}') {
        return Err(Reject::new("text.control", "bevat onleesbare tekens"));
    }
    if text.chars().count() > max_chars {
        return Err(Reject::new(
            "text.too_long",
            format!("is te lang (maximaal {max_chars} tekens)"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_table() {
        let cases: &[(&str, usize, Result<&str, &str>)] = &[
            ("  Laan van  Meerdervoort ", 80, Ok("Laan van Meerdervoort")),
            ("'s-Gravenhage", 80, Ok("'s-Gravenhage")),
            ("Den\tHaag", 80, Ok("Den Haag")),
            ("abcdef", 5, Err("text.too_long")),
            ("éééé", 4, Ok("éééé")),
            ("a\u{7}b", 10, Err("text.control")),
            ("a\u{fffd}b", 10, Err("text.control")),
            ("a\u{85}b", 10, Ok("a b")),
        ];
        for (input, max, expected) in cases {
            let got = parse_text(input, *max);
            assert_eq!(got.as_deref().map_err(|r| r.code), *expected, "{input:?}");
        }
    }

    #[test]
    fn surname_table() {
        let cases: &[(&str, Result<&str, &str>)] = &[
            (" Jansen ", Ok("Jansen")),
            ("Jansen-de  Vries", Ok("Jansen-de Vries")),
            ("O'Brien", Ok("O'Brien")),
            ("Öztürk", Ok("Öztürk")),
            ("-", Err("name.format")),
            ("?", Err("name.format")),
        ];
        for (input, expected) in cases {
            let got = parse_surname(input);
            assert_eq!(got.as_deref().map_err(|r| r.code), *expected, "{input:?}");
        }
    }

    #[test]
    fn kenmerk_table() {
        let long = "x".repeat(65);
        let max = "x".repeat(64);
        let cases: &[(&str, Result<&str, &str>)] = &[
            (" HUUR-2025-0001 ", Ok("HUUR-2025-0001")),
            ("A  B", Ok("A  B")),
            (&max, Ok(&max)),
            (&long, Err("text.too_long")),
            ("AB\u{0}1", Err("text.control")),
            ("AB\n1", Err("text.control")),
        ];
        for (input, expected) in cases {
            let got = parse_kenmerk(input);
            assert_eq!(got.as_deref().map_err(|r| r.code), *expected, "{input:?}");
        }
    }
}
