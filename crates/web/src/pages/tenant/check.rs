//! Opening the personal link: the address check (postcode and house
//! number, by the domain's `check_address` and `answer`), and what a
//! passed check opens. Wrong answers wait longer each time, then lock the
//! link; each one is audited, never with what was typed.

use super::session::{self, LIFETIME_MINUTES};
use super::{
    audit, clock, gone, link_settings, record, tenant_request, usable_link, view, with_lang,
    LangQuery, Shell, TenantRequest, PREFIX,
};
use crate::crypto::sha256_hex;
use crate::middleware::{behind_https, cookie, CsrfToken};
use crate::pages::errors::PageError;
use crate::pages::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use vangnet_domain::signal::normalise::{parse_house_number, parse_postcode};
use vangnet_domain::tenant_channel::{answer, check_address, Answer};
use vangnet_store::StoreError;

#[derive(Template)]
#[template(path = "tenant_view_check.html")]
struct CheckPage {
    shell: Shell,
    action: String,
    postcode: String,
    house_number: String,
    /// `(field id, message)`.
    errors: Vec<(&'static str, String)>,
    notice: Option<String>,
}

fn check_page(
    request: &TenantRequest,
    csrf: &CsrfToken,
    form: &CheckForm,
    errors: Vec<(&'static str, String)>,
    notice: Option<String>,
    status: StatusCode,
) -> Response {
    let t = request.lang.texts();
    let here = format!("{PREFIX}/{}", request.token);
    let page = CheckPage {
        shell: Shell::new(request.lang, t.check_title, csrf, &here),
        action: format!("{here}/controle"),
        postcode: form.postcode.clone(),
        house_number: form.huisnummer.clone(),
        errors,
        notice,
    };
    (status, render(&page)).into_response()
}

/// The tenant session of this browser (its cookie and link), if it was
/// made for this token.
pub(super) async fn session_cookie(
    state: &AppState,
    headers: &HeaderMap,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<(String, i64)>, StoreError> {
    let Some(value) = cookie(headers, session::COOKIE) else {
        return Ok(None);
    };
    let link = session::link_of(&*state.store, &value, &sha256_hex(token), now).await?;
    Ok(link.map(|link_id| (value, link_id)))
}

/// The link: the tenant view with a session, else the address check.
pub async fn page(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    headers: HeaderMap,
    path: Path<String>,
    query: Query<LangQuery>,
) -> Result<Response, PageError> {
    let request = tenant_request(path, query, &headers);
    let now = Utc::now();
    let Some((link, settings)) = usable_link(&state, &request.token, now).await? else {
        return Ok(with_lang(
            gone(request.lang, &csrf),
            &request,
            &headers,
            &state,
        ));
    };
    let response = match session_cookie(&state, &headers, &request.token, now).await? {
        Some((_, link_id)) if link_id == link.id => {
            let event = audit(&link, "tenant_link.view");
            state
                .store
                .record_link_use(link.id, now, false, event)
                .await?;
            view::page(&state, &link, &settings, &request, &csrf, Vec::new()).await?
        }
        _ => check_page(
            &request,
            &csrf,
            &CheckForm::default(),
            Vec::new(),
            None,
            StatusCode::OK,
        ),
    };
    Ok(with_lang(response, &request, &headers, &state))
}

#[derive(Deserialize, Default)]
pub struct CheckForm {
    #[serde(default)]
    postcode: String,
    #[serde(default)]
    huisnummer: String,
}

pub async fn submit(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    headers: HeaderMap,
    path: Path<String>,
    query: Query<LangQuery>,
    Form(form): Form<CheckForm>,
) -> Result<Response, PageError> {
    let request = tenant_request(path, query, &headers);
    let t = request.lang.texts();
    let now = Utc::now();
    let Some((link, settings)) = usable_link(&state, &request.token, now).await? else {
        return Ok(gone(request.lang, &csrf));
    };
    let tenancy = state
        .store
        .tenancy(link.verhuurder_org_id, link.tenancy_id)
        .await?
        .ok_or_else(PageError::not_found)?;
    let address = &tenancy.data.address;
    let number = format!(
        "{}{}",
        address.house_number,
        address.addition.as_deref().unwrap_or("")
    );
    let (Ok(postcode), Ok(house_number)) = (
        parse_postcode(&address.postcode),
        parse_house_number(&number),
    ) else {
        // A stored address the normalisers refuse cannot be checked.
        tracing::warn!("a tenancy's stored address does not parse; link refused");
        return Ok(gone(request.lang, &csrf));
    };
    // Input that is no postcode or house number is not a wrong answer.
    let checked = match check_address(&postcode, &house_number, &form.postcode, &form.huisnummer) {
        Ok(checked) => checked,
        Err(invalid) => {
            let errors = invalid
                .errors
                .iter()
                .map(|e| match e.field.as_str() {
                    "postcode" => ("postcode", t.check_invalid_postcode.to_string()),
                    _ => ("huisnummer", t.check_invalid_number.to_string()),
                })
                .collect();
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(check_page(&request, &csrf, &form, errors, None, status));
        }
    };
    let rules = link_settings(&settings);
    let wrong = |message: String| vec![("postcode", message)];
    match answer(&record(&link), checked, now, &rules) {
        Answer::Refused(_) => Ok(gone(request.lang, &csrf)),
        Answer::TooSoon { until } => {
            let event = audit(&link, "tenant_link.too_soon");
            state.store.append_audit(event).await?;
            let message = format!("{} {}.", t.check_too_soon, clock(until));
            let status = StatusCode::TOO_MANY_REQUESTS;
            Ok(check_page(
                &request,
                &csrf,
                &form,
                wrong(message),
                None,
                status,
            ))
        }
        Answer::Wrong { until, .. } => {
            let event = audit(&link, "tenant_link.check_failed");
            let store = &state.store;
            store
                .record_failed_check(link.id, now, false, event)
                .await?;
            let message = format!("{} {} {}.", t.check_wrong, t.check_wait, clock(until));
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(check_page(
                &request,
                &csrf,
                &form,
                wrong(message),
                None,
                status,
            ))
        }
        Answer::WrongAndLocked { .. } => {
            let event = audit(&link, "tenant_link.locked");
            state
                .store
                .record_failed_check(link.id, now, true, event)
                .await?;
            Ok(gone(request.lang, &csrf))
        }
        Answer::Confirmed { .. } => {
            let event = audit(&link, "tenant_link.confirm");
            state
                .store
                .record_link_use(link.id, now, true, event)
                .await?;
            let value = session::start(&*state.store, link.id, now).await?;
            let mut response = Redirect::to(&format!("{PREFIX}/{}", request.token)).into_response();
            let https = behind_https(&headers, state.config.https());
            session::set_cookie(&mut response, https, &value, LIFETIME_MINUTES * 60);
            Ok(response)
        }
    }
}

/// "Klaar": ends the tenant session on the server and in the browser.
pub async fn stop(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    headers: HeaderMap,
    path: Path<String>,
    query: Query<LangQuery>,
) -> Result<Response, PageError> {
    let request = tenant_request(path, query, &headers);
    if let Some(value) = cookie(&headers, session::COOKIE) {
        session::end(&*state.store, &value).await?;
    }
    let notice = Some(request.lang.texts().stopped.to_string());
    let form = CheckForm::default();
    let mut response = check_page(&request, &csrf, &form, Vec::new(), notice, StatusCode::OK);
    let https = behind_https(&headers, state.config.https());
    session::set_cookie(&mut response, https, "", 0);
    Ok(response)
}
