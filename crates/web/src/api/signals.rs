//! Signals by API: one signal or a batch, answered per item, through the
//! same pipeline as the CSV import and the CLI.

use super::body::JsonBody;
use crate::auth::{authorize, ApiCaller};
use crate::problem::Problem;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};
use vangnet_domain::permission::{Action, Resource};
use vangnet_domain::signal::{RawSignal, SignalField};
use vangnet_signals::{ImportRun, ItemResult, RunOptions};
use vangnet_store::{ImportCounts, ImportSource, Page, PartnerSignal};

/// At most this many signals per request; send more in several requests.
const MAX_BATCH: usize = 5_000;

/// One signal: the CSV column names as keys (kenmerk, soort, bedrag, …),
/// values as text, numbers or booleans.
#[derive(Deserialize, ToSchema)]
#[serde(transparent)]
#[schema(value_type = Object)]
pub struct SignalIn(BTreeMap<String, serde_json::Value>);

#[derive(Deserialize, ToSchema)]
#[serde(untagged)]
pub enum SignalsIn {
    One(SignalIn),
    Batch(Vec<SignalIn>),
}

/// The counts a partner may see: nothing about cases, which would tell
/// whether other creditors reported the same household.
#[derive(Serialize, ToSchema)]
pub struct PartnerSummary {
    pub accepted: i64,
    pub rejected: i64,
    pub duplicates: i64,
    pub updated: i64,
    pub objected: i64,
    /// Accepted, but no gemeente serves the postcode (yet).
    pub unroutable: i64,
}

impl From<ImportCounts> for PartnerSummary {
    fn from(c: ImportCounts) -> Self {
        PartnerSummary {
            accepted: c.accepted,
            rejected: c.rejected,
            duplicates: c.duplicates,
            updated: c.updated,
            objected: c.objected,
            unroutable: c.unroutable,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SignalsOut {
    pub summary: PartnerSummary,
    /// In the order sent; `line` is the position, from 1.
    #[schema(value_type = Vec<Object>)]
    pub items: Vec<ItemResult>,
}

fn to_raw(position: usize, input: &SignalIn) -> RawSignal {
    let mut raw = RawSignal::new(position as u64 + 1);
    for (key, value) in &input.0 {
        let Some(field) = SignalField::from_header(key) else {
            continue;
        };
        let text = match value {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => String::new(),
            other => other.to_string(),
        };
        raw.set(field, &text);
    }
    raw
}

/// Delivers one signal or a batch (scope `signals:write`).
#[utoipa::path(post, path = "/signals", tag = "signalen", security(("bearer" = [])),
    request_body = SignalsIn,
    responses(
        (status = 200, body = SignalsOut, description = "Per signaal: accepted, duplicate, updated, objected of rejected"),
        (status = 400, body = Problem, content_type = "application/problem+json",
            description = "Het verzoek is niet te lezen: geen geldige JSON, of een parameter van het verkeerde soort"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json",
            description = "De body is geen application/json"),
        (status = 422, body = Problem, content_type = "application/problem+json",
            description = "De JSON is te lezen maar past niet bij het schema"),
    ))]
pub async fn submit(
    State(state): State<AppState>,
    caller: ApiCaller,
    body: JsonBody,
) -> Result<Json<SignalsOut>, Problem> {
    let own = caller.actor.org_id;
    authorize(
        &state,
        &caller.actor,
        Action::SubmitSignals,
        Resource::Organisation(own),
    )
    .await?;
    let items = match body.parse::<SignalsIn>().await? {
        SignalsIn::One(one) => vec![one],
        SignalsIn::Batch(batch) => batch,
    };
    if items.len() > MAX_BATCH {
        return Err(Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Te veel signalen",
            format!("Stuur hoogstens {MAX_BATCH} signalen per verzoek."),
        ));
    }
    let partner = state
        .store
        .org_by_id(own)
        .await?
        .ok_or_else(Problem::not_found)?;
    let options = RunOptions {
        source: ImportSource::Api,
        actor_token_id: Some(caller.token_id),
        per_item: true,
        ..RunOptions::default()
    };
    let mut run = ImportRun::start(&*state.store, partner, options).await?;
    for (position, item) in items.iter().enumerate() {
        run.push(&to_raw(position, item)).await?;
    }
    let report = run.finish().await?;
    Ok(Json(SignalsOut {
        summary: report.counts.into(),
        items: report.items,
    }))
}

#[derive(Deserialize, IntoParams)]
pub struct ListQuery {
    /// Aantal, 1-500 (standaard 100)
    limit: Option<i64>,
    /// Overslaan (voor de volgende pagina)
    offset: Option<i64>,
}

/// The caller's own signals with their DDAS status: picked up or not
/// (scope `signals:read`). Case details are never shown to partners.
#[utoipa::path(get, path = "/signals", tag = "signalen", security(("bearer" = [])),
    params(ListQuery),
    responses(
        (status = 200, body = Vec<Object>),
        (status = 400, body = Problem, content_type = "application/problem+json",
            description = "Het verzoek is niet te lezen: geen geldige JSON, of een parameter van het verkeerde soort"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(query): Query<ListQuery>,
) -> Result<Json<Vec<PartnerSignal>>, Problem> {
    let own = caller.actor.org_id;
    authorize(
        &state,
        &caller.actor,
        Action::ViewOwnSignals,
        Resource::Organisation(own),
    )
    .await?;
    let page = Page {
        limit: query.limit.unwrap_or(100).clamp(1, 500),
        offset: query.offset.unwrap_or(0).max(0),
    };
    Ok(Json(state.store.partner_signals(own, page).await?))
}
