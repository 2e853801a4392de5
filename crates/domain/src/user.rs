//! Users and their role within their own organisation.

use crate::org::OrgKind;
use crate::validation::{field_error, required_text, FieldError, Invalid};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A user's role inside their organisation. Roles never reach across
/// organisations; platform-wide power comes from belonging to a `beheer`
/// organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Medewerker,
    Teamleider,
    Beheerder,
    Redacteur,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Medewerker,
        Role::Teamleider,
        Role::Beheerder,
        Role::Redacteur,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Role::Medewerker => "medewerker",
            Role::Teamleider => "teamleider",
            Role::Beheerder => "beheerder",
            Role::Redacteur => "redacteur",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Medewerker => "Medewerker",
            Role::Teamleider => "Teamleider",
            Role::Beheerder => "Beheerder",
            Role::Redacteur => "Redacteur",
        }
    }

    /// Editors only exist in the kennisbank's editorial organisation.
    pub fn allowed_in(self, kind: OrgKind) -> bool {
        self != Role::Redacteur || kind == OrgKind::Redactie
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

impl FromStr for Role {
    type Err = FieldError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.slug() == s.trim())
            .ok_or_else(|| {
                field_error(
                    "role",
                    format!("onbekende rol '{s}'; kies uit medewerker, teamleider, beheerder, redacteur"),
                )
            })
    }
}

/// E-mail addresses are the login name: trimmed and lowercased so the same
/// person cannot end up with two accounts by capitalisation.
pub fn parse_email(value: &str) -> Result<String, FieldError> {
    let email = value.trim().to_lowercase();
    let well_formed = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(|c| c.is_whitespace() || c.is_control())
                && !domain.contains('@')
        }
        None => false,
    };
    if !well_formed || email.len() > 254 {
        return Err(field_error(
            "email",
            "is geen geldig e-mailadres (bijvoorbeeld naam@organisatie.nl)",
        ));
    }
    Ok(email)
}

pub const MIN_PASSWORD_CHARS: usize = 12;

/// Length beats composition rules (NIST SP 800-63B): at least 12 characters,
/// and not one character repeated.
pub fn check_password(password: &str) -> Result<(), FieldError> {
    let count = password.chars().count();
    if count < MIN_PASSWORD_CHARS {
        return Err(field_error(
            "password",
            format!("moet minstens {MIN_PASSWORD_CHARS} tekens hebben"),
        ));
    }
    if count > 1024 {
        return Err(field_error("password", "is te lang (maximaal 1024 tekens)"));
    }
    let first = password.chars().next();
    if password.chars().all(|c| Some(c) == first) {
        return Err(field_error("password", "bestaat uit één herhaald teken"));
    }
    Ok(())
}

/// A validated request to create a user in a known organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub role: Role,
}

impl NewUser {
    pub fn parse(email: &str, name: &str, role: &str, org_kind: OrgKind) -> Result<Self, Invalid> {
        let mut invalid = Invalid::default();
        let email = invalid.check(parse_email(email));
        let name = invalid.check(required_text("name", name, 120));
        let role = invalid.check(role.parse::<Role>());
        if let Some(role) = role.filter(|r| !r.allowed_in(org_kind)) {
            invalid.push(
                "role",
                format!(
                    "de rol {} bestaat alleen in een redactie-organisatie",
                    role.slug()
                ),
            );
        }
        invalid.into_result()?;
        Ok(NewUser {
            email: email.unwrap_or_default(),
            name: name.unwrap_or_default(),
            role: role.unwrap_or(Role::Medewerker),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_table() {
        let cases = [
            (" Ina@Gemeente.NL ", Some("ina@gemeente.nl")),
            ("a@b.nl", Some("a@b.nl")),
            ("geen-at.nl", None),
            ("@b.nl", None),
            ("a@nl", None),
            ("a@.nl", None),
            ("a b@c.nl", None),
            ("a@b@c.nl", None),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_email(input).ok().as_deref(), expected, "{input}");
        }
    }

    #[test]
    fn password_table() {
        let cases = [
            ("kort", false),
            ("aaaaaaaaaaaaaaaa", false),
            ("correct paard batterij", true),
            ("twaalftekens", true),
        ];
        for (input, ok) in cases {
            assert_eq!(check_password(input).is_ok(), ok, "{input}");
        }
    }

    #[test]
    fn role_allowed_per_kind_table() {
        for kind in OrgKind::ALL {
            for role in Role::ALL {
                let expected = role != Role::Redacteur || kind == OrgKind::Redactie;
                assert_eq!(role.allowed_in(kind), expected, "{role} in {kind}");
            }
        }
        let err = NewUser::parse("a@b.nl", "A", "redacteur", OrgKind::Gemeente).unwrap_err();
        assert_eq!(
            err.to_string(),
            "role: de rol redacteur bestaat alleen in een redactie-organisatie"
        );
    }
}
