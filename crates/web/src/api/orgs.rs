use super::dto::{Me, Organisation};
use crate::auth::{authorize, ApiCaller};
use crate::problem::Problem;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::Json;
use vangnet_domain::permission::{Action, Credential, Resource};
use vangnet_store::OrgScope;

/// The organisation and scopes of the calling token.
#[utoipa::path(get, path = "/me", tag = "organisaties", security(("bearer" = [])),
    responses(
        (status = 200, body = Me),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn me(State(state): State<AppState>, caller: ApiCaller) -> Result<Json<Me>, Problem> {
    let org = state
        .store
        .org_by_id(caller.actor.org_id)
        .await?
        .ok_or_else(Problem::not_found)?;
    let scopes = match &caller.actor.credential {
        Credential::Token { scopes, .. } => scopes.iter().map(|s| s.slug().to_string()).collect(),
        Credential::User { .. } => Vec::new(),
    };
    Ok(Json(Me {
        organisation: org.into(),
        scopes,
    }))
}

/// The organisations the caller may see: its own.
#[utoipa::path(get, path = "/organisations", tag = "organisaties", security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<Organisation>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<Vec<Organisation>>, Problem> {
    let own = caller.actor.org_id;
    authorize(
        &state,
        &caller.actor,
        Action::ViewOrganisation,
        Resource::Organisation(own),
    )
    .await?;
    let orgs = state.store.list_orgs(OrgScope::Only(own)).await?;
    Ok(Json(orgs.into_iter().map(Organisation::from).collect()))
}

/// One organisation; another organisation's answers 404.
#[utoipa::path(get, path = "/organisations/{id}", tag = "organisaties", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Organisatie-id")),
    responses(
        (status = 200, body = Organisation),
        (status = 400, body = Problem, content_type = "application/problem+json",
            description = "Het verzoek is niet te lezen: geen geldige JSON, of een parameter van het verkeerde soort"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_one(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<Organisation>, Problem> {
    authorize(
        &state,
        &caller.actor,
        Action::ViewOrganisation,
        Resource::Organisation(id),
    )
    .await?;
    let org = state
        .store
        .org_by_id(id)
        .await?
        .ok_or_else(Problem::not_found)?;
    Ok(Json(org.into()))
}
