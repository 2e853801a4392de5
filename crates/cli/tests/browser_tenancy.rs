//! The eviction track in a real (headless) Chromium against `vangnet demo`:
//! the verhuurder's medewerker opens the demo tenancy whose summons lacks a
//! home visit, asks for the dagvaarding and sees the gate block it with
//! every rule, records the home visit, asks again and sees it recorded,
//! with axe-core checking the list, the tenancy page and the policy pages. Skips without
//! Chromium or axe-core, unless `VANGNET_TEST_REQUIRE_ALL` is set.

mod support;

use serde_json::Value;
use support::axe::{axe_browser_and_demo, axe_violations, serious_violations};
use support::server::{DemoServer, DEMO_PASSWORD};
use support::session::{submit_button, submit_login};
use support::webdriver::{Browser, DEFAULT_TIMEOUT};

/// The demo tenancy whose summons the gate blocks for lack of a home visit.
const BLOCKED_SUMMONS: &str = "HWS-1004";

fn text_of(browser: &Browser, css: &str) -> String {
    browser.text_content(css).unwrap_or_default()
}

/// Clicks the submit button and waits until `css` shows `text`.
fn submit_and_expect(browser: &Browser, button: &str, css: &str, text: &str) -> String {
    let button = submit_button(browser, button);
    browser.click(&button);
    browser.wait_for(text, DEFAULT_TIMEOUT, |b| {
        b.text_content(css).filter(|shown| shown.contains(text))
    })
}

#[test]
fn a_blocked_summons_goes_through_after_the_home_visit() {
    let Some((axe, browser, server)) = axe_browser_and_demo() else {
        return;
    };
    let mut report: Vec<(String, Vec<Value>)> = Vec::new();

    browser.delete_all_cookies();
    submit_login(
        &browser,
        &server,
        "medewerker@woningstichting.example",
        DEMO_PASSWORD,
    );
    browser.wait_for_path("/start");
    browser.click_css("nav a[href=\"/huur/dossiers\"]");
    browser.wait_for_path("/huur/dossiers");
    let list = text_of(&browser, "main");
    assert!(list.contains(BLOCKED_SUMMONS), "{list}");
    assert!(list.contains("Overdracht aan deurwaarder"), "{list}");
    report.push(("the tenancy list".into(), axe_violations(&browser, &axe)));

    let script = "return [...document.querySelectorAll('main table a')]
        .filter(a => a.textContent.trim() === arguments[0])
        .map(a => a.getAttribute('href'))[0] || null;";
    let path = browser
        .execute(script, vec![Value::String(BLOCKED_SUMMONS.into())])
        .as_str()
        .map(str::to_string)
        .expect("the demo tenancy is listed");
    browser.click_css(&format!("main table a[href=\"{path}\"]"));
    browser.wait_for_path(&path);
    assert!(text_of(&browser, "h1").contains(BLOCKED_SUMMONS));
    let next = text_of(&browser, "#next-heading");
    assert!(next.contains("Dagvaarding"), "{next}");
    report.push(("the tenancy page".into(), axe_violations(&browser, &axe)));

    let blocked = submit_and_expect(
        &browser,
        "Dagvaarding aanvragen",
        "#blocked-heading",
        "Tegengehouden door de poort",
    );
    assert!(blocked.contains("Dagvaarding"), "{blocked}");
    let reasons = text_of(&browser, "section[aria-labelledby=\"blocked-heading\"]");
    assert!(reasons.contains("Niet voldaan"), "{reasons}");
    assert!(reasons.contains("huisbezoek"), "{reasons}");
    assert!(
        browser
            .try_find("form[action$=\"/doorbraak\"] textarea[name=\"reden\"]")
            .is_some(),
        "a blocked step offers an override request"
    );
    report.push(("a blocked step".into(), axe_violations(&browser, &axe)));

    browser.click_css("#event-soort option[value=\"contactpoging\"]");
    browser.click_css("#event-contactsoort option[value=\"Huisbezoek\"]");
    submit_and_expect(
        &browser,
        "Vastleggen",
        "[role=\"status\"]",
        "De gebeurtenis is vastgelegd.",
    );
    let timeline = text_of(&browser, "#timeline-caption + thead + tbody");
    assert!(timeline.contains("Huisbezoek"), "{timeline}");

    submit_and_expect(
        &browser,
        "Dagvaarding aanvragen",
        "[role=\"status\"]",
        "De poort liet de stap toe",
    );
    let timeline = text_of(&browser, "#timeline-caption + thead + tbody");
    assert!(timeline.contains("Dagvaarding"), "{timeline}");
    assert!(timeline.contains("Poort toegestaan"), "{timeline}");
    let next = text_of(&browser, "#next-heading");
    assert!(next.contains("Ontruimingsaanzegging"), "{next}");
    report.push((
        "the tenancy after the summons".into(),
        axe_violations(&browser, &axe),
    ));
    policy_pages(&browser, &server, &axe, &mut report);

    let failures = serious_violations(&report);
    assert!(
        failures.is_empty(),
        "serious or critical accessibility violations:\n{}",
        failures.join("\n")
    );
}

/// The platform's policy page, with a form mistake shown, and a
/// verhuurder's own: reached by the menu, checked by axe.
fn policy_pages(
    browser: &Browser,
    server: &DemoServer,
    axe: &str,
    report: &mut Vec<(String, Vec<Value>)>,
) {
    browser.delete_all_cookies();
    submit_login(browser, server, "beheer@vangnet.example", DEMO_PASSWORD);
    browser.wait_for_path("/start");
    browser.click_css("nav a[href=\"/beheer/poortbeleid\"]");
    browser.wait_for_path("/beheer/poortbeleid");
    let versions = text_of(browser, "main");
    assert!(versions.contains("demo-winterstop-rijswijk"), "{versions}");
    report.push(("the platform's policy".into(), axe_violations(browser, axe)));

    let to = browser.find("#m-tot");
    browser.send_keys(&to, "31-02-2020");
    let errors = submit_and_expect(
        browser,
        "Moratorium afkondigen",
        "[role=\"alert\"]",
        "Tot en met",
    );
    assert!(errors.contains("Niet vastgelegd"), "{errors}");
    report.push((
        "a policy form with a mistake".into(),
        axe_violations(browser, axe),
    ));

    browser.delete_all_cookies();
    submit_login(
        browser,
        server,
        "teamleider.huur@woningstichting.example",
        DEMO_PASSWORD,
    );
    browser.wait_for_path("/start");
    browser.click_css("nav a[href=\"/huur/beleid\"]");
    browser.wait_for_path("/huur/beleid");
    report.push(("a verhuurder's policy".into(), axe_violations(browser, axe)));
}
