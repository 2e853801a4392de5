//! Tenancies and the gate by API (issue 5): a verhuurder's tenancies (batch
//! upsert answered per item, list, one with its whole track), its ledger,
//! its events (a step the gate guards goes through `crate::tenancy`), the
//! gate as a what-if on the real data, and a gemeente's art. 14 notices.
//!
//! A step the gate blocks is answered `409 Conflict` (problem+json of type
//! `GATE_BLOCKED`) with the stored decision's id and every rule, met or
//! not: the request was valid, the tenancy's state does not allow it yet.
//! Invalid input stays `422`, a stale `expected_version` a plain `409`.

use super::body::JsonBody;
use crate::auth::{authorize, ApiCaller};
use crate::problem::Problem;
use crate::state::AppState;
use crate::tenancy::{
    self, parse_tenancy, route_gemeente, Evaluated, EventInput, StepOutcome, TenancyActor,
    TenancyError, TenancyIn,
};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::calendar::amsterdam_date;
use vangnet_domain::permission::{Action, Resource};
use vangnet_domain::tenancy::{next_step, Step};
use vangnet_domain::{FieldError, Invalid};
use vangnet_store::tenancy::{
    EvictionNotice, GateDecision as StoredDecision, GateOverride, LedgerEntry, LedgerKind,
    LedgerOutcome, NewLedgerEntry, OverrideFilter, RecordedEvent, Tenancy, TenancyEvent,
};
use vangnet_store::Page;

/// At most this many tenancies or ledger entries per request.
const MAX_BATCH: usize = 1_000;

/// The problem type of a step the gate blocked.
pub const GATE_BLOCKED: &str = "https://vangnet.nl/problemen/poort-gesloten";

fn today() -> NaiveDate {
    amsterdam_date(Utc::now())
}

impl From<TenancyError> for Problem {
    fn from(error: TenancyError) -> Self {
        match error {
            TenancyError::NotFound => Problem::not_found(),
            TenancyError::Invalid(invalid) => Problem::invalid(invalid),
            TenancyError::Refused(decision) => decision.into(),
            TenancyError::Store(error) => error.into(),
        }
    }
}

pub(super) async fn allow(
    state: &AppState,
    caller: &ApiCaller,
    action: Action,
) -> Result<i64, Problem> {
    let own = caller.actor.org_id;
    authorize(state, &caller.actor, action, Resource::Organisation(own)).await?;
    Ok(own)
}

/// `allow`, and the tenancy must be the caller's own: another
/// organisation's id is a 404 before its body is read.
async fn allow_tenancy(
    state: &AppState,
    caller: &ApiCaller,
    action: Action,
    tenancy_id: i64,
) -> Result<i64, Problem> {
    let own = allow(state, caller, action).await?;
    match state.store.tenancy(own, tenancy_id).await? {
        Some(_) => Ok(own),
        None => Err(Problem::not_found()),
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(untagged)]
pub enum TenanciesIn {
    /// First, so an array is never read as one tenancy.
    Batch(Vec<serde_json::Value>),
    One(Box<serde_json::Value>),
}

/// One tenancy of a batch: created, updated, unchanged or rejected (with
/// every field's problem; nothing of it was stored).
#[derive(Serialize, ToSchema)]
pub struct TenancyItem {
    /// The position in the request, from 1.
    pub line: usize,
    pub outcome: &'static str,
    pub tenancy_id: Option<i64>,
    pub reference: Option<String>,
    /// Geen gemeente gevonden voor de postcode: de poort kan dan niet
    /// beslissen en een melding kan niet via vangnet.
    pub unroutable: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<Object>)]
    pub errors: Vec<FieldError>,
}

#[derive(Serialize, ToSchema)]
pub struct TenanciesOut {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: usize,
    pub items: Vec<TenancyItem>,
}

fn read_item(value: serde_json::Value) -> Result<TenancyIn, Invalid> {
    serde_json::from_value::<TenancyIn>(value).map_err(|e| {
        let text = e.to_string();
        let reason = match text.split_once(" at line") {
            Some((head, _)) => head.to_string(),
            None => text,
        };
        Invalid::one(
            "invoer",
            format!("past niet in het formaat van een huurovereenkomst: {reason}"),
        )
    })
}

