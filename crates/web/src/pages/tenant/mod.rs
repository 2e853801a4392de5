//! The tenant's own pages (issue 9): the personal link from a letter, the
//! address check before anything personal, and the tenant view with its
//! actions. No staff session is read or needed here: the link's token is
//! the credential, a passed check gives a session for that one link
//! (`session.rs`), and every handler re-reads the link so a revoked,
//! expired or locked one stops working at once.
//!
//! Every refusal shows the same calm page (`gone`), whatever the reason:
//! the page must not tell a guesser which tokens exist.

mod actions;
mod catalogue;
mod check;
mod forms;
mod handover;
mod messages;
pub mod session;
mod view;

use crate::crypto::sha256_hex;
use crate::middleware::{behind_https, cookie, CsrfToken};
use crate::pages::errors::PageError;
use crate::route_table::Routes;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Utc};
use messages::{Lang, Texts};
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::tenant_channel::{LinkRecord, LinkSettings, LinkState};
use vangnet_store::tenant_channel::{ChannelSettings, TenantLink};

pub const PREFIX: &str = "/huurder";
/// The language choice, remembered for the tenant pages only.
const LANG_COOKIE: &str = "vangnet_taal";

pub fn routes() -> Routes {
    Routes::new()
        .route("/huurder/{token}", get(check::page))
        .route("/huurder/{token}/controle", post(check::submit))
        .route("/huurder/{token}/regeling", post(forms::propose))
        .route("/huurder/{token}/hulp", post(forms::help))
        .route("/huurder/{token}/bezwaar", post(forms::object))
        .route("/huurder/{token}/situatie", post(forms::situation))
        .route("/huurder/{token}/ontvangen", get(forms::received))
        .route("/huurder/{token}/klaar", post(check::stop))
}

/// What every tenant page shares: the language, its texts, the CSRF token
/// and the links of the language switch.
pub struct Shell {
    pub lang: &'static str,
    pub t: &'static Texts,
    pub title: String,
    pub csrf_token: String,
    /// `(href, name, code)` of the other languages.
    pub switch: Vec<(String, &'static str, &'static str)>,
}

impl Shell {
    fn new(lang: Lang, title: &str, csrf: &CsrfToken, here: &str) -> Shell {
        Shell {
            lang: lang.code(),
            t: lang.texts(),
            title: title.to_string(),
            csrf_token: csrf.0.clone(),
            switch: Lang::ALL
                .into_iter()
                .filter(|l| *l != lang)
                .map(|l| (format!("{here}?taal={}", l.code()), l.name(), l.code()))
                .collect(),
        }
    }
}

#[derive(serde::Deserialize, Default)]
pub struct LangQuery {
    taal: Option<String>,
}

/// `?taal=` first (and remembered), then the cookie, then Dutch.
fn chosen_lang(query: &LangQuery, headers: &HeaderMap) -> (Lang, bool) {
    if let Some(lang) = query.taal.as_deref().and_then(Lang::from_code) {
        return (lang, true);
    }
    let remembered = cookie(headers, LANG_COOKIE).and_then(|c| Lang::from_code(&c));
    (remembered.unwrap_or_default(), false)
}

fn remember_lang(response: &mut Response, headers: &HeaderMap, state: &AppState, lang: Lang) {
    let secure = if behind_https(headers, state.config.https()) {
        "; Secure"
    } else {
        ""
    };
    let text = format!(
        "{LANG_COOKIE}={}; Path={PREFIX}; HttpOnly; SameSite=Lax; Max-Age=31536000{secure}",
        lang.code()
    );
    if let Ok(value) = HeaderValue::from_str(&text) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

/// The link's state by the domain's rule, with the verhuurder's settings.
fn link_state(link: &TenantLink, settings: &ChannelSettings, now: DateTime<Utc>) -> LinkState {
    record(link).state(now, &link_settings(settings))
}

fn record(link: &TenantLink) -> LinkRecord {
    LinkRecord {
        created_at: link.created_at,
        expires_at: link.expires_at,
        revoked_at: link.revoked_at,
        failed_attempts: u32::try_from(link.failed_attempts.max(0)).unwrap_or(u32::MAX),
        last_failed_at: link.last_failed_at,
        locked: link.locked_at.is_some(),
    }
}

fn link_settings(settings: &ChannelSettings) -> LinkSettings {
    let defaults = LinkSettings::default();
    LinkSettings {
        expiry_days: u32::try_from(settings.link_valid_days).unwrap_or(defaults.expiry_days),
        max_wrong_answers: u32::try_from(settings.max_failed_attempts)
            .unwrap_or(defaults.max_wrong_answers),
        first_wait_seconds: defaults.first_wait_seconds,
    }
}

/// A usable link of `token` with its verhuurder's settings, or `None` for
/// an unknown, expired, revoked or locked one (a refused use of a known
/// link is audited in its verhuurder, with the state only).
async fn usable_link(
    state: &AppState,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<(TenantLink, ChannelSettings)>, PageError> {
    let Some(link) = state.store.link_by_token_hash(&sha256_hex(token)).await? else {
        return Ok(None);
    };
    let settings = state.store.channel_settings(link.verhuurder_org_id).await?;
    let link_state = link_state(&link, &settings, now);
    if link_state == LinkState::Usable {
        return Ok(Some((link, settings)));
    }
    let event = audit(&link, "tenant_link.refused")
        .with_detail(serde_json::json!({ "state": format!("{link_state:?}") }));
    state.store.append_audit(event).await?;
    Ok(None)
}

/// An audit entry of the tenant, in the link's verhuurder: ids only.
fn audit(link: &TenantLink, action: &str) -> AuditEvent {
    AuditEvent::new(action, "tenant_link", Some(link.id.to_string()))
        .by_label("huurder")
        .in_org(Some(link.verhuurder_org_id))
}

#[derive(Template)]
#[template(path = "tenant_view_gone.html")]
struct GonePage {
    shell: Shell,
}

/// The one page for every link that does not work.
fn gone(lang: Lang, csrf: &CsrfToken) -> Response {
    let t = lang.texts();
    let page = GonePage {
        shell: Shell::new(lang, t.gone_title, csrf, ""),
    };
    (StatusCode::NOT_FOUND, crate::pages::render(&page)).into_response()
}

/// The Amsterdam date of a moment, as "22-11-2026".
fn day(date: chrono::NaiveDate) -> String {
    date.format("%d-%m-%Y").to_string()
}

fn today() -> chrono::NaiveDate {
    vangnet_domain::calendar::amsterdam_date(Utc::now())
}

/// The Amsterdam clock time of a moment, as "14:05:30".
fn clock(at: DateTime<Utc>) -> String {
    vangnet_domain::calendar::to_amsterdam(at)
        .format("%H:%M:%S")
        .to_string()
}

/// Shared by the handlers: the path's token, the query's language.
pub struct TenantRequest {
    pub token: String,
    pub lang: Lang,
    pub lang_changed: bool,
}

fn tenant_request(
    Path(token): Path<String>,
    Query(query): Query<LangQuery>,
    headers: &HeaderMap,
) -> TenantRequest {
    let (lang, lang_changed) = chosen_lang(&query, headers);
    TenantRequest {
        token,
        lang,
        lang_changed,
    }
}

/// Adds the language cookie when `?taal=` changed it.
fn with_lang(
    mut response: Response,
    request: &TenantRequest,
    headers: &HeaderMap,
    state: &AppState,
) -> Response {
    if request.lang_changed {
        remember_lang(&mut response, headers, state, request.lang);
    }
    response
}
