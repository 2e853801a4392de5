//! A composed letter as one whole HTML document: the e-mail's HTML part
//! and the page Chromium prints to PDF. Everything the tenant reads comes
//! from the domain's `Letter`; the address blocks are the only input of
//! its own, because the letter's content does not depend on them.
//!
//! Safe for e-mail: no script, no external resource (the stylesheet is
//! inlined, the QR code is inline SVG), and every text auto-escaped by
//! askama, so a name with `<` in it stays text.

use super::qr::qr_svg;
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

/// The letter as a whole HTML document, lang="nl", A4 when printed.
pub fn letter_html(letter: &Letter, sender: &PostalAddress, recipient: &PostalAddress) -> String {
    letter_html_with_notice(letter, sender, recipient, None)
}

/// The same document with a notice on screen above the letter.
pub fn letter_html_with_notice(
    letter: &Letter,
    sender: &PostalAddress,
    recipient: &PostalAddress,
    notice: Option<&ScreenNotice>,
) -> String {
    let page = LetterPage {
        notice,
        subject: &letter.subject,
        salutation: &letter.salutation,
        date: dutch_date(letter.sent_on),
        reference: &letter.payment_reference,
        sender,
        recipient,
        blocks: letter.blocks.iter().map(view).collect(),
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

fn view(block: &Block) -> View<'_> {
    match block {
        Block::Heading(text) => View::Heading(text),
        Block::Paragraph(text) => View::Paragraph(text),
        Block::Amounts { rows, total } => View::Amounts(rows, total),
        // A QR code only for a real link: the kept copy of a letter says
        // in words where the link was.
        Block::Link { url } => {
            let web = is_web_link(url);
            View::Link(url, web, web.then(|| qr_svg(url)).flatten())
        }
        Block::Contact { lines } => View::Contact(lines),
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