/// Stores tenancies of the caller's own organisation (a verhuurder), one or
/// a batch, idempotent by `reference` (scope `tenancies:write`). Each item
/// is checked on its own; a rejected item is not stored at all.
#[utoipa::path(post, path = "/tenancies", tag = "huurovereenkomsten", security(("bearer" = [])),
    request_body = TenanciesIn,
    responses(
        (status = 200, body = TenanciesOut, description = "Per huurovereenkomst: created, updated, unchanged of rejected"),
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
) -> Result<Json<TenanciesOut>, Problem> {
    upsert(state, caller, body).await
}

/// The same as `POST /tenancies`: sending the same references again
/// updates them.
#[utoipa::path(put, path = "/tenancies", tag = "huurovereenkomsten", security(("bearer" = [])),
    request_body = TenanciesIn,
    responses(
        (status = 200, body = TenanciesOut),
        (status = 400, body = Problem, content_type = "application/problem+json",
            description = "Het verzoek is niet te lezen: geen geldige JSON, of een parameter van het verkeerde soort"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json",
            description = "De body is geen application/json"),
        (status = 422, body = Problem, content_type = "application/problem+json",
            description = "De JSON is te lezen maar past niet bij het schema"),
    ))]
pub async fn replace(
    State(state): State<AppState>,
    caller: ApiCaller,
    body: JsonBody,
) -> Result<Json<TenanciesOut>, Problem> {
    upsert(state, caller, body).await
}

async fn upsert(
    state: AppState,
    caller: ApiCaller,
    body: JsonBody,
) -> Result<Json<TenanciesOut>, Problem> {
    let own = allow(&state, &caller, Action::ManageTenancies).await?;
    let values = match body.parse::<TenanciesIn>().await? {
        TenanciesIn::One(one) => vec![*one],
        TenanciesIn::Batch(batch) => batch,
    };
    if values.len() > MAX_BATCH {
        return Err(Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Te veel huurovereenkomsten",
            format!("Stuur hoogstens {MAX_BATCH} huurovereenkomsten per verzoek."),
        ));
    }
    let gemeenten = vangnet_signals::Gemeenten::load(&*state.store).await?;
    let mut items = Vec::with_capacity(values.len());
    let mut batch = Vec::new();
    let mut positions = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, value) in values.into_iter().enumerate() {
        let parsed = read_item(value).and_then(|input| parse_tenancy(&input));
        let parsed = parsed.and_then(|data| match seen.insert(data.reference.clone()) {
            true => Ok(data),
            false => Err(Invalid::one(
                "reference",
                "komt eerder in dit verzoek al voor; stuur elke huurovereenkomst één keer",
            )),
        });
        match parsed {
            Ok(mut data) => {
                route_gemeente(&mut data, &gemeenten);
                items.push(TenancyItem {
                    line: i + 1,
                    outcome: "",
                    tenancy_id: None,
                    reference: Some(data.reference.clone()),
                    unroutable: data.gemeente_org_id.is_none(),
                    errors: Vec::new(),
                });
                positions.push(i);
                batch.push(data);
            }
            Err(invalid) => items.push(TenancyItem {
                line: i + 1,
                outcome: "rejected",
                tenancy_id: None,
                reference: None,
                unroutable: false,
                errors: invalid.errors,
            }),
        }
    }
    if !batch.is_empty() {
        let audit = caller
            .audit("tenancy.upsert", "tenancy")
            .with_detail(serde_json::json!({ "source": "api", "count": batch.len() }));
        let outcomes = state.store.upsert_tenancies(own, &batch, audit).await?;
        for (position, outcome) in positions.into_iter().zip(outcomes) {
            let item = &mut items[position];
            item.tenancy_id = Some(outcome.tenancy_id());
            item.outcome = match outcome {
                vangnet_store::tenancy::TenancyOutcome::Created { .. } => "created",
                vangnet_store::tenancy::TenancyOutcome::Updated { .. } => "updated",
                vangnet_store::tenancy::TenancyOutcome::Unchanged { .. } => "unchanged",
            };
        }
    }
    let count = |o: &str| items.iter().filter(|i| i.outcome == o).count();
    Ok(Json(TenanciesOut {
        created: count("created"),
        updated: count("updated"),
        unchanged: count("unchanged"),
        rejected: count("rejected"),
        items,
    }))
}

