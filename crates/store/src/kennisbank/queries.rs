//! `KennisbankStore` for both backends: the same SQL (`sql.rs`), stamped
//! out per store type by `kennisbank_impl!` like `tenancy_impl!`, with the
//! free functions of `writes.rs` and `extras.rs`. It needs `self.pool`,
//! `self.write()`, `append` and `lock_kennisbank` in the invoking module.

macro_rules! kennisbank_impl {
    ($store:ty, $pool:ty, $conn:ty) => {
        const _: () = {
            use vangnet_domain::audit::AuditEvent;
            use $crate::kennisbank::{self as kb, checks, rows, sql};
            use $crate::tenancy::{audited, reason_digest};
            use $crate::ts::Ts;
            use $crate::Result;

            $crate::kennisbank::writes::kb_writes!($conn);
            $crate::kennisbank::extras::kb_extras!($store);

            #[async_trait::async_trait]
            impl kb::KennisbankStore for $store {
                async fn create_practice(
                    &self,
                    practice: &kb::NewPractice,
                    audit: AuditEvent,
                ) -> Result<kb::CreatedPractice> {
                    let now = Ts(chrono::Utc::now());
                    let mut tx = self.write().await?;
                    lock_kennisbank(&mut tx).await?;
                    let practice_id: i64 = sqlx::query_scalar(sql::INSERT_PRACTICE)
                        .bind(&practice.slug)
                        .bind(practice.owner_user_id)
                        .bind(practice.contributor_org_id)
                        .bind(now)
                        .fetch_optional(&mut *tx)
                        .await?
                        .ok_or_else(checks::slug_taken)?;
                    let (revision_id, _) =
                        insert_revision(&mut tx, practice_id, &practice.revision, now).await?;
                    let mut facts = serde_json::json!({
                        "revision_id": revision_id,
                        "number": 1,
                        "status": kb::SUBMITTED,
                    });
                    if let Some(by) = practice.publish {
                        let ids = (practice_id, revision_id);
                        publish(&mut tx, ids, kb::SUBMITTED, by, now, &mut facts).await?;
                    }
                    append(&mut tx, audited(audit, practice_id, facts)).await?;
                    tx.commit().await?;
                    Ok(kb::CreatedPractice {
                        practice_id,
                        revision_id,
                    })
                }

                async fn propose_revision(
                    &self,
                    practice_id: i64,
                    revision: &kb::NewRevision,
                    audit: AuditEvent,
                ) -> Result<i64> {
                    let now = Ts(chrono::Utc::now());
                    let mut tx = self.write().await?;
                    lock_kennisbank(&mut tx).await?;
                    let (revision_id, facts) = propose(&mut tx, practice_id, revision, now).await?;
                    append(&mut tx, audited(audit, practice_id, facts)).await?;
                    tx.commit().await?;
                    Ok(revision_id)
                }

                async fn propose_and_publish(
                    &self,
                    practice_id: i64,
                    revision: &kb::NewRevision,
                    publish_as: kb::PublishAs,
                    audit: AuditEvent,
                ) -> Result<i64> {
                    let now = Ts(chrono::Utc::now());
                    let mut tx = self.write().await?;
                    lock_kennisbank(&mut tx).await?;
                    let (id, mut facts) = propose(&mut tx, practice_id, revision, now).await?;
                    let ids = (practice_id, id);
                    publish(&mut tx, ids, kb::SUBMITTED, publish_as, now, &mut facts).await?;
                    append(&mut tx, audited(audit, practice_id, facts)).await?;
                    tx.commit().await?;
                    Ok(id)
                }

                async fn decide_revision(
                    &self,
                    revision_id: i64,
                    expected_status: &str,
                    decision: &kb::RevisionDecision,
                    editor_user_id: i64,
                    audit: AuditEvent,
                ) -> Result<()> {
                    let now = Ts(chrono::Utc::now());
                    let mut tx = self.write().await?;
                    lock_kennisbank(&mut tx).await?;
                    let (practice_id, status): (i64, String) = sqlx::query_as(sql::REVISION_STATE)
                        .bind(revision_id)
                        .fetch_optional(&mut *tx)
                        .await?
                        .ok_or($crate::StoreError::NotFound)?;
                    if status != expected_status {
                        return Err(checks::stale());
                    }
                    if status != kb::SUBMITTED && status != kb::CHANGES_REQUESTED {
                        return Err(checks::not_open());
                    }
                    let mut facts = serde_json::json!({
                        "revision_id": revision_id,
                        "status": decision.status(),
                        "decided_by": editor_user_id,
                    });
                    if let kb::RevisionDecision::Publish { review_by } = *decision {
                        let by = kb::PublishAs {
                            editor_user_id,
                            review_by,
                        };
                        let ids = (practice_id, revision_id);
                        publish(&mut tx, ids, &status, by, now, &mut facts).await?;
                    } else {
                        let decided = sqlx::query(sql::DECIDE)
                            .bind(revision_id)
                            .bind(decision.status())
                            .bind(editor_user_id)
                            .bind(now)
                            .bind(decision.reason())
                            .bind(&status)
                            .execute(&mut *tx)
                            .await?;
                        if decided.rows_affected() != 1 {
                            return Err(checks::stale());
                        }
                        facts["reason_sha256"] = decision.reason().map(reason_digest).into();
                    }
                    append(&mut tx, audited(audit, practice_id, facts)).await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn add_comment(
                    &self,
                    revision_id: i64,
                    author_user_id: i64,
                    body: &str,
                    audit: AuditEvent,
                ) -> Result<i64> {
                    insert_comment(self, revision_id, author_user_id, body, audit).await
                }

                async fn comments(&self, revision_id: i64) -> Result<Vec<kb::Comment>> {
                    let found: Vec<rows::CommentRow> = sqlx::query_as(sql::COMMENTS)
                        .bind(revision_id)
                        .fetch_all(&self.pool)
                        .await?;
                    rows::convert(found)
                }

                async fn set_review_by(
                    &self,
                    practice_id: i64,
                    review_by: chrono::NaiveDate,
                    editor_user_id: i64,
                    audit: AuditEvent,
                ) -> Result<()> {
                    let mut tx = self.write().await?;
                    let updated = sqlx::query(sql::SET_REVIEW_BY)
                        .bind(practice_id)
                        .bind(review_by)
                        .execute(&mut *tx)
                        .await?;
                    if updated.rows_affected() == 0 {
                        return Err($crate::StoreError::NotFound);
                    }
                    let facts = serde_json::json!({
                        "review_by": review_by.to_string(),
                        "decided_by": editor_user_id,
                    });
                    append(&mut tx, audited(audit, practice_id, facts)).await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn published_practice(
                    &self,
                    slug: &str,
                ) -> Result<Option<kb::PublishedPractice>> {
                    let found: Option<rows::PublishedRow> =
                        sqlx::query_as(&sql::published("p.slug = $1", "p.id"))
                            .bind(slug)
                            .fetch_optional(&self.pool)
                            .await?;
                    found.map(TryInto::try_into).transpose()
                }

                async fn published_practices(&self) -> Result<Vec<kb::PublishedPractice>> {
                    let order = "p.updated_at DESC, p.id DESC";
                    let found: Vec<rows::PublishedRow> =
                        sqlx::query_as(&sql::published("TRUE", order))
                            .fetch_all(&self.pool)
                            .await?;
                    rows::convert(found)
                }

                async fn practice_for_editor(
                    &self,
                    practice_id: i64,
                ) -> Result<Option<kb::PracticeHistory>> {
                    let found: Option<rows::PracticeRow> =
                        sqlx::query_as(&sql::practice("p.id = $1"))
                            .bind(practice_id)
                            .fetch_optional(&self.pool)
                            .await?;
                    let Some(found) = found else {
                        return Ok(None);
                    };
                    let revisions: Vec<rows::RevisionRow> =
                        sqlx::query_as(&sql::revisions("r.practice_id = $1", "r.number"))
                            .bind(practice_id)
                            .fetch_all(&self.pool)
                            .await?;
                    Ok(Some(kb::PracticeHistory {
                        practice: found.try_into()?,
                        revisions: rows::convert(revisions)?,
                    }))
                }

                async fn practice_by_slug_any(&self, slug: &str) -> Result<Option<kb::Practice>> {
                    let found: Option<rows::PracticeRow> =
                        sqlx::query_as(&sql::practice("p.slug = $1"))
                            .bind(slug)
                            .fetch_optional(&self.pool)
                            .await?;
                    found.map(TryInto::try_into).transpose()
                }

                async fn revision(&self, revision_id: i64) -> Result<Option<kb::Revision>> {
                    let found: Option<rows::RevisionRow> =
                        sqlx::query_as(&sql::revisions("r.id = $1", "r.id"))
                            .bind(revision_id)
                            .fetch_optional(&self.pool)
                            .await?;
                    found.map(TryInto::try_into).transpose()
                }

                async fn open_revisions(&self) -> Result<Vec<kb::PracticeRevision>> {
                    let condition = format!("r.status IN {}", sql::OPEN);
                    let found: Vec<rows::ListedRow> =
                        sqlx::query_as(&sql::listed(&condition, "r.created_at, r.id"))
                            .fetch_all(&self.pool)
                            .await?;
                    rows::convert(found)
                }

                async fn overdue_practices(
                    &self,
                    today: chrono::NaiveDate,
                ) -> Result<Vec<kb::PublishedPractice>> {
                    let statement = sql::published("p.review_by < $1", "p.review_by, p.id");
                    let found: Vec<rows::PublishedRow> = sqlx::query_as(&statement)
                        .bind(today)
                        .fetch_all(&self.pool)
                        .await?;
                    rows::convert(found)
                }

                async fn submissions_by(&self, user_id: i64) -> Result<Vec<kb::PracticeRevision>> {
                    let order = "r.created_at DESC, r.id DESC";
                    let found: Vec<rows::ListedRow> =
                        sqlx::query_as(&sql::listed("r.author_user_id = $1", order))
                            .bind(user_id)
                            .fetch_all(&self.pool)
                            .await?;
                    rows::convert(found)
                }

                async fn latest_revision_hash(
                    &self,
                    slug: &str,
                ) -> Result<Option<kb::LatestRevision>> {
                    let found: Option<rows::LatestRow> = sqlx::query_as(sql::LATEST_REVISION)
                        .bind(slug)
                        .fetch_optional(&self.pool)
                        .await?;
                    Ok(found.map(Into::into))
                }

                async fn add_attachment(
                    &self,
                    attachment: &kb::NewAttachment,
                    audit: AuditEvent,
                ) -> Result<i64> {
                    store_attachment(self, attachment, audit).await
                }

                async fn attachments(&self, practice_id: i64) -> Result<Vec<kb::AttachmentMeta>> {
                    let found: Vec<rows::AttachmentRow> = sqlx::query_as(&sql::attachments())
                        .bind(practice_id)
                        .fetch_all(&self.pool)
                        .await?;
                    rows::convert(found)
                }

                async fn attachment(
                    &self,
                    attachment_id: i64,
                ) -> Result<Option<(kb::AttachmentMeta, Vec<u8>)>> {
                    let found: Option<rows::AttachmentBytesRow> =
                        sqlx::query_as(&sql::attachment())
                            .bind(attachment_id)
                            .fetch_optional(&self.pool)
                            .await?;
                    found.map(TryInto::try_into).transpose()
                }

                async fn remove_attachment(
                    &self,
                    attachment_id: i64,
                    audit: AuditEvent,
                ) -> Result<()> {
                    delete_attachment(self, attachment_id, audit).await
                }

                async fn kb_synonyms(&self) -> Result<Option<kb::KbSynonyms>> {
                    let found: Option<rows::SynonymsRow> = sqlx::query_as(sql::SYNONYMS)
                        .fetch_optional(&self.pool)
                        .await?;
                    Ok(found.map(Into::into))
                }

                async fn set_kb_synonyms(
                    &self,
                    text: &str,
                    user_id: Option<i64>,
                    audit: AuditEvent,
                ) -> Result<()> {
                    write_synonyms(self, text, user_id, audit).await
                }

                async fn record_suggestion_attempt(
                    &self,
                    client_hash: &str,
                    at: chrono::DateTime<chrono::Utc>,
                    window: chrono::Duration,
                    limit: u32,
                ) -> Result<bool> {
                    count_attempt(self, client_hash, at, window, limit).await
                }

                async fn purge_kb_suggesters(
                    &self,
                    before: chrono::DateTime<chrono::Utc>,
                    audit: AuditEvent,
                ) -> Result<u64> {
                    clear_suggesters(self, before, audit).await
                }
            }
        };
    };
}

pub(crate) use kennisbank_impl;
