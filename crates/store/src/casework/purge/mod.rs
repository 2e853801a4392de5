//! Retention (bewaartermijnen): personal data goes when its period ends,
//! the anonymous rest stays for statistics. Which period applies, and when
//! it ends, is `domain::retention`; this module finds what is due with the
//! day's `Cutoffs` and removes it. A gemeente's signals and cases follow its
//! settings; what no gemeente owns (signals routed nowhere, rejected rows of
//! imports) follows the defaults.
//!
//! What a purge does, column by column:
//! - `signals` (per signal, when the signal is due): `bsn`, `initials`,
//!   `prefix`, `birth_date`, `phone`, `email`, `contact_wish`, `street`, `addition` become
//!   NULL; `surname` (NOT NULL) becomes ''; `house_number` (NOT NULL) 0;
//!   `postcode` keeps its four digits (PC4: thousands of addresses, so not
//!   a person, but still the area statistics and the queue filter by);
//!   `household_key` becomes "PC4|gewist", which never equals a real key,
//!   so nothing is matched to it again; `kenmerk`, the partner's reference
//!   that leads back to the person in the partner's books, becomes
//!   "gewist-ID " (the trailing space keeps it unique: a received kenmerk
//!   is always trimmed, so none can collide with it); `content_hash`, a hash
//!   over the personal fields that could confirm a guess, becomes ''.
//!   Kept: partner, partner type, amount, monthly rent, dates of the debt
//!   and the signal, crisis and warm-handover flags, the partner's answers,
//!   place name, routing, gemeente, case, match reason, status, version.
//!   `purged_at` records when.
//! - `signal_history` rows of the signal are deleted (old amounts and dates
//!   with the old content hash; statistics count signals, not versions).
//! - a case goes when it is due itself and none of its signals is left
//!   (never picked up: signals leave one by one as each one's period ends;
//!   picked up: all together): `case_notes` are deleted, `contact_attempts`
//!   lose their `note` (kind, reached, date and part of day stay: DDAS
//!   counts them), `case_events` lose their `summary` (a sentence that may
//!   quote a person; kind, time and actor stay), the reopening reason in
//!   `cases.state` becomes '', `household_key` becomes "PC4|gewist", and
//!   `purged_at` is set. Stage, dates, result, assignee and hand-off stay.
//! - `imports.rejected_csv` (whole rejected rows, names and all) becomes
//!   NULL once older than the shortest never-picked-up period in use.
//!
//! - the eviction track (`tenancies` and what hangs off them), when the
//!   track ended and went quiet: the latest stage event is `ontruimd` or
//!   `voorkomen`, and no event and no ledger entry is dated after the
//!   closed-case cut-off (`closed_case_months`, default 18 months) of the
//!   tenancy's gemeente (the defaults for a tenancy routed nowhere). A
//!   tenancy whose track is still running, or never started, stays.
//!   `tenancies`: `tenants` becomes '[]', `street` and `addition` NULL,
//!   `house_number` 0, `postcode` PC4, `household_key` "PC4|gewist",
//!   `reference` (the verhuurder's reference, which leads back to the
//!   tenant in its books) "gewist-ID "; kept: verhuurder, gemeente and
//!   gemeentecode, place name, grounds, monthly rent, start date, version.
//!   `tenancy_ledger`: `description` and `reference` become NULL; kind,
//!   date and amount stay. `tenancy_events`: `document_name` and
//!   `document_sha256` become NULL, and `details` keep only their facts
//!   (contact kind and reached, arrangement status, planned date, how it
//!   was prevented; an arrangement's own id and any other key go); kind,
//!   dates, recorder and gate decision stay. `gate_overrides`: `reason`
//!   becomes 'gewist', the document goes, `details` as for events; step,
//!   status and both people stay. `gate_decisions` are immutable (a
//!   trigger) and hold only the step, allowed, and the rules' messages
//!   (amounts and dates, never names), so they stay as they were made.
//!   The tenant channel: `tenant_letters.html` becomes '' (kind, amounts,
//!   link, event and dates stay), `tenant_responses` lose `detail` ('{}')
//!   and `answer` (kind, status, dates and people stay), and live
//!   `tenant_links` are revoked (only the token's hash was ever kept).
//!   `purged_at` records when.
//! - `eviction_notices` (the gemeente's copy of the address): with their
//!   tenancy, or on their own once the planned (else intended) eviction
//!   date is on or before the gemeente's closed-case cut-off: the same
//!   address columns and `tenants` as the tenancy; dates and organisations
//!   stay. The case a melding opened follows the case rules above.
//!
//! Not personal, so untouched: `audit_log` (ids and counts only, and
//! append-only), `users`, `sessions`, `api_tokens`, `login_failures`
//! (staff, stored as hashes), `imports.file_name` and `failure`.
//!
//! `plan.rs` works out what is due and how to remove it, `sql.rs` holds
//! the statements (the same on both backends), `backend.rs` the macro that
//! runs them on each.

