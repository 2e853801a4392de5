//! Mapping profiles: how another export's columns map onto the fields of
//! an import (signals or tenancies), so a corporation's ERP export imports
//! without editing it.
//!
//! ```toml
//! name = "Voorbeeld ERP-export"
//! delimiter = ";"            # optional, otherwise detected
//! encoding = "windows-1252"  # optional: utf-8 | windows-1252, otherwise detected
//! [columns]                  # our field = their header
//! kenmerk = "Dossiernr"
//! [defaults]                 # fixed values for cells the export lacks or leaves empty
//! soort = "Huur"
//! ```

use crate::encoding::Encoding;
use crate::fields::FieldSet;
use std::fmt;
use std::marker::PhantomData;
use toml::{Table, Value};
use vangnet_domain::signal::SignalField;
use vangnet_domain::tenancy::TenancyField;

const DELIMITERS: [(&str, u8); 4] = [(";", b';'), (",", b','), ("\t", b'\t'), ("|", b'|')];

/// A mapping profile for the signal import.
pub type Profile = MappingProfile<SignalField>;
/// A mapping profile for the tenancy import.
pub type TenancyProfile = MappingProfile<TenancyField>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingProfile<F> {
    pub name: String,
    /// `None`: detected from the header line.
    pub delimiter: Option<u8>,
    /// `None`: detected per cell (UTF-8, else Windows-1252).
    pub encoding: Option<Encoding>,
    /// Per field, by `FieldSet::index`.
    headers: Vec<String>,
    defaults: Vec<Option<String>>,
    fields: PhantomData<F>,
}

/// Why a profile was refused, in Dutch, naming the key or value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    pub message: String,
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "importprofiel: {}", self.message)
    }
}

impl std::error::Error for ProfileError {}

fn error(message: impl Into<String>) -> ProfileError {
    ProfileError {
        message: message.into(),
    }
}

impl<F: FieldSet> Default for MappingProfile<F> {
    /// The default header: every field under its own name.
    fn default() -> Self {
        MappingProfile {
            name: "Standaard".to_string(),
            delimiter: None,
            encoding: None,
            headers: F::ALL.iter().map(|f| f.name().to_string()).collect(),
            defaults: vec![None; F::ALL.len()],
            fields: PhantomData,
        }
    }
}

impl<F: FieldSet> MappingProfile<F> {
    /// The header this profile expects for `field`.
    pub fn header_for(&self, field: F) -> &str {
        &self.headers[field.index()]
    }

    pub fn default_for(&self, field: F) -> Option<&str> {
        self.defaults[field.index()].as_deref()
    }

    pub fn from_toml(text: &str) -> Result<Self, ProfileError> {
        let table: Table = text
            .parse()
            .map_err(|e| error(format!("geen geldige TOML: {e}")))?;
        let mut profile = Self::default();
        for (key, value) in &table {
            match key.as_str() {
                "name" => profile.name = text_value(key, value)?,
                "delimiter" => profile.delimiter = Some(delimiter(value)?),
                "encoding" => profile.encoding = Some(encoding(value)?),
                "columns" => profile.read_columns(section(key, value)?)?,
                "defaults" => profile.read_defaults(section(key, value)?)?,
                other => {
                    return Err(error(format!(
                        "onbekende sleutel '{other}'; bekend zijn name, delimiter, encoding, [columns] en [defaults]"
                    )))
                }
            }
        }
        profile.check_headers_unique()?;
        Ok(profile)
    }

    fn read_columns(&mut self, columns: &Table) -> Result<(), ProfileError> {
        for (key, value) in columns {
            let field = field::<F>("columns", key)?;
            let header = text_value(&format!("[columns] {key}"), value)?;
            if header.trim().is_empty() {
                return Err(error(format!("[columns] {key}: de kolomnaam is leeg")));
            }
            self.headers[field.index()] = header.trim().to_string();
        }
        Ok(())
    }

    fn read_defaults(&mut self, defaults: &Table) -> Result<(), ProfileError> {
        for (key, value) in defaults {
            let field = field::<F>("defaults", key)?;
            let text = match value {
                Value::String(s) => s.trim().to_string(),
                Value::Boolean(b) => if *b { "ja" } else { "nee" }.to_string(),
                Value::Integer(i) => i.to_string(),
                _ => {
                    return Err(error(format!(
                        "[defaults] {key} moet tekst, ja/nee of een getal zijn"
                    )))
                }
            };
            field
                .check_default(&text)
                .map_err(|r| error(format!("[defaults] {key} = '{text}': {}", r.message)))?;
            self.defaults[field.index()] = Some(text).filter(|t| !t.is_empty());
        }
        Ok(())
    }

    /// Two fields under one header would make a column mean two things.
    fn check_headers_unique(&self) -> Result<(), ProfileError> {
        for (i, a) in F::ALL.iter().enumerate() {
            for b in &F::ALL[i + 1..] {
                if header_key(self.header_for(*a)) == header_key(self.header_for(*b)) {
                    return Err(error(format!(
                        "{} en {} wijzen allebei naar kolom '{}'",
                        a.name(),
                        b.name(),
                        self.header_for(*b)
                    )));
                }
            }
        }
        Ok(())
    }
}

