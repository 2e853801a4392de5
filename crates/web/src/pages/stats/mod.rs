//! The statistics pages (issue 7): `/statistieken` sends each person to
//! their dashboard; `/statistieken/{gemeente|verhuurder|platform}` shows it
//! for a period (`?periode=2026|2026-K1|2026-03|2026-01-15..2026-03-31`);
//! `/statistieken/{kind}/{section}.csv|.xlsx` and `/statistieken/{kind}.xlsx`
//! download the same figures; a verhuurder's teamleider or beheerder sets
//! the cost per eviction at `/statistieken/verhuurder/kosten`.

pub mod access;
mod view;

use crate::auth::{authorize, SignedIn};
use crate::middleware::CsrfToken;
use crate::pages::casework::today;
use crate::pages::errors::{render_error, render_error_with, PageError};
use crate::pages::layout::Layout;
use crate::pages::render;
use crate::state::AppState;
use crate::stats::exports::{self, Format};
use crate::stats::render::{dashboard_path, period_query, sections_html};
use access::{allow, asked_period, kind_of, own_kind, AskedPeriod};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Router};
use serde::Deserialize;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::permission::{can, Action, Resource};
use vangnet_domain::signal::normalise::parse_amount_cents;
use vangnet_domain::stats::verhuurder::DEFAULT_EVICTION_COST_CENTS;
use vangnet_domain::stats::{Dashboard, DashboardKind};
use vangnet_domain::FieldError;
use view::{period_choices, CostForm, DashboardPage};

pub const PATH: &str = "/statistieken";
const COST_PATH: &str = "/statistieken/verhuurder/kosten";
/// A cost per eviction above this is a typing mistake (cents).
const MAX_COST_CENTS: i64 = 100_000_000;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(PATH, get(choose))
        .route("/statistieken/{file}", get(page_or_workbook))
        .route("/statistieken/{kind}/{file}", get(section_file))
        .route(COST_PATH, post(set_cost))
}

#[derive(Deserialize, Default)]
pub struct Asked {
    periode: Option<String>,
    anders: Option<String>,
    melding: Option<String>,
}

/// To the dashboard this person has; a refusal (audited) says why not.
async fn choose(State(state): State<AppState>, who: SignedIn) -> Result<Response, PageError> {
    let Some(kind) = own_kind(&who.actor) else {
        // Asked anyway, so the refusal is audited and explains itself.
        let own = Resource::Organisation(who.org.id);
        authorize(&state, &who.actor, Action::ViewStatistics, own).await?;
        return Err(PageError::not_found());
    };
    allow(&state, &who.actor, kind).await?;
    Ok(Redirect::to(&format!("{PATH}/{}", kind.slug())).into_response())
}

/// The dashboard for the period asked, or what is wrong with the period.
async fn dashboard_for(
    state: &AppState,
    who: &SignedIn,
    kind: DashboardKind,
    asked: &Asked,
) -> Result<Result<(AskedPeriod, Dashboard), FieldError>, PageError> {
    allow(state, &who.actor, kind).await?;
    let today = today();
    let period = match asked_period(asked.periode.as_deref(), asked.anders.as_deref(), today) {
        Ok(period) => period,
        Err((field, reason)) => {
            let field = field.into();
            return Ok(Err(FieldError { field, reason }));
        }
    };
    let dashboard = access::load(state, kind, &who.org, &period, today).await?;
    Ok(Ok((period, dashboard)))
}

async fn page_or_workbook(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(file): Path<String>,
    Query(asked): Query<Asked>,
) -> Result<Response, PageError> {
    if let Some(kind) = file.strip_suffix(".xlsx").and_then(kind_of) {
        return match dashboard_for(&state, &who, kind, &asked).await? {
            Ok((_, dashboard)) => Ok(exports::workbook(&dashboard, Some(&who.org.name))),
            Err(error) => Ok(bad_period(error)),
        };
    }
    let kind = kind_of(&file).ok_or_else(PageError::not_found)?;
    let notice = asked
        .melding
        .as_deref()
        .filter(|m| *m == "kosten")
        .map(|_| "De kosten per ontruiming zijn opgeslagen.");
    let shown = dashboard_for(&state, &who, kind, &asked).await?;
    let (status, errors, dashboard, label) = match shown {
        Ok((period, dashboard)) => (StatusCode::OK, vec![], Some(dashboard), period.label),
        Err(error) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![error],
            None,
            today().format("%Y").to_string(),
        ),
    };
    let other = asked.anders.clone().unwrap_or_default();
    let page = Page {
        kind,
        status,
        errors,
        notice,
        label,
        other,
        sent_cost: None,
    };
    page.render(&state, &who, &csrf, dashboard).await
}

/// A download asked for a period that does not parse.
fn bad_period(error: FieldError) -> Response {
    let message = format!("{}: {}", view::field_label(&error.field), error.reason);
    render_error_with(StatusCode::UNPROCESSABLE_ENTITY, Some(message))
}

