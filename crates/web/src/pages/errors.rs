//! 403, 404, 500 and 503 pages in the site's own style. API paths get
//! problem+json instead.

use crate::pages::layout::Layout;
use crate::problem::Problem;
use askama::Template;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use vangnet_domain::permission::Decision;
use vangnet_domain::FieldError;
use vangnet_store::StoreError;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    layout: Layout,
    status: u16,
    heading: &'static str,
    message: String,
}

fn wording(status: StatusCode) -> (&'static str, &'static str) {
    match status.as_u16() {
        400 | 415 | 422 => (
            "Ongeldig verzoek",
            "Het verzoek kon niet worden gelezen. Controleer het adres, of vul het formulier opnieuw in.",
        ),
        403 => (
            "Geen toegang",
            "U heeft geen toestemming voor deze pagina of actie. Was dit een formulier dat u lang open had staan? Laad de pagina dan opnieuw en probeer het nog eens.",
        ),
        404 => (
            "Pagina niet gevonden",
            "Deze pagina bestaat niet, of u heeft er geen toegang toe. Controleer het adres of ga terug naar de startpagina.",
        ),
        413 => ("Te groot", "Wat u verstuurde is te groot."),
        503 => (
            "Tijdelijk niet beschikbaar",
            "vangnet kan de database nu niet bereiken. Probeer het over een minuut opnieuw.",
        ),
        _ => (
            "Er ging iets mis",
            "Er ging aan onze kant iets mis. Probeer het later opnieuw. Blijft het misgaan, neem dan contact op met uw beheerder.",
        ),
    }
}

pub fn render_error(status: StatusCode) -> Response {
    render_error_with(status, None)
}

pub fn render_error_with(status: StatusCode, message: Option<String>) -> Response {
    let (heading, default_message) = wording(status);
    let page = ErrorPage {
        layout: Layout::anonymous(heading, ""),
        status: status.as_u16(),
        heading,
        message: message.unwrap_or_else(|| default_message.into()),
    };
    let html = page
        .render()
        .unwrap_or_else(|_| format!("<h1>{heading}</h1>"));
    (status, Html(html)).into_response()
}

pub async fn not_found(request: Request) -> Response {
    if request.uri().path().starts_with("/api/") {
        Problem::not_found().into_response()
    } else {
        render_error(StatusCode::NOT_FOUND)
    }
}

/// A page handler's failure; renders as the matching error page.
#[derive(Debug)]
pub struct PageError {
    status: StatusCode,
    message: Option<String>,
}

impl PageError {
    pub fn not_found() -> Self {
        PageError {
            status: StatusCode::NOT_FOUND,
            message: None,
        }
    }
}

impl From<StoreError> for PageError {
    fn from(error: StoreError) -> Self {
        let status = match &error {
            StoreError::NotFound => StatusCode::NOT_FOUND,
            StoreError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            _ => {
                tracing::error!(%error, "storage error on a page");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        PageError {
            status,
            message: None,
        }
    }
}

impl From<Decision> for PageError {
    fn from(decision: Decision) -> Self {
        match decision {
            Decision::Forbidden(reason) => PageError {
                status: StatusCode::FORBIDDEN,
                message: Some(format!("U heeft geen toegang: {reason}.")),
            },
            _ => PageError::not_found(),
        }
    }
}

/// Input mistakes go back to the form as field errors; anything else
/// becomes an error page.
pub fn form_errors(error: StoreError) -> Result<Vec<FieldError>, PageError> {
    match error {
        StoreError::Invalid(invalid) => Ok(invalid.errors),
        StoreError::Conflict { field, reason } => Ok(vec![FieldError { field, reason }]),
        other => Err(other.into()),
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        render_error_with(self.status, self.message)
    }
}
