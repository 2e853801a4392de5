//! The gate's policy pages (issue 5, points 4 and 8): platform
//! administrators declare moratoria, leniency and settings for everyone at
//! `/beheer/poortbeleid`; a verhuurder's teamleider or beheerder declares
//! its own, stricter ones at `/huur/beleid`. Both pages show the policy in
//! force today and every version, and let a version end early (a
//! moratorium lifted). Declaring goes through `crate::tenancy`, which
//! checks a verhuurder's version against the platform's.

mod form;
mod view;

use crate::auth::{authorize, SignedIn};
use crate::middleware::CsrfToken;
use crate::pages::casework::today;
use crate::pages::errors::PageError;
use crate::pages::layout::Layout;
use crate::pages::render;
use crate::pages::tenancies::{actor, UNPROCESSABLE};
use crate::route_table::Routes;
use crate::state::AppState;
use crate::tenancy::{self, TenancyError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Form};
use form::{declaration, error_lines, ErrorLine, FormKind, Sent, Values};
use serde::Deserialize;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::permission::{Action, Resource};
use vangnet_domain::tenancy::Policy;
use vangnet_domain::{FieldError, Invalid};
use vangnet_store::tenancy::PolicyScope;
use vangnet_store::StoreError;
use view::{InForce, VersionRow};

pub const PLATFORM_PATH: &str = "/beheer/poortbeleid";
pub const VERHUURDER_PATH: &str = "/huur/beleid";

/// Whose policy a page is about; the path decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    Platform,
    Verhuurder,
}

impl Owner {
    fn path(self) -> &'static str {
        match self {
            Owner::Platform => PLATFORM_PATH,
            Owner::Verhuurder => VERHUURDER_PATH,
        }
    }

    /// The scope the signed-in person may declare in, or why not.
    async fn scope(self, state: &AppState, who: &SignedIn) -> Result<PolicyScope, PageError> {
        match self {
            Owner::Platform => {
                authorize(
                    state,
                    &who.actor,
                    Action::DeclareMoratorium,
                    Resource::Platform,
                )
                .await?;
                Ok(PolicyScope::Platform)
            }
            Owner::Verhuurder => {
                let own = Resource::Organisation(who.org.id);
                authorize(state, &who.actor, Action::SetTenancyPolicy, own).await?;
                Ok(PolicyScope::Verhuurder(who.org.id))
            }
        }
    }
}

pub fn routes() -> Routes {
    let mut router = Routes::new();
    for owner in [Owner::Platform, Owner::Verhuurder] {
        let base = owner.path();
        let declare_as = move |kind: FormKind| {
            post(
                move |s: State<AppState>, w: SignedIn, c: Extension<CsrfToken>, f: Form<Sent>| {
                    declare(owner, kind, s, w, c, f)
                },
            )
        };
        router = router
            .route(
                base,
                get(
                    move |s: State<AppState>,
                          w: SignedIn,
                          c: Extension<CsrfToken>,
                          q: Query<Notice>| { show(owner, s, w, c, q) },
                ),
            )
            .route(
                &format!("{base}/moratorium"),
                declare_as(FormKind::Moratorium),
            )
            .route(&format!("{base}/coulance"), declare_as(FormKind::Leniency))
            .route(
                &format!("{base}/instellingen"),
                declare_as(FormKind::Settings),
            )
            .route(
                &format!("{base}/{{id}}/beeindigen"),
                post(
                    move |s: State<AppState>,
                          w: SignedIn,
                          c: Extension<CsrfToken>,
                          p: Path<i64>,
                          f: Form<Sent>| { end(owner, s, w, c, p, f) },
                ),
            );
    }
    router
}

#[derive(Template)]
#[template(path = "gate_policy.html")]
struct PolicyPage {
    layout: Layout,
    base: &'static str,
    platform: bool,
    today: String,
    notice: Option<&'static str>,
    errors: Vec<ErrorLine>,
    in_force: InForce,
    versions: Vec<VersionRow>,
    m: Values,
    c: Values,
    i: Values,
}

#[derive(Deserialize)]
pub struct Notice {
    melding: Option<String>,
}

fn done_text(slug: &str) -> Option<&'static str> {
    Some(match slug {
        "afgekondigd" => "De nieuwe versie is vastgelegd.",
        "beeindigd" => "De versie is beëindigd.",
        _ => return None,
    })
}

async fn show(
    owner: Owner,
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(notice): Query<Notice>,
) -> Result<Response, PageError> {
    let scope = owner.scope(&state, &who).await?;
    let shown = Shown {
        notice: notice.melding.as_deref().and_then(done_text),
        ..Shown::default()
    };
    render_page(&state, &who, &csrf, owner, scope, StatusCode::OK, shown).await
}

