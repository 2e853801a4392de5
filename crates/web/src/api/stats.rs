//! The statistics as JSON (issue 7, scope `stats:read`): the caller's own
//! dashboard, the very `Dashboard` the page and the downloads render, so
//! its cells are theirs (a small count is the text "<5" here too). The
//! platform's figures are for platform administrators, who are people: a
//! token is refused them.

use crate::auth::ApiCaller;
use crate::pages::casework::today;
use crate::pages::stats::access::{allow, asked_period, kind_of, load};
use crate::problem::Problem;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;
use vangnet_domain::stats::Dashboard;
use vangnet_domain::Invalid;

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct StatsQuery {
    /// 2026 (jaar), 2026-K1 (kwartaal), 2026-03 (maand) of
    /// 2026-01-15..2026-03-31; standaard het lopende jaar.
    pub periode: Option<String>,
}

/// A dashboard: `{kind, title, period, from, to, sections: [{id, table:
/// {title, columns, rows}, chart, summary, note}]}`. Each cell is
/// `{kind, value}`: `count` (a number, or "<5"), `money` (cents),
/// `percent` (per mille, or null when hidden), `number`, `tenths`,
/// `text`, `withheld`.
#[utoipa::path(get, path = "/stats/{kind}", tag = "statistieken", security(("bearer" = [])),
    params(
        ("kind" = String, Path, description = "gemeente of verhuurder: het dashboard van de eigen organisatie"),
        StatsQuery
    ),
    responses(
        (status = 200, body = Object, description = "Het dashboard met dezelfde cellen als de pagina, de CSV en de XLSX"),
        (status = 400, body = Problem, content_type = "application/problem+json",
            description = "Het verzoek is niet te lezen: geen geldige JSON, of een parameter van het verkeerde soort"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn dashboard(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(kind): Path<String>,
    Query(query): Query<StatsQuery>,
) -> Result<Json<Dashboard>, Problem> {
    let kind = kind_of(&kind).ok_or_else(Problem::not_found)?;
    allow(&state, &caller.actor, kind).await?;
    let today = today();
    let period = asked_period(query.periode.as_deref(), None, today)
        .map_err(|(_, reason)| Problem::invalid(Invalid::one("periode", reason)))?;
    let org = state
        .store
        .org_by_id(caller.actor.org_id)
        .await?
        .ok_or_else(Problem::not_found)?;
    Ok(Json(load(&state, kind, &org, &period, today).await?))
}
