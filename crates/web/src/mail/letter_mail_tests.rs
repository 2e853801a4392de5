use super::*;
use crate::tenant_channel::fixtures::{letter, recipient, sender, LINK};
use crate::tenant_channel::png::tests::decode;
use chrono::TimeZone;
use vangnet_domain::tenancy::Policy;
use vangnet_domain::tenant_channel::LetterKind;

const TO: &str = "huurder@voorbeeld.nl";

fn config() -> MailConfig {
    MailConfig {
        relay: "localhost:25".into(),
        from: "brieven@woonstichting.example".into(),
    }
}

fn built(kind: LetterKind) -> String {
    let policy = Policy::default();
    let letter = letter(kind, &policy, "Fatima el Amrani");
    let (sender, recipient) = (sender(), recipient("Fatima el Amrani"));
    let parts = LetterMail {
        letter: &letter,
        sender: &sender,
        recipient: &recipient,
        reply_to: Some("incasso@woonstichting.example"),
    };
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0).unwrap();
    message(&config(), TO, &parts, at)
}

/// A body part: its headers (lower-cased names) and its content.
struct Part {
    headers: Vec<(String, String)>,
    content: String,
}

impl Part {
    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no {name} header"))
    }

    /// The `boundary="…"` of a multipart's Content-Type.
    fn boundary(&self) -> String {
        let value = self.header("content-type");
        let start = value.find("boundary=\"").expect("a boundary") + 10;
        value[start..].split('"').next().unwrap().to_string()
    }

    fn decoded(&self) -> Vec<u8> {
        assert_eq!(self.header("content-transfer-encoding"), "base64");
        base64_decode(&self.content)
    }
}

fn parse_part(text: &str) -> Part {
    let (head, content) = text.split_once("\r\n\r\n").expect("headers end");
    let headers = head
        .split("\r\n")
        .map(|line| {
            let (name, value) = line.split_once(": ").expect("a header line");
            (name.to_ascii_lowercase(), value.to_string())
        })
        .collect();
    Part {
        headers,
        content: content.to_string(),
    }
}

/// The parts between `--boundary` lines, up to `--boundary--`.
fn children(body: &str, boundary: &str) -> Vec<Part> {
    let end = format!("--{boundary}--\r\n");
    assert!(body.ends_with(&end), "closed by {end}");
    let inner = &body[..body.len() - end.len()];
    inner
        .split(&format!("--{boundary}\r\n"))
        .skip(1)
        .map(parse_part)
        .collect()
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        other => panic!("{other} is not base64"),
    };
    let clean: Vec<u8> = text.bytes().filter(|b| !b"\r\n".contains(b)).collect();
    assert_eq!(clean.len() % 4, 0);
    let mut out = Vec::new();
    for quad in clean.chunks(4) {
        let pad = quad.iter().filter(|&&b| b == b'=').count();
        let n = quad[..4 - pad]
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(value(b)) << (18 - 6 * i));
        out.extend(&n.to_be_bytes()[1..4 - pad]);
    }
    out
}

#[test]
fn the_message_is_text_and_html_with_the_qr_code_as_a_related_png() {
    let text = built(LetterKind::Veertiendagenbrief);
    let top = parse_part(&text);
    assert_eq!(
        top.header("from"),
        "Woonstichting Haaglanden <brieven@woonstichting.example>",
        "the letter comes from the verhuurder"
    );
    assert_eq!(top.header("reply-to"), "incasso@woonstichting.example");
    assert_eq!(top.header("to"), TO);
    assert_eq!(
        top.header("subject"),
        "Betaal uw huurachterstand binnen 14 dagen"
    );
    assert_eq!(top.header("mime-version"), "1.0");
    assert!(top
        .header("message-id")
        .ends_with("@woonstichting.example>"));
    assert!(top
        .header("content-type")
        .starts_with("multipart/alternative; boundary=\"alt-"));

    let alternatives = children(&top.content, &top.boundary());
    assert_eq!(alternatives.len(), 2, "text first, then the richer HTML");
    let plain = &alternatives[0];
    assert_eq!(plain.header("content-type"), "text/plain; charset=utf-8");
    assert_eq!(plain.header("content-transfer-encoding"), "8bit");
    let related = &alternatives[1];
    assert!(related
        .header("content-type")
        .starts_with("multipart/related; boundary=\"rel-"));
    assert!(related
        .header("content-type")
        .ends_with("type=\"text/html\""));

    let inner = children(&related.content, &related.boundary());
    assert_eq!(inner.len(), 2);
    let html = String::from_utf8(inner[0].decoded()).unwrap();
    assert_eq!(inner[0].header("content-type"), "text/html; charset=utf-8");
    let image = &inner[1];
    assert_eq!(image.header("content-type"), "image/png");
    let cid = image.header("content-id");
    let cid = cid
        .strip_prefix('<')
        .and_then(|c| c.strip_suffix('>'))
        .unwrap();
    assert!(cid.ends_with("@woonstichting.example"), "{cid}");

    // The HTML shows the attached image, not inline SVG, and has the link.
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains(&format!("<img src=\"cid:{cid}\"")), "{html}");
    assert!(html.contains("alt=\"QR-code naar uw persoonlijke pagina\""));
    assert!(
        !html.contains("<svg"),
        "Gmail and Outlook show no inline SVG"
    );
    assert!(!html.contains("<script"));
    assert!(html.contains(&format!("<a href=\"{LINK}\">{LINK}</a>")));

    // The PNG is a valid image of the link's code (scanned in qr_tests).
    let png = image.decoded();
    assert_eq!(Some(&png), crate::tenant_channel::qr_png(LINK).as_ref());
    let (width, height, _) = decode(&png).expect("a valid PNG");
    assert_eq!(width, height);
}

