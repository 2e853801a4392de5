//! Uploading and removing a practice's attachments: the redactie on the
//! review page (any revision), an author under "Mijn bijdragen" (their
//! open revision). The file is read into memory up to one byte over the
//! limit and then refused; its CSRF token travels in the form's action URL
//! (the middleware does not read multipart bodies). The checks and the
//! permissions are `kennisbank::workflow::attachments`'.

use super::contribute::mine_page;
use super::form::{one_error, ErrorLine};
use super::review::{may_review, review_page};
use super::{done, problem, Problem, MINE_PATH};
use crate::auth::SignedIn;
use crate::kennisbank::workflow::attachments::{add_attachment, may_attach, remove_attachment};
use crate::kennisbank::workflow::Caller;
use crate::middleware::CsrfToken;
use crate::pages::errors::{render_error_with, PageError};
use crate::pages::kennisbank::practice::{kind, size};
use crate::pages::render;
use crate::state::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use vangnet_domain::kennisbank::MAX_ATTACHMENT_BYTES;
use vangnet_store::kennisbank::AttachmentMeta;

/// The largest upload request: the file, its name and the form around it.
pub const UPLOAD_BODY_LIMIT: usize = MAX_ATTACHMENT_BYTES + 512 * 1024;

/// Whether `path` is one of the attachment upload routes (the body limit
/// is raised for these only).
pub fn is_upload_path(path: &str) -> bool {
    let digits = |id: &str| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit());
    if let Some(id) = path.strip_prefix("/redactie/bijlagen/") {
        return digits(id);
    }
    path.strip_prefix("/kennisbank/mijn/")
        .and_then(|rest| rest.strip_suffix("/bijlagen"))
        .is_some_and(digits)
}

const TOO_BIG: &str = "het bestand is te groot: een bijlage is ten hoogste 10 MiB";

/// One attachment as the editing pages list it.
pub(super) struct AttachmentRow {
    pub id: i64,
    pub filename: String,
    pub kind: &'static str,
    pub size: String,
    pub revision_number: i64,
    pub public: bool,
}

pub(super) fn row(meta: AttachmentMeta, number: i64, public: bool) -> AttachmentRow {
    AttachmentRow {
        id: meta.id,
        public,
        kind: kind(&meta.content_type),
        size: size(meta.size_bytes),
        filename: meta.filename,
        revision_number: number,
    }
}

/// The form's file: its name and bytes, or the status and Dutch reason.
async fn read_file(multipart: &mut Multipart) -> Result<(String, Vec<u8>), (StatusCode, String)> {
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            (StatusCode::PAYLOAD_TOO_LARGE, TOO_BIG.to_string())
        } else {
            let reason = format!("het formulier kon niet worden gelezen: {}", e.body_text());
            (StatusCode::BAD_REQUEST, reason)
        }
    };
    while let Some(mut field) = multipart.next_field().await.map_err(unreadable)? {
        if field.name() != Some("bestand") {
            continue;
        }
        let name = field.file_name().unwrap_or_default().to_string();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
            if bytes.len() + chunk.len() > MAX_ATTACHMENT_BYTES {
                return Err((StatusCode::PAYLOAD_TOO_LARGE, TOO_BIG.into()));
            }
            bytes.extend_from_slice(&chunk);
        }
        if name.is_empty() && bytes.is_empty() {
            break;
        }
        return Ok((name, bytes));
    }
    Err((
        StatusCode::UNPROCESSABLE_ENTITY,
        "kies een PDF of afbeelding om toe te voegen".into(),
    ))
}

/// The upload's outcome as a status and the form's errors, or a page.
async fn upload(
    state: &AppState,
    who: &SignedIn,
    id: i64,
    multipart: &mut Multipart,
) -> Result<Option<(StatusCode, Vec<ErrorLine>)>, Response> {
    let (name, bytes) = match read_file(multipart).await {
        Ok(file) => file,
        Err((status, reason)) => return Ok(Some((status, one_error("file", reason)))),
    };
    match add_attachment(state, Caller::of(&who.actor), id, &name, bytes).await {
        Ok(_) => Ok(None),
        Err(error) => match problem(error, "file") {
            Problem::Form(status, errors) => Ok(Some((status, errors))),
            Problem::Page(response) => Err(response),
        },
    }
}

/// `POST /redactie/bijlagen/{revision}`.
pub async fn add_for_editor(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    may_review(&state, &who).await?;
    let review = format!("/redactie/versies/{id}");
    let (status, errors) = match upload(&state, &who, id, &mut multipart).await {
        Ok(None) => return Ok(done(&review, "bijlage")),
        Ok(Some(failed)) => failed,
        Err(response) => return Ok(response),
    };
    let page = review_page(&state, &who, &csrf, id, None, errors).await?;
    Ok((status, render(&page)).into_response())
}

/// `POST /redactie/bijlagen/{revision}/{attachment}/verwijderen`.
pub async fn remove(
    State(state): State<AppState>,
    who: SignedIn,
    Path((id, attachment_id)): Path<(i64, i64)>,
) -> Result<Response, PageError> {
    may_review(&state, &who).await?;
    match remove_attachment(&state, Caller::of(&who.actor), attachment_id).await {
        Ok(()) => Ok(done(&format!("/redactie/versies/{id}"), "bijlage-weg")),
        Err(error) => match problem(error, "file") {
            Problem::Form(status, errors) => Ok(render_error_with(
                status,
                errors.into_iter().next().map(|e| e.reason),
            )),
            Problem::Page(response) => Ok(response),
        },
    }
}

/// `POST /kennisbank/mijn/{revision}/bijlagen`: the author's own open
/// revision.
pub async fn add_for_author(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    // The door before the body: a stranger's upload is refused unread.
    if let Err(error) = may_attach(&state, Caller::of(&who.actor), id).await {
        if let Problem::Page(response) = problem(error, "file") {
            return Ok(response);
        }
    }
    let (status, errors) = match upload(&state, &who, id, &mut multipart).await {
        Ok(None) => return Ok(done(MINE_PATH, "bijlage")),
        Ok(Some(failed)) => failed,
        Err(response) => return Ok(response),
    };
    // Each open revision has its own upload field.
    let errors = errors
        .into_iter()
        .map(|e| ErrorLine {
            anchor: format!("f-file-{id}"),
            ..e
        })
        .collect();
    let page = mine_page(&state, &who, &csrf, None, errors).await?;
    Ok((status, render(&page)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_upload_routes_get_the_larger_limit() {
        assert!(is_upload_path("/redactie/bijlagen/12"));
        assert!(is_upload_path("/kennisbank/mijn/7/bijlagen"));
        assert!(!is_upload_path("/redactie/bijlagen/12/3/verwijderen"));
        assert!(!is_upload_path("/kennisbank/mijn/7/reactie"));
        assert!(!is_upload_path("/kennisbank/mijn/bijlagen"));
        assert!(!is_upload_path("/redactie/versies/12/publiceren"));
        assert!(!is_upload_path("/redactie/bijlagen/"));
    }
}
