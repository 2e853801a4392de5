//! Initials, phone numbers and e-mail addresses of the person signalled.

use super::Reject;

/// "A.B.", the way Dutch registers write initials. Without dots or spaces
/// every letter is one initial ("AB" is "A.B."); with them, a token may be a
/// multi-letter initial such as "Th." or the Dutch digraph "IJ.".
pub fn parse_initials(value: &str) -> Result<String, Reject> {
    let text = value.trim();
    let tokens: Vec<String> = if text.contains(['.', ' ']) {
        text.split(['.', ' '])
            .filter(|t| !t.is_empty())
            .map(initial_token)
            .collect()
    } else if looks_like_letters(text) {
        text.chars().map(|c| c.to_uppercase().collect()).collect()
    } else {
        Vec::new()
    };
    let valid = !tokens.is_empty()
        && tokens
            .iter()
            .all(|t| t.chars().count() <= 3 && t.chars().all(char::is_alphabetic));
    if !valid {
        return Err(Reject::new(
            "initials.format",
            "zijn geen voorletters (schrijf bijvoorbeeld A.B.)",
        ));
    }
    let initials: String = tokens.iter().map(|t| format!("{t}.")).collect();
    if initials.chars().count() > 20 {
        return Err(Reject::new(
            "text.too_long",
            "zijn te lang (maximaal 20 tekens)",
        ));
    }
    Ok(initials)
}

/// "AB" or "ab" are initials; "Johannes" is a first name in the wrong column.
fn looks_like_letters(text: &str) -> bool {
    let same_case = text.chars().all(char::is_uppercase) || text.chars().all(char::is_lowercase);
    same_case && text.chars().count() <= 6
}

fn initial_token(token: &str) -> String {
    if token.eq_ignore_ascii_case("ij") {
        return "IJ".to_string();
    }
    let mut chars = token.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
    first.unwrap_or_default() + &chars.as_str().to_lowercase()
}

/// Kept as written (only trimmed): people recognise their own notation, and
/// numbers abroad have their own grouping. Letters are refused.
pub fn parse_phone(value: &str) -> Result<String, Reject> {
    let phone = value.trim();
    let allowed = phone.char_indices().all(|(i, c)| {
        c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')') || (c == '+' && i == 0)
    });
    let digits = phone.bytes().filter(u8::is_ascii_digit).count();
    if !allowed || !(8..=15).contains(&digits) {
        return Err(Reject::new(
            "phone.format",
            "is geen telefoonnummer (alleen cijfers, spaties, streepjes en een + vooraan)",
        ));
    }
    Ok(phone.to_string())
}

pub fn parse_email(value: &str) -> Result<String, Reject> {
    crate::user::parse_email(value).map_err(|e| Reject::new("email.format", e.reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_table() {
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("A.B.", Ok("A.B.")),
            ("A.B", Ok("A.B.")),
            ("a.b.", Ok("A.B.")),
            ("AB", Ok("A.B.")),
            ("ab", Ok("A.B.")),
            ("A B", Ok("A.B.")),
            (" J.P.M. ", Ok("J.P.M.")),
            ("Th. J.", Ok("Th.J.")),
            ("ij.", Ok("IJ.")),
            ("É.", Ok("É.")),
            ("A1", Err("initials.format")),
            ("A.-.", Err("initials.format")),
            ("Johannes", Err("initials.format")),
            ("...", Err("initials.format")),
            ("ABCDEFG", Err("initials.format")),
            ("A.B.C.D.E.F.G.H.I.J.K.", Err("text.too_long")),
        ];
        for (input, expected) in cases {
            let got = parse_initials(input);
            assert_eq!(got.as_deref().map_err(|r| r.code), *expected, "{input:?}");
        }
    }

    #[test]
    fn phone_table() {
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("070-1234567", Ok("070-1234567")),
            (" 06 12345678 ", Ok("06 12345678")),
            ("+31 70 123 45 67", Ok("+31 70 123 45 67")),
            ("(070) 123 45 67", Ok("(070) 123 45 67")),
            ("0612345678", Ok("0612345678")),
            ("06-12ab5678", Err("phone.format")),
            ("31+612345678", Err("phone.format")),
            ("112", Err("phone.format")),
            ("0612345678901234", Err("phone.format")),
            ("onbekend", Err("phone.format")),
        ];
        for (input, expected) in cases {
            let got = parse_phone(input);
            assert_eq!(got.as_deref().map_err(|r| r.code), *expected, "{input:?}");
        }
    }

    #[test]
    fn email_table() {
        let cases: &[(&str, Result<&str, &str>)] = &[
            (" J.Jansen@Example.NL ", Ok("j.jansen@example.nl")),
            ("jansen@", Err("email.format")),
            ("geen e-mail", Err("email.format")),
        ];
        for (input, expected) in cases {
            let got = parse_email(input);
            assert_eq!(got.as_deref().map_err(|r| r.code), *expected, "{input:?}");
        }
    }
}
