//! The verhuurder's side of the tenant channel in a real (headless)
//! Chromium against `vangnet demo`, with axe-core on every page: the
//! channel settings (reached by the menu), a tenancy's letters page before
//! and after generating a letter, and the work list of responses. Skips
//! without Chromium or axe-core, unless `VANGNET_TEST_REQUIRE_ALL` is set.

mod support;

use serde_json::Value;
use support::axe::{axe_source, axe_violations, serious_violations};
use support::server::{DemoServer, DEMO_PASSWORD};
use support::session::{submit_button, submit_login};
use support::signals::logged_in;
use support::tenant_channel::{set_channel, tenancy_id, BEHEERDER, TENANCY};
use support::webdriver::{Browser, DEFAULT_TIMEOUT};

#[test]
fn the_verhuurders_channel_pages_pass_axe() {
    let Some(axe) = axe_source() else {
        return;
    };
    let Some(browser) = Browser::start_or_skip() else {
        return;
    };
    let server = DemoServer::start();
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

    let failures = serious_violations(&report);
    assert!(
        failures.is_empty(),
        "serious or critical accessibility violations:\n{}",
        failures.join("\n")
    );
}
