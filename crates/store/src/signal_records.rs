//! Records of the vroegsignalering intake: imports, signals and cases.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use vangnet_domain::routing::Route;

/// A validated, routed signal, ready to store. Built by the intake pipeline
/// from the domain's `SignalInput`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSignal {
    pub kenmerk: String,
    /// The DDAS EnumSignaalpartner text, e.g. "Huur".
    pub partner_type: String,
    pub amount_cents: i64,
    pub arrears_start: Option<NaiveDate>,
    pub signal_date: NaiveDate,
    pub crisis: bool,
    pub warm_handover: bool,
    pub bsn: Option<String>,
    pub initials: Option<String>,
    pub prefix: Option<String>,
    pub surname: String,
    pub birth_date: Option<NaiveDate>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// How and when the person would like to be contacted, their words.
    pub contact_wish: Option<String>,
    pub street: Option<String>,
    pub house_number: i64,
    pub addition: Option<String>,
    pub postcode: String,
    pub city: Option<String>,
    pub household_key: String,
    pub monthly_rent_cents: Option<i64>,
    pub contact_tried: Option<bool>,
    pub pointed_to_help: Option<bool>,
    pub reminder_sent_on: Option<NaiveDate>,
    pub route: Route,
    /// Covers every field: equal hash, same signal (a duplicate).
    pub content_hash: String,
}

/// What storing one signal did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SignalOutcome {
    Created { signal_id: i64, case: CaseLink },
    Updated { signal_id: i64 },
    Duplicate { signal_id: i64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CaseLink {
    Created {
        case_id: i64,
        repeat: bool,
    },
    Joined {
        case_id: i64,
    },
    /// Not routed to a gemeente, so not in a case (yet).
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ImportSource {
    Api,
    Upload,
    Cli,
}

impl ImportSource {
    pub fn slug(self) -> &'static str {
        match self {
            ImportSource::Api => "api",
            ImportSource::Upload => "upload",
            ImportSource::Cli => "cli",
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewImport {
    pub partner_org_id: i64,
    pub source: ImportSource,
    pub file_name: Option<String>,
    pub actor_user_id: Option<i64>,
}

/// The counts of one import; also the CLI's `--json` summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, sqlx::FromRow)]
pub struct ImportCounts {
    pub accepted: i64,
    pub rejected: i64,
    pub duplicates: i64,
    pub updated: i64,
    pub objected: i64,
    pub cases_created: i64,
    pub cases_joined: i64,
    pub unroutable: i64,
}

impl ImportCounts {
    pub fn add(&mut self, outcome: &SignalOutcome, routed: bool) {
        match outcome {
            SignalOutcome::Created { case, .. } => {
                self.accepted += 1;
                if !routed {
                    self.unroutable += 1;
                }
                match case {
                    CaseLink::Created { .. } => self.cases_created += 1,
                    CaseLink::Joined { .. } => self.cases_joined += 1,
                    CaseLink::None => {}
                }
            }
            SignalOutcome::Updated { .. } => self.updated += 1,
            SignalOutcome::Duplicate { .. } => self.duplicates += 1,
        }
    }
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ImportRecord {
    pub id: i64,
    pub partner_org_id: i64,
    pub source: String,
    pub file_name: Option<String>,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub status: String,
    #[sqlx(flatten)]
    pub counts: ImportCounts,
    pub failure: Option<String>,
    pub has_rejected_rows: bool,
}

/// One version of a signal: the current one or an earlier one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct SignalVersion {
    pub version: i64,
    pub amount_cents: i64,
    pub signal_date: NaiveDate,
}

/// A signal as the receiving gemeente sees it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct GemeenteSignal {
    pub id: i64,
    pub partner_name: String,
    pub partner_type: String,
    pub kenmerk: String,
    pub amount_cents: i64,
    pub signal_date: NaiveDate,
    pub crisis: bool,
    pub warm_handover: bool,
    pub initials: Option<String>,
    pub prefix: Option<String>,
    pub surname: String,
    pub postcode: String,
    pub house_number: i64,
    pub addition: Option<String>,
    pub city: Option<String>,
    /// How to reach the person: what the partner sent, for outreach.
    pub phone: Option<String>,
    pub email: Option<String>,
    pub contact_wish: Option<String>,
    pub case_id: Option<i64>,
    pub match_reason: Option<String>,
    pub status: String,
    pub version: i64,
}

/// All a signal partner may see of its own signal: what it sent and the
/// DDAS status (picked up or not), never case details or notes.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct PartnerSignal {
    pub id: i64,
    pub kenmerk: String,
    pub partner_type: String,
    pub amount_cents: i64,
    pub signal_date: NaiveDate,
    pub status: String,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CaseOverview {
    pub id: i64,
    pub household_key: String,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub repeat_of_case_id: Option<i64>,
    pub signal_count: i64,
    pub total_cents: i64,
    pub partner_types: String,
}

/// A signal no gemeente could take: for platform admins to resolve.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct UnroutableSignal {
    pub id: i64,
    pub partner_name: String,
    pub kenmerk: String,
    pub postcode: String,
    pub routing: String,
    pub signal_date: NaiveDate,
    pub created_at: DateTime<Utc>,
}
