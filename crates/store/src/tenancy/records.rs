//! What the tenancy store takes and hands out: tenancies, their ledger and
//! events, and the gemeente's notices. The gate's records are in
//! `gate_records.rs`.

use super::gate_records::GatePolicy;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use vangnet_domain::signal::Address;

/// The grounds a tenancy has unless the verhuurder says otherwise.
pub const DEFAULT_GROUNDS: &str = "huurachterstand";

/// A tenancy as the verhuurder sends it (API or CSV), and as it is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenancyData {
    /// The verhuurder's own reference: unique per verhuurder, so sending a
    /// tenancy again updates it (or changes nothing) instead of adding one.
    pub reference: String,
    /// The tenants' names.
    pub tenants: Vec<String>,
    pub address: Address,
    /// Routed from the postcode like a signal; `None` when no gemeente
    /// serves it (then no art. 14 melding can go through vangnet).
    pub gemeente_org_id: Option<i64>,
    /// The CBS gemeentecode, which the policies' areas are made of.
    pub gemeentecode: Option<String>,
    /// `huurachterstand` (`DEFAULT_GROUNDS`), `overlast`,
    /// `ernstige_overlast`, `criminaliteit` or `hennep`.
    pub grounds: String,
    pub monthly_rent_cents: i64,
    pub start_date: NaiveDate,
}

impl TenancyData {
    /// The same key as the household's signals and case have.
    pub fn household_key(&self) -> String {
        self.address.household_key()
    }
}

/// What storing one tenancy of a batch did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum TenancyOutcome {
    Created { tenancy_id: i64 },
    Updated { tenancy_id: i64 },
    Unchanged { tenancy_id: i64 },
}

impl TenancyOutcome {
    pub fn tenancy_id(self) -> i64 {
        match self {
            TenancyOutcome::Created { tenancy_id }
            | TenancyOutcome::Updated { tenancy_id }
            | TenancyOutcome::Unchanged { tenancy_id } => tenancy_id,
        }
    }
}

/// The ledger's balance: dues minus payments, and how many whole months of
/// rent that is (0 when nothing is owed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Arrears {
    pub arrears_cents: i64,
    pub months_in_arrears: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tenancy {
    pub id: i64,
    pub verhuurder_org_id: i64,
    pub data: TenancyData,
    pub household_key: String,
    /// Raised by every change the gate reads: the data, the ledger, events.
    pub version: i64,
    pub arrears: Arrears,
    /// The kind of the latest step of the collection track
    /// (`STAGE_KINDS`), if any.
    pub stage: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LedgerKind {
    /// An amount that fell due (rent, costs).
    Due,
    Payment,
}

impl LedgerKind {
    pub fn slug(self) -> &'static str {
        match self {
            LedgerKind::Due => "due",
            LedgerKind::Payment => "payment",
        }
    }

    pub fn from_slug(slug: &str) -> Option<LedgerKind> {
        [LedgerKind::Due, LedgerKind::Payment]
            .into_iter()
            .find(|k| k.slug() == slug)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewLedgerEntry {
    pub kind: LedgerKind,
    pub on_date: NaiveDate,
    /// Positive; the kind says which way it counts.
    pub amount_cents: i64,
    pub description: Option<String>,
    /// The verhuurder's own reference of the entry: an entry sent again
    /// with the same reference is not added twice.
    pub reference: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LedgerEntry {
    pub id: i64,
    pub entry: NewLedgerEntry,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum LedgerOutcome {
    Added {
        entry_id: i64,
    },
    /// Its reference was already in the ledger.
    Duplicate,
}

/// A document that belongs to an event: its file name and the SHA-256 of
/// its bytes (the bytes themselves are kept elsewhere).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRef {
    pub name: String,
    /// 64 lower-case hexadecimal digits.
    pub sha256: String,
}

/// One dated step of the collection track, stored generically: the domain
/// owns what the kinds and details mean.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewTenancyEvent {
    /// The domain's slug, e.g. `herinnering`, `dagvaarding`.
    pub kind: String,
    pub on_date: NaiveDate,
    /// The date the step aims at: the intended eviction of a
    /// `melding_gemeente_ontruiming` (required there), the date of an
    /// `ontruiming_gepland`.
    pub target_date: Option<NaiveDate>,
    /// The kind's own facts as the domain gives them (JSON).
    pub details: serde_json::Value,
    pub document: Option<DocumentRef>,
}

/// Who records a step and what it was decided on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EventRecording {
    pub recorded_by_user_id: Option<i64>,
    /// The tenancy's version the step was decided on; a newer one is a
    /// conflict. `None` records regardless (imports of past steps).
    pub expected_version: Option<i64>,
    /// The gate's decision that allowed the step; it must be this
    /// tenancy's, for this step, and allowed.
    pub gate_decision_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TenancyEvent {
    pub id: i64,
    pub tenancy_id: i64,
    pub event: NewTenancyEvent,
    pub recorded_by_user_id: Option<i64>,
    pub recorded_by_name: Option<String>,
    pub recorded_at: DateTime<Utc>,
    pub gate_decision_id: Option<i64>,
    /// The approved override that let the step through, if it was blocked.
    pub override_id: Option<i64>,
}

/// What recording a step did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RecordedEvent {
    pub event_id: i64,
    /// The tenancy's version after it.
    pub version: i64,
    /// Set when the step was a `melding_gemeente_ontruiming`.
    pub notice: Option<NoticeLink>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NoticeLink {
    pub notice_id: i64,
    pub case_id: i64,
    /// True when the household had no open case and one was opened.
    pub case_opened: bool,
}

/// An art. 14 melding as the gemeente sees it: the address and tenants as
/// they were when it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvictionNotice {
    pub id: i64,
    pub verhuurder_org_id: i64,
    pub verhuurder_name: String,
    pub case_id: i64,
    pub tenants: Vec<String>,
    pub address: Address,
    pub household_key: String,
    pub notified_on: NaiveDate,
    pub intended_date: NaiveDate,
    /// Set once the eviction is planned (`ontruiming_gepland`).
    pub planned_date: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

/// Everything the gate needs for one tenancy. The tenancy (with its
/// version) is read first, so events or ledger entries added meanwhile can
/// only make the version look older than the facts, never newer: a step
/// decided on these facts with `expected_version` then gets a conflict
/// instead of passing on stale facts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GateFacts {
    pub tenancy: Tenancy,
    /// Oldest first.
    pub events: Vec<TenancyEvent>,
    /// The policy versions in force for the tenancy on the day asked,
    /// the platform's first.
    pub policies: Vec<GatePolicy>,
}
