use super::*;
use crate::workdays::LiberationDay;
use serde_json::json;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn moratorium(from: &str, to: &str, codes: Option<&[&str]>, exceptions: &[Grounds]) -> Moratorium {
    Moratorium {
        from: d(from),
        to: d(to),
        gemeentecodes: codes.map(|c| c.iter().map(|s| s.to_string()).collect()),
        exceptions: exceptions.to_vec(),
    }
}

fn leniency(from: &str, to: &str, codes: Option<&[&str]>, factor_percent: u32) -> Leniency {
    Leniency {
        from: d(from),
        to: d(to),
        gemeentecodes: codes.map(|c| c.iter().map(|s| s.to_string()).collect()),
        factor_percent,
    }
}

#[test]
fn defaults_are_those_of_the_issue() {
    let p = Policy::default();
    assert_eq!(p.version, "vangnet-standaard-1");
    assert_eq!(p.settings(), [2, 14, 60, 300, 14, 3]);
    assert!(p.moratoria.is_empty() && p.leniency.is_empty());
    assert_eq!(p.validate(), Ok(()));
    assert_eq!(Policy::from_json(&json!({})), Ok(p.clone()));
    assert_eq!(
        Moratorium::default_exceptions(),
        [Grounds::Criminaliteit, Grounds::ErnstigeOverlast]
    );
    assert_eq!(p.first_cost_day(d("2026-03-02")), d("2026-03-19"));
}

#[test]
fn validation_table() {
    let base = Policy::default();
    let table: Vec<(Policy, &str)> = vec![
        (
            Policy {
                version: " ".into(),
                ..base.clone()
            },
            "version: is verplicht",
        ),
        (
            Policy {
                receipt_days: 15,
                ..base.clone()
            },
            "receipt_days: moet tussen 0 en 14 liggen",
        ),
        (
            Policy {
                veertiendagen_term_days: 13,
                ..base.clone()
            },
            "veertiendagen_term_days: moet tussen 14 en 90 liggen",
        ),
        (
            Policy {
                melding_to_ontruiming_working_days: 0,
                ..base.clone()
            },
            "melding_to_ontruiming_working_days: moet tussen 1 en 60 liggen",
        ),
        (
            Policy {
                moratoria: vec![moratorium("2026-01-01", "2026-02-01", Some(&["518"]), &[])],
                ..base.clone()
            },
            "moratoria[0].gemeentecodes[0]: '518' is geen CBS-gemeentecode",
        ),
        (
            Policy {
                moratoria: vec![moratorium(
                    "2026-01-01",
                    "2026-02-01",
                    Some(&[" 0518"]),
                    &[],
                )],
                ..base.clone()
            },
            "moratoria[0].gemeentecodes[0]: mag geen spaties bevatten",
        ),
        (
            Policy {
                leniency: vec![leniency("2026-01-01", "2026-02-01", None, 90)],
                ..base.clone()
            },
            "leniency[0].factor_percent: moet tussen 100 en 500 procent liggen",
        ),
        (
            Policy {
                leniency: vec![leniency("2026-03-01", "2026-02-01", None, 150)],
                ..base.clone()
            },
            "leniency[0].to: ligt vóór de begindatum (from)",
        ),
    ];
    for (policy, expected) in table {
        let got = policy.validate().unwrap_err().to_string();
        assert!(got.contains(expected), "{expected}: {got}");
    }
}

#[test]
fn declarations_cover_inclusive_periods_and_their_area() {
    let m = moratorium("2026-06-01", "2026-06-30", Some(&["0518", "0363"]), &[]);
    let table = [
        ("0518", "2026-05-31", false),
        ("0518", "2026-06-01", true),
        ("0363", "2026-06-30", true),
        ("0518", "2026-07-01", false),
        ("0599", "2026-06-15", false),
    ];
    for (code, date, covered) in table {
        assert_eq!(m.covers(code, d(date)), covered, "{code} {date}");
    }
    assert!(moratorium("2026-06-01", "2026-06-01", None, &[]).covers("0599", d("2026-06-01")));
    let with_exception = moratorium("2026-06-01", "2026-06-30", None, &[Grounds::Hennep]);
    assert!(!with_exception.blocks(Grounds::Hennep, "0518", d("2026-06-15")));
    assert!(with_exception.blocks(Grounds::Overlast, "0518", d("2026-06-15")));
    assert_eq!(
        m.describe_nl(),
        "van 01-06-2026 t/m 30-06-2026 voor gemeenten 0518, 0363"
    );
}

