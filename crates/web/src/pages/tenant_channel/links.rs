//! "Nieuwe link maken" and "Link intrekken" on a tenancy's letters page.
//! A new link revokes the earlier ones (the store does it in the same
//! transaction); its address is shown once, on the answer to the POST,
//! and never again: only its hash is kept.

use super::letters::{failed, show, Flash};
use super::{audit_for, base_url, sending};
use crate::auth::SignedIn;
use crate::middleware::CsrfToken;
use crate::pages::errors::PageError;
use crate::pages::tenancies::allow;
use crate::state::AppState;
use crate::tenancy::TenancyError;
use crate::tenant_channel::send;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Extension;
use vangnet_domain::permission::Action;

pub async fn create(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let own = allow(&state, &who, Action::SendTenantLetters).await?;
    let settings = state.store.channel_settings(own).await?;
    let (base, _) = base_url(&state, &headers);
    let audit = audit_for(&who);
    let who_sends = sending(&who, &audit, &base);
    match send::make_link(&*state.store, &who_sends, id, &settings).await {
        Ok(made) => {
            let flash = Flash {
                notice: Some("Er is een nieuwe link gemaakt. De vorige link werkt niet meer."),
                fresh_link: Some(made.link_url),
                ..Flash::default()
            };
            show(&state, &who, &csrf, &headers, id, StatusCode::OK, flash).await
        }
        Err(error) => failed(&state, &who, &csrf, &headers, id, error).await,
    }
}

/// Revokes the tenancy's live links. Revoking when none is live changes
/// nothing and says so.
pub async fn revoke(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let own = allow(&state, &who, Action::SendTenantLetters).await?;
    if state.store.tenancy(own, id).await?.is_none() {
        return Err(PageError::not_found());
    }
    let now = chrono::Utc::now();
    let live: Vec<i64> = state
        .store
        .links_of_tenancy(own, id)
        .await?
        .into_iter()
        .filter(|l| l.revoked_at.is_none())
        .map(|l| l.id)
        .collect();
    for link_id in &live {
        let audit = who.audit("tenant_channel.link_revoke", "tenancy");
        if let Err(error) = state.store.revoke_link(own, *link_id, now, audit).await {
            return failed(&state, &who, &csrf, &headers, id, TenancyError::from(error)).await;
        }
    }
    let notice = match live.is_empty() {
        true => "Er was geen link om in te trekken.",
        false => "De link is ingetrokken. De huurder kan hem niet meer gebruiken.",
    };
    let flash = Flash {
        notice: Some(notice),
        ..Flash::default()
    };
    show(&state, &who, &csrf, &headers, id, StatusCode::OK, flash).await
}
