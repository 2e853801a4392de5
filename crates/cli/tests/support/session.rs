//! Signing in through the real login form in the test browser.

use super::server::DemoServer;
use super::webdriver::{Browser, ElementId};

/// The submit button whose visible label is `label`.
pub fn submit_button(browser: &Browser, label: &str) -> ElementId {
    browser
        .find_all("button[type=\"submit\"]")
        .into_iter()
        .find(|button| browser.text(button).trim() == label)
        .unwrap_or_else(|| {
            panic!(
                "no submit button labelled {label:?} on {}\npage source:\n{}",
                browser.current_url(),
                browser.page_source()
            )
        })
}

/// Fills in the login form and submits it with a click.
pub fn submit_login(browser: &Browser, server: &DemoServer, email: &str, password: &str) {
    browser.goto(&server.url("/inloggen"));
    let email_field = browser.find("#email");
    browser.send_keys(&email_field, email);
    let password_field = browser.find("#password");
    browser.send_keys(&password_field, password);
    let button = submit_button(browser, "Inloggen");
    browser.click(&button);
}
