//! The case page: who the household is, why its case comes where it does
//! in the queue, when each deadline falls, everything that happened, and a
//! form for every step the reader may take now. Every opening is audited
//! (who looked at which case, when) before anything is shown.

use super::case_view::{CaseForms, CaseView};
use super::steps::{done_text, StepForm};
use super::{load, today};
use crate::auth::SignedIn;
use crate::middleware::CsrfToken;
use crate::pages::errors::PageError;
use crate::pages::layout::Layout;
use crate::pages::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde::Deserialize;
use vangnet_domain::permission::Action;
use vangnet_store::casework::CaseWork;

/// What the page reports on top: a step that was saved, or why one was not.
pub enum Flash {
    Done(&'static str),
    Problem {
        message: String,
        status: StatusCode,
        /// The step whose form failed, and what was filled in, so a long
        /// note is not lost.
        step: &'static str,
        form: Box<StepForm>,
    },
}

#[derive(Template)]
#[template(path = "casework_case.html")]
struct CasePage {
    layout: Layout,
    case: CaseView,
    forms: CaseForms,
    notice: Option<&'static str>,
    problem: Option<String>,
    /// The failed step's slug and form, to fill it in again.
    failed: &'static str,
    refill: StepForm,
}

impl CasePage {
    /// The failed form's value of a text field, for that form only.
    fn refill_for(&self, step: &str, value: &str) -> String {
        if self.failed == step {
            value.to_string()
        } else {
            String::new()
        }
    }
}

#[derive(Deserialize)]
pub struct Notice {
    melding: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(case_id): Path<i64>,
    Query(notice): Query<Notice>,
) -> Result<Response, PageError> {
    let (_, work) = load(&state, &who, case_id, Action::ViewCase).await?;
    let flash = notice
        .melding
        .as_deref()
        .and_then(done_text)
        .map(Flash::Done);
    render_case(&state, &who, &csrf, work, flash).await
}

/// Renders a case the reader was allowed to see. The view is audited
/// first: if that fails, nothing of the case is shown.
pub async fn render_case(
    state: &AppState,
    who: &SignedIn,
    csrf: &CsrfToken,
    work: CaseWork,
    flash: Option<Flash>,
) -> Result<Response, PageError> {
    let event = who.audit("case.view", "case").with_object(work.id);
    state.store.append_audit(event).await?;
    let today = today();
    let case = CaseView::build(state, who, &work, today).await?;
    let forms = CaseForms::build(state, who, &work, today).await?;
    let (status, notice, problem, failed, refill) = match flash {
        None => (StatusCode::OK, None, None, "", StepForm::default()),
        Some(Flash::Done(text)) => (StatusCode::OK, Some(text), None, "", StepForm::default()),
        Some(Flash::Problem {
            message,
            status,
            step,
            form,
        }) => (status, None, Some(message), step, *form),
    };
    let page = CasePage {
        layout: Layout::signed_in(
            &format!("Zaak {}", work.id),
            &csrf.0,
            who,
            super::QUEUE_PATH,
        ),
        case,
        forms,
        notice,
        problem,
        failed,
        refill,
    };
    Ok((status, render(&page)).into_response())
}
