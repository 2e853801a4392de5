//! The tenant's session: proof that this browser passed the address check
//! of one personal link. It opens that link's tenant view and nothing
//! else: it is not a staff session, carries no organisation or role, and
//! is checked against the token in the path on every request.
//!
//! Sessions are kept by the store (`TenantSessionStore`, only the cookie's
//! SHA-256), so every node sharing the database knows them and a restart
//! does not ask the tenant again; they last `LIFETIME_MINUTES`: short,
//! because a tenant answers in minutes, and a link must not become a login.

use crate::crypto::{new_secret_token, sha256_hex};
use axum::http::{header, HeaderValue};
use axum::response::Response;
use chrono::{DateTime, Duration, Utc};
use vangnet_store::tenant_channel::{NonceClaim, TenantSessionStore};
use vangnet_store::Result;

pub const COOKIE: &str = "vangnet_huurder";
/// The tenant cookie is only sent to the tenant pages.
pub const COOKIE_PATH: &str = "/huurder";
pub const LIFETIME_MINUTES: i64 = 20;

/// Starts a session for a confirmed link; returns the cookie's value.
pub async fn start(
    store: &(impl TenantSessionStore + ?Sized),
    link_id: i64,
    now: DateTime<Utc>,
) -> Result<String> {
    let cookie = new_secret_token("");
    let expires_at = now + Duration::minutes(LIFETIME_MINUTES);
    store
        .start_tenant_session(&sha256_hex(&cookie), link_id, expires_at)
        .await?;
    Ok(cookie)
}

/// The link of the live session of `cookie`, only if it was made for the
/// link whose token has `token_hash`.
pub async fn link_of(
    store: &(impl TenantSessionStore + ?Sized),
    cookie: &str,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>> {
    store
        .tenant_session_link(&sha256_hex(cookie), token_hash, now)
        .await
}

/// Marks a form's nonce used, so two submits of the same form cannot both
/// record, whichever nodes they reach.
pub async fn claim(
    store: &(impl TenantSessionStore + ?Sized),
    cookie: &str,
    nonce: &str,
    done: &str,
) -> Result<NonceClaim> {
    store
        .claim_tenant_nonce(&sha256_hex(cookie), nonce, done, Utc::now())
        .await
}

/// Records what a claimed nonce led to after all.
pub async fn settle(
    store: &(impl TenantSessionStore + ?Sized),
    cookie: &str,
    nonce: &str,
    done: &str,
) -> Result<()> {
    store
        .settle_tenant_nonce(&sha256_hex(cookie), nonce, done)
        .await
}

/// Gives a nonce back when recording failed, so the tenant can retry.
pub async fn release(
    store: &(impl TenantSessionStore + ?Sized),
    cookie: &str,
    nonce: &str,
) -> Result<()> {
    store.release_tenant_nonce(&sha256_hex(cookie), nonce).await
}

pub async fn end(store: &(impl TenantSessionStore + ?Sized), cookie: &str) -> Result<()> {
    store.end_tenant_session(&sha256_hex(cookie)).await
}

/// The tenant cookie: HttpOnly, SameSite=Strict, only for the tenant
/// pages, Secure behind https, and as short-lived as the session.
pub fn set_cookie(response: &mut Response, https: bool, value: &str, max_age_secs: i64) {
    let secure = if https { "; Secure" } else { "" };
    let text = format!(
        "{COOKIE}={value}; Path={COOKIE_PATH}; HttpOnly; SameSite=Strict; \
         Max-Age={max_age_secs}{secure}"
    );
    if let Ok(value) = HeaderValue::from_str(&text) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}
