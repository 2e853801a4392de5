//! The tenant's session: proof that this browser passed the address check
//! of one personal link. It opens that link's tenant view and nothing
//! else: it is not a staff session, carries no organisation or role, and
//! is checked against the token in the path on every request.
//!
//! Sessions live in this node's memory (only the cookie's SHA-256 is
//! kept) and last `LIFETIME`: short, because a tenant answers in minutes,
//! and a restart or another node simply asks for the address again. The
//! store has no tenant-session table, and a link must not become a login.

use crate::crypto::{new_secret_token, sha256_hex};
use axum::http::{header, HeaderValue};
use axum::response::Response;
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::sync::Mutex;

pub const COOKIE: &str = "vangnet_huurder";
/// The tenant cookie is only sent to the tenant pages.
pub const COOKIE_PATH: &str = "/huurder";
pub const LIFETIME_MINUTES: i64 = 20;
/// A bound on memory: beyond it the oldest sessions go first.
const MAX_SESSIONS: usize = 50_000;
/// Form nonces remembered per session (double submits are seconds apart).
const MAX_NONCES: usize = 100;

#[derive(Debug, Clone)]
pub struct TenantSession {
    pub link_id: i64,
    /// The SHA-256 of the link's token: the path must carry that token.
    pub token_hash: String,
    pub expires_at: DateTime<Utc>,
    /// Form nonces already used, with the confirmation they led to.
    used: Vec<(String, &'static str)>,
}

/// What claiming a form's nonce says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// First use: go ahead and record.
    Fresh,
    /// Sent before: show that confirmation again, record nothing.
    Repeated(&'static str),
    /// No session (expired meanwhile).
    NoSession,
}

#[derive(Default)]
pub struct TenantSessions {
    inner: Mutex<HashMap<String, TenantSession>>,
}

impl TenantSessions {
    /// Starts a session for a confirmed link; returns the cookie's value.
    pub fn start(&self, link_id: i64, token_hash: &str, now: DateTime<Utc>) -> String {
        let cookie = new_secret_token("");
        let session = TenantSession {
            link_id,
            token_hash: token_hash.to_string(),
            expires_at: now + Duration::minutes(LIFETIME_MINUTES),
            used: Vec::new(),
        };
        let mut map = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, s| s.expires_at > now);
        if map.len() >= MAX_SESSIONS {
            if let Some(oldest) = map
                .iter()
                .min_by_key(|(_, s)| s.expires_at)
                .map(|(k, _)| k.clone())
            {
                map.remove(&oldest);
            }
        }
        map.insert(sha256_hex(&cookie), session);
        cookie
    }

    /// The live session of `cookie`, only if it was made for the link of
    /// `token_hash`.
    pub fn find(
        &self,
        cookie: &str,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Option<TenantSession> {
        let map = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        map.get(&sha256_hex(cookie))
            .filter(|s| {
                s.expires_at > now && crate::crypto::constant_time_eq(&s.token_hash, token_hash)
            })
            .cloned()
    }

    /// Marks a form's nonce used, under the lock, so two submits of the same
    /// form cannot both record.
    pub fn claim(&self, cookie: &str, nonce: &str, done: &'static str) -> Claim {
        let mut map = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let Some(session) = map.get_mut(&sha256_hex(cookie)) else {
            return Claim::NoSession;
        };
        if let Some((_, earlier)) = session.used.iter().find(|(n, _)| n == nonce) {
            return Claim::Repeated(earlier);
        }
        if session.used.len() >= MAX_NONCES {
            session.used.remove(0);
        }
        session.used.push((nonce.to_string(), done));
        Claim::Fresh
    }

    /// Gives a nonce back when recording failed, so the tenant can retry.
    pub fn release(&self, cookie: &str, nonce: &str) {
        let mut map = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(session) = map.get_mut(&sha256_hex(cookie)) {
            session.used.retain(|(n, _)| n != nonce);
        }
    }

    pub fn end(&self, cookie: &str) {
        let mut map = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(&sha256_hex(cookie));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_opens_only_its_own_link_and_expires() {
        let sessions = TenantSessions::default();
        let now = Utc::now();
        let cookie = sessions.start(7, "hash-a", now);
        assert_eq!(
            sessions.find(&cookie, "hash-a", now).map(|s| s.link_id),
            Some(7)
        );
        assert!(sessions.find(&cookie, "hash-b", now).is_none());
        assert!(sessions.find("other", "hash-a", now).is_none());
        let later = now + Duration::minutes(LIFETIME_MINUTES + 1);
        assert!(sessions.find(&cookie, "hash-a", later).is_none());
    }

    #[test]
    fn a_nonce_is_claimed_once() {
        let sessions = TenantSessions::default();
        let cookie = sessions.start(1, "h", Utc::now());
        assert_eq!(sessions.claim(&cookie, "n1", "regeling"), Claim::Fresh);
        assert_eq!(
            sessions.claim(&cookie, "n1", "x"),
            Claim::Repeated("regeling")
        );
        sessions.release(&cookie, "n1");
        assert_eq!(sessions.claim(&cookie, "n1", "x"), Claim::Fresh);
        assert_eq!(sessions.claim("none", "n1", "x"), Claim::NoSession);
    }
}
