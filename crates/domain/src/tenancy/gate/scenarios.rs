//! The gate's table for the arrears track up to the summons: every rule of
//! `deurwaarder` and `dagvaarding` met and unmet, and the boundary day of
//! each waiting period and threshold.

use super::fixtures::*;
use super::GateInput;
use crate::tenancy::event::Event;
use crate::tenancy::policy::Policy;

fn plus(mut input: GateInput, extra: Vec<Event>) -> GateInput {
    input.events.extend(extra);
    input
}

fn arrears_cents(mut input: GateInput, cents: i64) -> GateInput {
    input.arrears_cents = cents;
    input
}

/// Everything done, but the only contact attempts are `soort`.
fn contact_only(step: &str, soort: &str) -> GateInput {
    plus(
        without(step, &["contactpoging"]),
        vec![contact("2026-03-10", soort, true)],
    )
}

#[test]
fn deurwaarder_table() {
    let policy_receipt_0 = Policy {
        receipt_days: 0,
        ..Policy::default()
    };
    let cases = vec![
        case("everything done", arrears("deurwaarder", vec![]), &[]),
        case(
            "nothing done",
            input("deurwaarder", TODAY, vec![]),
            &[
                "reminder_sent",
                "fourteen_day_term_passed",
                "contact_attempted",
                "gemeente_signalled_or_objection",
            ],
        ),
        case(
            "no herinnering",
            without("deurwaarder", &["herinnering"]),
            &["reminder_sent"],
        ),
        case(
            "an aanmaning and a veertiendagenbrief are no herinnering",
            plus(
                without("deurwaarder", &["herinnering"]),
                vec![ev("aanmaning", "2026-03-01")],
            ),
            &["reminder_sent"],
        ),
        case(
            "no veertiendagenbrief",
            without("deurwaarder", &["veertiendagenbrief"]),
            &["fourteen_day_term_passed"],
        ),
        case(
            "term passed: today is sent + 2 + 15 days",
            plus(
                without("deurwaarder", &["veertiendagenbrief"]),
                vec![ev("veertiendagenbrief", "2026-05-29")],
            ),
            &[],
        ),
        case(
            "term not passed: one day short",
            plus(
                without("deurwaarder", &["veertiendagenbrief"]),
                vec![ev("veertiendagenbrief", "2026-05-30")],
            ),
            &["fourteen_day_term_passed"],
        ),
        case(
            "receipt_days 0: sent + 15 days",
            plus(
                without("deurwaarder", &["veertiendagenbrief"]),
                vec![ev("veertiendagenbrief", "2026-05-31")],
            ),
            &[],
        )
        .policy(policy_receipt_0),
        case(
            "the earliest letter counts",
            plus(
                arrears("deurwaarder", vec![]),
                vec![ev("veertiendagenbrief", "2026-06-10")],
            ),
            &[],
        ),
        case(
            "no contactpoging",
            without("deurwaarder", &["contactpoging"]),
            &["contact_attempted"],
        ),
        case(
            "a card through the door is a contactpoging",
            contact_only("deurwaarder", "Kaartje"),
            &[],
        ),
        case(
            "objection instead of a signal",
            plus(
                without("deurwaarder", &["signaal_gemeente"]),
                vec![ev("bezwaar_doorgeven", "2026-03-01")],
            ),
            &[],
        ),
        case(
            "neither signal nor objection",
            without("deurwaarder", &["signaal_gemeente"]),
            &["gemeente_signalled_or_objection"],
        ),
        case(
            "a running arrangement and debt help are the summons' rules",
            arrears(
                "deurwaarder",
                vec![
                    regeling("2026-04-01", "lopend", None),
                    ev("schuldhulp_gestart", "2026-04-02"),
                ],
            ),
            &[],
        ),
    ];
    assert_eq!(check(cases), 14);
}

#[test]
fn dagvaarding_table() {
    let two_and_a_half = Policy {
        dagvaarding_min_arrears_percent_of_rent: 250,
        ..Policy::default()
    };
    let cases = vec![
        case("everything done", arrears("dagvaarding", vec![]), &[]),
        case(
            "includes the deurwaarder's rules",
            without("dagvaarding", &["herinnering", "veertiendagenbrief"]),
            &["reminder_sent", "fourteen_day_term_passed"],
        ),
        case(
            "arrears exactly 3 months",
            arrears_cents(arrears("dagvaarding", vec![]), 225_000),
            &[],
        ),
        case(
            "arrears one cent short",
            arrears_cents(arrears("dagvaarding", vec![]), 224_999),
            &["arrears_threshold"],
        ),
        case(
            "2.5 months of an odd rent rounds up, for the tenant",
            GateInput {
                monthly_rent_cents: 75_001,
                arrears_cents: 187_502,
                ..arrears("dagvaarding", vec![])
            },
            &["arrears_threshold"],
        )
        .policy(two_and_a_half),
        case(
            "signal exactly 60 days ago",
            plus(
                without("dagvaarding", &["signaal_gemeente"]),
                vec![ev("signaal_gemeente", "2026-04-16")],
            ),
            &[],
        ),
        case(
            "signal 59 days ago",
            plus(
                without("dagvaarding", &["signaal_gemeente"]),
                vec![ev("signaal_gemeente", "2026-04-17")],
            ),
            &["signal_waiting_period"],
        ),
        case(
            "an objection lifts the wait for the signal",
            plus(
                without("dagvaarding", &["signaal_gemeente"]),
                vec![ev("bezwaar_doorgeven", "2026-06-01")],
            ),
            &[],
        ),
        case(
            "no signal and no objection",
            without("dagvaarding", &["signaal_gemeente"]),
            &["gemeente_signalled_or_objection", "signal_waiting_period"],
        ),
        case(
            "no home visit, only a phone call",
            contact_only("dagvaarding", "Telefoon"),
            &["home_visit"],
        ),
        case(
            "a home visit where the tenant was reached",
            contact_only("dagvaarding", "Huisbezoek"),
            &[],
        ),
        case(
            "no arrangement offered",
            without("dagvaarding", &["betalingsregeling_aangeboden"]),
            &["arrangement_offered"],
        ),
    ];
    assert_eq!(check(cases), 12);
}

