//! House numbers with their addition (huisletter/toevoeging). Exports write
//! "12A", "12-A", "12 bis" or keep the addition in its own column; all end
//! up as number 12 and addition "A" or "BIS", so one household has one key.

use super::Reject;

const MAX_ADDITION_CHARS: usize = 6;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseNumber {
    pub number: u32,
    pub addition: Option<String>,
}

pub fn parse_house_number(value: &str) -> Result<HouseNumber, Reject> {
    let text = value.trim();
    let digits_end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    if digits_end == 0 {
        return Err(Reject::new(
            "house_number.format",
            "is geen huisnummer (begin met cijfers, bijvoorbeeld 12 of 12A)",
        ));
    }
    let number = text[..digits_end]
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=99_999).contains(n))
        .ok_or_else(|| Reject::new("house_number.range", "moet tussen 1 en 99999 liggen"))?;
    let addition = parse_addition(&text[digits_end..])?;
    Ok(HouseNumber { number, addition })
}

/// Uppercased, separators removed; empty is `None`.
pub fn parse_addition(value: &str) -> Result<Option<String>, Reject> {
    let addition: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '/' | '.'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if addition.is_empty() {
        return Ok(None);
    }
    if addition.len() > MAX_ADDITION_CHARS || !addition.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(Reject::new(
            "house_number.addition",
            format!(
                "toevoeging mag alleen letters en cijfers bevatten (maximaal {MAX_ADDITION_CHARS})"
            ),
        ));
    }
    Ok(Some(addition))
}

impl HouseNumber {
    /// Merges a separate addition column: it fills in a missing addition, and
    /// two different additions for one address are an error, never a guess.
    pub fn with_addition(self, addition: Option<String>) -> Result<HouseNumber, Reject> {
        match (&self.addition, addition) {
            (_, None) => Ok(self),
            (None, Some(extra)) => Ok(HouseNumber {
                addition: Some(extra),
                ..self
            }),
            (Some(own), Some(extra)) if *own == extra => Ok(self),
            (Some(_), Some(_)) => Err(Reject::new(
                "house_number.conflict",
                "huisnummer en huisnummertoevoeging noemen verschillende toevoegingen",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hn(number: u32, addition: Option<&str>) -> HouseNumber {
        HouseNumber {
            number,
            addition: addition.map(str::to_string),
        }
    }

    #[test]
    fn house_numbers_table() {
        let cases: &[(&str, Result<HouseNumber, &str>)] = &[
            ("12", Ok(hn(12, None))),
            ("12A", Ok(hn(12, Some("A")))),
            ("12-A", Ok(hn(12, Some("A")))),
            ("12 bis", Ok(hn(12, Some("BIS")))),
            ("12 II", Ok(hn(12, Some("II")))),
            (" 12 a ", Ok(hn(12, Some("A")))),
            ("12/3", Ok(hn(12, Some("3")))),
            ("12-1 hg", Ok(hn(12, Some("1HG")))),
            ("007", Ok(hn(7, None))),
            ("99999", Ok(hn(99_999, None))),
            ("0", Err("house_number.range")),
            ("100000", Err("house_number.range")),
            ("99999999999", Err("house_number.range")),
            ("A12", Err("house_number.format")),
            ("", Err("house_number.format")),
            ("12 achterhuis", Err("house_number.addition")),
            ("12 (boven)", Err("house_number.addition")),
            ("12 ä", Err("house_number.addition")),
        ];
        for (input, expected) in cases {
            let got = parse_house_number(input).map_err(|r| r.code);
            assert_eq!(got, *expected, "{input:?}");
        }
    }

    #[test]
    fn addition_column_table() {
        let cases: &[(&str, &str, Result<HouseNumber, &str>)] = &[
            ("12", "", Ok(hn(12, None))),
            ("12", "a", Ok(hn(12, Some("A")))),
            ("12", " - B ", Ok(hn(12, Some("B")))),
            ("12A", "", Ok(hn(12, Some("A")))),
            ("12A", "a", Ok(hn(12, Some("A")))),
            ("12-bis", "BIS", Ok(hn(12, Some("BIS")))),
            ("12A", "B", Err("house_number.conflict")),
            ("12", "zolderverdieping", Err("house_number.addition")),
        ];
        for (number, addition, expected) in cases {
            let got = parse_house_number(number)
                .and_then(|n| n.with_addition(parse_addition(addition)?))
                .map_err(|r| r.code);
            assert_eq!(got, *expected, "{number:?} + {addition:?}");
        }
    }
}
