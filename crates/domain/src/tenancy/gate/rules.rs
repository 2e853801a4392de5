//! Which rules each step has (issue 5, point 3), and the moratorium rule
//! every step shares. Dagvaarding includes deurwaarder's rules; the later
//! steps do not repeat the earlier ones, because their own events (a
//! vonnis, an aanzegging) already show the earlier steps were passed.

mod court;
mod prevention;

use super::{day, Context, Reason};
use crate::tenancy::event::{Grounds, Step};
use crate::tenancy::policy::Declaration;
use chrono::NaiveDate;

pub(crate) type Rule = fn(&Context) -> Reason;

pub const NO_MORATORIUM: &str = "no_moratorium";
pub const NO_MORATORIUM_ON_PLANNED_DATE: &str = "no_moratorium_on_planned_date";

const DEURWAARDER: [Rule; 4] = [
    prevention::reminder,
    prevention::fourteen_day_term,
    prevention::contact_attempt,
    prevention::signal_or_objection,
];

const DAGVAARDING: [Rule; 6] = [
    prevention::arrears_threshold,
    prevention::signal_waiting_period,
    prevention::home_visit,
    prevention::arrangement_offered,
    prevention::no_debt_help_without_consent,
    prevention::no_arrangement_being_kept,
];

/// The rules of `step` for `grounds`, in the order they are listed. The
/// arrears-prevention rules apply only to arrears; the other grounds keep
/// the court and eviction documentation and the moratoria.
pub(crate) fn for_step(step: Step, grounds: Grounds) -> Vec<Rule> {
    let arrears = grounds == Grounds::Huurachterstand;
    let mut rules: Vec<Rule> = match (step, arrears) {
        (Step::Deurwaarder, true) => DEURWAARDER.to_vec(),
        (Step::Dagvaarding, true) => [&DEURWAARDER[..], &DAGVAARDING[..]].concat(),
        (Step::Deurwaarder | Step::Dagvaarding, false) => Vec::new(),
        (Step::Ontruimingsaanzegging, _) => vec![court::judgment, court::judgment_served],
        (Step::OntruimingGepland, _) => vec![court::notice_period, court::gemeente_notified],
    };
    if arrears {
        match step {
            Step::Ontruimingsaanzegging => rules.push(court::no_last_chance_being_honoured),
            Step::OntruimingGepland => rules.extend([
                prevention::no_debt_help_without_consent as Rule,
                court::no_last_chance_being_honoured,
            ]),
            Step::Deurwaarder | Step::Dagvaarding => {}
        }
    }
    rules.push(no_moratorium);
    if step == Step::OntruimingGepland {
        rules.push(no_moratorium_on_planned_date);
    }
    rules
}

fn no_moratorium(c: &Context) -> Reason {
    moratorium_on(c, NO_MORATORIUM, c.input.today, "Vandaag")
}

/// An eviction planned inside a moratorium is blocked even when the
/// moratorium has not started yet today.
fn no_moratorium_on_planned_date(c: &Context) -> Reason {
    let planned = c
        .input
        .planned_date
        .expect("validated: ontruiming_gepland has a date");
    moratorium_on(
        c,
        NO_MORATORIUM_ON_PLANNED_DATE,
        planned,
        "Op de geplande datum",
    )
}

fn moratorium_on(c: &Context, rule: &'static str, date: NaiveDate, when: &str) -> Reason {
    let (grounds, code) = (c.input.grounds, c.input.gemeentecode.as_str());
    let mut covering = c.policy.moratoria.iter().filter(|m| m.covers(code, date));
    let when = format!("{when} ({})", day(date));
    if let Some(m) = c.policy.blocking_moratorium(grounds, code, date) {
        let except: Vec<&str> = m.exceptions.iter().map(|g| g.label_nl()).collect();
        let except = match except.as_slice() {
            [] => String::new(),
            list => format!(", behalve bij {}", list.join(" of ").to_lowercase()),
        };
        let message = format!(
            "{when} geldt een moratorium ({}): geen escalerende stappen{except}.",
            m.describe_nl()
        );
        return Reason::new(rule, false, message);
    }
    let message = match covering.next() {
        Some(m) => format!(
            "{when} geldt een moratorium ({}), maar niet bij {}.",
            m.describe_nl(),
            grounds.label_nl().to_lowercase()
        ),
        None => format!("{when} geldt geen moratorium voor gemeente {code}."),
    };
    Reason::new(rule, true, message)
}