#[derive(Deserialize, IntoParams)]
pub struct ListQuery {
    /// Aantal, 1-500 (standaard 100)
    limit: Option<i64>,
    /// Overslaan (voor de volgende pagina)
    offset: Option<i64>,
}

impl ListQuery {
    fn page(&self) -> Page {
        Page {
            limit: self.limit.unwrap_or(100).clamp(1, 500),
            offset: self.offset.unwrap_or(0).max(0),
        }
    }
}

/// The caller's tenancies by reference, with their stage and arrears
/// (scope `tenancies:read`).
#[utoipa::path(get, path = "/tenancies", tag = "huurovereenkomsten", security(("bearer" = [])),
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
) -> Result<Json<Vec<Tenancy>>, Problem> {
    let own = allow(&state, &caller, Action::ViewTenancies).await?;
    Ok(Json(state.store.tenancies(own, query.page()).await?))
}

/// One tenancy with everything on its page.
#[derive(Serialize, ToSchema)]
pub struct TenancyOut {
    #[schema(value_type = Object)]
    pub tenancy: Tenancy,
    /// The step the gate stands before next, if any.
    #[schema(value_type = Option<String>)]
    pub next_step: Option<Step>,
    #[schema(value_type = Vec<Object>)]
    pub events: Vec<TenancyEvent>,
    #[schema(value_type = Vec<Object>)]
    pub ledger: Vec<LedgerEntry>,
    /// Every stored gate decision, exactly as it was made.
    #[schema(value_type = Vec<Object>)]
    pub decisions: Vec<StoredDecision>,
    #[schema(value_type = Vec<Object>)]
    pub overrides: Vec<GateOverride>,
}

