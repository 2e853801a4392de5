//! The tenant channel end to end in a real (headless) Chromium, as issue 9
//! tells it: the verhuurder's worker makes a letter for a demo tenancy;
//! the tenant, on a phone-sized viewport (390×844), opens the letter's
//! personal link, confirms the address and picks a payment arrangement;
//! the worker accepts the proposal in the work list and sees the gate's
//! view of the tenancy change (a kept arrangement now holds escalation
//! back). axe-core checks every tenant page (the check, the view, the
//! confirmation, the English view and the calm refusal). Skips without
//! Chromium or axe-core, unless `VANGNET_TEST_REQUIRE_ALL` is set.

mod support;

use serde_json::{json, Value};
use support::axe::{axe_browser_and_demo, axe_violations, serious_violations};
use support::server::{DemoServer, DEMO_PASSWORD};
use support::session::{submit_button, submit_login};
use support::signals::logged_in;
use support::tenant::{HOUSE_NUMBER, POSTCODE};
use support::tenant_channel::{tenancy_id, TENANCY, WORKER};
use support::webdriver::{Browser, DEFAULT_TIMEOUT};

const NOT_KEPT: &str = "Er loopt geen betalingsregeling die wordt nagekomen.";
const KEPT: &str = "wordt nagekomen (status lopend op";

