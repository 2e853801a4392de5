//! Contributing to the kennisbank by API (issue 6, point 5): a partner's
//! system submits a practice or proposes an edit of a published one (scope
//! `kennisbank:write`), and a redactie's system reads the review queue
//! (scope `kennisbank:review`). Deciding (publish, reject, ask for
//! changes) is an editor's own act and stays in the app, as a blocked
//! step's override does: a token is not a person.

use super::body::JsonBody;
use crate::auth::{authorize, ApiCaller};
use crate::kennisbank::workflow::{self, Caller, WorkflowError, Written};
use crate::problem::Problem;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;
use vangnet_domain::kennisbank::PracticeContent;
use vangnet_domain::permission::{Action, Resource};
use vangnet_store::kennisbank::PracticeRevision;

impl From<WorkflowError> for Problem {
    fn from(error: WorkflowError) -> Self {
        match error {
            WorkflowError::NotFound => Problem::not_found(),
            WorkflowError::Forbidden(reason) => {
                Problem::new(StatusCode::FORBIDDEN, "Geen toegang", reason)
            }
            WorkflowError::Conflict(reason) => {
                Problem::new(StatusCode::CONFLICT, "Conflict", reason)
            }
            WorkflowError::Invalid(invalid) => Problem::invalid(invalid),
            WorkflowError::Failed(error) => error.into(),
        }
    }
}

/// The workflow decides again when it writes; asking here first keeps a
/// caller without `kennisbank:write` from getting answers about the body.
async fn may_write(state: &AppState, caller: &ApiCaller) -> Result<(), Problem> {
    let target = Resource::Platform;
    let decided = authorize(state, &caller.actor, Action::SubmitPractice, target).await;
    decided.map_err(|refusal| WorkflowError::from(refusal).into())
}

#[derive(Serialize, ToSchema)]
pub struct Submitted {
    pub practice_id: i64,
    pub revision_id: i64,
    /// Always `submitted`: the redactie reviews it before it is public.
    pub status: &'static str,
}

impl From<Written> for Submitted {
    fn from(written: Written) -> Self {
        Submitted {
            practice_id: written.practice_id,
            revision_id: written.revision_id,
            status: "submitted",
        }
    }
}

/// Submits a new practice for review (scope `kennisbank:write`). The body
/// is the practice's content: `title`, `summary`, `body_md`, `phases`,
/// `actors` and optionally `region`, `organisation`, `contact`, `results`,
/// `figures`, `links`, `review_by`. Every problem is answered at once (422).
#[utoipa::path(post, path = "/kennisbank/inzendingen", tag = "kennisbank", security(("bearer" = [])),
    request_body(content = Object, description = "De inhoud van het goede voorbeeld"),
    responses(
        (status = 201, body = Submitted),
        (status = 400, body = Problem, content_type = "application/problem+json",
            description = "Het verzoek is niet te lezen: geen geldige JSON, of een parameter van het verkeerde soort"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json",
            description = "De body is geen application/json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn submit(
    State(state): State<AppState>,
    caller: ApiCaller,
    body: JsonBody,
) -> Result<(StatusCode, Json<Submitted>), Problem> {
    may_write(&state, &caller).await?;
    let content: PracticeContent = body.parse().await?;
    let written = workflow::submit(&state, Caller::of(&caller.actor), content, None).await?;
    Ok((StatusCode::CREATED, Json(written.into())))
}

/// Proposes an edit of a published practice (scope `kennisbank:write`);
/// the published text stays until the redactie publishes the edit.
#[utoipa::path(post, path = "/kennisbank/{slug}/wijzigingen", tag = "kennisbank", security(("bearer" = [])),
    params(("slug" = String, Path, description = "De vaste korte naam van het goede voorbeeld")),
    request_body(content = Object, description = "De nieuwe inhoud, geheel"),
    responses(
        (status = 201, body = Submitted),
        (status = 400, body = Problem, content_type = "application/problem+json",
            description = "Het verzoek is niet te lezen: geen geldige JSON, of een parameter van het verkeerde soort"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json",
            description = "De body is geen application/json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn propose(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    body: JsonBody,
) -> Result<(StatusCode, Json<Submitted>), Problem> {
    let published = state.store.published_practice(&slug).await?;
    let practice = published.ok_or_else(Problem::not_found)?.practice;
    may_write(&state, &caller).await?;
    let content: PracticeContent = body.parse().await?;
    let caller = Caller::of(&caller.actor);
    let written = workflow::propose_edit(&state, caller, practice.id, content).await?;
    Ok((StatusCode::CREATED, Json(written.into())))
}

/// The redactie's review queue, oldest first (scope `kennisbank:review`,
/// a redactie's token only).
#[utoipa::path(get, path = "/kennisbank/inzendingen", tag = "kennisbank", security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<Object>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn queue(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<Vec<PracticeRevision>>, Problem> {
    authorize(
        &state,
        &caller.actor,
        Action::ReviewPractices,
        Resource::Platform,
    )
    .await?;
    Ok(Json(state.store.open_revisions().await?))
}
