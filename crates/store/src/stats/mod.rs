//! Statistics (issue 7): the grouped counts of `vangnet_domain::stats::facts`
//! for a period, read-only and without a single personal field, plus the two
//! small things statistics keep themselves: how often a kennisbank practice
//! was read (per month, no reader recorded) and a verhuurder's cost per
//! eviction. Every figure is computed by the domain from these counts.
//!
//! Each read is one grouped query over a date range on an index, so a year
//! of a large gemeente stays well within the dashboard's 200 ms (`vangnet
//! bench stats`).

pub(crate) mod fold;
mod queries;
pub(crate) mod sql;

pub(crate) use queries::stats_impl;

use crate::{Result, StoreError};
use async_trait::async_trait;
use chrono::NaiveDate;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::stats::facts::{
    CaseDates, CaseGroup, EventCount, GateCount, KennisbankActivity, NoticeCount, OrgCount,
    OverrideCount, SignalCount, StageCount,
};
use vangnet_domain::tenancy::EventKind;

/// Whose records a count covers. Signals, cases and notices belong to a
/// gemeente; tenancy events to a verhuurder, or to the gemeente whose area
/// the tenancy is in. `All` is the platform's view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatsScope {
    All,
    Gemeente(i64),
    Verhuurder(i64),
}

/// Both ends included, Europe/Amsterdam calendar days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[async_trait]
pub trait StatsStore: Send + Sync {
    /// Signals by month of `signal_date` and partner type. `Verhuurder`
    /// scope: the signals it delivered.
    async fn signal_counts(&self, scope: StatsScope, range: DateRange) -> Result<Vec<SignalCount>>;
    /// Cases by month of `opened_on` and what became of them. `Verhuurder`
    /// scope is not a case owner: an empty list.
    async fn case_groups(&self, scope: StatsScope, range: DateRange) -> Result<Vec<CaseGroup>>;
    /// Cases opened in the range by (opened, picked up, first contact), not
    /// declined ones.
    async fn case_dates(&self, scope: StatsScope, range: DateRange) -> Result<Vec<CaseDates>>;
    /// Art. 14 meldingen by month of `notified_on`: to the gemeente, from
    /// the verhuurder, or all.
    async fn notice_counts(&self, scope: StatsScope, range: DateRange) -> Result<Vec<NoticeCount>>;
    /// Tenancy events of the given kinds (none: an empty list) by month of
    /// `on_date`, kind and detail slug. A dashboard asks only for the kinds
    /// it shows (`vangnet_domain::stats::*::EVENT_KINDS`).
    async fn event_counts(
        &self,
        scope: StatsScope,
        range: DateRange,
        kinds: &[EventKind],
    ) -> Result<Vec<EventCount>>;
    /// A verhuurder's tenancies in arrears on `on`, by furthest track step.
    async fn arrears_by_stage(
        &self,
        verhuurder_org_id: i64,
        on: NaiveDate,
    ) -> Result<Vec<StageCount>>;
    /// Gate decisions evaluated in the range, by step and outcome.
    async fn gate_counts(&self, scope: StatsScope, range: DateRange) -> Result<Vec<GateCount>>;
    /// Override requests made in the range, by status.
    async fn override_counts(
        &self,
        scope: StatsScope,
        range: DateRange,
    ) -> Result<Vec<OverrideCount>>;
    /// Organisations per kind (the platform's totals).
    async fn org_counts(&self) -> Result<Vec<OrgCount>>;
    /// The kennisbank in the range, with the ten most-read practices.
    async fn kennisbank_activity(&self, range: DateRange) -> Result<KennisbankActivity>;
    /// Adds page reads: (practice id, first day of the month, reads). A
    /// node counts in memory and flushes now and then, so a page view
    /// never waits for a write. Not audited: no person is involved.
    async fn add_practice_reads(&self, reads: &[(i64, NaiveDate, u64)]) -> Result<()>;
    /// The verhuurder's cost per eviction in cents; `None`: the default.
    async fn eviction_cost(&self, verhuurder_org_id: i64) -> Result<Option<i64>>;
    /// Sets it (`None` back to the default), audited.
    async fn set_eviction_cost(
        &self,
        verhuurder_org_id: i64,
        cents: Option<i64>,
        audit: AuditEvent,
    ) -> Result<()>;
}

/// The largest cost per eviction accepted: a million euros is far beyond
/// any real case, so more is a typing error.
pub const MAX_EVICTION_COST_CENTS: i64 = 100_000_000;

pub(crate) fn check_eviction_cost(cents: Option<i64>) -> Result<()> {
    match cents {
        Some(c) if c <= 0 || c > MAX_EVICTION_COST_CENTS => Err(StoreError::Invalid(
            vangnet_domain::validation::Invalid::one(
                "eviction_cost_cents",
                "de kosten per ontruiming moeten meer dan € 0 en hoogstens € 1.000.000 zijn",
            ),
        )),
        _ => Ok(()),
    }
}
