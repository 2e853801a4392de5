//! The PostgreSQL backend. The SQL mirrors the SQLite backend's; where the
//! dialects differ (locking, typed NULL parameters, backups) it says so.

use crate::migrations::{Migration, POSTGRES};
use crate::records::*;
use crate::rows::*;
use crate::ts::Ts;
use crate::{Result, Store, StoreError};
use async_trait::async_trait;
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
}

/// One lock key for the audit chain: appends are serialised so every entry
/// points at its true predecessor.
const AUDIT_LOCK: i64 = 0x7661_6e67_6175_6474;
const MIGRATION_LOCK: i64 = 0x7661_6e67_6d69_6772;

impl PgStore {
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
        Ok(PgStore { pool })
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
    let last: Option<(i64, String)> =
        sqlx::query_as("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
            .fetch_optional(&mut *conn)
            .await?;
    let prev = last.as_ref().map(|(seq, hash)| (*seq, hash.as_str()));
    let entry = AuditEntry::chain(prev, Utc::now(), event);
    let e = &entry.event;
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor_user_id, actor_token_id, actor_label, org_id, \
         action, object_type, object_id, reason, detail, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
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

async fn apply(conn: &mut PgConnection, migration: &Migration) -> Result<()> {
    sqlx::Executor::execute(&mut *conn, migration.sql).await?;
    sqlx::query("INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)")
        .bind(migration.name)
        .bind(Ts(Utc::now()))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[async_trait]
impl Store for PgStore {
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

    async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn create_org(&self, org: &NewOrg, audit: AuditEvent) -> Result<Org> {
        let mut tx = self.write().await?;
        let row: OrgRow = sqlx::query_as(&format!(
            "INSERT INTO organisations (code, name, kind, gemeentecode, postcodes, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING {ORG_COLUMNS}"
        ))
        .bind(&org.code)
        .bind(&org.name)
        .bind(org.kind.slug())
        .bind(&org.gemeentecode)
        .bind(org.postcodes.to_string())
        .bind(Ts(Utc::now()))
        .fetch_one(&mut *tx)
        .await?;
        let org = Org::try_from(row)?;
        append(&mut tx, audit.with_object(org.id).in_org(Some(org.id))).await?;
        tx.commit().await?;
        Ok(org)
    }

    async fn list_orgs(&self, scope: OrgScope) -> Result<Vec<Org>> {
        let rows: Vec<OrgRow> = match scope {
            OrgScope::All => {
                sqlx::query_as(&format!(
                    "SELECT {ORG_COLUMNS} FROM organisations ORDER BY code"
                ))
                .fetch_all(&self.pool)
                .await?
            }
            OrgScope::Only(id) => {
                sqlx::query_as(&format!(
                    "SELECT {ORG_COLUMNS} FROM organisations WHERE id = $1"
                ))
                .bind(id)
                .fetch_all(&self.pool)
                .await?
            }
        };
        convert_all(rows)
    }

    async fn org_by_id(&self, id: i64) -> Result<Option<Org>> {
        let row: Option<OrgRow> = sqlx::query_as(&format!(
            "SELECT {ORG_COLUMNS} FROM organisations WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(Org::try_from).transpose()
    }

    async fn org_by_code(&self, code: &str) -> Result<Option<Org>> {
        let row: Option<OrgRow> = sqlx::query_as(&format!(
            "SELECT {ORG_COLUMNS} FROM organisations WHERE code = $1"
        ))
        .bind(code)
        .fetch_optional(&self.pool)
        .await?;
        row.map(Org::try_from).transpose()
    }

    async fn create_user(
        &self,
        org_id: i64,
        user: &NewUser,
        password_hash: &str,
        audit: AuditEvent,
    ) -> Result<User> {
        let mut tx = self.write().await?;
        let row: UserRow = sqlx::query_as(&format!(
            "INSERT INTO users (org_id, email, name, role, password_hash, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING {USER_COLUMNS}"
        ))
        .bind(org_id)
        .bind(&user.email)
        .bind(&user.name)
        .bind(user.role.slug())
        .bind(password_hash)
        .bind(Ts(Utc::now()))
        .fetch_one(&mut *tx)
        .await?;
        let user = User::try_from(row)?;
        append(&mut tx, audit.with_object(user.id).in_org(Some(org_id))).await?;
        tx.commit().await?;
        Ok(user)
    }

    async fn list_users(&self, scope: OrgScope) -> Result<Vec<User>> {
        let rows: Vec<UserRow> = match scope {
            OrgScope::All => {
                sqlx::query_as(&format!(
                    "SELECT {USER_COLUMNS} FROM users ORDER BY org_id, email"
                ))
                .fetch_all(&self.pool)
                .await?
            }
            OrgScope::Only(org_id) => {
                sqlx::query_as(&format!(
                    "SELECT {USER_COLUMNS} FROM users WHERE org_id = $1 ORDER BY email"
                ))
                .bind(org_id)
                .fetch_all(&self.pool)
                .await?
            }
        };
        convert_all(rows)
    }

    async fn user_in_org(&self, org_id: i64, user_id: i64) -> Result<Option<User>> {
        let row: Option<UserRow> = sqlx::query_as(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE id = $1 AND org_id = $2"
        ))
        .bind(user_id)
        .bind(org_id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(User::try_from).transpose()
    }

    async fn user_by_email(&self, email: &str) -> Result<Option<User>> {
        let row: Option<UserRow> = sqlx::query_as(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE email = $1"
        ))
        .bind(email)
        .fetch_optional(&self.pool)
        .await?;
        row.map(User::try_from).transpose()
    }

    async fn password_hash(&self, user_id: i64) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
                .bind(user_id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn set_password(
        &self,
        user_id: i64,
        password_hash: &str,
        audit: AuditEvent,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let changed = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        append(&mut tx, audit.with_object(user_id)).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn set_user_disabled(
        &self,
        user_id: i64,
        disabled: bool,
        audit: AuditEvent,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let changed = sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2")
            .bind(disabled)
            .bind(user_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        if disabled {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
        }
        append(&mut tx, audit.with_object(user_id)).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn create_session(&self, session: &NewSession, audit: AuditEvent) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, org_id, created_at, last_seen_at, expires_at) \
             VALUES ($1, $2, $3, $4, $4, $5)",
        )
        .bind(&session.token_hash)
        .bind(session.user_id)
        .bind(session.org_id)
        .bind(Ts(session.created_at))
        .bind(Ts(session.expires_at))
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE users SET last_login_at = $1 WHERE id = $2")
            .bind(Ts(session.created_at))
            .bind(session.user_id)
            .execute(&mut *tx)
            .await?;
        append(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn active_session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
        idle_limit: chrono::Duration,
    ) -> Result<Option<SessionRecord>> {
        let row: Option<SessionRow> = sqlx::query_as(
            "SELECT s.user_id, s.org_id, s.last_seen_at, s.expires_at FROM sessions s \
             JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND NOT u.disabled",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row.filter(|r| crate::sqlite::session_is_live(r, now, idle_limit)) else {
            return Ok(None);
        };
        if now - row.last_seen_at.0 > chrono::Duration::seconds(60) {
            sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
                .bind(Ts(now))
                .bind(token_hash)
                .execute(&self.pool)
                .await?;
        }
        let user = self.user_in_org(row.org_id, row.user_id).await?;
        let org = self.org_by_id(row.org_id).await?;
        Ok(user.zip(org).map(|(user, org)| SessionRecord {
            user,
            org,
            expires_at: row.expires_at.0,
        }))
    }

    async fn delete_session(&self, token_hash: &str, audit: AuditEvent) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&mut *tx)
            .await?;
        append(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn purge_expired(&self, now: DateTime<Utc>, idle_limit: chrono::Duration) -> Result<u64> {
        let mut tx = self.write().await?;
        let sessions =
            sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
                .bind(Ts(now))
                .bind(Ts(now - idle_limit))
                .execute(&mut *tx)
                .await?
                .rows_affected();
        let failures = sqlx::query("DELETE FROM login_failures WHERE at <= $1")
            .bind(Ts(now - chrono::Duration::days(1)))
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(sessions + failures)
    }

    async fn create_token(&self, token: &NewToken, audit: AuditEvent) -> Result<ApiToken> {
        let mut tx = self.write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO api_tokens (org_id, name, token_hash, scopes, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(token.org_id)
        .bind(&token.name)
        .bind(&token.token_hash)
        .bind(Scope::join(&token.scopes))
        .bind(Ts(token.created_at))
        .fetch_one(&mut *tx)
        .await?;
        let row: TokenRow = sqlx::query_as(&format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens t JOIN organisations o ON o.id = t.org_id \
             WHERE t.id = $1"
        ))
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        append(&mut tx, audit.with_object(id)).await?;
        tx.commit().await?;
        ApiToken::try_from(row)
    }

    async fn use_token(&self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<ApiToken>> {
        let id: Option<i64> = sqlx::query_scalar(
            "UPDATE api_tokens SET last_used_at = $1 \
             WHERE token_hash = $2 AND revoked_at IS NULL RETURNING id",
        )
        .bind(Ts(now))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(id) = id else { return Ok(None) };
        let row: TokenRow = sqlx::query_as(&format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens t JOIN organisations o ON o.id = t.org_id \
             WHERE t.id = $1"
        ))
        .bind(id)
        .fetch_one(&self.pool)
        .await?;
        ApiToken::try_from(row).map(Some)
    }

    async fn list_tokens(&self, org_id: i64) -> Result<Vec<ApiToken>> {
        let rows: Vec<TokenRow> = sqlx::query_as(&format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens t JOIN organisations o ON o.id = t.org_id \
             WHERE t.org_id = $1 AND t.revoked_at IS NULL ORDER BY t.name"
        ))
        .bind(org_id)
        .fetch_all(&self.pool)
        .await?;
        convert_all(rows)
    }

    async fn record_login_failure(&self, failure: &LoginFailure) -> Result<()> {
        sqlx::query("INSERT INTO login_failures (at, account_key, ip_key) VALUES ($1, $2, $3)")
            .bind(Ts(failure.at))
            .bind(&failure.account_key)
            .bind(&failure.ip_key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn count_login_failures(
        &self,
        account_key: &str,
        ip_key: &str,
        since: DateTime<Utc>,
    ) -> Result<LoginFailureCounts> {
        let (account, ip): (i64, i64) = sqlx::query_as(
            "SELECT \
             (SELECT COUNT(*) FROM login_failures WHERE account_key = $1 AND at > $3), \
             (SELECT COUNT(*) FROM login_failures WHERE ip_key = $2 AND at > $3)",
        )
        .bind(account_key)
        .bind(ip_key)
        .bind(Ts(since))
        .fetch_one(&self.pool)
        .await?;
        Ok(LoginFailureCounts { account, ip })
    }

    async fn clear_login_failures(&self, account_key: &str) -> Result<()> {
        sqlx::query("DELETE FROM login_failures WHERE account_key = $1")
            .bind(account_key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn append_audit(&self, event: AuditEvent) -> Result<AuditEntry> {
        let mut tx = self.write().await?;
        let entry = append(&mut tx, event).await?;
        tx.commit().await?;
        Ok(entry)
    }

    async fn list_audit(
        &self,
        scope: OrgScope,
        before_seq: Option<i64>,
        limit: i64,
    ) -> Result<Vec<AuditEntry>> {
        let org = match scope {
            OrgScope::All => None,
            OrgScope::Only(id) => Some(id),
        };
        let rows: Vec<AuditRow> = sqlx::query_as(&format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_log \
             WHERE ($1::BIGINT IS NULL OR org_id = $1) AND seq < $2 ORDER BY seq DESC LIMIT $3"
        ))
        .bind(org)
        .bind(before_seq.unwrap_or(i64::MAX))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(AuditEntry::from).collect())
    }

    async fn audit_page(&self, after_seq: i64, limit: i64) -> Result<Vec<AuditEntry>> {
        let rows: Vec<AuditRow> = sqlx::query_as(&format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2"
        ))
        .bind(after_seq)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(AuditEntry::from).collect())
    }

    async fn backup_to(&self, _path: &Path) -> Result<()> {
        Err(StoreError::Unsupported(
            "maak een back-up van PostgreSQL met pg_dump, bijvoorbeeld: \
             pg_dump --format=custom --file=vangnet.dump \"$VANGNET_DATABASE_URL\""
                .into(),
        ))
    }
}
