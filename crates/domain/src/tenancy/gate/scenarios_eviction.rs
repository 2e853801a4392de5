//! The gate's table after the court: the eviction notice and the eviction
//! date, and the grounds other than arrears.

use super::fixtures::*;
use super::GateInput;
use crate::tenancy::event::Grounds;
use crate::tenancy::policy::Policy;

const RULES_OF_GEPLAND: [&str; 4] = [
    "notice_period",
    "gemeente_notified",
    "no_debt_help_without_consent",
    "no_last_chance_agreement_being_honoured",
];

#[test]
fn ontruimingsaanzegging_table() {
    let cases = vec![
        case("judgment served", judged(vec![]), &[]),
        case(
            "no judgment",
            input("ontruimingsaanzegging", TODAY, vec![]),
            &["judgment", "judgment_served"],
        ),
        case(
            "judgment not served",
            input(
                "ontruimingsaanzegging",
                TODAY,
                vec![ev("vonnis", "2026-04-01")],
            ),
            &["judgment_served"],
        ),
        case(
            "a betekening before the judgment served something else",
            input(
                "ontruimingsaanzegging",
                TODAY,
                vec![ev("betekening", "2026-03-01"), ev("vonnis", "2026-04-01")],
            ),
            &["judgment_served"],
        ),
        case(
            "a last-chance agreement being honoured",
            judged(vec![laatste_kans("2026-05-01", "lopend")]),
            &["no_last_chance_agreement_being_honoured"],
        ),
        case(
            "a last-chance agreement broken",
            judged(vec![
                laatste_kans("2026-05-01", "lopend"),
                laatste_kans("2026-06-01", "verbroken"),
            ]),
            &[],
        ),
    ];
    assert_eq!(check(cases), 6);
}

#[test]
fn ontruiming_gepland_table() {
    let good_friday = Policy {
        holidays: crate::workdays::HolidaySettings {
            good_friday: true,
            ..Default::default()
        },
        ..Policy::default()
    };
    let cases = vec![
        named(
            gepland_input(TODAY, "2026-06-10", TODAY, "2026-06-24"),
            "notice exactly 14 days before",
            &[],
        ),
        named(
            gepland_input(TODAY, "2026-06-10", TODAY, "2026-06-23"),
            "notice 13 days before",
            &["notice_period"],
        ),
        named(
            gepland_input(TODAY, "2026-06-01", TODAY, "2026-06-18"),
            "melding Monday, eviction Thursday: 3 working days",
            &[],
        ),
        named(
            gepland_input(TODAY, "2026-05-01", TODAY, "2026-06-17"),
            "melding Monday, eviction Wednesday: 2 working days",
            &["gemeente_notified"],
        ),
        named(
            gepland_input("2026-06-10", "2026-05-20", "2026-06-10", "2026-06-13"),
            "a Saturday eviction: the weekend does not count",
            &["gemeente_notified"],
        ),
        named(
            gepland_input("2026-05-22", "2026-05-01", "2026-05-22", "2026-05-27"),
            "over Whit Monday: 2 working days",
            &["gemeente_notified"],
        ),
        named(
            gepland_input("2026-05-22", "2026-05-01", "2026-05-22", "2026-05-28"),
            "over Whit Monday: 3 working days",
            &[],
        ),
        named(
            gepland_input("2026-04-02", "2026-03-01", "2026-04-02", "2026-04-08"),
            "Easter without Goede Vrijdag off: 3 working days",
            &[],
        ),
        named(
            gepland_input("2026-04-02", "2026-03-01", "2026-04-02", "2026-04-08"),
            "Easter with Goede Vrijdag off: 2 working days",
            &["gemeente_notified"],
        )
        .policy(good_friday),
        case(
            "no notice and no melding",
            input("ontruiming_gepland", TODAY, vec![]),
            &["notice_period", "gemeente_notified"],
        )
        .planned("2026-07-01"),
        named(
            with_events(
                gepland_input(TODAY, "2026-06-01", TODAY, "2026-06-30"),
                vec![ev("schuldhulp_gestart", "2026-06-02")],
            ),
            "active debt help without agreement",
            &["no_debt_help_without_consent"],
        ),
        named(
            with_events(
                gepland_input(TODAY, "2026-06-01", TODAY, "2026-06-30"),
                vec![laatste_kans("2026-06-02", "lopend")],
            ),
            "a last-chance agreement being honoured",
            &["no_last_chance_agreement_being_honoured"],
        ),
    ];
    assert_eq!(check(cases), 12);
}