#[test]
fn leniency_extends_rounding_up_and_the_most_lenient_wins() {
    let table = [
        (14, 150, 21),
        (3, 150, 5),
        (60, 150, 90),
        (300, 150, 450),
        (7, 100, 7),
        (1, 101, 2),
        (0, 500, 0),
    ];
    for (value, factor, extended) in table {
        assert_eq!(
            leniency("2026-01-01", "2026-01-02", None, factor).extend(value),
            extended
        );
    }
    let policy = Policy {
        leniency: vec![
            leniency("2026-06-01", "2026-06-30", None, 120),
            leniency("2026-06-10", "2026-06-20", Some(&["0518"]), 200),
        ],
        ..Policy::default()
    };
    let factor = |code, date| policy.leniency_on(code, d(date)).map(|l| l.factor_percent);
    assert_eq!(factor("0518", "2026-06-15"), Some(200));
    assert_eq!(factor("0363", "2026-06-15"), Some(120));
    assert_eq!(factor("0518", "2026-07-01"), None);
}

#[test]
fn collection_costs_wait_for_the_term_and_stop_under_leniency() {
    let policy = Policy {
        leniency: vec![leniency("2026-04-01", "2026-04-30", Some(&["0518"]), 150)],
        ..Policy::default()
    };
    let sent = d("2026-03-02");
    let table = [
        ("0518", "2026-03-18", false, "the last day of the term"),
        ("0518", "2026-03-19", true, "the first day after it"),
        ("0518", "2026-04-01", false, "leniency began"),
        ("0363", "2026-04-01", true, "leniency elsewhere"),
        ("0518", "2026-05-01", true, "leniency over"),
    ];
    for (code, today, allowed, why) in table {
        assert_eq!(
            policy.collection_costs_allowed(sent, code, d(today)),
            allowed,
            "{why}"
        );
    }
}

#[test]
fn json_overrides_merge_onto_a_base() {
    let platform = Policy {
        version: "platform-2026".into(),
        moratoria: vec![moratorium("2026-06-01", "2026-06-30", None, &[])],
        ..Policy::default()
    };
    let merged = Policy::merged(
        &platform,
        &json!({"receipt_days": 3, "holidays": {"good_friday": true}, "leniency": [{"from": "2026-01-01", "to": "2026-01-31"}]}),
    )
    .unwrap();
    assert_eq!(merged.receipt_days, 3);
    assert!(merged.holidays.good_friday);
    assert_eq!(merged.holidays.liberation_day, LiberationDay::Lustrum);
    assert_eq!(
        merged.moratoria, platform.moratoria,
        "a list not given is kept"
    );
    assert_eq!(merged.leniency[0].factor_percent, DEFAULT_LENIENCY_PERCENT);
    assert_eq!(merged.version, "platform-2026+aangepast");

    let cleared = Policy::merged(&platform, &json!({"moratoria": []})).unwrap();
    assert!(
        cleared.moratoria.is_empty(),
        "a list given replaces the list"
    );
    let no_exceptions = Policy::from_json(
        &json!({"moratoria": [{"from": "2026-06-01", "to": "2026-06-30", "gemeentecodes": null, "exceptions": []}]}),
    )
    .unwrap();
    assert!(no_exceptions.moratoria[0].exceptions.is_empty());
    assert_eq!(no_exceptions.moratoria[0].gemeentecodes, None);
    assert_eq!(
        Policy::merged(&platform, &json!({"receipt_days": 2}))
            .unwrap()
            .version,
        "platform-2026",
        "an override equal to the base changes nothing"
    );
}

#[test]
fn a_policy_reads_back_as_itself() {
    let policy = Policy {
        version: "v7".into(),
        moratoria: vec![moratorium(
            "2026-06-01",
            "2026-06-30",
            Some(&["0518"]),
            &[Grounds::Hennep],
        )],
        leniency: vec![leniency("2026-01-01", "2026-12-31", None, 175)],
        holidays: crate::workdays::HolidaySettings {
            good_friday: true,
            liberation_day: LiberationDay::EveryYear,
        },
        ..Policy::default()
    };
    let text = serde_json::to_string(&policy).unwrap();
    let back: Policy = serde_json::from_str(&text).unwrap();
    assert_eq!(back, policy);
    let refused = serde_json::from_str::<Policy>(r#"{"receipt_days": -1}"#).unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("receipt_days: moet een geheel getal van 0 of meer zijn"),
        "{refused}"
    );
}

