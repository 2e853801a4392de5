//! The work queue: a gemeente's open cases (or those handed to a
//! hulpverlener), highest priority first, with filters and each case's
//! deadlines. "Mijn zaken" is the same list for the signed-in worker.

use super::deadlines::{stage_label, stage_options, CaseDates, DeadlineView};
use super::{day, household_label, owner_of, today, MINE_PATH, QUEUE_PATH};
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
use serde::{Deserialize, Serialize};
use vangnet_domain::casework::cutoffs::QueueCutoffs;
use vangnet_domain::casework::deadline::{DeadlineSettings, DeadlineState};
use vangnet_domain::money::format_euros;
use vangnet_domain::org::PostcodeRanges;
use vangnet_domain::permission::{Action, Resource};
use vangnet_domain::signal::PartnerType;
use vangnet_domain::FieldError;
use vangnet_store::casework::{CaseOwner, DeadlineFilter, QueueFilter, QueueRow};
use vangnet_store::{OrgScope, User};

/// The filters as the GET form sends them; empty means any.
#[derive(Deserialize, Serialize, Default)]
pub struct QueueQuery {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    soort: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    postcode: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    medewerker: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    termijn: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    status: String,
}

/// The deadline filter's choices, named by the deadline states they find.
const DEADLINE_CHOICES: [(DeadlineState, DeadlineFilter); 2] = [
    (DeadlineState::Overdue, DeadlineFilter::Overdue),
    (DeadlineState::DueSoon, DeadlineFilter::DueSoon),
];

impl QueueQuery {
    /// The store's filter, and a Dutch error for each value that cannot be
    /// used (that filter is then left off, never guessed).
    fn filter(
        &self,
        today: chrono::NaiveDate,
        deadlines: &DeadlineSettings,
        workers: &[User],
        mine: Option<i64>,
    ) -> (QueueFilter, Vec<FieldError>) {
        let mut errors = Vec::new();
        let mut invalid = |field: &str, reason: &str| {
            errors.push(FieldError {
                field: field.into(),
                reason: reason.into(),
            })
        };
        let mut filter = QueueFilter::default();
        if !self.soort.is_empty() {
            match PartnerType::parse(&self.soort) {
                Ok(partner) => filter.partner_type = Some(partner.ddas().into()),
                Err(_) => invalid("soort", "kies een soort uit de lijst"),
            }
        }
        if !self.postcode.trim().is_empty() {
            match PostcodeRanges::parse(&self.postcode).map(|r| r.0) {
                Ok(ranges) if ranges.len() == 1 => {
                    filter.postcode_area = Some((ranges[0].from, ranges[0].to))
                }
                Ok(_) => invalid(
                    "postcode",
                    "geef één postcode of één gebied, zoals 2490-2599",
                ),
                Err(error) => invalid("postcode", &error.reason),
            }
        }
        filter.assignee_user_id = mine.or_else(|| {
            let id = self.medewerker.parse::<i64>().ok();
            let known = id.filter(|id| workers.iter().any(|w| w.id == *id));
            if known.is_none() && !self.medewerker.is_empty() {
                invalid("medewerker", "kies een medewerker uit de lijst");
            }
            known
        });
        if !self.termijn.is_empty() {
            match DEADLINE_CHOICES
                .iter()
                .find(|(s, _)| s.slug() == self.termijn)
            {
                Some((_, kind)) => {
                    filter.deadline = Some((*kind, QueueCutoffs::on(today, deadlines)))
                }
                None => invalid("termijn", "kies verlopen of bijna verlopen"),
            }
        }
        if !self.status.is_empty() {
            match stage_options()
                .iter()
                .find(|(slug, _)| *slug == self.status)
            {
                Some((slug, _)) => filter.stage = Some((*slug).into()),
                None => invalid("status", "kies een status uit de lijst"),
            }
        }
        (filter, errors)
    }

    /// The filters as a query string, for the page links.
    fn encoded(&self) -> String {
        serde_urlencoded::to_string(self).unwrap_or_default()
    }
}

struct RowView {
    id: i64,
    household: String,
    opened_on: String,
    priority: String,
    status: &'static str,
    assignee: String,
    signals: i64,
    creditors: i64,
    partner_types: String,
    total: String,
    repeat: bool,
    /// The date of the art. 14 melding, shown next to the case so the short
    /// deadline has its reason beside it.
    eviction_notice: Option<String>,
    pickup: DeadlineView,
    contact: Option<DeadlineView>,
}

