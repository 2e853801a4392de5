//! End-to-end tests in a real (headless) Chromium against the real
//! `vangnet demo` binary: logging in and out, keyboard-only use, and an
//! automated accessibility check with axe-core.
//!
//! Each test owns its browser and its demo server, so they can run in
//! parallel. Without Chromium (or axe-core) they skip, unless
//! `VANGNET_TEST_REQUIRE_ALL` is set, as `./scripts/test` does.

mod support;

use serde_json::Value;
use support::axe::{axe_source, axe_violations, serious_violations};
use support::server::{DemoServer, DEMO_PASSWORD};
use support::session::{submit_button, submit_login};
use support::webdriver::{keys, Browser};

/// One demo user for every kind of account (see `vangnet demo`).
const DEMO_USERS: [(&str, &str); 4] = [
    ("medewerker@denhaag.example", "gemeente medewerker"),
    ("beheerder@denhaag.example", "gemeente beheerder"),
    ("beheer@vangnet.example", "platformbeheerder"),
    ("medewerker@woningstichting.example", "verhuurder"),
];

const WRONG_LOGIN_MESSAGE: &str = "E-mailadres of wachtwoord is onjuist";

/// A browser and a fresh demo server, or `None` when the test must skip.
fn start() -> Option<(Browser, DemoServer)> {
    let browser = Browser::start_or_skip()?;
    Some((browser, DemoServer::start()))
}

/// Logs in and waits for the start page.
fn log_in(browser: &Browser, server: &DemoServer, email: &str) {
    submit_login(browser, server, email, DEMO_PASSWORD);
    browser.wait_for_path("/start");
    assert_start_page(browser, email);
}

fn assert_start_page(browser: &Browser, who: &str) {
    let heading = browser.text_content("h1").unwrap_or_default();
    assert!(
        heading.contains("Welkom"),
        "start page of {who}: expected an <h1> with \"Welkom\", got {heading:?}"
    );
    assert!(
        browser.try_find("main#main").is_some(),
        "start page of {who}: no <main id=\"main\"> (the skip link's target)"
    );
}

#[test]
fn each_demo_user_logs_in_and_lands_on_the_start_page() {
    let Some((browser, server)) = start() else {
        return;
    };
    for (email, role) in DEMO_USERS {
        browser.delete_all_cookies();
        submit_login(&browser, &server, email, DEMO_PASSWORD);
        browser.wait_for_path("/start");
        assert_start_page(&browser, &format!("{email} ({role})"));
        assert!(
            browser.try_find("nav").is_some(),
            "start page of {email} ({role}) has no <nav>"
        );
    }
}

#[test]
fn wrong_password_shows_the_dutch_error() {
    let Some((browser, server)) = start() else {
        return;
    };
    submit_login(
        &browser,
        &server,
        "medewerker@denhaag.example",
        "not-the-password",
    );
    let alert = browser.wait_for(
        "an alert saying the login was wrong",
        support::webdriver::DEFAULT_TIMEOUT,
        |b| b.text_content("[role=\"alert\"]"),
    );
    assert!(
        alert.contains(WRONG_LOGIN_MESSAGE),
        "expected {WRONG_LOGIN_MESSAGE:?} in the alert, got {alert:?}"
    );
    assert_eq!(
        browser.current_path(),
        "/inloggen",
        "stays on the login page"
    );
    assert!(
        browser.try_find("#email").is_some(),
        "login form shown again"
    );
}

#[test]
fn logout_ends_the_session() {
    let Some((browser, server)) = start() else {
        return;
    };
    log_in(&browser, &server, "medewerker@denhaag.example");

    let button = browser.find("form[action=\"/uitloggen\"] button[type=\"submit\"]");
    assert_eq!(browser.text(&button).trim(), "Uitloggen");
    browser.click(&button);
    browser.wait_for_path("/inloggen");

    // The session is really gone: the start page sends us back to log in.
    browser.goto(&server.url("/start"));
    browser.wait_for_path("/inloggen");
    assert!(browser.try_find("#email").is_some(), "login form shown");
}