#[test]
fn other_grounds_table() {
    let nothing = |step: &str| input(step, TODAY, vec![]);
    let cases = vec![
        case(
            "overlast: a bailiff needs nothing",
            nothing("deurwaarder"),
            &[],
        )
        .grounds(Grounds::Overlast),
        case(
            "hennep: a summons needs no arrears",
            GateInput {
                arrears_cents: 0,
                ..nothing("dagvaarding")
            },
            &[],
        )
        .grounds(Grounds::Hennep),
        case(
            "ernstige overlast: the notice needs a served judgment",
            nothing("ontruimingsaanzegging"),
            &["judgment", "judgment_served"],
        )
        .grounds(Grounds::ErnstigeOverlast),
        case(
            "overlast: a last-chance agreement does not block the notice",
            judged(vec![laatste_kans("2026-05-01", "lopend")]),
            &[],
        )
        .grounds(Grounds::Overlast),
        case(
            "criminaliteit: eviction needs the notice and the melding",
            nothing("ontruiming_gepland"),
            &["notice_period", "gemeente_notified"],
        )
        .grounds(Grounds::Criminaliteit)
        .planned("2026-07-01"),
        named(
            with_events(
                gepland_input(TODAY, "2026-06-01", TODAY, "2026-06-30"),
                vec![
                    ev("schuldhulp_gestart", "2026-06-02"),
                    laatste_kans("2026-06-03", "lopend"),
                ],
            ),
            "hennep: debt help and a last chance do not block the eviction",
            &[],
        )
        .grounds(Grounds::Hennep),
    ];
    assert_eq!(check(cases), 6);
}

#[test]
fn the_rules_of_each_step() {
    let table: [(&str, Grounds, &[&str]); 8] = [
        (
            "deurwaarder",
            Grounds::Huurachterstand,
            &[
                "reminder_sent",
                "fourteen_day_term_passed",
                "contact_attempted",
                "gemeente_signalled_or_objection",
                "no_moratorium",
            ],
        ),
        (
            "dagvaarding",
            Grounds::Huurachterstand,
            &[
                "reminder_sent",
                "fourteen_day_term_passed",
                "contact_attempted",
                "gemeente_signalled_or_objection",
                "arrears_threshold",
                "signal_waiting_period",
                "home_visit",
                "arrangement_offered",
                "no_debt_help_without_consent",
                "no_arrangement_being_kept",
                "no_moratorium",
            ],
        ),
        (
            "ontruimingsaanzegging",
            Grounds::Huurachterstand,
            &[
                "judgment",
                "judgment_served",
                "no_last_chance_agreement_being_honoured",
                "no_moratorium",
            ],
        ),
        (
            "ontruiming_gepland",
            Grounds::Huurachterstand,
            &[
                RULES_OF_GEPLAND[0],
                RULES_OF_GEPLAND[1],
                RULES_OF_GEPLAND[2],
                RULES_OF_GEPLAND[3],
                "no_moratorium",
                "no_moratorium_on_planned_date",
            ],
        ),
        ("deurwaarder", Grounds::Overlast, &["no_moratorium"]),
        ("dagvaarding", Grounds::Criminaliteit, &["no_moratorium"]),
        (
            "ontruimingsaanzegging",
            Grounds::Hennep,
            &["judgment", "judgment_served", "no_moratorium"],
        ),
        (
            "ontruiming_gepland",
            Grounds::ErnstigeOverlast,
            &[
                "notice_period",
                "gemeente_notified",
                "no_moratorium",
                "no_moratorium_on_planned_date",
            ],
        ),
    ];
    for (step, grounds, expected) in table {
        let mut input = input(step, TODAY, vec![]);
        input.grounds = grounds;
        if step == "ontruiming_gepland" {
            input.planned_date = Some(d("2026-07-01"));
        }
        assert_eq!(
            rule_codes(&input, &Policy::default()),
            expected,
            "{step} {grounds}"
        );
    }
}
