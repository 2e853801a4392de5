//! The action forms' handlers: read the form, check what only the web
//! layer knows (consent ticked, a known choice), and hand the action to
//! `actions::act`; and the confirmation page.

use super::actions::{act, message, Guarded, DONE};
use super::{Shell, PREFIX};
use crate::pages::errors::PageError;
use crate::pages::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use serde_json::json;
use vangnet_domain::signal::{check_value, SignalField};
use vangnet_domain::tenant_channel::{ContactBy, SituationKind, TenantAction};

#[derive(Deserialize)]
pub struct ProposeForm {
    #[serde(default)]
    formulier: String,
    #[serde(default)]
    regeling: String,
}

pub async fn propose(
    State(state): State<AppState>,
    guarded: Guarded,
    Form(form): Form<ProposeForm>,
) -> Result<Response, PageError> {
    // "6:3125": the term and its instalment, as the option was shown.
    let (term, instalment) = form.regeling.split_once(':').unwrap_or(("", ""));
    let action = TenantAction::ProposeArrangement {
        term_months: term.trim().parse().unwrap_or(0),
        instalment_cents: instalment.trim().parse().unwrap_or(-1),
    };
    let input = json!({
        "term_months": term.trim().parse::<u32>().unwrap_or(0),
        "instalment_cents": instalment.trim().parse::<i64>().unwrap_or(-1),
    });
    act(&state, guarded, &form.formulier, action, input, "regeling").await
}

#[derive(Deserialize)]
pub struct HelpForm {
    #[serde(default)]
    formulier: String,
    toestemming: Option<String>,
    #[serde(default)]
    contact: String,
    #[serde(default)]
    telefoon: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    wanneer: String,
}

pub async fn help(
    State(state): State<AppState>,
    guarded: Guarded,
    Form(form): Form<HelpForm>,
) -> Result<Response, PageError> {
    let lang = guarded.request.lang;
    let t = lang.texts();
    let mut errors = Vec::new();
    if form.toestemming.as_deref() != Some("ja") {
        errors.push(("toestemming", t.help_consent_missing.to_string()));
    }
    let contact_by = ContactBy::from_slug(&form.contact);
    if contact_by.is_none() {
        errors.push((
            "contact",
            message(lang, "Kies hoe u bereikt wilt worden.".into()),
        ));
    }
    for (field, id, value) in [
        (SignalField::Telefoon, "telefoon", &form.telefoon),
        (SignalField::Email, "email", &form.email),
    ] {
        if let Err(reject) = check_value(field, value) {
            errors.push((id, message(lang, reject.message)));
        }
    }
    let (Some(contact_by), true) = (contact_by, errors.is_empty()) else {
        return guarded.view_with(&state, errors).await;
    };
    let text = |v: &str| (!v.trim().is_empty()).then(|| v.trim().to_string());
    let action = TenantAction::AskForHelp {
        contact_by,
        when: text(&form.wanneer),
    };
    let input = json!({
        "consent": true,
        "contact_by": contact_by.slug(),
        "when": text(&form.wanneer),
        "phone": text(&form.telefoon),
        "email": text(&form.email),
    });
    act(&state, guarded, &form.formulier, action, input, "hulp").await
}

#[derive(Deserialize)]
pub struct NonceForm {
    #[serde(default)]
    formulier: String,
}

pub async fn object(
    State(state): State<AppState>,
    guarded: Guarded,
    Form(form): Form<NonceForm>,
) -> Result<Response, PageError> {
    let input = json!({ "objection": true });
    act(
        &state,
        guarded,
        &form.formulier,
        TenantAction::Object,
        input,
        "bezwaar",
    )
    .await
}

#[derive(Deserialize)]
pub struct SituationForm {
    #[serde(default)]
    formulier: String,
    #[serde(default)]
    soort: String,
    #[serde(default)]
    toelichting: String,
}

pub async fn situation(
    State(state): State<AppState>,
    guarded: Guarded,
    Form(form): Form<SituationForm>,
) -> Result<Response, PageError> {
    let Some(kind) = SituationKind::from_slug(&form.soort) else {
        let lang = guarded.request.lang;
        let errors = vec![("soort", message(lang, "Kies wat er aan de hand is.".into()))];
        return guarded.view_with(&state, errors).await;
    };
    let text = (!form.toelichting.trim().is_empty()).then(|| form.toelichting.trim().to_string());
    let action = TenantAction::TellSituation {
        kind,
        text: text.clone(),
    };
    let input = json!({ "situation": kind.slug(), "text": text });
    act(&state, guarded, &form.formulier, action, input, "situatie").await
}

#[derive(Template)]
#[template(path = "tenant_view_done.html")]
struct DonePage {
    shell: Shell,
    message: &'static str,
    back: String,
}

#[derive(Deserialize)]
pub struct DoneQuery {
    #[serde(default)]
    wat: String,
}

/// The confirmation after an action (a GET, so reloading records nothing).
pub async fn received(
    guarded: Guarded,
    Query(done): Query<DoneQuery>,
) -> Result<Response, PageError> {
    let request = &guarded.request;
    let t = request.lang.texts();
    let message = match DONE.iter().find(|d| **d == done.wat).copied() {
        Some("regeling") => t.done_arrangement,
        Some("hulp") => t.done_help,
        Some("hulp_later") => t.done_help_later,
        Some("bezwaar") => t.done_object,
        Some("situatie") => t.done_situation,
        _ => t.done_title,
    };
    let back = format!("{PREFIX}/{}", request.token);
    let here = format!("{back}/ontvangen");
    let page = DonePage {
        shell: Shell::new(request.lang, t.done_title, &guarded.csrf, &here),
        message,
        back,
    };
    Ok(render(&page))
}
