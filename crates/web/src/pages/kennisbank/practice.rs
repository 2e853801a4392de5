//! `/kennisbank/{slug}`: one published practice, and its attachments'
//! bytes. Only the published revision is shown; an attachment is served
//! only when it belongs to a published practice and was added no later
//! than the published revision (a draft's new file stays unseen), and not
//! to a rejected revision.

use super::{actor_label, day, layout, phase_label};
use crate::auth::SignedIn;
use crate::kennisbank::markdown;
use crate::middleware::CsrfToken;
use crate::pages::errors::PageError;
use crate::pages::layout::Layout;
use crate::pages::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use vangnet_domain::permission::{can, Action, Resource};
use vangnet_store::kennisbank::{AttachmentMeta, Figure, Link, PracticeHistory, REJECTED};

pub struct AttachmentView {
    pub id: i64,
    pub filename: String,
    pub kind: &'static str,
    pub size: String,
}

#[derive(Template)]
#[template(path = "kb_practice.html")]
struct PracticePage {
    layout: Layout,
    slug: String,
    summary: String,
    phases: Vec<(&'static str, &'static str)>,
    actors: String,
    region: Option<String>,
    organisation: Option<String>,
    contact: Option<String>,
    published: String,
    updated: String,
    review_by: Option<String>,
    /// Sanitised by `markdown::render`: the page's only unescaped output.
    body_html: String,
    results: Option<String>,
    figures: Vec<Figure>,
    links: Vec<Link>,
    attachments: Vec<AttachmentView>,
    may_suggest: bool,
}

/// Only web addresses are listed as links: a mailto or relative address
/// in the links list is a mistake, not a reference.
fn web_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    markdown::safe_url(url) && (lower.starts_with("https://") || lower.starts_with("http://"))
}

pub(crate) fn kind(content_type: &str) -> &'static str {
    match content_type {
        "application/pdf" => "PDF",
        "image/png" => "PNG-afbeelding",
        "image/jpeg" => "JPEG-afbeelding",
        "image/gif" => "GIF-afbeelding",
        "image/webp" => "WebP-afbeelding",
        _ => "bestand",
    }
}

pub(crate) fn size(bytes: i64) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else if bytes < 1024 * 1024 {
        format!("{} kB", (bytes + 1023) / 1024)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0)).replace('.', ",")
    }
}

/// Public once a revision no older than the attachment's own is
/// published, unless its own revision was rejected: a refused draft's file
/// must not surface with a later publication.
pub(crate) fn visible(meta: &AttachmentMeta, history: &PracticeHistory) -> bool {
    let rejected = history
        .revisions
        .iter()
        .any(|r| r.id == meta.revision_id && r.status == REJECTED);
    !rejected
        && history
            .practice
            .published_revision_id
            .is_some_and(|published| meta.revision_id <= published)
}

pub async fn page(
    State(state): State<AppState>,
    method: axum::http::Method,
    who: Option<SignedIn>,
    Extension(csrf): Extension<CsrfToken>,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let found = state
        .store
        .published_practice(&slug)
        .await?
        .ok_or_else(PageError::not_found)?;
    let (practice, content) = (&found.practice, &found.revision.content);
    let history = state
        .store
        .practice_for_editor(practice.id)
        .await?
        .ok_or_else(PageError::not_found)?;
    let attachments = state
        .store
        .attachments(practice.id)
        .await?
        .into_iter()
        .filter(|a| visible(a, &history))
        .map(|a| AttachmentView {
            id: a.id,
            kind: kind(&a.content_type),
            size: size(a.size_bytes),
            filename: a.filename,
        })
        .collect();
    let may_suggest = who
        .as_ref()
        .is_some_and(|w| can(&w.actor, Action::SubmitPractice, Resource::Platform).is_allowed());
    let page = PracticePage {
        layout: layout(&content.title, &csrf.0, who.as_ref()),
        slug: practice.slug.clone(),
        summary: content.summary.clone(),
        phases: content
            .phases
            .iter()
            .map(|p| (super::phase_slug(p), phase_label(p)))
            .collect(),
        actors: content
            .actors
            .iter()
            .map(|a| actor_label(a))
            .collect::<Vec<_>>()
            .join(", "),
        region: content.region.clone(),
        organisation: content.organisation.clone(),
        contact: content.contact.clone(),
        published: day(practice.first_published_at.unwrap_or(practice.created_at)),
        updated: day(practice.updated_at),
        review_by: practice.review_by.map(|d| d.format("%d-%m-%Y").to_string()),
        body_html: markdown::render(&content.body_md),
        results: content.results.clone(),
        figures: content.figures.clone(),
        links: content
            .links
            .iter()
            .filter(|l| web_link(&l.url))
            .cloned()
            .collect(),
        attachments,
        may_suggest,
    };
    let response = render(&page);
    if method == axum::http::Method::GET && response.status().is_success() {
        state
            .practice_reads
            .count(practice.id, crate::pages::casework::today());
    }
    Ok(response)
}

/// The name in `Content-Disposition`: printable ASCII without quotes or
/// path separators, so no header can be broken out of; the original name
/// in UTF-8 goes in `filename*`.
fn disposition(filename: &str) -> String {
    let ascii: String = filename
        .chars()
        .map(|c| match c {
            ' '..='~' if !matches!(c, '"' | '\\' | '/' | ';' | '%') => c,
            _ => '_',
        })
        .collect();
    let ascii = if ascii.trim_matches(['_', '.', ' ']).is_empty() {
        "bijlage".to_string()
    } else {
        ascii
    };
    let encoded: String = filename
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

pub async fn attachment(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id: i64 = id.parse().map_err(|_| PageError::not_found())?;
    let (meta, bytes) = state
        .store
        .attachment(id)
        .await?
        .ok_or_else(PageError::not_found)?;
    let history = state
        .store
        .practice_for_editor(meta.practice_id)
        .await?
        .ok_or_else(PageError::not_found)?;
    if !visible(&meta, &history) {
        return Err(PageError::not_found());
    }
    Ok((
        [
            (header::CONTENT_TYPE, meta.content_type.clone()),
            (header::CONTENT_DISPOSITION, disposition(&meta.filename)),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".into()),
            (
                header::CONTENT_SECURITY_POLICY,
                "sandbox; default-src 'none'".into(),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachment_names_cannot_break_the_header() {
        assert_eq!(
            disposition("verslag 2025.pdf"),
            "attachment; filename=\"verslag 2025.pdf\"; filename*=UTF-8''verslag%202025.pdf"
        );
        let odd = disposition("a\"b\r\nX-Evil: 1/é.pdf");
        assert!(
            odd.starts_with("attachment; filename=\"a_b__X-Evil: 1__.pdf\""),
            "{odd}"
        );
        assert!(!odd.contains('\r') && !odd.contains('\n'));
        assert!(disposition("ééé").starts_with("attachment; filename=\"bijlage\""));
    }

    #[test]
    fn only_web_addresses_are_listed() {
        assert!(web_link("https://example.org/x"));
        assert!(web_link("http://example.org"));
        assert!(!web_link("javascript:alert(1)"));
        assert!(!web_link("mailto:a@b.nl"));
        assert!(!web_link("/relatief"));
    }

    #[test]
    fn sizes_read_in_dutch() {
        assert_eq!(size(900), "900 bytes");
        assert_eq!(size(2048), "2 kB");
        assert_eq!(size(3 * 1024 * 1024 / 2), "1,5 MB");
    }
}
