use super::*;
use crate::tenant_channel::fixtures::{self, LINK};
use vangnet_domain::tenancy::Policy;
use vangnet_domain::tenant_channel::LetterKind;

fn html(kind: LetterKind, policy: &Policy) -> (Letter, String) {
    let letter = fixtures::letter(kind, policy, "mevrouw De Vries");
    let html = letter_html(
        &letter,
        &fixtures::sender(),
        &fixtures::recipient("mevrouw De Vries"),
    );
    (letter, html)
}

/// "€ 1.750,00" → 175000; a test reading what the page shows.
fn cents(amount: &str) -> i64 {
    let digits: String = amount.chars().filter(char::is_ascii_digit).collect();
    digits.parse().expect("an amount")
}

/// The text of every `<td class="amount">` between `from` and `to`.
fn amounts_between(html: &str, from: &str, to: &str) -> Vec<String> {
    let start = html.find(from).expect("start") + from.len();
    let end = start + html[start..].find(to).expect("end");
    html[start..end]
        .split("<td class=\"amount\">")
        .skip(1)
        .map(|cell| cell.split("</td>").next().unwrap().to_string())
        .collect()
}

#[test]
fn a_whole_dutch_document_with_every_part_of_the_letter_in_order() {
    let (letter, html) = html(LetterKind::Herinnering, &Policy::default());
    assert!(html.starts_with("<!doctype html>\n<html lang=\"nl\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("@page { size: A4;"));
    assert!(html.contains("font-size: 11pt"));
    let parts = [
        "Postbus 1234",
        "Laan van Meerdervoort 12",
        "Datum: 2 maart 2026",
        "Betalingskenmerk: HUUR-2026-00417",
        &format!("<h1>{}</h1>", letter.subject),
        "<p>Beste mevrouw De Vries,</p>",
        "<caption>Zo is het bedrag opgebouwd</caption>",
        "<h2>Uw eigen pagina</h2>",
        LINK,
        "<dt>Telefoon:</dt><dd>14070</dd>",
        "Met vriendelijke groet,<br>Woonstichting Haaglanden</p>",
    ];
    let mut at = 0;
    for part in parts {
        let found = html[at..].find(part).unwrap_or_else(|| {
            panic!("{part:?} missing or out of order:\n{html}");
        });
        at += found + part.len();
    }
}

#[test]
fn every_block_kind_is_rendered() {
    for kind in LetterKind::ALL {
        let (letter, html) = html(kind, &Policy::default());
        for block in &letter.blocks {
            match block {
                Block::Heading(text) => assert!(html.contains(&format!("<h2>{text}</h2>"))),
                Block::Paragraph(text) => assert!(html.contains(&format!("<p>{text}</p>"))),
                Block::Amounts { rows, total } => {
                    for (label, amount) in rows.iter().chain([total]) {
                        let row = format!(
                            "<th scope=\"row\">{label}</th><td class=\"amount\">{amount}</td>"
                        );
                        assert!(html.contains(&row), "{kind}: {row}");
                    }
                }
                Block::Link { url } => {
                    assert!(html.contains(&format!("<a href=\"{url}\">{url}</a>")));
                    assert!(html.contains(&qr_svg(url).unwrap()), "{kind}: the QR code");
                }
                Block::Contact { lines } => {
                    for (label, value) in lines {
                        assert!(html.contains(&format!("<dt>{label}:</dt><dd>{value}</dd>")));
                    }
                }
            }
        }
    }
}

#[test]
fn the_amounts_table_has_headers_and_sums_to_the_total() {
    let (letter, html) = html(LetterKind::Veertiendagenbrief, &Policy::default());
    assert!(html.contains("<th scope=\"col\">Omschrijving</th>"));
    assert!(html.contains("<th scope=\"col\" class=\"amount\">Bedrag</th>"));
    let rows = amounts_between(&html, "<tbody>", "</tbody>");
    let total = amounts_between(&html, "<tfoot>", "</tfoot>");
    assert_eq!(rows, ["€ 250,00", "€ 750,00", "€ 750,00"]);
    assert_eq!(total, ["€ 1.750,00"]);
    let sum: i64 = rows.iter().map(|a| cents(a)).sum();
    assert_eq!(sum, cents(&total[0]));
    assert_eq!(sum, letter.total_cents);
}

#[test]
fn names_and_addresses_are_escaped() {
    let evil = "<script>alert(1)</script> & \"Zn\" <b>";
    let letter = fixtures::letter(LetterKind::Aanmaning, &Policy::default(), evil);
    let mut recipient = fixtures::recipient(evil);
    recipient
        .lines
        .push("<img src=x onerror=alert(1)>".to_string());
    let html = letter_html(&letter, &fixtures::sender(), &recipient);
    assert!(!html.to_lowercase().contains("<script"), "{html}");
    assert!(!html.contains("<b>") && !html.contains("<img"), "{html}");
    // askama escapes with numeric references.
    let shown = "&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;Zn&#34; &#60;b&#62;";
    assert!(html.contains(shown), "{html}");
    assert!(html.contains("&#60;img src=x onerror=alert(1)&#62;"));
    assert!(html.contains(&format!("<p>Beste {shown},</p>")));
}

#[test]
fn no_script_and_nothing_fetched_from_elsewhere() {
    for policy in [Policy::default(), fixtures::lenient()] {
        for kind in LetterKind::ALL {
            let (_, html) = html(kind, &policy);
            let lower = html.to_lowercase();
            for banned in [
                "<script", "<img", "<link", "<iframe", "src=", "url(", "@import",
            ] {
                assert!(!lower.contains(banned), "{kind}: {banned}");
            }
            // The only href is the personal link; the only http(s) other
            // than printed text is the SVG namespace.
            assert_eq!(lower.matches("href=").count(), 1, "{kind}");
        }
    }
}

#[test]
fn a_link_that_is_not_http_is_printed_but_not_clickable() {
    let mut letter = fixtures::letter(LetterKind::Herinnering, &Policy::default(), "U");
    for block in &mut letter.blocks {
        if let Block::Link { url } = block {
            *url = "javascript:alert(1)".to_string();
        }
    }
    let html = letter_html(&letter, &fixtures::sender(), &fixtures::recipient("U"));
    assert!(html.contains("<p class=\"url\">javascript:alert(1)</p>"));
    assert!(!html.contains("href="));
}

#[test]
fn dates_are_written_out_in_dutch() {
    assert_eq!(dutch_date(fixtures::d("2026-03-02")), "2 maart 2026");
    assert_eq!(dutch_date(fixtures::d("2026-12-31")), "31 december 2026");
}
