//! SQLite's intake: one batch of signals in one `BEGIN IMMEDIATE`
//! transaction on a dedicated rusqlite connection (`batch.rs` does the
//! rows). The rules are the ones PostgreSQL's
//! set-based `intake_queries!` follow (duplicate by content hash, update
//! with history and re-placement, matching by `domain::matching`), and the
//! shared contract tests hold both to them. The driver differs because
//! sqlx's SQLite driver hands every statement to a worker thread and back,
//! which costs more than SQLite's own work on a row.

mod batch;
mod date;

use crate::intake::sql::{self, for_sqlite};
use crate::signal_records::{CaseLink, NewSignal, SignalOutcome};
use crate::ts::Ts;
use crate::{Result, StoreError};
use batch::Batch;
use chrono::Utc;
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;
use vangnet_domain::audit::{AuditEntry, AuditEvent};

/// A JSON array parameter as a list of values.
const JSON_LIST: &str = "SELECT value FROM json_each(?1)";

/// The intake's statements in SQLite's form, translated once.
struct Statements {
    existing: String,
    by_household: String,
    by_bsn: String,
    settings: String,
    insert_case: String,
    insert_signal: String,
    insert_history: String,
    update_signal: String,
    priority_stale: String,
    last_audit: &'static str,
    insert_audit: String,
}

impl Statements {
    fn new() -> Statements {
        Statements {
            existing: format!(
                "{} IN (SELECT value FROM json_each(?2))",
                for_sqlite(sql::EXISTING_SELECT)
            ),
            by_household: format!("{} c.household_key IN ({JSON_LIST})", sql::CANDIDATE_SELECT),
            by_bsn: format!(
                "{} c.id IN (SELECT case_id FROM signals WHERE bsn IN ({JSON_LIST}) \
                 AND case_id IS NOT NULL)",
                sql::CANDIDATE_SELECT
            ),
            settings: for_sqlite(sql::MATCH_SETTINGS),
            insert_case: for_sqlite(&crate::intake::insert_cases_sql(1)).replace(
                " RETURNING id, gemeente_org_id, household_key, opened_on",
                "",
            ),
            insert_signal: for_sqlite(&crate::intake::insert_sql(1)),
            insert_history: for_sqlite(sql::INSERT_HISTORY),
            update_signal: for_sqlite(sql::UPDATE_SIGNAL),
            priority_stale: for_sqlite(sql::PRIORITY_STALE),
            last_audit: crate::chain::LAST_AUDIT,
            insert_audit: for_sqlite(crate::chain::INSERT_AUDIT),
        }
    }
}

/// The dedicated intake connection, opened on first use.
pub(crate) struct BulkWriter {
    path: PathBuf,
    conn: Mutex<Option<Connection>>,
    sql: Statements,
}

fn db_error(error: rusqlite::Error) -> StoreError {
    let busy = matches!(
        &error,
        rusqlite::Error::SqliteFailure(e, _)
            if matches!(e.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    );
    let cannot_write = match &error {
        rusqlite::Error::SqliteFailure(e, _) => {
            crate::error::unavailable(Some(&e.extended_code.to_string()))
        }
        _ => None,
    };
    if busy {
        StoreError::Unavailable(format!("de database is bezet: {error}"))
    } else if let Some(reason) = cannot_write {
        StoreError::Unavailable(format!("{reason} ({error})"))
    } else {
        StoreError::Unsupported(format!("databasefout: {error}"))
    }
}

/// Runs blocking database work without stalling the async runtime's other
/// tasks (on a single-threaded runtime there are none to stall).
fn blocking<T>(work: impl FnOnce() -> T) -> T {
    use tokio::runtime::{Handle, RuntimeFlavor};
    match Handle::try_current() {
        Ok(handle) if handle.runtime_flavor() == RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(work)
        }
        _ => work(),
    }
}

impl BulkWriter {
    pub fn new(path: &Path) -> BulkWriter {
        BulkWriter {
            path: path.to_path_buf(),
            conn: Mutex::new(None),
            sql: Statements::new(),
        }
    }

    fn open(&self) -> rusqlite::Result<Connection> {
        let conn = Connection::open(&self.path)?;
        conn.busy_timeout(Duration::from_secs(30))?;
        // The pool's settings (see `SqliteStore::open`), and a larger WAL
        // before this connection checkpoints: an import rewrites the same
        // index pages batch after batch, and each checkpoint writes them
        // back and syncs the file.
        conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; \
             PRAGMA cache_size = -65536; PRAGMA temp_store = memory; \
             PRAGMA wal_autocheckpoint = 8192;",
        )?;
        Ok(conn)
    }

    /// Runs `work` in one immediate transaction on the intake connection.
    fn write<T>(
        &self,
        work: impl FnOnce(&Transaction, &Statements) -> rusqlite::Result<T>,
    ) -> Result<T> {
        blocking(|| {
            let mut guard = self.conn.lock().unwrap_or_else(|e| e.into_inner());
            if guard.is_none() {
                *guard = Some(self.open().map_err(db_error)?);
            }
            let conn = guard.as_mut().expect("opened above");
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(db_error)?;
            let result = work(&tx, &self.sql).map_err(db_error)?;
            tx.commit().map_err(db_error)?;
            Ok(result)
        })
    }

    /// One batch with its audit entry, in one transaction.
    pub fn store_signals(
        &self,
        import_id: i64,
        partner: i64,
        batch: &[NewSignal],
    ) -> Result<Vec<SignalOutcome>> {
        self.write(|tx, sql| {
            let mut rows = Batch::new(tx, sql, Some(import_id), partner)?;
            rows.load(batch)?;
            let outcomes = batch
                .iter()
                .map(|s| rows.store_one(s, batch))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let event = crate::intake::batch_event(import_id, partner, &outcomes);
            append(tx, sql, event)?;
            Ok(outcomes)
        })
    }

    /// The benchmark's baseline: the same prepared INSERT per row into the
    /// same table, with no duplicate check, history, routing or matching.
    pub fn insert_plain(&self, partner: i64, rows: &[NewSignal]) -> Result<()> {
        self.write(|tx, sql| {
            let mut batch = Batch::new(tx, sql, None, partner)?;
            rows.iter()
                .try_for_each(|s| batch.insert(s, CaseLink::None, None).map(|_| ()))
        })
    }
}

/// Appends to the audit chain; the immediate transaction already
/// serialises writers, so "the last entry" is well defined.
fn append(tx: &Transaction, sql: &Statements, event: AuditEvent) -> rusqlite::Result<()> {
    let last: Option<(i64, String)> = tx
        .prepare_cached(sql.last_audit)?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let prev = last.as_ref().map(|(seq, hash)| (*seq, hash.as_str()));
    let entry = AuditEntry::chain(prev, Utc::now(), event);
    let e = &entry.event;
    tx.prepare_cached(&sql.insert_audit)?.execute(params![
        entry.seq,
        Ts(entry.at).text(),
        e.actor_user_id,
        e.actor_token_id,
        e.actor_label,
        e.org_id,
        e.action,
        e.object_type,
        e.object_id,
        e.reason,
        e.detail,
        entry.prev_hash,
        entry.hash,
    ])?;
    Ok(())
}