#[test]
fn a_tenant_on_a_phone_proposes_an_arrangement_and_the_verhuurder_accepts_it() {
    let Some((axe, browser, server)) = axe_browser_and_demo() else {
        return;
    };
    let id = tenancy_id(&mut logged_in(&server, WORKER), TENANCY);
    let mut report: Vec<(String, Vec<Value>)> = Vec::new();

    let link = worker_makes_a_letter(&browser, &server, id);
    tenant_proposes(&browser, &link, &axe, &mut report);
    worker_accepts(&browser, &server, id);
    tenant_pages_in_english_and_refused(&browser, &server, &link, &axe, &mut report);

    let failures = serious_violations(&report);
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Signs the worker in, checks the gate's starting point, makes a
/// herinnering and returns the personal link printed in it.
fn worker_makes_a_letter(browser: &Browser, server: &DemoServer, id: i64) -> String {
    browser.delete_all_cookies();
    browser.set_window_size(1280, 900);
    submit_login(browser, server, WORKER, DEMO_PASSWORD);
    browser.wait_for_path("/start");
    let tenancy = format!("/huur/dossiers/{id}");
    browser.goto(&server.url(&tenancy));
    let panel = browser
        .wait_for("the tenancy page", DEFAULT_TIMEOUT, |b| {
            b.text_content("main")
        })
        .replace('\n', " ");
    assert!(panel.contains(NOT_KEPT), "{panel}");

    browser.goto(&server.url(&format!("{tenancy}/brieven")));
    browser.wait_for_path(&format!("{tenancy}/brieven"));
    browser.click(&submit_button(browser, "Brief maken"));
    let link = browser.wait_for("the letter's link", DEFAULT_TIMEOUT, |b| {
        b.text_content(".link .url")
    });
    let link = link.trim().to_string();
    assert!(link.contains("/huurder/"), "{link}");
    // The letter is a document of its own, without the staff layout.
    browser.goto(&server.url("/start"));
    browser.click(&submit_button(browser, "Uitloggen"));
    browser.wait_for_path("/inloggen");
    link
}

/// The tenant on a phone: the address check, what is owed, no sideways
/// scrolling, and the first arrangement offered.
fn tenant_proposes(
    browser: &Browser,
    link: &str,
    axe: &str,
    report: &mut Vec<(String, Vec<Value>)>,
) {
    browser.delete_all_cookies();
    browser.set_window_size(390, 844);
    browser.goto(link);
    browser.wait_for_element("#f-postcode");
    report.push(("the address check".into(), axe_violations(browser, axe)));
    browser.send_keys(&browser.find("#f-postcode"), POSTCODE);
    browser.send_keys(&browser.find("#f-huisnummer"), HOUSE_NUMBER);
    browser.click(&submit_button(browser, "Controleren"));
    browser.wait_for_element("#h-regeling");
    let owed = browser
        .text_content("section[aria-labelledby=\"h-owed\"]")
        .unwrap_or_default();
    assert!(owed.contains("€ 3.000,00"), "{owed}");
    report.push(("the tenant view".into(), axe_violations(browser, axe)));

    let script = "return [document.documentElement.scrollWidth, window.innerWidth];";
    let widths = browser.execute(script, vec![]);
    assert!(
        widths[0].as_i64() <= widths[1].as_i64(),
        "no sideways scrolling: {widths}"
    );

    let first = browser.find("input[name=\"regeling\"]");
    let choice_id = browser.attr(&first, "id").expect("an option id");
    browser.click_css(&format!("label[for=\"{choice_id}\"]"));
    browser.click(&submit_button(browser, "Voorstel versturen"));
    let received = browser.wait_for("the confirmation", DEFAULT_TIMEOUT, |b| {
        b.text_content("main")
            .filter(|t| t.contains("Uw voorstel is naar de verhuurder gestuurd"))
    });
    assert!(received.contains("Bedankt"), "{received}");
    report.push(("the confirmation".into(), axe_violations(browser, axe)));
}

/// The worker accepts the tenant's proposal in the work list; the
/// tenancy's next-step panel then shows the running arrangement.
fn worker_accepts(browser: &Browser, server: &DemoServer, id: i64) {
    browser.set_window_size(1280, 900);
    submit_login(browser, server, WORKER, DEMO_PASSWORD);
    browser.wait_for_path("/start");
    browser.goto(&server.url("/reacties"));
    browser.wait_for_path("/reacties");
    let find = "return [...document.querySelectorAll('form[action$=\"/accepteren\"]')]\
                .filter(f => f.textContent.includes(arguments[0]))\
                .map(f => f.getAttribute('action'));";
    let actions = browser.execute(find, vec![json!(TENANCY)]);
    let actions = actions.as_array().cloned().unwrap_or_default();
    assert_eq!(actions.len(), 1, "one proposal of {TENANCY}: {actions:?}");
    let action = actions[0].as_str().unwrap();
    browser.click_css(&format!("form[action=\"{action}\"] button"));
    browser.wait_for("the answer recorded", DEFAULT_TIMEOUT, |b| {
        b.text_content("[role=status]")
            .filter(|t| t.contains("Het antwoord is vastgelegd."))
    });

    browser.goto(&server.url(&format!("/huur/dossiers/{id}")));
    let panel = browser
        .wait_for("the tenancy page", DEFAULT_TIMEOUT, |b| {
            b.text_content("main")
        })
        .replace('\n', " ");
    assert!(panel.contains(KEPT), "{panel}");
    assert!(!panel.contains(NOT_KEPT), "{panel}");
    browser.click(&submit_button(browser, "Uitloggen"));
    browser.wait_for_path("/inloggen");
}

fn tenant_pages_in_english_and_refused(
    browser: &Browser,
    server: &DemoServer,
    link: &str,
    axe: &str,
    report: &mut Vec<(String, Vec<Value>)>,
) {
    browser.set_window_size(390, 844);
    browser.goto(&format!("{link}?taal=en"));
    browser.wait_for_element("#f-postcode, #h-regeling");
    let lang = browser.execute("return document.documentElement.lang;", vec![]);
    assert_eq!(lang, "en");
    report.push((
        "the tenant's page in English".into(),
        axe_violations(browser, axe),
    ));

    browser.goto(&server.url("/huurder/no-such-token-0123456789abcdefghijklmnop"));
    browser.wait_for_element("h1");
    report.push(("the calm refusal".into(), axe_violations(browser, axe)));
}
