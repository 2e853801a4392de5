use super::body::JsonBody;
use super::dto::{NewUserIn, UserOut};
use crate::auth::{authorize, ApiCaller};
use crate::crypto::hash_password_off_thread;
use crate::problem::Problem;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use vangnet_domain::permission::{Action, Resource};
use vangnet_domain::user::{check_password, NewUser};
use vangnet_store::OrgScope;

/// The users of an organisation (scope `users:read`).
#[utoipa::path(get, path = "/organisations/{id}/users", tag = "gebruikers", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Organisatie-id")),
    responses(
        (status = 200, body = Vec<UserOut>),
        (status = 400, body = Problem, content_type = "application/problem+json",
            description = "Het verzoek is niet te lezen: geen geldige JSON, of een parameter van het verkeerde soort"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<Vec<UserOut>>, Problem> {
    authorize(
        &state,
        &caller.actor,
        Action::ViewUsers,
        Resource::Organisation(id),
    )
    .await?;
    let users = state.store.list_users(OrgScope::Only(id)).await?;
    Ok(Json(users.into_iter().map(UserOut::from).collect()))
}

/// Adds a user to an organisation (scope `users:write`).
#[utoipa::path(post, path = "/organisations/{id}/users", tag = "gebruikers", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Organisatie-id")),
    request_body = NewUserIn,
    responses(
        (status = 201, body = UserOut),
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
pub async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    body: JsonBody,
) -> Result<(StatusCode, Json<UserOut>), Problem> {
    authorize(
        &state,
        &caller.actor,
        Action::ManageUsers,
        Resource::Organisation(id),
    )
    .await?;
    let input: NewUserIn = body.parse().await?;
    let org = state
        .store
        .org_by_id(id)
        .await?
        .ok_or_else(Problem::not_found)?;
    let parsed = NewUser::parse(&input.email, &input.name, &input.role, org.kind);
    let mut invalid = parsed.as_ref().err().cloned().unwrap_or_default();
    invalid.check(check_password(&input.password));
    invalid.into_result().map_err(Problem::invalid)?;
    let new = parsed.map_err(Problem::invalid)?;
    let hash = hash_password_off_thread(input.password).await?;
    let user = state
        .store
        .create_user(id, &new, &hash, caller.audit("user.create", "user"))
        .await?;
    Ok((StatusCode::CREATED, Json(user.into())))
}
