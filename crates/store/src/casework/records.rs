//! What case work stores and hands out.

use crate::signal_records::GemeenteSignal;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use vangnet_domain::casework::cutoffs::QueueCutoffs;
use vangnet_domain::casework::deadline::DeadlineSettings;
use vangnet_domain::casework::priority::{PriorityInput, PriorityWeights};
use vangnet_domain::casework::state::CaseState;
use vangnet_domain::retention::RetentionSettings;

/// Whose cases: a gemeente's own, or those handed to a hulpverlening
/// organisation. Every case query is scoped by one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseOwner {
    Gemeente(i64),
    HandedOffTo(i64),
}

impl CaseOwner {
    pub fn org_id(self) -> i64 {
        match self {
            CaseOwner::Gemeente(id) | CaseOwner::HandedOffTo(id) => id,
        }
    }
}

/// The person the DDAS delivery names as the gemeente's contact.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DdasContact {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseworkSettings {
    pub weights: PriorityWeights,
    pub deadlines: DeadlineSettings,
    pub retention: RetentionSettings,
    /// CBS's code for the software supplier in the DDAS delivery.
    pub ddas_supplier: Option<String>,
    pub ddas_contact: Option<DdasContact>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineFilter {
    Overdue,
    DueSoon,
}

/// The queue's filters; `None` means any. Without a stage the queue shows
/// the cases still being worked (not closed, not declined).
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    pub stage: Option<String>,
    pub partner_type: Option<String>,
    /// An inclusive PC4 range, e.g. 2490-2599.
    pub postcode_area: Option<(u16, u16)>,
    pub assignee_user_id: Option<i64>,
    /// With the day's cut-offs, computed from the gemeente's settings.
    pub deadline: Option<(DeadlineFilter, QueueCutoffs)>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct QueueRow {
    pub id: i64,
    pub gemeente_org_id: i64,
    pub household_key: String,
    pub opened_on: NaiveDate,
    pub stage: String,
    pub assignee_user_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub priority: Option<i64>,
    pub picked_up_on: Option<NaiveDate>,
    pub first_contact_on: Option<NaiveDate>,
    pub repeat_of_case_id: Option<i64>,
    pub handed_off_to_org_id: Option<i64>,
    pub signal_count: i64,
    pub creditor_count: i64,
    pub total_cents: i64,
    pub partner_types: String,
    /// The earliest art. 14 melding: eviction threatens, and the deadlines
    /// are short (`deadline::shortened`).
    pub eviction_notice_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CaseEventRow {
    pub at: DateTime<Utc>,
    pub kind: String,
    pub summary: String,
    pub actor_name: Option<String>,
    pub org_name: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ContactRow {
    pub kind: String,
    pub reached: bool,
    pub on_date: NaiveDate,
    pub part_of_day: Option<String>,
    pub note: Option<String>,
    pub actor_name: Option<String>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct NoteRow {
    pub at: DateTime<Utc>,
    pub text: String,
    pub author_name: Option<String>,
}

/// A case as its page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct CaseWork {
    pub id: i64,
    pub gemeente_org_id: i64,
    pub household_key: String,
    pub opened_on: NaiveDate,
    pub repeat_of_case_id: Option<i64>,
    pub version: i64,
    pub state: CaseState,
    pub signals: Vec<GemeenteSignal>,
    pub events: Vec<CaseEventRow>,
    pub contacts: Vec<ContactRow>,
    pub notes: Vec<NoteRow>,
    /// The earliest art. 14 melding, as in `QueueRow`.
    pub eviction_notice_on: Option<NaiveDate>,
    #[serde(skip)]
    pub priority_input: PriorityInput,
}

pub struct NewContactAttempt<'a> {
    pub kind: &'a str,
    pub reached: bool,
    pub on_date: NaiveDate,
    pub part_of_day: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// One step on a case: the state after it, and what to record.
pub struct CaseStep<'a> {
    pub owner: CaseOwner,
    pub case_id: i64,
    pub expected_version: i64,
    pub state: &'a CaseState,
    pub actor_user_id: Option<i64>,
    /// The timeline entry: a kind slug and a Dutch sentence.
    pub kind: &'a str,
    pub summary: &'a str,
    pub contact: Option<NewContactAttempt<'a>>,
    pub note: Option<&'a str>,
}
