//! Helpers shared by the signal tests (API and upload).

use super::http::Client;
use super::server::{DemoServer, DEMO_PASSWORD};
use chrono::{Duration, Utc};

/// A date `days` ago as dd-mm-jjjj (UTC, so never "tomorrow" in Amsterdam).
pub fn days_ago(days: i64) -> String {
    (Utc::now().date_naive() - Duration::days(days))
        .format("%d-%m-%Y")
        .to_string()
}

/// A client logged in as a demo user.
pub fn logged_in(server: &DemoServer, email: &str) -> Client {
    let mut client = Client::new(&server.base_url);
    let reply = client.login(email, DEMO_PASSWORD);
    assert_eq!(reply.status, 303, "login of {email}: {}", reply.body);
    client
}
