//! The personal link's QR code as inline SVG: vector, so it stays crisp
//! at any print resolution, and inside the document, so the printed letter
//! needs no image file.
//!
//! The SVG is drawn here from the code's module matrix rather than by the
//! `qrcode` crate's SVG renderer: that renderer starts with an XML prolog
//! (not allowed inside HTML) and has no way to add the `<title>` a screen
//! reader announces, and drawing the matrix needs no crate features at all.
//! An e-mail gets the same code as a PNG (`qr_png`): Gmail and Outlook show
//! no inline SVG.

use super::png::black_and_white;
use qrcode::{Color, EcLevel, QrCode};
use std::fmt::Write;

/// What a screen reader says for the image; the link itself is printed
/// in full next to it, so the title need not repeat it.
pub const QR_TITLE: &str = "QR-code naar uw persoonlijke pagina";

/// The quiet zone the standard requires around the code, in modules.
const QUIET_ZONE: usize = 4;

/// The link as an `<svg>` element, or `None` for a link too long for any
/// QR code (the domain caps links at 500 characters, far below that).
pub fn qr_svg(link: &str) -> Option<String> {
    let code = Modules::of(link)?;
    let mut path = String::new();
    for y in 0..code.size {
        for x in (0..code.size).filter(|&x| code.dark(x, y)) {
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
        size = code.size,
        title = QR_TITLE,
        path = path
    ))
}

/// Pixels a module in the PNG: a version 4 code (a link of about 60
/// characters) is 41 modules with its quiet zone, so 246 pixels square,
/// sharp when a mail program shows it at 132.
pub const PNG_MODULE_PIXELS: usize = 6;

/// The same code as a black-and-white PNG, for an e-mail: mail programs
/// that show no inline SVG (Gmail, Outlook) do show an attached image.
pub fn qr_png(link: &str) -> Option<Vec<u8>> {
    let code = Modules::of(link)?;
    let pixels = u32::try_from(code.size * PNG_MODULE_PIXELS).ok()?;
    let module = |p: u32| p as usize / PNG_MODULE_PIXELS;
    Some(black_and_white(pixels, pixels, |x, y| {
        code.dark(module(x), module(y))
    }))
}

/// The code's modules with the quiet zone around them; what both
/// drawings are made from.
struct Modules {
    /// Modules a side, the quiet zone included.
    size: usize,
    width: usize,
    colors: Vec<Color>,
}

impl Modules {
    /// Error correction M: a creased or slightly stained letter still
    /// scans, and the code stays small enough to print at 3.5 cm.
    fn of(link: &str) -> Option<Modules> {
        let code = QrCode::with_error_correction_level(link.as_bytes(), EcLevel::M).ok()?;
        let width = code.width();
        Some(Modules {
            size: width + 2 * QUIET_ZONE,
            width,
            colors: code.to_colors(),
        })
    }

    /// Whether (x, y), counted from the quiet zone's corner, is dark.
    fn dark(&self, x: usize, y: usize) -> bool {
        let inside = |v: usize| (QUIET_ZONE..QUIET_ZONE + self.width).contains(&v);
        inside(x)
            && inside(y)
            && self.colors[(y - QUIET_ZONE) * self.width + x - QUIET_ZONE] == Color::Dark
    }
}

#[cfg(test)]
#[path = "qr_tests.rs"]
mod tests;
