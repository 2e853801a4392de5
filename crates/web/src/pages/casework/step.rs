//! Taking one step on a case: the domain decides whether it is allowed
//! (`apply`), this records it. Shared by the case page and `vangnet demo`,
//! so the demo's timeline reads exactly like a worker's.

use super::day;
use serde_json::json;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::casework::state::{apply, Command, TransitionError};
use vangnet_store::casework::{CaseOwner, CaseStep, CaseWork, NewContactAttempt};
use vangnet_store::{Store, StoreError};

/// What the timeline sentence of a step names besides the command itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct StepNames<'a> {
    /// The worker a case is assigned to.
    pub worker: Option<&'a str>,
    /// The organisation a case is handed to.
    pub organisation: Option<&'a str>,
}

#[derive(Debug)]
pub enum StepError {
    /// The domain refused the step; its message is Dutch and meant for people.
    Refused(TransitionError),
    /// Someone saved the case since the version the step was decided on
    /// (`STALE` says so to people).
    Stale,
    Store(StoreError),
}

impl std::fmt::Display for StepError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StepError::Refused(error) => write!(f, "{error}"),
            StepError::Stale => f.write_str(STALE),
            StepError::Store(error) => write!(f, "{error}"),
        }
    }
}

/// One step as a worker (or the demo) asks for it.
pub struct StepRequest<'a> {
    pub owner: CaseOwner,
    /// The case as it was read.
    pub work: &'a CaseWork,
    /// The version the person saw when deciding; the form carries it.
    pub expected_version: i64,
    pub command: &'a Command,
    pub names: StepNames<'a>,
    pub actor_user_id: Option<i64>,
}

/// The stable name of a step: the timeline's kind, and the audit action
/// as `case.<kind>`.
pub fn step_kind(command: &Command) -> &'static str {
    match command {
        Command::Assign { .. } => "assign",
        Command::PickUp { .. } => "pick_up",
        Command::Decline { .. } => "decline",
        Command::RecordContact { .. } => "contact",
        Command::HandOff { .. } => "hand_off",
        Command::AddNote { .. } => "note",
        Command::Close { .. } => "close",
        Command::Reopen { .. } => "reopen",
    }
}

/// The timeline's sentence. The other organisation on a case reads it too,
/// so a note's text stays out of it (notes are the writing team's own).
pub fn step_summary(command: &Command, names: StepNames<'_>) -> String {
    match command {
        Command::Assign { worker: Some(_) } => {
            format!(
                "Toegewezen aan {}",
                names.worker.unwrap_or("een medewerker")
            )
        }
        Command::Assign { worker: None } => "Toewijzing ingetrokken".into(),
        Command::PickUp { on } => format!("Opgepakt per {}", day(*on)),
        Command::Decline { reason } => format!("Niet opgepakt. Reden: {}", reason.label()),
        Command::RecordContact {
            kind,
            reached,
            on,
            part_of_day,
            ..
        } => {
            let reached = if *reached { "bereikt" } else { "niet bereikt" };
            let part = part_of_day
                .map(|p| format!(" ({})", p.label().to_lowercase()))
                .unwrap_or_default();
            format!(
                "Contactpoging: {} op {}{part}, {reached}",
                kind.label(),
                day(*on)
            )
        }
        Command::HandOff { on, .. } => format!(
            "Overgedragen aan {} per {}",
            names.organisation.unwrap_or("een hulpverlener"),
            day(*on)
        ),
        Command::AddNote { .. } => "Notitie toegevoegd".into(),
        Command::Close { result, on } => {
            format!(
                "Afgesloten per {}. Eindresultaat: {}",
                day(*on),
                result.label()
            )
        }
        Command::Reopen { reason } => format!("Heropend. Reden: {}", reason.trim()),
    }
}

/// Ids only: the audit log names no person and holds no free text.
fn audit_detail(command: &Command) -> serde_json::Value {
    match command {
        Command::Assign { worker } => json!({ "assignee_user_id": worker }),
        Command::HandOff { to_org, .. } => json!({ "to_org_id": to_org }),
        _ => json!({}),
    }
}

fn non_blank(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// Applies the command to the case as read, and saves the result with its
/// timeline entry, contact attempt or note, and the audit event that
/// `audit(action)` makes. Returns the case's new version.
pub async fn take_step(
    store: &dyn Store,
    request: StepRequest<'_>,
    audit: impl FnOnce(&str) -> AuditEvent,
) -> Result<i64, StepError> {
    let StepRequest {
        owner,
        work,
        expected_version,
        command,
        names,
        actor_user_id,
    } = request;
    // A form filled in on an older version was decided on another case
    // than the one stored now: refused before the rules even look at it.
    if expected_version != work.version {
        return Err(StepError::Stale);
    }
    let next = apply(&work.state, command).map_err(StepError::Refused)?;
    let kind = step_kind(command);
    let summary = step_summary(command, names);
    let contact = match command {
        Command::RecordContact {
            kind,
            reached,
            on,
            part_of_day,
            note,
        } => Some(NewContactAttempt {
            kind: kind.ddas(),
            reached: *reached,
            on_date: *on,
            part_of_day: part_of_day.map(|p| p.ddas()),
            note: non_blank(note),
        }),
        _ => None,
    };
    let note = match command {
        Command::AddNote { text } => Some(text.trim()),
        _ => None,
    };
    let step = CaseStep {
        owner,
        case_id: work.id,
        expected_version,
        state: &next,
        actor_user_id,
        kind,
        summary: &summary,
        contact,
        note,
    };
    let event = audit(&format!("case.{kind}"))
        .with_object(work.id)
        .with_detail(audit_detail(command));
    match store.save_case_step(&step, event).await {
        Ok(version) => Ok(version),
        Err(StoreError::Conflict { .. }) => Err(StepError::Stale),
        Err(error) => Err(StepError::Store(error)),
    }
}

/// Said whenever the version a form was filled in on is no longer current.
pub const STALE: &str = "Iemand anders heeft deze zaak gewijzigd terwijl u het formulier invulde. \
     Uw wijziging is niet opgeslagen. Bekijk de zaak zoals die nu is en probeer het opnieuw.";
