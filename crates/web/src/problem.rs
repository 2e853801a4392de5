//! API errors as `application/problem+json` (RFC 9457), with a Dutch title
//! and detail, and field errors where input was rejected.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;
use vangnet_domain::permission::Decision;
use vangnet_domain::{FieldError, Invalid};
use vangnet_store::StoreError;

#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// One entry per rejected field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<Object>)]
    pub errors: Vec<FieldError>,
}

impl Problem {
    pub fn new(status: StatusCode, title: &str, detail: impl Into<String>) -> Self {
        Problem {
            kind: "about:blank",
            title: title.into(),
            status: status.as_u16(),
            detail: detail.into(),
            errors: Vec::new(),
        }
    }

    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "Niet gevonden",
            "Deze bron bestaat niet of u heeft er geen toegang toe.",
        )
    }

    pub fn unauthorized(detail: &str) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "Niet geauthenticeerd", detail)
    }

    pub fn invalid(invalid: Invalid) -> Self {
        let mut problem = Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Ongeldige invoer",
            invalid.to_string(),
        );
        problem.errors = invalid.errors;
        problem
    }

    /// A request the parser could not read (malformed JSON, a wrong
    /// content type, a path id that is not a number), with the parser's own
    /// words kept for API clients.
    pub fn unreadable(status: StatusCode, parser_text: &str) -> Self {
        Self::new(
            status,
            "Ongeldige invoer",
            format!(
                "Het verzoek kon niet worden gelezen ({}).",
                parser_text.trim()
            ),
        )
    }

    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Interne fout",
            "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
        )
    }
}

impl From<StoreError> for Problem {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => Problem::not_found(),
            StoreError::Invalid(invalid) => Problem::invalid(invalid),
            StoreError::Conflict { field, reason } => {
                let mut problem = Problem::new(StatusCode::CONFLICT, "Conflict", reason.clone());
                problem.errors.push(FieldError { field, reason });
                problem
            }
            StoreError::Unavailable(_) => Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "Tijdelijk niet beschikbaar",
                "De database is niet bereikbaar. Probeer het over een minuut opnieuw.",
            ),
            other => {
                tracing::error!(error = %other, "storage error");
                Problem::internal()
            }
        }
    }
}

impl From<Decision> for Problem {
    fn from(decision: Decision) -> Self {
        match decision {
            Decision::Forbidden(reason) => {
                Problem::new(StatusCode::FORBIDDEN, "Geen toestemming", reason)
            }
            Decision::NotFound | Decision::Allow => Problem::not_found(),
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, axum::Json(&self)).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}
