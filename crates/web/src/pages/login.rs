//! Logging in and out. Failures are throttled per account and per client
//! address, and every attempt is audited (by user id, never by address).

use crate::auth::{SignedIn, SESSION_COOKIE};
use crate::crypto::{new_secret_token, sha256_hex, verify_password, waste_password_check};
use crate::middleware::{behind_https, set_cookie, CsrfToken};
use crate::pages::errors::PageError;
use crate::pages::layout::Layout;
use crate::pages::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::{Duration, Utc};
use serde::Deserialize;
use std::net::SocketAddr;
use vangnet_domain::audit::AuditEvent;
use vangnet_store::{LoginFailure, NewSession, User};

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    layout: Layout,
    email: String,
    error: Option<&'static str>,
}

const WRONG: &str = "E-mailadres of wachtwoord is onjuist.";
const THROTTLED: &str =
    "Te veel mislukte pogingen. Wacht een kwartier en probeer het dan opnieuw, of vraag uw beheerder om hulp.";

pub async fn form(signed_in: Option<SignedIn>, Extension(csrf): Extension<CsrfToken>) -> Response {
    if signed_in.is_some() {
        return Redirect::to("/start").into_response();
    }
    login_page(&csrf, String::new(), None, StatusCode::OK)
}

fn login_page(
    csrf: &CsrfToken,
    email: String,
    error: Option<&'static str>,
    status: StatusCode,
) -> Response {
    let page = LoginPage {
        layout: Layout::anonymous("Inloggen", &csrf.0),
        email,
        error,
    };
    (status, render(&page)).into_response()
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

pub async fn submit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Extension(csrf): Extension<CsrfToken>,
    headers: HeaderMap,
    previous: Option<SignedIn>,
    Form(form): Form<LoginForm>,
) -> Result<Response, PageError> {
    let email = form.email.trim().to_lowercase();
    let account_key = sha256_hex(&format!("account:{email}"));
    let ip_key = sha256_hex(&format!("address:{}", peer.ip()));
    let now = Utc::now();
    let policy = state.config.throttle;
    let since = now - Duration::minutes(policy.window_minutes);
    // Every attempt counts as a failure until it succeeds, and is counted
    // before the slow password check, so parallel guesses cannot all slip
    // under the limit.
    let attempt = LoginFailure {
        at: now,
        account_key: account_key.clone(),
        ip_key: ip_key.clone(),
    };
    state.store.record_login_failure(&attempt).await?;
    let counts = state
        .store
        .count_login_failures(&account_key, &ip_key, since)
        .await?;
    if policy.blocks(counts.account - 1, counts.ip - 1) {
        let event = AuditEvent::new("login.throttled", "user", None).by_label("anoniem");
        state.store.append_audit(event).await?;
        return Ok(login_page(
            &csrf,
            email,
            Some(THROTTLED),
            StatusCode::TOO_MANY_REQUESTS,
        ));
    }

    let user = state.store.user_by_email(&email).await?;
    let known = user.as_ref().map(|u| (u.id.to_string(), u.org_id));
    let Some(user) = check_credentials(&state, user, &form.password).await? else {
        let event = AuditEvent::new("login.failure", "user", known.clone().map(|k| k.0))
            .by_label("anoniem")
            .in_org(known.map(|k| k.1));
        state.store.append_audit(event).await?;
        return Ok(login_page(
            &csrf,
            email,
            Some(WRONG),
            StatusCode::UNAUTHORIZED,
        ));
    };

    state.store.clear_login_failures(&account_key).await?;
    let token = new_secret_token("");
    let session = NewSession {
        token_hash: sha256_hex(&token),
        user_id: user.id,
        org_id: user.org_id,
        created_at: now,
        expires_at: now + state.config.session_max,
    };
    let event = AuditEvent::new("login.success", "user", Some(user.id.to_string()))
        .by_user(user.id, user.org_id);
    state.store.create_session(&session, event).await?;
    // The session this browser had (a second tab's form, or another
    // account on a shared computer) ends on the server too: its cookie is
    // replaced, and a copy of it must not outlive that.
    if let Some(previous) = previous {
        let event = previous
            .audit("logout", "user")
            .with_object(previous.user.id);
        state
            .store
            .delete_session(&previous.session_hash, event)
            .await?;
    }
    let mut response = Redirect::to("/start").into_response();
    let https = behind_https(&headers, state.config.https());
    let max_age = state.config.session_max.num_seconds();
    set_cookie(&mut response, https, SESSION_COOKIE, &token, max_age);
    Ok(response)
}

/// The user, if the password matches and the account is active. Unknown
/// accounts cost the same time as known ones.
async fn check_credentials(
    state: &AppState,
    user: Option<User>,
    password: &str,
) -> Result<Option<User>, PageError> {
    let Some(user) = user.filter(|u| !u.disabled) else {
        waste_password_check(password);
        return Ok(None);
    };
    let hash = state
        .store
        .password_hash(user.id)
        .await?
        .unwrap_or_default();
    let password = password.to_string();
    let ok = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .unwrap_or(false);
    Ok(ok.then_some(user))
}

pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    signed_in: Option<SignedIn>,
) -> Result<Response, PageError> {
    if let Some(who) = signed_in {
        let event = who.audit("logout", "user").with_object(who.user.id);
        state.store.delete_session(&who.session_hash, event).await?;
    }
    let mut response = Redirect::to("/inloggen").into_response();
    let https = behind_https(&headers, state.config.https());
    set_cookie(&mut response, https, SESSION_COOKIE, "", 0);
    Ok(response)
}
