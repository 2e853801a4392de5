//! The verhuurder's side of the tenant channel in a real (headless)
//! Chromium against `vangnet demo`, with axe-core on every page: the
//! channel settings (reached by the menu), a tenancy's letters page before
//! and after generating a letter, the work list of responses, and on a node
//! with a mail relay the letters page with its e-mail field and a letter
//! just mailed. Skips
//! without Chromium or axe-core, unless `VANGNET_TEST_REQUIRE_ALL` is set.

mod support;

use serde_json::Value;
use support::axe::{axe_browser_and_demo, axe_violations, serious_violations};
use support::server::DEMO_PASSWORD;
use support::session::{submit_button, submit_login};
use support::signals::logged_in;
use support::smtp::{mail_serve, FakeRelay};
use support::tenant_channel::{set_channel, tenancy_id, BEHEERDER, TENANCY};
use support::webdriver::DEFAULT_TIMEOUT;

#[test]
fn the_verhuurders_channel_pages_pass_axe() {
    let Some((axe, browser, server)) = axe_browser_and_demo() else {
        return;
    };
    let mut report: Vec<(String, Vec<Value>)> = Vec::new();
    let mut http = logged_in(&server, BEHEERDER);
    let id = tenancy_id(&mut http, TENANCY);

    browser.delete_all_cookies();
    submit_login(&browser, &server, BEHEERDER, DEMO_PASSWORD);
    browser.wait_for_path("/start");
    browser.click_css("nav a[href=\"/huur/huurderskanaal\"]");
    browser.wait_for_path("/huur/huurderskanaal");
    report.push((
        "the channel settings".into(),
        axe_violations(&browser, &axe),
    ));
    set_channel(&mut http);

    let letters = format!("/huur/dossiers/{id}/brieven");
    browser.goto(&server.url(&letters));
    browser.wait_for_path(&letters);
    report.push(("the letters page".into(), axe_violations(&browser, &axe)));
    let button = submit_button(&browser, "Brief maken");
    browser.click(&button);
    // The letter with its link, shown this once with a notice on screen.
    let shown = browser.wait_for("the letter just made", DEFAULT_TIMEOUT, |b| {
        b.text_content("body")
            .filter(|t| t.contains("Print of bewaar de brief nu"))
    });
    assert!(shown.contains("/huurder/"), "{shown}");
    report.push(("a letter just made".into(), axe_violations(&browser, &axe)));

    browser.goto(&server.url("/reacties"));
    browser.wait_for_path("/reacties");
    report.push(("the responses".into(), axe_violations(&browser, &axe)));

    // A node with a mail relay offers the e-mail field; the session is the
    // database's, so the browser is still signed in there.
    let relay = FakeRelay::accepting();
    let node = mail_serve(&server.database_url, &relay.address, &[]);
    browser.goto(&format!("{}{letters}", node.base_url));
    browser.wait_for_element("#brief-email");
    report.push((
        "the letters page with e-mail".into(),
        axe_violations(&browser, &axe),
    ));
    browser.send_keys(&browser.find("#brief-email"), "huurder@example.nl");
    browser.click(&submit_button(&browser, "Brief maken"));
    let mailed = browser.wait_for("the letter, mailed", DEFAULT_TIMEOUT, |b| {
        b.text_content("body")
            .filter(|t| t.contains("De brief is ook per e-mail naar de huurder verstuurd."))
    });
    assert!(mailed.contains("/huurder/"), "{mailed}");
    assert_eq!(relay.mails_to("huurder@example.nl").len(), 1);
    report.push(("a letter mailed".into(), axe_violations(&browser, &axe)));

    let failures = serious_violations(&report);
    assert!(
        failures.is_empty(),
        "serious or critical accessibility violations:\n{}",
        failures.join("\n")
    );
}
