//! The kennisbank's workflow as the web app (and later the API) runs it:
//! check `can`, read the practice's state from the store, let the domain's
//! `workflow::apply` decide, write exactly that through the store (which
//! audits it in the same transaction, ids only), and keep this node's search
//! index in step. Pages stay thin: they parse a form and call one function.

use super::documents::draft_document;
use super::{convert, search::SearchIndex};
use crate::auth::authorize;
use crate::state::AppState;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::kennisbank::{
    apply, Command, OpenRevision, Outcome, PracticeContent, PracticeState, Refusal, RevisionStatus,
    Slug, WorkflowRole,
};
use vangnet_domain::permission::{can, Action, Actor, Credential, Decision, Resource};
use vangnet_domain::Invalid;
use vangnet_store::kennisbank::{NewPractice, NewRevision, PracticeHistory, PracticeRevision};
use vangnet_store::{Store, StoreError};

/// Why a workflow step did not happen.
#[derive(Debug)]
pub enum WorkflowError {
    NotFound,
    Forbidden(String),
    /// Someone else acted first, or the state does not allow it (Dutch).
    Conflict(String),
    Invalid(Invalid),
    /// The store failed; an error page.
    Failed(StoreError),
}

impl From<StoreError> for WorkflowError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => WorkflowError::NotFound,
            StoreError::Conflict { reason, .. } => WorkflowError::Conflict(reason),
            StoreError::Invalid(invalid) => WorkflowError::Invalid(invalid),
            other => WorkflowError::Failed(other),
        }
    }
}

impl From<Refusal> for WorkflowError {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::Forbidden(reason) => WorkflowError::Forbidden(reason.into()),
            Refusal::Conflict(reason) => WorkflowError::Conflict(reason.into()),
            Refusal::Invalid(invalid) => WorkflowError::Invalid(invalid),
        }
    }
}

impl From<Decision> for WorkflowError {
    fn from(decision: Decision) -> Self {
        match decision {
            Decision::Forbidden(reason) => WorkflowError::Forbidden(reason.to_string()),
            _ => WorkflowError::NotFound,
        }
    }
}

type Result<T> = std::result::Result<T, WorkflowError>;

pub mod attachments;
mod editing;
pub use editing::{decide, set_review_by, set_synonyms, Decide};

/// Who acts: a signed-in person or token, or the public (a suggestion).
#[derive(Debug, Clone, Copy)]
pub struct Caller<'a> {
    pub actor: Option<&'a Actor>,
}

impl<'a> Caller<'a> {
    pub fn public() -> Self {
        Caller { actor: None }
    }

    pub fn of(actor: &'a Actor) -> Self {
        Caller { actor: Some(actor) }
    }

    fn user_id(&self) -> Option<i64> {
        match self.actor?.credential {
            Credential::User { user_id, .. } => Some(user_id),
            Credential::Token { .. } => None,
        }
    }

    fn is_editor(&self) -> bool {
        self.actor
            .is_some_and(|a| can(a, Action::ReviewPractices, Resource::Platform).is_allowed())
    }

    /// The editor's user id, or why they may not decide.
    async fn editor(&self, state: &AppState, action: Action) -> Result<i64> {
        let actor = self.actor.ok_or(WorkflowError::Forbidden(
            "log in als redacteur van de kennisbank".into(),
        ))?;
        authorize(state, actor, action, Resource::Platform).await?;
        self.user_id()
            .ok_or_else(|| WorkflowError::Forbidden("alleen een redacteur zelf beslist".into()))
    }

    /// The audit event, by whoever acts; the store adds the ids and facts.
    fn audit(&self, action: &str) -> AuditEvent {
        let event = AuditEvent::new(action, "practice", None);
        match self.actor {
            None => event.by_label("anoniem"),
            Some(actor) => match actor.credential {
                Credential::User { user_id, .. } => event.by_user(user_id, actor.org_id),
                Credential::Token { token_id, .. } => event.by_token(token_id, actor.org_id),
            },
        }
    }
}

/// A public suggester's name and e-mail address (kept on the revision,
/// never in the audit log).
pub struct Suggester {
    pub name: String,
    pub email: String,
}

/// The domain's view of a practice, from its stored history.
pub fn practice_state(history: &PracticeHistory) -> PracticeState {
    let open = history.revisions.iter().find(|r| r.is_open());
    PracticeState {
        revisions: history.revisions.len() as u32,
        published: history.practice.published_revision_id,
        open: open.and_then(|r| {
            Some(OpenRevision {
                id: r.id,
                status: RevisionStatus::from_slug(&r.status)?,
                review_by: r.content.review_by,
            })
        }),
    }
}

fn new_revision(content: &PracticeContent, caller: Caller<'_>) -> NewRevision {
    NewRevision {
        content: convert::to_store(content),
        author_user_id: caller.user_id(),
        author_org_id: caller.actor.map(|a| a.org_id),
        suggester_name: None,
        suggester_email: None,
        content_hash: content.content_hash(),
    }
}

/// A slug for a new practice: the title's, or with `-2` … `-20` when a
/// practice already has it.
async fn free_slug(store: &dyn Store, title: &str) -> Result<String> {
    let base = Slug::from_title(title)
        .map_err(|e| WorkflowError::Invalid(Invalid::one("title", e.reason)))?;
    for n in 1..=20 {
        let candidate = match n {
            1 => base.as_str().to_string(),
            _ => format!("{}-{n}", base.as_str()),
        };
        if store.practice_by_slug_any(&candidate).await?.is_none() {
            return Ok(candidate);
        }
    }
    Err(WorkflowError::Conflict(
        "er zijn al veel praktijken met deze titel; kies een andere titel".into(),
    ))
}

