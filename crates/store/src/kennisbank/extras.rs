//! The kennisbank's side writes (comments, attachments, synonyms, the public form's
//! rate limit, the suggesters' retention): free functions stamped out per
//! store type by `kb_extras!`, called by the trait's methods in
//! `queries.rs`. They use the names imported there (`kb`, `sql`, `checks`,
//! `audited`, `Ts`, `Result`) and the backend's `append` and
//! `lock_kennisbank`.

macro_rules! kb_extras {
    ($store:ty) => {
        async fn insert_comment(
            store: &$store,
            revision_id: i64,
            author_user_id: i64,
            body: &str,
            audit: AuditEvent,
        ) -> Result<i64> {
            let now = Ts(chrono::Utc::now());
            let mut tx = store.write().await?;
            let (practice_id, _): (i64, String) = sqlx::query_as(sql::REVISION_STATE)
                .bind(revision_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or($crate::StoreError::NotFound)?;
            let id: i64 = sqlx::query_scalar(sql::INSERT_COMMENT)
                .bind(revision_id)
                .bind(author_user_id)
                .bind(body)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
            let facts = serde_json::json!({
                "comment_id": id,
                "revision_id": revision_id,
                "author": author_user_id,
            });
            append(&mut tx, audited(audit, practice_id, facts)).await?;
            tx.commit().await?;
            Ok(id)
        }

        async fn store_attachment(
            store: &$store,
            attachment: &kb::NewAttachment,
            audit: AuditEvent,
        ) -> Result<i64> {
            checks::check_attachment(attachment)?;
            let now = Ts(chrono::Utc::now());
            let mut tx = store.write().await?;
            let belongs: Option<i64> = sqlx::query_scalar(sql::REVISION_OF_PRACTICE)
                .bind(attachment.revision_id)
                .bind(attachment.practice_id)
                .fetch_optional(&mut *tx)
                .await?;
            if belongs.is_none() {
                return Err($crate::StoreError::NotFound);
            }
            let id: i64 = sqlx::query_scalar(sql::INSERT_ATTACHMENT)
                .bind(attachment.practice_id)
                .bind(attachment.revision_id)
                .bind(&attachment.filename)
                .bind(&attachment.content_type)
                .bind(attachment.size_bytes)
                .bind(&attachment.sha256)
                .bind(&attachment.bytes)
                .bind(now)
                .bind(attachment.uploaded_by_user_id)
                .fetch_one(&mut *tx)
                .await?;
            let facts = serde_json::json!({
                "attachment_id": id,
                "revision_id": attachment.revision_id,
                "size_bytes": attachment.size_bytes,
            });
            append(&mut tx, audited(audit, attachment.practice_id, facts)).await?;
            tx.commit().await?;
            Ok(id)
        }

        async fn delete_attachment(
            store: &$store,
            attachment_id: i64,
            audit: AuditEvent,
        ) -> Result<()> {
            let mut tx = store.write().await?;
            let practice_id: i64 = sqlx::query_scalar(sql::DELETE_ATTACHMENT)
                .bind(attachment_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or($crate::StoreError::NotFound)?;
            let facts = serde_json::json!({ "attachment_id": attachment_id });
            append(&mut tx, audited(audit, practice_id, facts)).await?;
            tx.commit().await?;
            Ok(())
        }

        async fn write_synonyms(
            store: &$store,
            text: &str,
            user_id: Option<i64>,
            audit: AuditEvent,
        ) -> Result<()> {
            let now = Ts(chrono::Utc::now());
            let mut tx = store.write().await?;
            sqlx::query(sql::SET_SYNONYMS)
                .bind(text)
                .bind(now)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            let groups = text.lines().filter(|l| !l.trim().is_empty()).count();
            let facts = serde_json::json!({ "groups": groups });
            append(&mut tx, audited(audit, 1, facts)).await?;
            tx.commit().await?;
            Ok(())
        }

        async fn count_attempt(
            store: &$store,
            client_hash: &str,
            at: chrono::DateTime<chrono::Utc>,
            window: chrono::Duration,
            limit: u32,
        ) -> Result<bool> {
            let since = Ts(at - window);
            let mut tx = store.write().await?;
            lock_kennisbank(&mut tx).await?;
            sqlx::query(sql::PRUNE_ATTEMPTS)
                .bind(since)
                .execute(&mut *tx)
                .await?;
            let count: i64 = sqlx::query_scalar(sql::COUNT_ATTEMPTS)
                .bind(client_hash)
                .bind(since)
                .fetch_one(&mut *tx)
                .await?;
            let allowed = count < i64::from(limit);
            if allowed {
                sqlx::query(sql::INSERT_ATTEMPT)
                    .bind(client_hash)
                    .bind(Ts(at))
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(allowed)
        }

        async fn clear_suggesters(
            store: &$store,
            before: chrono::DateTime<chrono::Utc>,
            audit: AuditEvent,
        ) -> Result<u64> {
            let mut tx = store.write().await?;
            let cleared = sqlx::query(sql::PURGE_SUGGESTERS)
                .bind(Ts(before))
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if cleared > 0 {
                let facts = serde_json::json!({ "kb_suggesters": cleared });
                let object_id = audit.object_id.clone();
                let mut event = audited(audit, 0, facts);
                event.object_id = object_id;
                append(&mut tx, event).await?;
            }
            tx.commit().await?;
            Ok(cleared)
        }
    };
}

pub(crate) use kb_extras;
