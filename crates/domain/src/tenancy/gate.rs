//! The gate (ontruimingspoort): before a step that moves a household
//! closer to the street, every rule of that step is checked and listed,
//! met or not, with a Dutch message. The step is allowed exactly when all
//! of them are met. The app, the API and `vangnet gate eval` all call
//! `evaluate`, so they cannot disagree.

mod request;
mod rules;

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod property;
#[cfg(test)]
mod scenarios;
#[cfg(test)]
mod scenarios_eviction;
#[cfg(test)]
mod scenarios_policy;
#[cfg(test)]
mod tests;

pub use request::GateRequest;

use super::event::{Details, Event, Grounds, Step};
use super::event_json::check_agreement_id;
use super::history::History;
use super::json::nested;
use super::policy::{Leniency, Policy};
use crate::org::parse_gemeentecode;
use crate::signal::MAX_AMOUNT_CENTS;
use crate::Invalid;
use chrono::NaiveDate;
use serde::Serialize;

/// What the gate decides on. Amounts are cents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GateInput {
    pub today: NaiveDate,
    pub step: Step,
    pub grounds: Grounds,
    /// The CBS code of the tenancy's gemeente, for moratoria and leniency.
    pub gemeentecode: String,
    pub monthly_rent_cents: i64,
    pub arrears_cents: i64,
    pub events: Vec<Event>,
    /// The eviction date asked for; only with `ontruiming_gepland`.
    pub planned_date: Option<NaiveDate>,
}

/// One rule of the step: its stable code, whether it is met, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub rule: &'static str,
    pub met: bool,
    pub message: String,
}

impl Reason {
    pub(crate) fn new(rule: &'static str, met: bool, message: impl Into<String>) -> Reason {
        Reason {
            rule,
            met,
            message: message.into(),
        }
    }
}

/// Serialises as `{"allowed":…,"reasons":[…],"policy_version":"…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GateDecision {
    pub allowed: bool,
    pub reasons: Vec<Reason>,
    pub policy_version: String,
}

/// Checks every rule of `input.step` under `policy`. Invalid input (an
/// event after today, a missing planned date, a broken policy) is refused
/// with every problem named by field, never decided on.
pub fn evaluate(input: &GateInput, policy: &Policy) -> Result<GateDecision, Invalid> {
    validate(input, policy)?;
    let context = Context::new(input, policy);
    let reasons: Vec<Reason> = rules::for_step(input.step, input.grounds)
        .iter()
        .map(|rule| rule(&context))
        .collect();
    Ok(GateDecision {
        allowed: reasons.iter().all(|r| r.met),
        reasons,
        policy_version: policy.version.clone(),
    })
}

/// Everything a rule reads.
pub(crate) struct Context<'a> {
    pub input: &'a GateInput,
    pub policy: &'a Policy,
    pub history: History<'a>,
    /// Leniency answers arrears from lost income, so it eases only the
    /// arrears grounds; it is fixed by the situation of `today`.
    pub leniency: Option<&'a Leniency>,
}

impl<'a> Context<'a> {
    fn new(input: &'a GateInput, policy: &'a Policy) -> Context<'a> {
        let leniency = match input.grounds {
            Grounds::Huurachterstand => policy.leniency_on(&input.gemeentecode, input.today),
            _ => None,
        };
        Context {
            input,
            policy,
            history: History::new(&input.events),
            leniency,
        }
    }

    /// A waiting period or threshold as it holds today.
    pub fn extended(&self, value: u32) -> u32 {
        self.leniency.map_or(value, |l| l.extend(value))
    }

    /// Added to a message whose number the leniency changed, inside its
    /// parentheses; `verb` says how ("verlengd", "verhoogd").
    pub fn leniency_note(&self, verb: &str) -> String {
        self.leniency
            .map(|l| {
                format!(
                    ", {verb} × {} door de coulanceregeling {}",
                    multiple_nl(l.factor_percent),
                    super::policy::Declaration::describe_nl(l)
                )
            })
            .unwrap_or_default()
    }
}

/// A percentage of the rent as a multiple: 300 → "3", 250 → "2,5".
pub(crate) fn multiple_nl(percent: u32) -> String {
    let (whole, hundredths) = (percent / 100, percent % 100);
    if hundredths == 0 {
        return whole.to_string();
    }
    let decimals = format!("{hundredths:02}");
    format!("{whole},{}", decimals.trim_end_matches('0'))
}

/// "1 dag", "2 dagen": a count with its noun in the right number.
pub(crate) fn count_nl(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A date as people read it: 05-03-2026.
pub(crate) fn day(date: NaiveDate) -> String {
    date.format("%d-%m-%Y").to_string()
}

fn validate(input: &GateInput, policy: &Policy) -> Result<(), Invalid> {
    let mut invalid = Invalid::default();
    if let Err(e) = parse_gemeentecode(&input.gemeentecode) {
        invalid.push("gemeentecode", e.reason);
    }
    if !(1..=MAX_AMOUNT_CENTS).contains(&input.monthly_rent_cents) {
        invalid.push(
            "monthly_rent_cents",
            format!("moet tussen 1 en {MAX_AMOUNT_CENTS} cent liggen"),
        );
    }
    if !(0..=MAX_AMOUNT_CENTS).contains(&input.arrears_cents) {
        invalid.push(
            "arrears_cents",
            format!("moet tussen 0 en {MAX_AMOUNT_CENTS} cent liggen"),
        );
    }
    match (input.step, input.planned_date) {
        (Step::OntruimingGepland, None) => invalid.push(
            "planned_date",
            "is verplicht bij de stap ontruiming_gepland",
        ),
        (Step::OntruimingGepland, Some(planned)) if planned < input.today => invalid.push(
            "planned_date",
            format!("ligt vóór vandaag ({})", day(input.today)),
        ),
        (Step::OntruimingGepland, Some(_)) | (_, None) => {}
        (_, Some(_)) => invalid.push(
            "planned_date",
            "hoort alleen bij de stap ontruiming_gepland",
        ),
    }
    for (i, event) in input.events.iter().enumerate() {
        check_event(event, input.today, &format!("events[{i}]"), &mut invalid);
    }
    if let Err(errors) = policy.validate() {
        invalid.errors.extend(nested(errors, "policy").errors);
    }
    invalid.into_result()
}

fn check_event(event: &Event, today: NaiveDate, path: &str, invalid: &mut Invalid) {
    if event.date > today {
        invalid.push(
            &format!("{path}.date"),
            format!(
                "{} ligt na vandaag ({}); alleen gebeurtenissen die al plaatsvonden tellen",
                day(event.date),
                day(today)
            ),
        );
    }
    let expected = event.kind.details_shape();
    if event.details.shape() != expected {
        invalid.push(
            path,
            format!(
                "de gegevens passen niet bij de soort {}: verwacht {}",
                event.kind,
                expected.keys_nl()
            ),
        );
    }
    match &event.details {
        Details::Agreement { id: Some(id), .. } => {
            if let Err(reason) = check_agreement_id(id) {
                invalid.push(&format!("{path}.id"), reason);
            }
        }
        Details::Planned { date } if *date < event.date => invalid.push(
            &format!("{path}.planned_date"),
            "ligt vóór de datum waarop de ontruiming werd gepland",
        ),
        _ => {}
    }
}
