//! A beheerder manages the users of their own organisation; a teamleider
//! may look. Platform admins manage their own `beheer` organisation here
//! and other organisations' first users from the command line.

use crate::auth::{authorize, SignedIn};
use crate::crypto::hash_password_off_thread;
use crate::middleware::CsrfToken;
use crate::pages::errors::{form_errors, PageError};
use crate::pages::layout::Layout;
use crate::pages::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use vangnet_domain::calendar::amsterdam_text;
use vangnet_domain::permission::{can, Action, Resource};
use vangnet_domain::user::{check_password, NewUser, Role};
use vangnet_domain::FieldError;
use vangnet_store::{OrgScope, StoreError, User};

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    layout: Layout,
    org_name: String,
    users: Vec<UserView>,
    may_manage: bool,
    self_id: i64,
    roles: Vec<(&'static str, &'static str)>,
    notice: Option<&'static str>,
    errors: Vec<FieldError>,
    form: NewUserForm,
}

struct UserView {
    id: i64,
    name: String,
    email: String,
    role: &'static str,
    disabled: bool,
    last_login: String,
}

impl From<User> for UserView {
    fn from(user: User) -> Self {
        UserView {
            id: user.id,
            role: user.role.label(),
            disabled: user.disabled,
            last_login: user
                .last_login_at
                .map(amsterdam_text)
                .unwrap_or_else(|| "nog niet".into()),
            name: user.name,
            email: user.email,
        }
    }
}

impl UsersPage {
    fn field_label(&self, field: &str) -> &'static str {
        super::field_label(field)
    }
}

#[derive(Deserialize, Default, Clone)]
pub struct NewUserForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    password: String,
}

#[derive(Deserialize)]
pub struct Notice {
    melding: Option<String>,
}

fn notice_text(code: Option<&str>) -> Option<&'static str> {
    match code? {
        "toegevoegd" => Some("De gebruiker is toegevoegd."),
        "geblokkeerd" => Some("De gebruiker is geblokkeerd en overal uitgelogd."),
        "gedeblokkeerd" => Some("De gebruiker kan weer inloggen."),
        _ => None,
    }
}

async fn users_page(
    state: &AppState,
    who: &SignedIn,
    csrf: &CsrfToken,
    notice: Option<&'static str>,
    errors: Vec<FieldError>,
    form: NewUserForm,
) -> Result<UsersPage, PageError> {
    let own = Resource::Organisation(who.org.id);
    authorize(state, &who.actor, Action::ViewUsers, own).await?;
    let users = state.store.list_users(OrgScope::Only(who.org.id)).await?;
    let users = users.into_iter().map(UserView::from).collect();
    let roles = Role::ALL
        .into_iter()
        .filter(|r| r.allowed_in(who.org.kind))
        .map(|r| (r.slug(), r.label()))
        .collect();
    Ok(UsersPage {
        layout: Layout::signed_in("Gebruikers", &csrf.0, who, "/beheer/gebruikers"),
        org_name: who.org.name.clone(),
        users,
        may_manage: can(&who.actor, Action::ManageUsers, own).is_allowed(),
        self_id: who.user.id,
        roles,
        notice,
        errors,
        form: NewUserForm {
            password: String::new(),
            ..form
        },
    })
}

pub async fn list(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(query): Query<Notice>,
) -> Result<Response, PageError> {
    let notice = notice_text(query.melding.as_deref());
    let page = users_page(
        &state,
        &who,
        &csrf,
        notice,
        Vec::new(),
        NewUserForm::default(),
    )
    .await?;
    Ok(render(&page))
}

pub async fn create(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Form(form): Form<NewUserForm>,
) -> Result<Response, PageError> {
    authorize(
        &state,
        &who.actor,
        Action::ManageUsers,
        Resource::Organisation(who.org.id),
    )
    .await?;
    let errors = match add_user(&state, &who, &form).await {
        Ok(()) => return Ok(Redirect::to("/beheer/gebruikers?melding=toegevoegd").into_response()),
        Err(error) => form_errors(error)?,
    };
    let page = users_page(&state, &who, &csrf, None, errors, form).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
}

async fn add_user(state: &AppState, who: &SignedIn, form: &NewUserForm) -> Result<(), StoreError> {
    let parsed = NewUser::parse(&form.email, &form.name, &form.role, who.org.kind);
    let mut invalid = parsed.as_ref().err().cloned().unwrap_or_default();
    invalid.check(check_password(&form.password));
    invalid.into_result()?;
    let new = parsed?;
    let hash = hash_password_off_thread(form.password.clone()).await?;
    let event = who.audit("user.create", "user");
    state
        .store
        .create_user(who.org.id, &new, &hash, event)
        .await?;
    Ok(())
}

async fn set_disabled(
    state: AppState,
    who: SignedIn,
    user_id: i64,
    disabled: bool,
) -> Result<Response, PageError> {
    authorize(
        &state,
        &who.actor,
        Action::ManageUsers,
        Resource::Organisation(who.org.id),
    )
    .await?;
    // Scoped lookup: another organisation's user is simply not found.
    let user = state
        .store
        .user_in_org(who.org.id, user_id)
        .await?
        .ok_or_else(PageError::not_found)?;
    if user.id == who.user.id {
        return Err(PageError::from(
            vangnet_domain::permission::Decision::Forbidden(
                "u kunt uw eigen account niet blokkeren",
            ),
        ));
    }
    let action = if disabled {
        "user.disable"
    } else {
        "user.enable"
    };
    state
        .store
        .set_user_disabled(user.id, disabled, who.audit(action, "user"))
        .await?;
    let notice = if disabled {
        "geblokkeerd"
    } else {
        "gedeblokkeerd"
    };
    Ok(Redirect::to(&format!("/beheer/gebruikers?melding={notice}")).into_response())
}

pub async fn disable(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    set_disabled(state, who, id, true).await
}

pub async fn enable(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    set_disabled(state, who, id, false).await
}
