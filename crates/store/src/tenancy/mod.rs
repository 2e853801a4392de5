//! The eviction track's storage: a verhuurder's tenancies, their arrears
//! ledger and dated collection steps, the gate's policies and decisions,
//! four-eyes overrides, and the art. 14 notice to the gemeente. The rules
//! (what a kind means, whether a step may go ahead) are the domain's; this
//! module keeps their inputs and results, scoped by the owning verhuurder
//! (or, for notices, the gemeente). Every mutation appends its audit entry
//! in the same transaction, with ids and counts only: names, addresses and
//! free text stay in their tables, and an override's reason is audited as
//! its SHA-256, so the chain vouches for the exact text without holding it.

mod gate_records;
pub(crate) mod gate_writes;
pub mod notice_mail;
pub(crate) mod queries;
pub(crate) mod reads;
mod records;
pub(crate) mod rows;
pub(crate) mod shared_event;
pub(crate) mod sql;
pub(crate) mod writes;

pub use gate_records::*;
pub use notice_mail::{NoticeMailStore, NoticeToMail};
pub(crate) use queries::tenancy_impl;
pub use records::*;

use crate::records::Page;
use crate::Result;
use async_trait::async_trait;
use chrono::NaiveDate;
use vangnet_domain::audit::AuditEvent;

/// The steps of the collection track that say how far a tenancy has gone,
/// in track order; a tenancy's stage is the latest of these.
pub const STAGE_KINDS: &[&str] = &[
    "herinnering",
    "veertiendagenbrief",
    "aanmaning",
    "deurwaarder",
    "dagvaarding",
    "vonnis",
    "betekening",
    "ontruimingsaanzegging",
    MELDING_KIND,
    PLANNED_KIND,
    "ontruimd",
    "voorkomen",
];

/// Recording this kind notifies the gemeente (art. 14 Gerechtsdeurwaarderswet).
pub const MELDING_KIND: &str = "melding_gemeente_ontruiming";
/// Recording this kind shows the planned date on the gemeente's notice.
pub const PLANNED_KIND: &str = "ontruiming_gepland";

#[async_trait]
pub trait TenancyStore: Send + Sync {
    /// Stores a batch in one transaction, idempotent by the verhuurder's
    /// reference, and says per tenancy what happened.
    async fn upsert_tenancies(
        &self,
        verhuurder_org_id: i64,
        batch: &[TenancyData],
        audit: AuditEvent,
    ) -> Result<Vec<TenancyOutcome>>;
    async fn tenancy(&self, verhuurder_org_id: i64, tenancy_id: i64) -> Result<Option<Tenancy>>;
    async fn tenancy_by_reference(
        &self,
        verhuurder_org_id: i64,
        reference: &str,
    ) -> Result<Option<Tenancy>>;
    /// By reference, with stage and arrears.
    async fn tenancies(&self, verhuurder_org_id: i64, page: Page) -> Result<Vec<Tenancy>>;

    /// Adds entries (skipping references already there); raises the
    /// tenancy's version when anything was added.
    async fn add_ledger_entries(
        &self,
        verhuurder_org_id: i64,
        tenancy_id: i64,
        entries: &[NewLedgerEntry],
        audit: AuditEvent,
    ) -> Result<Vec<LedgerOutcome>>;
    /// Oldest first.
    async fn ledger(&self, verhuurder_org_id: i64, tenancy_id: i64) -> Result<Vec<LedgerEntry>>;

    /// Records a step. A `melding_gemeente_ontruiming` also notifies the
    /// gemeente and puts the household's case up for a new priority (opening
    /// one if it has none); an `ontruiming_gepland` shows its date on that
    /// notice. A stale `expected_version` is a conflict.
    async fn record_tenancy_event(
        &self,
        verhuurder_org_id: i64,
        tenancy_id: i64,
        event: &NewTenancyEvent,
        recording: &EventRecording,
        audit: AuditEvent,
    ) -> Result<RecordedEvent>;
    /// Oldest first (by date, then as recorded).
    async fn tenancy_events(
        &self,
        verhuurder_org_id: i64,
        tenancy_id: i64,
    ) -> Result<Vec<TenancyEvent>>;
    /// The tenancy, its events and the policies in force on `on`.
    async fn gate_facts(
        &self,
        verhuurder_org_id: i64,
        tenancy_id: i64,
        on: NaiveDate,
    ) -> Result<Option<GateFacts>>;

