//! A case's lifecycle as a pure state machine: `apply(state, command)`
//! gives the next state or a Dutch reason why the step is not possible.
//!
//! Choices the standard leaves open:
//! - Contact attempts may be made before the pick-up decision: "Eropaf!"
//!   workers call or visit first and decide after.
//! - Closing needs a picked-up case; the three "Niet opgepakt: ..." results
//!   are reached by declining, so a picked-up case cannot end as one.
//! - Reopening (a closed or declined case) needs a reason and leads back to
//!   picked up through `PickUp`; a case that was picked up before keeps its
//!   first pick-up date, the one DDAS reports.
//! - A hand-off clears the assignee: the receiving organisation assigns its
//!   own worker. The latest hand-off stays on the state after closing, so
//!   that organisation keeps seeing the case it worked on.
//! - Notes may be added in every stage, also to a closed case.

use crate::ddas::{ContactKind, DeclineReason, EndResult, PartOfDay};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// How a free text of a command is checked and named in errors.
struct TextRule {
    missing: &'static str,
    name: &'static str,
    max: usize,
}

const NOTE: TextRule = TextRule {
    missing: "een notitie",
    name: "notitie",
    max: 4000,
};
const REASON: TextRule = TextRule {
    missing: "een reden",
    name: "reden",
    max: 500,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandOff {
    pub org_id: i64,
    pub on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// Not yet decided whether the gemeente picks it up.
    Open,
    PickedUp {
        on: NaiveDate,
    },
    NotPickedUp {
        reason: DeclineReason,
    },
    /// With a hulpverlening organisation (`CaseState::handed_off`), still in progress.
    HandedOff {
        picked_up_on: NaiveDate,
    },
    Closed {
        picked_up_on: NaiveDate,
        result: EndResult,
        on: NaiveDate,
    },
    /// Reopened after closing or declining; `PickUp` resumes the work.
    Reopened {
        reason: String,
        picked_up_on: Option<NaiveDate>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseState {
    pub stage: Stage,
    pub assignee: Option<i64>,
    /// The latest hand-off; set in stage `HandedOff` and kept afterwards.
    pub handed_off: Option<HandOff>,
    pub contact_attempts: u32,
    /// The earliest attempt: the first-contact deadline looks at it.
    pub first_contact_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `None` takes the case off the worker's list.
    Assign {
        worker: Option<i64>,
    },
    PickUp {
        on: NaiveDate,
    },
    Decline {
        reason: DeclineReason,
    },
    RecordContact {
        kind: ContactKind,
        reached: bool,
        on: NaiveDate,
        part_of_day: Option<PartOfDay>,
        note: Option<String>,
    },
    HandOff {
        to_org: i64,
        on: NaiveDate,
    },
    AddNote {
        text: String,
    },
    Close {
        result: EndResult,
        on: NaiveDate,
    },
    Reopen {
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TransitionError {
    #[error("Deze zaak is al afgesloten.")]
    AlreadyClosed,
    #[error("Deze zaak is afgesloten; heropen haar eerst.")]
    Closed,
    #[error("Deze zaak is niet opgepakt; heropen haar eerst.")]
    Declined,
    #[error("Deze zaak is al opgepakt.")]
    AlreadyPickedUp,
    #[error("Deze zaak is al opgepakt; sluit haar af met een eindresultaat.")]
    DeclineAfterPickUp,
    #[error("Pak de zaak eerst op.")]
    NotPickedUpYet,
    #[error("Het eindresultaat '{0}' hoort bij een zaak die niet is opgepakt; kies 'niet oppakken' of een ander eindresultaat.")]
    ResultMeansNotPickedUp(EndResult),
    #[error("De datum ligt vóór de datum waarop de zaak is opgepakt ({}).", .0.format("%d-%m-%Y"))]
    DateBeforePickUp(NaiveDate),
    #[error("De zaak is al overgedragen aan deze organisatie.")]
    SameOrganisation,
    #[error("Deze toewijzing geldt al.")]
    AssigneeUnchanged,
    #[error("Alleen een afgesloten of niet-opgepakte zaak kan worden heropend.")]
    NothingToReopen,
    #[error("Vul {0} in.")]
    TextMissing(&'static str),
    #[error("De {0} is te lang (maximaal {1} tekens).")]
    TextTooLong(&'static str, usize),
}

impl TransitionError {
    /// A stable code for API clients (problem+json) and tests.
    pub fn code(&self) -> &'static str {
        match self {
            TransitionError::AlreadyClosed => "already-closed",
            TransitionError::Closed => "closed",
            TransitionError::Declined => "declined",
            TransitionError::AlreadyPickedUp => "already-picked-up",
            TransitionError::DeclineAfterPickUp => "decline-after-pick-up",
            TransitionError::NotPickedUpYet => "not-picked-up-yet",
            TransitionError::ResultMeansNotPickedUp(_) => "result-means-not-picked-up",
            TransitionError::DateBeforePickUp(_) => "date-before-pick-up",
            TransitionError::SameOrganisation => "same-organisation",
            TransitionError::AssigneeUnchanged => "assignee-unchanged",
            TransitionError::NothingToReopen => "nothing-to-reopen",
            TransitionError::TextMissing(_) => "text-missing",
            TransitionError::TextTooLong(..) => "text-too-long",
        }
    }
}

impl Stage {
    /// The storage and filter form.
    pub fn slug(&self) -> &'static str {
        match self {
            Stage::Open => "open",
            Stage::PickedUp { .. } => "opgepakt",
            Stage::NotPickedUp { .. } => "niet-opgepakt",
            Stage::HandedOff { .. } => "overgedragen",
            Stage::Closed { .. } => "afgesloten",
            Stage::Reopened { .. } => "heropend",
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Stage::Open => "Nieuw",
            Stage::PickedUp { .. } => "Opgepakt",
            Stage::NotPickedUp { .. } => "Niet opgepakt",
            Stage::HandedOff { .. } => "Overgedragen",
            Stage::Closed { .. } => "Afgesloten",
            Stage::Reopened { .. } => "Heropend",
        }
    }
}

impl CaseState {
    /// A case as matching creates it.
    pub fn new() -> CaseState {
        CaseState {
            stage: Stage::Open,
            assignee: None,
            handed_off: None,
            contact_attempts: 0,
            first_contact_on: None,
        }
    }

    /// The first pick-up date, the `datum_opgepakt` of DDAS.
    pub fn picked_up_on(&self) -> Option<NaiveDate> {
        match &self.stage {
            Stage::Open | Stage::NotPickedUp { .. } => None,
            Stage::PickedUp { on } => Some(*on),
            Stage::HandedOff { picked_up_on } | Stage::Closed { picked_up_on, .. } => {
                Some(*picked_up_on)
            }
            Stage::Reopened { picked_up_on, .. } => *picked_up_on,
        }
    }
}

impl Default for CaseState {
    fn default() -> Self {
        CaseState::new()
    }
}

/// What a signal partner may learn of the case: DDAS feeds back only
/// whether the signal was picked up, never the result or the reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PartnerFeedback {
    NotYetDecided,
    PickedUp,
    NotPickedUp,
}

impl PartnerFeedback {
    pub fn label(self) -> &'static str {
        match self {
            PartnerFeedback::NotYetDecided => "Nog niet opgepakt",
            PartnerFeedback::PickedUp => "Opgepakt",
            PartnerFeedback::NotPickedUp => "Niet opgepakt",
        }
    }
}

pub fn partner_feedback(state: &CaseState) -> PartnerFeedback {
    match state.stage {
        Stage::NotPickedUp { .. } => PartnerFeedback::NotPickedUp,
        _ if state.picked_up_on().is_some() => PartnerFeedback::PickedUp,
        _ => PartnerFeedback::NotYetDecided,
    }
}

pub fn apply(state: &CaseState, command: &Command) -> Result<CaseState, TransitionError> {
    match command {
        Command::Assign { worker } => assign(state, *worker),
        Command::PickUp { on } => pick_up(state, *on),
        Command::Decline { reason } => decline(state, *reason),
        Command::RecordContact { on, note, .. } => record_contact(state, *on, note.as_deref()),
        Command::HandOff { to_org, on } => hand_off(state, *to_org, *on),
        Command::AddNote { text } => {
            check_text(&NOTE, text)?;
            Ok(state.clone())
        }
        Command::Close { result, on } => close(state, *result, *on),
        Command::Reopen { reason } => reopen(state, reason),
    }
}

/// The error for work on a case that has ended, if it has.
fn ended(state: &CaseState) -> Result<(), TransitionError> {
    match state.stage {
        Stage::Closed { .. } => Err(TransitionError::Closed),
        Stage::NotPickedUp { .. } => Err(TransitionError::Declined),
        _ => Ok(()),
    }
}

fn with_stage(state: &CaseState, stage: Stage) -> CaseState {
    CaseState {
        stage,
        ..state.clone()
    }
}

fn assign(state: &CaseState, worker: Option<i64>) -> Result<CaseState, TransitionError> {
    ended(state)?;
    if state.assignee == worker {
        return Err(TransitionError::AssigneeUnchanged);
    }
    Ok(CaseState {
        assignee: worker,
        ..state.clone()
    })
}

fn pick_up(state: &CaseState, on: NaiveDate) -> Result<CaseState, TransitionError> {
    ended(state)?;
    match &state.stage {
        Stage::Open => Ok(with_stage(state, Stage::PickedUp { on })),
        Stage::Reopened { picked_up_on, .. } => Ok(with_stage(
            state,
            Stage::PickedUp {
                on: picked_up_on.unwrap_or(on),
            },
        )),
        _ => Err(TransitionError::AlreadyPickedUp),
    }
}

fn decline(state: &CaseState, reason: DeclineReason) -> Result<CaseState, TransitionError> {
    ended(state)?;
    if state.picked_up_on().is_some() {
        return Err(TransitionError::DeclineAfterPickUp);
    }
    Ok(with_stage(state, Stage::NotPickedUp { reason }))
}

fn record_contact(
    state: &CaseState,
    on: NaiveDate,
    note: Option<&str>,
) -> Result<CaseState, TransitionError> {
    ended(state)?;
    if let Some(note) = note.filter(|n| !n.trim().is_empty()) {
        check_text(&NOTE, note)?;
    }
    let first = state.first_contact_on.map_or(on, |first| first.min(on));
    Ok(CaseState {
        contact_attempts: state.contact_attempts.saturating_add(1),
        first_contact_on: Some(first),
        ..state.clone()
    })
}

/// The pick-up date of a case in progress, the precondition of handing off and closing.
fn in_progress_since(state: &CaseState) -> Result<NaiveDate, TransitionError> {
    match state.stage {
        Stage::PickedUp { on } => Ok(on),
        Stage::HandedOff { picked_up_on } => Ok(picked_up_on),
        _ => Err(TransitionError::NotPickedUpYet),
    }
}

fn not_before_pick_up(on: NaiveDate, picked_up_on: NaiveDate) -> Result<(), TransitionError> {
    if on < picked_up_on {
        return Err(TransitionError::DateBeforePickUp(picked_up_on));
    }
    Ok(())
}

fn hand_off(state: &CaseState, to_org: i64, on: NaiveDate) -> Result<CaseState, TransitionError> {
    ended(state)?;
    let picked_up_on = in_progress_since(state)?;
    if matches!(state.stage, Stage::HandedOff { .. })
        && state.handed_off.is_some_and(|h| h.org_id == to_org)
    {
        return Err(TransitionError::SameOrganisation);
    }
    not_before_pick_up(on, picked_up_on)?;
    Ok(CaseState {
        stage: Stage::HandedOff { picked_up_on },
        assignee: None,
        handed_off: Some(HandOff { org_id: to_org, on }),
        ..state.clone()
    })
}

fn close(
    state: &CaseState,
    result: EndResult,
    on: NaiveDate,
) -> Result<CaseState, TransitionError> {
    if matches!(state.stage, Stage::Closed { .. }) {
        return Err(TransitionError::AlreadyClosed);
    }
    ended(state)?;
    let picked_up_on = in_progress_since(state)?;
    if result.means_not_picked_up() {
        return Err(TransitionError::ResultMeansNotPickedUp(result));
    }
    not_before_pick_up(on, picked_up_on)?;
    Ok(with_stage(
        state,
        Stage::Closed {
            picked_up_on,
            result,
            on,
        },
    ))
}

fn reopen(state: &CaseState, reason: &str) -> Result<CaseState, TransitionError> {
    let picked_up_on = match state.stage {
        Stage::Closed { picked_up_on, .. } => Some(picked_up_on),
        Stage::NotPickedUp { .. } => None,
        _ => return Err(TransitionError::NothingToReopen),
    };
    check_text(&REASON, reason)?;
    let reason = reason.trim().to_string();
    Ok(with_stage(
        state,
        Stage::Reopened {
            reason,
            picked_up_on,
        },
    ))
}

fn check_text(rule: &TextRule, text: &str) -> Result<(), TransitionError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(TransitionError::TextMissing(rule.missing));
    }
    if text.chars().count() > rule.max {
        return Err(TransitionError::TextTooLong(rule.name, rule.max));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