mod backend;
pub(crate) mod plan;
pub(crate) mod sql;

pub(crate) use backend::purge_impl;

use crate::Result;
use async_trait::async_trait;
use chrono::NaiveDate;
use serde::Serialize;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::retention::{RetentionRule, RetentionSettings};

#[async_trait]
pub trait PurgeStore: Send + Sync {
    /// What a purge on `today` would remove, per gemeente and for what no
    /// gemeente owns; changes nothing.
    async fn purge_plan(&self, today: NaiveDate) -> Result<PurgeReport>;
    /// Removes it: one transaction per gemeente (and one for the rest),
    /// each with one audit entry (from `audit`, with the counts) when it
    /// removed anything. A gemeente that fails is reported and the others
    /// still go. Running it twice on the same day removes nothing more.
    async fn purge(&self, today: NaiveDate, audit: AuditEvent) -> Result<PurgeReport>;
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RuleCounts {
    pub never_picked_up: u64,
    pub picked_up_open: u64,
    pub closed_case: u64,
}

impl RuleCounts {
    pub fn get(&self, rule: RetentionRule) -> u64 {
        match rule {
            RetentionRule::NeverPickedUp => self.never_picked_up,
            RetentionRule::PickedUpOpen => self.picked_up_open,
            RetentionRule::ClosedCase => self.closed_case,
        }
    }

    pub fn total(&self) -> u64 {
        self.never_picked_up + self.picked_up_open + self.closed_case
    }

    pub(crate) fn add(&mut self, rule: RetentionRule) {
        match rule {
            RetentionRule::NeverPickedUp => self.never_picked_up += 1,
            RetentionRule::PickedUpOpen => self.picked_up_open += 1,
            RetentionRule::ClosedCase => self.closed_case += 1,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DueCase {
    pub case_id: i64,
    pub rule: RetentionRule,
}

/// One gemeente's part of a purge, or (`gemeente_org_id: None`) the part
/// no gemeente owns. Ids and counts only: no personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScopeReport {
    pub gemeente_org_id: Option<i64>,
    pub settings: RetentionSettings,
    pub signals: RuleCounts,
    /// Cases whose own data goes too, because none of their signals is left.
    pub cases: Vec<DueCase>,
    /// Imports whose rejected rows go.
    pub rejected_rows_imports: u64,
    /// Tenancies whose personal data goes (eviction track ended long ago).
    pub tenancies: u64,
    /// Art. 14 notices whose personal data goes.
    pub eviction_notices: u64,
}

impl ScopeReport {
    pub fn case_counts(&self) -> RuleCounts {
        let mut counts = RuleCounts::default();
        self.cases.iter().for_each(|c| counts.add(c.rule));
        counts
    }

    pub fn is_empty(&self) -> bool {
        self.signals.total() == 0
            && self.cases.is_empty()
            && self.rejected_rows_imports == 0
            && self.tenancies == 0
            && self.eviction_notices == 0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PurgeFailure {
    pub gemeente_org_id: Option<i64>,
    pub error: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PurgeReport {
    pub today: NaiveDate,
    pub dry_run: bool,
    pub scopes: Vec<ScopeReport>,
    pub failures: Vec<PurgeFailure>,
}

impl PurgeReport {
    pub(crate) fn new(today: NaiveDate, dry_run: bool, failures: Vec<PurgeFailure>) -> Self {
        PurgeReport {
            today,
            dry_run,
            scopes: Vec::new(),
            failures,
        }
    }

    pub fn signals(&self) -> u64 {
        self.scopes.iter().map(|s| s.signals.total()).sum()
    }

    pub fn cases(&self) -> u64 {
        self.scopes.iter().map(|s| s.cases.len() as u64).sum()
    }

    pub fn rejected_rows_imports(&self) -> u64 {
        self.scopes.iter().map(|s| s.rejected_rows_imports).sum()
    }

    pub fn tenancies(&self) -> u64 {
        self.scopes.iter().map(|s| s.tenancies).sum()
    }

    pub fn eviction_notices(&self) -> u64 {
        self.scopes.iter().map(|s| s.eviction_notices).sum()
    }
}