#[test]
fn login_works_with_the_keyboard_only() {
    let Some((browser, server)) = start() else {
        return;
    };
    browser.goto(&server.url("/inloggen"));
    // A fresh page load: nothing focused yet, so Tab starts at the top.
    browser.execute("window.focus();", vec![]);

    // The skip link comes first, so keyboard users can jump past the header.
    browser.press_keys(keys::TAB);
    let first = browser.execute(
        "const el = document.activeElement; \
         return el ? el.outerHTML.slice(0, 200) : '';",
        vec![],
    );
    let first_is_skip_link = browser.execute(
        "return !!document.activeElement && \
         document.activeElement.classList.contains('skip-link');",
        vec![],
    );
    assert_eq!(
        first_is_skip_link,
        Value::Bool(true),
        "the first Tab should focus the skip link, focused: {first}"
    );

    let mut tabs = 1;
    while browser.active_element_id() != "email" {
        assert!(tabs < 30, "the email field is not reachable with Tab");
        browser.press_keys(keys::TAB);
        tabs += 1;
    }
    browser.press_keys("medewerker@denhaag.example");
    browser.press_keys(keys::TAB);
    assert_eq!(
        browser.active_element_id(),
        "password",
        "Tab from the email field goes to the password field"
    );
    browser.press_keys(DEMO_PASSWORD);
    browser.press_keys(keys::ENTER);

    browser.wait_for_path("/start");
    assert_start_page(&browser, "keyboard user");
}

#[test]
fn pages_have_no_serious_accessibility_violations() {
    let Some(axe) = axe_source() else {
        return;
    };
    let Some((browser, server)) = start() else {
        return;
    };

    // (page, violations) for every page checked.
    let mut report: Vec<(String, Vec<Value>)> = Vec::new();

    browser.goto(&server.url("/inloggen"));
    browser.find("#email");
    report.push(("login page".into(), axe_violations(&browser, &axe)));

    submit_login(
        &browser,
        &server,
        "medewerker@denhaag.example",
        "not-the-password",
    );
    browser.wait_for(
        "the login error",
        support::webdriver::DEFAULT_TIMEOUT,
        |b| b.text_content("[role=\"alert\"]"),
    );
    report.push((
        "login page with error".into(),
        axe_violations(&browser, &axe),
    ));

    // The public kennisbank, read without logging in.
    for path in [
        "/kennisbank",
        "/kennisbank/zoeken?q=huur",
        "/kennisbank/zoeken?q=zzqqxx",
        "/kennisbank/handreiking",
    ] {
        browser.goto(&server.url(path));
        browser.find("h1");
        report.push((
            format!("{path} (anonymous)"),
            axe_violations(&browser, &axe),
        ));
    }

    for (email, role) in DEMO_USERS {
        browser.delete_all_cookies();
        log_in(&browser, &server, email);
        report.push((
            format!("start page of {email} ({role})"),
            axe_violations(&browser, &axe),
        ));
    }

    let failures = serious_violations(&report);
    eprintln!(
        "axe: checked {} pages, {} violations in total",
        report.len(),
        report.iter().map(|(_, v)| v.len()).sum::<usize>()
    );
    assert!(
        failures.is_empty(),
        "serious or critical accessibility violations:\n{}",
        failures.join("\n")
    );
}

/// WCAG 1.4.10 (reflow): at a phone's width, which is also what a 1280 px
/// window shows at 400% zoom, nothing may need horizontal scrolling.
#[test]
fn pages_reflow_on_a_phone_sized_screen() {
    let Some((browser, server)) = start() else {
        return;
    };
    browser.set_window_size(360, 740);
    let overflow = "return document.documentElement.scrollWidth - window.innerWidth;";
    browser.goto(&server.url("/inloggen"));
    assert!(
        browser.execute(overflow, vec![]).as_i64().unwrap_or(1) <= 0,
        "the login page scrolls sideways at 360 px"
    );
    log_in(&browser, &server, "beheerder@denhaag.example");
    for path in ["/start", "/beheer/gebruikers", "/beheer/audit"] {
        browser.goto(&server.url(path));
        let extra = browser.execute(overflow, vec![]).as_i64().unwrap_or(1);
        let culprits = browser.execute(WIDE_ELEMENTS, vec![]);
        assert!(
            extra <= 0,
            "{path} scrolls sideways by {extra} px at 360 px: {culprits}"
        );
    }
}

