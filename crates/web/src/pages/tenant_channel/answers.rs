//! Answering a tenant's response: accepting a proposal (the events
//! `ProposalDecision::Accept.records()` names: the offer the gate's rule
//! looks for and the running arrangement), countering it within the
//! verhuurder's policy, or closing any other response. Each answer names
//! the status the verhuurder saw, so two colleagues cannot both answer.

use super::responses::{is_proposal, proposal_terms, show, Flash};
use crate::auth::SignedIn;
use crate::middleware::CsrfToken;
use crate::pages::errors::PageError;
use crate::pages::tenancies::allow;
use crate::pages::tenancies::UNPROCESSABLE;
use crate::pages::Paging;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use vangnet_domain::permission::Action;
use vangnet_domain::signal::normalise::parse_amount_cents;
use vangnet_domain::tenancy::EventKind;
use vangnet_domain::tenant_channel::{
    check_counter, ArrangementPolicy, ProposalDecision, Recorded,
};
use vangnet_domain::Invalid;
use vangnet_store::tenancy::{EventRecording, NewTenancyEvent};
use vangnet_store::tenant_channel::{ResponseAnswer, ResponseStatus, TenantResponse};
use vangnet_store::StoreError;

#[derive(Deserialize, Default)]
pub struct AnswerForm {
    #[serde(default)]
    looptijd: String,
    #[serde(default)]
    termijnbedrag: String,
}

/// Why an answer was not given, shown on the work list.
enum Refusal {
    Invalid(Invalid),
    Store(StoreError),
}

impl From<StoreError> for Refusal {
    fn from(error: StoreError) -> Self {
        Refusal::Store(error)
    }
}

impl From<Invalid> for Refusal {
    fn from(invalid: Invalid) -> Self {
        Refusal::Invalid(invalid)
    }
}

pub async fn accept(
    state: State<AppState>,
    who: SignedIn,
    csrf: Extension<CsrfToken>,
    id: Path<i64>,
) -> Result<Response, PageError> {
    answer(state, who, csrf, id, AnswerForm::default(), Kind::Accept).await
}

