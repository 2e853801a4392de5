//! The PostgreSQL backend. The SQL mirrors the SQLite backend's; where the
//! dialects differ (locking, typed NULL parameters, backups) it says so.

use crate::common::impl_store;
use crate::migrations::{Migration, POSTGRES};
use crate::records::*;
use crate::rows::*;
use crate::signal_records::*;
use crate::ts::Ts;
use crate::{Result, StoreError};
use chrono::{DateTime, Utc};
use sqlx::postgres::{PgConnection, PgPool, PgPoolOptions};
use sqlx::{Postgres, Transaction};
use std::path::Path;
use std::time::Duration;
use vangnet_domain::audit::{AuditEntry, AuditEvent};
use vangnet_domain::org::NewOrg;
use vangnet_domain::scope::Scope;
use vangnet_domain::user::NewUser;

pub struct PgStore {
    pool: PgPool,
    /// Signals stored since this node last refreshed the planner's
    /// statistics, and how many there were then (see `refresh_statistics`).
    stored_since_analyze: std::sync::atomic::AtomicU64,
    stored_at_analyze: std::sync::atomic::AtomicU64,
}

/// One lock key for the audit chain: appends are serialised so every entry
/// points at its true predecessor.
const AUDIT_LOCK: i64 = 0x7661_6e67_6175_6474;
const MIGRATION_LOCK: i64 = 0x7661_6e67_6d69_6772;
const INTAKE_LOCK: i64 = 0x7661_6e67_696e_746b;
/// The kennisbank's workflow writes and rate limit take one lock, so the
/// open-revision rule and the attempt count are checked by one at a time.
const KENNISBANK_LOCK: i64 = 0x7661_6e67_6b62_6b62;

impl PgStore {
    /// A large import into a young table outruns autovacuum: the planner
    /// still thinks a partner has a handful of signals and looks a batch's
    /// kenmerken up by scanning all of them (a second per batch at 100,000
    /// rows). So after every growth of a fifth (and at least 20,000 rows)
    /// this node refreshes the statistics itself, as one would after a
    /// bulk load; cached plans are replanned with them.
    async fn refresh_statistics(&self, stored: u64) -> Result<()> {
        use std::sync::atomic::Ordering::Relaxed;
        let since = self.stored_since_analyze.fetch_add(stored, Relaxed) + stored;
        let at = self.stored_at_analyze.load(Relaxed);
        if since < (at / 5).max(20_000) {
            return Ok(());
        }
        self.stored_since_analyze.store(0, Relaxed);
        self.stored_at_analyze.store(at + since, Relaxed);
        sqlx::query("ANALYZE signals, cases")
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn connect(url: &str) -> Result<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(5))
            .connect(url)
            .await
            .map_err(|e| {
                StoreError::Unavailable(format!(
                    "kan PostgreSQL op '{}' niet bereiken: {e}",
                    crate::redact_url(url)
                ))
            })?;
        Ok(PgStore {
            pool,
            stored_since_analyze: Default::default(),
            stored_at_analyze: Default::default(),
        })
    }

    /// The raw pool, for tests that must act like an attacker with database
    /// access (e.g. tamper with the audit log).
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    async fn write(&self) -> Result<Transaction<'_, Postgres>> {
        Ok(self.pool.begin().await?)
    }
}

async fn append(conn: &mut PgConnection, event: AuditEvent) -> Result<AuditEntry> {
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(AUDIT_LOCK)
        .execute(&mut *conn)
        .await?;
    append_entry(conn, event).await
}

crate::chain::chain_queries!(PgConnection);

/// Intake batches take one lock, so two imports never both decide a
/// household has no case yet.
async fn lock_intake(conn: &mut PgConnection) -> Result<()> {
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(INTAKE_LOCK)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

crate::intake::intake_queries!(PgConnection);

async fn lock_kennisbank(conn: &mut PgConnection) -> Result<()> {
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(KENNISBANK_LOCK)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

crate::casework::casework_impl!(PgStore, PgPool, PgConnection);
crate::casework::purge::purge_impl!(PgStore, PgConnection, advisory_lock = INTAKE_LOCK);
crate::casework::ddas_impl!(PgStore);
crate::tenancy::tenancy_impl!(PgStore, PgPool, PgConnection);
crate::tenancy::notice_mail::notice_mail_impl!(PgStore);
crate::tenant_channel::tenant_channel_impl!(PgStore, PgConnection);
crate::tenant_channel::tenant_session_impl!(PgStore);
crate::kennisbank::reminders::review_reminder_impl!(PgStore);
crate::kennisbank::marker::kb_marker_impl!(PgStore);
crate::kennisbank::kennisbank_impl!(PgStore, PgPool, PgConnection);
crate::stats::stats_impl!(
    PgStore,
    sqlx::Postgres,
    crate::stats::sql::Dialect::Postgres
);

impl_store!(PgStore, {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn migrate(&self) -> Result<Vec<String>> {
        let mut tx = self.write().await?;
        // Several app nodes may start at once; one migrates, the others wait.
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(MIGRATION_LOCK)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "CREATE TABLE IF NOT EXISTS schema_migrations \
             (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)",
        )
        .execute(&mut *tx)
        .await?;
        let done: Vec<String> = sqlx::query_scalar("SELECT name FROM schema_migrations")
            .fetch_all(&mut *tx)
            .await?;
        let mut ran = Vec::new();
        for migration in POSTGRES
            .iter()
            .filter(|m| !done.iter().any(|d| d == m.name))
        {
            apply(&mut tx, migration).await?;
            ran.push(migration.name.to_string());
        }
        tx.commit().await?;
        Ok(ran)
    }

    /// Set-based: a batch reads what it needs in a few queries and writes
    /// in multi-row INSERTs, because each statement is a network round trip.
    async fn store_signals(
        &self,
        import_id: i64,
        partner_org_id: i64,
        batch: &[NewSignal],
    ) -> Result<Vec<SignalOutcome>> {
        let mut tx = self.write().await?;
        lock_intake(&mut tx).await?;
        let outcomes = store_batch(&mut tx, import_id, partner_org_id, batch).await?;
        let event = crate::intake::batch_event(import_id, partner_org_id, &outcomes);
        append(&mut tx, event).await?;
        tx.commit().await?;
        self.refresh_statistics(batch.len() as u64).await?;
        Ok(outcomes)
    }

    async fn backup_to(&self, _path: &Path) -> Result<()> {
        Err(StoreError::Unsupported(
            "maak een back-up van PostgreSQL met pg_dump, bijvoorbeeld: \
             pg_dump --format=custom --file=vangnet.dump \"$VANGNET_DATABASE_URL\""
                .into(),
        ))
    }
});
