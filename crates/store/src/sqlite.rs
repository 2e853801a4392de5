//! The SQLite backend: one file, WAL mode, foreign keys on, a generous busy
//! timeout, and every write transaction started with `BEGIN IMMEDIATE` so
//! two writers queue instead of failing with "database is locked".

use crate::common::impl_store;
use crate::migrations::{Migration, SQLITE};
use crate::records::*;
use crate::rows::*;
use crate::signal_records::*;
use crate::sqlite_intake::BulkWriter;
use crate::ts::Ts;
use crate::{Result, StoreError};
use chrono::{DateTime, Utc};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::{Sqlite, Transaction};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;
use vangnet_domain::audit::{AuditEntry, AuditEvent};
use vangnet_domain::org::NewOrg;
use vangnet_domain::scope::Scope;
use vangnet_domain::user::NewUser;

pub struct SqliteStore {
    pool: SqlitePool,
    path: PathBuf,
    intake: BulkWriter,
    /// The process's turn to write: see `WriteTx`.
    write_turn: tokio::sync::Mutex<()>,
}

/// A write transaction holding the process's turn to write. SQLite has one
/// writer; without the turn, the pool's connections would wait for each
/// other in SQLite's busy handler, which polls with sleeps of up to 100 ms,
/// so a burst of API requests (each appends to the audit log) would wait
/// far longer than the writes take. Queued here, they go in order.
pub(crate) struct WriteTx<'a> {
    // Declared first so it ends (rolled back unless committed) before the
    // turn passes on.
    tx: Transaction<'a, Sqlite>,
    _turn: tokio::sync::MutexGuard<'a, ()>,
}

impl WriteTx<'_> {
    pub async fn commit(self) -> std::result::Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

impl std::ops::Deref for WriteTx<'_> {
    type Target = SqliteConnection;
    fn deref(&self) -> &SqliteConnection {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx<'_> {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        &mut self.tx
    }
}

impl SqliteStore {
    /// Opens (and creates) the file named by `sqlite://path`, `sqlite:path`
    /// or a bare path.
    pub async fn open(url: &str) -> Result<Self> {
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        let path = PathBuf::from(path);
        writable(&path)?;
        let options = SqliteConnectOptions::from_str("sqlite:")
            .map_err(StoreError::Database)?
            .filename(&path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(30))
            // 64 MiB of page cache per connection: imports touch indexes all over.
            .pragma("cache_size", "-65536")
            .pragma("temp_store", "memory");
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .map_err(|e| {
                StoreError::Unavailable(format!(
                    "kan SQLite-bestand '{}' niet openen: {e}",
                    path.display()
                ))
            })?;
        Ok(SqliteStore {
            intake: BulkWriter::new(&path),
            pool,
            path,
            write_turn: tokio::sync::Mutex::new(()),
        })
    }

    /// The raw pool, for tests that must act like an attacker with file
    /// access (e.g. tamper with the audit log).
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The benchmark's baseline: a plain prepared INSERT per row into the
    /// same table in one transaction, with no duplicate check, history,
    /// routing or matching. Not for application use.
    pub async fn insert_signals_plain(&self, partner: i64, rows: &[NewSignal]) -> Result<()> {
        self.intake.insert_plain(partner, rows)
    }

    async fn write(&self) -> Result<WriteTx<'_>> {
        let turn = self.write_turn.lock().await;
        let tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        Ok(WriteTx { tx, _turn: turn })
    }
}

/// An existing database file the process may not write fails the start,
/// naming the file, instead of the first write deep inside a command (SQLite
/// would quietly open it read-only).
fn writable(path: &Path) -> Result<()> {
    use std::io::ErrorKind::{PermissionDenied, ReadOnlyFilesystem};
    if !path.exists() {
        return Ok(());
    }
    match std::fs::OpenOptions::new().write(true).open(path) {
        Err(e) if matches!(e.kind(), PermissionDenied | ReadOnlyFilesystem) => {
            Err(StoreError::Unavailable(format!(
                "kan SQLite-bestand '{}' niet schrijven: geen schrijfrechten ({e})",
                path.display()
            )))
        }
        _ => Ok(()),
    }
}

/// `BEGIN IMMEDIATE` already serialises writers.
async fn append(conn: &mut SqliteConnection, event: AuditEvent) -> Result<AuditEntry> {
    append_entry(conn, event).await
}

crate::chain::chain_queries!(SqliteConnection);

/// `BEGIN IMMEDIATE` already makes the kennisbank's writers queue.
async fn lock_kennisbank(_conn: &mut SqliteConnection) -> Result<()> {
    Ok(())
}

crate::casework::casework_impl!(SqliteStore, SqlitePool, SqliteConnection);
crate::casework::purge::purge_impl!(SqliteStore, SqliteConnection, secure_delete);
crate::casework::ddas_impl!(SqliteStore);
crate::tenancy::tenancy_impl!(SqliteStore, SqlitePool, SqliteConnection);
crate::tenancy::notice_mail::notice_mail_impl!(SqliteStore);
crate::tenant_channel::tenant_channel_impl!(SqliteStore, SqliteConnection);
crate::tenant_channel::tenant_session_impl!(SqliteStore);
crate::kennisbank::reminders::review_reminder_impl!(SqliteStore);
crate::kennisbank::marker::kb_marker_impl!(SqliteStore);
crate::kennisbank::kennisbank_impl!(SqliteStore, SqlitePool, SqliteConnection);
crate::stats::stats_impl!(
    SqliteStore,
    sqlx::Sqlite,
    crate::stats::sql::Dialect::Sqlite
);

impl_store!(SqliteStore, {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn backend(&self) -> &'static str {
        "sqlite"
    }

    async fn migrate(&self) -> Result<Vec<String>> {
        let mut tx = self.write().await?;
        sqlx::query(
            "CREATE TABLE IF NOT EXISTS schema_migrations \
             (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
        )
        .execute(&mut *tx)
        .await?;
        let done: Vec<String> = sqlx::query_scalar("SELECT name FROM schema_migrations")
            .fetch_all(&mut *tx)
            .await?;
        let mut ran = Vec::new();
        for migration in SQLITE.iter().filter(|m| !done.iter().any(|d| d == m.name)) {
            apply(&mut tx, migration).await?;
            ran.push(migration.name.to_string());
        }
        tx.commit().await?;
        Ok(ran)
    }

    async fn store_signals(
        &self,
        import_id: i64,
        partner_org_id: i64,
        batch: &[NewSignal],
    ) -> Result<Vec<SignalOutcome>> {
        self.intake.store_signals(import_id, partner_org_id, batch)
    }

    async fn backup_to(&self, path: &Path) -> Result<()> {
        if path.exists() {
            return Err(StoreError::conflict(
                "to",
                "het doelbestand bestaat al; kies een nieuwe naam",
            ));
        }
        // VACUUM INTO reads one snapshot, so the copy is consistent while
        // other connections keep writing.
        sqlx::query("VACUUM INTO $1")
            .bind(path.to_string_lossy().into_owned())
            .execute(&self.pool)
            .await?;
        Ok(())
    }
});
