//! The redactie's review: the queue of open revisions (oldest first), one
//! revision with its text, a word-level diff and the decision forms, and a
//! practice's history with a diff between any two revisions.

use super::attachments::{row as attachment_row, AttachmentRow};
use super::contribute::{comment_rows, CommentRow};
use super::form::{parse_day, value, ErrorLine, Pairs};
use super::{age, done, problem, status_label, Notice, Problem, QUEUE_PATH};
use crate::auth::{authorize, SignedIn};
use crate::kennisbank::markdown;
use crate::kennisbank::workflow::{self, Caller, Decide};
use crate::middleware::CsrfToken;
use crate::pages::casework::today;
use crate::pages::errors::PageError;
use crate::pages::kennisbank::practice::visible;
use crate::pages::layout::Layout;
use crate::pages::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use vangnet_domain::kennisbank::{word_diff, DiffKind};
use vangnet_domain::permission::{Action, Resource};
use vangnet_store::kennisbank::{PracticeHistory, Revision, RevisionContent};

pub(super) async fn may_review(state: &AppState, who: &SignedIn) -> Result<(), PageError> {
    authorize(
        state,
        &who.actor,
        Action::ReviewPractices,
        Resource::Platform,
    )
    .await?;
    Ok(())
}

struct QueueRow {
    id: i64,
    title: String,
    slug: String,
    number: i64,
    status: &'static str,
    from: String,
    age: String,
}

#[derive(Template)]
#[template(path = "kbe_queue.html")]
struct QueuePage {
    layout: Layout,
    rows: Vec<QueueRow>,
}

fn from_label(r: &Revision) -> String {
    match (&r.suggester_name, &r.content.organisation) {
        (Some(_), _) => "Publiek voorstel".into(),
        (None, Some(org)) => org.clone(),
        (None, None) => "Partner".into(),
    }
}