#[test]
fn the_text_part_has_the_amount_the_reference_the_link_and_the_desk() {
    let text = built(LetterKind::Herinnering);
    let top = parse_part(&text);
    let plain = &children(&top.content, &top.boundary())[0];
    let body = &plain.content;
    assert!(body.contains("€ 1.750,00"), "{body}");
    assert!(body.contains("HUUR-2026-00417"));
    assert!(body.contains("NL91 ABNA 0417 1643 00"));
    assert!(body.contains("Schuldhulp Den Haag"));
    assert!(body.contains("14070"));
    // The link whole on a line of its own, so every mail program links it.
    assert!(body.contains(&format!("\r\n{LINK}\r\n")), "{body}");
    for line in body.split("\r\n") {
        assert!(
            line.chars().count() <= 76 || !line.contains(' '),
            "too long: {line}"
        );
    }
    assert!(body.ends_with("\r\n"));
}

#[test]
fn each_kind_has_its_own_dutch_subject() {
    let subject = |kind| parse_part(&built(kind)).header("subject").to_string();
    assert_eq!(
        subject(LetterKind::Herinnering),
        "Herinnering: uw huur is nog niet betaald"
    );
    assert_eq!(
        subject(LetterKind::Aanmaning),
        "Aanmaning: betaal uw huurachterstand nu"
    );
}

#[test]
fn boundaries_and_ids_differ_per_message() {
    let (a, b) = (
        built(LetterKind::Herinnering),
        built(LetterKind::Herinnering),
    );
    assert_ne!(parse_part(&a).boundary(), parse_part(&b).boundary());
}

#[test]
fn the_message_survives_the_smtp_data_section() {
    // Every line within SMTP's limit, and a leading dot would be doubled.
    let text = built(LetterKind::Aanmaning);
    for line in text.split("\r\n") {
        assert!(line.len() <= 998, "{line}");
    }
    let data = smtp::dot_stuffed(&text);
    assert!(data.ends_with("\r\n.\r\n"));
}

#[test]
fn base64_matches_the_rfc_vectors_and_wraps() {
    for (plain, encoded) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64(plain.as_bytes()), format!("{encoded}\r\n"));
    }
    let long = base64(&[0xAB; 100]);
    let lines: Vec<&str> = long.trim_end().split("\r\n").collect();
    assert_eq!(lines[0].len(), 76);
    assert_eq!(base64_decode(&long), vec![0xAB; 100]);
}

#[test]
fn wrap_breaks_at_spaces_and_keeps_a_long_link_whole() {
    let link = format!("https://vangnet.example/huurder/{}", "x".repeat(90));
    let line = format!("Ga naar {link} en log in.");
    assert_eq!(wrap(&line), ["Ga naar", link.as_str(), "en log in."]);
    assert_eq!(wrap(""), [""]);
    let words = "een twee drie ".repeat(20);
    assert!(wrap(words.trim()).iter().all(|l| l.chars().count() <= 76));
    // A phone number or an amount is never split over two lines.
    let filler = "woord ".repeat(11);
    let phone = format!("{filler}Bel ons op 070 123 45 67.");
    assert_eq!(wrap(&phone)[1], "070 123 45 67.");
    let amount = format!("{filler}Maak nu € 3.000,00 over.");
    assert!(wrap(&amount).iter().any(|l| l.contains("€ 3.000,00")));
}

#[test]
fn an_address_must_be_usable_in_smtp_as_is() {
    assert_eq!(
        parse_address("  Huurder@Voorbeeld.NL ").as_deref(),
        Ok("huurder@voorbeeld.nl")
    );
    assert!(parse_address("a.b+c_d-e@x.nl").is_ok());
    for bad in [
        "",
        "geen-adres",
        "a@b",
        "a b@c.nl",
        "a@b.nl>\r\nRCPT TO:<x@y.nl",
        "a>b@c.nl",
        "\"a\"@b.nl",
        "a,b@c.nl",
        "é@b.nl",
    ] {
        let error = parse_address(bad).expect_err(bad);
        assert_eq!(error.field, "email");
        assert!(
            error.reason.contains("e-mailadres"),
            "{bad}: {}",
            error.reason
        );
    }
}
