//! A signed-in partner's contributions: a new practice, an edit of a
//! published one, and "Mijn bijdragen" with the redactie's answers, a
//! comment form and the resubmission after changes were requested.

use super::attachments::{row as attachment_row, AttachmentRow};
use super::form::{value, ErrorLine, Pairs, Values};
use super::{done, problem, status_label, Notice, Problem, MINE_PATH, NEW_PATH};
use crate::auth::{authorize, SignedIn};
use crate::kennisbank::workflow::{self, Caller};
use crate::middleware::CsrfToken;
use crate::pages::errors::PageError;
use crate::pages::layout::Layout;
use crate::pages::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use vangnet_domain::permission::{Action, Resource};
use vangnet_store::kennisbank::RevisionContent;

#[derive(Template)]
#[template(path = "kbe_form.html")]
pub(super) struct FormPage {
    pub layout: Layout,
    pub heading: &'static str,
    pub intro: &'static str,
    pub action: String,
    pub button: &'static str,
    pub public: bool,
    pub name: String,
    pub email: String,
    pub values: Values,
    pub notice: Option<&'static str>,
    pub errors: Vec<ErrorLine>,
}

async fn may_submit(state: &AppState, who: &SignedIn) -> Result<(), PageError> {
    authorize(
        state,
        &who.actor,
        Action::SubmitPractice,
        Resource::Platform,
    )
    .await?;
    Ok(())
}

/// Which form: a new practice, an edit, or a resubmission.
enum Kind {
    New,
    Edit(String),
    Again(i64),
}

impl Kind {
    fn page(&self, layout: Layout, values: Values, errors: Vec<ErrorLine>) -> FormPage {
        let (heading, intro, action, button) = match self {
            Kind::New => (
                "Een praktijk aandragen",
                "Beschrijf een aanpak die huisuitzettingen helpt voorkomen. De redactie beoordeelt uw bijdrage voordat zij in de kennisbank verschijnt.",
                NEW_PATH.to_string(),
                "Indienen",
            ),
            Kind::Edit(slug) => (
                "Een wijziging voorstellen",
                "Pas de tekst aan. De gepubliceerde versie blijft zichtbaar totdat de redactie uw wijziging publiceert.",
                format!("/kennisbank/{slug}/wijzigen"),
                "Wijziging indienen",
            ),
            Kind::Again(id) => (
                "Aanpassen en opnieuw indienen",
                "Verwerk de opmerkingen van de redactie en dien de praktijk opnieuw in.",
                format!("/kennisbank/mijn/{id}/opnieuw"),
                "Opnieuw indienen",
            ),
        };
        FormPage {
            layout,
            heading,
            intro,
            action,
            button,
            public: false,
            name: String::new(),
            email: String::new(),
            values,
            notice: None,
            errors,
        }
    }
}

fn layout(csrf: &CsrfToken, who: &SignedIn, title: &str) -> Layout {
    Layout::signed_in(title, &csrf.0, who, MINE_PATH)
}

