//! The gate's policy as it applies to the caller's tenancies (scope
//! `tenancies:read`): a verhuurder's system can see which moratoria,
//! leniency and settings hold in a gemeente on a date before it plans a
//! step. Declaring a policy is a person's decision and is done on the
//! policy pages, not by token.

use crate::auth::ApiCaller;
use crate::problem::Problem;
use crate::state::AppState;
use crate::tenancy::{self, TenancyError};
use axum::extract::{Query, State};
use axum::Json;
use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use utoipa::IntoParams;
use vangnet_domain::calendar::amsterdam_date;
use vangnet_domain::org::parse_gemeentecode;
use vangnet_domain::permission::Action;
use vangnet_domain::tenancy::Policy;
use vangnet_domain::Invalid;
use vangnet_store::tenancy::PolicyScope;

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PolicyQuery {
    /// CBS-gemeentecode; zonder alleen het beleid voor alle gemeenten.
    pub gemeentecode: Option<String>,
    /// JJJJ-MM-DD; standaard vandaag (Europe/Amsterdam).
    pub on: Option<NaiveDate>,
}

/// The merged policy in force: every setting, the holidays, the moratoria
/// and leniency, and the version a gate decision on it would name.
#[utoipa::path(get, path = "/gate-policy", tag = "huurovereenkomsten", security(("bearer" = [])),
    params(PolicyQuery),
    responses(
        (status = 200, body = Object, description = "{version, receipt_days, veertiendagen_term_days, signal_to_dagvaarding_days, dagvaarding_min_arrears_percent_of_rent, aanzegging_to_ontruiming_days, melding_to_ontruiming_working_days, holidays, moratoria, leniency}"),
        (status = 400, body = Problem, content_type = "application/problem+json",
            description = "Het verzoek is niet te lezen: geen geldige JSON, of een parameter van het verkeerde soort"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn in_force(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(query): Query<PolicyQuery>,
) -> Result<Json<Policy>, Problem> {
    let own = super::tenancies::allow(&state, &caller, Action::ViewTenancies).await?;
    let code = match query.gemeentecode.as_deref() {
        Some(code) => Some(
            parse_gemeentecode(code)
                .map_err(|e| Problem::invalid(Invalid::one("gemeentecode", e.reason)))?,
        ),
        None => None,
    };
    let on = query.on.unwrap_or_else(|| amsterdam_date(Utc::now()));
    let scope = PolicyScope::Verhuurder(own);
    let policy = tenancy::policy_in_force(&*state.store, scope, code.as_deref(), on)
        .await
        .map_err(|e: TenancyError| Problem::from(e))?;
    Ok(Json(policy))
}
