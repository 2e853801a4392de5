//! The rules around the golden figures: hidden shares and amounts, medians,
//! charts drawn from the tables, and the event kinds each dashboard reads.

use super::facts::*;
use super::golden_tests::{check, d, signals};
use super::*;
use crate::casework::deadline::DeadlineSettings;
use crate::tenancy::EventKind;

#[test]
fn summaries_never_tell_a_hidden_share() {
    let event = |detail: &str, count| EventCount {
        month: d("2025-01-01"),
        kind: EventKind::Betalingsregeling,
        detail: Some(detail.into()),
        count,
    };
    for (kept, broken, summary) in [
        (
            9,
            3,
            "In 2025 werden 9 betalingsregelingen nagekomen en minder dan 5 verbroken.",
        ),
        (
            9,
            6,
            "In 2025 werden 9 betalingsregelingen nagekomen en 6 verbroken (60,0% nagekomen).",
        ),
    ] {
        let facts = VerhuurderFacts {
            events: vec![event("nagekomen", kept), event("verbroken", broken)],
            ..Default::default()
        };
        let dashboard = verhuurder_dashboard(&facts, "W", Period::Year(2025), "2025");
        assert_eq!(
            dashboard.section("betalingsregelingen").unwrap().summary,
            summary
        );
    }
}

#[test]
fn costs_avoided_are_withheld_when_they_would_give_a_small_count_away() {
    let facts = VerhuurderFacts {
        events: vec![EventCount {
            month: d("2025-01-01"),
            kind: EventKind::Voorkomen,
            detail: None,
            count: 3,
        }],
        eviction_cost_cents: Some(800_000),
        ..Default::default()
    };
    let dashboard = verhuurder_dashboard(&facts, "W", Period::Year(2025), "2025");
    check(
        &dashboard,
        &[
            ("vermeden-kosten", "Ontruimingen voorkomen", "Waarde", "<5"),
            (
                "vermeden-kosten",
                "Kosten per ontruiming (instelling)",
                "Waarde",
                "€ 8.000,00",
            ),
            ("vermeden-kosten", "Vermeden kosten", "Waarde", "–"),
        ],
    );
    let csv = dashboard.section("vermeden-kosten").unwrap().table.to_csv();
    assert!(!csv.contains("24000"), "{csv}");
}

#[test]
fn medians_in_tenths() {
    for (values, expected) in [
        (vec![(3, 5)], Some(30)),
        (vec![(1, 2), (4, 2)], None),
        (vec![(1, 3), (4, 3)], Some(25)),
        (vec![(0, 1), (2, 1), (9, 1), (10, 1), (11, 1)], Some(90)),
        (vec![(5, 10), (1, 10)], Some(30)),
        (vec![], None),
    ] {
        assert_eq!(
            deadlines::median_tenths(values.clone()),
            expected,
            "{values:?}"
        );
    }
}

#[test]
fn charts_draw_the_tables_own_numbers_and_skip_small_cells() {
    let facts = GemeenteFacts {
        signals: signals(),
        ..Default::default()
    };
    let dashboard = gemeente_dashboard(
        &facts,
        &DeadlineSettings::default(),
        "G",
        Period::Year(2025),
        "2025",
        d("2026-01-10"),
    );
    let (labels, series) = dashboard
        .section("signalen-per-soort")
        .unwrap()
        .chart_data();
    assert_eq!(labels.len(), 12);
    let huur = labels.iter().position(|l| l == "Huur").unwrap();
    let water = labels.iter().position(|l| l == "Water").unwrap();
    assert_eq!(series[0].1[huur], Some(100));
    assert_eq!(series[0].1[water], None);
}

#[test]
fn each_dashboard_reads_only_the_event_kinds_it_asks_for() {
    let events: Vec<EventCount> = EventKind::ALL
        .iter()
        .map(|&kind| EventCount {
            month: d("2025-01-01"),
            kind,
            detail: Some("nagekomen".into()),
            count: 7,
        })
        .collect();
    let only = |kinds: &[EventKind]| -> Vec<EventCount> {
        events
            .iter()
            .filter(|e| kinds.contains(&e.kind))
            .cloned()
            .collect()
    };
    let period = Period::Year(2025);
    let gemeente = |events| {
        let facts = GemeenteFacts {
            area_events: events,
            ..Default::default()
        };
        gemeente_dashboard(
            &facts,
            &DeadlineSettings::default(),
            "G",
            period,
            "2025",
            d("2026-01-01"),
        )
    };
    assert_eq!(
        gemeente(events.clone()),
        gemeente(only(&super::gemeente::EVENT_KINDS))
    );
    let verhuurder = |events| {
        let facts = VerhuurderFacts {
            events,
            ..Default::default()
        };
        verhuurder_dashboard(&facts, "V", period, "2025")
    };
    assert_eq!(
        verhuurder(events.clone()),
        verhuurder(only(&super::verhuurder::EVENT_KINDS))
    );
    let platform = |events| {
        let facts = PlatformFacts {
            events,
            ..Default::default()
        };
        platform_dashboard(&facts, period, "2025")
    };
    assert_eq!(
        platform(events.clone()),
        platform(only(&super::platform::EVENT_KINDS))
    );
}