/// How headers are compared: case, surrounding spaces and the choice
/// between ' ', '_' and '-' between words do not matter.
pub(crate) fn header_key(header: &str) -> String {
    header
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

fn field<F: FieldSet>(section: &str, key: &str) -> Result<F, ProfileError> {
    F::ALL
        .iter()
        .copied()
        .find(|f| f.name() == key)
        .ok_or_else(|| {
            let known: Vec<&str> = F::ALL.iter().map(|f| f.name()).collect();
            error(format!(
                "onbekend veld '{key}' in [{section}]; bekende velden: {}",
                known.join(", ")
            ))
        })
}

fn section<'a>(key: &str, value: &'a Value) -> Result<&'a Table, ProfileError> {
    value
        .as_table()
        .ok_or_else(|| error(format!("{key} moet een sectie [{key}] zijn")))
}

fn text_value(key: &str, value: &Value) -> Result<String, ProfileError> {
    value
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| error(format!("{key} moet tekst tussen aanhalingstekens zijn")))
}

fn delimiter(value: &Value) -> Result<u8, ProfileError> {
    let text = value.as_str().unwrap_or_default();
    DELIMITERS
        .iter()
        .find(|(name, _)| *name == text)
        .map(|(_, byte)| *byte)
        .ok_or_else(|| {
            error(format!(
                "delimiter '{text}' wordt niet ondersteund; kies ';', ',', '|' of \"\\t\""
            ))
        })
}

fn encoding(value: &Value) -> Result<Encoding, ProfileError> {
    let text = value.as_str().unwrap_or_default();
    Encoding::parse(text).ok_or_else(|| {
        error(format!(
            "encoding '{text}' wordt niet ondersteund; kies utf-8 of windows-1252"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_profile_reads() {
        let profile = Profile::from_toml(
            r#"
            name = "ERP"
            delimiter = ";"
            encoding = "windows-1252"
            [columns]
            kenmerk = "Dossiernr"
            bedrag = " Openstaand saldo "
            [defaults]
            soort = "Huur"
            contact_gezocht = true
            maandhuur = 650
            "#,
        )
        .unwrap();
        assert_eq!(profile.name, "ERP");
        assert_eq!(profile.delimiter, Some(b';'));
        assert_eq!(profile.encoding, Some(Encoding::Windows1252));
        assert_eq!(profile.header_for(SignalField::Kenmerk), "Dossiernr");
        assert_eq!(profile.header_for(SignalField::Bedrag), "Openstaand saldo");
        assert_eq!(profile.header_for(SignalField::Postcode), "postcode");
        assert_eq!(profile.default_for(SignalField::Soort), Some("Huur"));
        assert_eq!(profile.default_for(SignalField::ContactGezocht), Some("ja"));
        assert_eq!(profile.default_for(SignalField::Maandhuur), Some("650"));
        assert_eq!(profile.default_for(SignalField::Bsn), None);
    }

    #[test]
    fn errors_table() {
        let cases: &[(&str, &str)] = &[
            ("name = ", "geen geldige TOML"),
            ("naam = \"x\"", "onbekende sleutel 'naam'"),
            ("name = 3", "name moet tekst"),
            (
                "delimiter = \"::\"",
                "delimiter '::' wordt niet ondersteund",
            ),
            (
                "encoding = \"latin-9\"",
                "encoding 'latin-9' wordt niet ondersteund",
            ),
            ("columns = \"x\"", "columns moet een sectie [columns] zijn"),
            (
                "[columns]\nnaam = \"Naam\"",
                "onbekend veld 'naam' in [columns]",
            ),
            ("[columns]\nkenmerk = 1", "[columns] kenmerk moet tekst"),
            (
                "[columns]\nkenmerk = \" \"",
                "[columns] kenmerk: de kolomnaam is leeg",
            ),
            (
                "[columns]\nkenmerk = \"Nr\"\nbsn = \"nr\"",
                "kenmerk en bsn wijzen allebei naar kolom 'nr'",
            ),
            (
                "[columns]\nkenmerk = \"BSN\"",
                "kenmerk en bsn wijzen allebei naar kolom 'bsn'",
            ),
            (
                "[defaults]\nsoort = \"Hurr\"",
                "[defaults] soort = 'Hurr': is geen bekende soort",
            ),
            (
                "[defaults]\ncontact_gezocht = \"wel\"",
                "[defaults] contact_gezocht = 'wel': is geen ja/nee-waarde",
            ),
            (
                "[defaults]\nonbekend = \"x\"",
                "onbekend veld 'onbekend' in [defaults]",
            ),
            (
                "[defaults]\nbedrag = 1.5",
                "[defaults] bedrag moet tekst, ja/nee of een getal zijn",
            ),
        ];
        for (text, expected) in cases {
            let got = Profile::from_toml(text).unwrap_err().message;
            assert!(got.starts_with(expected), "{text:?}: {got}");
        }
    }

    #[test]
    fn header_key_table() {
        let cases = [
            ("Openstaand saldo", "openstaand_saldo"),
            ("  openstaand_saldo ", "openstaand_saldo"),
            ("Warme-Overdracht", "warme_overdracht"),
            ("E-mailadres", "e_mailadres"),
            ("", ""),
        ];
        for (header, expected) in cases {
            assert_eq!(header_key(header), expected, "{header}");
        }
    }
}
