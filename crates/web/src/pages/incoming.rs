//! The gemeente's side of the intake: incoming signals, the cases that
//! bundle them, and why signals were matched. (The full work queue with
//! priorities is a later issue.)

use crate::auth::{authorize, SignedIn};
use crate::middleware::CsrfToken;
use crate::pages::errors::PageError;
use crate::pages::layout::Layout;
use crate::pages::{render, Paging};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Extension;
use vangnet_domain::matching::MatchReason;
use vangnet_domain::money::format_euros;
use vangnet_domain::permission::{Action, Resource};
use vangnet_store::{CaseOverview, GemeenteSignal};

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
        }
    }
}

pub struct CaseView {
    pub id: i64,
    pub household: String,
    pub opened_on: String,
    pub signal_count: i64,
    pub total: String,
    pub partner_types: String,
    pub repeat_of: Option<i64>,
}

impl From<&CaseOverview> for CaseView {
    fn from(c: &CaseOverview) -> Self {
        let mut parts = c.household_key.split('|');
        let postcode = parts.next().unwrap_or("");
        let number = parts.next().unwrap_or("");
        let addition = parts.next().filter(|a| !a.is_empty());
        CaseView {
            id: c.id,
            household: format!(
                "{postcode} {number}{}",
                addition.map(|a| format!("-{a}")).unwrap_or_default()
            ),
            opened_on: c.opened_on.format("%d-%m-%Y").to_string(),
            signal_count: c.signal_count,
            total: format_euros(c.total_cents),
            partner_types: c.partner_types.clone(),
            repeat_of: c.repeat_of_case_id,
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

#[derive(Template)]
#[template(path = "gemeente_cases.html")]
struct CasesPage {
    layout: Layout,
    cases: Vec<CaseView>,
    paging: Paging,
}

#[derive(Template)]
#[template(path = "gemeente_case.html")]
struct CasePage {
    layout: Layout,
    case: CaseView,
    signals: Vec<SignalView>,
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

pub async fn cases(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(paging): Query<Paging>,
) -> Result<Response, PageError> {
    allowed(&state, &who).await?;
    let rows = state
        .store
        .gemeente_cases(who.org.id, paging.page())
        .await?;
    let page = CasesPage {
        layout: Layout::signed_in("Zaken", &csrf.0, &who, "/gemeente/zaken"),
        paging: paging.after(rows.len()),
        cases: rows.iter().map(CaseView::from).collect(),
    };
    Ok(render(&page))
}

pub async fn case(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    allowed(&state, &who).await?;
    let (case, signals) = state
        .store
        .case_detail(who.org.id, id)
        .await?
        .ok_or_else(PageError::not_found)?;
    let page = CasePage {
        layout: Layout::signed_in(&format!("Zaak {id}"), &csrf.0, &who, "/gemeente/zaken"),
        case: CaseView::from(&case),
        signals: signals.iter().map(SignalView::from).collect(),
    };
    Ok(render(&page))
}
