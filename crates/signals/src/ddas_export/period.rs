//! The request's inputs as people type them: the gemeente by code and the
//! period as two dates. Shared by the command line, the API and the page,
//! so all three accept and refuse the same things with the same words.

use super::DdasExportError;
use chrono::NaiveDate;
use vangnet_domain::org::OrgKind;
use vangnet_domain::validation::Invalid;
use vangnet_store::{Org, OrgScope, Store};

/// Both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Reads `JJJJ-MM-DD` dates; every problem is reported at once, under the
/// field names `from` and `to`.
pub fn parse_period(from: &str, to: &str) -> Result<Period, Invalid> {
    let mut invalid = Invalid::default();
    let from = date(&mut invalid, "from", "begindatum", from);
    let to = date(&mut invalid, "to", "einddatum", to);
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            invalid.push(
                "from",
                format!("de begindatum {from} ligt na de einddatum {to}"),
            );
        }
        invalid.into_result()?;
        return Ok(Period { from, to });
    }
    Err(invalid)
}

fn date(invalid: &mut Invalid, field: &str, name: &str, text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        invalid.push(field, format!("vul de {name} in (JJJJ-MM-DD)"));
        return None;
    }
    // chrono alone would also take "2025-1-5"; the format promised is exact.
    let exact = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(date) if exact => Some(date),
        _ => {
            invalid.push(
                field,
                format!("de {name} '{text}' is geen geldige datum (schrijf JJJJ-MM-DD)"),
            );
            None
        }
    }
}

/// A gemeente by its organisation code (`den-haag`) or its CBS gemeentecode
/// (`0518`), the code DDAS itself uses.
pub async fn find_gemeente(store: &dyn Store, code: &str) -> Result<Org, DdasExportError> {
    let code = code.trim();
    let unknown = || DdasExportError::UnknownGemeente(code.to_string());
    let org = match store.org_by_code(code).await? {
        Some(org) => org,
        None => store
            .list_orgs(OrgScope::All)
            .await?
            .into_iter()
            .find(|o| o.kind == OrgKind::Gemeente && o.gemeentecode.as_deref() == Some(code))
            .ok_or_else(unknown)?,
    };
    if org.kind != OrgKind::Gemeente {
        return Err(unknown());
    }
    Ok(org)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(from: &str, to: &str) -> Vec<String> {
        match parse_period(from, to) {
            Ok(_) => vec![],
            Err(invalid) => invalid.errors.into_iter().map(|e| e.field).collect(),
        }
    }

    #[test]
    fn period_table() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("2025-01-01", "2025-01-31", &[]),
            ("2025-01-31", "2025-01-31", &[]),
            (" 2025-01-01 ", "2025-01-31", &[]),
            ("2025-02-01", "2025-01-31", &["from"]),
            ("2025-1-5", "2025-01-31", &["from"]),
            ("01-01-2025", "2025-13-01", &["from", "to"]),
            ("2025-02-30", "", &["from", "to"]),
        ];
        for (from, to, expected) in cases {
            assert_eq!(fields(from, to), *expected, "{from} {to}");
        }
        let error = parse_period("2025-02-01", "2025-01-31").unwrap_err();
        assert_eq!(
            error.to_string(),
            "from: de begindatum 2025-02-01 ligt na de einddatum 2025-01-31"
        );
    }
}
