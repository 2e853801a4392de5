//! The redactie's side of the workflow: decisions on an open revision,
//! review-by dates and the synonym list.

use super::{history, practice_state, revision_history, Caller, Result, WorkflowError};
use crate::kennisbank::documents::{published_document, rebuild};
use crate::state::AppState;
use chrono::NaiveDate;
use vangnet_domain::kennisbank::{apply, Command, Outcome, RevisionStatus, Seen, WorkflowRole};
use vangnet_domain::permission::Action;
use vangnet_domain::Invalid;
use vangnet_store::kennisbank::RevisionDecision;

/// An editor's decision on an open revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decide {
    RequestChanges {
        reason: String,
    },
    /// With the editor's review-by date, or the revision's or the default.
    Publish {
        review_by: Option<NaiveDate>,
    },
    Reject {
        reason: String,
    },
}

/// Decides `revision_id` as the editor saw it (`seen_status`); a revision
/// that moved on in the meantime is a conflict, never overwritten.
pub async fn decide(
    state: &AppState,
    caller: Caller<'_>,
    revision_id: i64,
    seen_status: &str,
    decision: Decide,
    today: NaiveDate,
) -> Result<()> {
    let editor = caller.editor(state, Action::ReviewPractices).await?;
    let store = &*state.store;
    let (revision, history) = revision_history(store, revision_id).await?;
    let seen = Seen {
        revision_id,
        status: RevisionStatus::from_slug(seen_status).ok_or_else(|| {
            WorkflowError::Conflict("onbekende status; laad de pagina opnieuw".into())
        })?,
    };
    let is_author = revision.author_user_id == caller.user_id();
    let role = WorkflowRole::Editor { is_author };
    let (command, action) = match &decision {
        Decide::RequestChanges { reason } => (
            Command::RequestChanges {
                seen,
                reason: reason.clone(),
            },
            "kennisbank.request_changes",
        ),
        Decide::Publish { .. } => (Command::Publish { seen, today }, "kennisbank.publish"),
        Decide::Reject { reason } => (
            Command::Reject {
                seen,
                reason: reason.clone(),
            },
            "kennisbank.reject",
        ),
    };
    let stored = match (apply(&practice_state(&history), command, role)?, decision) {
        (Outcome::ChangesRequested { reason, .. }, _) => {
            RevisionDecision::RequestChanges { reason }
        }
        (Outcome::Published { review_by, .. }, Decide::Publish { review_by: chosen }) => {
            RevisionDecision::Publish {
                review_by: chosen.unwrap_or(review_by),
            }
        }
        (Outcome::Rejected { reason, .. }, _) => RevisionDecision::Reject { reason },
        _ => return Err(WorkflowError::Conflict("onverwachte beslissing".into())),
    };
    store
        .decide_revision(
            revision_id,
            &revision.status,
            &stored,
            editor,
            caller.audit(action),
        )
        .await?;
    match stored {
        RevisionDecision::Publish { .. } => {
            state.kennisbank.remove(-revision_id);
            if let Some(published) = store.published_practice(&history.practice.slug).await? {
                state.kennisbank.upsert(published_document(&published));
            }
        }
        RevisionDecision::Reject { .. } => state.kennisbank.remove(-revision_id),
        RevisionDecision::RequestChanges { .. } => {}
    }
    Ok(())
}

pub async fn set_review_by(
    state: &AppState,
    caller: Caller<'_>,
    practice_id: i64,
    date: NaiveDate,
) -> Result<()> {
    let editor = caller.editor(state, Action::ReviewPractices).await?;
    let store = &*state.store;
    let history = history(store, practice_id).await?;
    let role = WorkflowRole::Editor { is_author: false };
    apply(
        &practice_state(&history),
        Command::SetReviewBy { date },
        role,
    )?;
    store
        .set_review_by(
            practice_id,
            date,
            editor,
            caller.audit("kennisbank.review_by"),
        )
        .await?;
    Ok(())
}

/// Replaces the synonym list (one group per line) and rebuilds this
/// node's index with it. A line that cannot be used is named.
pub async fn set_synonyms(state: &AppState, caller: Caller<'_>, text: &str) -> Result<()> {
    let editor = caller.editor(state, Action::EditSynonyms).await?;
    let text = text.replace("\r\n", "\n");
    vangnet_search::Synonyms::parse(&text)
        .map_err(|e| WorkflowError::Invalid(Invalid::one("synonyms", e.to_string())))?;
    let store = &*state.store;
    store
        .set_kb_synonyms(
            &text,
            Some(editor),
            caller.audit("kennisbank.synonyms").with_object("synonyms"),
        )
        .await?;
    rebuild(store, &state.kennisbank).await?;
    Ok(())
}
