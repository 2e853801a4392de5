//! Platform admins connect organisations: gemeenten with their CBS code and
//! postcode areas, verhuurders and the other chain partners.

use crate::auth::{authorize, SignedIn};
use crate::middleware::CsrfToken;
use crate::pages::errors::{form_errors, PageError};
use crate::pages::layout::Layout;
use crate::pages::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use vangnet_domain::org::{NewOrg, OrgKind};
use vangnet_domain::permission::{Action, Resource};
use vangnet_domain::FieldError;
use vangnet_store::{Org, OrgScope, StoreError};

#[derive(Template)]
#[template(path = "orgs.html")]
struct OrgsPage {
    layout: Layout,
    orgs: Vec<Org>,
    kinds: Vec<(&'static str, &'static str)>,
    notice: Option<&'static str>,
    errors: Vec<FieldError>,
    form: NewOrgForm,
}

impl OrgsPage {
    fn field_label(&self, field: &str) -> &'static str {
        super::field_label(field)
    }
}

#[derive(Deserialize, Default)]
pub struct NewOrgForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    gemeentecode: String,
    #[serde(default)]
    postcodes: String,
}

#[derive(Deserialize)]
pub struct Notice {
    melding: Option<String>,
}

async fn orgs_page(
    state: &AppState,
    who: &SignedIn,
    csrf: &CsrfToken,
    notice: Option<&'static str>,
    errors: Vec<FieldError>,
    form: NewOrgForm,
) -> Result<OrgsPage, PageError> {
    authorize(
        state,
        &who.actor,
        Action::CreateOrganisation,
        Resource::Platform,
    )
    .await?;
    Ok(OrgsPage {
        layout: Layout::signed_in("Organisaties", &csrf.0, who, "/beheer/organisaties"),
        orgs: state.store.list_orgs(OrgScope::All).await?,
        kinds: OrgKind::ALL.iter().map(|k| (k.slug(), k.label())).collect(),
        notice,
        errors,
        form,
    })
}

pub async fn list(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(query): Query<Notice>,
) -> Result<Response, PageError> {
    let notice =
        (query.melding.as_deref() == Some("toegevoegd")).then_some("De organisatie is toegevoegd.");
    let page = orgs_page(
        &state,
        &who,
        &csrf,
        notice,
        Vec::new(),
        NewOrgForm::default(),
    )
    .await?;
    Ok(render(&page))
}

pub async fn create(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Form(form): Form<NewOrgForm>,
) -> Result<Response, PageError> {
    authorize(
        &state,
        &who.actor,
        Action::CreateOrganisation,
        Resource::Platform,
    )
    .await?;
    let parsed = NewOrg::parse(
        &form.code,
        &form.name,
        &form.kind,
        Some(&form.gemeentecode),
        Some(&form.postcodes),
    );
    let result = match parsed {
        Ok(new) => crate::create_org(&*state.store, &new, who.audit("org.create", "organisation"))
            .await
            .map(|_| ()),
        Err(invalid) => Err(StoreError::Invalid(invalid)),
    };
    let errors = match result {
        Ok(()) => {
            return Ok(Redirect::to("/beheer/organisaties?melding=toegevoegd").into_response())
        }
        Err(error) => form_errors(error)?,
    };
    let page = orgs_page(&state, &who, &csrf, None, errors, form).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
}
