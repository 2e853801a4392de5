//! Gathers a dashboard's facts from the store, concurrently (on PostgreSQL
//! each read runs on its own connection), and lets the domain compute the
//! figures. The only place that knows which facts each dashboard needs.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use std::collections::BTreeMap;
use vangnet_domain::calendar::amsterdam_to_utc;
use vangnet_domain::stats::facts::{ChannelCounts, GemeenteFacts, PlatformFacts, VerhuurderFacts};
use vangnet_domain::stats::{
    gemeente, gemeente_dashboard, platform, platform_dashboard, verhuurder, verhuurder_dashboard,
    Dashboard, Period,
};
use vangnet_domain::tenancy::EventKind;
use vangnet_domain::tenant_channel::LetterKind;
use vangnet_store::stats::{DateRange, StatsScope};
use vangnet_store::tenant_channel::ChannelCounts as StoredChannelCounts;
use vangnet_store::{CaseStore, Org, StatsStore, StoreError, TenantChannelStore};

fn range(period: Period) -> DateRange {
    let (from, to) = period.days();
    DateRange { from, to }
}

/// The period's Amsterdam days as UTC instants, [first midnight, the
/// midnight after the last day), for reads over timestamps.
fn instants(range: DateRange) -> (DateTime<Utc>, DateTime<Utc>) {
    let midnight = |day: NaiveDate| amsterdam_to_utc(day.and_time(NaiveTime::MIN));
    let after = range.to.checked_add_days(Days::new(1)).unwrap_or(range.to);
    (midnight(range.from), midnight(after))
}

/// The store keeps kinds as the domain's slugs; it writes no others, so
/// a slug the domain does not know cannot be counted under any label.
fn by_slug<K>(stored: BTreeMap<String, i64>, parse: impl Fn(&str) -> Option<K>) -> Vec<(K, u64)> {
    stored
        .into_iter()
        .filter_map(|(slug, n)| Some((parse(&slug)?, u64::try_from(n).unwrap_or(0))))
        .collect()
}

fn channel_facts(stored: StoredChannelCounts) -> ChannelCounts {
    ChannelCounts {
        letters: by_slug(stored.letters, LetterKind::from_slug),
        links_opened: u64::try_from(stored.links_opened).unwrap_or(0),
        responses: by_slug(stored.responses, EventKind::from_slug),
    }
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
    S: StatsStore + TenantChannelStore + ?Sized,
{
    let (scope, range) = (StatsScope::Verhuurder(org.id), range(period));
    // Arrears are a state, not a flow: as they stand at the period's end,
    // or today while the period is still running.
    let on = range.to.min(today);
    let (from, to) = instants(range);
    let (arrears_by_stage, events, gate, overrides, eviction_cost_cents, channel) = tokio::try_join!(
        store.arrears_by_stage(org.id, on),
        store.event_counts(scope, range, &verhuurder::EVENT_KINDS),
        store.gate_counts(scope, range),
        store.override_counts(scope, range),
        store.eviction_cost(org.id),
        store.channel_counts(org.id, from, to),
    )?;
    let facts = VerhuurderFacts {
        arrears_by_stage,
        events,
        gate,
        overrides,
        eviction_cost_cents,
        channel: channel_facts(channel),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_is_its_amsterdam_days_and_unknown_slugs_are_not_counted() {
        let day = |text: &str| text.parse::<NaiveDate>().unwrap();
        let at = |text: &str| text.parse::<DateTime<Utc>>().unwrap();
        for (from, to, start, end) in [
            (
                "2026-03-01",
                "2026-03-31",
                "2026-02-28T23:00:00Z",
                "2026-03-31T22:00:00Z",
            ),
            (
                "2026-10-25",
                "2026-10-25",
                "2026-10-24T22:00:00Z",
                "2026-10-25T23:00:00Z",
            ),
        ] {
            let range = DateRange {
                from: day(from),
                to: day(to),
            };
            assert_eq!(instants(range), (at(start), at(end)), "{from}..{to}");
        }
        let stored = StoredChannelCounts {
            letters: BTreeMap::from([("aanmaning".into(), 7), ("brief".into(), 3)]),
            links_opened: 4,
            responses: BTreeMap::from([("hulp_gevraagd".into(), 2)]),
        };
        assert_eq!(
            channel_facts(stored),
            ChannelCounts {
                letters: vec![(LetterKind::Aanmaning, 7)],
                links_opened: 4,
                responses: vec![(EventKind::HulpGevraagd, 2)],
            }
        );
    }
}
