//! Case work in a real (headless) Chromium against `vangnet demo`: a
//! gemeente worker opens the queue, picks a case up, logs a home visit,
//! closes the case with a DDAS end result and sees it leave the queue,
//! with axe-core checking each page on the way. Skips without Chromium or
//! axe-core, unless `VANGNET_TEST_REQUIRE_ALL` is set.

mod support;

use serde_json::Value;
use support::axe::{axe_browser_and_demo, axe_violations, serious_violations};
use support::server::{DemoServer, DEMO_PASSWORD};
use support::session::{submit_button, submit_login};
use support::webdriver::{Browser, DEFAULT_TIMEOUT};

/// A demo household whose case is open and past its pick-up deadline.
const HOUSEHOLD: &str = "2571GJ 56";

fn log_in(browser: &Browser, server: &DemoServer, email: &str) {
    browser.delete_all_cookies();
    submit_login(browser, server, email, DEMO_PASSWORD);
    browser.wait_for_path("/start");
}

/// The path of the case of `household` in the queue on screen, if listed.
fn case_link(browser: &Browser, household: &str) -> Option<String> {
    let script = "return [...document.querySelectorAll('table.queue tbody tr')]
        .filter(r => [...r.cells].some(c => c.textContent.trim() === arguments[0]))
        .map(r => r.querySelector('a[href^=\"/gemeente/zaken/\"]').getAttribute('href'))[0] || null;";
    browser
        .execute(script, vec![Value::String(household.into())])
        .as_str()
        .map(str::to_string)
}

/// Submits the form by its button and waits for the case page's notice.
fn submit_and_expect(browser: &Browser, button: &str, notice: &str) {
    let button = submit_button(browser, button);
    browser.click(&button);
    let shown = browser.wait_for(notice, DEFAULT_TIMEOUT, |b| {
        b.text_content("[role=\"status\"]")
            .filter(|text| text.contains(notice))
    });
    assert!(shown.contains(notice));
}

/// Chooses the option with this value in a `<select>`, as a click would.
fn choose(browser: &Browser, select: &str, value: &str) {
    browser.click_css(&format!("{select} option[value=\"{value}\"]"));
}

fn text_of(browser: &Browser, css: &str) -> String {
    browser.text_content(css).unwrap_or_default()
}

#[test]
fn a_worker_picks_up_visits_and_closes_a_case_and_the_queue_changes() {
    let Some((axe, browser, server)) = axe_browser_and_demo() else {
        return;
    };
    let mut report: Vec<(String, Vec<Value>)> = Vec::new();

    log_in(&browser, &server, "medewerker@denhaag.example");
    browser.click_css("nav a[href=\"/gemeente/zaken\"]");
    browser.wait_for_path("/gemeente/zaken");
    report.push(("the queue".into(), axe_violations(&browser, &axe)));
    let path = case_link(&browser, HOUSEHOLD).expect("the open demo case is queued");

    browser.click_css(&format!("table.queue a[href=\"{path}\"]"));
    browser.wait_for_path(&path);
    assert!(text_of(&browser, "h1").contains(HOUSEHOLD));
    assert!(text_of(&browser, "#score-caption").contains("Waarom deze prioriteit"));
    report.push(("a new case".into(), axe_violations(&browser, &axe)));

    submit_and_expect(&browser, "Zaak oppakken", "De zaak is opgepakt.");
    assert!(text_of(&browser, "main").contains("Opgepakt per"));

    choose(&browser, "#contact-soort", "Huisbezoek");
    browser.click_css("input[name=\"bereikt\"][value=\"ja\"]");
    choose(&browser, "#contact-dagdeel", "Middag");
    let note = browser.find("#contact-notitie");
    browser.send_keys(
        &note,
        "Thuis getroffen; afspraak bij de schuldhulp gemaakt.",
    );
    submit_and_expect(
        &browser,
        "Contactpoging opslaan",
        "De contactpoging is vastgelegd.",
    );
    let contacts = text_of(&browser, "#contacts-caption + thead + tbody");
    assert!(contacts.contains("Huisbezoek"), "{contacts}");
    assert!(
        contacts.contains("afspraak bij de schuldhulp"),
        "{contacts}"
    );
    report.push((
        "a case picked up and visited".into(),
        axe_violations(&browser, &axe),
    ));

    choose(
        &browser,
        "#afsluiten-resultaat",
        "Vervolghulp en/of verwijzing financieel",
    );
    submit_and_expect(&browser, "Zaak afsluiten", "De zaak is afgesloten.");
    let state = text_of(&browser, "#state-heading + dl");
    assert!(state.contains("Afgesloten"), "{state}");
    assert!(
        state.contains("Vervolghulp en/of verwijzing financieel"),
        "{state}"
    );
    assert!(
        browser
            .try_find("form[action$=\"/contactpoging\"]")
            .is_none(),
        "no more contact attempts on a closed case"
    );

    browser.click_css("a[href=\"/gemeente/zaken\"]");
    browser.wait_for_path("/gemeente/zaken");
    assert_eq!(
        case_link(&browser, HOUSEHOLD),
        None,
        "closed: out of the queue"
    );
    // Among the demo history's closed cases: the household's area.
    browser.goto(&server.url("/gemeente/zaken?status=afgesloten&postcode=2571"));
    assert_eq!(
        case_link(&browser, HOUSEHOLD).as_deref(),
        Some(path.as_str())
    );

    browser.click_css("nav a[href=\"/gemeente/mijn-zaken\"]");
    browser.wait_for_path("/gemeente/mijn-zaken");
    report.push(("Mijn zaken".into(), axe_violations(&browser, &axe)));

    // WCAG 1.4.10: on a phone-sized screen only the tables scroll, in
    // their own region, never the page.
    browser.set_window_size(360, 740);
    let overflow = "return document.documentElement.scrollWidth - window.innerWidth;";
    for page in ["/gemeente/zaken", path.as_str()] {
        browser.goto(&server.url(page));
        let extra = browser.execute(overflow, vec![]).as_i64().unwrap_or(1);
        assert!(
            extra <= 0,
            "{page} scrolls sideways by {extra} px at 360 px"
        );
    }

    log_in(&browser, &server, "teamleider@denhaag.example");
    browser.click_css("nav a[href=\"/gemeente/instellingen-zaakwerk\"]");
    browser.wait_for_path("/gemeente/instellingen-zaakwerk");
    let extra = browser.execute(overflow, vec![]).as_i64().unwrap_or(1);
    assert!(
        extra <= 0,
        "the settings scroll sideways by {extra} px at 360 px"
    );
    report.push((
        "the case-work settings".into(),
        axe_violations(&browser, &axe),
    ));

    let failures = serious_violations(&report);
    assert!(
        failures.is_empty(),
        "serious or critical accessibility violations:\n{}",
        failures.join("\n")
    );
}
