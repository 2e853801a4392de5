//! A composed letter as one whole HTML document: the e-mail's HTML part
//! and the page Chromium prints to PDF. Everything the tenant reads comes
//! from the domain's `Letter`; the address blocks are the only input of
//! its own, because the letter's content does not depend on them.
//!
//! Safe for e-mail: no script, no external resource (the stylesheet is
//! inlined; the QR code is inline SVG, or in an e-mail an image of the
//! message itself by `cid:`), and every text auto-escaped by askama, so a
//! name with `<` in it stays text.

use super::qr::{qr_svg, QR_TITLE};
use askama::Template;
use chrono::{Datelike, NaiveDate};
use vangnet_domain::stats::period::Period;
use vangnet_domain::tenant_channel::{Block, Letter};

/// A name and the lines below it, as they go on an envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostalAddress {
    pub name: String,
    /// Street and number, postcode and place, each a line.
    pub lines: Vec<String>,
}

/// A block as the template shows it: tuple variants, because those are
/// what askama's `match` reads most plainly.
enum View<'a> {
    Heading(&'a str),
    Paragraph(&'a str),
    Amounts(&'a [(String, String)], &'a (String, String)),
    /// The link, whether it may be an `href`, and its QR code.
    Link(&'a str, bool, Option<String>),
    Contact(&'a [(String, String)]),
}

/// A line shown on screen above the letter, never printed: the one time
/// the letter with its link is shown, it says so and leads back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreenNotice {
    pub text: String,
    pub back_href: String,
}

#[derive(Template)]
#[template(path = "tenant_letter.html")]
struct LetterPage<'a> {
    notice: Option<&'a ScreenNotice>,
    subject: &'a str,
    salutation: &'a str,
    date: String,
    reference: &'a str,
    sender: &'a PostalAddress,
    recipient: &'a PostalAddress,
    blocks: Vec<View<'a>>,
    closing: &'a [String],
}

/// How the QR code goes into the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QrImage<'a> {
    /// Inline SVG: the page and the PDF.
    Svg,
    /// An `<img>` of the message's PNG part with this Content-ID: an
    /// e-mail, because Gmail and Outlook show no inline SVG.
    Cid(&'a str),
    /// No image (a link too long for any code); the link is still printed.
    None,
}

/// The letter as a whole HTML document, lang="nl", A4 when printed.
pub fn letter_html(letter: &Letter, sender: &PostalAddress, recipient: &PostalAddress) -> String {
    letter_html_with_notice(letter, sender, recipient, None)
}

/// The document as an e-mail's HTML part, its QR code as `qr` says.
pub fn letter_html_for_mail(
    letter: &Letter,
    sender: &PostalAddress,
    recipient: &PostalAddress,
    qr: QrImage<'_>,
) -> String {
    render(letter, sender, recipient, None, qr)
}

/// The same document with a notice on screen above the letter.
pub fn letter_html_with_notice(
    letter: &Letter,
    sender: &PostalAddress,
    recipient: &PostalAddress,
    notice: Option<&ScreenNotice>,
) -> String {
    render(letter, sender, recipient, notice, QrImage::Svg)
}

fn render(
    letter: &Letter,
    sender: &PostalAddress,
    recipient: &PostalAddress,
    notice: Option<&ScreenNotice>,
    qr: QrImage<'_>,
) -> String {
    let page = LetterPage {
        notice,
        subject: &letter.subject,
        salutation: &letter.salutation,
        date: dutch_date(letter.sent_on),
        reference: &letter.payment_reference,
        sender,
        recipient,
        blocks: letter.blocks.iter().map(|b| view(b, qr)).collect(),
        closing: &letter.closing,
    };
    page.render().unwrap_or_else(|e| {
        // Rendering plain strings cannot fail in practice; if it ever
        // does, a letter without its content must not go out silently.
        tracing::error!(error = %e, "tenant letter template failed");
        String::from(
            "<!doctype html><html lang=\"nl\"><title>Fout</title><p>De brief kon niet worden opgemaakt.</p></html>",
        )
    })
}

fn view<'a>(block: &'a Block, qr: QrImage<'_>) -> View<'a> {
    match block {
        Block::Heading(text) => View::Heading(text),
        Block::Paragraph(text) => View::Paragraph(text),
        Block::Amounts { rows, total } => View::Amounts(rows, total),
        // A QR code only for a real link: the kept copy of a letter says
        // in words where the link was.
        Block::Link { url } => {
            let web = is_web_link(url);
            View::Link(url, web, web.then(|| qr_markup(url, qr)).flatten())
        }
        Block::Contact { lines } => View::Contact(lines),
    }
}

/// The QR code's markup; the template inserts it unescaped, so a
/// Content-ID must be ours (`mail::letter_mail` makes it from hex digits).
fn qr_markup(url: &str, qr: QrImage<'_>) -> Option<String> {
    match qr {
        QrImage::Svg => qr_svg(url),
        // Width and height as attributes too: mail programs drop <style>.
        QrImage::Cid(cid) => Some(format!(
            r#"<img src="cid:{cid}" alt="{QR_TITLE}" class="qr" width="132" height="132">"#
        )),
        QrImage::None => None,
    }
}

/// Only an http(s) link becomes clickable: anything else (a `javascript:`
/// URL by mistake) is still printed, but as text.
fn is_web_link(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// "2 maart 2026": how a Dutch letter is dated, months as the statistics
/// name them so the words are kept in one place.
fn dutch_date(date: NaiveDate) -> String {
    let month = Period::Month {
        year: date.year(),
        month: date.month(),
    };
    format!("{} {}", date.day(), month.dutch())
}

#[cfg(test)]
#[path = "letter_html_tests.rs"]
mod tests;
