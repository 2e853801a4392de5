use super::*;
use crate::kennisbank::handreiking::{self, PhaseGroup, PrintedPractice};

/// pdftotext's text of one page, or `None` without poppler-utils.
fn page_text(pdf: &[u8], page: usize) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    std::fs::write(&path, pdf).unwrap();
    let n = page.to_string();
    let out = std::process::Command::new("pdftotext")
        .args(["-f", &n, "-l", &n, "-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn require_all() -> bool {
    std::env::var_os("VANGNET_TEST_REQUIRE_ALL").is_some()
}

#[tokio::test]
async fn each_section_that_breaks_the_page_starts_a_page() {
    let html = "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\">\
        <style>section { break-before: page; }</style></head><body>\
        <h1>Inhoud</h1><section><h2>Preventie</h2><p>Eén huisbezoek.</p></section>\
        <section><h2>Fase 1: huurachterstand</h2><p>Betalingsregeling.</p></section>\
        </body></html>";
    let pdf = match html_to_pdf("chromium", html).await {
        Ok(pdf) => pdf,
        Err(PdfError::NoChromium(_)) if !require_all() => return,
        Err(e) => panic!("{e}"),
    };
    let Some(first) = page_text(&pdf, 1) else {
        assert!(!require_all(), "pdftotext (poppler-utils) is needed");
        return;
    };
    assert!(first.contains("Inhoud"), "{first}");
    let second = page_text(&pdf, 2).unwrap();
    assert!(
        second.contains("Preventie") && second.contains("Eén huisbezoek"),
        "{second}"
    );
    let third = page_text(&pdf, 3).unwrap();
    assert!(third.contains("Fase 1: huurachterstand"), "{third}");
}

#[tokio::test]
async fn a_missing_chromium_is_named() {
    let error = html_to_pdf("/nonexistent/chromium", "<p>x</p>")
        .await
        .unwrap_err();
    assert_eq!(error, PdfError::NoChromium("/nonexistent/chromium".into()));
    assert!(error.to_string().contains("niet gevonden"));
}

fn practice(slug: &str, title: &str) -> PrintedPractice {
    PrintedPractice {
        slug: slug.into(),
        title: title.into(),
        summary: "Kort en goed.".into(),
        organisation: Some("Gemeente Voorbeeld".into()),
        region: None,
        actors: "Gemeente, Huurder".into(),
        updated: "20-11-2026".into(),
        contact: None,
        body_html: "<p>Eén <strong>huisbezoek</strong>.</p>".into(),
    }
}

#[tokio::test]
async fn the_handreiking_prints_each_phase_group_on_its_own_pages() {
    let groups = [
        PhaseGroup {
            slug: "preventie",
            label: "Preventie",
            practices: vec![practice("a", "Vroeg op huisbezoek")],
        },
        PhaseGroup {
            slug: "fase-1-huurachterstand",
            label: "Fase 1: huurachterstand",
            practices: Vec::new(),
        },
        PhaseGroup {
            slug: "fase-5-nazorg",
            label: "Fase 5: nazorg",
            practices: vec![practice("b", "Tweede kans"), practice("c", "Nazorg thuis")],
        },
    ];
    let html = handreiking::render(&groups, 3, "22-11-2026", false);
    assert!(
        !html.contains("Fase 1: huurachterstand"),
        "empty phases are left out"
    );
    assert!(
        !html.contains("Download als PDF"),
        "the PDF does not link to itself"
    );
    let pdf = match html_to_pdf("chromium", &html).await {
        Ok(pdf) => pdf,
        Err(PdfError::NoChromium(_)) if !require_all() => return,
        Err(e) => panic!("{e}"),
    };
    let Some(toc) = page_text(&pdf, 1) else {
        assert!(!require_all(), "pdftotext (poppler-utils) is needed");
        return;
    };
    assert!(
        toc.contains("Inhoud") && toc.contains("Tweede kans"),
        "{toc}"
    );
    let first = page_text(&pdf, 2).unwrap();
    assert!(
        first.contains("Preventie") && first.contains("Vroeg op huisbezoek"),
        "{first}"
    );
    assert!(!first.contains("Nazorg thuis"), "{first}");
    let second = page_text(&pdf, 3).unwrap();
    assert!(
        second.contains("Fase 5: nazorg") && second.contains("Nazorg thuis"),
        "{second}"
    );
}
