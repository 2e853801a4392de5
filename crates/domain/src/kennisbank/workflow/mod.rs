//! The review workflow of one practice as a pure state machine: the store
//! reads the practice's state in its transaction, asks `apply`, and writes
//! exactly the outcome, so the rules live here and the atomicity there.
//!
//! A practice has at most one open revision (submitted, or sent back with
//! changes requested) next to the published one, which stays public until
//! an editor publishes its successor.

use super::content::{validate_comment, MAX_COMMENT};
use super::review::default_review_by;
use crate::slug_enum::slug_enum;
use crate::validation::Invalid;
use chrono::NaiveDate;
use std::fmt;

slug_enum! {
    /// Where a revision stands. Only `submitted` and `changes_requested`
    /// are open; the other three are final.
    RevisionStatus, "versiestatus" {
        Submitted => "submitted", "Ter beoordeling";
        ChangesRequested => "changes_requested", "Wijzigingen gevraagd";
        Published => "published", "Gepubliceerd";
        Superseded => "superseded", "Vervangen";
        Rejected => "rejected", "Afgewezen";
    }
}

impl RevisionStatus {
    pub fn is_open(self) -> bool {
        matches!(
            self,
            RevisionStatus::Submitted | RevisionStatus::ChangesRequested
        )
    }
}

/// Who asks, as far as the workflow cares; `can` has already decided that
/// an editor is one (a redacteur of the redactie).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkflowRole {
    /// An editor; `is_author` when they wrote the open revision themselves,
    /// which only matters for proposing again.
    Editor { is_author: bool },
    /// The author of the open revision (not an editor).
    Author,
    /// Any other signed-in partner, or a token with `kennisbank:write`.
    Contributor,
    /// Nobody signed in: may only suggest a new practice.
    Public,
}

impl WorkflowRole {
    /// Editors first: an editor who is also the author keeps the editor's
    /// powers.
    pub fn of(is_editor: bool, signed_in: bool, wrote_open_revision: bool) -> WorkflowRole {
        match (is_editor, signed_in, wrote_open_revision) {
            (true, _, is_author) => WorkflowRole::Editor { is_author },
            (false, false, _) => WorkflowRole::Public,
            (false, true, true) => WorkflowRole::Author,
            (false, true, false) => WorkflowRole::Contributor,
        }
    }

    fn is_editor(self) -> bool {
        matches!(self, WorkflowRole::Editor { .. })
    }

    fn wrote_open_revision(self) -> bool {
        matches!(
            self,
            WorkflowRole::Author | WorkflowRole::Editor { is_author: true }
        )
    }
}

/// What the rules need to know of a practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PracticeState {
    /// How many revisions it has; 0 for a practice still to be submitted.
    pub revisions: u32,
    /// The id of the published revision, if it was ever published.
    pub published: Option<i64>,
    /// The one open revision, if any.
    pub open: Option<OpenRevision>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenRevision {
    pub id: i64,
    pub status: RevisionStatus,
    /// The review-by date the revision itself proposes.
    pub review_by: Option<NaiveDate>,
}

/// The revision an editor decided on, as the editor saw it. If it moved on
/// in the meantime (another editor decided, the author proposed anew), the
/// decision is stale and refused instead of landing on something else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    pub revision_id: i64,
    pub status: RevisionStatus,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// A new practice (revision 1); for the public, a suggestion.
    Submit,
    /// A new revision of an existing practice.
    ProposeEdit,
    /// A remark on the open revision, by its author or an editor.
    Comment {
        body: String,
    },
    RequestChanges {
        seen: Seen,
        reason: String,
    },
    Publish {
        seen: Seen,
        today: NaiveDate,
    },
    Reject {
        seen: Seen,
        reason: String,
    },
    SetReviewBy {
        date: NaiveDate,
    },
}

/// What the store must write. Texts are returned trimmed, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Add revision `number` as `submitted`; `supersedes` is the author's
    /// own open revision it replaces (that one becomes `superseded`).
    NewRevision {
        number: u32,
        supersedes: Option<i64>,
    },
    Commented {
        revision_id: i64,
        body: String,
    },
    ChangesRequested {
        revision_id: i64,
        reason: String,
    },
    /// The revision becomes `published`, the previously published one
    /// `superseded`; the practice's review-by date is set, and its first
    /// publication time only when `first_publication`.
    Published {
        revision_id: i64,
        supersedes: Option<i64>,
        review_by: NaiveDate,
        first_publication: bool,
    },
    Rejected {
        revision_id: i64,
        reason: String,
    },
    ReviewBySet {
        review_by: NaiveDate,
    },
}

impl Outcome {
    /// The existing revisions whose status changes, and to what.
    pub fn status_changes(&self) -> Vec<(i64, RevisionStatus)> {
        use RevisionStatus::*;
        match self {
            Outcome::NewRevision { supersedes, .. } => {
                supersedes.iter().map(|id| (*id, Superseded)).collect()
            }
            Outcome::ChangesRequested { revision_id, .. } => vec![(*revision_id, ChangesRequested)],
            Outcome::Published {
                revision_id,
                supersedes,
                ..
            } => supersedes
                .iter()
                .map(|id| (*id, Superseded))
                .chain([(*revision_id, Published)])
                .collect(),
            Outcome::Rejected { revision_id, .. } => vec![(*revision_id, Rejected)],
            Outcome::Commented { .. } | Outcome::ReviewBySet { .. } => vec![],
        }
    }
}

/// Why a command was refused: 403 (401 for the public), 409 or 422.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Forbidden(&'static str),
    Conflict(&'static str),
    Invalid(Invalid),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Forbidden(reason) | Refusal::Conflict(reason) => f.write_str(reason),
            Refusal::Invalid(invalid) => invalid.fmt(f),
        }
    }
}

