//! A gemeente's case-work settings, for its teamleiders and beheerders:
//! the priority weights, the deadlines in working days (with the optional
//! holidays), the retention periods and the DDAS delivery's details. The
//! domain's `validate` functions decide what is acceptable.

use super::settings_form::{
    label_of, parse, text, values_of, NumberField, Values, DEADLINES, GOOD_FRIDAY, LIBERATION_DAY,
    RETENTION, TEXTS, WEIGHTS,
};
use super::SETTINGS_PATH;
use crate::auth::{authorize, SignedIn};
use crate::middleware::CsrfToken;
use crate::pages::errors::PageError;
use crate::pages::layout::Layout;
use crate::pages::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use vangnet_domain::permission::{Action, Resource};
use vangnet_domain::FieldError;

/// One field as the form shows it.
struct FieldView {
    name: &'static str,
    label: &'static str,
    value: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "casework_settings.html")]
struct SettingsPage {
    layout: Layout,
    path: &'static str,
    notice: Option<&'static str>,
    errors: Vec<FieldError>,
    weights: Vec<FieldView>,
    deadlines: Vec<FieldView>,
    retention: Vec<FieldView>,
    texts: Vec<FieldView>,
    good_friday: bool,
    liberation_every_year: bool,
}

impl SettingsPage {
    fn field_label(&self, field: &str) -> &'static str {
        label_of(field)
    }
}

fn page(
    who: &SignedIn,
    csrf: &CsrfToken,
    values: &Values,
    errors: Vec<FieldError>,
    notice: Option<&'static str>,
) -> SettingsPage {
    let error_of = |name: &str| {
        errors
            .iter()
            .find(|e| e.field == name)
            .map(|e| e.reason.clone())
    };
    let view = |name: &'static str, label: &'static str| FieldView {
        name,
        label,
        value: text(values, name).to_string(),
        error: error_of(name),
    };
    let group = |fields: &[NumberField]| fields.iter().map(|f| view(f.name, f.label)).collect();
    SettingsPage {
        layout: Layout::signed_in("Instellingen zaakwerk", &csrf.0, who, SETTINGS_PATH),
        path: SETTINGS_PATH,
        notice,
        weights: group(&WEIGHTS),
        deadlines: group(&DEADLINES),
        retention: group(&RETENTION),
        texts: TEXTS
            .iter()
            .map(|(name, label)| view(name, label))
            .collect(),
        good_friday: text(values, GOOD_FRIDAY) == "ja",
        liberation_every_year: text(values, LIBERATION_DAY) == "every_year",
        errors,
    }
}

#[derive(Deserialize)]
pub struct Notice {
    melding: Option<String>,
}

async fn allowed(state: &AppState, who: &SignedIn) -> Result<(), PageError> {
    let own = Resource::Organisation(who.org.id);
    Ok(authorize(state, &who.actor, Action::ChangeCaseSettings, own).await?)
}

pub async fn form(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(notice): Query<Notice>,
) -> Result<Response, PageError> {
    allowed(&state, &who).await?;
    let settings = state.store.casework_settings(who.org.id).await?;
    let notice = (notice.melding.as_deref() == Some("opgeslagen")).then_some(
        "De instellingen zijn opgeslagen. De werkvoorraad rekent de prioriteiten opnieuw uit.",
    );
    let page = page(&who, &csrf, &values_of(&settings), Vec::new(), notice);
    Ok(render(&page))
}

pub async fn save(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    allowed(&state, &who).await?;
    let values: Values = fields.into_iter().collect();
    match parse(&values) {
        Ok(settings) => {
            let event = who
                .audit("casework.settings", "organisation")
                .with_object(who.org.id);
            state
                .store
                .set_casework_settings(who.org.id, &settings, event)
                .await?;
            Ok(Redirect::to(&format!("{SETTINGS_PATH}?melding=opgeslagen")).into_response())
        }
        Err(invalid) => {
            let page = page(&who, &csrf, &values, invalid.errors, None);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
        }
    }
}
