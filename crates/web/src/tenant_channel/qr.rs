//! The personal link's QR code as inline SVG: vector, so it stays crisp
//! at any print resolution, and inside the document, so the letter needs
//! no image file and an e-mail no external resource.
//!
//! The SVG is drawn here from the code's module matrix rather than by the
//! `qrcode` crate's SVG renderer: that renderer starts with an XML prolog
//! (not allowed inside HTML) and has no way to add the `<title>` a screen
//! reader announces, and drawing the matrix needs no crate features at all.

use qrcode::{Color, EcLevel, QrCode};
use std::fmt::Write;

/// What a screen reader says for the image; the link itself is printed
/// in full next to it, so the title need not repeat it.
pub const QR_TITLE: &str = "QR-code naar uw persoonlijke pagina";

/// The quiet zone the standard requires around the code, in modules.
const QUIET_ZONE: usize = 4;

/// The link as an `<svg>` element, or `None` for a link too long for any
/// QR code (the domain caps links at 500 characters, far below that).
/// Error correction M: a creased or slightly stained letter still scans,
/// and the code stays small enough to print at 3.5 cm.
pub fn qr_svg(link: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(link.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let size = width + 2 * QUIET_ZONE;
    let mut path = String::new();
    for (i, color) in code.to_colors().into_iter().enumerate() {
        if color == Color::Dark {
            let (x, y) = (i % width + QUIET_ZONE, i / width + QUIET_ZONE);
            // One unit square per dark module: simple, and identical for
            // the same link, which the tests rely on.
            let _ = write!(path, "M{x} {y}h1v1h-1z");
        }
    }
    Some(format!(
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" "#,
            r#"class="qr" role="img" aria-labelledby="qr-title" shape-rendering="crispEdges">"#,
            r#"<title id="qr-title">{title}</title>"#,
            r##"<rect width="{size}" height="{size}" fill="#fff"/>"##,
            r##"<path fill="#000" d="{path}"/></svg>"##
        ),
        size = size,
        title = QR_TITLE,
        path = path
    ))
}

#[cfg(test)]
#[path = "qr_tests.rs"]
mod tests;