impl std::error::Error for Refusal {}

pub const MIN_REASON_CHARS: usize = 10;

pub(crate) const EDITORS_ONLY: &str = "alleen de redactie van de kennisbank mag dit";
pub(crate) const SIGN_IN: &str =
    "log in om een wijziging voor te stellen; zonder account kunt u alleen een nieuwe praktijk aandragen";
pub(crate) const NOT_YOURS: &str = "alleen de auteur en de redactie reageren op deze versie";
pub(crate) const OPEN_ELSEWHERE: &str = "er ligt al een wijziging ter beoordeling";
pub(crate) const EXISTS: &str = "deze praktijk bestaat al";
pub(crate) const NOT_YET: &str = "deze praktijk bestaat nog niet";
pub(crate) const NOTHING_TO_EDIT: &str = "er is geen gepubliceerde versie om te wijzigen";
pub(crate) const NOTHING_OPEN: &str = "er is geen versie ter beoordeling";
pub(crate) const STALE: &str =
    "deze versie is intussen gewijzigd of al beoordeeld; laad de pagina opnieuw";
pub(crate) const ALREADY_SENT_BACK: &str = "voor deze versie zijn al wijzigingen gevraagd";
pub(crate) const UNPUBLISHED: &str = "deze praktijk is nog niet gepubliceerd";

/// Decides one command. Checked in this order: may this caller do it at
/// all, is the command complete, and does the practice's state allow it.
pub fn apply(
    state: &PracticeState,
    command: Command,
    role: WorkflowRole,
) -> Result<Outcome, Refusal> {
    let next = state.revisions + 1;
    match command {
        Command::Submit if state.revisions > 0 => Err(Refusal::Conflict(EXISTS)),
        Command::Submit => Ok(Outcome::NewRevision {
            number: 1,
            supersedes: None,
        }),
        Command::ProposeEdit => {
            if role == WorkflowRole::Public {
                return Err(Refusal::Forbidden(SIGN_IN));
            }
            match (state.revisions, state.open, state.published) {
                (0, _, _) => Err(Refusal::Conflict(NOT_YET)),
                (_, Some(open), _) if role.wrote_open_revision() => Ok(Outcome::NewRevision {
                    number: next,
                    supersedes: Some(open.id),
                }),
                (_, Some(_), _) => Err(Refusal::Conflict(OPEN_ELSEWHERE)),
                (_, None, Some(_)) => Ok(Outcome::NewRevision {
                    number: next,
                    supersedes: None,
                }),
                (_, None, None) => Err(Refusal::Conflict(NOTHING_TO_EDIT)),
            }
        }
        Command::Comment { body } => {
            if !role.is_editor() && role != WorkflowRole::Author {
                return Err(Refusal::Forbidden(NOT_YOURS));
            }
            let body = validate_comment(&body).map_err(Refusal::Invalid)?;
            let open = state.open.ok_or(Refusal::Conflict(NOTHING_OPEN))?;
            Ok(Outcome::Commented {
                revision_id: open.id,
                body,
            })
        }
        Command::RequestChanges { seen, reason } => {
            editor(role)?;
            let reason = reason_text(&reason)?;
            let open = current(state, seen)?;
            if open.status != RevisionStatus::Submitted {
                return Err(Refusal::Conflict(ALREADY_SENT_BACK));
            }
            Ok(Outcome::ChangesRequested {
                revision_id: open.id,
                reason,
            })
        }
        Command::Publish { seen, today } => {
            editor(role)?;
            let open = current(state, seen)?;
            Ok(Outcome::Published {
                revision_id: open.id,
                supersedes: state.published,
                review_by: open.review_by.unwrap_or_else(|| default_review_by(today)),
                first_publication: state.published.is_none(),
            })
        }
        Command::Reject { seen, reason } => {
            editor(role)?;
            let reason = reason_text(&reason)?;
            let open = current(state, seen)?;
            Ok(Outcome::Rejected {
                revision_id: open.id,
                reason,
            })
        }
        Command::SetReviewBy { date } => {
            editor(role)?;
            match state.published {
                Some(_) => Ok(Outcome::ReviewBySet { review_by: date }),
                None => Err(Refusal::Conflict(UNPUBLISHED)),
            }
        }
    }
}

fn editor(role: WorkflowRole) -> Result<(), Refusal> {
    match role.is_editor() {
        true => Ok(()),
        false => Err(Refusal::Forbidden(EDITORS_ONLY)),
    }
}

/// The open revision, if it is still the one the editor saw.
fn current(state: &PracticeState, seen: Seen) -> Result<OpenRevision, Refusal> {
    state
        .open
        .filter(|open| open.id == seen.revision_id && open.status == seen.status)
        .ok_or(Refusal::Conflict(STALE))
}

/// A decision the author must act on deserves more than "nee".
fn reason_text(value: &str) -> Result<String, Refusal> {
    let reason = value.trim().replace("\r\n", "\n");
    let count = reason.chars().count();
    let problem = if count < MIN_REASON_CHARS {
        format!("geef een reden van minstens {MIN_REASON_CHARS} tekens")
    } else if count > MAX_COMMENT {
        format!("is te lang (maximaal {MAX_COMMENT} tekens)")
    } else if reason
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        "bevat ongeldige tekens".to_string()
    } else {
        return Ok(reason);
    };
    Err(Refusal::Invalid(Invalid::one("reason", problem)))
}

#[cfg(test)]
mod matrix;
#[cfg(test)]
mod tests;
