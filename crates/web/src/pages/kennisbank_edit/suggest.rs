//! The public suggestion form: no login, a name and an e-mail address for
//! the redactie, a honeypot for bots (filled: thanked, nothing stored) and
//! at most five attempts an hour per client address, counted by a hash of
//! the address as the login throttle does.

use super::contribute::FormPage;
use super::form::{one_error, value, ErrorLine, Pairs, Values};
use super::{done, problem, Notice, Problem, SUGGEST_PATH};
use crate::crypto::sha256_hex;
use crate::kennisbank::workflow::{self, Caller, Suggester};
use crate::middleware::CsrfToken;
use crate::pages::errors::PageError;
use crate::pages::layout::Layout;
use crate::pages::render;
use crate::state::AppState;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use chrono::{Duration, Utc};
use std::net::SocketAddr;
use vangnet_domain::Invalid;

pub const ATTEMPTS_PER_HOUR: u32 = 5;
const HONEYPOT: &str = "website";
const TOO_MANY: &str = "U heeft het afgelopen uur al vijf voorstellen gestuurd. Probeer het over een uur opnieuw, of neem contact op met de redactie.";

fn page(
    csrf: &CsrfToken,
    pairs: Option<&Pairs>,
    notice: Option<&'static str>,
    errors: Vec<ErrorLine>,
) -> FormPage {
    let sent = |name: &str| pairs.map_or(String::new(), |p| value(p, name).to_string());
    FormPage {
        layout: Layout::anonymous("Praktijk voorstellen", &csrf.0),
        heading: "Een praktijk voorstellen",
        intro: "Kent u een aanpak die huisuitzettingen helpt voorkomen? Beschrijf haar hier; u hoeft niet in te loggen. De redactie beoordeelt uw voorstel en neemt zo nodig contact met u op.",
        action: SUGGEST_PATH.into(),
        button: "Voorstel versturen",
        public: true,
        name: sent("name"),
        email: sent("email"),
        values: pairs.map_or_else(|| Values::empty(""), Values::sent),
        notice,
        errors,
    }
}

pub async fn form(Extension(csrf): Extension<CsrfToken>, Query(notice): Query<Notice>) -> Response {
    render(&page(&csrf, None, notice.text(), vec![]))
}

fn suggester(pairs: &Pairs) -> Result<Suggester, Invalid> {
    let mut invalid = Invalid::default();
    let name = value(pairs, "name").trim();
    if name.is_empty() || name.chars().count() > 200 {
        invalid.push("name", "vul uw naam in (hoogstens 200 tekens)");
    }
    let email = invalid.check(vangnet_domain::user::parse_email(value(pairs, "email")));
    invalid.into_result()?;
    Ok(Suggester {
        name: name.to_string(),
        email: email.unwrap_or_default(),
    })
}

pub async fn submit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Extension(csrf): Extension<CsrfToken>,
    Form(pairs): Form<Pairs>,
) -> Result<Response, PageError> {
    if !value(&pairs, HONEYPOT).is_empty() {
        return Ok(done(SUGGEST_PATH, "ontvangen"));
    }
    let client = sha256_hex(&format!("kennisbank-suggestion:{}", peer.ip()));
    let window = Duration::hours(1);
    let allowed = state
        .store
        .record_suggestion_attempt(&client, Utc::now(), window, ATTEMPTS_PER_HOUR)
        .await?;
    if !allowed {
        let errors = one_error("title", TOO_MANY);
        let reply = render(&page(&csrf, Some(&pairs), None, errors));
        return Ok((StatusCode::TOO_MANY_REQUESTS, reply).into_response());
    }
    let content = Values::sent(&pairs).content(None);
    let result = match suggester(&pairs) {
        Ok(who) => workflow::submit(&state, Caller::public(), content, Some(who)).await,
        Err(mut invalid) => {
            // Every mistake at once: the practice's own too.
            if let Err(more) = content.validate() {
                invalid.errors.extend(more.errors);
            }
            Err(workflow::WorkflowError::Invalid(invalid))
        }
    };
    match result {
        Ok(_) => Ok(done(SUGGEST_PATH, "ontvangen")),
        Err(error) => match problem(error, "title") {
            Problem::Form(status, errors) => {
                let reply = render(&page(&csrf, Some(&pairs), None, errors));
                Ok((status, reply).into_response())
            }
            Problem::Page(response) => Ok(response),
        },
    }
}
