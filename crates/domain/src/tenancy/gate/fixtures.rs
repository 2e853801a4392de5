//! Helpers for the gate's tables: short event constructors, a tenancy
//! where every prevention step was taken, and one way to check a case.

use super::{evaluate, rules, GateInput};
use crate::ddas::ContactKind;
use crate::tenancy::event::{AgreementStatus, Event, EventKind, Grounds, PreventedBy, Step};
use crate::tenancy::policy::Policy;
use chrono::NaiveDate;

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

pub fn ev(kind: &str, date: &str) -> Event {
    Event::plain(EventKind::from_slug(kind).expect(kind), d(date))
}

pub fn contact(date: &str, soort: &str, bereikt: bool) -> Event {
    Event::contact(d(date), ContactKind::parse(soort).expect(soort), bereikt)
}

pub fn regeling(date: &str, status: &str, id: Option<&str>) -> Event {
    agreement(EventKind::Betalingsregeling, date, status, id)
}

pub fn laatste_kans(date: &str, status: &str) -> Event {
    agreement(EventKind::LaatsteKansOvereenkomst, date, status, None)
}

fn agreement(kind: EventKind, date: &str, status: &str, id: Option<&str>) -> Event {
    let status = AgreementStatus::from_slug(status).expect(status);
    Event::agreement(kind, d(date), status, id)
}

pub fn gepland(date: &str, planned: &str) -> Event {
    Event::eviction_planned(d(date), d(planned))
}

pub fn voorkomen(date: &str, hoe: &str) -> Event {
    Event::prevented(d(date), PreventedBy::from_slug(hoe).expect(hoe))
}

/// The default "today" of the tables: Monday 15 June 2026.
pub const TODAY: &str = "2026-06-15";

/// Every prevention step of the arrears track, all long enough ago for a
/// dagvaarding on `TODAY` (signal 2026-03-02: 105 days).
pub fn prevention_done() -> Vec<Event> {
    vec![
        ev("herinnering", "2026-02-02"),
        ev("veertiendagenbrief", "2026-02-16"),
        contact("2026-02-20", "Telefoon", true),
        ev("gewezen_op_schuldhulp", "2026-02-20"),
        ev("signaal_gemeente", "2026-03-02"),
        contact("2026-03-10", "Huisbezoek", false),
        ev("betalingsregeling_aangeboden", "2026-03-15"),
    ]
}

/// Huurachterstand in 0518, rent € 750, arrears € 2.400 (3.2 months).
pub fn input(step: &str, today: &str, events: Vec<Event>) -> GateInput {
    GateInput {
        today: d(today),
        step: Step::from_slug(step).expect(step),
        grounds: Grounds::Huurachterstand,
        gemeentecode: "0518".into(),
        monthly_rent_cents: 75_000,
        arrears_cents: 240_000,
        events,
        planned_date: None,
    }
}

/// `prevention_done` plus `extra`, for `step` on `TODAY`.
pub fn arrears(step: &str, extra: Vec<Event>) -> GateInput {
    let mut events = prevention_done();
    events.extend(extra);
    input(step, TODAY, events)
}

/// `prevention_done` without the events `drop` names.
pub fn without(step: &str, drop: &[&str]) -> GateInput {
    let events = prevention_done()
        .into_iter()
        .filter(|e| !drop.contains(&e.kind.slug()))
        .collect();
    input(step, TODAY, events)
}

pub struct Case {
    pub name: &'static str,
    pub input: GateInput,
    pub policy: Policy,
    /// The rules expected unmet; empty means allowed.
    pub unmet: &'static [&'static str],
}

pub fn case(name: &'static str, input: GateInput, unmet: &'static [&'static str]) -> Case {
    Case {
        name,
        input,
        policy: Policy::default(),
        unmet,
    }
}

impl Case {
    pub fn grounds(mut self, grounds: Grounds) -> Case {
        self.input.grounds = grounds;
        self
    }

    pub fn planned(mut self, date: &str) -> Case {
        self.input.planned_date = Some(d(date));
        self
    }

    pub fn policy(mut self, policy: Policy) -> Case {
        self.policy = policy;
        self
    }
}

/// An eviction planned on `planned` after a served judgment, with the
/// notice on `notice` and the melding on `melding`.
pub fn gepland_input(today: &str, notice: &str, melding: &str, planned: &str) -> Case {
    let events = vec![
        ev("vonnis", "2026-02-01"),
        ev("betekening", "2026-02-10"),
        ev("ontruimingsaanzegging", notice),
        ev("melding_gemeente_ontruiming", melding),
    ];
    case("", input("ontruiming_gepland", today, events), &[]).planned(planned)
}

/// A case built by a helper, named and with its expectation.
pub fn named(mut case: Case, name: &'static str, unmet: &'static [&'static str]) -> Case {
    case.name = name;
    case.unmet = unmet;
    case
}

pub fn with_events(mut case: Case, extra: Vec<Event>) -> Case {
    case.input.events.extend(extra);
    case
}

/// An eviction notice after a judgment served on 10 April 2026.
pub fn judged(extra: Vec<Event>) -> GateInput {
    let mut events = vec![ev("vonnis", "2026-04-01"), ev("betekening", "2026-04-10")];
    events.extend(extra);
    input("ontruimingsaanzegging", TODAY, events)
}

/// Each case: exactly the expected rules unmet, every rule of the step
/// listed once, and allowed exactly when nothing is unmet.
pub fn check(cases: Vec<Case>) -> usize {
    for case in &cases {
        let decision = evaluate(&case.input, &case.policy)
            .unwrap_or_else(|e| panic!("{}: invalid input: {e}", case.name));
        let unmet: Vec<&str> = decision
            .reasons
            .iter()
            .filter(|r| !r.met)
            .map(|r| r.rule)
            .collect();
        assert_eq!(unmet, case.unmet, "{}: {:#?}", case.name, decision.reasons);
        assert_eq!(decision.allowed, case.unmet.is_empty(), "{}", case.name);
        let listed: Vec<&str> = decision.reasons.iter().map(|r| r.rule).collect();
        assert_eq!(
            listed,
            rule_codes(&case.input, &case.policy),
            "{}: every rule of the step, once",
            case.name
        );
        assert_eq!(decision.policy_version, case.policy.version);
    }
    cases.len()
}

/// The codes of the rules `input.step` has, by running each rule.
pub fn rule_codes(input: &GateInput, policy: &Policy) -> Vec<&'static str> {
    let context = super::Context::new(input, policy);
    rules::for_step(input.step, input.grounds)
        .iter()
        .map(|rule| rule(&context).rule)
        .collect()
}
