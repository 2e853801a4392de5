//! The arrears-prevention rules: what must have been tried before a
//! bailiff or a summons, and what stands in their way.

use super::super::{count_nl, day, multiple_nl, Context, Reason};
use crate::ddas::ContactKind;
use crate::money::format_euros;
use crate::tenancy::event::{Details, Event, EventKind};
use crate::tenancy::first_cost_day;
use crate::tenancy::history::DebtHelp;
use chrono::Days;

pub const REMINDER_SENT: &str = "reminder_sent";
pub const FOURTEEN_DAY_TERM_PASSED: &str = "fourteen_day_term_passed";
pub const CONTACT_ATTEMPTED: &str = "contact_attempted";
pub const GEMEENTE_SIGNALLED_OR_OBJECTION: &str = "gemeente_signalled_or_objection";
pub const ARREARS_THRESHOLD: &str = "arrears_threshold";
pub const SIGNAL_WAITING_PERIOD: &str = "signal_waiting_period";
pub const HOME_VISIT: &str = "home_visit";
pub const ARRANGEMENT_OFFERED: &str = "arrangement_offered";
pub const NO_DEBT_HELP_WITHOUT_CONSENT: &str = "no_debt_help_without_consent";
pub const NO_ARRANGEMENT_BEING_KEPT: &str = "no_arrangement_being_kept";

/// A rule met by the first event of one kind, with a message for each case.
fn first_of(
    c: &Context,
    rule: &'static str,
    kind: EventKind,
    met: impl Fn(&Event) -> String,
    unmet: &str,
) -> Reason {
    match c.history.first(kind) {
        Some(event) => Reason::new(rule, true, met(event)),
        None => Reason::new(rule, false, unmet),
    }
}

/// A veertiendagenbrief or aanmaning is no herinnering: the issue counts
/// the reminder as its own step.
pub fn reminder(c: &Context) -> Reason {
    first_of(
        c,
        REMINDER_SENT,
        EventKind::Herinnering,
        |e| format!("Herinnering verstuurd op {}.", day(e.date)),
        "Er is nog geen herinnering verstuurd; een veertiendagenbrief of aanmaning telt niet als herinnering.",
    )
}

/// The earliest letter decides: if its term has not passed, no later
/// letter's term has.
pub fn fourteen_day_term(c: &Context) -> Reason {
    let Some(letter) = c.history.first(EventKind::Veertiendagenbrief) else {
        return Reason::new(
            FOURTEEN_DAY_TERM_PASSED,
            false,
            "Er is nog geen veertiendagenbrief verstuurd.",
        );
    };
    let term = c.extended(c.policy.veertiendagen_term_days);
    let from = first_cost_day(letter.date, c.policy.receipt_days, term);
    let (sent, note) = (day(letter.date), c.leniency_note("verlengd"));
    if c.input.today >= from {
        let message = format!(
            "De termijn van de veertiendagenbrief van {sent} is verstreken (voorbij sinds {}{note}).",
            day(from)
        );
        Reason::new(FOURTEEN_DAY_TERM_PASSED, true, message)
    } else {
        let message = format!(
            "De termijn van de veertiendagenbrief van {sent} loopt nog{note}; deze stap mag vanaf {}.",
            day(from)
        );
        Reason::new(FOURTEEN_DAY_TERM_PASSED, false, message)
    }
}

pub fn contact_attempt(c: &Context) -> Reason {
    first_of(
        c,
        CONTACT_ATTEMPTED,
        EventKind::Contactpoging,
        |e| format!("Eerste contactpoging op {}{}.", day(e.date), contact_nl(e)),
        "Er is nog geen contactpoging gedaan.",
    )
}

/// The decree lets the landlord pass the data on unless the tenant
/// objected, so an objection stands in for the signal.
pub fn signal_or_objection(c: &Context) -> Reason {
    let rule = GEMEENTE_SIGNALLED_OR_OBJECTION;
    if let Some(signal) = c.history.first(EventKind::SignaalGemeente) {
        let message = format!("De gemeente kreeg op {} een signaal.", day(signal.date));
        return Reason::new(rule, true, message);
    }
    first_of(
        c,
        rule,
        EventKind::BezwaarDoorgeven,
        |e| {
            format!(
                "De huurder maakte op {} bezwaar tegen het doorgeven van gegevens aan de gemeente.",
                day(e.date)
            )
        },
        "De gemeente heeft nog geen signaal gekregen, en de huurder heeft geen bezwaar gemaakt tegen doorgeven.",
    )
}

pub fn arrears_threshold(c: &Context) -> Reason {
    let percent = c.extended(c.policy.dagvaarding_min_arrears_percent_of_rent);
    let threshold =
        (i128::from(c.input.monthly_rent_cents) * i128::from(percent) + 99).div_euclid(100);
    let threshold = i64::try_from(threshold).unwrap_or(i64::MAX);
    let met = c.input.arrears_cents >= threshold;
    let message = format!(
        "De achterstand ({}) is {} {} × de maandhuur ({}{}).",
        format_euros(c.input.arrears_cents),
        if met { "minstens" } else { "minder dan" },
        multiple_nl(percent),
        format_euros(threshold),
        c.leniency_note("verhoogd"),
    );
    Reason::new(ARREARS_THRESHOLD, met, message)
}

