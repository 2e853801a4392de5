//! The veertiendagenbrief's term: counted as the gate counts it, extended
//! by leniency where and when it holds, and shown as a date people read.

use super::tests::{d, lenient, GEMEENTE};
use super::text::long_date;
use super::*;
use crate::tenancy::{evaluate, Event, GateInput, Grounds, Step};

#[test]
fn leniency_elsewhere_or_another_time_changes_nothing() {
    let mut policy = lenient();
    policy.leniency[0].gemeentecodes = Some(vec!["0363".to_string()]);
    assert_eq!(
        costs_charged(&policy, GEMEENTE, d("2026-03-02")),
        CostsCharged::Yes
    );
    let policy = lenient();
    assert_eq!(
        costs_charged(&policy, GEMEENTE, d("2026-02-28")),
        CostsCharged::Yes
    );
    assert_eq!(
        costs_charged(&policy, GEMEENTE, d("2026-03-01")),
        CostsCharged::WaivedByLeniency
    );
    assert_eq!(
        costs_charged(&policy, GEMEENTE, d("2026-04-30")),
        CostsCharged::WaivedByLeniency
    );
    assert_eq!(
        costs_charged(&policy, GEMEENTE, d("2026-05-01")),
        CostsCharged::Yes
    );
}

/// The term's last day is the gate's last day of "still running": a
/// bailiff handover on it is refused for the term, the day after it is not.
#[test]
fn the_term_is_counted_exactly_as_the_gate_counts_it() {
    let longer = Policy {
        receipt_days: 3,
        veertiendagen_term_days: 20,
        ..Policy::default()
    };
    for policy in [Policy::default(), lenient(), longer] {
        for sent in ["2026-03-02", "2026-03-27", "2024-02-14", "2026-12-24"] {
            let sent = d(sent);
            let term = payment_term(&policy, GEMEENTE, sent);
            for (today, passed) in [(term.last_day, false), (term.first_cost_day, true)] {
                let gate = GateInput {
                    today,
                    step: Step::Deurwaarder,
                    grounds: Grounds::Huurachterstand,
                    gemeentecode: GEMEENTE.to_string(),
                    monthly_rent_cents: 75_000,
                    arrears_cents: 175_000,
                    events: vec![
                        Event::plain(EventKind::Herinnering, sent),
                        Event::plain(EventKind::Veertiendagenbrief, sent),
                    ],
                    planned_date: None,
                };
                let decision = evaluate(&gate, &policy).expect("valid input");
                let rule = decision
                    .reasons
                    .iter()
                    .find(|r| r.rule == "fourteen_day_term_passed")
                    .expect("the bailiff step checks the term");
                assert_eq!(rule.met, passed, "{sent} {today}: {}", rule.message);
            }
        }
    }
}

#[test]
fn long_dates_table() {
    for (date, expected) in [
        ("2026-03-18", "woensdag 18 maart 2026"),
        ("2026-01-01", "donderdag 1 januari 2026"),
        ("2024-02-29", "donderdag 29 februari 2024"),
        ("2026-12-27", "zondag 27 december 2026"),
    ] {
        assert_eq!(long_date(d(date)), expected);
    }
}
