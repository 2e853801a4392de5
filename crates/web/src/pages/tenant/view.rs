//! The tenant view: what is owed (the ledger), what happens next and when
//! (the track in plain words and the gate's next step), what has been
//! agreed, and a small form per action. Everything is read with the link's
//! verhuurder and tenancy, never from anything the browser sends.

use super::messages::{event_words, step_words, Lang};
use super::{day, today, Shell, TenantRequest, PREFIX};
use crate::middleware::CsrfToken;
use crate::new_secret_token;
use crate::pages::errors::PageError;
use crate::pages::render;
use crate::state::AppState;
use crate::tenancy::{domain_event, evaluate_step, merged_policy};
use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use vangnet_domain::money::format_euros;
use vangnet_domain::tenancy::{next_step, EventKind};
use vangnet_domain::tenant_channel::{
    arrangement_options, payment_term, ArrangementOption, ArrangementPolicy, ContactBy,
    SituationKind,
};
use vangnet_store::tenancy::LedgerKind;
use vangnet_store::tenant_channel::{ChannelSettings, ResponseStatus, TenantLink};
use vangnet_store::Page;

pub struct LedgerRow {
    pub on: String,
    pub what: &'static str,
    pub amount: String,
}

pub struct HistoryRow {
    pub on: String,
    pub words: String,
}

pub struct OptionRow {
    /// "term:instalment", what the radio button sends.
    pub value: String,
    pub id: String,
    pub term: u32,
    pub instalment: String,
    pub last: String,
}

pub struct NextStep {
    pub words: &'static str,
    /// Whether the gate would let the verhuurder take it today.
    pub allowed: Option<bool>,
}

#[derive(Template)]
#[template(path = "tenant_view.html")]
struct ViewPage {
    shell: Shell,
    base: String,
    owed: String,
    owes: bool,
    ledger: Vec<LedgerRow>,
    next: Option<NextStep>,
    pay_before: Option<String>,
    history: Vec<HistoryRow>,
    agreed: Vec<HistoryRow>,
    reference: String,
    ideal_url: Option<String>,
    options: Vec<OptionRow>,
    contacts: Vec<(&'static str, &'static str)>,
    situations: Vec<(&'static str, &'static str)>,
    /// One fresh nonce per form, so a second submit of it records nothing.
    nonce_regeling: String,
    nonce_hulp: String,
    nonce_bezwaar: String,
    nonce_situatie: String,
    errors: Vec<(&'static str, String)>,
}

fn nonce() -> String {
    new_secret_token("")[..32].to_string()
}

/// The arrangement policy of the verhuurder's settings.
pub fn arrangement_policy(settings: &ChannelSettings) -> ArrangementPolicy {
    let defaults = ArrangementPolicy::default();
    ArrangementPolicy {
        max_term_months: u32::try_from(settings.max_term_months)
            .unwrap_or(defaults.max_term_months),
        min_instalment_cents: settings.min_instalment_cents,
    }
}

fn contact_label(lang: Lang, contact: ContactBy) -> &'static str {
    let t = lang.texts();
    match contact {
        ContactBy::Phone => t.contact_phone,
        ContactBy::Email => t.contact_email,
        ContactBy::Letter => t.contact_letter,
        ContactBy::Visit => t.contact_visit,
    }
}

fn situation_label(lang: Lang, kind: SituationKind) -> &'static str {
    let t = lang.texts();
    match kind {
        SituationKind::LostIncome => t.situation_lost_income,
        SituationKind::Illness => t.situation_illness,
        SituationKind::Separation => t.situation_separation,
        SituationKind::Crisis => t.situation_crisis,
        SituationKind::Other => t.situation_other,
    }
}

fn status_words(lang: Lang, status: ResponseStatus) -> &'static str {
    let t = lang.texts();
    match status {
        ResponseStatus::Open => t.status_open,
        ResponseStatus::Accepted => t.status_accepted,
        ResponseStatus::Countered => t.status_countered,
        ResponseStatus::Handled => t.status_handled,
    }
}

/// Kinds that say something was agreed (or offered to agree).
const AGREEMENT_KINDS: [EventKind; 3] = [
    EventKind::BetalingsregelingAangeboden,
    EventKind::Betalingsregeling,
    EventKind::LaatsteKansOvereenkomst,
];

