//! A teamleider's pending overrides: each with its tenancy, step, reason
//! and who asked, and buttons to approve (the step is recorded) or reject.
//! The requester cannot decide on their own request: the store refuses,
//! and the page says so in Dutch.

use super::{actor, allow, audit_for, day, kind_label, OVERRIDES_PATH};
use crate::auth::SignedIn;
use crate::middleware::CsrfToken;
use crate::pages::errors::PageError;
use crate::pages::layout::Layout;
use crate::pages::render;
use crate::state::AppState;
use crate::tenancy::{self, TenancyError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use serde::Deserialize;
use vangnet_domain::permission::Action;
use vangnet_store::tenancy::OverrideFilter;
use vangnet_store::StoreError;

struct Row {
    id: i64,
    tenancy_id: i64,
    reference: String,
    step: String,
    on: String,
    reason: String,
    requested_by: String,
    requested_at: String,
    own: bool,
}

#[derive(Template)]
#[template(path = "tenancy_overrides.html")]
struct OverridesPage {
    layout: Layout,
    rows: Vec<Row>,
    notice: Option<&'static str>,
    problem: Option<String>,
}

#[derive(Deserialize)]
pub struct Notice {
    melding: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(notice): Query<Notice>,
) -> Result<Response, PageError> {
    let text = match notice.melding.as_deref() {
        Some("goedgekeurd") => Some("De doorbraak is goedgekeurd en de stap is vastgelegd."),
        Some("afgewezen") => Some("De doorbraak is afgewezen."),
        _ => None,
    };
    render_list(&state, &who, &csrf, StatusCode::OK, text, None).await
}

async fn render_list(
    state: &AppState,
    who: &SignedIn,
    csrf: &CsrfToken,
    status: StatusCode,
    notice: Option<&'static str>,
    problem: Option<String>,
) -> Result<Response, PageError> {
    let own = allow(state, who, Action::ApproveOverride).await?;
    let pending = state
        .store
        .gate_overrides(own, OverrideFilter::Pending)
        .await?;
    let mut rows = Vec::with_capacity(pending.len());
    for o in pending {
        let reference = state
            .store
            .tenancy(own, o.tenancy_id)
            .await?
            .map(|t| t.data.reference)
            .unwrap_or_default();
        rows.push(Row {
            id: o.id,
            tenancy_id: o.tenancy_id,
            reference,
            step: kind_label(&o.event.kind),
            on: day(o.event.on_date),
            reason: o.reason,
            requested_by: o.requested_by_name.unwrap_or_default(),
            requested_at: o.requested_at.format("%d-%m-%Y %H:%M").to_string(),
            own: o.requested_by_user_id == who.user.id,
        });
    }
    let page = OverridesPage {
        layout: Layout::signed_in("Doorbraken", &csrf.0, who, OVERRIDES_PATH),
        rows,
        notice,
        problem,
    };
    Ok((status, render(&page)).into_response())
}

async fn refused(
    state: &AppState,
    who: &SignedIn,
    csrf: &CsrfToken,
    error: TenancyError,
) -> Result<Response, PageError> {
    match error {
        TenancyError::Store(StoreError::Conflict { reason, .. }) => {
            render_list(state, who, csrf, StatusCode::CONFLICT, None, Some(reason)).await
        }
        TenancyError::Store(StoreError::Invalid(invalid)) => {
            let text = invalid.to_string();
            render_list(
                state,
                who,
                csrf,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                Some(text),
            )
            .await
        }
        other => Err(other.into()),
    }
}

pub async fn approve(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    allow(&state, &who, Action::ApproveOverride).await?;
    let audit = audit_for(&who);
    let as_actor = actor(&who, &audit);
    match tenancy::approve_override(&*state.store, &as_actor, id, None).await {
        Ok(_) => Ok(Redirect::to(&format!("{OVERRIDES_PATH}?melding=goedgekeurd")).into_response()),
        Err(error) => refused(&state, &who, &csrf, error).await,
    }
}

pub async fn reject(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    allow(&state, &who, Action::ApproveOverride).await?;
    let audit = audit_for(&who);
    let as_actor = actor(&who, &audit);
    match tenancy::reject_override(&*state.store, &as_actor, id).await {
        Ok(()) => Ok(Redirect::to(&format!("{OVERRIDES_PATH}?melding=afgewezen")).into_response()),
        Err(error) => refused(&state, &who, &csrf, error).await,
    }
}
