//! The redactie's upkeep: practices past their review-by date, each with a
//! form for a new date, and the search synonyms (one group per line).

use super::form::{parse_day, value, ErrorLine, Pairs};
use super::review::may_review;
use super::{done, problem, Notice, Problem, QUEUE_PATH};
use crate::auth::SignedIn;
use crate::kennisbank::workflow::{self, Caller};
use crate::middleware::CsrfToken;
use crate::pages::casework::today;
use crate::pages::errors::PageError;
use crate::pages::layout::Layout;
use crate::pages::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};

const OVERDUE_PATH: &str = "/redactie/verlopen";
const SYNONYMS_PATH: &str = "/redactie/synoniemen";

struct OverdueRow {
    id: i64,
    slug: String,
    title: String,
    review_by: String,
}

#[derive(Template)]
#[template(path = "kbe_overdue.html")]
struct OverduePage {
    layout: Layout,
    rows: Vec<OverdueRow>,
    suggested: String,
    notice: Option<&'static str>,
    errors: Vec<ErrorLine>,
}

async fn overdue_page(
    state: &AppState,
    who: &SignedIn,
    csrf: &CsrfToken,
    notice: Option<&'static str>,
    errors: Vec<ErrorLine>,
) -> Result<OverduePage, PageError> {
    may_review(state, who).await?;
    let today = today();
    let rows = state
        .store
        .overdue_practices(today)
        .await?
        .into_iter()
        .map(|p| OverdueRow {
            id: p.practice.id,
            slug: p.practice.slug,
            title: p.revision.content.title,
            review_by: p
                .practice
                .review_by
                .map_or(String::new(), |d| d.format("%d-%m-%Y").to_string()),
        })
        .collect();
    Ok(OverduePage {
        layout: Layout::signed_in("Te herzien", &csrf.0, who, QUEUE_PATH),
        rows,
        suggested: vangnet_domain::kennisbank::default_review_by(today)
            .format("%d-%m-%Y")
            .to_string(),
        notice,
        errors,
    })
}

pub async fn overdue(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(notice): Query<Notice>,
) -> Result<Response, PageError> {
    Ok(render(
        &overdue_page(&state, &who, &csrf, notice.text(), vec![]).await?,
    ))
}

pub async fn set_review_by(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Form(pairs): Form<Pairs>,
) -> Result<Response, PageError> {
    may_review(&state, &who).await?;
    let result = match parse_day(value(&pairs, "review_by")) {
        Some(date) => workflow::set_review_by(&state, Caller::of(&who.actor), id, date).await,
        None => Err(workflow::WorkflowError::Invalid(
            vangnet_domain::Invalid::one("review_by", "vul een datum in als dd-mm-jjjj"),
        )),
    };
    let (status, errors) = match result {
        Ok(()) => return Ok(done(OVERDUE_PATH, "herzien")),
        Err(error) => match problem(error, "review_by") {
            Problem::Form(status, errors) => (status, errors),
            Problem::Page(response) => return Ok(response),
        },
    };
    let page = overdue_page(&state, &who, &csrf, None, errors).await?;
    Ok((status, render(&page)).into_response())
}

#[derive(Template)]
#[template(path = "kbe_synonyms.html")]
struct SynonymsPage {
    layout: Layout,
    text: String,
    notice: Option<&'static str>,
    errors: Vec<ErrorLine>,
}

pub async fn synonyms(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(notice): Query<Notice>,
) -> Result<Response, PageError> {
    crate::auth::authorize(
        &state,
        &who.actor,
        vangnet_domain::permission::Action::EditSynonyms,
        vangnet_domain::permission::Resource::Platform,
    )
    .await?;
    let text = match state.store.kb_synonyms().await? {
        Some(stored) => stored.text,
        None => vangnet_search::Synonyms::default_dutch()
            .groups()
            .iter()
            .map(|g| g.join(", "))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    let page = SynonymsPage {
        layout: Layout::signed_in("Synoniemen", &csrf.0, &who, QUEUE_PATH),
        text,
        notice: notice.text(),
        errors: vec![],
    };
    Ok(render(&page))
}

pub async fn save_synonyms(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Form(pairs): Form<Pairs>,
) -> Result<Response, PageError> {
    let text = value(&pairs, "synonyms");
    let (status, errors) = match workflow::set_synonyms(&state, Caller::of(&who.actor), text).await
    {
        Ok(()) => return Ok(done(SYNONYMS_PATH, "opgeslagen")),
        Err(error) => match problem(error, "synonyms") {
            Problem::Form(status, errors) => (status, errors),
            Problem::Page(response) => return Ok(response),
        },
    };
    let page = SynonymsPage {
        layout: Layout::signed_in("Synoniemen", &csrf.0, &who, QUEUE_PATH),
        text: text.to_string(),
        notice: None,
        errors,
    };
    Ok((status, render(&page)).into_response())
}
