//! The verhuurder's side of the tenant channel (issue 9, point 4): a
//! tenancy's letters and personal link (`letters.rs`, `links.rs`), the
//! work list of the tenants' responses (`responses.rs`, answered in
//! `answers.rs`) and the channel's
//! settings (`settings.rs`). The tenant's own pages (`/huurder/…`) are
//! elsewhere. Every handler asks `can` first; letters go through
//! `crate::tenant_channel::send`, answers through the store with the events
//! the domain's `ProposalDecision::records` names.

mod answers;
mod letters;
mod links;
mod response_words;
mod responses;
mod settings;

use crate::auth::SignedIn;
use crate::route_table::Routes;
use crate::state::AppState;
use crate::tenant_channel::send::Sending;
use axum::http::{header, HeaderMap};
use axum::routing::{get, post};
use vangnet_domain::audit::AuditEvent;

pub const RESPONSES_PATH: &str = "/reacties";
pub const SETTINGS_PATH: &str = "/huur/huurderskanaal";

pub fn routes() -> Routes {
    Routes::new()
        .route(
            "/huur/dossiers/{id}/brieven",
            get(letters::page).post(letters::generate),
        )
        .route("/huur/dossiers/{id}/link", post(links::create))
        .route("/huur/dossiers/{id}/link/intrekken", post(links::revoke))
        .route("/huur/brieven/{id}", get(letters::html))
        .route("/huur/brieven/{id}/pdf", get(letters::pdf))
        .route(RESPONSES_PATH, get(responses::list))
        .route("/reacties/{id}/accepteren", post(responses::accept))
        .route("/reacties/{id}/tegenvoorstel", post(responses::counter))
        .route("/reacties/{id}/afgehandeld", post(responses::handled))
        .route(SETTINGS_PATH, get(settings::form).post(settings::save))
}

/// Where the tenant's link points: the configured public address, or
/// (a development server without one) the address this request came in on.
pub(crate) fn base_url(state: &AppState, headers: &HeaderMap) -> (String, bool) {
    if let Some(url) = state.config.public_url.as_deref() {
        return (url.trim_end_matches('/').to_string(), true);
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".:-[]".contains(c))
        })
        .unwrap_or("localhost");
    (format!("http://{host}"), false)
}

pub(crate) fn audit_for(who: &SignedIn) -> impl Fn(&str) -> AuditEvent + Send + Sync + '_ {
    move |action: &str| who.audit(action, "tenancy")
}

pub(crate) fn sending<'a>(
    who: &'a SignedIn,
    audit: &'a (dyn Fn(&str) -> AuditEvent + Send + Sync),
    base_url: &'a str,
) -> Sending<'a> {
    let now = chrono::Utc::now();
    Sending {
        org: &who.org,
        user_id: who.actor.user_id(),
        audit,
        base_url,
        today: vangnet_domain::calendar::amsterdam_date(now),
        now,
    }
}

/// "22-11-2026 14:05", Amsterdam time.
pub(crate) fn moment(at: chrono::DateTime<chrono::Utc>) -> String {
    vangnet_domain::calendar::to_amsterdam(at)
        .format("%d-%m-%Y %H:%M")
        .to_string()
}
