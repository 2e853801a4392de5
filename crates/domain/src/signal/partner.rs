//! The kinds of signal partner, exactly as DDAS (EnumSignaalpartner) names
//! them, because the CBS report must use those strings.

use super::normalise::Reject;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartnerType {
    Energie,
    Huur,
    Hypotheek,
    CakZorgverzekeringen,
    Zorg,
    Water,
    Duo,
    Belastingdienst,
    CakEigenBijdrage,
    Overige,
    DienstToeslagen,
}

impl PartnerType {
    pub const ALL: [PartnerType; 11] = [
        PartnerType::Energie,
        PartnerType::Huur,
        PartnerType::Hypotheek,
        PartnerType::CakZorgverzekeringen,
        PartnerType::Zorg,
        PartnerType::Water,
        PartnerType::Duo,
        PartnerType::Belastingdienst,
        PartnerType::CakEigenBijdrage,
        PartnerType::Overige,
        PartnerType::DienstToeslagen,
    ];

    /// The DDAS string, also the label people see.
    pub fn ddas(self) -> &'static str {
        match self {
            PartnerType::Energie => "Energie",
            PartnerType::Huur => "Huur",
            PartnerType::Hypotheek => "Hypotheek",
            PartnerType::CakZorgverzekeringen => "CAK Zorgverzekeringen",
            PartnerType::Zorg => "Zorg",
            PartnerType::Water => "Water",
            PartnerType::Duo => "DUO",
            PartnerType::Belastingdienst => "Belastingdienst",
            PartnerType::CakEigenBijdrage => "CAK Eigen bijdrage",
            PartnerType::Overige => "Overige",
            PartnerType::DienstToeslagen => "Dienst Toeslagen",
        }
    }

    /// The storage form: lowercase, words joined by '-'.
    pub fn slug(self) -> &'static str {
        match self {
            PartnerType::Energie => "energie",
            PartnerType::Huur => "huur",
            PartnerType::Hypotheek => "hypotheek",
            PartnerType::CakZorgverzekeringen => "cak-zorgverzekeringen",
            PartnerType::Zorg => "zorg",
            PartnerType::Water => "water",
            PartnerType::Duo => "duo",
            PartnerType::Belastingdienst => "belastingdienst",
            PartnerType::CakEigenBijdrage => "cak-eigen-bijdrage",
            PartnerType::Overige => "overige",
            PartnerType::DienstToeslagen => "dienst-toeslagen",
        }
    }

    /// Accepts the DDAS string or the slug, in any case, with '-', '_' and
    /// runs of spaces treated alike.
    pub fn parse(value: &str) -> Result<PartnerType, Reject> {
        let value = value.trim();
        // Exact forms first: this runs for every row of a large import.
        let exact = PartnerType::ALL
            .into_iter()
            .find(|p| p.ddas().eq_ignore_ascii_case(value) || p.slug().eq_ignore_ascii_case(value));
        if let Some(partner) = exact {
            return Ok(partner);
        }
        let wanted = comparable(value);
        PartnerType::ALL
            .into_iter()
            .find(|p| p.slug() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = PartnerType::ALL.iter().map(|p| p.ddas()).collect();
                Reject::new(
                    "partner.unknown",
                    format!(
                        "is geen bekende soort signaalpartner; kies uit {}",
                        names.join(", ")
                    ),
                )
            })
    }
}

/// The slug form of a loosely written partner type.
fn comparable(value: &str) -> String {
    value
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

impl fmt::Display for PartnerType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.ddas())
    }
}

impl FromStr for PartnerType {
    type Err = Reject;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PartnerType::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_round_trips_through_both_forms() {
        for partner in PartnerType::ALL {
            assert_eq!(PartnerType::parse(partner.ddas()), Ok(partner));
            assert_eq!(PartnerType::parse(partner.slug()), Ok(partner));
            let json = serde_json::to_string(&partner).unwrap();
            assert_eq!(json, format!("\"{}\"", partner.slug()));
        }
    }

    #[test]
    fn parse_table() {
        let cases: &[(&str, Result<PartnerType, &str>)] = &[
            ("Huur", Ok(PartnerType::Huur)),
            ("HUUR", Ok(PartnerType::Huur)),
            (" huur ", Ok(PartnerType::Huur)),
            (
                "CAK Zorgverzekeringen",
                Ok(PartnerType::CakZorgverzekeringen),
            ),
            (
                "cak-zorgverzekeringen",
                Ok(PartnerType::CakZorgverzekeringen),
            ),
            (
                "cak   zorgverzekeringen",
                Ok(PartnerType::CakZorgverzekeringen),
            ),
            ("CAK_Eigen_Bijdrage", Ok(PartnerType::CakEigenBijdrage)),
            ("duo", Ok(PartnerType::Duo)),
            ("Dienst-Toeslagen", Ok(PartnerType::DienstToeslagen)),
            ("Hurr", Err("partner.unknown")),
            ("CAK", Err("partner.unknown")),
            ("", Err("partner.unknown")),
        ];
        for (input, expected) in cases {
            assert_eq!(
                PartnerType::parse(input).map_err(|r| r.code),
                *expected,
                "{input:?}"
            );
        }
    }
}
