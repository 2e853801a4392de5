//! Dutch postcodes: four digits (not starting with 0) and two letters.
//! SA, SD and SS are never issued, so a postcode with them is a typo.

use super::Reject;
use std::fmt;

/// A postcode in its canonical form "1234AB".
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Postcode(String);

impl Postcode {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The four-digit area that routes a signal to its municipality.
    pub fn pc4(&self) -> u16 {
        self.0[..4]
            .parse()
            .expect("a parsed postcode starts with four digits")
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Postcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub fn parse_postcode(value: &str) -> Result<Postcode, Reject> {
    let text = value.trim();
    let format_error = || {
        Reject::new(
            "postcode.format",
            "is geen Nederlandse postcode (vier cijfers en twee letters, bijvoorbeeld 2511 AB)",
        )
    };
    let digits = text.get(..4).ok_or_else(format_error)?;
    let letters = text[4..].trim_start().to_ascii_uppercase();
    let digits_ok = digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0');
    let letters_ok = letters.len() == 2 && letters.bytes().all(|b| b.is_ascii_uppercase());
    if !digits_ok || !letters_ok {
        return Err(format_error());
    }
    if matches!(letters.as_str(), "SA" | "SD" | "SS") {
        return Err(Reject::new(
            "postcode.not_issued",
            "bestaat niet: de letters SA, SD en SS worden niet uitgegeven",
        ));
    }
    Ok(Postcode(format!("{digits}{letters}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    type Case<'a> = (&'a str, Result<(&'a str, u16), &'a str>);

    #[test]
    fn postcodes_table() {
        let cases: &[Case] = &[
            ("1234 AB", Ok(("1234AB", 1234))),
            ("1234ab", Ok(("1234AB", 1234))),
            ("1234AB", Ok(("1234AB", 1234))),
            (" 2511  cv ", Ok(("2511CV", 2511))),
            ("2288\tXZ", Ok(("2288XZ", 2288))),
            ("9999ZZ", Ok(("9999ZZ", 9999))),
            ("0123AB", Err("postcode.format")),
            ("123AB", Err("postcode.format")),
            ("12345", Err("postcode.format")),
            ("1234 A", Err("postcode.format")),
            ("1234 ABC", Err("postcode.format")),
            ("1234-AB", Err("postcode.format")),
            ("12 34AB", Err("postcode.format")),
            ("B-1000", Err("postcode.format")),
            ("SW1A 1AA", Err("postcode.format")),
            ("1234 ÄB", Err("postcode.format")),
            ("€€", Err("postcode.format")),
            ("", Err("postcode.format")),
            ("1234 SA", Err("postcode.not_issued")),
            ("1234sd", Err("postcode.not_issued")),
            ("1234 SS", Err("postcode.not_issued")),
        ];
        for (input, expected) in cases {
            let got = parse_postcode(input)
                .map(|p| (p.to_string(), p.pc4()))
                .map_err(|r| r.code);
            let expected = expected.map(|(s, n)| (s.to_string(), n));
            assert_eq!(got, expected, "{input:?}");
        }
    }
}
