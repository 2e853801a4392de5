//! Municipal case work: the work queue ("Werkvoorraad") and a worker's own
//! cases ("Mijn zaken"), the case page with a form for every step, and a
//! gemeente's case-work settings. A hulpverlener that a case was handed to
//! works it through the same pages, as far as `can` allows.

pub mod case;
mod case_view;
mod deadlines;
mod queue;
mod settings;
mod settings_form;
pub mod step;
mod steps;

use crate::auth::{authorize_case, SignedIn};
use crate::pages::errors::PageError;
use crate::route_table::Routes;
use crate::state::AppState;
use axum::routing::{get, post};
use vangnet_domain::org::OrgKind;
use vangnet_domain::permission::{Action, CaseRef};
use vangnet_store::casework::{CaseOwner, CaseWork};

pub const QUEUE_PATH: &str = "/gemeente/zaken";
// Outside `/gemeente/zaken/`, so that every link under it is one case.
pub const MINE_PATH: &str = "/gemeente/mijn-zaken";
pub const SETTINGS_PATH: &str = "/gemeente/instellingen-zaakwerk";

pub fn routes() -> Routes {
    Routes::new()
        .route(QUEUE_PATH, get(queue::all))
        .route(MINE_PATH, get(queue::mine))
        .route(SETTINGS_PATH, get(settings::form).post(settings::save))
        .route("/gemeente/zaken/{id}", get(case::page))
        .route("/gemeente/zaken/{id}/{step}", post(steps::submit))
}

/// Whose cases the signed-in person works: their gemeente's, or those
/// handed to their hulpverlening organisation. Nobody else has any.
pub fn owner_of(who: &SignedIn) -> Option<CaseOwner> {
    match who.org.kind {
        OrgKind::Gemeente => Some(CaseOwner::Gemeente(who.org.id)),
        OrgKind::Hulpverlening => Some(CaseOwner::HandedOffTo(who.org.id)),
        _ => None,
    }
}

pub fn case_ref(work: &CaseWork) -> CaseRef {
    CaseRef {
        gemeente_org_id: work.gemeente_org_id,
        handed_off_to: work.state.handed_off.map(|h| h.org_id),
    }
}

/// The case, if `can` allows `action` on it for this person. Whose case
/// it is comes first (ids only), so a refusal — "not found" for anyone
/// else's case, which does not leak its existence — is audited like any
/// other; the read itself is scoped to the person's organisation besides.
pub async fn load(
    state: &AppState,
    who: &SignedIn,
    case_id: i64,
    action: Action,
) -> Result<(CaseOwner, CaseWork), PageError> {
    let target = state
        .store
        .case_ref(case_id)
        .await?
        .ok_or_else(PageError::not_found)?;
    authorize_case(state, &who.actor, action, case_id, target).await?;
    let owner = owner_of(who).ok_or_else(PageError::not_found)?;
    let work = state
        .store
        .case_work(owner, case_id)
        .await?
        .ok_or_else(PageError::not_found)?;
    Ok((owner, work))
}

/// "2526AB 45-B" from the household key "2526AB|45|B".
pub fn household_label(key: &str) -> String {
    let mut parts = key.split('|');
    let postcode = parts.next().unwrap_or("");
    let number = parts.next().unwrap_or("");
    match parts.next().filter(|a| !a.is_empty()) {
        Some(addition) => format!("{postcode} {number}-{addition}"),
        None => format!("{postcode} {number}"),
    }
}

pub fn day(date: chrono::NaiveDate) -> String {
    date.format("%d-%m-%Y").to_string()
}

pub fn today() -> chrono::NaiveDate {
    vangnet_domain::calendar::amsterdam_date(chrono::Utc::now())
}