pub async fn new_form(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Response, PageError> {
    may_submit(&state, &who).await?;
    let page = Kind::New.page(
        layout(&csrf, &who, "Praktijk aandragen"),
        Values::empty(&who.org.name),
        vec![],
    );
    Ok(render(&page))
}

/// Writes through `act`, and answers the redirect or the form again.
async fn answer(
    kind: Kind,
    csrf: &CsrfToken,
    who: &SignedIn,
    pairs: &Pairs,
    result: Result<workflow::Written, workflow::WorkflowError>,
) -> Response {
    match result {
        Ok(_) => done(MINE_PATH, "ingediend"),
        Err(error) => match problem(error, "title") {
            Problem::Form(status, errors) => {
                let page = kind.page(
                    layout(csrf, who, "Praktijk aandragen"),
                    Values::sent(pairs),
                    errors,
                );
                (status, render(&page)).into_response()
            }
            Problem::Page(response) => response,
        },
    }
}

pub async fn submit(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let content = Values::sent(&pairs).content(None);
    let result = workflow::submit(&state, Caller::of(&who.actor), content, None).await;
    answer(Kind::New, &csrf, &who, &pairs, result).await
}

async fn published(state: &AppState, slug: &str) -> Result<(i64, RevisionContent), PageError> {
    let found = state.store.published_practice(slug).await?;
    let p = found.ok_or_else(PageError::not_found)?;
    Ok((p.practice.id, p.revision.content))
}

pub async fn edit_form(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    may_submit(&state, &who).await?;
    let (_, content) = published(&state, &slug).await?;
    let page = Kind::Edit(slug).page(
        layout(&csrf, &who, "Wijziging voorstellen"),
        Values::stored(&content),
        vec![],
    );
    Ok(render(&page))
}

pub async fn propose(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(slug): Path<String>,
    Form(pairs): Form<Pairs>,
) -> Result<Response, PageError> {
    let (practice_id, base) = published(&state, &slug).await?;
    let content = Values::sent(&pairs).content(Some(&base));
    let result = workflow::propose_edit(&state, Caller::of(&who.actor), practice_id, content).await;
    Ok(answer(Kind::Edit(slug), &csrf, &who, &pairs, result).await)
}

/// The signed-in user's own open revision, or 404.
async fn own_revision(
    state: &AppState,
    who: &SignedIn,
    id: i64,
) -> Result<vangnet_store::kennisbank::Revision, PageError> {
    let revision = state.store.revision(id).await?;
    revision
        .filter(|r| r.author_user_id == Some(who.user.id))
        .ok_or_else(PageError::not_found)
}

pub async fn resubmit_form(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    may_submit(&state, &who).await?;
    let revision = own_revision(&state, &who, id).await?;
    let page = Kind::Again(id).page(
        layout(&csrf, &who, "Opnieuw indienen"),
        Values::stored(&revision.content),
        vec![],
    );
    Ok(render(&page))
}

pub async fn resubmit(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Form(pairs): Form<Pairs>,
) -> Result<Response, PageError> {
    let revision = own_revision(&state, &who, id).await?;
    let content = Values::sent(&pairs).content(Some(&revision.content));
    let caller = Caller::of(&who.actor);
    let result = workflow::propose_edit(&state, caller, revision.practice_id, content).await;
    Ok(answer(Kind::Again(id), &csrf, &who, &pairs, result).await)
}

pub(super) struct CommentRow {
    pub by: &'static str,
    pub at: String,
    pub body: String,
}

struct MineRow {
    id: i64,
    title: String,
    number: i64,
    status: &'static str,
    open: bool,
    changes_requested: bool,
    age: String,
    reason: Option<String>,
    comments: Vec<CommentRow>,
    attachments: Vec<AttachmentRow>,
}

#[derive(Template)]
#[template(path = "kbe_mine.html")]
pub(super) struct MinePage {
    layout: Layout,
    rows: Vec<MineRow>,
    notice: Option<&'static str>,
    errors: Vec<ErrorLine>,
}

pub(super) async fn comment_rows(
    state: &AppState,
    revision_id: i64,
    me: i64,
) -> Result<Vec<CommentRow>, PageError> {
    Ok(state
        .store
        .comments(revision_id)
        .await?
        .into_iter()
        .map(|c| CommentRow {
            by: if c.author_user_id == me {
                "U"
            } else {
                "Redactie"
            },
            at: c.created_at.format("%d-%m-%Y %H:%M").to_string(),
            body: c.body,
        })
        .collect())
}

pub(super) async fn mine_page(
    state: &AppState,
    who: &SignedIn,
    csrf: &CsrfToken,
    notice: Option<&'static str>,
    errors: Vec<ErrorLine>,
) -> Result<MinePage, PageError> {
    may_submit(state, who).await?;
    let mut rows = Vec::new();
    for s in state.store.submissions_by(who.user.id).await? {
        let r = s.revision;
        let mut attachments = Vec::new();
        if r.is_open() {
            for a in state.store.attachments(r.practice_id).await? {
                if a.revision_id == r.id {
                    attachments.push(attachment_row(a, r.number, false));
                }
            }
        }
        rows.push(MineRow {
            id: r.id,
            title: r.content.title.clone(),
            number: r.number,
            status: status_label(&r.status),
            open: r.is_open(),
            changes_requested: r.status == vangnet_store::kennisbank::CHANGES_REQUESTED,
            age: super::age(r.created_at),
            reason: r.decision_reason.clone(),
            comments: comment_rows(state, r.id, who.user.id).await?,
            attachments,
        });
    }
    Ok(MinePage {
        layout: Layout::signed_in("Mijn bijdragen", &csrf.0, who, MINE_PATH),
        rows,
        notice,
        errors,
    })
}

pub async fn mine(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(notice): Query<Notice>,
) -> Result<Response, PageError> {
    let page = mine_page(&state, &who, &csrf, notice.text(), vec![]).await?;
    Ok(render(&page))
}

pub async fn comment(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Form(pairs): Form<Pairs>,
) -> Result<Response, PageError> {
    let body = value(&pairs, "body");
    let result = workflow::comment(&state, Caller::of(&who.actor), id, body).await;
    let (status, errors) = match result {
        Ok(_) => return Ok(done(MINE_PATH, "gereageerd")),
        Err(error) => match problem(error, "body") {
            Problem::Form(status, errors) => (status, errors),
            Problem::Page(response) => return Ok(response),
        },
    };
    // Each revision has its own comment box.
    let errors = errors
        .into_iter()
        .map(|e| ErrorLine {
            anchor: format!("f-body-{id}"),
            ..e
        })
        .collect();
    let page = mine_page(&state, &who, &csrf, None, errors).await?;
    Ok((status, render(&page)).into_response())
}
