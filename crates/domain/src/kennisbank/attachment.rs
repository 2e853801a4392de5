//! An attachment's checks before it is stored (issue 6): the type is read
//! from the file's first bytes, never from the browser's declared type or
//! the name, so an HTML page or SVG renamed `.png` cannot slip through and
//! be served as an image; the name is cut down to something harmless for
//! a download header and a file system.

use crate::Invalid;
use sha2::{Digest, Sha256};

/// The largest attachment: 10 MiB, as the database's CHECK allows.
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;
/// The longest filename the database accepts, in characters.
pub const MAX_FILENAME_CHARS: usize = 200;

/// A file that may be stored as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedAttachment {
    pub filename: String,
    pub content_type: &'static str,
    pub size_bytes: i64,
    pub sha256: String,
}

/// The types an attachment may have: content type, Dutch name, and the
/// extensions a file of that type may carry (the first is added when a
/// name has none).
const TYPES: &[(&str, &str, &[&str])] = &[
    ("application/pdf", "een PDF", &["pdf"]),
    ("image/png", "een PNG-afbeelding", &["png"]),
    ("image/jpeg", "een JPEG-afbeelding", &["jpg", "jpeg"]),
    ("image/gif", "een GIF-afbeelding", &["gif"]),
    ("image/webp", "een WebP-afbeelding", &["webp"]),
];

/// The content type by the file's magic bytes.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// The name without any path, control characters, quotes or other
/// punctuation: letters (with diacritics), digits, spaces, `.`, `-` and
/// `_`, spaces collapsed, no leading dots. Empty when nothing is left.
pub fn sanitise_filename(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let kept: String = base
        .chars()
        .filter_map(|c| match c {
            c if c.is_whitespace() => Some(' '),
            c if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') => Some(c),
            _ => None,
        })
        .collect();
    let collapsed = kept.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .trim_start_matches(['.', ' '])
        .trim_end_matches(['.', ' '])
        .to_string()
}

/// Checks a file for the kennisbank: every problem at once, in Dutch, on
/// the field `file`. `_declared_type` is what the browser said; it is not
/// trusted and so not used.
pub fn check_attachment(
    filename: &str,
    _declared_type: Option<&str>,
    bytes: &[u8],
) -> Result<CheckedAttachment, Invalid> {
    if bytes.is_empty() {
        return Err(Invalid::one("file", "het gekozen bestand is leeg"));
    }
    if bytes.len() > MAX_ATTACHMENT_BYTES {
        return Err(Invalid::one(
            "file",
            "het bestand is te groot: een bijlage is ten hoogste 10 MiB",
        ));
    }
    let Some(content_type) = sniff(bytes) else {
        return Err(Invalid::one(
            "file",
            "alleen een PDF of een afbeelding (PNG, JPEG, GIF of WebP) kan als bijlage; \
             dit bestand is dat niet",
        ));
    };
    let (_, type_name, extensions) = TYPES
        .iter()
        .find(|(t, _, _)| *t == content_type)
        .copied()
        .unwrap_or(TYPES[0]);
    let clean = sanitise_filename(filename);
    let (stem, extension) = match clean.rsplit_once('.') {
        Some((stem, ext)) if !ext.is_empty() => (stem.to_string(), Some(ext.to_lowercase())),
        _ => (clean.clone(), None),
    };
    let extension = match extension {
        Some(ext) if extensions.contains(&ext.as_str()) => ext,
        Some(ext) => {
            return Err(Invalid::one(
                "file",
                format!(
                    "de naam eindigt op .{ext}, maar het bestand is {type_name}; \
                     geef het de juiste extensie (.{})",
                    extensions[0]
                ),
            ))
        }
        None => extensions[0].to_string(),
    };
    let stem = stem.trim_end_matches(['.', ' ']);
    let stem = if stem.is_empty() { "bijlage" } else { stem };
    let room = MAX_FILENAME_CHARS - extension.chars().count() - 1;
    let stem: String = stem.chars().take(room).collect();
    Ok(CheckedAttachment {
        filename: format!("{}.{extension}", stem.trim_end()),
        content_type,
        size_bytes: bytes.len() as i64,
        sha256: hex::encode(Sha256::digest(bytes)),
    })
}

#[cfg(test)]
#[path = "attachment_tests.rs"]
mod tests;
