//! The tenant's actions, each its own small form: propose an arrangement,
//! ask for help (with the signal to the gemeente), object to passing the
//! details on, tell what is going on. The domain checks each one and says
//! which event it records; the store keeps the response and the event in
//! one transaction. A form's nonce, claimed once in the store, and a look for an
//! identical open response keep a double submit from recording twice.

use super::check::session_cookie;
use super::handover::{hand_over, Contact, Handover};
use super::messages::Lang;
use super::session;
use super::view::{self, arrangement_policy};
use super::{audit, tenant_request, today, usable_link, LangQuery, TenantRequest, PREFIX};
use crate::middleware::CsrfToken;
use crate::new_secret_token;
use crate::pages::errors::PageError;
use crate::state::AppState;
use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use serde_json::{json, Value};
use vangnet_domain::tenancy::EventKind;
use vangnet_domain::tenant_channel::TenantAction;
use vangnet_store::tenancy::{EventRecording, NewTenancyEvent};
use vangnet_store::tenant_channel::{
    ChannelSettings, NewResponse, NonceClaim, ResponseStatus, TenantLink,
};
use vangnet_store::Page;

/// A request that passed the link and session checks: an extractor, so a
/// handler that takes it only runs for this link's own tenant session.
pub(super) struct Guarded {
    pub(super) link: TenantLink,
    pub(super) settings: ChannelSettings,
    pub(super) cookie: String,
    pub(super) request: TenantRequest,
    pub(super) csrf: CsrfToken,
}

impl Guarded {
    /// The tenant view again, with the form's errors.
    pub(super) async fn view_with(
        &self,
        state: &AppState,
        errors: Vec<(&'static str, String)>,
    ) -> Result<Response, PageError> {
        view::page(
            state,
            &self.link,
            &self.settings,
            &self.request,
            &self.csrf,
            errors,
        )
        .await
    }
}

/// The link must work and this browser must have its session; otherwise
/// the calm page, or back to the address check.
impl FromRequestParts<AppState> for Guarded {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let csrf = parts
            .extensions
            .get::<CsrfToken>()
            .cloned()
            .unwrap_or_else(|| CsrfToken(String::new()));
        let path = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let query = Query::<LangQuery>::from_request_parts(parts, state)
            .await
            .unwrap_or_else(|_| Query(LangQuery::default()));
        let request = tenant_request(path, query, &parts.headers);
        let now = Utc::now();
        let found = usable_link(state, &request.token, now)
            .await
            .map_err(IntoResponse::into_response)?;
        let Some((link, settings)) = found else {
            return Err(super::gone(request.lang, &csrf));
        };
        let session = session_cookie(state, &parts.headers, &request.token, now)
            .await
            .map_err(|e| PageError::from(e).into_response())?;
        match session {
            Some((cookie, link_id)) if link_id == link.id => Ok(Guarded {
                link,
                settings,
                cookie,
                request,
                csrf,
            }),
            _ => Err(Redirect::to(&format!("{PREFIX}/{}", request.token)).into_response()),
        }
    }
}

/// What the confirmation page says, by `?wat=`.
pub(super) const DONE: [&str; 5] = ["regeling", "hulp", "hulp_later", "bezwaar", "situatie"];

fn done_redirect(request: &TenantRequest, done: &str) -> Response {
    Redirect::to(&format!("{PREFIX}/{}/ontvangen?wat={done}", request.token)).into_response()
}

/// What an earlier identical response led to: a help request whose signal
/// was refused waits for the verhuurder.
fn outcome_of<'a>(detail: &Value, done: &'a str) -> &'a str {
    if detail["signal"]["sent"] == Value::Bool(false) {
        "hulp_later"
    } else {
        done
    }
}

/// The tenant's own input, compared when looking for a double submit.
fn same_input(stored: &Value, input: &Value) -> bool {
    input
        .as_object()
        .is_some_and(|fields| fields.iter().all(|(k, v)| stored.get(k) == Some(v)))
}

