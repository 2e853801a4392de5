//! The outbox of the e-mail that tells a gemeente a new art. 14 notice is
//! waiting. The notice row itself is the outbox (`mailed_at`,
//! `mail_attempts`, `mail_error`), so recording a melding and queueing its
//! mail are one transaction, and a mail that failed is retried after a
//! restart. What is sent and to whom is the web layer's; this module only
//! says which notices still need their mail and remembers what happened.

use crate::Result;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use vangnet_domain::audit::AuditEvent;

/// After this many failed attempts a notice is no longer mailed: the
/// gemeente still sees it in its list, and the log says why.
pub const MAX_MAIL_ATTEMPTS: i32 = 5;
/// Only notices this young are mailed, so turning mail on later does not
/// flood the gemeente with old news.
pub const MAIL_WINDOW_DAYS: i64 = 7;

/// A notice whose mail is due: only what the mail may say, no personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeToMail {
    pub notice_id: i64,
    pub gemeente_org_id: i64,
    pub notified_on: NaiveDate,
    pub intended_date: NaiveDate,
    pub planned_date: Option<NaiveDate>,
    pub mail_attempts: i32,
}

#[async_trait]
pub trait NoticeMailStore: Send + Sync {
    /// Notices not mailed yet, with fewer than `MAX_MAIL_ATTEMPTS` failures,
    /// created within `MAIL_WINDOW_DAYS` before `now` and not purged;
    /// oldest first, at most `limit`.
    async fn notices_to_mail(&self, now: DateTime<Utc>, limit: i64) -> Result<Vec<NoticeToMail>>;
    /// Marks the mail as sent, with `audit` (given the notice id and the
    /// number of recipients) in the same transaction. False, and nothing
    /// audited, when it was already marked (another node sent it too).
    async fn mark_notice_mailed(
        &self,
        notice_id: i64,
        at: DateTime<Utc>,
        recipients: usize,
        audit: AuditEvent,
    ) -> Result<bool>;
    /// Counts a failed attempt. `error` is kept as given, so it must hold no
    /// personal data (no addresses, no relay text that may echo them).
    async fn mark_notice_mail_failed(&self, notice_id: i64, error: &str) -> Result<()>;
}

pub(crate) const DUE: &str =
    "SELECT id, gemeente_org_id, notified_on, intended_date, planned_date, \
     mail_attempts FROM eviction_notices \
     WHERE mailed_at IS NULL AND purged_at IS NULL AND mail_attempts < $1 AND created_at >= $2 \
     ORDER BY created_at, id LIMIT $3";

pub(crate) const MAILED: &str = "UPDATE eviction_notices \
     SET mailed_at = $2, mail_error = NULL, mail_attempts = mail_attempts + 1 \
     WHERE id = $1 AND mailed_at IS NULL";

pub(crate) const FAILED: &str = "UPDATE eviction_notices \
     SET mail_attempts = mail_attempts + 1, mail_error = $2 \
     WHERE id = $1 AND mailed_at IS NULL";

/// `NoticeMailStore` for a backend; needs `self.pool`, `self.write()` and
/// `append` in the invoking module, like `tenancy_impl!`.
macro_rules! notice_mail_impl {
    ($store:ty) => {
        const _: () = {
            use $crate::tenancy::notice_mail::{self as nm, NoticeToMail};

            #[async_trait::async_trait]
            impl nm::NoticeMailStore for $store {
                async fn notices_to_mail(
                    &self,
                    now: chrono::DateTime<chrono::Utc>,
                    limit: i64,
                ) -> $crate::Result<Vec<NoticeToMail>> {
                    let since = now - chrono::Duration::days(nm::MAIL_WINDOW_DAYS);
                    let rows: Vec<(
                        i64,
                        i64,
                        chrono::NaiveDate,
                        chrono::NaiveDate,
                        Option<chrono::NaiveDate>,
                        i32,
                    )> = sqlx::query_as(nm::DUE)
                        .bind(nm::MAX_MAIL_ATTEMPTS)
                        .bind($crate::ts::Ts(since))
                        .bind(limit)
                        .fetch_all(&self.pool)
                        .await?;
                    Ok(rows
                        .into_iter()
                        .map(|r| NoticeToMail {
                            notice_id: r.0,
                            gemeente_org_id: r.1,
                            notified_on: r.2,
                            intended_date: r.3,
                            planned_date: r.4,
                            mail_attempts: r.5,
                        })
                        .collect())
                }

                async fn mark_notice_mailed(
                    &self,
                    notice_id: i64,
                    at: chrono::DateTime<chrono::Utc>,
                    recipients: usize,
                    audit: vangnet_domain::audit::AuditEvent,
                ) -> $crate::Result<bool> {
                    let mut tx = self.write().await?;
                    let done = sqlx::query(nm::MAILED)
                        .bind(notice_id)
                        .bind($crate::ts::Ts(at))
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                    if done == 0 {
                        return Ok(false);
                    }
                    let facts = serde_json::json!({ "recipients": recipients });
                    append(&mut tx, $crate::tenancy::audited(audit, notice_id, facts)).await?;
                    tx.commit().await?;
                    Ok(true)
                }

                async fn mark_notice_mail_failed(
                    &self,
                    notice_id: i64,
                    error: &str,
                ) -> $crate::Result<()> {
                    let mut tx = self.write().await?;
                    sqlx::query(nm::FAILED)
                        .bind(notice_id)
                        .bind(error)
                        .execute(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    Ok(())
                }
            }
        };
    };
}

pub(crate) use notice_mail_impl;
