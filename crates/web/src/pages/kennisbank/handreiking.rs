//! `/kennisbank/handreiking` and its PDF: every published practice per
//! phase of the zeef, ordered by title, through the one print template.
//! The page carries its print CSS inline (the PDF must be one
//! self-contained file), so it gets a CSP that allows exactly that style
//! block by its hash and still no script.

use super::day;
use crate::kennisbank::convert::actor_labels;
use crate::kennisbank::handreiking::{self, PhaseGroup, PrintedPractice};
use crate::kennisbank::{markdown, pdf};
use crate::pages::errors::{render_error_with, PageError};
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use sha2::{Digest, Sha256};
use vangnet_domain::kennisbank::Phase;
use vangnet_store::kennisbank::PublishedPractice;

const PDF_NAME: &str = "handreiking-voorkomen-huisuitzettingen.pdf";

fn groups(practices: &[PublishedPractice]) -> Vec<PhaseGroup> {
    Phase::ALL
        .iter()
        .map(|phase| {
            let mut printed: Vec<PrintedPractice> = practices
                .iter()
                .filter(|p| p.revision.content.phases.iter().any(|s| s == phase.slug()))
                .map(|p| {
                    let content = &p.revision.content;
                    PrintedPractice {
                        slug: p.practice.slug.clone(),
                        title: content.title.clone(),
                        summary: content.summary.clone(),
                        organisation: content.organisation.clone(),
                        region: content.region.clone(),
                        actors: actor_labels(&content.actors),
                        updated: day(p.practice.updated_at),
                        contact: content.contact.clone(),
                        body_html: markdown::render(&content.body_md),
                    }
                })
                .collect();
            printed.sort_by_cached_key(|p| sort_key(&p.title));
            PhaseGroup {
                slug: phase.slug(),
                label: phase.label_nl(),
                practices: printed,
            }
        })
        .collect()
}

/// Titles in dictionary order: case and the accents of Dutch ignored, so
/// "Eén" sorts with the e's, not after the z.
fn sort_key(title: &str) -> String {
    title
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            c => c,
        })
        .collect()
}

async fn document(state: &AppState, screen: bool) -> Result<String, PageError> {
    let practices = state.store.published_practices().await?;
    let as_of = day(chrono::Utc::now());
    Ok(handreiking::render(
        &groups(&practices),
        practices.len(),
        &as_of,
        screen,
    ))
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (*b as u32) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The site's CSP, with the page's own `<style>` blocks allowed by hash.
pub(crate) fn policy_for(html: &str) -> String {
    let mut hashes = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<style>") {
        let after = &rest[start + "<style>".len()..];
        let Some(end) = after.find("</style>") else {
            break;
        };
        hashes.push_str(&format!(
            " 'sha256-{}'",
            base64(&Sha256::digest(&after[..end]))
        ));
        rest = &after[end..];
    }
    format!(
        "default-src 'self'; script-src 'none'; style-src 'self'{hashes}; img-src 'self' data:; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

pub async fn page(State(state): State<AppState>) -> Result<Response, PageError> {
    let html = document(&state, true).await?;
    Ok((
        [(header::CONTENT_SECURITY_POLICY, policy_for(&html))],
        Html(html),
    )
        .into_response())
}

pub async fn pdf(State(state): State<AppState>) -> Result<Response, PageError> {
    let html = document(&state, false).await?;
    let chromium = state.config.chromium.clone();
    let printed = state
        .handreiking_pdf
        .get_or_print(&html, || async { pdf::html_to_pdf(&chromium, &html).await })
        .await;
    match printed {
        Ok(bytes) => Ok((
            [
                (header::CONTENT_TYPE, "application/pdf".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{PDF_NAME}\""),
                ),
            ],
            bytes.as_ref().clone(),
        )
            .into_response()),
        Err(error) => {
            tracing::warn!(%error, "handreiking PDF not made");
            let message = format!(
                "De PDF van de handreiking is nu niet beschikbaar: {error}. De handreiking zelf kunt u wel lezen en afdrukken via /kennisbank/handreiking."
            );
            Ok(render_error_with(
                StatusCode::SERVICE_UNAVAILABLE,
                Some(message),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_sort_like_a_dictionary() {
        let mut titles = [
            "Ervaringsdeskundigen",
            "Eén dashboard",
            "budgetbeheer",
            "Zorg",
        ];
        titles.sort_by_key(|t| sort_key(t));
        assert_eq!(
            titles,
            [
                "budgetbeheer",
                "Eén dashboard",
                "Ervaringsdeskundigen",
                "Zorg"
            ]
        );
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn the_policy_allows_exactly_the_inline_style() {
        let policy = policy_for("<style>\nbody{}\n</style><p>x</p>");
        let expected = base64(&Sha256::digest("\nbody{}\n"));
        assert!(
            policy.contains(&format!("style-src 'self' 'sha256-{expected}';")),
            "{policy}"
        );
        assert!(policy.contains("script-src 'none'"));
    }
}