#[test]
fn dagvaarding_debt_help_and_arrangements_table() {
    let debt = |events: Vec<Event>| arrears("dagvaarding", events);
    let cases = vec![
        case(
            "debt help started",
            debt(vec![ev("schuldhulp_gestart", "2026-04-01")]),
            &["no_debt_help_without_consent"],
        ),
        case(
            "debt help started, counsellor agreed later",
            debt(vec![
                ev("schuldhulp_gestart", "2026-04-01"),
                ev("schuldhulp_akkoord_escalatie", "2026-05-01"),
            ]),
            &[],
        ),
        case(
            "debt help started and ended",
            debt(vec![
                ev("schuldhulp_gestart", "2026-04-01"),
                ev("schuldhulp_beeindigd", "2026-05-01"),
            ]),
            &[],
        ),
        case(
            "a new start needs a new agreement",
            debt(vec![
                ev("schuldhulp_gestart", "2026-04-01"),
                ev("schuldhulp_akkoord_escalatie", "2026-04-15"),
                ev("schuldhulp_gestart", "2026-05-01"),
            ]),
            &["no_debt_help_without_consent"],
        ),
        case(
            "an agreement before the start does not count",
            debt(vec![
                ev("schuldhulp_akkoord_escalatie", "2026-03-20"),
                ev("schuldhulp_gestart", "2026-04-01"),
            ]),
            &["no_debt_help_without_consent"],
        ),
        case(
            "start and agreement on one day, in that order",
            debt(vec![
                ev("schuldhulp_gestart", "2026-04-01"),
                ev("schuldhulp_akkoord_escalatie", "2026-04-01"),
            ]),
            &[],
        ),
        case(
            "an arrangement being kept",
            debt(vec![regeling("2026-04-01", "lopend", None)]),
            &["no_arrangement_being_kept"],
        ),
        case(
            "an arrangement broken later",
            debt(vec![
                regeling("2026-04-01", "lopend", None),
                regeling("2026-05-01", "verbroken", None),
            ]),
            &[],
        ),
        case(
            "an arrangement kept to the end",
            debt(vec![
                regeling("2026-04-01", "lopend", None),
                regeling("2026-05-01", "nagekomen", None),
            ]),
            &[],
        ),
        case(
            "the latest date decides, not the order given",
            debt(vec![
                regeling("2026-05-01", "verbroken", None),
                regeling("2026-04-01", "lopend", None),
            ]),
            &[],
        ),
        case(
            "two arrangements by id, one still running",
            debt(vec![
                regeling("2026-04-01", "lopend", Some("A")),
                regeling("2026-04-01", "lopend", Some("B")),
                regeling("2026-05-01", "verbroken", Some("B")),
            ]),
            &["no_arrangement_being_kept"],
        ),
        case(
            "an update without id is another arrangement than one with",
            debt(vec![
                regeling("2026-04-01", "lopend", Some("A")),
                regeling("2026-05-01", "verbroken", None),
            ]),
            &["no_arrangement_being_kept"],
        ),
        case(
            "a voorkomen closes the track: earlier prevention does not carry over",
            input(
                "dagvaarding",
                TODAY,
                [
                    prevention_done(),
                    vec![
                        voorkomen("2026-04-01", "betalingsregeling"),
                        ev("herinnering", "2026-06-01"),
                    ],
                ]
                .concat(),
            ),
            &[
                "fourteen_day_term_passed",
                "contact_attempted",
                "gemeente_signalled_or_objection",
                "signal_waiting_period",
                "home_visit",
                "arrangement_offered",
            ],
        ),
        case(
            "no override: recording the blocked summons does not unblock it",
            plus(
                contact_only("dagvaarding", "Telefoon"),
                vec![ev("dagvaarding", TODAY)],
            ),
            &["home_visit"],
        ),
    ];
    assert_eq!(check(cases), 14);
}
