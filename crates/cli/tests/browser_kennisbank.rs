//! The kennisbank in a real (headless) Chromium against `vangnet demo`, as
//! issue 6 asks: search, filter by phase, open a practice; a partner
//! submits a new one; the editor reviews and publishes it; it is found in
//! search. No JavaScript is involved: every step is a link or a form.
//! Skips without Chromium, unless `VANGNET_TEST_REQUIRE_ALL` is set.

mod support;

use support::server::{DemoServer, DEMO_PASSWORD};
use support::session::{submit_button, submit_login};
use support::webdriver::{Browser, DEFAULT_TIMEOUT};

const TITLE: &str = "Buurtbemiddeling voordat de overlast escaleert";

fn text_of(browser: &Browser, css: &str) -> String {
    browser.text_content(css).unwrap_or_default()
}

fn submit_and_expect(browser: &Browser, button: &str, css: &str, text: &str) {
    let button = submit_button(browser, button);
    browser.click(&button);
    browser.wait_for(text, DEFAULT_TIMEOUT, |b| {
        b.text_content(css).filter(|shown| shown.contains(text))
    });
}

fn type_into(browser: &Browser, css: &str, text: &str) {
    let field = browser.find(css);
    browser.send_keys(&field, text);
}

/// The href of the first link in `css` whose text contains `label`.
fn link(browser: &Browser, css: &str, label: &str) -> String {
    let script = "return [...document.querySelectorAll(arguments[0])]
        .filter(a => a.textContent.includes(arguments[1]))
        .map(a => a.getAttribute('href'))[0] || null;";
    let args = vec![css.into(), label.into()];
    browser
        .execute(script, args)
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| panic!("no link {label:?} in {css}:\n{}", browser.page_source()))
}

#[test]
fn search_filter_submit_review_publish_and_find() {
    let Some(browser) = Browser::start_or_skip() else {
        return;
    };
    let server = DemoServer::start();

    // The public searches, filters by a phase and opens a practice.
    browser.goto(&server.url("/kennisbank"));
    type_into(&browser, "#kb-q", "huisuitzettingen");
    submit_and_expect(&browser, "Zoeken", "#results-heading", "goede voorbeelden");
    assert!(
        browser.try_find("ol.kb-results mark").is_some(),
        "highlights"
    );
    let filter = link(&browser, "main a", "Fase 5: nazorg");
    browser.goto(&server.url(&filter));
    browser.wait_for("the filtered results", DEFAULT_TIMEOUT, |b| {
        b.current_url().contains("fase=fase-5-nazorg").then_some(())
    });
    let results = text_of(&browser, "ol.kb-results");
    assert!(!results.is_empty(), "{}", browser.page_source());
    for phases in browser.find_all("ol.kb-results .kb-hit-meta dd:first-of-type") {
        assert!(browser.text(&phases).contains("nazorg"), "{results}");
    }
    let practice = link(&browser, "ol.kb-results h3 a", "");
    browser.click_css(&format!("ol.kb-results h3 a[href=\"{practice}\"]"));
    browser.wait_for_path(&practice);
    assert!(!text_of(&browser, "h1").is_empty());

    // A partner submits a new practice.
    submit_login(
        &browser,
        &server,
        "medewerker@woningstichting.example",
        DEMO_PASSWORD,
    );
    browser.wait_for_path("/start");
    browser.goto(&server.url("/kennisbank/nieuw"));
    type_into(&browser, "#f-title", TITLE);
    type_into(
        &browser,
        "#f-summary",
        "Een bemiddelaar gaat langs bij de eerste klacht, lang voor er een dossier ligt.",
    );
    type_into(
        &browser,
        "#f-body_md",
        "## Aanpak\n\nBij de eerste melding van overlast komt een buurtbemiddelaar langs.",
    );
    type_into(
        &browser,
        "#f-figure_label_1",
        "Klachten opgelost zonder dossier",
    );
    type_into(&browser, "#f-figure_value_1", "31 van de 40");
    type_into(
        &browser,
        "#f-link_title_1",
        "Landelijk netwerk buurtbemiddeling",
    );
    type_into(
        &browser,
        "#f-link_url_1",
        "https://example.org/buurtbemiddeling",
    );
    browser.click_css("input[name=\"phases\"][value=\"preventie\"]");
    browser.click_css("input[name=\"actors\"][value=\"woningcorporatie\"]");
    submit_and_expect(&browser, "Indienen", "[role=\"status\"]", "ingediend");

    // Not public before an editor publishes it.
    browser.goto(&server.url("/kennisbank/zoeken?q=buurtbemiddeling"));
    assert!(!text_of(&browser, "main").contains(TITLE));

    // The editor reviews and publishes it.
    browser.delete_all_cookies();
    submit_login(
        &browser,
        &server,
        "redacteur@redactie.example",
        DEMO_PASSWORD,
    );
    browser.wait_for_path("/start");
    browser.click_css("nav a[href=\"/redactie\"]");
    browser.wait_for_path("/redactie");
    let review = link(&browser, "main table a", TITLE);
    browser.goto(&server.url(&review));
    assert!(text_of(&browser, "main").contains("buurtbemiddelaar"));
    submit_and_expect(&browser, "Publiceren", "[role=\"status\"]", "gepubliceerd");

    // And anyone finds it.
    browser.delete_all_cookies();
    browser.goto(&server.url("/kennisbank"));
    type_into(&browser, "#kb-q", "buurtbemiddeling");
    submit_and_expect(&browser, "Zoeken", "ol.kb-results", TITLE);
    let page = link(&browser, "ol.kb-results h3 a", TITLE);
    browser.goto(&server.url(&page));
    let shown = text_of(&browser, "main");
    assert!(shown.contains("31 van de 40"), "{shown}");
    let target = link(&browser, "main a", "Landelijk netwerk buurtbemiddeling");
    assert_eq!(target, "https://example.org/buurtbemiddeling");
}
