//! What the store itself checks before writing, with no database needed:
//! known phase and actor slugs (stored comma-joined in the model's order),
//! a real SHA-256, an attachment's size and type. Lengths and everything
//! else are the domain's. And the Dutch conflicts the workflow raises.

use super::records::*;
use crate::{Result, StoreError};
use vangnet_domain::Invalid;

fn is_sha256(text: &str) -> bool {
    let hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
    text.len() == 64 && text.bytes().all(hex)
}

/// The slugs of `given` that are in `known`, in `known`'s order,
/// comma-joined; None when one is unknown or there are none.
fn joined(given: &[String], known: &[&str]) -> Option<String> {
    if given.is_empty() || given.iter().any(|g| !known.contains(&g.as_str())) {
        return None;
    }
    let ordered: Vec<&str> = known
        .iter()
        .copied()
        .filter(|k| given.iter().any(|g| g == k))
        .collect();
    Some(ordered.join(","))
}

/// Splits a stored comma-joined column.
pub(crate) fn split(column: &str) -> Vec<String> {
    column
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The revision's phases and actors as stored.
pub(crate) fn revision_columns(revision: &NewRevision) -> Result<(String, String)> {
    let mut invalid = Invalid::default();
    let content = &revision.content;
    let phases = joined(&content.phases, PHASES);
    if phases.is_none() {
        invalid.push("phases", "kies ten minste één bestaande fase");
    }
    let actors = joined(&content.actors, ACTORS);
    if actors.is_none() {
        invalid.push("actors", "kies ten minste één bestaande actor");
    }
    if !is_sha256(&revision.content_hash) {
        invalid.push(
            "content_hash",
            "de inhoudshash is 64 hexadecimale tekens (SHA-256)",
        );
    }
    invalid.into_result()?;
    Ok((phases.unwrap_or_default(), actors.unwrap_or_default()))
}

pub(crate) fn check_attachment(attachment: &NewAttachment) -> Result<()> {
    let mut invalid = Invalid::default();
    if !ATTACHMENT_TYPES.contains(&attachment.content_type.as_str()) {
        invalid.push(
            "content_type",
            "alleen PDF, PNG, JPEG, GIF of WebP kan als bijlage",
        );
    }
    if attachment.size_bytes != attachment.bytes.len() as i64 {
        invalid.push("size_bytes", "de grootte klopt niet met het bestand");
    }
    if attachment.size_bytes > MAX_ATTACHMENT_BYTES {
        invalid.push("bytes", "een bijlage is ten hoogste 10 MiB");
    }
    if !is_sha256(&attachment.sha256) {
        invalid.push("sha256", "de SHA-256 is 64 hexadecimale tekens");
    }
    if attachment.filename.trim().is_empty() {
        invalid.push("filename", "geef de bijlage een bestandsnaam");
    }
    Ok(invalid.into_result()?)
}

pub(crate) fn slug_taken() -> StoreError {
    StoreError::conflict("slug", "deze korte naam (slug) is al in gebruik")
}

pub(crate) fn already_open() -> StoreError {
    StoreError::conflict("revision", "er ligt al een wijziging ter beoordeling")
}

pub(crate) fn stale() -> StoreError {
    StoreError::conflict(
        "status",
        "deze versie is intussen al beoordeeld of gewijzigd; \
         laad de pagina opnieuw en probeer het nog eens",
    )
}

pub(crate) fn not_open() -> StoreError {
    StoreError::conflict("status", "over deze versie is al beslist")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_kept_in_the_models_order() {
        let given = vec!["horizon".to_string(), "preventie".to_string()];
        assert_eq!(joined(&given, PHASES).as_deref(), Some("preventie,horizon"));
        assert_eq!(joined(&[], PHASES), None);
        assert_eq!(joined(&["fase-9".to_string()], PHASES), None);
        assert_eq!(split("preventie,horizon"), ["preventie", "horizon"]);
        assert!(split("").is_empty());
    }
}
