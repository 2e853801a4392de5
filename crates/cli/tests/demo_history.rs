//! `vangnet demo` with its two years of history: every month has signals
//! for Den Haag, cases end in a spread of DDAS results, evictions are both
//! carried out and prevented (in every way), and the kennisbank is read, as
//! the statistics store counts them.

mod support;

use chrono::{Datelike, Months, NaiveDate, Utc};
use std::collections::{BTreeMap, BTreeSet};
use support::server::DemoServer;
use vangnet_domain::tenancy::EventKind;
use vangnet_store::stats::{DateRange, StatsScope};
use vangnet_store::{SqliteStore, StatsStore, Store};

#[test]
fn the_demo_has_two_years_of_history() {
    let server = DemoServer::start_with(&[("VANGNET_DEMO_NO_HISTORY", "false")]);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let store = SqliteStore::open(&server.db_path.to_string_lossy())
            .await
            .expect("open the demo database");
        let haag = store.org_by_code("den-haag").await.unwrap().unwrap();
        let today = Utc::now().date_naive();
        let this_month = today.with_day(1).unwrap();
        let range = DateRange {
            from: this_month - Months::new(24),
            to: this_month.pred_opt().unwrap(),
        };
        let scope = StatsScope::Gemeente(haag.id);

        let mut per_month: BTreeMap<NaiveDate, u64> = BTreeMap::new();
        for count in store.signal_counts(scope, range).await.unwrap() {
            *per_month.entry(count.month).or_default() += count.count;
        }
        assert_eq!(per_month.len(), 24, "{per_month:?}");
        assert!(per_month.values().all(|n| *n >= 5), "{per_month:?}");
        let first = per_month.values().next().unwrap();
        let last = per_month.values().last().unwrap();
        assert!(last > first, "signals rise: {per_month:?}");

        let cases = store.case_groups(scope, range).await.unwrap();
        let results: BTreeSet<_> = cases.iter().filter_map(|c| c.end_result).collect();
        assert!(results.len() >= 8, "{results:?}");
        assert!(cases.iter().any(|c| c.repeat), "repeats");
        assert!(cases.iter().any(|c| c.handed_off), "hand-offs");
        assert!(cases.iter().any(|c| !c.picked_up), "declined");

        let events = store
            .event_counts(scope, range, &EventKind::ALL)
            .await
            .unwrap();
        let count = |kind: EventKind| -> u64 {
            events
                .iter()
                .filter(|e| e.kind == kind)
                .map(|e| e.count)
                .sum()
        };
        assert!(count(EventKind::Ontruimd) >= 10, "{events:?}");
        assert!(count(EventKind::Voorkomen) > count(EventKind::Ontruimd));
        let prevented: BTreeSet<_> = events
            .iter()
            .filter(|e| e.kind == EventKind::Voorkomen)
            .filter_map(|e| e.detail.clone())
            .collect();
        assert_eq!(prevented.len(), 5, "every way of preventing: {prevented:?}");
        let notices = store.notice_counts(scope, range).await.unwrap();
        assert!(!notices.is_empty(), "art. 14 meldingen");

        let corporation = store
            .org_by_code("haagse-woningstichting")
            .await
            .unwrap()
            .unwrap();
        let gate = store
            .gate_counts(StatsScope::Verhuurder(corporation.id), range)
            .await
            .unwrap();
        assert!(gate.iter().any(|g| !g.allowed), "a blocked step: {gate:?}");
        let kennisbank = store.kennisbank_activity(range).await.unwrap();
        assert!(!kennisbank.most_read.is_empty(), "{kennisbank:?}");
    });
}