/// One tenancy: its events, ledger, gate decisions and overrides (scope
/// `tenancies:read`). Another verhuurder's tenancy is not found.
#[utoipa::path(get, path = "/tenancies/{id}", tag = "huurovereenkomsten", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Id van de huurovereenkomst")),
    responses(
        (status = 200, body = TenancyOut),
        (status = 400, body = Problem, content_type = "application/problem+json",
            description = "Het verzoek is niet te lezen: geen geldige JSON, of een parameter van het verkeerde soort"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_one(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<TenancyOut>, Problem> {
    let own = allow(&state, &caller, Action::ViewTenancies).await?;
    let store = &state.store;
    let tenancy = store
        .tenancy(own, id)
        .await?
        .ok_or_else(Problem::not_found)?;
    let events = store.tenancy_events(own, id).await?;
    let domain_events: Vec<_> = events
        .iter()
        .filter_map(|e| tenancy::domain_event(&e.event).ok())
        .collect();
    Ok(Json(TenancyOut {
        tenancy,
        next_step: next_step(&domain_events),
        ledger: store.ledger(own, id).await?,
        decisions: store.gate_decisions(own, id).await?,
        overrides: store
            .gate_overrides(own, OverrideFilter::Tenancy(id))
            .await?,
        events,
    }))
}

/// One ledger entry: `{"kind":"due"|"payment","on_date":"JJJJ-MM-DD",
/// "amount_cents":75000,"description":…,"reference":…}`.
#[derive(Deserialize, ToSchema)]
pub struct LedgerIn {
    pub kind: String,
    pub on_date: NaiveDate,
    pub amount_cents: i64,
    pub description: Option<String>,
    pub reference: Option<String>,
}

fn text(t: &Option<String>) -> Option<&str> {
    t.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

fn ledger_entry(i: usize, input: &LedgerIn, invalid: &mut Invalid) -> Option<NewLedgerEntry> {
    let path = |f: &str| format!("[{i}].{f}");
    let kind = LedgerKind::from_slug(&input.kind);
    if kind.is_none() {
        invalid.push(
            &path("kind"),
            "kies due (verschuldigd) of payment (betaling)",
        );
    }
    if !(1..=vangnet_domain::signal::MAX_AMOUNT_CENTS).contains(&input.amount_cents) {
        invalid.push(
            &path("amount_cents"),
            "moet een positief bedrag in centen zijn; de soort zegt welke kant het op telt",
        );
    }
    if input.on_date > today() {
        invalid.push(&path("on_date"), "ligt na vandaag");
    }
    if text(&input.description).is_some_and(|d| d.chars().count() > 200) {
        invalid.push(&path("description"), "is te lang (maximaal 200 tekens)");
    }
    if text(&input.reference).is_some_and(|d| d.chars().count() > 64) {
        invalid.push(&path("reference"), "is te lang (maximaal 64 tekens)");
    }
    Some(NewLedgerEntry {
        kind: kind?,
        on_date: input.on_date,
        amount_cents: input.amount_cents,
        description: text(&input.description).map(str::to_string),
        reference: text(&input.reference).map(str::to_string),
    })
}

/// Adds ledger entries; an entry whose reference is already there is a
/// duplicate, not added twice (scope `tenancies:write`). All or nothing:
/// one invalid entry refuses the request (422).
#[utoipa::path(post, path = "/tenancies/{id}/ledger", tag = "huurovereenkomsten", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Id van de huurovereenkomst")),
    request_body = Vec<LedgerIn>,
    responses(
        (status = 200, body = Vec<Object>, description = "Per regel: added of duplicate"),
        (status = 400, body = Problem, content_type = "application/problem+json",
            description = "Het verzoek is niet te lezen: geen geldige JSON, of een parameter van het verkeerde soort"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json",
            description = "De body is geen application/json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn add_ledger(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    body: JsonBody,
) -> Result<Json<Vec<LedgerOutcome>>, Problem> {
    let own = allow_tenancy(&state, &caller, Action::ManageTenancies, id).await?;
    let input: Vec<LedgerIn> = body.parse().await?;
    if input.len() > MAX_BATCH {
        return Err(Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Te veel regels",
            format!("Stuur hoogstens {MAX_BATCH} regels per verzoek."),
        ));
    }
    let mut invalid = Invalid::default();
    let entries: Vec<_> = input
        .iter()
        .enumerate()
        .filter_map(|(i, e)| ledger_entry(i, e, &mut invalid))
        .collect();
    invalid.into_result().map_err(Problem::invalid)?;
    let audit = caller
        .audit("tenancy.ledger", "tenancy")
        .with_detail(serde_json::json!({ "count": entries.len() }));
    Ok(Json(
        state
            .store
            .add_ledger_entries(own, id, &entries, audit)
            .await?,
    ))
}

/// What recording an event did (201).
#[derive(Serialize, ToSchema)]
pub struct EventOut {
    /// `direct` (no gate) or `recorded` (the gate allowed it).
    pub outcome: &'static str,
    #[schema(value_type = Object)]
    pub recorded: RecordedEvent,
    /// The stored decision that allowed it, for a gated step.
    pub decision_id: Option<i64>,
    #[schema(value_type = Option<Object>)]
    pub decision: Option<vangnet_domain::tenancy::GateDecision>,
}

/// 409 for a step the gate blocked: problem+json with the decision.
#[derive(Serialize, ToSchema)]
pub struct BlockedOut {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: &'static str,
    pub status: u16,
    pub detail: String,
    pub decision_id: i64,
    pub allowed: bool,
    #[schema(value_type = Vec<Object>)]
    pub reasons: Vec<vangnet_domain::tenancy::Reason>,
    pub policy_version: String,
}

/// Records an event (scope `tenancies:write`). The event is flat, as in
/// `vangnet gate eval`: `{"kind":"contactpoging","date":"…","soort":
/// "Huisbezoek","bereikt":false}`, plus `target_date` (required for a
/// `melding_gemeente_ontruiming`), an optional `document` and an optional
/// `expected_version`. The steps `deurwaarder`, `dagvaarding`,
/// `ontruimingsaanzegging` and `ontruiming_gepland` go through the gate:
/// its decision is stored either way; the step is recorded (201) only when
/// allowed, otherwise 409 lists every rule.
#[utoipa::path(post, path = "/tenancies/{id}/events", tag = "huurovereenkomsten", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Id van de huurovereenkomst")),
    request_body = EventInput,
    responses(
        (status = 201, body = EventOut),
        (status = 400, body = Problem, content_type = "application/problem+json",
            description = "Het verzoek is niet te lezen: geen geldige JSON, of een parameter van het verkeerde soort"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = BlockedOut, content_type = "application/problem+json",
            description = "De poort hield de stap tegen (type poort-gesloten, met alle regels), of expected_version is verouderd"),
        (status = 415, body = Problem, content_type = "application/problem+json",
            description = "De body is geen application/json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn add_event(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    body: JsonBody,
) -> Result<Response, Problem> {
    allow_tenancy(&state, &caller, Action::ManageTenancies, id).await?;
    let input: EventInput = body.parse().await?;
    let audit = |action: &str| -> AuditEvent { caller.audit(action, "tenancy") };
    let who = TenancyActor {
        actor: &caller.actor,
        audit: &audit,
    };
    let expected = input.expected_version;
    let outcome = tenancy::record_event(&*state.store, &who, id, &input, expected, today()).await?;
    let out = match outcome {
        StepOutcome::Direct { recorded } => EventOut {
            outcome: "direct",
            recorded,
            decision_id: None,
            decision: None,
        },
        StepOutcome::Recorded {
            decision_id,
            decision,
            recorded,
        } => EventOut {
            outcome: "recorded",
            recorded,
            decision_id: Some(decision_id),
            decision: Some(decision),
        },
        StepOutcome::Blocked {
            decision_id,
            decision,
        } => {
            let unmet = decision.reasons.iter().filter(|r| !r.met).count();
            let body = BlockedOut {
                kind: GATE_BLOCKED,
                title: "Stap tegengehouden door de poort",
                status: StatusCode::CONFLICT.as_u16(),
                detail: format!(
                    "Deze stap mag nog niet: {unmet} van de {} regels is niet voldaan.",
                    decision.reasons.len()
                ),
                decision_id,
                allowed: false,
                reasons: decision.reasons,
                policy_version: decision.policy_version,
            };
            let mut response = (StatusCode::CONFLICT, Json(body)).into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/problem+json"),
            );
            return Ok(response);
        }
    };
    Ok((StatusCode::CREATED, Json(out)).into_response())
}

/// A what-if: `{"step":"dagvaarding"}` (and `planned_date` for
/// `ontruiming_gepland`).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GateIn {
    pub step: String,
    pub planned_date: Option<NaiveDate>,
}

/// Evaluates the gate on the tenancy's real data today without storing
/// anything (scope `tenancies:read`): every rule, met or not, and the
/// policy version. The same `evaluate` as `vangnet gate eval`.
#[utoipa::path(post, path = "/tenancies/{id}/gate", tag = "huurovereenkomsten", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Id van de huurovereenkomst")),
    request_body = GateIn,
    responses(
        (status = 200, body = Object, description = "{tenancy_id, tenancy_version, step, today, planned_date, decision: {allowed, reasons, policy_version}}"),
        (status = 400, body = Problem, content_type = "application/problem+json",
            description = "Het verzoek is niet te lezen: geen geldige JSON, of een parameter van het verkeerde soort"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json",
            description = "De body is geen application/json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn gate(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    body: JsonBody,
) -> Result<Json<Evaluated>, Problem> {
    let own = allow_tenancy(&state, &caller, Action::ViewTenancies, id).await?;
    let input: GateIn = body.parse().await?;
    let step = Step::parse(&input.step).map_err(|e| Problem::invalid(Invalid::one("step", e)))?;
    let evaluated =
        tenancy::evaluate_step(&*state.store, own, id, step, input.planned_date, today()).await?;
    Ok(Json(evaluated))
}

/// A gemeente's art. 14 notices of intended evictions, newest first, with
/// the planned date once known (scope `cases:read`). Only the gemeente
/// itself sees them.
#[utoipa::path(get, path = "/organisations/{id}/eviction-notices", tag = "huurovereenkomsten", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Organisatie-id van de gemeente"), ListQuery),
    responses(
        (status = 200, body = Vec<Object>),
        (status = 400, body = Problem, content_type = "application/problem+json",
            description = "Het verzoek is niet te lezen: geen geldige JSON, of een parameter van het verkeerde soort"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn eviction_notices(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    Query(query): Query<ListQuery>,
) -> Result<Json<Vec<EvictionNotice>>, Problem> {
    let target = Resource::Organisation(id);
    authorize(&state, &caller.actor, Action::ViewEvictionNotices, target).await?;
    Ok(Json(state.store.eviction_notices(id, query.page()).await?))
}
