//! What the tenant channel's store takes and hands out. Kinds are the
//! domain's slugs as text (`herinnering`, `regeling_voorstel`, …): the
//! caller maps them, so the store needs no change when a kind is added.

use crate::tenancy::RecordedEvent;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// A personal link being made. The token itself never reaches the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLink {
    pub tenancy_id: i64,
    /// SHA-256 of the token, 64 lower-case hexadecimal digits.
    pub token_hash: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub created_by_user_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TenantLink {
    pub id: i64,
    pub tenancy_id: i64,
    pub verhuurder_org_id: i64,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub failed_attempts: i64,
    pub last_failed_at: Option<DateTime<Utc>>,
    pub locked_at: Option<DateTime<Utc>>,
    /// The first successful address check: the link was opened.
    pub confirmed_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub created_by_user_id: Option<i64>,
}

impl TenantLink {
    /// Neither revoked nor locked, and not expired at `now`. Whether a
    /// failed check locks it is the caller's rule (`max_failed_attempts`).
    pub fn is_usable(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none() && self.locked_at.is_none() && now < self.expires_at
    }
}

/// A letter as rendered, to be kept with the event that records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLetter {
    /// `herinnering`, `veertiendagenbrief` or `aanmaning`.
    pub kind: String,
    /// The personal link the letter carries; it must be the tenancy's.
    pub link_id: Option<i64>,
    pub amount_cents: i64,
    /// `None` when no collection costs are charged (a leniency policy).
    pub collection_costs_cents: Option<i64>,
    pub html: String,
    pub created_by_user_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TenantLetter {
    pub id: i64,
    pub tenancy_id: i64,
    pub verhuurder_org_id: i64,
    pub kind: String,
    pub link_id: Option<i64>,
    /// The tenancy event the letter is attached to.
    pub tenancy_event_id: i64,
    pub amount_cents: i64,
    pub collection_costs_cents: Option<i64>,
    pub html: String,
    pub created_at: DateTime<Utc>,
    pub created_by_user_id: Option<i64>,
    /// When the letter was also e-mailed to the tenant (the address is
    /// not kept); `None` when it was not, or the e-mail failed.
    pub mailed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RecordedLetter {
    pub letter_id: i64,
    pub event: RecordedEvent,
}

/// What the tenant did through their link.
#[derive(Debug, Clone, PartialEq)]
pub struct NewResponse {
    /// The domain's slug of the action (`regeling_voorstel`, `hulpvraag`, …).
    pub kind: String,
    /// The action's own facts as the domain gives them.
    pub detail: serde_json::Value,
}

/// Where a response stands in the verhuurder's work list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseStatus {
    Open,
    Accepted,
    Countered,
    Handled,
}

impl ResponseStatus {
    pub const ALL: [ResponseStatus; 4] = [
        ResponseStatus::Open,
        ResponseStatus::Accepted,
        ResponseStatus::Countered,
        ResponseStatus::Handled,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            ResponseStatus::Open => "open",
            ResponseStatus::Accepted => "accepted",
            ResponseStatus::Countered => "countered",
            ResponseStatus::Handled => "handled",
        }
    }

    pub fn from_slug(slug: &str) -> Option<ResponseStatus> {
        Self::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TenantResponse {
    pub id: i64,
    pub tenancy_id: i64,
    pub verhuurder_org_id: i64,
    pub link_id: i64,
    pub kind: String,
    pub detail: serde_json::Value,
    /// The event the action recorded, if it recorded one.
    pub tenancy_event_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub status: ResponseStatus,
    pub handled_at: Option<DateTime<Utc>>,
    pub handled_by_user_id: Option<i64>,
    /// The verhuurder's counter-proposal, if any.
    pub answer: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RecordedResponse {
    pub response_id: i64,
    pub event: Option<RecordedEvent>,
}

/// The verhuurder's answer to a response.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseAnswer {
    /// Accepted, countered or handled; never back to open.
    pub status: ResponseStatus,
    pub answer: Option<serde_json::Value>,
    pub handled_by_user_id: Option<i64>,
    /// The status the verhuurder saw; another one now is a conflict, so two
    /// colleagues cannot both answer.
    pub expected_status: ResponseStatus,
}

/// A verhuurder's policy for the channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChannelSettings {
    pub link_valid_days: i64,
    /// Wrong address checks before the link locks.
    pub max_failed_attempts: i64,
    /// The longest payment arrangement offered.
    pub max_term_months: i64,
    pub min_instalment_cents: i64,
    pub ideal_url: Option<String>,
    /// What the letters give for paying and calling; no letter without.
    pub sender_phone: Option<String>,
    pub iban: Option<String>,
    /// Where a tenant's reply to an e-mailed letter goes (its Reply-To).
    pub reply_email: Option<String>,
    /// The gemeente's debt-help desk the letters name, if set.
    pub debt_help: Option<DebtHelpDesk>,
}

/// A debt-help desk's contact details as the verhuurder entered them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DebtHelpDesk {
    pub name: String,
    pub phone: String,
    pub email: String,
    pub website: String,
}

impl Default for ChannelSettings {
    fn default() -> Self {
        ChannelSettings {
            link_valid_days: 60,
            max_failed_attempts: 5,
            max_term_months: 12,
            min_instalment_cents: 2500,
            ideal_url: None,
            sender_phone: None,
            iban: None,
            reply_email: None,
            debt_help: None,
        }
    }
}

/// A verhuurder's response rates over a period, for the statistics.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ChannelCounts {
    /// Letters sent, per kind.
    pub letters: BTreeMap<String, i64>,
    /// Links first opened (address confirmed) in the period.
    pub links_opened: i64,
    /// Responses, per kind.
    pub responses: BTreeMap<String, i64>,
}
