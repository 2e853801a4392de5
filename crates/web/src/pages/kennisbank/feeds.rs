//! The Atom feed (optionally one phase) and the sitemap, both from the
//! database's published practices rather than the index, so they list
//! exactly what the practice pages serve.

use super::{base_url, HOME_PATH};
use crate::kennisbank::convert::phase_labels;
use crate::kennisbank::feed::{self, Feed, FeedEntry};
use crate::pages::errors::{render_error_with, PageError};
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use vangnet_domain::kennisbank::Phase;

#[derive(serde::Deserialize)]
pub struct FeedQuery {
    fase: Option<String>,
}

pub async fn atom(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<FeedQuery>,
) -> Result<Response, PageError> {
    let phase = match query.fase.as_deref().filter(|f| !f.is_empty()) {
        None => None,
        Some(slug) => match Phase::from_slug(slug) {
            Some(phase) => Some(phase),
            None => {
                return Ok(render_error_with(
                    StatusCode::BAD_REQUEST,
                    Some(format!(
                        "‘{slug}’ is geen fase van de ontruimingszeef. Kies een van: {}.",
                        Phase::ALL
                            .iter()
                            .map(|p| p.slug())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                ))
            }
        },
    };
    let mut practices = state.store.published_practices().await?;
    practices.retain(|p| {
        phase.is_none_or(|ph| p.revision.content.phases.iter().any(|s| s == ph.slug()))
    });
    practices.sort_by_key(|p| std::cmp::Reverse(p.practice.updated_at));
    let base = base_url(&state, &headers);
    let (title, self_path) = match phase {
        Some(p) => (
            format!("Kennisbank vangnet: {}", p.label_nl()),
            format!("{}?fase={}", super::FEED_PATH, p.slug()),
        ),
        None => (
            "Kennisbank vangnet".to_string(),
            super::FEED_PATH.to_string(),
        ),
    };
    let entries = practices
        .iter()
        .map(|p| FeedEntry {
            slug: &p.practice.slug,
            title: &p.revision.content.title,
            summary: &p.revision.content.summary,
            updated: p.practice.updated_at,
            first_published: p.practice.first_published_at,
            phases: phase_labels(&p.revision.content.phases),
            organisation: p.revision.content.organisation.as_deref(),
        })
        .collect();
    let xml = feed::atom(&Feed {
        base_url: &base,
        title,
        self_path,
        entries,
    });
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        xml,
    )
        .into_response())
}

pub async fn sitemap(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let practices = state.store.published_practices().await?;
    let newest = practices.iter().map(|p| p.practice.updated_at).max();
    let mut pages = vec![
        (HOME_PATH.to_string(), newest),
        ("/kennisbank/handreiking".to_string(), newest),
    ];
    pages.extend(practices.iter().map(|p| {
        (
            format!("/kennisbank/{}", p.practice.slug),
            Some(p.practice.updated_at),
        )
    }));
    let xml = feed::sitemap(&base_url(&state, &headers), &pages);
    Ok((
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        xml,
    )
        .into_response())
}
