//! Each letter printed by real headless Chromium and read back with
//! poppler's `pdftotext` and `pdftoppm`: what the tenant gets on paper
//! states the facts, and its QR code scans. Skipped without Chromium or
//! poppler-utils, except under VANGNET_TEST_REQUIRE_ALL (./scripts/test),
//! as the handreiking's PDF tests are.

use super::fixtures::{self, LINK};
use super::*;
use vangnet_domain::money::format_euros;
use vangnet_domain::tenancy::Policy;
use vangnet_domain::tenant_channel::{statutory_scale_cents, Block, Letter, LetterKind};

fn require_all() -> bool {
    std::env::var_os("VANGNET_TEST_REQUIRE_ALL").is_some()
}

/// The letter's PDF, or `None` where this machine has no Chromium.
async fn print(letter: &Letter) -> Option<Vec<u8>> {
    let html = letter_html(
        letter,
        &fixtures::sender(),
        &fixtures::recipient("mevrouw De Vries"),
    );
    match letter_pdf("chromium", &html).await {
        Ok(pdf) => Some(pdf),
        Err(PdfError::NoChromium(_)) if !require_all() => None,
        Err(e) => panic!("{e}"),
    }
}

/// pdftotext's text of the whole PDF with every run of white space one
/// space, so a sentence wrapped over two lines is still one string; or
/// `None` without poppler-utils.
fn text(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .ok()?;
    let raw = String::from_utf8_lossy(&out.stdout);
    Some(raw.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Every page rendered to grey pixels at 150 dpi and searched for a QR
/// code, as a phone camera would; the first one found, decoded.
fn scan_qr(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.pdf");
    std::fs::write(&path, pdf).unwrap();
    let prefix = dir.path().join("page");
    std::process::Command::new("pdftoppm")
        .args(["-gray", "-r", "150"])
        .arg(&path)
        .arg(&prefix)
        .status()
        .ok()?;
    let mut pages: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pgm"))
        .collect();
    pages.sort();
    pages
        .iter()
        .find_map(|page| decode_pgm(&std::fs::read(page).unwrap()))
}

/// A binary PGM ("P5", width, height, 255, then a byte a pixel).
fn decode_pgm(bytes: &[u8]) -> Option<String> {
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(std::str::from_utf8(&bytes[start..at]).ok()?.to_string());
    }
    let pixels = &bytes[at + 1..];
    assert_eq!(fields[0], "P5", "pdftoppm -gray writes binary PGM");
    let (w, h): (usize, usize) = (fields[1].parse().ok()?, fields[2].parse().ok()?);
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[y * w + x]);
    let grids = image.detect_grids();
    grids
        .first()
        .and_then(|grid| grid.decode().ok())
        .map(|(_, text)| text)
}

/// What every letter must say on paper, whatever its kind.
fn assert_common(kind: LetterKind, letter: &Letter, text: &str) {
    let facts = [
        "U moet ons nog € 1.750,00 betalen.",
        "Huur januari 2026 € 250,00",
        "Totaal € 1.750,00",
        "HUUR-2026-00417",
        "NL91 ABNA 0417 1643 00",
        LINK,
        "Telefoon: 14070",
        "Wij willen uw gegevens doorgeven aan de gemeente Den Haag.",
        "Wilt u dit niet? Zeg het ons dan op uw eigen pagina.",
        "Maakt u geen bezwaar? Dan geven wij uw gegevens door aan de gemeente.",
        "Beste mevrouw De Vries,",
        "Datum: 2 maart 2026",
        "Laan van Meerdervoort 12",
    ];
    for fact in facts {
        assert!(text.contains(fact), "{kind} PDF lacks {fact:?}:\n{text}");
    }
    assert_eq!(format_euros(letter.total_cents), "€ 1.750,00");
    // Every sentence the domain composed reaches the paper whole.
    for block in &letter.blocks {
        if let Block::Heading(words) | Block::Paragraph(words) = block {
            assert!(text.contains(words.as_str()), "{kind} PDF lacks {words:?}");
        }
    }
}

/// Prints the letter and reads it back, or `None` where a tool is missing.
async fn printed(letter: &Letter) -> Option<(String, Option<String>)> {
    let pdf = print(letter).await?;
    assert!(pdf.starts_with(b"%PDF"));
    let Some(text) = text(&pdf) else {
        assert!(!require_all(), "pdftotext (poppler-utils) is needed");
        return None;
    };
    Some((text, scan_qr(&pdf)))
}

#[tokio::test]
async fn each_letter_printed_states_the_facts_the_link_and_the_consent_offer() {
    let policy = Policy::default();
    for kind in LetterKind::ALL {
        let letter = fixtures::letter(kind, &policy, "mevrouw De Vries");
        let Some((text, qr)) = printed(&letter).await else {
            return;
        };
        assert_common(kind, &letter, &text);
        assert_eq!(qr.as_deref(), Some(LINK), "{kind}: the printed QR code");
        assert_eq!(
            text.contains("incassokosten"),
            kind == LetterKind::Veertiendagenbrief,
            "{kind}"
        );
    }
}

#[tokio::test]
async fn the_veertiendagenbrief_printed_states_its_last_day_and_the_exact_costs() {
    let letter = fixtures::letter(
        LetterKind::Veertiendagenbrief,
        &Policy::default(),
        "mevrouw De Vries",
    );
    let Some((text, _)) = printed(&letter).await else {
        return;
    };
    let term = letter.term.expect("a term");
    assert_eq!((term.days, term.last_day), (14, fixtures::d("2026-03-18")));
    // 15% of € 1.750,00 by the statutory scale, and no VAT on top.
    assert_eq!(format_euros(statutory_scale_cents(175_000)), "€ 262,50");
    for fact in [
        "Betaal uw huurachterstand binnen 14 dagen",
        "Betaal uiterlijk op woensdag 18 maart 2026.",
        "De incassokosten zijn € 262,50.",
        "Er komt geen btw bij.",
    ] {
        assert!(text.contains(fact), "PDF lacks {fact:?}:\n{text}");
    }
}

#[tokio::test]
async fn under_leniency_the_printed_veertiendagenbrief_says_no_costs() {
    let policy = fixtures::lenient();
    let letter = fixtures::letter(LetterKind::Veertiendagenbrief, &policy, "mevrouw De Vries");
    let Some((text, qr)) = printed(&letter).await else {
        return;
    };
    assert_common(LetterKind::Veertiendagenbrief, &letter, &text);
    assert_eq!(qr.as_deref(), Some(LINK));
    for fact in [
        "Er geldt nu een coulanceregeling. Daarom rekenen wij geen incassokosten.",
        "Betaal uiterlijk op woensdag 25 maart 2026.",
    ] {
        assert!(text.contains(fact), "PDF lacks {fact:?}:\n{text}");
    }
    assert!(!text.contains("De incassokosten zijn"), "{text}");
    assert!(!text.contains("€ 262,50"), "no amount of costs: {text}");
}
