//! The workflow's pages in a real browser, checked by axe-core.

use super::support::casework::PARTNER;
use super::support::server::DemoServer;
use super::support::signals::logged_in;
use super::{post, practice, queued, BODY, EDITOR};

/// The new pages in headless Chromium with axe-core (WCAG 2.1 A and AA):
/// the contribution form, "Mijn bijdragen", the public form, the review
/// queue, a review page with a diff, the history, the overdue list and the
/// synonym form with an error. Skips without Chromium or axe-core, unless
/// `VANGNET_TEST_REQUIRE_ALL` is set.
#[test]
fn the_new_pages_pass_axe() {
    use super::support::axe::{axe_source, axe_violations, serious_violations};
    use super::support::session::{submit_button, submit_login};
    use super::support::webdriver::Browser;
    let Some(axe) = axe_source() else {
        return;
    };
    let Some(browser) = Browser::start_or_skip() else {
        return;
    };
    let server = DemoServer::start();
    let title = "Keukentafelgesprek binnen vijf werkdagen";
    let mut partner = logged_in(&server, PARTNER);
    post(&mut partner, "/kennisbank/nieuw", &practice(title, BODY));
    let mut editor = logged_in(&server, EDITOR);
    let first = queued(&mut editor, title);
    let fields = [("status", "submitted".to_string())];
    post(
        &mut editor,
        &format!("/redactie/versies/{first}/publiceren"),
        &fields,
    );
    let slug = "keukentafelgesprek-binnen-vijf-werkdagen";
    let edit = practice(title, &BODY.replace("vijf", "drie"));
    post(&mut partner, &format!("/kennisbank/{slug}/wijzigen"), &edit);
    let second = queued(&mut editor, title);

    let mut report = Vec::new();
    let mut check = |path: &str, name: &str| {
        browser.goto(&server.url(path));
        report.push((name.to_string(), axe_violations(&browser, &axe)));
    };
    check("/kennisbank/voorstellen", "the public suggestion form");
    browser.delete_all_cookies();
    submit_login(
        &browser,
        &server,
        PARTNER,
        super::support::server::DEMO_PASSWORD,
    );
    browser.wait_for_path("/start");
    check("/kennisbank/nieuw", "the contribution form");
    check("/kennisbank/mijn", "Mijn bijdragen");
    check(&format!("/kennisbank/{slug}/wijzigen"), "the edit form");
    browser.delete_all_cookies();
    submit_login(
        &browser,
        &server,
        EDITOR,
        super::support::server::DEMO_PASSWORD,
    );
    browser.wait_for_path("/start");
    check("/redactie", "the review queue");
    check(&format!("/redactie/versies/{second}"), "a review page");
    check(
        &format!("/redactie/historie/{first}?van=1&naar=2"),
        "the history",
    );
    check("/redactie/verlopen", "the overdue list");
    check("/redactie/synoniemen", "the synonyms");
    let field = browser.find("#f-synonyms");
    browser.send_keys(&field, "\nalleen");
    let button = submit_button(&browser, "Opslaan");
    browser.click(&button);
    let alert = browser.wait_for_element(".alert-error");
    let summary = browser.text(&alert);
    assert!(summary.contains("regel"), "{summary}");
    report.push((
        "the synonyms with an error".into(),
        axe_violations(&browser, &axe),
    ));
    let failures = serious_violations(&report);
    assert!(
        failures.is_empty(),
        "serious or critical accessibility violations:\n{}",
        failures.join("\n")
    );
}
