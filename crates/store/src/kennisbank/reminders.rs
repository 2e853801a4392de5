//! Which owners of published practices are due a review reminder, and
//! remembering that one was sent. What the mail says is the web layer's;
//! this module only keeps one reminder per review-by date.

use crate::Result;
use async_trait::async_trait;
use chrono::NaiveDate;
use vangnet_domain::audit::AuditEvent;

/// A practice whose review-by date has passed and whose owner has not had
/// a reminder for that date. The title and slug are public text; the
/// owner's address is only for the envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewReminder {
    pub practice_id: i64,
    pub slug: String,
    pub title: String,
    pub review_by: NaiveDate,
    pub owner_email: String,
}

#[async_trait]
pub trait ReviewReminderStore: Send + Sync {
    /// Published practices with `review_by < today`, an active owner, and
    /// no reminder for this review-by date; most overdue first.
    async fn reviews_to_remind(&self, today: NaiveDate, limit: i64) -> Result<Vec<ReviewReminder>>;
    /// Remembers the reminder for `review_by`, audited. False, and nothing
    /// audited, when it was already remembered (another node sent it).
    async fn mark_review_reminded(
        &self,
        practice_id: i64,
        review_by: NaiveDate,
        audit: AuditEvent,
    ) -> Result<bool>;
}

pub(crate) const DUE: &str = "SELECT p.id, p.slug, r.title, p.review_by, u.email \
     FROM kb_practices p \
     JOIN kb_revisions r ON r.id = p.published_revision_id \
     JOIN users u ON u.id = p.owner_user_id \
     WHERE p.review_by < $1 AND NOT u.disabled \
       AND (p.review_reminded_for IS NULL OR p.review_reminded_for <> p.review_by) \
     ORDER BY p.review_by, p.id LIMIT $2";

pub(crate) const MARK: &str = "UPDATE kb_practices SET review_reminded_for = $2 \
     WHERE id = $1 AND review_by = $2 \
       AND (review_reminded_for IS NULL OR review_reminded_for <> $2)";

/// `ReviewReminderStore` for a backend; needs `self.pool`, `self.write()`
/// and `append` in the invoking module, like `notice_mail_impl!`.
macro_rules! review_reminder_impl {
    ($store:ty) => {
        const _: () = {
            use $crate::kennisbank::reminders::{self as rr, ReviewReminder};

            #[async_trait::async_trait]
            impl rr::ReviewReminderStore for $store {
                async fn reviews_to_remind(
                    &self,
                    today: chrono::NaiveDate,
                    limit: i64,
                ) -> $crate::Result<Vec<ReviewReminder>> {
                    let rows: Vec<(i64, String, String, chrono::NaiveDate, String)> =
                        sqlx::query_as(rr::DUE)
                            .bind(today)
                            .bind(limit)
                            .fetch_all(&self.pool)
                            .await?;
                    Ok(rows
                        .into_iter()
                        .map(|r| ReviewReminder {
                            practice_id: r.0,
                            slug: r.1,
                            title: r.2,
                            review_by: r.3,
                            owner_email: r.4,
                        })
                        .collect())
                }

                async fn mark_review_reminded(
                    &self,
                    practice_id: i64,
                    review_by: chrono::NaiveDate,
                    audit: vangnet_domain::audit::AuditEvent,
                ) -> $crate::Result<bool> {
                    let mut tx = self.write().await?;
                    let done = sqlx::query(rr::MARK)
                        .bind(practice_id)
                        .bind(review_by)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                    if done == 0 {
                        return Ok(false);
                    }
                    let facts = serde_json::json!({ "review_by": review_by });
                    append(&mut tx, $crate::tenancy::audited(audit, practice_id, facts)).await?;
                    tx.commit().await?;
                    Ok(true)
                }
            }
        };
    };
}

pub(crate) use review_reminder_impl;
