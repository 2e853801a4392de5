//! A tenant's letter as an e-mail (issue 9): sent in the request that
//! makes the letter, because the personal link exists only there.
//!
//! The message is multipart/alternative: the letter as plain text (the
//! domain's `Letter::plain_text`, wrapped, the link whole on its own line)
//! and a multipart/related part with the letter's HTML (`letter_html`)
//! and its QR code as a PNG the HTML shows by `cid:` (Gmail and Outlook
//! show no inline SVG). The HTML and the image are base64, so no line of
//! the letter can exceed SMTP's 998 characters; the text part stays 8bit
//! so it reads as written.
//!
//! The tenant's address is the envelope's only recipient and the To
//! header; it is never stored or logged (see `tenant_channel::mailing`).

use super::{compose_with, crlf_body, random_hex, smtp, PLAIN_TEXT};
use crate::config::MailConfig;
use crate::tenant_channel::{letter_html_for_mail, qr_png, PostalAddress, QrImage};
use chrono::{DateTime, Utc};
use vangnet_domain::tenant_channel::Letter;
use vangnet_domain::user::parse_email;
use vangnet_domain::FieldError;

/// The form field the address is entered in.
pub const FIELD: &str = "email";
/// Text lines are wrapped here; a longer word (the link) stays whole.
const WRAP: usize = 76;
/// Characters that parse as an address but would need quoting in SMTP or
/// a header; a tenant's real address has none of them.
const UNQUOTED_ONLY: &[char] = &['<', '>', '(', ')', '[', ']', ',', ';', ':', '"', '\\'];

/// The tenant's address as typed, checked like a login name and also
/// usable unquoted in `RCPT TO:<…>` and the To header.
pub fn parse_address(value: &str) -> Result<String, FieldError> {
    let address = parse_email(value).map_err(|e| FieldError {
        field: FIELD.into(),
        ..e
    })?;
    if !address.is_ascii() || address.contains(UNQUOTED_ONLY) {
        return Err(FieldError {
            field: FIELD.into(),
            reason: "bevat tekens die een e-mailadres niet kan hebben; gebruik alleen letters, \
                     cijfers en . - _ + @"
                .into(),
        });
    }
    Ok(address)
}

/// What the e-mail is made of: the letter with its link, and the address
/// blocks as on paper.
pub struct LetterMail<'a> {
    pub letter: &'a Letter,
    pub sender: &'a PostalAddress,
    pub recipient: &'a PostalAddress,
    /// The verhuurder's mailbox for replies (checked by `parse_address`).
    pub reply_to: Option<&'a str>,
}

/// The whole message to `to`, headers and body.
pub fn message(mail: &MailConfig, to: &str, parts: &LetterMail<'_>, now: DateTime<Utc>) -> String {
    let tag = random_hex();
    let alternative = format!("alt-{tag}");
    let related = format!("rel-{tag}");
    let cid = format!("qr-{tag}@{}", mail.helo());
    let png = qr_png(&parts.letter.personal_link);
    let qr = match png {
        Some(_) => QrImage::Cid(&cid),
        None => QrImage::None,
    };
    let html = letter_html_for_mail(parts.letter, parts.sender, parts.recipient, qr);

    let mut inner = String::new();
    part(
        &mut inner,
        &related,
        &base64_headers("text/html; charset=utf-8"),
        &base64(html.as_bytes()),
    );
    if let Some(png) = &png {
        let content_id = format!("Content-ID: <{cid}>");
        let mut headers = base64_headers("image/png");
        headers.extend([
            content_id,
            "Content-Disposition: inline; filename=\"qr-code.png\"".into(),
        ]);
        part(&mut inner, &related, &headers, &base64(png));
    }
    close(&mut inner, &related);

    let mut body = String::new();
    let plain: Vec<String> = PLAIN_TEXT.iter().map(|h| h.to_string()).collect();
    part(&mut body, &alternative, &plain, &text_part(parts.letter));
    let related_type =
        format!("Content-Type: multipart/related; boundary=\"{related}\"; type=\"text/html\"");
    part(&mut body, &alternative, &[related_type], &inner);
    close(&mut body, &alternative);

    let content = format!("Content-Type: multipart/alternative; boundary=\"{alternative}\"");
    let reply_to = parts.reply_to.map(|address| format!("Reply-To: {address}"));
    let headers: Vec<&str> = reply_to
        .iter()
        .map(String::as_str)
        .chain([content.as_str()])
        .collect();
    let from = &parts.sender.name;
    compose_with(mail, from, &parts.letter.subject, to, &headers, &body, now)
}

/// Hands the message to the relay for `to` only.
pub async fn send(mail: &MailConfig, to: &str, message: &str) -> Result<(), smtp::SmtpError> {
    let recipients = [to.to_string()];
    smtp::send(&mail.relay, mail.helo(), &mail.from, &recipients, message)
        .await
        .map(|_| ())
}

/// The letter as plain text, wrapped for reading in any mail program.
pub fn text_part(letter: &Letter) -> String {
    let lines: Vec<String> = letter.plain_text().lines().flat_map(wrap).collect();
    crlf_body(&lines)
}

/// A line broken at spaces before `WRAP` characters; a word longer than
/// that (a link) gets a line of its own, unbroken, so it stays clickable.
fn wrap(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for word in unbreakable(line) {
        let fits = current.chars().count() + 1 + word.chars().count() <= WRAP;
        if !current.is_empty() && !fits {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&word);
    }
    out.push(current);
    out
}

/// The line's words, with a phone number's groups ("070 123 45 67") and an
/// amount ("€ 3.000,00") kept together: broken, they read as two numbers.
fn unbreakable(line: &str) -> Vec<String> {
    let starts_with_digit = |w: &str| w.starts_with(|c: char| c.is_ascii_digit());
    let mut words: Vec<String> = Vec::new();
    for word in line.split(' ') {
        match words.last_mut() {
            Some(last) if starts_with_digit(word) && (starts_with_digit(last) || last == "€") => {
                last.push(' ');
                last.push_str(word);
            }
            _ => words.push(word.to_string()),
        }
    }
    words
}

fn base64_headers(content_type: &str) -> Vec<String> {
    vec![
        format!("Content-Type: {content_type}"),
        "Content-Transfer-Encoding: base64".to_string(),
    ]
}

/// One body part: the boundary line, its headers, an empty line, and
/// `content` (which ends in CRLF).
fn part(out: &mut String, boundary: &str, headers: &[String], content: &str) {
    out.push_str(&format!("--{boundary}\r\n"));
    for header in headers {
        out.push_str(header);
        out.push_str("\r\n");
    }
    out.push_str("\r\n");
    out.push_str(content);
}

fn close(out: &mut String, boundary: &str) {
    out.push_str(&format!("--{boundary}--\r\n"));
}

/// Base64 (RFC 4648) in lines of 76 characters, as MIME wants it.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut text = String::with_capacity(bytes.len() * 4 / 3 + 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            let sextet = (n >> (18 - 6 * i)) & 0x3F;
            text.push(if i <= chunk.len() {
                ALPHABET[sextet as usize] as char
            } else {
                '='
            });
        }
    }
    let lines: Vec<String> = text
        .as_bytes()
        .chunks(76)
        .map(|line| String::from_utf8_lossy(line).into_owned())
        .collect();
    crlf_body(&lines)
}

#[cfg(test)]
#[path = "letter_mail_tests.rs"]
mod tests;
