//! The shape of a rejected input: which field, and why, in Dutch for people.

use std::fmt;

/// One field that failed a rule. `reason` is a Dutch sentence for the user.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    pub field: String,
    pub reason: String,
}

/// All the field errors of one input, so a form or an API client can fix
/// everything in one go instead of one error per round trip.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Invalid {
    pub errors: Vec<FieldError>,
}

impl Invalid {
    pub fn one(field: &str, reason: impl Into<String>) -> Self {
        let mut invalid = Self::default();
        invalid.push(field, reason);
        invalid
    }

    pub fn push(&mut self, field: &str, reason: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.to_string(),
            reason: reason.into(),
        });
    }

    /// Records the error of a field check, if any, and keeps going.
    pub fn check<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.errors.push(error);
                None
            }
        }
    }

    pub fn into_result(self) -> Result<(), Invalid> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.reason))
            .collect();
        f.write_str(&parts.join("; "))
    }
}

impl std::error::Error for Invalid {}

pub fn field_error(field: &str, reason: impl Into<String>) -> FieldError {
    FieldError {
        field: field.to_string(),
        reason: reason.into(),
    }
}

/// A trimmed, non-empty text of at most `max` characters.
pub fn required_text(field: &str, value: &str, max: usize) -> Result<String, FieldError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(field_error(field, "is verplicht"));
    }
    if trimmed.chars().count() > max {
        return Err(field_error(
            field,
            format!("is te lang (maximaal {max} tekens)"),
        ));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(field_error(field, "bevat ongeldige tekens"));
    }
    Ok(trimmed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_table() {
        let cases: &[(&str, usize, Result<&str, &str>)] = &[
            ("  Den Haag ", 20, Ok("Den Haag")),
            ("", 20, Err("is verplicht")),
            ("   ", 20, Err("is verplicht")),
            ("abcdef", 5, Err("is te lang (maximaal 5 tekens)")),
            ("a\u{7}b", 5, Err("bevat ongeldige tekens")),
        ];
        for (input, max, expected) in cases {
            let got = required_text("naam", input, *max);
            match expected {
                Ok(v) => assert_eq!(got.as_deref(), Ok(*v), "{input:?}"),
                Err(reason) => assert_eq!(got.unwrap_err().reason, *reason, "{input:?}"),
            }
        }
    }

    #[test]
    fn invalid_collects_every_error() {
        let mut invalid = Invalid::default();
        invalid.check(required_text("naam", "", 5));
        invalid.check(required_text("code", "x", 5));
        invalid.check(required_text("plaats", "abcdefg", 5));
        assert_eq!(invalid.errors.len(), 2);
        assert_eq!(
            invalid.to_string(),
            "naam: is verplicht; plaats: is te lang (maximaal 5 tekens)"
        );
    }
}
