//! Contributing to the kennisbank and editing it (issue 6, point 2): a
//! partner submits a practice or proposes an edit and follows it at
//! "Mijn bijdragen"; anyone may suggest one through the public form; the
//! redactie reviews, publishes, rejects, keeps review dates and the
//! synonym list. Every step goes through `kennisbank::workflow`.

pub mod attachments;
mod contribute;
mod form;
mod maintain;
mod review;
mod suggest;

use crate::kennisbank::workflow::WorkflowError;
use crate::pages::errors::{render_error_with, PageError};
use crate::route_table::Routes;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use form::ErrorLine;
use serde::Deserialize;

pub const NEW_PATH: &str = "/kennisbank/nieuw";
pub const MINE_PATH: &str = "/kennisbank/mijn";
pub const SUGGEST_PATH: &str = "/kennisbank/voorstellen";
pub const QUEUE_PATH: &str = "/redactie";

pub fn routes() -> Routes {
    Routes::new()
        .route(NEW_PATH, get(contribute::new_form).post(contribute::submit))
        .route(
            "/kennisbank/{slug}/wijzigen",
            get(contribute::edit_form).post(contribute::propose),
        )
        .route(MINE_PATH, get(contribute::mine))
        .route("/kennisbank/mijn/{id}/reactie", post(contribute::comment))
        .route(
            "/kennisbank/mijn/{id}/bijlagen",
            post(attachments::add_for_author).layer(upload_limit()),
        )
        .route(
            "/redactie/bijlagen/{id}",
            post(attachments::add_for_editor).layer(upload_limit()),
        )
        .route(
            "/redactie/bijlagen/{id}/{attachment}/verwijderen",
            post(attachments::remove),
        )
        .route(
            "/kennisbank/mijn/{id}/opnieuw",
            get(contribute::resubmit_form).post(contribute::resubmit),
        )
        .route(SUGGEST_PATH, get(suggest::form).post(suggest::submit))
        .route(QUEUE_PATH, get(review::queue))
        .route("/redactie/versies/{id}", get(review::page))
        .route("/redactie/versies/{id}/{step}", post(review::act))
        .route("/redactie/historie/{id}", get(review::history))
        .route("/redactie/verlopen", get(maintain::overdue))
        .route("/redactie/verlopen/{id}", post(maintain::set_review_by))
        .route(
            "/redactie/synoniemen",
            get(maintain::synonyms).post(maintain::save_synonyms),
        )
}

fn upload_limit() -> axum::extract::DefaultBodyLimit {
    axum::extract::DefaultBodyLimit::max(attachments::UPLOAD_BODY_LIMIT)
}

#[derive(Deserialize, Default)]
pub struct Notice {
    melding: Option<String>,
}

impl Notice {
    fn text(&self) -> Option<&'static str> {
        Some(match self.melding.as_deref()? {
            "ingediend" => "Uw bijdrage is ingediend. De redactie beoordeelt haar.",
            "gereageerd" => "Uw reactie is toegevoegd.",
            "ontvangen" => "Dank u wel. Uw voorstel is ontvangen; de redactie beoordeelt het.",
            "gepubliceerd" => "De versie is gepubliceerd.",
            "afgewezen" => "De versie is afgewezen.",
            "teruggestuurd" => "De auteur is gevraagd de versie aan te passen.",
            "herzien" => "De herzieningsdatum is vastgelegd.",
            "bijlage" => "De bijlage is toegevoegd.",
            "bijlage-weg" => "De bijlage is verwijderd.",
            "opgeslagen" => "De synoniemen zijn opgeslagen en de zoekindex is bijgewerkt.",
            _ => return None,
        })
    }
}

fn done(path: &str, melding: &str) -> Response {
    Redirect::to(&format!("{path}?melding={melding}")).into_response()
}

/// A refusal the form can show again (422 for input, 409 for a conflict),
/// or the error page for anything else.
pub(crate) enum Problem {
    Form(StatusCode, Vec<ErrorLine>),
    Page(Response),
}

pub(crate) fn problem(error: WorkflowError, conflict_field: &str) -> Problem {
    match error {
        WorkflowError::Invalid(invalid) => Problem::Form(
            StatusCode::UNPROCESSABLE_ENTITY,
            form::error_lines(&invalid.errors),
        ),
        WorkflowError::Conflict(reason) => Problem::Form(
            StatusCode::CONFLICT,
            form::one_error(conflict_field, reason),
        ),
        WorkflowError::Forbidden(reason) => Problem::Page(render_error_with(
            StatusCode::FORBIDDEN,
            Some(format!("U heeft geen toegang: {reason}.")),
        )),
        WorkflowError::NotFound => Problem::Page(PageError::not_found().into_response()),
        WorkflowError::Failed(error) => Problem::Page(PageError::from(error).into_response()),
    }
}

/// "3 dagen", "vandaag".
fn age(since: chrono::DateTime<chrono::Utc>) -> String {
    match (chrono::Utc::now() - since).num_days() {
        0 => "vandaag".into(),
        1 => "1 dag".into(),
        n => format!("{n} dagen"),
    }
}

fn status_label(status: &str) -> &'static str {
    vangnet_domain::kennisbank::RevisionStatus::from_slug(status)
        .map_or("Onbekend", |s| s.label_nl())
}
