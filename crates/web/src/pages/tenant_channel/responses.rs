//! The verhuurder's work list of tenant responses ("Reacties"): open ones
//! first, each with its tenancy, kind, date and the tenant's own words
//! (auto-escaped like every text), and the answer forms. The answers are
//! in `answers.rs`.

use super::moment;
use crate::auth::SignedIn;
use crate::middleware::CsrfToken;
use crate::pages::errors::PageError;
use crate::pages::layout::Layout;
use crate::pages::tenancies::allow;
use crate::pages::{render, Paging};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use std::collections::HashMap;
use vangnet_domain::money::format_euros;
use vangnet_domain::permission::Action;
use vangnet_domain::tenancy::EventKind;
use vangnet_store::tenant_channel::{ResponseStatus, TenantResponse};

pub use super::answers::{accept, counter, handled};

/// The kinds a tenant's arrangement proposal is stored under: the event's
/// slug, and the shorter action slugs the store's documentation names.
pub const PROPOSAL_KINDS: [&str; 3] = [
    "betalingsregeling_voorgesteld",
    "regeling_voorstel",
    "betalingsregeling_voorstel",
];

pub fn is_proposal(kind: &str) -> bool {
    PROPOSAL_KINDS.contains(&kind)
}

/// A proposal's term and instalment, under the domain's or the form's
/// names, whichever the tenant side wrote.
pub fn proposal_terms(detail: &serde_json::Value) -> Option<(u32, i64)> {
    let number = |keys: &[&str]| keys.iter().find_map(|k| detail.get(*k)?.as_i64());
    let term = number(&["term_months", "looptijd", "looptijd_maanden"])?;
    let instalment = number(&["instalment_cents", "termijnbedrag_centen", "termijnbedrag"])?;
    Some((u32::try_from(term).ok()?, instalment))
}

pub struct ResponseRow {
    pub id: i64,
    pub tenancy_id: i64,
    pub reference: String,
    pub kind: String,
    pub on: String,
    pub status: &'static str,
    pub proposal: Option<String>,
    /// (label, the tenant's words or choice), every field of the response.
    pub words: Vec<(String, String)>,
    pub answer: Option<String>,
}

#[derive(Default)]
pub struct Flash {
    pub notice: Option<&'static str>,
    pub errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "tenant_channel_responses.html")]
struct ResponsesPage {
    layout: Layout,
    open: Vec<ResponseRow>,
    done: Vec<ResponseRow>,
    paging: Paging,
    flash: Flash,
}

pub async fn list(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(paging): Query<Paging>,
    Query(done): Query<Done>,
) -> Result<Response, PageError> {
    let flash = Flash {
        notice: done.klaar.map(|_| "Het antwoord is vastgelegd."),
        ..Flash::default()
    };
    show(&state, &who, &csrf, paging, StatusCode::OK, flash).await
}

/// `?klaar=1` after an answer was written (post, redirect, get).
#[derive(serde::Deserialize)]
pub struct Done {
    klaar: Option<String>,
}

pub(super) async fn show(
    state: &AppState,
    who: &SignedIn,
    csrf: &CsrfToken,
    paging: Paging,
    status: StatusCode,
    flash: Flash,
) -> Result<Response, PageError> {
    let own = allow(state, who, Action::AnswerTenantResponses).await?;
    let open = state
        .store
        .responses(
            own,
            Some(ResponseStatus::Open),
            vangnet_store::Page::first(500),
        )
        .await?;
    let all = state.store.responses(own, None, paging.page()).await?;
    let paging = paging.after(all.len());
    let mut references = HashMap::new();
    let open_rows = rows(state, own, open, &mut references).await?;
    let done: Vec<TenantResponse> = all
        .into_iter()
        .filter(|r| r.status != ResponseStatus::Open)
        .collect();
    let done_rows = rows(state, own, done, &mut references).await?;
    let page = ResponsesPage {
        layout: Layout::signed_in("Reacties van huurders", &csrf.0, who, super::RESPONSES_PATH),
        open: open_rows,
        done: done_rows,
        paging,
        flash,
    };
    Ok((status, render(&page)).into_response())
}

/// The rows with their tenancy's reference, each tenancy read once.
async fn rows(
    state: &AppState,
    own: i64,
    list: Vec<TenantResponse>,
    references: &mut HashMap<i64, String>,
) -> Result<Vec<ResponseRow>, PageError> {
    let mut out = Vec::with_capacity(list.len());
    for r in list {
        let reference = match references.get(&r.tenancy_id) {
            Some(found) => found.clone(),
            None => {
                let found = state.store.tenancy(own, r.tenancy_id).await?;
                let reference = found.map(|t| t.data.reference).unwrap_or_default();
                references.insert(r.tenancy_id, reference.clone());
                reference
            }
        };
        out.push(row(r, reference));
    }
    Ok(out)
}

fn row(r: TenantResponse, reference: String) -> ResponseRow {
    let terms =
        |(term, cents): (u32, i64)| format!("{term} maanden, {} per maand", format_euros(cents));
    let proposal = match is_proposal(&r.kind) {
        true => proposal_terms(&r.detail).map(terms),
        false => None,
    };
    ResponseRow {
        id: r.id,
        tenancy_id: r.tenancy_id,
        reference,
        kind: kind_label(&r.kind),
        on: moment(r.created_at),
        status: status_label(r.status),
        proposal,
        words: super::response_words::words(&r.detail),
        answer: r.answer.as_ref().and_then(proposal_terms).map(terms),
    }
}

pub fn kind_label(slug: &str) -> String {
    if is_proposal(slug) {
        return "Voorstel betalingsregeling".into();
    }
    EventKind::from_slug(slug)
        .map(|k| k.label_nl().to_string())
        .unwrap_or_else(|| slug.replace('_', " "))
}

fn status_label(status: ResponseStatus) -> &'static str {
    match status {
        ResponseStatus::Open => "Open",
        ResponseStatus::Accepted => "Geaccepteerd",
        ResponseStatus::Countered => "Tegenvoorstel gedaan",
        ResponseStatus::Handled => "Afgehandeld",
    }
}
