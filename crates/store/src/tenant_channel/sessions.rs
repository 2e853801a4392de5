//! The tenant's sessions (issue 9), shared by every app node: a session
//! names one personal link and ends at `expires_at`; a form's nonce is
//! claimed once per session. The web layer owns the cookie and its
//! lifetime; this keeps only the cookie's SHA-256.
//!
//! Not audited here: the address check that starts a session is audited by
//! `record_link_use`, and each tenant action by its response.

use crate::Result;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// Forms one session may send: far more than a tenant needs in its 20
/// minutes, and a bound on what a script can make it store.
pub const MAX_NONCES: i64 = 100;

/// What claiming a form's nonce found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NonceClaim {
    /// First use: go ahead and record.
    Fresh,
    /// Sent before in this session: what it led to then.
    Repeated(String),
    /// The session has expired, ended, or sent `MAX_NONCES` forms.
    NoSession,
}

#[async_trait]
pub trait TenantSessionStore: Send + Sync {
    /// Starts a session for a confirmed link. Expired ones are removed by
    /// `purge_expired`, every ten minutes with the staff's.
    async fn start_tenant_session(
        &self,
        cookie_hash: &str,
        link_id: i64,
        expires_at: DateTime<Utc>,
    ) -> Result<()>;
    /// The session's link, if the session lives and was made for the link
    /// whose token has `token_hash`.
    async fn tenant_session_link(
        &self,
        cookie_hash: &str,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>>;
    /// Claims a form's nonce: exactly one of two identical submits is
    /// `Fresh`, on whichever node.
    async fn claim_tenant_nonce(
        &self,
        cookie_hash: &str,
        nonce: &str,
        done: &str,
        now: DateTime<Utc>,
    ) -> Result<NonceClaim>;
    /// What a claimed nonce led to after all (asking for help may end in
    /// "the verhuurder will pass it on" instead), so a repeat shows that.
    async fn settle_tenant_nonce(&self, cookie_hash: &str, nonce: &str, done: &str) -> Result<()>;
    /// Gives a nonce back when recording failed, so the tenant can retry.
    async fn release_tenant_nonce(&self, cookie_hash: &str, nonce: &str) -> Result<()>;
    async fn end_tenant_session(&self, cookie_hash: &str) -> Result<()>;
}

macro_rules! tenant_session_impl {
    ($store:ty) => {
        const _: () = {
            use $crate::tenant_channel::sessions::{NonceClaim, TenantSessionStore};
            use $crate::ts::Ts;
            use $crate::Result;
            use chrono::{DateTime, Utc};

            #[async_trait::async_trait]
            impl TenantSessionStore for $store {
                async fn start_tenant_session(
                    &self,
                    cookie_hash: &str,
                    link_id: i64,
                    expires_at: DateTime<Utc>,
                ) -> Result<()> {
                    let mut tx = self.write().await?;
                    sqlx::query(
                        "INSERT INTO tenant_sessions (cookie_hash, link_id, expires_at) \
                         VALUES ($1, $2, $3)",
                    )
                    .bind(cookie_hash)
                    .bind(link_id)
                    .bind(Ts(expires_at))
                    .execute(&mut *tx)
                    .await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn tenant_session_link(
                    &self,
                    cookie_hash: &str,
                    token_hash: &str,
                    now: DateTime<Utc>,
                ) -> Result<Option<i64>> {
                    Ok(sqlx::query_scalar(
                        "SELECT s.link_id FROM tenant_sessions s \
                         JOIN tenant_links l ON l.id = s.link_id \
                         WHERE s.cookie_hash = $1 AND l.token_hash = $2 AND s.expires_at > $3",
                    )
                    .bind(cookie_hash)
                    .bind(token_hash)
                    .bind(Ts(now))
                    .fetch_optional(&self.pool)
                    .await?)
                }

                async fn claim_tenant_nonce(
                    &self,
                    cookie_hash: &str,
                    nonce: &str,
                    done: &str,
                    now: DateTime<Utc>,
                ) -> Result<NonceClaim> {
                    let mut tx = self.write().await?;
                    let inserted = sqlx::query(
                        "INSERT INTO tenant_session_nonces (cookie_hash, nonce, done) \
                         SELECT cookie_hash, $2, $3 FROM tenant_sessions \
                         WHERE cookie_hash = $1 AND expires_at > $4 AND (SELECT COUNT(*) \
                         FROM tenant_session_nonces WHERE cookie_hash = $1) < $5 \
                         ON CONFLICT DO NOTHING",
                    )
                    .bind(cookie_hash)
                    .bind(nonce)
                    .bind(done)
                    .bind(Ts(now))
                    .bind($crate::tenant_channel::sessions::MAX_NONCES)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    let claim = if inserted == 1 {
                        NonceClaim::Fresh
                    } else {
                        let earlier: Option<String> = sqlx::query_scalar(
                            "SELECT n.done FROM tenant_session_nonces n \
                             JOIN tenant_sessions s ON s.cookie_hash = n.cookie_hash \
                             WHERE n.cookie_hash = $1 AND n.nonce = $2 AND s.expires_at > $3",
                        )
                        .bind(cookie_hash)
                        .bind(nonce)
                        .bind(Ts(now))
                        .fetch_optional(&mut *tx)
                        .await?;
                        earlier.map_or(NonceClaim::NoSession, NonceClaim::Repeated)
                    };
                    tx.commit().await?;
                    Ok(claim)
                }

                async fn settle_tenant_nonce(
                    &self,
                    cookie_hash: &str,
                    nonce: &str,
                    done: &str,
                ) -> Result<()> {
                    let mut tx = self.write().await?;
                    sqlx::query(
                        "UPDATE tenant_session_nonces SET done = $3 \
                         WHERE cookie_hash = $1 AND nonce = $2",
                    )
                    .bind(cookie_hash)
                    .bind(nonce)
                    .bind(done)
                    .execute(&mut *tx)
                    .await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn release_tenant_nonce(&self, cookie_hash: &str, nonce: &str) -> Result<()> {
                    let mut tx = self.write().await?;
                    sqlx::query(
                        "DELETE FROM tenant_session_nonces WHERE cookie_hash = $1 AND nonce = $2",
                    )
                    .bind(cookie_hash)
                    .bind(nonce)
                    .execute(&mut *tx)
                    .await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn end_tenant_session(&self, cookie_hash: &str) -> Result<()> {
                    let mut tx = self.write().await?;
                    // Its nonces go by the foreign key's cascade.
                    sqlx::query("DELETE FROM tenant_sessions WHERE cookie_hash = $1")
                        .bind(cookie_hash)
                        .execute(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    Ok(())
                }
            }
        };
    };
}

pub(crate) use tenant_session_impl;