#[test]
fn strictness_table() {
    let platform = Policy {
        moratoria: vec![moratorium(
            "2026-06-01",
            "2026-06-30",
            Some(&["0518"]),
            &[Grounds::Criminaliteit],
        )],
        leniency: vec![leniency("2026-01-01", "2026-03-31", None, 150)],
        ..Policy::default()
    };
    let same = platform.clone();
    let with = |f: &dyn Fn(&mut Policy)| {
        let mut p = platform.clone();
        f(&mut p);
        p
    };
    let table: Vec<(&str, Policy, Option<&str>)> = vec![
        ("the same policy", same, None),
        ("longer waits and a higher threshold", with(&|p| {
            p.signal_to_dagvaarding_days = 90;
            p.dagvaarding_min_arrears_percent_of_rent = 400;
            p.receipt_days = 3;
        }), None),
        ("an extra moratorium, wider and longer", with(&|p| {
            p.moratoria[0] = moratorium("2026-05-01", "2026-07-31", None, &[]);
            p.moratoria.push(moratorium("2027-01-01", "2027-01-31", None, &[]));
        }), None),
        ("more generous leniency", with(&|p| p.leniency[0].factor_percent = 200), None),
        ("more holidays", with(&|p| p.holidays.good_friday = true), None),
        ("a shorter wait after the signal", with(&|p| p.signal_to_dagvaarding_days = 30),
         Some("signal_to_dagvaarding_days: is 30; het platform vraagt minstens 60")),
        ("a lower arrears threshold", with(&|p| p.dagvaarding_min_arrears_percent_of_rent = 200),
         Some("dagvaarding_min_arrears_percent_of_rent: is 200")),
        ("a shorter notice period", with(&|p| p.aanzegging_to_ontruiming_days = 7),
         Some("aanzegging_to_ontruiming_days: is 7")),
        ("the platform's moratorium dropped", with(&|p| p.moratoria.clear()),
         Some("moratoria: het moratorium van het platform (van 01-06-2026 t/m 30-06-2026 voor gemeente 0518) ontbreekt of is beperkt")),
        ("the moratorium shortened", with(&|p| p.moratoria[0].to = d("2026-06-20")),
         Some("moratoria:")),
        ("the moratorium with an extra exception", with(&|p| p.moratoria[0].exceptions.push(Grounds::Overlast)),
         Some("moratoria:")),
        ("the moratorium moved to another area", with(&|p| p.moratoria[0].gemeentecodes = Some(vec!["0363".into()])),
         Some("moratoria:")),
        ("leniency less generous", with(&|p| p.leniency[0].factor_percent = 120),
         Some("leniency: de coulanceregeling van het platform (van 01-01-2026 t/m 31-03-2026 voor alle gemeenten, 150%)")),
        ("leniency for fewer gemeenten", with(&|p| p.leniency[0].gemeentecodes = Some(vec!["0518".into()])),
         Some("leniency:")),
    ];
    for (why, policy, laxer) in table {
        let got = policy.check_at_least_as_strict_as(&platform);
        assert_eq!(
            policy.is_at_least_as_strict_as(&platform),
            laxer.is_none(),
            "{why}"
        );
        if let Some(expected) = laxer {
            let got = got.unwrap_err().to_string();
            assert!(got.contains(expected), "{why}: {got}");
        }
    }
    let platform_holidays = Policy {
        holidays: crate::workdays::HolidaySettings {
            good_friday: true,
            liberation_day: LiberationDay::EveryYear,
        },
        ..Policy::default()
    };
    let got = Policy::default()
        .check_at_least_as_strict_as(&platform_holidays)
        .unwrap_err();
    assert_eq!(got.errors.len(), 2, "{got}");
}

#[test]
fn tightening_keeps_the_stricter_of_each_setting_and_holiday() {
    let platform = Policy {
        signal_to_dagvaarding_days: 90,
        receipt_days: 1,
        holidays: crate::workdays::HolidaySettings {
            good_friday: true,
            liberation_day: LiberationDay::EveryYear,
        },
        ..Policy::default()
    };
    let mine = Policy {
        signal_to_dagvaarding_days: 60,
        receipt_days: 3,
        aanzegging_to_ontruiming_days: 21,
        ..Policy::default()
    };
    let tightened = mine.clone().tightened_to(&platform);
    assert_eq!(tightened.signal_to_dagvaarding_days, 90, "the platform's");
    assert_eq!(tightened.receipt_days, 3, "the verhuurder's");
    assert_eq!(tightened.aanzegging_to_ontruiming_days, 21);
    assert!(tightened.is_at_least_as_strict_as(&platform));
    assert_eq!(tightened.moratoria, mine.moratoria);
    assert_eq!(
        Policy::default().tightened_to(&Policy::default()),
        Policy::default()
    );
}
