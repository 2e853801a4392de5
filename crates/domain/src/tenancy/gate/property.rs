//! Properties over many random histories and requests, with a small
//! deterministic PRNG (no property-testing dependency): a step is allowed
//! exactly when every listed rule is met, the decision is the same every
//! time and whatever the order of events on different dates, recording
//! the blocked step itself (no approved override) never unblocks it, and
//! a moratorium without exceptions blocks every step.

use super::fixtures::d;
use super::{evaluate, GateInput};
use crate::ddas::ContactKind;
use crate::tenancy::event::{
    AgreementStatus, DetailsShape, Event, EventKind, Grounds, PreventedBy, Step,
};
use crate::tenancy::policy::{Leniency, Moratorium, Policy};
use chrono::{Days, NaiveDate};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// A day at most `span` days before `today`.
    fn day_before(&mut self, today: NaiveDate, span: usize) -> NaiveDate {
        today - Days::new(self.below(span + 1) as u64)
    }
}

fn event(rng: &mut Rng, today: NaiveDate) -> Event {
    let kind = rng.pick(&EventKind::ALL);
    let date = rng.day_before(today, 200);
    match kind.details_shape() {
        DetailsShape::None => Event::plain(kind, date),
        DetailsShape::Contact => Event::contact(date, rng.pick(&ContactKind::ALL), rng.chance(50)),
        DetailsShape::Agreement => {
            let id = rng.pick(&[None, None, Some("A"), Some("B")]);
            Event::agreement(kind, date, rng.pick(&AgreementStatus::ALL), id)
        }
        DetailsShape::Planned => Event::eviction_planned(date, date + Days::new(30)),
        DetailsShape::Prevented => Event::prevented(date, rng.pick(&PreventedBy::ALL)),
    }
}

fn request(rng: &mut Rng) -> GateInput {
    let today = d("2026-06-15") + Days::new(rng.below(400) as u64);
    let step = rng.pick(&Step::ALL);
    let count = rng.below(30);
    GateInput {
        today,
        step,
        grounds: if rng.chance(70) {
            Grounds::Huurachterstand
        } else {
            rng.pick(&Grounds::ALL)
        },
        gemeentecode: rng.pick(&["0518", "0363"]).to_string(),
        monthly_rent_cents: 40_000 + rng.below(100_000) as i64,
        arrears_cents: rng.below(600_000) as i64,
        events: (0..count).map(|_| event(rng, today)).collect(),
        planned_date: (step == Step::OntruimingGepland)
            .then(|| today + Days::new(rng.below(40) as u64)),
    }
}

fn policy(rng: &mut Rng, today: NaiveDate) -> Policy {
    let mut policy = Policy::default();
    let area = |rng: &mut Rng| rng.chance(50).then(|| vec!["0518".to_string()]);
    if rng.chance(25) {
        let from = rng.day_before(today, 60);
        policy.moratoria.push(Moratorium {
            from,
            to: from + Days::new(rng.below(90) as u64),
            gemeentecodes: area(rng),
            exceptions: if rng.chance(50) {
                Moratorium::default_exceptions()
            } else {
                Vec::new()
            },
        });
    }
    if rng.chance(25) {
        let from = rng.day_before(today, 60);
        policy.leniency.push(Leniency {
            from,
            to: from + Days::new(rng.below(90) as u64),
            gemeentecodes: area(rng),
            factor_percent: 100 + rng.below(200) as u32,
        });
    }
    policy
}

#[test]
fn allowed_exactly_when_every_rule_is_met_and_always_the_same() {
    let mut rng = Rng(5);
    let (mut allowed, mut blocked) = (0, 0);
    for round in 0..20_000 {
        let input = request(&mut rng);
        let policy = policy(&mut rng, input.today);
        let decision = evaluate(&input, &policy).unwrap_or_else(|e| panic!("{round}: {e}"));
        assert!(
            !decision.reasons.is_empty(),
            "{round}: the moratorium rule at least"
        );
        assert_eq!(
            decision.allowed,
            decision.reasons.iter().all(|r| r.met),
            "{round}: {input:?}"
        );
        assert_eq!(
            evaluate(&input, &policy),
            Ok(decision.clone()),
            "{round}: deterministic"
        );

        // Events of different dates may come in any order.
        let mut reordered = input.clone();
        reordered.events.reverse();
        reordered.events.sort_by_key(|e| e.date);
        let same_day_kept = distinct_dates(&input.events);
        if same_day_kept {
            assert_eq!(
                evaluate(&reordered, &policy),
                Ok(decision.clone()),
                "{round}: order"
            );
        }

        // No override: recording the step itself changes nothing.
        let mut recorded = input.clone();
        recorded.events.push(match input.step {
            Step::OntruimingGepland => {
                Event::eviction_planned(input.today, input.planned_date.unwrap())
            }
            step => Event::plain(step.kind(), input.today),
        });
        assert_eq!(
            evaluate(&recorded, &policy),
            Ok(decision.clone()),
            "{round}: recorded step"
        );

        if decision.allowed {
            allowed += 1
        } else {
            blocked += 1
        }
    }
    // The generator must reach both outcomes, or the property says little.
    assert!(
        allowed > 1_000 && blocked > 1_000,
        "allowed {allowed}, blocked {blocked}"
    );
}

fn distinct_dates(events: &[Event]) -> bool {
    let mut dates: Vec<NaiveDate> = events.iter().map(|e| e.date).collect();
    dates.sort();
    dates.windows(2).all(|w| w[0] != w[1])
}

#[test]
fn a_moratorium_without_exceptions_blocks_every_step() {
    let mut rng = Rng(11);
    for round in 0..5_000 {
        let input = request(&mut rng);
        let policy = Policy {
            moratoria: vec![Moratorium {
                from: input.today,
                to: input.today,
                gemeentecodes: None,
                exceptions: Vec::new(),
            }],
            ..Policy::default()
        };
        let decision = evaluate(&input, &policy).unwrap();
        assert!(!decision.allowed, "{round}: {input:?}");
        let moratorium = decision
            .reasons
            .iter()
            .find(|r| r.rule == "no_moratorium")
            .unwrap();
        assert!(!moratorium.met, "{round}");
    }
}