/// Checks, claims the nonce, records; `extra` adds facts to the detail
/// after the checks (the signal's outcome), and may change the
/// confirmation.
pub(super) async fn act(
    state: &AppState,
    guarded: Guarded,
    nonce: &str,
    action: TenantAction,
    input: Value,
    done: &'static str,
) -> Result<Response, PageError> {
    let Guarded {
        link,
        settings,
        cookie,
        request,
        csrf,
    } = guarded;
    let (own, id) = (link.verhuurder_org_id, link.tenancy_id);
    let store = &state.store;
    let tenancy = store
        .tenancy(own, id)
        .await?
        .ok_or_else(PageError::not_found)?;
    let debt = tenancy.arrears.arrears_cents.max(0);
    let action = match action.validate(debt, &arrangement_policy(&settings)) {
        Ok(action) => action,
        Err(invalid) => {
            let errors = invalid
                .errors
                .into_iter()
                .map(|e| (field_id(&e.field), message(request.lang, e.reason)))
                .collect();
            return view::page(state, &link, &settings, &request, &csrf, errors).await;
        }
    };
    let Some(kind) = action.response_kind().map(EventKind::slug) else {
        return Ok(done_redirect(&request, done));
    };
    // A fresh nonce per rendered form; a form without one still gets the
    // identical-response check below.
    let nonce = if nonce.is_empty() {
        new_secret_token("")
    } else {
        nonce.to_string()
    };
    match session::claim(&**store, &cookie, &nonce, done).await? {
        NonceClaim::Fresh => {}
        NonceClaim::Repeated(earlier) => return Ok(done_redirect(&request, &earlier)),
        NonceClaim::NoSession => {
            let base = format!("{PREFIX}/{}", request.token);
            return Ok(Redirect::to(&base).into_response());
        }
    }
    let open = store
        .responses(
            own,
            Some(ResponseStatus::Open),
            Page {
                limit: 200,
                offset: 0,
            },
        )
        .await?;
    let earlier = open
        .iter()
        .find(|r| r.tenancy_id == id && r.kind == kind && same_input(&r.detail, &input));
    if let Some(earlier) = earlier {
        return Ok(done_redirect(&request, outcome_of(&earlier.detail, done)));
    }
    let recorded = record(state, &link, &tenancy, &action, kind, input, done).await;
    match recorded {
        Ok(settled) => {
            if settled != done {
                session::settle(&**store, &cookie, &nonce, settled).await?;
            }
            Ok(done_redirect(&request, settled))
        }
        Err(error) => {
            session::release(&**store, &cookie, &nonce).await?;
            Err(error)
        }
    }
}

async fn record(
    state: &AppState,
    link: &TenantLink,
    tenancy: &vangnet_store::tenancy::Tenancy,
    action: &TenantAction,
    kind: &'static str,
    input: Value,
    done: &'static str,
) -> Result<&'static str, PageError> {
    let store = &state.store;
    let (own, id) = (link.verhuurder_org_id, link.tenancy_id);
    let today = today();
    let mut detail = input;
    let mut done = done;
    let mut signal_sent = false;
    if let TenantAction::AskForHelp { .. } = action {
        let events = store.tenancy_events(own, id).await?;
        let contact = Contact {
            phone: detail["phone"].as_str().map(str::to_string),
            email: detail["email"].as_str().map(str::to_string),
            wish: action.contact_wish(),
        };
        detail["signal"] = match hand_over(&**store, tenancy, &events, &contact, today).await? {
            Handover::Sent { signal_id } => {
                signal_sent = true;
                json!({ "sent": true, "signal_id": signal_id, "warm_handover": true })
            }
            Handover::NotSent { missing } => {
                done = "hulp_later";
                json!({ "sent": false, "missing": missing })
            }
        };
    }
    if action.flags_leniency() {
        detail["leniency"] = true.into();
    }
    let event = NewTenancyEvent {
        kind: kind.to_string(),
        on_date: today,
        target_date: None,
        details: json!({}),
        document: None,
    };
    let recording = EventRecording::default();
    let response = NewResponse {
        kind: kind.to_string(),
        detail,
    };
    let event_audit = audit(link, "tenant.response");
    store
        .add_response(link.id, &response, Some((&event, &recording)), event_audit)
        .await?;
    if signal_sent {
        let step = NewTenancyEvent {
            kind: EventKind::SignaalGemeente.slug().to_string(),
            ..event
        };
        let step_audit = audit(link, "tenancy.event");
        store
            .record_tenancy_event(own, id, &step, &recording, step_audit)
            .await?;
    }
    Ok(done)
}

/// The form field a domain error belongs to (the id of its input).
fn field_id(field: &str) -> &'static str {
    match field {
        "looptijd" | "termijnbedrag" => "regeling",
        "wanneer" => "wanneer",
        "toelichting" => "toelichting",
        "telefoon" => "telefoon",
        "email" => "email",
        "contact" => "contact",
        "toestemming" => "toestemming",
        _ => "soort",
    }
}

/// The domain's Dutch reason, or the plain catch-all in another language.
pub(super) fn message(lang: Lang, reason: String) -> String {
    match lang {
        Lang::Nl => reason,
        Lang::En => lang.texts().input_invalid.to_string(),
    }
}
