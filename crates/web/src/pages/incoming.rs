//! The gemeente's side of the intake: incoming signals and why each was
//! matched to its case. The cases themselves are worked in `casework`.

use crate::auth::{authorize, SignedIn};
use crate::middleware::CsrfToken;
use crate::pages::errors::PageError;
use crate::pages::layout::Layout;
use crate::pages::{render, Paging};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::Extension;
use vangnet_domain::matching::MatchReason;
use vangnet_domain::money::format_euros;
use vangnet_domain::permission::{Action, Resource};
use vangnet_store::GemeenteSignal;

pub struct SignalView {
    pub partner: String,
    pub partner_type: String,
    pub amount: String,
    pub signal_date: String,
    pub name: String,
    pub address: String,
    pub case_id: Option<i64>,
    pub why: &'static str,
    pub flags: String,
    /// Phone, e-mail and the person's own contact wish, as sent.
    pub reach: String,
}

fn name_of(s: &GemeenteSignal) -> String {
    [
        s.initials.as_deref(),
        s.prefix.as_deref(),
        Some(s.surname.as_str()),
    ]
    .into_iter()
    .flatten()
    .filter(|p| !p.is_empty())
    .collect::<Vec<_>>()
    .join(" ")
}

/// "06 12345678 · naam@example.nl · Telefoon, na 17 uur", or "niet
/// opgegeven" (read aloud better than a dash).
fn reach_of(s: &GemeenteSignal) -> String {
    let parts: Vec<&str> = [&s.phone, &s.email, &s.contact_wish]
        .into_iter()
        .filter_map(|p| p.as_deref())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        "niet opgegeven".into()
    } else {
        parts.join(" · ")
    }
}

fn why(reason: Option<&str>) -> &'static str {
    match reason {
        Some("zelfde-bsn") => MatchReason::SameBsn.explanation(),
        Some("zelfde-adres") => MatchReason::SameAddress.explanation(),
        _ => "eerste signaal: opende de zaak",
    }
}

impl From<&GemeenteSignal> for SignalView {
    fn from(s: &GemeenteSignal) -> Self {
        let mut flags = Vec::new();
        if s.crisis {
            flags.push("crisis");
        }
        if s.warm_handover {
            flags.push("warme overdracht");
        }
        SignalView {
            partner: s.partner_name.clone(),
            partner_type: s.partner_type.clone(),
            amount: format_euros(s.amount_cents),
            signal_date: s.signal_date.format("%d-%m-%Y").to_string(),
            name: name_of(s),
            address: format!(
                "{} {}{}",
                s.postcode,
                s.house_number,
                s.addition
                    .as_deref()
                    .map(|a| format!("-{a}"))
                    .unwrap_or_default()
            ),
            case_id: s.case_id,
            why: why(s.match_reason.as_deref()),
            flags: flags.join(", "),
            reach: reach_of(s),
        }
    }
}

#[derive(Template)]
#[template(path = "gemeente_signals.html")]
struct SignalsPage {
    layout: Layout,
    signals: Vec<SignalView>,
    paging: Paging,
}

async fn allowed(state: &AppState, who: &SignedIn) -> Result<(), PageError> {
    let own = Resource::Organisation(who.org.id);
    Ok(authorize(state, &who.actor, Action::ViewIncomingSignals, own).await?)
}

pub async fn signals(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(paging): Query<Paging>,
) -> Result<Response, PageError> {
    allowed(&state, &who).await?;
    let rows = state
        .store
        .gemeente_signals(who.org.id, paging.page())
        .await?;
    let page = SignalsPage {
        layout: Layout::signed_in("Signalen", &csrf.0, &who, "/gemeente/signalen"),
        paging: paging.after(rows.len()),
        signals: rows.iter().map(SignalView::from).collect(),
    };
    Ok(render(&page))
}