pub async fn page(
    state: &AppState,
    link: &TenantLink,
    settings: &ChannelSettings,
    request: &TenantRequest,
    csrf: &CsrfToken,
    errors: Vec<(&'static str, String)>,
) -> Result<Response, PageError> {
    let (own, id, lang) = (link.verhuurder_org_id, link.tenancy_id, request.lang);
    let today = today();
    let store = &state.store;
    let facts = store
        .gate_facts(own, id, today)
        .await?
        .ok_or_else(PageError::not_found)?;
    let tenancy = &facts.tenancy;
    let ledger = store.ledger(own, id).await?;
    let debt = tenancy.arrears.arrears_cents.max(0);
    let t = lang.texts();
    let ledger = ledger
        .iter()
        .rev()
        .take(24)
        .map(|e| LedgerRow {
            on: day(e.entry.on_date),
            what: match e.entry.kind {
                LedgerKind::Due => t.ledger_due,
                LedgerKind::Payment => t.ledger_payment,
            },
            amount: format_euros(e.entry.amount_cents),
        })
        .collect();
    let domain_events: Vec<_> = facts
        .events
        .iter()
        .filter_map(|e| domain_event(&e.event).ok())
        .collect();
    let next = match next_step(&domain_events) {
        None => None,
        Some(step) => {
            let evaluated = evaluate_step(&**store, own, id, step, None, today).await;
            Some(NextStep {
                words: step_words(lang, step.slug()),
                allowed: evaluated.ok().map(|e| e.decision.allowed),
            })
        }
    };
    let policy = merged_policy(&facts.policies).unwrap_or_default();
    let pay_before = facts
        .events
        .iter()
        .rev()
        .find(|e| e.event.kind == EventKind::Veertiendagenbrief.slug())
        .zip(tenancy.data.gemeentecode.as_deref())
        .map(|(letter, code)| payment_term(&policy, code, letter.event.on_date).last_day)
        .filter(|last| *last >= today)
        .map(day);
    let history = facts
        .events
        .iter()
        .map(|e| HistoryRow {
            on: day(e.event.on_date),
            words: event_words(lang, &e.event.kind),
        })
        .collect();
    let mut agreed: Vec<HistoryRow> = facts
        .events
        .iter()
        .filter(|e| AGREEMENT_KINDS.iter().any(|k| k.slug() == e.event.kind))
        .map(|e| HistoryRow {
            on: day(e.event.on_date),
            words: event_words(lang, &e.event.kind),
        })
        .collect();
    let page = Page {
        limit: 200,
        offset: 0,
    };
    for response in store.responses(own, None, page).await? {
        if response.tenancy_id != id {
            continue;
        }
        let on = day(vangnet_domain::calendar::amsterdam_date(
            response.created_at,
        ));
        let words = format!(
            "{} ({})",
            event_words(lang, &response.kind),
            status_words(lang, response.status)
        );
        agreed.push(HistoryRow { on, words });
    }
    let options = arrangement_options(debt, &arrangement_policy(settings))
        .into_iter()
        .map(|o: ArrangementOption| OptionRow {
            value: format!("{}:{}", o.term_months, o.instalment_cents),
            id: format!("regeling-{}", o.term_months),
            term: o.term_months,
            instalment: format_euros(o.instalment_cents),
            last: format_euros(o.last_instalment_cents),
        })
        .collect();
    let base = format!("{PREFIX}/{}", request.token);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = ViewPage {
        shell: Shell::new(lang, t.view_title, csrf, &base),
        base,
        owed: format_euros(debt),
        owes: debt > 0,
        ledger,
        next,
        pay_before,
        history,
        agreed,
        reference: tenancy.data.reference.clone(),
        ideal_url: settings
            .ideal_url
            .clone()
            .filter(|u| u.starts_with("https://")),
        options,
        contacts: ContactBy::ALL
            .into_iter()
            .map(|c| (c.slug(), contact_label(lang, c)))
            .collect(),
        situations: SituationKind::ALL
            .into_iter()
            .map(|k| (k.slug(), situation_label(lang, k)))
            .collect(),
        nonce_regeling: nonce(),
        nonce_hulp: nonce(),
        nonce_bezwaar: nonce(),
        nonce_situatie: nonce(),
        errors,
    };
    Ok((status, render(&view)).into_response())
}