impl RowView {
    fn of(row: &QueueRow, today: chrono::NaiveDate, deadlines: &DeadlineSettings) -> RowView {
        let dates = CaseDates {
            stage_slug: row.stage.clone(),
            opened_on: row.opened_on,
            picked_up_on: row.picked_up_on,
            first_contact_on: row.first_contact_on,
            eviction_notice_on: row.eviction_notice_on,
        };
        RowView {
            id: row.id,
            household: household_label(&row.household_key),
            opened_on: day(row.opened_on),
            priority: row.priority.map_or_else(|| "–".into(), |p| p.to_string()),
            status: stage_label(&row.stage),
            assignee: row.assignee_name.clone().unwrap_or_default(),
            signals: row.signal_count,
            creditors: row.creditor_count,
            partner_types: row.partner_types.clone(),
            total: format_euros(row.total_cents),
            repeat: row.repeat_of_case_id.is_some(),
            eviction_notice: row.eviction_notice_on.map(day),
            pickup: dates.pickup(today, deadlines),
            contact: dates.first_contact(today, deadlines),
        }
    }
}

#[derive(Template)]
#[template(path = "casework_queue.html")]
struct QueuePage {
    layout: Layout,
    heading: &'static str,
    path: &'static str,
    mine: bool,
    for_gemeente: bool,
    query: QueueQuery,
    errors: Vec<FieldError>,
    /// `form_errors.html` also shows a notice; the queue has none.
    notice: Option<&'static str>,
    partner_types: Vec<&'static str>,
    workers: Vec<(i64, String)>,
    deadline_choices: Vec<(&'static str, &'static str)>,
    stages: Vec<(&'static str, &'static str)>,
    rows: Vec<RowView>,
    paging: Paging,
}

impl QueuePage {
    fn field_label(&self, field: &str) -> &'static str {
        match field {
            "soort" => "Soort signaalpartner",
            "postcode" => "Postcodegebied",
            "medewerker" => "Medewerker",
            "termijn" => "Termijn",
            "status" => "Status",
            _ => "Filter",
        }
    }
}

pub async fn all(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(query): Query<QueueQuery>,
    Query(paging): Query<Paging>,
) -> Result<Response, PageError> {
    show(&state, &who, &csrf, query, paging, false).await
}

pub async fn mine(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(query): Query<QueueQuery>,
    Query(paging): Query<Paging>,
) -> Result<Response, PageError> {
    show(&state, &who, &csrf, query, paging, true).await
}

async fn show(
    state: &AppState,
    who: &SignedIn,
    csrf: &CsrfToken,
    query: QueueQuery,
    paging: Paging,
    mine: bool,
) -> Result<Response, PageError> {
    let own = Resource::Organisation(who.org.id);
    authorize(state, &who.actor, Action::ViewCaseQueue, own).await?;
    if mine {
        // Only those who can take a case have cases of their own.
        authorize(state, &who.actor, Action::TakeCase, own).await?;
    }
    let owner = owner_of(who).ok_or_else(PageError::not_found)?;
    // A hulpverlener's queue mixes gemeenten: each row's deadlines count
    // with its own gemeente's settings.
    let mut settings_of = std::collections::HashMap::new();
    for gemeente in state.store.case_gemeenten(owner).await? {
        let settings = state.store.casework_settings(gemeente).await?;
        state
            .store
            .refresh_priorities(gemeente, &settings.weights)
            .await?;
        settings_of.insert(gemeente, settings);
    }
    let settings = match owner {
        CaseOwner::Gemeente(id) => settings_of.get(&id).cloned().unwrap_or_default(),
        CaseOwner::HandedOffTo(_) => Default::default(),
    };
    let today = today();
    let workers = state.store.list_users(OrgScope::Only(who.org.id)).await?;
    let (filter, errors) = query.filter(
        today,
        &settings.deadlines,
        &workers,
        mine.then_some(who.user.id),
    );
    let rows = state
        .store
        .case_queue(owner, &filter, paging.page())
        .await?;
    let (heading, path) = if mine {
        ("Mijn zaken", MINE_PATH)
    } else {
        ("Werkvoorraad", QUEUE_PATH)
    };
    let page = QueuePage {
        layout: Layout::signed_in(heading, &csrf.0, who, path),
        heading,
        path,
        mine,
        for_gemeente: matches!(owner, CaseOwner::Gemeente(_)),
        errors,
        notice: None,
        partner_types: PartnerType::ALL.iter().map(|p| p.ddas()).collect(),
        workers: workers.into_iter().map(|w| (w.id, w.name)).collect(),
        deadline_choices: DEADLINE_CHOICES
            .iter()
            .map(|(s, _)| (s.slug(), s.label_nl()))
            .collect(),
        stages: stage_options(),
        paging: paging.after(rows.len()).keeping(query.encoded()),
        query,
        rows: rows
            .iter()
            .map(|row| {
                let own = settings_of.get(&row.gemeente_org_id).unwrap_or(&settings);
                RowView::of(row, today, &own.deadlines)
            })
            .collect(),
    };
    Ok(render(&page))
}
