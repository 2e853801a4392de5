//! The gate's records: its decisions, overrides of a blocked step, and the
//! versioned policies it applies.

use super::records::NewTenancyEvent;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// One gate evaluation that was acted on, as it was shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewGateDecision {
    pub tenancy_id: i64,
    /// The tenancy's version the gate saw; storing it for an older version
    /// is a conflict.
    pub tenancy_version: i64,
    /// The requested step's slug.
    pub step: String,
    /// The gate's `today`.
    pub evaluated_on: NaiveDate,
    pub planned_date: Option<NaiveDate>,
    pub allowed: bool,
    /// Every rule with whether it is met and its Dutch message, as the
    /// domain gives them; read back exactly as stored.
    pub reasons: serde_json::Value,
    pub policy_version: String,
    pub decided_by_user_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GateDecision {
    pub id: i64,
    pub data: NewGateDecision,
    pub decided_at: DateTime<Utc>,
}

/// A blocked step asked for anyway, with a written reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewGateOverride {
    pub tenancy_id: i64,
    /// The stored decision that blocked the step; the event's kind must be
    /// its step.
    pub decision_id: i64,
    /// The step, recorded as it is here once a second person approves.
    pub event: NewTenancyEvent,
    pub reason: String,
    pub requested_by_user_id: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OverrideStatus {
    Pending,
    Approved,
    Rejected,
}

impl OverrideStatus {
    pub fn slug(self) -> &'static str {
        match self {
            OverrideStatus::Pending => "pending",
            OverrideStatus::Approved => "approved",
            OverrideStatus::Rejected => "rejected",
        }
    }

    pub fn from_slug(slug: &str) -> Option<OverrideStatus> {
        [Self::Pending, Self::Approved, Self::Rejected]
            .into_iter()
            .find(|s| s.slug() == slug)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GateOverride {
    pub id: i64,
    pub tenancy_id: i64,
    pub decision_id: i64,
    pub event: NewTenancyEvent,
    pub reason: String,
    pub status: OverrideStatus,
    pub requested_by_user_id: i64,
    pub requested_by_name: Option<String>,
    pub requested_at: DateTime<Utc>,
    pub decided_by_user_id: Option<i64>,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    /// The event recorded on approval.
    pub event_id: Option<i64>,
}

/// Which of a verhuurder's overrides to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverrideFilter {
    /// All of one tenancy's, for good: its page shows them.
    Tenancy(i64),
    /// Those waiting for a second person, across the verhuurder.
    Pending,
}

/// Whose policy: the platform's applies to every verhuurder; a
/// verhuurder's only to its own tenancies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PolicyScope {
    Platform,
    Verhuurder(i64),
}

impl PolicyScope {
    /// The column's value: NULL for the platform.
    pub fn verhuurder_org_id(self) -> Option<i64> {
        match self {
            PolicyScope::Platform => None,
            PolicyScope::Verhuurder(id) => Some(id),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum PolicyArea {
    All,
    /// CBS gemeentecodes, sorted.
    Gemeenten(Vec<String>),
}

/// One version of a policy, in force from `valid_from` to `valid_to`
/// (both included; open-ended without `valid_to`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewGatePolicy {
    pub scope: PolicyScope,
    pub area: PolicyArea,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    /// Unique within the scope; gate decisions name it.
    pub version_label: String,
    /// The domain's policy (settings, moratoria, leniency) as JSON.
    pub policy: serde_json::Value,
    pub created_by_user_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GatePolicy {
    pub id: i64,
    pub data: NewGatePolicy,
    pub created_at: DateTime<Utc>,
}
