//! The kennisbank by API, the public part (issue 6, point 5): searching the
//! published practices and reading one, without a token, as the public
//! pages do. The same index and the same Dutch analysis answer both.

use crate::kennisbank::markdown;
use crate::problem::Problem;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::Json;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use vangnet_domain::kennisbank::{ActorKind, Phase};
use vangnet_domain::Invalid;
use vangnet_search::{Facets, Query as SearchQuery};
use vangnet_store::kennisbank::{Figure, Link};

/// A search page holds at most this many hits.
const MAX_LIMIT: usize = 100;

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SearchParams {
    /// Zoektekst; leeg: alles, nieuwste eerst.
    pub q: Option<String>,
    /// Fase-slug (preventie, fase-1-huurachterstand, …); komma's voor meer.
    pub fase: Option<String>,
    /// Actor-slug (gemeente, woningcorporatie, …); komma's voor meer.
    pub actor: Option<String>,
    pub regio: Option<String>,
    /// 1–100, standaard 20.
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

#[derive(Serialize, ToSchema)]
pub struct SearchHit {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub score: f32,
    pub phases: Vec<String>,
    pub actors: Vec<String>,
    pub region: Option<String>,
    /// Plain text; the highlighted words are in `highlights`.
    pub snippet: String,
    pub highlights: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct SearchAnswer {
    pub total: usize,
    pub hits: Vec<SearchHit>,
    #[schema(value_type = Object)]
    pub facets: Facets,
}

/// Comma-separated slugs, each checked against its vocabulary.
fn slugs(
    field: &str,
    text: Option<&str>,
    known: impl Fn(&str) -> bool,
    invalid: &mut Invalid,
) -> Vec<String> {
    let Some(text) = text else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match known(part) {
            true => out.push(part.to_string()),
            false => invalid.push(field, format!("'{part}' is onbekend")),
        }
    }
    out
}

/// Searches the published practices (no token needed).
#[utoipa::path(get, path = "/kennisbank", tag = "kennisbank",
    params(SearchParams),
    responses(
        (status = 200, body = SearchAnswer),
        (status = 400, body = Problem, content_type = "application/problem+json",
            description = "Het verzoek is niet te lezen: geen geldige JSON, of een parameter van het verkeerde soort"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn search(
    State(state): State<AppState>,
    Query(params): Query<SearchParams>,
) -> Result<Json<SearchAnswer>, Problem> {
    let mut invalid = Invalid::default();
    let phases = slugs(
        "fase",
        params.fase.as_deref(),
        |s| Phase::from_slug(s).is_some(),
        &mut invalid,
    );
    let actors = slugs(
        "actor",
        params.actor.as_deref(),
        |s| ActorKind::from_slug(s).is_some(),
        &mut invalid,
    );
    let limit = params.limit.unwrap_or(20);
    if !(1..=MAX_LIMIT).contains(&limit) {
        invalid.push("limit", format!("moet tussen 1 en {MAX_LIMIT} liggen"));
    }
    invalid.into_result().map_err(Problem::invalid)?;
    let query = SearchQuery {
        text: params.q.unwrap_or_default(),
        phases,
        actors,
        region: params.regio.filter(|r| !r.trim().is_empty()),
        include_drafts: false,
        offset: params.offset.unwrap_or(0),
        limit,
    };
    let results = state.kennisbank.search(&query);
    let hits = results
        .hits
        .into_iter()
        .map(|hit| SearchHit {
            snippet: hit.snippet.iter().map(|p| p.text.as_str()).collect(),
            highlights: hit
                .snippet
                .iter()
                .filter(|p| p.highlight)
                .map(|p| p.text.clone())
                .collect(),
            slug: hit.slug,
            title: hit.title,
            summary: hit.summary,
            score: hit.score,
            phases: hit.phases,
            actors: hit.actors,
            region: hit.region,
        })
        .collect();
    Ok(Json(SearchAnswer {
        total: results.total,
        hits,
        facets: results.facets,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct PracticeOut {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub body_md: String,
    /// `body_md` rendered and sanitised, as the practice page shows it.
    pub body_html: String,
    pub phases: Vec<String>,
    pub actors: Vec<String>,
    pub region: Option<String>,
    pub organisation: Option<String>,
    pub contact: Option<String>,
    pub results: Option<String>,
    #[schema(value_type = Vec<Object>)]
    pub figures: Vec<Figure>,
    #[schema(value_type = Vec<Object>)]
    pub links: Vec<Link>,
    pub first_published_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub review_by: Option<NaiveDate>,
}

/// One published practice (no token needed).
#[utoipa::path(get, path = "/kennisbank/{slug}", tag = "kennisbank",
    params(("slug" = String, Path, description = "De vaste korte naam van het goede voorbeeld")),
    responses(
        (status = 200, body = PracticeOut),
        (status = 400, body = Problem, content_type = "application/problem+json",
            description = "Het verzoek is niet te lezen: geen geldige JSON, of een parameter van het verkeerde soort"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn practice(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<PracticeOut>, Problem> {
    let found = state.store.published_practice(&slug).await?;
    let published = found.ok_or_else(Problem::not_found)?;
    let (practice, content) = (published.practice, published.revision.content);
    Ok(Json(PracticeOut {
        body_html: markdown::render(&content.body_md),
        slug: practice.slug,
        title: content.title,
        summary: content.summary,
        body_md: content.body_md,
        phases: content.phases,
        actors: content.actors,
        region: content.region,
        organisation: content.organisation,
        contact: content.contact,
        results: content.results,
        figures: content.figures,
        links: content.links,
        first_published_at: practice.first_published_at,
        updated_at: practice.updated_at,
        review_by: practice.review_by,
    }))
}
