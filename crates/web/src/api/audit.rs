use super::dto::AuditEntryOut;
use crate::auth::{authorize, ApiCaller};
use crate::problem::Problem;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;
use vangnet_domain::permission::{Action, Resource};
use vangnet_store::OrgScope;

#[derive(Deserialize, IntoParams)]
pub struct AuditQuery {
    /// Alleen regels met een lager volgnummer (voor de volgende pagina)
    before: Option<i64>,
    /// Aantal regels, 1-500 (standaard 100)
    limit: Option<i64>,
}

/// The caller's own organisation's audit log, newest first (scope `audit:read`).
#[utoipa::path(get, path = "/audit", tag = "audit", security(("bearer" = [])),
    params(AuditQuery),
    responses(
        (status = 200, body = Vec<AuditEntryOut>),
        (status = 400, body = Problem, content_type = "application/problem+json",
            description = "Het verzoek is niet te lezen: geen geldige JSON, of een parameter van het verkeerde soort"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(query): Query<AuditQuery>,
) -> Result<Json<Vec<AuditEntryOut>>, Problem> {
    let own = caller.actor.org_id;
    authorize(
        &state,
        &caller.actor,
        Action::ViewAuditLog,
        Resource::Organisation(own),
    )
    .await?;
    let limit = query.limit.unwrap_or(100).clamp(1, 500);
    let entries = state
        .store
        .list_audit(OrgScope::Only(own), query.before, limit)
        .await?;
    Ok(Json(entries.into_iter().map(AuditEntryOut::from).collect()))
}
