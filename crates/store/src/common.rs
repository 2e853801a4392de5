//! The part of the `Store` implementation whose SQL is the same on both
//! backends (`$N` parameters work in SQLite too). Each backend invokes
//! `impl_store!` with its own type and its own methods (connection,
//! migrations, locking, backups); the macro adds the shared ones. It needs
//! these in the invoking module: `self.pool`, `self.write()` (a write
//! transaction) and `append(&mut conn, event)` (the audit append).
//!
//! A macro rather than generic code because `#[async_trait]` must see every
//! method of the impl, and sqlx's generic executor bounds would obscure
//! simple queries.

use crate::rows::SessionRow;
use chrono::{DateTime, Utc};

/// Alive when it has not expired and was used recently enough.
pub(crate) fn session_is_live(
    row: &SessionRow,
    now: DateTime<Utc>,
    idle: chrono::Duration,
) -> bool {
    now < row.expires_at.0 && now - row.last_seen_at.0 < idle
}

/// A token's "last used" is kept to the minute: writing it on every API
/// request would make each read a write, and SQLite has one writer.
pub(crate) fn last_use_is_stale(last: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    last.is_none_or(|last| now - last >= chrono::Duration::minutes(1))
}

macro_rules! impl_store {
    ($backend:ty, { $($specific:tt)* }) => {
        #[async_trait::async_trait]
        impl $crate::Store for $backend {
            $($specific)*

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
                let rows: Vec<OrgRow> = sqlx::query_as(&format!(
                    "SELECT {ORG_COLUMNS} FROM organisations \
                     WHERE (CAST($1 AS BIGINT) IS NULL OR id = $1) ORDER BY code"
                ))
                .bind(scope.org_id())
                .fetch_all(&self.pool)
                .await?;
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
                let rows: Vec<UserRow> = sqlx::query_as(&format!(
                    "SELECT {USER_COLUMNS} FROM users \
                     WHERE (CAST($1 AS BIGINT) IS NULL OR org_id = $1) ORDER BY org_id, email"
                ))
                .bind(scope.org_id())
                .fetch_all(&self.pool)
                .await?;
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
                // A new password ends every session: it is often set after
                // a suspected compromise.
                sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?;
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
                let Some(row) = row.filter(|r| $crate::common::session_is_live(r, now, idle_limit)) else {
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
                let tenant_sessions = sqlx::query("DELETE FROM tenant_sessions WHERE expires_at <= $1")
                    .bind(Ts(now))
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                let failures = sqlx::query("DELETE FROM login_failures WHERE at <= $1")
                    .bind(Ts(now - chrono::Duration::days(1)))
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                tx.commit().await?;
                Ok(sessions + tenant_sessions + failures)
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
                let row: Option<TokenRow> = sqlx::query_as(&format!(
                    "SELECT {TOKEN_COLUMNS} FROM api_tokens t JOIN organisations o ON o.id = t.org_id \
                     WHERE t.token_hash = $1 AND t.revoked_at IS NULL"
                ))
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?;
                let Some(row) = row else { return Ok(None) };
                let mut token = ApiToken::try_from(row)?;
                if crate::common::last_use_is_stale(token.last_used_at, now) {
                    sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
                        .bind(Ts(now))
                        .bind(token.id)
                        .execute(&self.pool)
                        .await?;
                    token.last_used_at = Some(now);
                }
                Ok(Some(token))
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
                let rows: Vec<AuditRow> = sqlx::query_as(&format!(
                    "SELECT {AUDIT_COLUMNS} FROM audit_log \
                     WHERE (CAST($1 AS BIGINT) IS NULL OR org_id = $1) AND seq < $2 ORDER BY seq DESC LIMIT $3"
                ))
                .bind(scope.org_id())
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

        async fn match_settings(&self, gemeente_org_id: i64) -> Result<vangnet_domain::matching::MatchSettings> {
            let row: Option<(i64, i64)> = sqlx::query_as($crate::intake::sql::MATCH_SETTINGS)
                .bind(gemeente_org_id)
                .fetch_optional(&self.pool)
                .await?;
            Ok($crate::intake::match_settings_of(row))
        }

        async fn set_match_settings(
            &self,
            gemeente_org_id: i64,
            settings: vangnet_domain::matching::MatchSettings,
            audit: AuditEvent,
        ) -> Result<()> {
            let mut tx = self.write().await?;
            sqlx::query(
                "INSERT INTO gemeente_settings (org_id, matching_period_months, repeat_window_months) \
                 VALUES ($1, $2, $3) ON CONFLICT (org_id) DO UPDATE SET \
                 matching_period_months = excluded.matching_period_months, \
                 repeat_window_months = excluded.repeat_window_months",
            )
            .bind(gemeente_org_id)
            .bind(i64::from(settings.matching_period_months))
            .bind(i64::from(settings.repeat_window_months))
            .execute(&mut *tx)
            .await?;
            let detail = serde_json::to_value(settings).unwrap_or_default();
            append(&mut tx, audit.with_object(gemeente_org_id).in_org(Some(gemeente_org_id)).with_detail(detail)).await?;
            tx.commit().await?;
            Ok(())
        }

        async fn start_import(&self, import: &NewImport, audit: AuditEvent) -> Result<i64> {
            let mut tx = self.write().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO imports (partner_org_id, source, file_name, actor_user_id, started_at) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(import.partner_org_id)
            .bind(import.source.slug())
            .bind(&import.file_name)
            .bind(import.actor_user_id)
            .bind(Ts(Utc::now()))
            .fetch_one(&mut *tx)
            .await?;
            append(&mut tx, audit.with_object(id).in_org(Some(import.partner_org_id))).await?;
            tx.commit().await?;
            Ok(id)
        }

        async fn finish_import(&self, finished: &FinishedImport<'_>, audit: AuditEvent) -> Result<()> {
            let c = &finished.counts;
            let status = if finished.failure.is_some() { "failed" } else { "completed" };
            let mut tx = self.write().await?;
            sqlx::query(
                "UPDATE imports SET finished_at = $3, status = $4, accepted = $5, rejected = $6, \
                 duplicates = $7, updated = $8, objected = $9, cases_created = $10, \
                 cases_joined = $11, unroutable = $12, failure = $13, rejected_csv = $14 \
                 WHERE id = $1 AND partner_org_id = $2",
            )
            .bind(finished.import_id)
            .bind(finished.partner_org_id)
            .bind(Ts(Utc::now()))
            .bind(status)
            .bind(c.accepted)
            .bind(c.rejected)
            .bind(c.duplicates)
            .bind(c.updated)
            .bind(c.objected)
            .bind(c.cases_created)
            .bind(c.cases_joined)
            .bind(c.unroutable)
            .bind(finished.failure)
            .bind(finished.rejected_csv)
            .execute(&mut *tx)
            .await?;
            let detail = serde_json::to_value(c).unwrap_or_default();
            let event = audit
                .with_object(finished.import_id)
                .in_org(Some(finished.partner_org_id))
                .with_detail(detail);
            append(&mut tx, event).await?;
            tx.commit().await?;
            Ok(())
        }

        async fn list_imports(&self, partner_org_id: i64, limit: i64) -> Result<Vec<ImportRecord>> {
            Ok(sqlx::query_as(&format!(
                "{} WHERE partner_org_id = $1 ORDER BY id DESC LIMIT $2",
                $crate::common::IMPORT_SELECT
            ))
            .bind(partner_org_id)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?)
        }

        async fn import_record(&self, partner_org_id: i64, import_id: i64) -> Result<Option<ImportRecord>> {
            Ok(sqlx::query_as(&format!(
                "{} WHERE partner_org_id = $1 AND id = $2",
                $crate::common::IMPORT_SELECT
            ))
            .bind(partner_org_id)
            .bind(import_id)
            .fetch_optional(&self.pool)
            .await?)
        }

        async fn rejected_rows(&self, partner_org_id: i64, import_id: i64) -> Result<Option<String>> {
            let row: Option<Option<String>> = sqlx::query_scalar(
                "SELECT rejected_csv FROM imports WHERE id = $1 AND partner_org_id = $2",
            )
            .bind(import_id)
            .bind(partner_org_id)
            .fetch_optional(&self.pool)
            .await?;
            Ok(row.flatten())
        }

        async fn gemeente_signals(&self, gemeente_org_id: i64, page: Page) -> Result<Vec<GemeenteSignal>> {
            Ok(sqlx::query_as(&format!(
                "{} WHERE s.gemeente_org_id = $1 ORDER BY s.id DESC LIMIT $2 OFFSET $3",
                $crate::common::GEMEENTE_SIGNAL_SELECT
            ))
            .bind(gemeente_org_id)
            .bind(page.limit)
            .bind(page.offset)
            .fetch_all(&self.pool)
            .await?)
        }

        async fn partner_signals(&self, partner_org_id: i64, page: Page) -> Result<Vec<PartnerSignal>> {
            Ok(sqlx::query_as(&format!(
                "SELECT s.id, s.kenmerk, s.partner_type, s.amount_cents, s.signal_date, \
                 {} AS status, s.version, s.updated_at FROM signals s \
                 LEFT JOIN cases c ON c.id = s.case_id WHERE s.partner_org_id = $1 \
                 ORDER BY s.id DESC LIMIT $2 OFFSET $3",
                $crate::common::PARTNER_FEEDBACK
            ))
            .bind(partner_org_id)
            .bind(page.limit)
            .bind(page.offset)
            .fetch_all(&self.pool)
            .await?)
        }

        async fn gemeente_cases(&self, gemeente_org_id: i64, page: Page) -> Result<Vec<CaseOverview>> {
            Ok(sqlx::query_as(&format!(
                "{} WHERE c.gemeente_org_id = $1 ORDER BY c.id DESC LIMIT $2 OFFSET $3",
                $crate::common::CASE_SELECT
            ))
            .bind(gemeente_org_id)
            .bind(page.limit)
            .bind(page.offset)
            .fetch_all(&self.pool)
            .await?)
        }

        async fn case_detail(
            &self,
            gemeente_org_id: i64,
            case_id: i64,
        ) -> Result<Option<(CaseOverview, Vec<GemeenteSignal>)>> {
            let case: Option<CaseOverview> = sqlx::query_as(&format!(
                "{} WHERE c.gemeente_org_id = $1 AND c.id = $2",
                $crate::common::CASE_SELECT
            ))
            .bind(gemeente_org_id)
            .bind(case_id)
            .fetch_optional(&self.pool)
            .await?;
            let Some(case) = case else { return Ok(None) };
            let signals: Vec<GemeenteSignal> = sqlx::query_as(&format!(
                "{} WHERE s.gemeente_org_id = $1 AND s.case_id = $2 ORDER BY s.signal_date, s.id",
                $crate::common::GEMEENTE_SIGNAL_SELECT
            ))
            .bind(gemeente_org_id)
            .bind(case_id)
            .fetch_all(&self.pool)
            .await?;
            Ok(Some((case, signals)))
        }

        async fn unroutable_signals(&self, page: Page) -> Result<Vec<UnroutableSignal>> {
            Ok(sqlx::query_as(
                "SELECT s.id, o.name AS partner_name, s.kenmerk, s.postcode, s.routing, \
                 s.signal_date, s.created_at FROM signals s \
                 JOIN organisations o ON o.id = s.partner_org_id \
                 WHERE s.routing <> 'routed' ORDER BY s.id DESC LIMIT $1 OFFSET $2",
            )
            .bind(page.limit)
            .bind(page.offset)
            .fetch_all(&self.pool)
            .await?)
        }

        async fn signal_versions(&self, partner_org_id: i64, kenmerk: &str) -> Result<Vec<SignalVersion>> {
            Ok(sqlx::query_as(
                "SELECT h.version, h.amount_cents, h.signal_date FROM signal_history h \
                 JOIN signals s ON s.id = h.signal_id \
                 WHERE s.partner_org_id = $1 AND s.kenmerk = $2 \
                 UNION ALL SELECT version, amount_cents, signal_date FROM signals \
                 WHERE partner_org_id = $1 AND kenmerk = $2 ORDER BY version",
            )
            .bind(partner_org_id)
            .bind(kenmerk)
            .fetch_all(&self.pool)
            .await?)
        }
        }
    };
}

pub(crate) use impl_store;

pub(crate) const IMPORT_SELECT: &str = "SELECT id, partner_org_id, source, file_name, \
     started_at, finished_at, status, accepted, rejected, duplicates, updated, objected, \
     cases_created, cases_joined, unroutable, failure, \
     rejected_csv IS NOT NULL AS has_rejected_rows FROM imports";

pub(crate) const GEMEENTE_SIGNAL_SELECT: &str = "SELECT s.id, o.name AS partner_name, \
     s.partner_type, s.kenmerk, s.amount_cents, s.signal_date, s.crisis, s.warm_handover, \
     s.initials, s.prefix, s.surname, s.postcode, s.house_number, s.addition, s.city, \
     s.phone, s.email, s.contact_wish, s.case_id, s.match_reason, s.status, s.version \
     FROM signals s JOIN organisations o ON o.id = s.partner_org_id";

/// What a signal partner may learn of the case (DDAS: picked up or not),
/// as `domain::casework::state::partner_feedback` decides it from the state.
pub(crate) const PARTNER_FEEDBACK: &str = "CASE WHEN c.stage = 'niet-opgepakt' \
     THEN 'Niet opgepakt' WHEN c.picked_up_on IS NOT NULL THEN 'Opgepakt' \
     ELSE 'Nog niet opgepakt' END";

pub(crate) const CASE_SELECT: &str = "SELECT c.id, c.household_key, c.opened_on, c.closed_on, \
     c.repeat_of_case_id, \
     (SELECT COUNT(*) FROM signals s WHERE s.case_id = c.id) AS signal_count, \
     CAST(COALESCE((SELECT SUM(s.amount_cents) FROM signals s WHERE s.case_id = c.id), 0) \
       AS BIGINT) AS total_cents, \
     COALESCE((SELECT string_agg(d.partner_type, ', ') FROM (SELECT DISTINCT s.partner_type \
       FROM signals s WHERE s.case_id = c.id ORDER BY s.partner_type) d), '') AS partner_types \
     FROM cases c";