/// The outermost elements that stick out on the right, to name in a failure.
const WIDE_ELEMENTS: &str = "return [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
    .slice(0, 5).map(e => e.tagName + '.' + e.className);";

#[test]
fn signal_upload_flow_with_rejected_rows_download() {
    let Some(axe) = axe_source() else {
        return;
    };
    let Some((browser, server)) = start() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temporary directory");
    let csv_path = dir.path().join("huurachterstanden-browser.csv");
    std::fs::write(&csv_path, support::signals::upload_csv("BRW")).expect("write the CSV");
    let csv_path = csv_path.canonicalize().expect("absolute CSV path");

    let mut report: Vec<(String, Vec<Value>)> = Vec::new();
    log_in(&browser, &server, "medewerker@woningstichting.example");
    browser.goto(&server.url("/signalen"));
    browser.find("form[action^=\"/signalen/upload?csrf_token=\"][enctype=\"multipart/form-data\"]");
    report.push(("/signalen".into(), axe_violations(&browser, &axe)));

    let file_input = browser.find("input#bestand[type=\"file\"][name=\"bestand\"]");
    browser.send_keys(&file_input, &csv_path.display().to_string());
    let button = submit_button(&browser, "Uploaden en controleren");
    browser.click(&button);
    let path = browser.wait_for(
        "the import result page",
        support::webdriver::DEFAULT_TIMEOUT,
        |b| {
            let path = b.current_path();
            path.starts_with("/signalen/imports/").then_some(path)
        },
    );
    assert!(
        path["/signalen/imports/".len()..]
            .bytes()
            .all(|b| b.is_ascii_digit()),
        "unexpected result path {path}"
    );

    let counts = browser
        .text_content("ul.summary-counts")
        .expect("the summary counts");
    let counts = counts.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(counts.contains("1 geaccepteerd"), "{counts}");
    assert!(counts.contains("1 afgewezen"), "{counts}");

    let rejected_rows = browser.execute(
        "return [...document.querySelectorAll('table')]
            .filter(t => t.caption && t.caption.textContent.includes('Afgewezen'))
            .flatMap(t => [...t.tBodies[0].rows])
            .map(r => [...r.cells].map(c => c.textContent.trim()));",
        vec![],
    );
    let rows = rejected_rows.as_array().expect("rows").clone();
    assert_eq!(rows.len(), 1, "one rejected row: {rejected_rows}");
    assert_eq!(rows[0][0], "3", "the rejected line number: {rejected_rows}");
    assert!(
        rows[0][1].as_str().unwrap_or("").contains("bedrag"),
        "the reason names the column: {rejected_rows}"
    );
    report.push(("import result".into(), axe_violations(&browser, &axe)));

    let link = browser.find("a[href$=\"/afgewezen.csv\"]");
    let href = browser.attr(&link, "href").expect("a download link");
    assert_eq!(href, format!("{path}/afgewezen.csv"));
    let download = browser.execute_async(
        "const done = arguments[arguments.length - 1];
         fetch(arguments[0]).then(r => r.text()).then(done).catch(e => done('ERROR ' + e));",
        vec![Value::String(href.clone())],
    );
    let download = download.as_str().expect("the CSV as text");
    assert!(download.contains("BRW-FOUT-1"), "{download}");
    assert!(download.contains("bedrag: is verplicht"), "{download}");
    assert!(!download.contains("BRW-GOED-1"), "{download}");
    assert!(download.contains("'=HYPERLINK"), "{download}");

    browser.delete_all_cookies();
    log_in(&browser, &server, "medewerker@denhaag.example");
    browser.goto(&server.url("/gemeente/zaken"));
    let case_link = browser.find("a[href^=\"/gemeente/zaken/\"]");
    report.push(("/gemeente/zaken".into(), axe_violations(&browser, &axe)));
    browser.click(&case_link);
    browser.wait_for("a case page", support::webdriver::DEFAULT_TIMEOUT, |b| {
        let path = b.current_path();
        (path.starts_with("/gemeente/zaken/")).then_some(())
    });
    report.push(("a case page".into(), axe_violations(&browser, &axe)));

    let failures = serious_violations(&report);
    assert!(
        failures.is_empty(),
        "serious or critical accessibility violations:\n{}",
        failures.join("\n")
    );
}