pub async fn queue(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Response, PageError> {
    may_review(&state, &who).await?;
    let rows = state
        .store
        .open_revisions()
        .await?
        .into_iter()
        .map(|o| QueueRow {
            id: o.revision.id,
            title: o.revision.content.title.clone(),
            slug: o.slug,
            number: o.revision.number,
            status: status_label(&o.revision.status),
            from: from_label(&o.revision),
            age: age(o.revision.created_at),
        })
        .collect();
    let layout = Layout::signed_in("Redactie", &csrf.0, &who, QUEUE_PATH);
    Ok(render(&QueuePage { layout, rows }))
}

/// One part of a diff: `kind` is "same", "ins" or "del".
pub(super) struct Part {
    pub kind: &'static str,
    pub text: String,
}

/// The text a diff compares: title, summary and body, as the reader sees
/// them in order.
fn diff_text(c: &RevisionContent) -> String {
    format!("{}\n\n{}\n\n{}", c.title, c.summary, c.body_md)
}

pub(super) fn diff(old: &RevisionContent, new: &RevisionContent) -> Vec<Part> {
    word_diff(&diff_text(old), &diff_text(new))
        .into_iter()
        .map(|p| Part {
            kind: match p.kind {
                DiffKind::Same => "same",
                DiffKind::Added => "ins",
                DiffKind::Removed => "del",
            },
            text: p.text,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "kbe_review.html")]
pub(super) struct ReviewPage {
    layout: Layout,
    id: i64,
    practice_id: i64,
    slug: String,
    title: String,
    number: i64,
    status: String,
    status_label: &'static str,
    open: bool,
    from: String,
    suggester: Option<(String, String)>,
    rendered: String,
    compared_with: Option<String>,
    parts: Vec<Part>,
    comments: Vec<CommentRow>,
    attachments: Vec<AttachmentRow>,
    notice: Option<&'static str>,
    errors: Vec<ErrorLine>,
}

async fn loaded(state: &AppState, id: i64) -> Result<(Revision, PracticeHistory), PageError> {
    let revision = state.store.revision(id).await?;
    let revision = revision.ok_or_else(PageError::not_found)?;
    let history = state
        .store
        .practice_for_editor(revision.practice_id)
        .await?;
    Ok((revision, history.ok_or_else(PageError::not_found)?))
}

pub(super) async fn review_page(
    state: &AppState,
    who: &SignedIn,
    csrf: &CsrfToken,
    id: i64,
    notice: Option<&'static str>,
    errors: Vec<ErrorLine>,
) -> Result<ReviewPage, PageError> {
    may_review(state, who).await?;
    let (revision, history) = loaded(state, id).await?;
    // Against the published text; without one (or when this is it), the
    // revision before.
    let published = history.practice.published_revision_id.filter(|p| *p != id);
    let base = history
        .revisions
        .iter()
        .find(|r| Some(r.id) == published)
        .or_else(|| {
            history
                .revisions
                .iter()
                .rev()
                .find(|r| r.number < revision.number)
        });
    let (compared_with, parts) = match base {
        Some(b) => (
            Some(format!("versie {} ({})", b.number, status_label(&b.status))),
            diff(&b.content, &revision.content),
        ),
        None => (None, vec![]),
    };
    // The earlier versions' remarks too: the answer to a request for
    // changes is usually on the version that was sent back.
    let mut comments = Vec::new();
    for earlier in history
        .revisions
        .iter()
        .filter(|r| r.number <= revision.number)
    {
        comments.extend(comment_rows(state, earlier.id, who.user.id).await?);
    }
    let number = |id: i64| {
        history
            .revisions
            .iter()
            .find(|r| r.id == id)
            .map_or(0, |r| r.number)
    };
    let attachments = state
        .store
        .attachments(history.practice.id)
        .await?
        .into_iter()
        .map(|a| {
            let (n, public) = (number(a.revision_id), visible(&a, &history));
            attachment_row(a, n, public)
        })
        .collect();
    Ok(ReviewPage {
        layout: Layout::signed_in("Versie beoordelen", &csrf.0, who, QUEUE_PATH),
        id,
        practice_id: history.practice.id,
        slug: history.practice.slug.clone(),
        title: revision.content.title.clone(),
        number: revision.number,
        status: revision.status.clone(),
        status_label: status_label(&revision.status),
        open: revision.is_open(),
        from: from_label(&revision),
        suggester: revision
            .suggester_name
            .clone()
            .zip(revision.suggester_email.clone()),
        rendered: markdown::render(&revision.content.body_md),
        compared_with,
        parts,
        comments,
        attachments,
        notice,
        errors,
    })
}

pub async fn page(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Query(notice): Query<Notice>,
) -> Result<Response, PageError> {
    let page = review_page(&state, &who, &csrf, id, notice.text(), vec![]).await?;
    Ok(render(&page))
}

/// One of the forms on the review page: `reactie`, `wijzigingen`,
/// `publiceren` or `afwijzen`.
pub async fn act(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path((id, step)): Path<(i64, String)>,
    Form(pairs): Form<Pairs>,
) -> Result<Response, PageError> {
    may_review(&state, &who).await?;
    let caller = Caller::of(&who.actor);
    let seen = value(&pairs, "status");
    let reason = value(&pairs, "reason").to_string();
    let (result, field, melding) = match step.as_str() {
        "reactie" => {
            let body = value(&pairs, "body");
            let r = workflow::comment(&state, caller, id, body)
                .await
                .map(|_| ());
            (r, "body", "gereageerd")
        }
        "wijzigingen" => {
            let d = Decide::RequestChanges { reason };
            let r = workflow::decide(&state, caller, id, seen, d, today()).await;
            (r, "status", "teruggestuurd")
        }
        "afwijzen" => {
            let d = Decide::Reject { reason };
            let r = workflow::decide(&state, caller, id, seen, d, today()).await;
            (r, "status", "afgewezen")
        }
        "publiceren" => {
            let typed = value(&pairs, "review_by").trim();
            let review_by = match (typed.is_empty(), parse_day(typed)) {
                (true, _) => None,
                (false, Some(day)) => Some(day),
                (false, None) => {
                    let errors =
                        super::form::one_error("review_by", "vul een datum in als dd-mm-jjjj");
                    let page = review_page(&state, &who, &csrf, id, None, errors).await?;
                    return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response());
                }
            };
            let d = Decide::Publish { review_by };
            let r = workflow::decide(&state, caller, id, seen, d, today()).await;
            (r, "status", "gepubliceerd")
        }
        _ => return Err(PageError::not_found()),
    };
    let (status, errors) = match result {
        Ok(()) => return Ok(done(&format!("/redactie/versies/{id}"), melding)),
        Err(error) => match problem(error, field) {
            Problem::Form(status, errors) => (status, errors),
            Problem::Page(response) => return Ok(response),
        },
    };
    // The reject form's reason has an input of its own.
    let errors = errors
        .into_iter()
        .map(|e| match (step.as_str(), e.anchor.as_str()) {
            ("afwijzen", "f-reason") => ErrorLine {
                anchor: "f-reject-reason".into(),
                ..e
            },
            _ => e,
        })
        .collect();
    let page = review_page(&state, &who, &csrf, id, None, errors).await?;
    Ok((status, render(&page)).into_response())
}

struct HistoryRow {
    id: i64,
    number: i64,
    status: &'static str,
    at: String,
    from_selected: bool,
    to_selected: bool,
}

#[derive(Template)]
#[template(path = "kbe_history.html")]
struct HistoryPage {
    layout: Layout,
    practice_id: i64,
    slug: String,
    title: String,
    rows: Vec<HistoryRow>,
    compared: Option<(i64, i64)>,
    parts: Vec<Part>,
}

#[derive(Deserialize)]
pub struct Between {
    van: Option<i64>,
    naar: Option<i64>,
}

pub async fn history(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Query(between): Query<Between>,
) -> Result<Response, PageError> {
    may_review(&state, &who).await?;
    let found = state.store.practice_for_editor(id).await?;
    let history = found.ok_or_else(PageError::not_found)?;
    let last = history.revisions.last().map(|r| r.number);
    let from = between.van.or(last.map(|n| (n - 1).max(1)));
    let to = between.naar.or(last);
    let by_number = |n: Option<i64>| history.revisions.iter().find(|r| Some(r.number) == n);
    let (compared, parts) = match (by_number(from), by_number(to)) {
        (Some(a), Some(b)) => (Some((a.number, b.number)), diff(&a.content, &b.content)),
        _ => (None, vec![]),
    };
    let rows = history
        .revisions
        .iter()
        .map(|r| HistoryRow {
            id: r.id,
            number: r.number,
            status: status_label(&r.status),
            at: r.created_at.format("%d-%m-%Y").to_string(),
            from_selected: Some(r.number) == from,
            to_selected: Some(r.number) == to,
        })
        .collect();
    let title = history
        .revisions
        .last()
        .map(|r| r.content.title.clone())
        .unwrap_or_default();
    let page = HistoryPage {
        layout: Layout::signed_in("Historie", &csrf.0, &who, QUEUE_PATH),
        practice_id: id,
        slug: history.practice.slug.clone(),
        title,
        rows,
        compared,
        parts,
    };
    Ok(render(&page))
}
