//! The tenancy page and its forms: record an event that does not escalate,
//! ask for the next escalating step (through the gate: allowed is
//! recorded, blocked is answered 409 with every rule and a form to ask for
//! an override), and the override request itself.

use super::view::{recordable_kinds, ReasonRow, TenancyView};
use super::{actor, allow, audit_for, kind_label, UNPROCESSABLE};
use crate::auth::SignedIn;
use crate::middleware::CsrfToken;
use crate::pages::casework::today;
use crate::pages::errors::PageError;
use crate::pages::layout::Layout;
use crate::pages::render;
use crate::state::AppState;
use crate::tenancy::{self, EventInput, StepOutcome, TenancyError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use vangnet_domain::permission::{can, Action, Resource};
use vangnet_domain::signal::normalise::parse_date;
use vangnet_domain::tenancy::{DetailsShape, EventKind};
use vangnet_domain::Invalid;
use vangnet_store::StoreError;

/// A step the gate just blocked, shown with its rules and the override form.
pub struct Blocked {
    pub decision_id: i64,
    pub label: String,
    pub kind: String,
    pub datum: String,
    pub planned: String,
    pub reasons: Vec<ReasonRow>,
}

#[derive(Default)]
pub struct Flash {
    pub notice: Option<&'static str>,
    pub errors: Vec<String>,
    pub blocked: Option<Blocked>,
}

#[derive(Template)]
#[template(path = "tenancy_page.html")]
struct TenancyPage {
    layout: Layout,
    t: TenancyView,
    kinds: Vec<(&'static str, &'static str)>,
    contact_kinds: Vec<&'static str>,
    statuses: Vec<(&'static str, &'static str)>,
    prevented: Vec<(&'static str, &'static str)>,
    today: String,
    can_manage: bool,
    can_override: bool,
    flash: Flash,
}

#[derive(Deserialize)]
pub struct Notice {
    melding: Option<String>,
}

fn done_text(slug: &str) -> Option<&'static str> {
    Some(match slug {
        "gebeurtenis" => "De gebeurtenis is vastgelegd.",
        "stap" => "De poort liet de stap toe; de stap is vastgelegd.",
        "doorbraak" => "De doorbraak is aangevraagd; een teamleider beoordeelt haar.",
        _ => return None,
    })
}

pub async fn show(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Query(notice): Query<Notice>,
) -> Result<Response, PageError> {
    let flash = Flash {
        notice: notice.melding.as_deref().and_then(done_text),
        ..Flash::default()
    };
    render_tenancy(&state, &who, &csrf, id, StatusCode::OK, flash).await
}

async fn render_tenancy(
    state: &AppState,
    who: &SignedIn,
    csrf: &CsrfToken,
    id: i64,
    status: StatusCode,
    flash: Flash,
) -> Result<Response, PageError> {
    let own = allow(state, who, Action::ViewTenancies).await?;
    let today = today();
    let t = TenancyView::build(state, own, id, today).await?;
    // Who looked at which household's file, and when, like a case page:
    // audited before anything of it is shown.
    let event = who.audit("tenancy.view", "tenancy").with_object(id);
    state.store.append_audit(event).await?;
    let allowed = |action| can(&who.actor, action, Resource::Organisation(own)).is_allowed();
    let page = TenancyPage {
        layout: Layout::signed_in(
            &format!("Huurdossier {}", t.reference),
            &csrf.0,
            who,
            super::LIST_PATH,
        ),
        t,
        kinds: recordable_kinds(),
        contact_kinds: vangnet_domain::ddas::ContactKind::ALL
            .iter()
            .map(|k| k.ddas())
            .collect(),
        statuses: vangnet_domain::tenancy::AgreementStatus::ALL
            .iter()
            .map(|s| (s.slug(), s.label_nl()))
            .collect(),
        prevented: vangnet_domain::tenancy::PreventedBy::ALL
            .iter()
            .map(|s| (s.slug(), s.label_nl()))
            .collect(),
        today: super::day(today),
        can_manage: allowed(Action::ManageTenancies),
        can_override: allowed(Action::RequestOverride),
        flash,
    };
    Ok((status, render(&page)).into_response())
}

