//! The audit chain's append and the migration step: the same SQL on both
//! backends, stamped out per connection type by `chain_queries!`. Each
//! backend's `append` first takes the lock that makes "the last entry"
//! well defined, then calls `append_entry`.

pub(crate) const LAST_AUDIT: &str = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";

pub(crate) const INSERT_AUDIT: &str = "INSERT INTO audit_log (seq, at, actor_user_id, \
     actor_token_id, actor_label, org_id, action, object_type, object_id, reason, detail, \
     prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";

/// The audit append and the migration step, the same SQL on both backends.
macro_rules! chain_queries {
    ($conn:ty) => {
        /// Places the event after the last entry. The caller holds the write
        /// lock that makes "the last entry" well defined.
        async fn append_entry(conn: &mut $conn, event: AuditEvent) -> Result<AuditEntry> {
            let last: Option<(i64, String)> = sqlx::query_as($crate::chain::LAST_AUDIT)
                .fetch_optional(&mut *conn)
                .await?;
            let prev = last.as_ref().map(|(seq, hash)| (*seq, hash.as_str()));
            let entry = AuditEntry::chain(prev, Utc::now(), event);
            let e = &entry.event;
            sqlx::query($crate::chain::INSERT_AUDIT)
                .bind(entry.seq)
                .bind(Ts(entry.at))
                .bind(e.actor_user_id)
                .bind(e.actor_token_id)
                .bind(&e.actor_label)
                .bind(e.org_id)
                .bind(&e.action)
                .bind(&e.object_type)
                .bind(&e.object_id)
                .bind(&e.reason)
                .bind(&e.detail)
                .bind(&entry.prev_hash)
                .bind(&entry.hash)
                .execute(&mut *conn)
                .await?;
            Ok(entry)
        }

        async fn apply(conn: &mut $conn, migration: &Migration) -> Result<()> {
            sqlx::Executor::execute(&mut *conn, migration.sql).await?;
            sqlx::query("INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)")
                .bind(migration.name)
                .bind(Ts(Utc::now()))
                .execute(&mut *conn)
                .await?;
            Ok(())
        }
    };
}

pub(crate) use chain_queries;