pub async fn counter(
    state: State<AppState>,
    who: SignedIn,
    csrf: Extension<CsrfToken>,
    id: Path<i64>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, PageError> {
    answer(state, who, csrf, id, form, Kind::Counter).await
}

pub async fn handled(
    state: State<AppState>,
    who: SignedIn,
    csrf: Extension<CsrfToken>,
    id: Path<i64>,
) -> Result<Response, PageError> {
    answer(state, who, csrf, id, AnswerForm::default(), Kind::Handled).await
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Accept,
    Counter,
    Handled,
}

async fn answer(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    form: AnswerForm,
    kind: Kind,
) -> Result<Response, PageError> {
    let own = allow(&state, &who, Action::AnswerTenantResponses).await?;
    let response = state
        .store
        .response(own, id)
        .await?
        .ok_or_else(PageError::not_found)?;
    let result = match kind {
        Kind::Handled => write(&state, &who, &response, ResponseStatus::Handled, None, &[]).await,
        Kind::Accept => accept_proposal(&state, &who, &response).await,
        Kind::Counter => counter_proposal(&state, &who, &response, &form).await,
    };
    let (status, errors) = match result {
        Ok(()) => return Ok(Redirect::to("/reacties?klaar=1").into_response()),
        Err(Refusal::Invalid(invalid)) => (
            UNPROCESSABLE,
            invalid.errors.into_iter().map(|e| e.reason).collect(),
        ),
        Err(Refusal::Store(StoreError::Invalid(invalid))) => (
            UNPROCESSABLE,
            invalid.errors.into_iter().map(|e| e.reason).collect(),
        ),
        Err(Refusal::Store(StoreError::Conflict { reason, .. })) => {
            (StatusCode::CONFLICT, vec![reason])
        }
        Err(Refusal::Store(other)) => return Err(other.into()),
    };
    let flash = Flash {
        errors,
        ..Flash::default()
    };
    show(&state, &who, &csrf, Paging::default(), status, flash).await
}

fn not_a_proposal() -> Refusal {
    Invalid::one(
        "soort",
        "Alleen een voorstel voor een betalingsregeling kan worden geaccepteerd of beantwoord met een tegenvoorstel.",
    )
    .into()
}

async fn accept_proposal(
    state: &AppState,
    who: &SignedIn,
    response: &TenantResponse,
) -> Result<(), Refusal> {
    if !is_proposal(&response.kind) {
        return Err(not_a_proposal());
    }
    let terms = proposal_terms(&response.detail);
    let answer = terms.map(|(term, cents)| terms_json(term, cents));
    let events = events_of(ProposalDecision::Accept);
    write(
        state,
        who,
        response,
        ResponseStatus::Accepted,
        answer,
        &events,
    )
    .await
}

async fn counter_proposal(
    state: &AppState,
    who: &SignedIn,
    response: &TenantResponse,
    form: &AnswerForm,
) -> Result<(), Refusal> {
    if !is_proposal(&response.kind) {
        return Err(not_a_proposal());
    }
    let mut invalid = Invalid::default();
    let term = form.looptijd.trim().parse::<u32>().ok();
    if term.is_none() {
        invalid.push("looptijd", "Looptijd: vul een aantal maanden in.");
    }
    let cents = parse_amount_cents(form.termijnbedrag.trim()).ok();
    if cents.is_none() {
        invalid.push(
            "termijnbedrag",
            "Termijnbedrag: vul een bedrag in, zoals 125,00.",
        );
    }
    let (Some(term), Some(cents)) = (term, cents) else {
        return Err(invalid.into());
    };
    let own = who.org.id;
    let settings = state.store.channel_settings(own).await?;
    let tenancy = state
        .store
        .tenancy(own, response.tenancy_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let policy = ArrangementPolicy {
        max_term_months: u32::try_from(settings.max_term_months).unwrap_or(u32::MAX),
        min_instalment_cents: settings.min_instalment_cents,
    };
    check_counter(tenancy.arrears.arrears_cents, term, cents, &policy)?;
    let events = events_of(ProposalDecision::Counter);
    let answer = Some(terms_json(term, cents));
    write(
        state,
        who,
        response,
        ResponseStatus::Countered,
        answer,
        &events,
    )
    .await
}

fn terms_json(term: u32, cents: i64) -> serde_json::Value {
    serde_json::json!({ "looptijd_maanden": term, "termijnbedrag_centen": cents })
}

/// The events a decision records, dated today, as the store keeps them.
fn events_of(decision: ProposalDecision) -> Vec<NewTenancyEvent> {
    let today = crate::pages::casework::today();
    decision
        .records()
        .into_iter()
        .map(|recorded| {
            let (kind, details) = match recorded {
                Recorded::Event(kind) => (kind, serde_json::json!({})),
                Recorded::Agreement(status) => (
                    EventKind::Betalingsregeling,
                    serde_json::json!({ "status": status.slug() }),
                ),
            };
            NewTenancyEvent {
                kind: kind.slug().to_string(),
                on_date: today,
                target_date: None,
                details,
                document: None,
            }
        })
        .collect()
}

async fn write(
    state: &AppState,
    who: &SignedIn,
    response: &TenantResponse,
    status: ResponseStatus,
    answer: Option<serde_json::Value>,
    events: &[NewTenancyEvent],
) -> Result<(), Refusal> {
    // Each event is checked by the domain before anything is written.
    for event in events {
        crate::tenancy::domain_event(event)?;
    }
    let recording = EventRecording {
        recorded_by_user_id: who.actor.user_id(),
        expected_version: None,
        gate_decision_id: None,
    };
    let pairs: Vec<_> = events.iter().map(|e| (e, &recording)).collect();
    let answer = ResponseAnswer {
        status,
        answer,
        handled_by_user_id: who.actor.user_id(),
        expected_status: ResponseStatus::Open,
    };
    let audit = who.audit("tenant_channel.answer", "tenant_response");
    state
        .store
        .answer_response(who.org.id, response.id, &answer, &pairs, audit)
        .await?;
    Ok(())
}