/// What was written, for the redirect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub practice_id: i64,
    pub revision_id: i64,
}

/// A new practice, `submitted`: by a signed-in contributor, or (with a
/// `Suggester`, no caller) the public suggestion form.
pub async fn submit(
    state: &AppState,
    caller: Caller<'_>,
    content: PracticeContent,
    suggester: Option<Suggester>,
) -> Result<Written> {
    if let Some(actor) = caller.actor {
        authorize(state, actor, Action::SubmitPractice, Resource::Platform).await?;
    }
    let content = content.validate().map_err(WorkflowError::Invalid)?;
    let store = &*state.store;
    let slug = free_slug(store, &content.title).await?;
    apply(
        &PracticeState::default(),
        Command::Submit,
        role(caller, false),
    )?;
    let mut revision = new_revision(&content, caller);
    let action = match suggester {
        Some(s) => {
            revision.suggester_name = Some(s.name);
            revision.suggester_email = Some(s.email);
            "kennisbank.suggest"
        }
        None => "kennisbank.submit",
    };
    let practice = NewPractice {
        slug,
        owner_user_id: caller.user_id(),
        contributor_org_id: caller.actor.map(|a| a.org_id),
        revision,
        publish: None,
    };
    let created = store
        .create_practice(&practice, caller.audit(action))
        .await?;
    index_draft(store, &state.kennisbank, created.revision_id).await;
    Ok(Written {
        practice_id: created.practice_id,
        revision_id: created.revision_id,
    })
}

fn role(caller: Caller<'_>, wrote_open: bool) -> WorkflowRole {
    WorkflowRole::of(caller.is_editor(), caller.actor.is_some(), wrote_open)
}

async fn history(store: &dyn Store, practice_id: i64) -> Result<PracticeHistory> {
    store
        .practice_for_editor(practice_id)
        .await?
        .ok_or(WorkflowError::NotFound)
}

fn wrote_open(history: &PracticeHistory, caller: Caller<'_>) -> bool {
    let me = caller.user_id();
    me.is_some()
        && history
            .revisions
            .iter()
            .any(|r| r.is_open() && r.author_user_id == me)
}

/// A new revision of an existing practice (an edit of the published text,
/// or the author's resubmission after changes were requested).
pub async fn propose_edit(
    state: &AppState,
    caller: Caller<'_>,
    practice_id: i64,
    content: PracticeContent,
) -> Result<Written> {
    let actor = caller.actor.ok_or(WorkflowError::Forbidden(
        "log in om een wijziging voor te stellen".into(),
    ))?;
    authorize(state, actor, Action::SubmitPractice, Resource::Platform).await?;
    let content = content.validate().map_err(WorkflowError::Invalid)?;
    let store = &*state.store;
    let history = history(store, practice_id).await?;
    let outcome = apply(
        &practice_state(&history),
        Command::ProposeEdit,
        role(caller, wrote_open(&history, caller)),
    )?;
    let revision = new_revision(&content, caller);
    let id = store
        .propose_revision(practice_id, &revision, caller.audit("kennisbank.propose"))
        .await?;
    if let Outcome::NewRevision {
        supersedes: Some(old),
        ..
    } = outcome
    {
        state.kennisbank.remove(-old);
    }
    index_draft(store, &state.kennisbank, id).await;
    Ok(Written {
        practice_id,
        revision_id: id,
    })
}

/// The revision with its practice's history, or NotFound.
async fn revision_history(
    store: &dyn Store,
    revision_id: i64,
) -> Result<(vangnet_store::kennisbank::Revision, PracticeHistory)> {
    let revision = store
        .revision(revision_id)
        .await?
        .ok_or(WorkflowError::NotFound)?;
    let history = history(store, revision.practice_id).await?;
    Ok((revision, history))
}

/// A remark on the open revision, by its author or an editor.
pub async fn comment(
    state: &AppState,
    caller: Caller<'_>,
    revision_id: i64,
    body: &str,
) -> Result<i64> {
    let store = &*state.store;
    let (revision, history) = revision_history(store, revision_id).await?;
    let user_id = caller
        .user_id()
        .ok_or(WorkflowError::Forbidden("log in om te reageren".into()))?;
    let is_author = revision.author_user_id == Some(user_id);
    let role = WorkflowRole::of(caller.is_editor(), true, is_author);
    let outcome = apply(
        &practice_state(&history),
        Command::Comment { body: body.into() },
        role,
    )?;
    let Outcome::Commented {
        revision_id: on,
        body,
    } = outcome
    else {
        return Err(WorkflowError::Conflict(
            "er is geen versie ter beoordeling".into(),
        ));
    };
    if on != revision_id {
        return Err(WorkflowError::Conflict(
            "deze versie is niet meer de versie ter beoordeling".into(),
        ));
    }
    Ok(store
        .add_comment(
            revision_id,
            user_id,
            &body,
            caller.audit("kennisbank.comment"),
        )
        .await?)
}

/// Indexes a new open revision as a draft; a failed read only costs the
/// draft its place in the editors' search until the next rebuild.
async fn index_draft(store: &dyn Store, index: &SearchIndex, revision_id: i64) {
    let found = async {
        let revision = store.revision(revision_id).await?;
        let Some(revision) = revision else {
            return Ok(None);
        };
        let practice = store.practice_for_editor(revision.practice_id).await?;
        Ok::<_, StoreError>(practice.map(|p| PracticeRevision {
            slug: p.practice.slug,
            published_revision_id: p.practice.published_revision_id,
            revision,
        }))
    };
    match found.await {
        Ok(Some(open)) => index.upsert(draft_document(&open)),
        Ok(None) => {}
        Err(error) => tracing::warn!(%error, "draft not indexed"),
    }
}

#[cfg(test)]
mod tests;
