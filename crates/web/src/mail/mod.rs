//! Outgoing e-mail: a plain SMTP client for a local relay (`smtp`) and the
//! gemeente's mail about a new art. 14 notice (`notice_mail`). Nothing here
//! runs unless `WebConfig::mail` is set.

pub mod notice_mail;
pub mod smtp;

pub use notice_mail::spawn_worker;

use tokio::sync::Notify;

/// Wakes the notice-mail worker. Process-wide rather than in `AppState`,
/// because the tenancy service that records a melding is called with the
/// store only (by the API, the pages and the demo). Without a worker a
/// wake-up just waits unused, which costs nothing.
static WAKE: Notify = Notify::const_new();

/// A melding was recorded: mail about it now instead of at the next round.
pub fn wake() {
    WAKE.notify_one();
}
