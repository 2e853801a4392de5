//! Organisations: their kinds, codes and, for a gemeente, the area it serves.

use crate::validation::{field_error, required_text, FieldError, Invalid};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What an organisation is in the chain. The slugs are the words users type
/// on the command line and see in the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OrgKind {
    Gemeente,
    Verhuurder,
    Signaalpartner,
    Hulpverlening,
    Deurwaarder,
    Redactie,
    Beheer,
}

impl OrgKind {
    pub const ALL: [OrgKind; 7] = [
        OrgKind::Gemeente,
        OrgKind::Verhuurder,
        OrgKind::Signaalpartner,
        OrgKind::Hulpverlening,
        OrgKind::Deurwaarder,
        OrgKind::Redactie,
        OrgKind::Beheer,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            OrgKind::Gemeente => "gemeente",
            OrgKind::Verhuurder => "verhuurder",
            OrgKind::Signaalpartner => "signaalpartner",
            OrgKind::Hulpverlening => "hulpverlening",
            OrgKind::Deurwaarder => "deurwaarder",
            OrgKind::Redactie => "redactie",
            OrgKind::Beheer => "beheer",
        }
    }

    /// The Dutch label shown in the web app.
    pub fn label(self) -> &'static str {
        match self {
            OrgKind::Gemeente => "Gemeente",
            OrgKind::Verhuurder => "Verhuurder",
            OrgKind::Signaalpartner => "Signaalpartner",
            OrgKind::Hulpverlening => "Hulpverlening",
            OrgKind::Deurwaarder => "Deurwaarder",
            OrgKind::Redactie => "Redactie kennisbank",
            OrgKind::Beheer => "Platformbeheer",
        }
    }
}

impl fmt::Display for OrgKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

impl FromStr for OrgKind {
    type Err = FieldError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OrgKind::ALL
            .into_iter()
            .find(|k| k.slug() == s.trim())
            .ok_or_else(|| {
                let all: Vec<&str> = OrgKind::ALL.iter().map(|k| k.slug()).collect();
                field_error(
                    "kind",
                    format!(
                        "onbekend soort organisatie '{s}'; kies uit {}",
                        all.join(", ")
                    ),
                )
            })
    }
}

/// A short, stable handle for an organisation: lowercase letters, digits and
/// dashes, because it appears in URLs, file names and command lines.
pub fn parse_org_code(value: &str) -> Result<String, FieldError> {
    let code = value.trim().to_lowercase();
    let valid_chars = code
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if code.len() < 2 || code.len() > 40 || !valid_chars || code.starts_with('-') {
        return Err(field_error(
            "code",
            "gebruik 2 tot 40 kleine letters, cijfers of streepjes (bijvoorbeeld 'gemeente-den-haag')",
        ));
    }
    Ok(code)
}

/// The CBS municipality code: exactly four digits, as in "0518" for Den Haag.
pub fn parse_gemeentecode(value: &str) -> Result<String, FieldError> {
    let code = value.trim();
    if code.len() == 4 && code.chars().all(|c| c.is_ascii_digit()) {
        Ok(code.to_string())
    } else {
        Err(field_error(
            "gemeentecode",
            format!("'{code}' is geen CBS-gemeentecode van vier cijfers (bijvoorbeeld 0518)"),
        ))
    }
}

/// An inclusive range of four-digit postcodes (PC4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pc4Range {
    pub from: u16,
    pub to: u16,
}

/// The PC4 areas a gemeente serves; signals are routed by these later on.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PostcodeRanges(pub Vec<Pc4Range>);

impl PostcodeRanges {
    /// Parses "2490-2599,2612": ranges and single codes, comma separated.
    pub fn parse(value: &str) -> Result<Self, FieldError> {
        let mut ranges = Vec::new();
        for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (from, to) = match part.split_once('-') {
                Some((a, b)) => (parse_pc4(a)?, parse_pc4(b)?),
                None => {
                    let single = parse_pc4(part)?;
                    (single, single)
                }
            };
            if from > to {
                return Err(field_error(
                    "postcodes",
                    format!("bereik '{part}' loopt achteruit"),
                ));
            }
            ranges.push(Pc4Range { from, to });
        }
        ranges.sort_by_key(|r| r.from);
        if let Some(pair) = ranges.windows(2).find(|w| w[1].from <= w[0].to) {
            return Err(field_error(
                "postcodes",
                format!(
                    "bereiken {} en {} overlappen",
                    format_range(pair[0]),
                    format_range(pair[1])
                ),
            ));
        }
        Ok(PostcodeRanges(ranges))
    }

    pub fn contains(&self, pc4: u16) -> bool {
        self.0.iter().any(|r| r.from <= pc4 && pc4 <= r.to)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for PostcodeRanges {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|r| format_range(*r)).collect();
        f.write_str(&parts.join(","))
    }
}

fn format_range(range: Pc4Range) -> String {
    if range.from == range.to {
        format!("{:04}", range.from)
    } else {
        format!("{:04}-{:04}", range.from, range.to)
    }
}