    /// Keeps a decision that is acted on; returns its id.
    async fn record_gate_decision(
        &self,
        verhuurder_org_id: i64,
        decision: &NewGateDecision,
        audit: AuditEvent,
    ) -> Result<i64>;
    async fn gate_decision(
        &self,
        verhuurder_org_id: i64,
        decision_id: i64,
    ) -> Result<Option<GateDecision>>;
    /// Oldest first.
    async fn gate_decisions(
        &self,
        verhuurder_org_id: i64,
        tenancy_id: i64,
    ) -> Result<Vec<GateDecision>>;

    /// Asks for a blocked step; pending until someone else approves.
    async fn request_gate_override(
        &self,
        verhuurder_org_id: i64,
        request: &NewGateOverride,
        audit: AuditEvent,
    ) -> Result<i64>;
    /// Approves a pending override and records its step in the same
    /// transaction. Refused to the user who asked for it. Whether the
    /// approver may (a teamleider) is the caller's `can`.
    async fn approve_gate_override(
        &self,
        verhuurder_org_id: i64,
        override_id: i64,
        approver_user_id: i64,
        expected_version: Option<i64>,
        audit: AuditEvent,
    ) -> Result<RecordedEvent>;
    /// Declines a pending override; refused to the user who asked for it.
    async fn reject_gate_override(
        &self,
        verhuurder_org_id: i64,
        override_id: i64,
        reviewer_user_id: i64,
        audit: AuditEvent,
    ) -> Result<()>;
    /// Oldest first.
    async fn gate_overrides(
        &self,
        verhuurder_org_id: i64,
        filter: OverrideFilter,
    ) -> Result<Vec<GateOverride>>;

    /// Declares a new policy version; returns its id.
    async fn create_gate_policy(&self, policy: &NewGatePolicy, audit: AuditEvent) -> Result<i64>;
    /// The scope's own versions, newest first.
    async fn gate_policies(&self, scope: PolicyScope) -> Result<Vec<GatePolicy>>;
    /// The versions in force on `on` for a tenancy of `verhuurder_org_id` in
    /// `gemeentecode` (only all-area ones without it): the platform's first,
    /// then the verhuurder's, each by start.
    async fn gate_policies_in_force(
        &self,
        verhuurder_org_id: i64,
        gemeentecode: Option<&str>,
        on: NaiveDate,
    ) -> Result<Vec<GatePolicy>>;
    /// Ends a version earlier (a moratorium lifted); its contents never
    /// change.
    async fn end_gate_policy(
        &self,
        scope: PolicyScope,
        policy_id: i64,
        valid_to: NaiveDate,
        audit: AuditEvent,
    ) -> Result<()>;

    /// The gemeente's art. 14 notices, newest first.
    async fn eviction_notices(
        &self,
        gemeente_org_id: i64,
        page: Page,
    ) -> Result<Vec<EvictionNotice>>;
}

/// The audit event with its object and the ids and counts the store
/// learned, added to what the caller put in its detail.
pub(crate) fn audited(audit: AuditEvent, object_id: i64, facts: serde_json::Value) -> AuditEvent {
    let mut detail = match serde_json::from_str(&audit.detail) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    if let serde_json::Value::Object(facts) = facts {
        detail.extend(facts);
    }
    audit
        .with_object(object_id)
        .with_detail(serde_json::Value::Object(detail))
}

/// An override's reason as the audit log keeps it.
pub(crate) fn reason_digest(reason: &str) -> String {
    use sha2::Digest;
    format!("{:x}", sha2::Sha256::digest(reason.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audited_keeps_the_callers_detail_and_adds_the_facts() {
        let event = AuditEvent::new("tenancy.event", "tenancy", None)
            .with_detail(serde_json::json!({"source": "api"}));
        let event = audited(event, 7, serde_json::json!({"event_id": 3}));
        assert_eq!(event.object_id.as_deref(), Some("7"));
        assert_eq!(event.detail, r#"{"event_id":3,"source":"api"}"#);
    }

    #[test]
    fn reason_digest_is_sha256_hex() {
        assert_eq!(
            reason_digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
