//! Gathers a dashboard's facts from the store, concurrently (on PostgreSQL
//! each read runs on its own connection), and lets the domain compute the
//! figures. The only place that knows which facts each dashboard needs.

use chrono::NaiveDate;
use vangnet_domain::stats::facts::{GemeenteFacts, PlatformFacts, VerhuurderFacts};
use vangnet_domain::stats::{
    gemeente, gemeente_dashboard, platform, platform_dashboard, verhuurder, verhuurder_dashboard,
    Dashboard, Period,
};
use vangnet_store::stats::{DateRange, StatsScope};
use vangnet_store::{CaseStore, Org, StatsStore, StoreError};

fn range(period: Period) -> DateRange {
    let (from, to) = period.days();
    DateRange { from, to }
}

pub async fn gemeente<S>(
    store: &S,
    org: &Org,
    period: Period,
    label: &str,
    today: NaiveDate,
) -> Result<Dashboard, StoreError>
where
    S: CaseStore + StatsStore + ?Sized,
{
    let (scope, range) = (StatsScope::Gemeente(org.id), range(period));
    let (signals, cases, case_dates, notices, area_events, settings) = tokio::try_join!(
        store.signal_counts(scope, range),
        store.case_groups(scope, range),
        store.case_dates(scope, range),
        store.notice_counts(scope, range),
        store.event_counts(scope, range, &gemeente::EVENT_KINDS),
        store.casework_settings(org.id),
    )?;
    let facts = GemeenteFacts {
        signals,
        cases,
        case_dates,
        notices,
        area_events,
    };
    Ok(gemeente_dashboard(
        &facts,
        &settings.deadlines,
        &org.name,
        period,
        label,
        today,
    ))
}

pub async fn verhuurder<S>(
    store: &S,
    org: &Org,
    period: Period,
    label: &str,
    today: NaiveDate,
) -> Result<Dashboard, StoreError>
where
    S: StatsStore + ?Sized,
{
    let (scope, range) = (StatsScope::Verhuurder(org.id), range(period));
    // Arrears are a state, not a flow: as they stand at the period's end,
    // or today while the period is still running.
    let on = range.to.min(today);
    let (arrears_by_stage, events, gate, overrides, eviction_cost_cents) = tokio::try_join!(
        store.arrears_by_stage(org.id, on),
        store.event_counts(scope, range, &verhuurder::EVENT_KINDS),
        store.gate_counts(scope, range),
        store.override_counts(scope, range),
        store.eviction_cost(org.id),
    )?;
    let facts = VerhuurderFacts {
        arrears_by_stage,
        events,
        gate,
        overrides,
        eviction_cost_cents,
    };
    Ok(verhuurder_dashboard(&facts, &org.name, period, label))
}

pub async fn platform<S>(store: &S, period: Period, label: &str) -> Result<Dashboard, StoreError>
where
    S: StatsStore + ?Sized,
{
    let (scope, range) = (StatsScope::All, range(period));
    let (signals, cases, notices, events, organisations, kennisbank) = tokio::try_join!(
        store.signal_counts(scope, range),
        store.case_groups(scope, range),
        store.notice_counts(scope, range),
        store.event_counts(scope, range, &platform::EVENT_KINDS),
        store.org_counts(),
        store.kennisbank_activity(range),
    )?;
    let facts = PlatformFacts {
        signals,
        cases,
        notices,
        events,
        organisations,
        kennisbank,
    };
    Ok(platform_dashboard(&facts, period, label))
}