fn parse_pc4(value: &str) -> Result<u16, FieldError> {
    let v = value.trim();
    let number = v
        .parse::<u16>()
        .ok()
        .filter(|n| v.len() == 4 && (1000..=9999).contains(n));
    number.ok_or_else(|| {
        field_error(
            "postcodes",
            format!("'{v}' is geen viercijferige postcode (1000-9999)"),
        )
    })
}

/// A validated request to create an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewOrg {
    pub code: String,
    pub name: String,
    pub kind: OrgKind,
    pub gemeentecode: Option<String>,
    pub postcodes: PostcodeRanges,
}

impl NewOrg {
    /// Checks every field and the rules between them: only a gemeente has a
    /// gemeentecode and postcode areas, and it must have a gemeentecode.
    pub fn parse(
        code: &str,
        name: &str,
        kind: &str,
        gemeentecode: Option<&str>,
        postcodes: Option<&str>,
    ) -> Result<NewOrg, Invalid> {
        let mut invalid = Invalid::default();
        let code = invalid.check(parse_org_code(code));
        let name = invalid.check(required_text("name", name, 120));
        let kind = invalid.check(kind.parse::<OrgKind>());
        let gemeentecode = gemeentecode
            .filter(|g| !g.trim().is_empty())
            .and_then(|g| invalid.check(parse_gemeentecode(g)));
        let postcodes = invalid
            .check(PostcodeRanges::parse(postcodes.unwrap_or("")))
            .unwrap_or_default();
        if kind == Some(OrgKind::Gemeente) && gemeentecode.is_none() && invalid.errors.is_empty() {
            invalid.push("gemeentecode", "is verplicht voor een gemeente");
        }
        if kind.is_some_and(|k| k != OrgKind::Gemeente)
            && (gemeentecode.is_some() || !postcodes.is_empty())
        {
            invalid.push(
                "kind",
                "alleen een gemeente heeft een gemeentecode en postcodegebieden",
            );
        }
        invalid.into_result()?;
        Ok(NewOrg {
            code: code.unwrap_or_default(),
            name: name.unwrap_or_default(),
            kind: kind.unwrap_or(OrgKind::Gemeente),
            gemeentecode,
            postcodes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcode_ranges_table() {
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("2490-2599,2612", Ok("2490-2599,2612")),
            (" 2612 , 2490-2599 ", Ok("2490-2599,2612")),
            ("", Ok("")),
            ("2599-2490", Err("bereik '2599-2490' loopt achteruit")),
            (
                "249",
                Err("'249' is geen viercijferige postcode (1000-9999)"),
            ),
            (
                "0999",
                Err("'0999' is geen viercijferige postcode (1000-9999)"),
            ),
            (
                "abcd",
                Err("'abcd' is geen viercijferige postcode (1000-9999)"),
            ),
            (
                "2490-2599,2500",
                Err("bereiken 2490-2599 en 2500 overlappen"),
            ),
        ];
        for (input, expected) in cases {
            let got = PostcodeRanges::parse(input);
            match expected {
                Ok(text) => assert_eq!(got.unwrap().to_string(), *text, "{input}"),
                Err(reason) => assert_eq!(got.unwrap_err().reason, *reason, "{input}"),
            }
        }
    }

    #[test]
    fn postcode_contains() {
        let ranges = PostcodeRanges::parse("2490-2599,2612").unwrap();
        for (pc4, inside) in [
            (2489, false),
            (2490, true),
            (2599, true),
            (2600, false),
            (2612, true),
        ] {
            assert_eq!(ranges.contains(pc4), inside, "{pc4}");
        }
    }

    #[test]
    fn org_code_and_gemeentecode_table() {
        assert_eq!(
            parse_org_code(" Gemeente-Den-Haag ").unwrap(),
            "gemeente-den-haag"
        );
        for bad in ["a", "met spatie", "-begin", "ünï", &"x".repeat(41)] {
            assert!(parse_org_code(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_gemeentecode("0518").unwrap(), "0518");
        for bad in ["518", "05180", "05a8", ""] {
            assert!(parse_gemeentecode(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn new_org_rules_table() {
        let ok = NewOrg::parse(
            "den-haag",
            "Gemeente Den Haag",
            "gemeente",
            Some("0518"),
            Some("2490-2599"),
        );
        assert!(ok.is_ok());
        let cases: &[(&str, Option<&str>, Option<&str>, &str)] = &[
            ("gemeente", None, None, "gemeentecode: is verplicht voor een gemeente"),
            ("verhuurder", Some("0518"), None, "kind: alleen een gemeente heeft een gemeentecode en postcodegebieden"),
            ("verhuurder", None, Some("2490"), "kind: alleen een gemeente heeft een gemeentecode en postcodegebieden"),
            ("bank", None, None, "kind: onbekend soort organisatie 'bank'; kies uit gemeente, verhuurder, signaalpartner, hulpverlening, deurwaarder, redactie, beheer"),
        ];
        for (kind, gc, pcs, message) in cases {
            let err = NewOrg::parse("x-1", "Naam", kind, *gc, *pcs).unwrap_err();
            assert_eq!(err.to_string(), *message, "{kind}");
        }
    }
}
