//! API token scopes: what a machine client may do on behalf of its
//! organisation. A token never has more power than its scopes list.

use crate::validation::{field_error, FieldError};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Scope {
    #[serde(rename = "org:read")]
    OrgRead,
    #[serde(rename = "users:read")]
    UsersRead,
    #[serde(rename = "users:write")]
    UsersWrite,
    #[serde(rename = "audit:read")]
    AuditRead,
    #[serde(rename = "signals:read")]
    SignalsRead,
    #[serde(rename = "signals:write")]
    SignalsWrite,
    #[serde(rename = "cases:read")]
    CasesRead,
    #[serde(rename = "cases:write")]
    CasesWrite,
    #[serde(rename = "ddas:export")]
    DdasExport,
    #[serde(rename = "tenancies:read")]
    TenanciesRead,
    #[serde(rename = "tenancies:write")]
    TenanciesWrite,
    /// Submit practices to the kennisbank and propose edits.
    #[serde(rename = "kennisbank:write")]
    KennisbankWrite,
    /// The editors' work; only valid on a redactie organisation's token.
    #[serde(rename = "kennisbank:review")]
    KennisbankReview,
    /// The organisation's own statistics (figures without personal data).
    #[serde(rename = "stats:read")]
    StatsRead,
}

impl Scope {
    pub const ALL: [Scope; 14] = [
        Scope::OrgRead,
        Scope::UsersRead,
        Scope::UsersWrite,
        Scope::AuditRead,
        Scope::SignalsRead,
        Scope::SignalsWrite,
        Scope::CasesRead,
        Scope::CasesWrite,
        Scope::DdasExport,
        Scope::TenanciesRead,
        Scope::TenanciesWrite,
        Scope::KennisbankWrite,
        Scope::KennisbankReview,
        Scope::StatsRead,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Scope::OrgRead => "org:read",
            Scope::UsersRead => "users:read",
            Scope::UsersWrite => "users:write",
            Scope::AuditRead => "audit:read",
            Scope::SignalsRead => "signals:read",
            Scope::SignalsWrite => "signals:write",
            Scope::CasesRead => "cases:read",
            Scope::CasesWrite => "cases:write",
            Scope::DdasExport => "ddas:export",
            Scope::TenanciesRead => "tenancies:read",
            Scope::TenanciesWrite => "tenancies:write",
            Scope::KennisbankWrite => "kennisbank:write",
            Scope::KennisbankReview => "kennisbank:review",
            Scope::StatsRead => "stats:read",
        }
    }

    fn parse_one(value: &str) -> Result<Scope, FieldError> {
        Scope::ALL
            .into_iter()
            .find(|s| s.slug() == value)
            .ok_or_else(|| {
                let all: Vec<&str> = Scope::ALL.iter().map(|s| s.slug()).collect();
                field_error(
                    "scopes",
                    format!("onbekende scope '{value}'; kies uit {}", all.join(", ")),
                )
            })
    }

    /// Parses "org:read,users:read" (commas or spaces); at least one scope.
    pub fn parse_list(value: &str) -> Result<Vec<Scope>, FieldError> {
        let mut scopes = value
            .split([',', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(Scope::parse_one)
            .collect::<Result<Vec<_>, _>>()?;
        if scopes.is_empty() {
            return Err(field_error("scopes", "geef minstens één scope op"));
        }
        scopes.sort();
        scopes.dedup();
        Ok(scopes)
    }

    pub fn join(scopes: &[Scope]) -> String {
        scopes
            .iter()
            .map(|s| s.slug())
            .collect::<Vec<_>>()
            .join(",")
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_list_table() {
        assert_eq!(
            Scope::parse_list("users:read, org:read users:read").unwrap(),
            vec![Scope::OrgRead, Scope::UsersRead]
        );
        assert!(Scope::parse_list("").is_err());
        assert_eq!(
            Scope::parse_list("org:read,alles").unwrap_err().reason,
            "onbekende scope 'alles'; kies uit org:read, users:read, users:write, audit:read, \
             signals:read, signals:write, cases:read, cases:write, ddas:export, tenancies:read, \
             tenancies:write, kennisbank:write, kennisbank:review, stats:read"
        );
        let all = Scope::join(&Scope::ALL);
        assert_eq!(Scope::parse_list(&all).unwrap(), Scope::ALL.to_vec());
    }

    #[test]
    fn slugs_match_serde_names() {
        for scope in Scope::ALL {
            let json = serde_json::to_string(&scope).unwrap();
            assert_eq!(json, format!("\"{}\"", scope.slug()));
        }
    }
}
