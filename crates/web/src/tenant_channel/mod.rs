//! The tenant's own channel (issue 9), its web part. So far the letters:
//! a composed `domain::tenant_channel::Letter` laid out as one HTML
//! document (`letter_html`), which is both the e-mail's HTML part and what
//! headless Chromium prints to the PDF (`letter_pdf`). The words and every
//! figure come from the domain; this module only lays them out. `send.rs`
//! generates a tenancy's letter with a new personal link and keeps both;
//! `mailing.rs` e-mails it to the tenant in the same request, with the QR
//! code as a PNG (`png.rs`) because mail programs show no inline SVG.

pub mod letter_html;
pub mod mailing;
pub mod png;
pub mod qr;
pub mod send;

pub use letter_html::{
    letter_html, letter_html_for_mail, letter_html_with_notice, PostalAddress, QrImage,
    ScreenNotice,
};
pub use qr::{qr_png, qr_svg};

use crate::kennisbank::pdf::{html_to_pdf, PdfError};

/// The letter's HTML printed to PDF by the same Chromium path as the
/// handreiking, so there is one way to print and one place it can break.
pub async fn letter_pdf(chromium: &str, html: &str) -> Result<Vec<u8>, PdfError> {
    html_to_pdf(chromium, html).await
}

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod pdf_tests;
