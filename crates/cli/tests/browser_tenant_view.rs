//! The tenant's own pages in a real (headless) Chromium on a phone-sized
//! viewport (390×844): open the personal link, confirm the address, pick a
//! payment arrangement and see it received, with axe-core checking every
//! tenant page (the check, the view, the confirmation, the calm refusal,
//! and the English view). Skips without Chromium or axe-core, unless
//! `VANGNET_TEST_REQUIRE_ALL` is set.

mod support;

use serde_json::Value;
use support::axe::{axe_source, axe_violations, serious_violations};
use support::server::DemoServer;
use support::session::submit_button;
use support::tenant::{link, World, HOUSE_NUMBER, POSTCODE};
use support::webdriver::{Browser, DEFAULT_TIMEOUT};

#[test]
fn a_tenant_on_a_phone_confirms_the_address_and_proposes_an_arrangement() {
    let Some(axe) = axe_source() else {
        return;
    };
    let Some(browser) = Browser::start_or_skip() else {
        return;
    };
    let server = DemoServer::start();
    let mut world = World::new(&server);
    let id = world.tenancy("TV-PHONE", &[]);
    let token = "phone-token-0123456789abcdefghijklmnopqrstuvwxyz";
    link(&server, world.verhuurder_id, id, token, 0, 60);
    let mut report: Vec<(String, Vec<Value>)> = Vec::new();

    browser.delete_all_cookies();
    browser.set_window_size(390, 844);
    browser.goto(&server.url(&format!("/huurder/{token}")));
    browser.wait_for_element("#f-postcode");
    report.push(("the address check".into(), axe_violations(&browser, &axe)));
    let postcode = browser.find("#f-postcode");
    browser.send_keys(&postcode, POSTCODE);
    let number = browser.find("#f-huisnummer");
    browser.send_keys(&number, HOUSE_NUMBER);
    browser.click(&submit_button(&browser, "Controleren"));
    browser.wait_for_element("#h-regeling");
    let owed = browser
        .text_content("section[aria-labelledby=\"h-owed\"]")
        .unwrap_or_default();
    assert!(owed.contains("€ 2.250,00"), "{owed}");
    report.push(("the tenant view".into(), axe_violations(&browser, &axe)));

    let script = "return [document.documentElement.scrollWidth, window.innerWidth];";
    let widths = browser.execute(script, vec![]);
    assert!(
        widths[0].as_i64() <= widths[1].as_i64(),
        "no sideways scrolling: {widths}"
    );

    let first = browser.find("input[name=\"regeling\"]");
    let choice_id = browser.attr(&first, "id").expect("an option id");
    browser.click_css(&format!("label[for=\"{choice_id}\"]"));
    browser.click(&submit_button(&browser, "Voorstel versturen"));
    let received = browser.wait_for("the confirmation", DEFAULT_TIMEOUT, |b| {
        b.text_content("main")
            .filter(|t| t.contains("Uw voorstel is naar de verhuurder gestuurd"))
    });
    assert!(received.contains("Bedankt"), "{received}");
    report.push(("the confirmation".into(), axe_violations(&browser, &axe)));

    browser.goto(&server.url(&format!("/huurder/{token}?taal=en")));
    browser.wait_for_element("#h-regeling");
    let lang = browser.execute("return document.documentElement.lang;", vec![]);
    assert_eq!(lang, "en");
    report.push((
        "the tenant view in English".into(),
        axe_violations(&browser, &axe),
    ));

    browser.goto(&server.url("/huurder/no-such-token-0123456789abcdefghijklmnop"));
    browser.wait_for_element("h1");
    report.push(("the calm refusal".into(), axe_violations(&browser, &axe)));

    let failures = serious_violations(&report);
    assert!(failures.is_empty(), "{failures:#?}");
}