/// "De gemeente moet tijd krijgen": the summons waits for the signal to
/// age, unless the tenant objected and no signal could be given.
pub fn signal_waiting_period(c: &Context) -> Reason {
    let rule = SIGNAL_WAITING_PERIOD;
    if let Some(objection) = c.history.first(EventKind::BezwaarDoorgeven) {
        let message = format!(
            "De huurder maakte op {} bezwaar tegen doorgeven; de wachttijd na een signaal aan de gemeente geldt dan niet.",
            day(objection.date)
        );
        return Reason::new(rule, true, message);
    }
    let need = c.extended(c.policy.signal_to_dagvaarding_days);
    let note = c.leniency_note("verlengd");
    let Some(signal) = c.history.first(EventKind::SignaalGemeente) else {
        let message = format!(
            "Er is nog geen signaal aan de gemeente gegeven; dagvaarden mag pas {need} dagen daarna{note}."
        );
        return Reason::new(rule, false, message);
    };
    let age = (c.input.today - signal.date).num_days();
    let from = signal.date + Days::new(need.into());
    let met = age >= i64::from(need);
    let mut message = format!(
        "Het signaal aan de gemeente van {} is {} oud (minstens {need} nodig{note})",
        day(signal.date),
        count_nl(age, "dag", "dagen")
    );
    if !met {
        message.push_str(&format!("; dagvaarden mag vanaf {}", day(from)));
    }
    message.push('.');
    Reason::new(rule, met, message)
}

/// Eropaf!: someone went to the door. Whether anyone opened does not
/// matter; going there does.
pub fn home_visit(c: &Context) -> Reason {
    let visit = c.history.all(EventKind::Contactpoging).find(|e| {
        matches!(
            e.details,
            Details::Contact {
                kind: ContactKind::HomeVisit,
                ..
            }
        )
    });
    match visit {
        Some(e) => Reason::new(
            HOME_VISIT,
            true,
            format!("Huisbezoek op {} ({}).", day(e.date), reached_nl(e)),
        ),
        None => Reason::new(
            HOME_VISIT,
            false,
            "Er is nog geen huisbezoek gedaan (ook een huisbezoek waarbij niemand opendeed telt).",
        ),
    }
}

pub fn arrangement_offered(c: &Context) -> Reason {
    first_of(
        c,
        ARRANGEMENT_OFFERED,
        EventKind::BetalingsregelingAangeboden,
        |e| format!("Betalingsregeling aangeboden op {}.", day(e.date)),
        "Er is nog geen betalingsregeling aangeboden.",
    )
}

pub fn no_debt_help_without_consent(c: &Context) -> Reason {
    let rule = NO_DEBT_HELP_WITHOUT_CONSENT;
    match c.history.debt_help() {
        DebtHelp::None => Reason::new(rule, true, "Er loopt geen schuldhulptraject."),
        DebtHelp::Active {
            since,
            agreed: Some(agreed),
        } => Reason::new(
            rule,
            true,
            format!(
                "De schuldhulpverlener stemde op {} in met doorgaan van de incasso (traject sinds {}).",
                day(agreed),
                day(since)
            ),
        ),
        DebtHelp::Active { since, agreed: None } => Reason::new(
            rule,
            false,
            format!(
                "Er loopt een schuldhulptraject sinds {}, en de schuldhulpverlener heeft niet ingestemd met doorgaan van de incasso.",
                day(since)
            ),
        ),
    }
}

pub fn no_arrangement_being_kept(c: &Context) -> Reason {
    let rule = NO_ARRANGEMENT_BEING_KEPT;
    match c.history.honoured(EventKind::Betalingsregeling) {
        Some(e) => Reason::new(
            rule,
            false,
            format!(
                "De betalingsregeling{} wordt nagekomen (status lopend op {}); zolang die loopt, wordt niet geëscaleerd.",
                id_nl(e),
                day(e.date)
            ),
        ),
        None => Reason::new(
            rule,
            true,
            "Er loopt geen betalingsregeling die wordt nagekomen.",
        ),
    }
}

/// " (Telefoon, bereikt)" for a contactpoging.
fn contact_nl(event: &Event) -> String {
    match event.details {
        Details::Contact { kind, .. } => format!(" ({kind}, {})", reached_nl(event)),
        _ => String::new(),
    }
}

fn reached_nl(event: &Event) -> &'static str {
    match event.details {
        Details::Contact { reached: true, .. } => "bereikt",
        _ => "niet bereikt",
    }
}

/// " R-12" for an agreement with an id.
pub(super) fn id_nl(event: &Event) -> String {
    match &event.details {
        Details::Agreement { id: Some(id), .. } => format!(" {id}"),
        _ => String::new(),
    }
}
