//! Storage: one `Store` trait, one implementation per backend (SQLite, the
//! default single file; PostgreSQL, for larger installations), and one
//! contract test suite (`tests/contract.rs`) that runs against both.
//!
//! Every write that matters takes the `AuditEvent` that records it and writes
//! it in the same transaction, so a change without its audit entry cannot
//! exist. Every read of organisation-owned data takes the organisation.

#[doc(hidden)]
pub mod bench_fixture;
pub mod casework;
mod chain;
mod common;
mod error;
mod intake;
pub mod kennisbank;
mod migrations;
mod postgres;
mod records;
mod rows;
mod signal_records;
mod sqlite;
mod sqlite_intake;
pub mod stats;
pub mod tenancy;
pub mod tenant_channel;
mod ts;

pub use casework::CaseStore;
pub use error::StoreError;
pub use kennisbank::KennisbankStore;
pub use postgres::PgStore;
pub use records::*;
pub use signal_records::*;
pub use sqlite::SqliteStore;
pub use stats::StatsStore;
pub use tenant_channel::TenantChannelStore;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::path::Path;
use std::sync::Arc;
use vangnet_domain::audit::{AuditEntry, AuditEvent, BrokenLink, ChainVerifier};
use vangnet_domain::matching::MatchSettings;
use vangnet_domain::org::NewOrg;
use vangnet_domain::user::NewUser;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