/// Every field of the tenancy page's forms; each sends the ones it has.
#[derive(Deserialize, Default, Clone)]
pub struct EventForm {
    #[serde(default)]
    versie: String,
    #[serde(default)]
    soort: String,
    #[serde(default)]
    datum: String,
    #[serde(default)]
    contactsoort: String,
    #[serde(default)]
    bereikt: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    hoe: String,
    #[serde(default)]
    ontruimingsdatum: String,
    #[serde(default)]
    geplande_datum: String,
    #[serde(default)]
    besluit: String,
    #[serde(default)]
    reden: String,
}

fn date_field(text: &str, field: &str, invalid: &mut Invalid) -> Option<String> {
    match parse_date(text) {
        Ok(date) => Some(date.to_string()),
        Err(_) => {
            invalid.push(field, "vul een datum in als dd-mm-jjjj");
            None
        }
    }
}

impl EventForm {
    /// The form as the API's event input; the service checks the rest.
    fn input(&self) -> Result<EventInput, Invalid> {
        use serde_json::Value;
        let mut invalid = Invalid::default();
        let mut fields = serde_json::Map::new();
        fields.insert("kind".into(), Value::from(self.soort.trim()));
        if let Some(date) = date_field(&self.datum, "datum", &mut invalid) {
            fields.insert("date".into(), date.into());
        }
        let shape = EventKind::from_slug(self.soort.trim()).map(|k| k.details_shape());
        match shape {
            Some(DetailsShape::Contact) => {
                fields.insert("soort".into(), self.contactsoort.trim().into());
                fields.insert("bereikt".into(), Value::Bool(self.bereikt == "ja"));
            }
            Some(DetailsShape::Agreement) => {
                fields.insert("status".into(), self.status.trim().into());
            }
            Some(DetailsShape::Prevented) => {
                fields.insert("hoe".into(), self.hoe.trim().into());
            }
            Some(DetailsShape::Planned) => {
                if let Some(date) = date_field(&self.geplande_datum, "geplande_datum", &mut invalid)
                {
                    fields.insert("planned_date".into(), date.into());
                }
            }
            _ => {}
        }
        let mut target_date = None;
        if self.soort.trim() == EventKind::MeldingGemeenteOntruiming.slug() {
            target_date = date_field(&self.ontruimingsdatum, "ontruimingsdatum", &mut invalid)
                .and_then(|d| d.parse().ok());
        }
        invalid.into_result()?;
        Ok(EventInput {
            fields,
            target_date,
            expected_version: self.versie.trim().parse().ok(),
            document: None,
        })
    }
}

fn error_lines(invalid: &Invalid) -> Vec<String> {
    invalid
        .errors
        .iter()
        .map(|e| {
            let field = e.field.trim_start_matches('.');
            let label = match field {
                "datum" | "date" => "Datum",
                "kind" | "" => "Soort gebeurtenis",
                "soort" | "contactsoort" => "Soort contact",
                "bereikt" => "Bereikt",
                "status" => "Status",
                "hoe" => "Hoe voorkomen",
                "ontruimingsdatum" => "Beoogde ontruimingsdatum",
                "geplande_datum" | "planned_date" => "Geplande datum",
                "reason" | "reden" => "Reden",
                _ => "Invoer",
            };
            format!("{label}: {}", e.reason)
        })
        .collect()
}

/// What a failed service call shows: input problems (422) and conflicts
/// (409) on the page itself, anything else as an error page.
async fn failed(
    state: &AppState,
    who: &SignedIn,
    csrf: &CsrfToken,
    id: i64,
    error: TenancyError,
) -> Result<Response, PageError> {
    failed_with(state, who, csrf, id, error, None).await
}

async fn failed_with(
    state: &AppState,
    who: &SignedIn,
    csrf: &CsrfToken,
    id: i64,
    error: TenancyError,
    blocked: Option<Blocked>,
) -> Result<Response, PageError> {
    let (status, errors) = match error {
        TenancyError::Invalid(invalid) => (UNPROCESSABLE, error_lines(&invalid)),
        TenancyError::Store(StoreError::Invalid(invalid)) => (UNPROCESSABLE, error_lines(&invalid)),
        TenancyError::Store(StoreError::Conflict { reason, .. }) => {
            (StatusCode::CONFLICT, vec![reason])
        }
        other => return Err(other.into()),
    };
    let flash = Flash {
        errors,
        blocked,
        ..Flash::default()
    };
    render_tenancy(state, who, csrf, id, status, flash).await
}

fn back(id: i64, melding: &str) -> Response {
    Redirect::to(&format!("/huur/dossiers/{id}?melding={melding}")).into_response()
}