/// What a render adds to the page: a notice, or a form sent back with its
/// errors.
#[derive(Default)]
struct Shown<'a> {
    notice: Option<&'static str>,
    errors: Vec<ErrorLine>,
    sent: Option<(FormKind, &'a Sent)>,
}

async fn in_force_today(state: &AppState, scope: PolicyScope) -> Result<Policy, PageError> {
    tenancy::policy_in_force(&*state.store, scope, None, today())
        .await
        .map_err(PageError::from)
}

async fn render_page(
    state: &AppState,
    who: &SignedIn,
    csrf: &CsrfToken,
    owner: Owner,
    scope: PolicyScope,
    status: StatusCode,
    shown: Shown<'_>,
) -> Result<Response, PageError> {
    let today = today();
    let policy = in_force_today(state, scope).await?;
    let versions = state.store.gate_policies(scope).await?;
    let values = |kind: FormKind| match shown.sent {
        Some((sent_kind, sent)) if sent_kind == kind => Values::sent(kind, sent, today, &policy),
        _ => Values::defaults(kind, today, &policy),
    };
    let page = PolicyPage {
        layout: Layout::signed_in("Poortbeleid", &csrf.0, who, owner.path()),
        base: owner.path(),
        platform: owner == Owner::Platform,
        today: crate::pages::tenancies::day(today),
        notice: shown.notice,
        errors: shown.errors,
        in_force: InForce::of(&policy),
        versions: versions.iter().map(|v| VersionRow::of(v, today)).collect(),
        m: values(FormKind::Moratorium),
        c: values(FormKind::Leniency),
        i: values(FormKind::Settings),
    };
    Ok((status, render(&page)).into_response())
}

fn audit_for(who: &SignedIn) -> impl Fn(&str) -> AuditEvent + Send + Sync + '_ {
    move |action: &str| who.audit(action, "gate_policy")
}

/// Input mistakes (422) and a version name already used (409) go back to
/// the form; anything else is an error page.
fn form_problem(error: TenancyError) -> Result<(StatusCode, Vec<FieldError>), PageError> {
    match error {
        TenancyError::Invalid(invalid) | TenancyError::Store(StoreError::Invalid(invalid)) => {
            Ok((UNPROCESSABLE, invalid.errors))
        }
        TenancyError::Store(StoreError::Conflict { field, reason }) => {
            Ok((StatusCode::CONFLICT, vec![FieldError { field, reason }]))
        }
        other => Err(other.into()),
    }
}

async fn declare(
    owner: Owner,
    kind: FormKind,
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Form(sent): Form<Sent>,
) -> Result<Response, PageError> {
    let scope = owner.scope(&state, &who).await?;
    let policy = in_force_today(&state, scope).await?;
    let result = match declaration(kind, &sent, scope, today(), &policy) {
        Ok(declared) => {
            let audit = audit_for(&who);
            tenancy::declare_policy(&*state.store, &actor(&who, &audit), declared).await
        }
        Err(invalid) => Err(TenancyError::Invalid(invalid)),
    };
    let error = match result {
        Ok(_) => return Ok(done(owner, "afgekondigd")),
        Err(error) => error,
    };
    let (status, errors) = form_problem(error)?;
    let shown = Shown {
        errors: error_lines(kind, &errors),
        sent: Some((kind, &sent)),
        ..Shown::default()
    };
    render_page(&state, &who, &csrf, owner, scope, status, shown).await
}

async fn end(
    owner: Owner,
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Form(sent): Form<Sent>,
) -> Result<Response, PageError> {
    let scope = owner.scope(&state, &who).await?;
    let on = sent.get("einddatum").map_or("", |v| v.trim());
    let result = match vangnet_domain::signal::normalise::parse_date(on) {
        Ok(valid_to) => {
            let audit = audit_for(&who);
            let who_acts = actor(&who, &audit);
            tenancy::end_policy(&*state.store, &who_acts, scope, id, valid_to).await
        }
        Err(_) => Err(Invalid::one("valid_to", "vul een einddatum in als dd-mm-jjjj").into()),
    };
    let error = match result {
        Ok(()) => return Ok(done(owner, "beeindigd")),
        Err(error) => error,
    };
    let (status, errors) = form_problem(error)?;
    let shown = Shown {
        errors: errors
            .into_iter()
            .map(|e| ErrorLine {
                anchor: format!("v-{id}"),
                label: "Einddatum",
                reason: e.reason,
            })
            .collect(),
        ..Shown::default()
    };
    render_page(&state, &who, &csrf, owner, scope, status, shown).await
}

fn done(owner: Owner, melding: &str) -> Response {
    Redirect::to(&format!("{}?melding={melding}", owner.path())).into_response()
}
