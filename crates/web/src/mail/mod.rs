//! Outgoing e-mail: a plain SMTP client for a local relay (`smtp`), the
//! gemeente's mail about a new art. 14 notice (`notice_mail`), the
//! kennisbank's review reminders (`review_mail`) and a tenant's letter
//! (`letter_mail`). Nothing here runs unless `WebConfig::mail` is set.

pub mod letter_mail;
pub mod notice_mail;
pub mod review_mail;
pub mod smtp;

pub use notice_mail::spawn_worker;
pub use review_mail::spawn_reminders;

use crate::config::MailConfig;
use chrono::{DateTime, Utc};

use tokio::sync::Notify;

/// Wakes the notice-mail worker. Process-wide rather than in `AppState`,
/// because the tenancy service that records a melding is called with the
/// store only (by the API, the pages and the demo). Without a worker a
/// wake-up just waits unused, which costs nothing.
static WAKE: Notify = Notify::const_new();

/// A melding was recorded: mail about it now instead of at the next round.
pub fn wake() {
    WAKE.notify_one();
}

/// The content headers of a plain-text body in UTF-8.
pub const PLAIN_TEXT: [&str; 2] = [
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
];

/// A whole plain-text message: the headers every vangnet mail carries,
/// then `body` (lines ending in CRLF). `to` is the To header only; the
/// envelope's recipients are the caller's.
pub fn compose(
    mail: &MailConfig,
    subject: &str,
    to: &str,
    body: &str,
    now: DateTime<Utc>,
) -> String {
    compose_with(mail, "vangnet", subject, to, &PLAIN_TEXT, body, now)
}

/// The same in the name of `from_name` (a tenant's letter comes from the
/// verhuurder) with the body's own content headers (a multipart body names
/// its boundary there).
pub fn compose_with(
    mail: &MailConfig,
    from_name: &str,
    subject: &str,
    to: &str,
    content: &[&str],
    body: &str,
    now: DateTime<Utc>,
) -> String {
    let mut headers = vec![
        format!("From: {} <{}>", display_name(from_name), mail.from),
        format!("To: {to}"),
        format!("Subject: {}", encoded_header(subject)),
        format!("Date: {}", now.to_rfc2822()),
        format!("Message-ID: <{}@{}>", random_hex(), mail.helo()),
        "MIME-Version: 1.0".to_string(),
    ];
    headers.extend(content.iter().map(|h| h.to_string()));
    headers.push("Auto-Submitted: auto-generated".to_string());
    format!("{}\r\n\r\n{body}", headers.join("\r\n"))
}

/// 24 random hex digits: a Message-ID's left part, a MIME boundary, a
/// Content-ID.
pub fn random_hex() -> String {
    let mut random = [0u8; 12];
    getrandom::getrandom(&mut random).expect("the operating system's random source");
    hex::encode(random)
}

/// A header value as is when it is ASCII, else as an RFC 2047 encoded word.
pub fn encoded_header(value: &str) -> String {
    if value.is_ascii() {
        return value.to_string();
    }
    let mut out = String::from("=?utf-8?Q?");
    for byte in value.bytes() {
        match byte {
            b' ' => out.push('_'),
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b',' | b'-' => out.push(byte as char),
            _ => out.push_str(&format!("={byte:02X}")),
        }
    }
    out.push_str("?=");
    out
}

/// A From display name (RFC 5322 phrase): as is when it is plain ASCII
/// words, quoted when ASCII with specials (a comma, a dot), else an RFC 2047
/// encoded word that keeps to the characters a phrase allows.
pub fn display_name(name: &str) -> String {
    let atext = |c: char| c.is_ascii_alphanumeric() || " !#$%&'*+-/=?^_`{|}~".contains(c);
    if name.chars().all(atext) {
        return name.to_string();
    }
    if name.chars().all(|c| c.is_ascii() && !c.is_ascii_control()) {
        return format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""));
    }
    // An encoded word may be 75 characters long: a longer name becomes
    // several, split between characters, never inside one.
    let mut words = vec![String::new()];
    for c in name.chars() {
        let piece = phrase_q(c);
        let word = words.last_mut().expect("one word at least");
        if word.len() + piece.len() > MAX_ENCODED_TEXT {
            words.push(piece);
        } else {
            word.push_str(&piece);
        }
    }
    let words: Vec<String> = words.iter().map(|w| format!("=?utf-8?Q?{w}?=")).collect();
    words.join(" ")
}

/// 75 characters less "=?utf-8?Q?" and "?=".
const MAX_ENCODED_TEXT: usize = 75 - 12;

/// One character in a phrase's Q encoding: letters, digits and ! * + - /
/// as themselves, a space as "_", everything else as =XX per byte.
fn phrase_q(c: char) -> String {
    match c {
        ' ' => "_".into(),
        'a'..='z' | 'A'..='Z' | '0'..='9' | '!' | '*' | '+' | '-' | '/' => c.to_string(),
        _ => {
            let mut bytes = [0u8; 4];
            c.encode_utf8(&mut bytes)
                .bytes()
                .map(|b| format!("={b:02X}"))
                .collect()
        }
    }
}

/// Lines joined as a mail body wants them: CRLF, ending in one.
pub fn crlf_body(lines: &[String]) -> String {
    let mut text = lines.join("\r\n");
    text.push_str("\r\n");
    text
}

#[cfg(test)]
mod tests {
    use super::display_name;

    #[test]
    fn a_display_name_is_a_valid_phrase() {
        let cases = [
            ("vangnet", "vangnet"),
            ("Haagse Woningstichting", "Haagse Woningstichting"),
            ("Wonen & Co.", "\"Wonen & Co.\""),
            ("Stichting \"Thuis\"", "\"Stichting \\\"Thuis\\\"\""),
            ("Woonzorg Één", "=?utf-8?Q?Woonzorg_=C3=89=C3=A9n?="),
            ("Ons Huis, Noord-é", "=?utf-8?Q?Ons_Huis=2C_Noord-=C3=A9?="),
        ];
        for (name, expected) in cases {
            assert_eq!(display_name(name), expected, "{name}");
        }
    }

    #[test]
    fn a_long_name_is_several_encoded_words_of_at_most_75_characters() {
        let name = "Stichting Woonbelang Één Twee Drie, afdeling huurincasso en preventie";
        let encoded = display_name(name);
        let words: Vec<&str> = encoded.split(' ').collect();
        assert!(words.len() > 1, "{encoded}");
        for word in &words {
            assert!(word.len() <= 75, "{word}");
            assert!(
                word.starts_with("=?utf-8?Q?") && word.ends_with("?="),
                "{word}"
            );
        }
        // Decoded again, the words give the name back.
        let mut bytes = Vec::new();
        for word in words {
            let text = &word[10..word.len() - 2];
            let mut chars = text.bytes();
            while let Some(b) = chars.next() {
                match b {
                    b'_' => bytes.push(b' '),
                    b'=' => {
                        let hex: String = [chars.next(), chars.next()]
                            .into_iter()
                            .map(|h| char::from(h.unwrap()))
                            .collect();
                        bytes.push(u8::from_str_radix(&hex, 16).unwrap());
                    }
                    other => bytes.push(other),
                }
            }
        }
        assert_eq!(String::from_utf8(bytes).unwrap(), name);
    }
}
