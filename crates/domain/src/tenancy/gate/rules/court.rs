//! The rules after the court: the judgment and its service before an
//! eviction notice, the notice period and the gemeente's melding before an
//! eviction date, and a last-chance agreement that is being honoured.

use super::super::{count_nl, day, Context, Reason};
use super::prevention::id_nl;
use crate::tenancy::event::EventKind;
use crate::workdays::{add_working_days, working_days_between};
use chrono::{Days, NaiveDate};

pub const JUDGMENT: &str = "judgment";
pub const JUDGMENT_SERVED: &str = "judgment_served";
pub const NO_LAST_CHANCE_BEING_HONOURED: &str = "no_last_chance_agreement_being_honoured";
pub const NOTICE_PERIOD: &str = "notice_period";
pub const GEMEENTE_NOTIFIED: &str = "gemeente_notified";

pub fn judgment(c: &Context) -> Reason {
    match c.history.first(EventKind::Vonnis) {
        Some(e) => Reason::new(JUDGMENT, true, format!("Vonnis van {}.", day(e.date))),
        None => Reason::new(JUDGMENT, false, "Er is nog geen vonnis."),
    }
}

/// Only a betekening on or after the judgment can be its service; one
/// before it served something else (the summons is served too).
pub fn judgment_served(c: &Context) -> Reason {
    let Some(judgment) = c.history.first(EventKind::Vonnis) else {
        return Reason::new(
            JUDGMENT_SERVED,
            false,
            "Er is geen vonnis dat betekend kan zijn.",
        );
    };
    let served = c
        .history
        .all(EventKind::Betekening)
        .find(|e| e.date >= judgment.date);
    match served {
        Some(e) => Reason::new(
            JUDGMENT_SERVED,
            true,
            format!("Het vonnis is betekend op {}.", day(e.date)),
        ),
        None => Reason::new(
            JUDGMENT_SERVED,
            false,
            format!(
                "Het vonnis van {} is nog niet betekend (een betekening vóór het vonnis telt niet).",
                day(judgment.date)
            ),
        ),
    }
}

pub fn no_last_chance_being_honoured(c: &Context) -> Reason {
    let rule = NO_LAST_CHANCE_BEING_HONOURED;
    match c.history.honoured(EventKind::LaatsteKansOvereenkomst) {
        Some(e) => Reason::new(
            rule,
            false,
            format!(
                "De laatstekansovereenkomst{} wordt nagekomen (status lopend op {}); zolang die loopt, wordt niet ontruimd.",
                id_nl(e),
                day(e.date)
            ),
        ),
        None => Reason::new(
            rule,
            true,
            "Er loopt geen laatstekansovereenkomst die wordt nagekomen.",
        ),
    }
}

/// Calendar days between the notice and the planned date; exactly the
/// period is enough.
pub fn notice_period(c: &Context) -> Reason {
    let Some(notice) = c.history.first(EventKind::Ontruimingsaanzegging) else {
        return Reason::new(
            NOTICE_PERIOD,
            false,
            "Er is nog geen ontruimingsaanzegging.",
        );
    };
    let planned = planned(c);
    let need = c.extended(c.policy.aanzegging_to_ontruiming_days);
    let days = (planned - notice.date).num_days();
    let met = days >= i64::from(need);
    let mut message = format!(
        "De ontruimingsaanzegging van {} ligt {} vóór de geplande datum {} (minstens {need} nodig{})",
        day(notice.date),
        count_nl(days, "dag", "dagen"),
        day(planned),
        c.leniency_note("verlengd"),
    );
    if !met {
        let earliest = notice.date + Days::new(need.into());
        message.push_str(&format!("; op zijn vroegst op {}", day(earliest)));
    }
    message.push('.');
    Reason::new(NOTICE_PERIOD, met, message)
}

/// Working days after the melding up to and including the planned date,
/// on the calendar of the case deadlines.
pub fn gemeente_notified(c: &Context) -> Reason {
    let Some(melding) = c.history.first(EventKind::MeldingGemeenteOntruiming) else {
        return Reason::new(
            GEMEENTE_NOTIFIED,
            false,
            "De ontruiming is nog niet aan de gemeente gemeld (art. 14 Gerechtsdeurwaarderswet).",
        );
    };
    let (planned, holidays) = (planned(c), &c.policy.holidays);
    let need = c.extended(c.policy.melding_to_ontruiming_working_days);
    let working_days = working_days_between(melding.date, planned, holidays);
    let met = working_days >= i64::from(need);
    let mut message = format!(
        "De ontruiming is op {} aan de gemeente gemeld, {} vóór de geplande datum {} (minstens {need} nodig{})",
        day(melding.date),
        count_nl(working_days, "werkdag", "werkdagen"),
        day(planned),
        c.leniency_note("verlengd"),
    );
    if !met {
        let earliest = add_working_days(melding.date, need, holidays);
        message.push_str(&format!("; op zijn vroegst op {}", day(earliest)));
    }
    message.push('.');
    Reason::new(GEMEENTE_NOTIFIED, met, message)
}

fn planned(c: &Context) -> NaiveDate {
    c.input
        .planned_date
        .expect("validated: ontruiming_gepland has a planned date")
}