/// Records an event that does not escalate.
pub async fn record(
    state: State<AppState>,
    who: SignedIn,
    csrf: Extension<CsrfToken>,
    id: Path<i64>,
    form: Form<EventForm>,
) -> Result<Response, PageError> {
    submit(state, who, csrf, id, form, false).await
}

/// Asks for the next escalating step: through the gate.
pub async fn step(
    state: State<AppState>,
    who: SignedIn,
    csrf: Extension<CsrfToken>,
    id: Path<i64>,
    form: Form<EventForm>,
) -> Result<Response, PageError> {
    submit(state, who, csrf, id, form, true).await
}

async fn submit(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Form(form): Form<EventForm>,
    escalating: bool,
) -> Result<Response, PageError> {
    allow(&state, &who, Action::ManageTenancies).await?;
    let is_step = vangnet_domain::tenancy::Step::parse(form.soort.trim()).is_ok();
    if is_step != escalating {
        let message = match escalating {
            true => "kies een stap waar de poort voor geldt",
            false => "een escalerende stap vraagt u aan met het formulier 'Volgende stap'",
        };
        let error = TenancyError::Invalid(Invalid::one("kind", message));
        return failed(&state, &who, &csrf, id, error).await;
    }
    let input = match form.input() {
        Ok(input) => input,
        Err(invalid) => return failed(&state, &who, &csrf, id, invalid.into()).await,
    };
    let audit = audit_for(&who);
    let as_actor = actor(&who, &audit);
    let expected = input.expected_version;
    let outcome =
        tenancy::record_event(&*state.store, &as_actor, id, &input, expected, today()).await;
    match outcome {
        Ok(StepOutcome::Direct { .. }) => Ok(back(id, "gebeurtenis")),
        Ok(StepOutcome::Recorded { .. }) => Ok(back(id, "stap")),
        Ok(StepOutcome::Blocked {
            decision_id,
            decision,
        }) => {
            let blocked = Blocked {
                decision_id,
                label: kind_label(form.soort.trim()),
                kind: form.soort.trim().to_string(),
                datum: form.datum.clone(),
                planned: form.geplande_datum.clone(),
                reasons: decision.reasons.into_iter().map(ReasonRow::from).collect(),
            };
            let flash = Flash {
                blocked: Some(blocked),
                ..Flash::default()
            };
            render_tenancy(&state, &who, &csrf, id, StatusCode::CONFLICT, flash).await
        }
        Err(error) => failed(&state, &who, &csrf, id, error).await,
    }
}

/// Asks for a blocked step anyway, with a written reason.
pub async fn request_override(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Form(form): Form<EventForm>,
) -> Result<Response, PageError> {
    allow(&state, &who, Action::RequestOverride).await?;
    let Ok(decision_id) = form.besluit.trim().parse::<i64>() else {
        return Err(PageError::not_found());
    };
    let input = match form.input() {
        Ok(input) => input,
        Err(invalid) => return failed(&state, &who, &csrf, id, invalid.into()).await,
    };
    let audit = audit_for(&who);
    let as_actor = actor(&who, &audit);
    let result = tenancy::request_override(
        &*state.store,
        &as_actor,
        id,
        decision_id,
        &input,
        &form.reden,
        today(),
    )
    .await;
    match result {
        Ok(_) => Ok(back(id, "doorbraak")),
        Err(error) => {
            // The blocked step and its rules stay on the page, so a missing
            // reason can be added without asking the gate again.
            let blocked = blocked_again(&state, &who, decision_id, &form).await?;
            failed_with(&state, &who, &csrf, id, error, blocked).await
        }
    }
}

/// The stored decision an override names, shown as when it blocked.
async fn blocked_again(
    state: &AppState,
    who: &SignedIn,
    decision_id: i64,
    form: &EventForm,
) -> Result<Option<Blocked>, PageError> {
    let own = who.org.id;
    let Some(stored) = state.store.gate_decision(own, decision_id).await? else {
        return Ok(None);
    };
    // Stored as the domain gave them; rows read only what they show.
    let reasons: Vec<ReasonRow> = serde_json::from_value(stored.data.reasons).unwrap_or_default();
    Ok(Some(Blocked {
        decision_id,
        label: kind_label(&stored.data.step),
        kind: stored.data.step,
        datum: form.datum.clone(),
        planned: form.geplande_datum.clone(),
        reasons,
    }))
}
