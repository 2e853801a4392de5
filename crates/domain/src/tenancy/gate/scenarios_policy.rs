//! The gate's table for the policy: moratoria with and without exceptions
//! (also on the planned date), and leniency.

use super::fixtures::*;
use super::GateInput;
use crate::tenancy::event::Grounds;
use crate::tenancy::policy::{Leniency, Moratorium, Policy};

fn moratorium(from: &str, to: &str, codes: Option<&[&str]>, exceptions: &[Grounds]) -> Policy {
    Policy {
        moratoria: vec![Moratorium {
            from: d(from),
            to: d(to),
            gemeentecodes: codes.map(|c| c.iter().map(|s| s.to_string()).collect()),
            exceptions: exceptions.to_vec(),
        }],
        ..Policy::default()
    }
}

fn covid() -> Policy {
    moratorium(
        "2026-06-01",
        "2026-06-30",
        None,
        &Moratorium::default_exceptions(),
    )
}

fn leniency(from: &str, to: &str, codes: Option<&[&str]>) -> Policy {
    Policy {
        leniency: vec![Leniency {
            from: d(from),
            to: d(to),
            gemeentecodes: codes.map(|c| c.iter().map(|s| s.to_string()).collect()),
            factor_percent: 150,
        }],
        ..Policy::default()
    }
}

#[test]
fn moratorium_table() {
    let summons = || arrears("dagvaarding", vec![]);
    let cases = vec![
        case("covers today", summons(), &["no_moratorium"]).policy(covid()),
        case("starts today", summons(), &["no_moratorium"]).policy(moratorium(
            TODAY,
            "2026-07-01",
            None,
            &[],
        )),
        case("ends today", summons(), &["no_moratorium"]).policy(moratorium(
            "2026-05-01",
            TODAY,
            None,
            &[],
        )),
        case("ended yesterday", summons(), &[]).policy(moratorium(
            "2026-05-01",
            "2026-06-14",
            None,
            &[],
        )),
        case("starts tomorrow", summons(), &[]).policy(moratorium(
            "2026-06-16",
            "2026-07-01",
            None,
            &[],
        )),
        case("another gemeente", summons(), &[]).policy(moratorium(
            "2026-06-01",
            "2026-06-30",
            Some(&["0363"]),
            &[],
        )),
        case("this gemeente in the list", summons(), &["no_moratorium"]).policy(moratorium(
            "2026-06-01",
            "2026-06-30",
            Some(&["0363", "0518"]),
            &[],
        )),
        case(
            "criminaliteit is a default exception",
            input("deurwaarder", TODAY, vec![]),
            &[],
        )
        .grounds(Grounds::Criminaliteit)
        .policy(covid()),
        case(
            "ernstige overlast is a default exception",
            input("dagvaarding", TODAY, vec![]),
            &[],
        )
        .grounds(Grounds::ErnstigeOverlast)
        .policy(covid()),
        case(
            "overlast is no exception",
            input("deurwaarder", TODAY, vec![]),
            &["no_moratorium"],
        )
        .grounds(Grounds::Overlast)
        .policy(covid()),
        case(
            "hennep is no exception",
            input("deurwaarder", TODAY, vec![]),
            &["no_moratorium"],
        )
        .grounds(Grounds::Hennep)
        .policy(covid()),
        case(
            "no exceptions declared",
            input("deurwaarder", TODAY, vec![]),
            &["no_moratorium"],
        )
        .grounds(Grounds::Criminaliteit)
        .policy(moratorium("2026-06-01", "2026-06-30", None, &[])),
        case(
            "an eviction notice in a moratorium",
            judged(vec![]),
            &["no_moratorium"],
        )
        .policy(covid()),
        named(
            gepland_input("2026-05-29", "2026-05-01", "2026-05-29", "2026-06-03"),
            "a planned date inside a moratorium that starts later",
            &["no_moratorium_on_planned_date"],
        )
        .policy(covid()),
        named(
            gepland_input(TODAY, "2026-06-01", TODAY, "2026-07-01"),
            "a planned date after a moratorium that covers today",
            &["no_moratorium"],
        )
        .policy(covid()),
        named(
            gepland_input("2026-05-29", "2026-05-01", "2026-05-29", "2026-06-30"),
            "a planned date on the moratorium's last day",
            &["no_moratorium_on_planned_date"],
        )
        .policy(covid()),
        named(
            gepland_input("2026-05-29", "2026-05-01", "2026-05-29", "2026-07-01"),
            "a planned date the day after the moratorium",
            &[],
        )
        .policy(covid()),
    ];
    assert_eq!(check(cases), 17);
}

#[test]
fn leniency_table() {
    let lenient = || leniency("2026-06-01", "2026-06-30", None);
    let letter = |sent: &str| {
        let mut input = without("deurwaarder", &["veertiendagenbrief"]);
        input.events.push(ev("veertiendagenbrief", sent));
        input
    };
    let signal = |sent: &str| {
        let mut input = without("dagvaarding", &["signaal_gemeente"]);
        input.events.push(ev("signaal_gemeente", sent));
        input.arrears_cents = 337_500;
        input
    };
    let cases = vec![
        case(
            "the threshold rises to 4.5 months",
            arrears("dagvaarding", vec![]),
            &["arrears_threshold"],
        )
        .policy(lenient()),
        case(
            "arrears of exactly 4.5 months",
            GateInput {
                arrears_cents: 337_500,
                ..arrears("dagvaarding", vec![])
            },
            &[],
        )
        .policy(lenient()),
        case("signal exactly 90 days ago", signal("2026-03-17"), &[]).policy(lenient()),
        case(
            "signal 89 days ago",
            signal("2026-03-18"),
            &["signal_waiting_period"],
        )
        .policy(lenient()),
        case("letter term of 21 days passed", letter("2026-05-22"), &[]).policy(lenient()),
        case(
            "letter term of 21 days: one day short",
            letter("2026-05-23"),
            &["fourteen_day_term_passed"],
        )
        .policy(lenient()),
        case(
            "leniency ended yesterday",
            arrears("dagvaarding", vec![]),
            &[],
        )
        .policy(leniency("2026-05-01", "2026-06-14", None)),
        case("leniency elsewhere", arrears("dagvaarding", vec![]), &[]).policy(leniency(
            "2026-06-01",
            "2026-06-30",
            Some(&["0363"]),
        )),
        named(
            gepland_input(TODAY, "2026-06-10", TODAY, "2026-06-24"),
            "the notice period becomes 21 days",
            &["notice_period"],
        )
        .policy(lenient()),
        named(
            gepland_input(TODAY, "2026-05-20", TODAY, "2026-06-19"),
            "the melding needs 5 working days (4.5 rounded up)",
            &["gemeente_notified"],
        )
        .policy(lenient()),
        named(
            gepland_input(TODAY, "2026-05-20", TODAY, "2026-06-22"),
            "5 working days after the melding",
            &[],
        )
        .policy(lenient()),
        named(
            gepland_input(TODAY, "2026-06-10", TODAY, "2026-06-24"),
            "leniency is about arrears: overlast keeps 14 days",
            &[],
        )
        .grounds(Grounds::Overlast)
        .policy(lenient()),
    ];
    assert_eq!(check(cases), 12);
}
