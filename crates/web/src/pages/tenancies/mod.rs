//! The eviction track's pages (issue 5, point 8): a verhuurder's
//! tenancies ("Huurdossiers"), the tenancy page with its ledger, timeline,
//! the gate's next-step panel and the forms to record events and ask for a
//! step, a teamleider's pending overrides ("Doorbraken"), and a gemeente's
//! art. 14 notices. Every step goes through `crate::tenancy`, the same
//! service as the API; events are read by the API's `EventInput`.

mod overrides;
mod page;
mod view;

use crate::auth::{authorize, SignedIn};
use crate::middleware::CsrfToken;
use crate::pages::errors::PageError;
use crate::pages::layout::Layout;
use crate::pages::{render, Paging};
use crate::route_table::Routes;
use crate::state::AppState;
use crate::tenancy::{TenancyActor, TenancyError};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Extension;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::money::format_euros;
use vangnet_domain::permission::{Action, Resource};
use vangnet_domain::signal::Address;
use vangnet_domain::tenancy::EventKind;

pub const LIST_PATH: &str = "/huur/dossiers";
pub const OVERRIDES_PATH: &str = "/huur/doorbraken";
pub const NOTICES_PATH: &str = "/gemeente/meldingen";

pub fn routes() -> Routes {
    Routes::new()
        .route(LIST_PATH, get(list))
        .route("/huur/dossiers/{id}", get(page::show))
        .route("/huur/dossiers/{id}/gebeurtenis", post(page::record))
        .route("/huur/dossiers/{id}/stap", post(page::step))
        .route(
            "/huur/dossiers/{id}/doorbraak",
            post(page::request_override),
        )
        .route(OVERRIDES_PATH, get(overrides::list))
        .route("/huur/doorbraken/{id}/goedkeuren", post(overrides::approve))
        .route("/huur/doorbraken/{id}/afwijzen", post(overrides::reject))
        .route(NOTICES_PATH, get(notices))
}

/// The signed-in person's own organisation, if `can` allows `action` on it.
pub(crate) async fn allow(
    state: &AppState,
    who: &SignedIn,
    action: Action,
) -> Result<i64, PageError> {
    let own = who.org.id;
    authorize(state, &who.actor, action, Resource::Organisation(own)).await?;
    Ok(own)
}

/// Runs a service call as the signed-in person.
pub(crate) fn audit_for(who: &SignedIn) -> impl Fn(&str) -> AuditEvent + Send + Sync + '_ {
    move |action: &str| who.audit(action, "tenancy")
}

pub(crate) fn actor<'a>(
    who: &'a SignedIn,
    audit: &'a (dyn Fn(&str) -> AuditEvent + Send + Sync),
) -> TenancyActor<'a> {
    TenancyActor {
        actor: &who.actor,
        audit,
    }
}

/// "Laan van Meerdervoort 12-A, 2517AB Den Haag".
pub fn address_label(address: &Address) -> String {
    let mut text = String::new();
    if let Some(street) = address.street.as_deref().filter(|s| !s.is_empty()) {
        text.push_str(street);
        text.push(' ');
    }
    text.push_str(&address.house_number.to_string());
    if let Some(addition) = address.addition.as_deref().filter(|a| !a.is_empty()) {
        text.push('-');
        text.push_str(addition);
    }
    text.push_str(", ");
    text.push_str(&address.postcode);
    if let Some(city) = address.city.as_deref().filter(|c| !c.is_empty()) {
        text.push(' ');
        text.push_str(city);
    }
    text
}

pub fn kind_label(slug: &str) -> String {
    EventKind::from_slug(slug)
        .map(|k| k.label_nl().to_string())
        .unwrap_or_else(|| slug.to_string())
}

pub fn day(date: chrono::NaiveDate) -> String {
    date.format("%d-%m-%Y").to_string()
}

/// A service failure as a page: what the person can fix is the caller's.
impl From<TenancyError> for PageError {
    fn from(error: TenancyError) -> Self {
        match error {
            TenancyError::NotFound => PageError::not_found(),
            TenancyError::Refused(decision) => decision.into(),
            TenancyError::Store(error) => error.into(),
            TenancyError::Invalid(_) => PageError::not_found(),
        }
    }
}

struct Row {
    id: i64,
    reference: String,
    address: String,
    tenants: String,
    stage: String,
    arrears: String,
    months: i64,
}

#[derive(Template)]
#[template(path = "tenancy_list.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<Row>,
    paging: Paging,
}

pub async fn list(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(paging): Query<Paging>,
) -> Result<Response, PageError> {
    let own = allow(&state, &who, Action::ViewTenancies).await?;
    let tenancies = state.store.tenancies(own, paging.page()).await?;
    let paging = paging.after(tenancies.len());
    let rows = tenancies
        .into_iter()
        .map(|t| Row {
            id: t.id,
            reference: t.data.reference.clone(),
            address: address_label(&t.data.address),
            tenants: t.data.tenants.join(", "),
            stage: t
                .stage
                .as_deref()
                .map(kind_label)
                .unwrap_or_else(|| "Nog geen stap".into()),
            arrears: format_euros(t.arrears.arrears_cents.max(0)),
            months: t.arrears.months_in_arrears,
        })
        .collect();
    let page = ListPage {
        layout: Layout::signed_in("Huurdossiers", &csrf.0, &who, LIST_PATH),
        rows,
        paging,
    };
    Ok(render(&page))
}

struct NoticeRow {
    verhuurder: String,
    address: String,
    tenants: String,
    notified_on: String,
    intended: String,
    planned: String,
    case_id: i64,
}

#[derive(Template)]
#[template(path = "tenancy_notices.html")]
struct NoticesPage {
    layout: Layout,
    rows: Vec<NoticeRow>,
    paging: Paging,
}

/// A gemeente's art. 14 notices, newest first.
pub async fn notices(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(paging): Query<Paging>,
) -> Result<Response, PageError> {
    let own = allow(&state, &who, Action::ViewEvictionNotices).await?;
    let found = state.store.eviction_notices(own, paging.page()).await?;
    let paging = paging.after(found.len());
    let rows = found
        .into_iter()
        .map(|n| NoticeRow {
            verhuurder: n.verhuurder_name,
            address: address_label(&n.address),
            tenants: n.tenants.join(", "),
            notified_on: day(n.notified_on),
            intended: day(n.intended_date),
            planned: n.planned_date.map(day).unwrap_or_else(|| "nog niet".into()),
            case_id: n.case_id,
        })
        .collect();
    let page = NoticesPage {
        layout: Layout::signed_in("Meldingen ontruiming", &csrf.0, &who, NOTICES_PATH),
        rows,
        paging,
    };
    Ok(render(&page))
}

/// The status a page answers with when the input could not be used.
pub(crate) const UNPROCESSABLE: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;