async fn section_file(
    State(state): State<AppState>,
    who: SignedIn,
    Path((kind, file)): Path<(String, String)>,
    Query(asked): Query<Asked>,
) -> Result<Response, PageError> {
    let kind = kind_of(&kind).ok_or_else(PageError::not_found)?;
    let (id, format) = Format::split(&file).ok_or_else(PageError::not_found)?;
    let dashboard = match dashboard_for(&state, &who, kind, &asked).await? {
        Ok((_, dashboard)) => dashboard,
        Err(error) => return Ok(bad_period(error)),
    };
    let section = dashboard.section(id).ok_or_else(PageError::not_found)?;
    Ok(exports::section_file(
        &dashboard,
        section,
        Some(&who.org.name),
        format,
    ))
}

/// What one rendering of the page needs besides the figures.
struct Page {
    kind: DashboardKind,
    status: StatusCode,
    errors: Vec<FieldError>,
    notice: Option<&'static str>,
    label: String,
    other: String,
    sent_cost: Option<String>,
}

impl Page {
    async fn render(
        self,
        state: &AppState,
        who: &SignedIn,
        csrf: &CsrfToken,
        dashboard: Option<Dashboard>,
    ) -> Result<Response, PageError> {
        let own = Resource::Organisation(who.org.id);
        let may_set_cost = self.kind == DashboardKind::Verhuurder
            && can(&who.actor, Action::SetEvictionCost, own).is_allowed();
        let cost = match may_set_cost {
            true => Some(CostForm::new(
                state.store.eviction_cost(who.org.id).await?,
                DEFAULT_EVICTION_COST_CENTS,
                self.sent_cost.as_deref(),
            )),
            false => None,
        };
        let sections = match dashboard.as_ref().map(sections_html) {
            Some(Ok(html)) => html,
            Some(Err(error)) => {
                tracing::error!(%error, "statistics sections failed to render");
                return Ok(render_error(StatusCode::INTERNAL_SERVER_ERROR));
            }
            None => String::new(),
        };
        let heading = dashboard
            .as_ref()
            .map_or_else(|| "Statistieken".to_string(), |d| d.title.clone());
        let page = DashboardPage {
            layout: Layout::signed_in(&heading, &csrf.0, who, PATH),
            heading,
            kind: self.kind.slug(),
            span: dashboard.as_ref().map(|d| {
                format!(
                    "{} tot en met {}",
                    view::long_day(d.from),
                    view::long_day(d.to)
                )
            }),
            groups: period_choices(today(), &self.label),
            other: self.other,
            errors: self.errors,
            notice: self.notice,
            workbook_href: dashboard
                .as_ref()
                .map(|d| format!("{}.xlsx{}", dashboard_path(d), period_query(d))),
            sections,
            cost,
            label: self.label,
        };
        Ok((self.status, render(&page)).into_response())
    }
}

#[derive(Deserialize)]
pub struct CostSent {
    bedrag: Option<String>,
    actie: Option<String>,
    periode: Option<String>,
}

/// The amount typed, in cents, or why not.
fn cost_cents(text: &str) -> Result<i64, String> {
    match parse_amount_cents(text) {
        Ok(cents) if (1..=MAX_COST_CENTS).contains(&cents) => Ok(cents),
        Ok(_) => Err("vul een bedrag in tussen € 0,01 en € 1.000.000".into()),
        Err(_) => Err(format!(
            "'{}' is geen bedrag; vul een bedrag in euro in, bijvoorbeeld 8.250 of 8250,00",
            text.trim()
        )),
    }
}

async fn set_cost(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Form(sent): Form<CostSent>,
) -> Result<Response, PageError> {
    let own = Resource::Organisation(who.org.id);
    authorize(&state, &who.actor, Action::SetEvictionCost, own).await?;
    let typed = sent.bedrag.clone().unwrap_or_default();
    let cents = match sent.actie.as_deref() {
        Some("standaard") => Ok(None),
        _ => cost_cents(&typed).map(Some),
    };
    let back = asked_period(sent.periode.as_deref(), None, today())
        .map(|p| p.label)
        .unwrap_or_else(|_| today().format("%Y").to_string());
    match cents {
        Ok(cents) => {
            let audit = AuditEvent::new(
                "stats.eviction_cost",
                "organisation",
                Some(who.org.id.to_string()),
            )
            .by_user(who.user.id, who.org.id)
            .with_detail(serde_json::json!({ "cents": cents }));
            state
                .store
                .set_eviction_cost(who.org.id, cents, audit)
                .await?;
            let to = format!("{PATH}/verhuurder?periode={back}&melding=kosten");
            Ok(Redirect::to(&to).into_response())
        }
        Err(reason) => {
            let asked = Asked {
                periode: Some(back.clone()),
                ..Asked::default()
            };
            let dashboard =
                match dashboard_for(&state, &who, DashboardKind::Verhuurder, &asked).await? {
                    Ok((_, dashboard)) => Some(dashboard),
                    Err(_) => None,
                };
            let page = Page {
                kind: DashboardKind::Verhuurder,
                status: StatusCode::UNPROCESSABLE_ENTITY,
                errors: vec![FieldError {
                    field: "bedrag".into(),
                    reason,
                }],
                notice: None,
                label: back,
                other: String::new(),
                sent_cost: Some(typed),
            };
            page.render(&state, &who, &csrf, dashboard).await
        }
    }
}