#[async_trait]
pub trait Store:
    casework::CaseStore
    + casework::DdasStore
    + casework::PurgeStore
    + tenancy::TenancyStore
    + tenancy::NoticeMailStore
    + kennisbank::reminders::ReviewReminderStore
    + kennisbank::marker::KbChangeMarker
    + kennisbank::KennisbankStore
    + stats::StatsStore
    + tenant_channel::TenantChannelStore
    + tenant_channel::TenantSessionStore
    + Send
    + Sync
{
    /// "sqlite" or "postgres", for messages.
    fn backend(&self) -> &'static str;
    /// For tests that need the concrete backend (to act like an attacker
    /// with raw database access).
    fn as_any(&self) -> &dyn std::any::Any;
    /// Applies pending migrations and returns the names of those that ran.
    async fn migrate(&self) -> Result<Vec<String>>;
    /// Answers when the database does.
    async fn ping(&self) -> Result<()>;

    async fn create_org(&self, org: &NewOrg, audit: AuditEvent) -> Result<Org>;
    async fn list_orgs(&self, scope: OrgScope) -> Result<Vec<Org>>;
    async fn org_by_id(&self, id: i64) -> Result<Option<Org>>;
    async fn org_by_code(&self, code: &str) -> Result<Option<Org>>;

    async fn create_user(
        &self,
        org_id: i64,
        user: &NewUser,
        password_hash: &str,
        audit: AuditEvent,
    ) -> Result<User>;
    /// Users of one organisation, or of all with `OrgScope::All` (CLI only).
    async fn list_users(&self, scope: OrgScope) -> Result<Vec<User>>;
    /// A user, only if they belong to `org_id`.
    async fn user_in_org(&self, org_id: i64, user_id: i64) -> Result<Option<User>>;
    async fn user_by_email(&self, email: &str) -> Result<Option<User>>;
    /// The stored password hash of an account, for the login check.
    async fn password_hash(&self, user_id: i64) -> Result<Option<String>>;
    async fn set_password(
        &self,
        user_id: i64,
        password_hash: &str,
        audit: AuditEvent,
    ) -> Result<()>;
    /// Disabling also ends the user's sessions.
    async fn set_user_disabled(
        &self,
        user_id: i64,
        disabled: bool,
        audit: AuditEvent,
    ) -> Result<()>;

    async fn create_session(&self, session: &NewSession, audit: AuditEvent) -> Result<()>;
    /// The session if it exists, has not expired and was used within
    /// `idle_limit`; the lookup also marks it as used now.
    async fn active_session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
        idle_limit: chrono::Duration,
    ) -> Result<Option<SessionRecord>>;
    async fn delete_session(&self, token_hash: &str, audit: AuditEvent) -> Result<()>;
    /// Removes expired sessions (staff and tenant) and old login failures;
    /// returns rows removed.
    async fn purge_expired(&self, now: DateTime<Utc>, idle_limit: chrono::Duration) -> Result<u64>;

    async fn create_token(&self, token: &NewToken, audit: AuditEvent) -> Result<ApiToken>;
    /// A usable (not revoked) token by its hash; marks it as used (to the
    /// minute).
    async fn use_token(&self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<ApiToken>>;
    async fn list_tokens(&self, org_id: i64) -> Result<Vec<ApiToken>>;

    async fn record_login_failure(&self, failure: &LoginFailure) -> Result<()>;
    async fn count_login_failures(
        &self,
        account_key: &str,
        ip_key: &str,
        since: DateTime<Utc>,
    ) -> Result<LoginFailureCounts>;
    async fn clear_login_failures(&self, account_key: &str) -> Result<()>;

    /// Appends an event that has no other write of its own (a login, a
    /// denial, a token use).
    async fn append_audit(&self, event: AuditEvent) -> Result<AuditEntry>;
    /// Newest first, optionally only one organisation's entries.
    async fn list_audit(
        &self,
        scope: OrgScope,
        before_seq: Option<i64>,
        limit: i64,
    ) -> Result<Vec<AuditEntry>>;
    /// Oldest first from `after_seq`, for verification.
    async fn audit_page(&self, after_seq: i64, limit: i64) -> Result<Vec<AuditEntry>>;

    /// The gemeente's matching settings (defaults when none are set).
    async fn match_settings(&self, gemeente_org_id: i64) -> Result<MatchSettings>;
    async fn set_match_settings(
        &self,
        gemeente_org_id: i64,
        settings: MatchSettings,
        audit: AuditEvent,
    ) -> Result<()>;
    async fn start_import(&self, import: &NewImport, audit: AuditEvent) -> Result<i64>;
    /// Stores a batch of signals in one transaction and says per signal
    /// what happened. Batches are serialised, so concurrent imports end as
    /// if run one after the other.
    async fn store_signals(
        &self,
        import_id: i64,
        partner_org_id: i64,
        batch: &[NewSignal],
    ) -> Result<Vec<SignalOutcome>>;
    async fn finish_import(&self, finished: &FinishedImport<'_>, audit: AuditEvent) -> Result<()>;
    /// A partner's own imports, newest first.
    async fn list_imports(&self, partner_org_id: i64, limit: i64) -> Result<Vec<ImportRecord>>;
    /// One of the partner's own imports.
    async fn import_record(
        &self,
        partner_org_id: i64,
        import_id: i64,
    ) -> Result<Option<ImportRecord>>;
    /// The rejected rows of one of the partner's own imports, as CSV.
    async fn rejected_rows(&self, partner_org_id: i64, import_id: i64) -> Result<Option<String>>;
    /// Signals routed to a gemeente, newest first.
    async fn gemeente_signals(
        &self,
        gemeente_org_id: i64,
        page: Page,
    ) -> Result<Vec<GemeenteSignal>>;
    /// A partner's own signals with only the feedback DDAS allows.
    async fn partner_signals(&self, partner_org_id: i64, page: Page) -> Result<Vec<PartnerSignal>>;
    async fn gemeente_cases(&self, gemeente_org_id: i64, page: Page) -> Result<Vec<CaseOverview>>;
    /// One of the gemeente's cases with its signals.
    async fn case_detail(
        &self,
        gemeente_org_id: i64,
        case_id: i64,
    ) -> Result<Option<(CaseOverview, Vec<GemeenteSignal>)>>;
    async fn unroutable_signals(&self, page: Page) -> Result<Vec<UnroutableSignal>>;
    /// Every version of a partner's signal, oldest first.
    async fn signal_versions(
        &self,
        partner_org_id: i64,
        kenmerk: &str,
    ) -> Result<Vec<SignalVersion>>;

    /// A consistent copy of the database while it is in use.
    async fn backup_to(&self, path: &Path) -> Result<()>;
}

/// Connects by URL: `postgres://…` or `postgresql://…` selects PostgreSQL,
/// anything else is an SQLite file (`sqlite://path`, or a bare path).
pub async fn connect(url: &str) -> Result<Arc<dyn Store>> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PgStore::connect(url).await?))
    } else {
        Ok(Arc::new(SqliteStore::open(url).await?))
    }
}

/// Walks the whole audit log in pages and checks the chain.
pub async fn verify_audit(store: &dyn Store) -> Result<Result<u64, BrokenLink>> {
    let mut verifier = ChainVerifier::default();
    let mut after = 0;
    loop {
        let page = store.audit_page(after, 1000).await?;
        let Some(last) = page.last() else {
            return Ok(Ok(verifier.checked()));
        };
        after = last.seq;
        for entry in &page {
            if let Err(broken) = verifier.feed(entry) {
                return Ok(Err(broken));
            }
        }
    }
}

/// Drops the password from a URL before it is printed or logged.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}://{}:***@{}", &url[..scheme_end], user, &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn redact_url_table() {
        let cases = [
            (
                "postgres://app:geheim@db:5432/vangnet",
                "postgres://app:***@db:5432/vangnet",
            ),
            ("postgres://db/vangnet", "postgres://db/vangnet"),
            ("sqlite://vangnet.db", "sqlite://vangnet.db"),
        ];
        for (input, expected) in cases {
            assert_eq!(super::redact_url(input), expected);
        }
    }
}
