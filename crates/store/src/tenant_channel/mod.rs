//! The tenant's own channel (issue 9): personal links, the letters that
//! carry them, the tenant's responses (the verhuurder's work list), the
//! verhuurder's settings and the response rates. The rules (what a kind
//! means, which arrangements may be offered, when a link locks) are the
//! domain's; this module keeps their inputs and results.
//!
//! Verhuurder-side methods are scoped by `verhuurder_org_id`: another
//! organisation's link, letter or response is `NotFound` (or `None`). The
//! tenant side has no organisation: the token's hash is the credential, so
//! `link_by_token_hash` is unscoped and the link-id methods act on the link
//! it found. A letter, and a response or answer that records a step, write
//! the tenancy event through the tenancy store's own insert (same checks,
//! version and consequences) in the same transaction, so neither can exist
//! without the other. Audit entries hold ids, kinds and counts, never the
//! letter's HTML or the tenant's words.

pub(crate) mod queries;
mod records;
pub(crate) mod rows;
pub mod sessions;
pub(crate) mod sql;
pub(crate) mod writes;

pub(crate) use queries::tenant_channel_impl;
pub use records::*;
pub(crate) use sessions::tenant_session_impl;
pub use sessions::{NonceClaim, TenantSessionStore};

use crate::records::Page;
use crate::tenancy::{EventRecording, NewTenancyEvent, RecordedEvent};
use crate::Result;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::Invalid;

/// A step recorded with a tenant action or an accepted proposal.
pub type ChannelEvent<'a> = (&'a NewTenancyEvent, &'a EventRecording);

#[async_trait]
pub trait TenantChannelStore: Send + Sync {
    /// Makes the tenancy's link and revokes its earlier live ones in the
    /// same transaction (regenerating). `NotFound` for another's tenancy.
    async fn create_link(
        &self,
        verhuurder_org_id: i64,
        link: &NewLink,
        audit: AuditEvent,
    ) -> Result<TenantLink>;
    /// Revoking a revoked link keeps its first revocation.
    async fn revoke_link(
        &self,
        verhuurder_org_id: i64,
        link_id: i64,
        now: DateTime<Utc>,
        audit: AuditEvent,
    ) -> Result<TenantLink>;
    /// Newest first.
    async fn links_of_tenancy(
        &self,
        verhuurder_org_id: i64,
        tenancy_id: i64,
    ) -> Result<Vec<TenantLink>>;
    /// The tenant side: any link, live or not, so the caller can say why
    /// it no longer works.
    async fn link_by_token_hash(&self, token_hash: &str) -> Result<Option<TenantLink>>;
    /// Counts a wrong address check; `lock` (the caller's rule) locks it.
    async fn record_failed_check(
        &self,
        link_id: i64,
        now: DateTime<Utc>,
        lock: bool,
        audit: AuditEvent,
    ) -> Result<TenantLink>;
    /// A use of a live link (a conflict when revoked, locked or expired);
    /// `confirmed` says it is a right address check: the first one marks
    /// the link opened, and each ends a run of wrong answers.
    async fn record_link_use(
        &self,
        link_id: i64,
        now: DateTime<Utc>,
        confirmed: bool,
        audit: AuditEvent,
    ) -> Result<TenantLink>;

    /// Keeps a letter and records its step, together or not at all.
    async fn record_letter(
        &self,
        verhuurder_org_id: i64,
        tenancy_id: i64,
        letter: &NewLetter,
        event: &NewTenancyEvent,
        recording: &EventRecording,
        audit: AuditEvent,
    ) -> Result<RecordedLetter>;
    /// Oldest first.
    async fn letters(&self, verhuurder_org_id: i64, tenancy_id: i64) -> Result<Vec<TenantLetter>>;
    async fn letter(&self, verhuurder_org_id: i64, letter_id: i64) -> Result<Option<TenantLetter>>;
    /// Audits an attempt to e-mail a letter; `mailed_at` (a success) is
    /// also kept on the letter. The audit entry names the letter and the
    /// outcome the caller put in it, never the address. `NotFound` for
    /// another's letter.
    async fn record_letter_mail(
        &self,
        verhuurder_org_id: i64,
        letter_id: i64,
        mailed_at: Option<DateTime<Utc>>,
        audit: AuditEvent,
    ) -> Result<()>;

    /// The tenant's action through a live link, with its step if it
    /// records one.
    async fn add_response(
        &self,
        link_id: i64,
        response: &NewResponse,
        event: Option<ChannelEvent<'_>>,
        audit: AuditEvent,
    ) -> Result<RecordedResponse>;
    /// The work list, newest first, optionally of one status.
    async fn responses(
        &self,
        verhuurder_org_id: i64,
        status: Option<ResponseStatus>,
        page: Page,
    ) -> Result<Vec<TenantResponse>>;
    async fn response(
        &self,
        verhuurder_org_id: i64,
        response_id: i64,
    ) -> Result<Option<TenantResponse>>;
    /// Accepts, counters or handles a response that is still in the status
    /// the verhuurder saw (else a conflict), with the steps it records, in
    /// order (an accepted proposal records the offer and the arrangement).
    async fn answer_response(
        &self,
        verhuurder_org_id: i64,
        response_id: i64,
        answer: &ResponseAnswer,
        events: &[ChannelEvent<'_>],
        audit: AuditEvent,
    ) -> Result<Vec<RecordedEvent>>;
    /// How many responses wait for an answer: the navigation's notice.
    async fn open_response_count(&self, verhuurder_org_id: i64) -> Result<i64>;

    /// The defaults until the verhuurder sets them.
    async fn channel_settings(&self, verhuurder_org_id: i64) -> Result<ChannelSettings>;
    async fn set_channel_settings(
        &self,
        verhuurder_org_id: i64,
        settings: &ChannelSettings,
        audit: AuditEvent,
    ) -> Result<()>;
    /// Letters, first openings and responses in [`from`, `to`).
    async fn channel_counts(
        &self,
        verhuurder_org_id: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<ChannelCounts>;
}

/// A tenant's action has no signed-in organisation: its entry belongs to
/// the link's verhuurder, so that verhuurder's audit view shows it.
pub(crate) fn in_link_org(audit: AuditEvent, verhuurder_org_id: i64) -> AuditEvent {
    match audit.org_id {
        Some(_) => audit,
        None => audit.in_org(Some(verhuurder_org_id)),
    }
}

pub(crate) fn check_link(link: &NewLink) -> Result<()> {
    let hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
    if link.token_hash.len() != 64 || !link.token_hash.bytes().all(hex) {
        return Err(Invalid::one("token_hash", "de SHA-256 is 64 hexadecimale tekens").into());
    }
    if link.expires_at <= link.created_at {
        return Err(Invalid::one("expires_at", "de link verloopt na het maken").into());
    }
    Ok(())
}

pub(crate) fn check_letter(letter: &NewLetter, event: &NewTenancyEvent) -> Result<()> {
    let mut invalid = Invalid::default();
    if letter.kind.trim().is_empty() {
        invalid.push("kind", "geef de soort brief");
    }
    // The event records the letter, so it must be the same step.
    if letter.kind != event.kind {
        invalid.push("kind", "de brief en de stap zijn van dezelfde soort");
    }
    if letter.amount_cents < 0 || letter.collection_costs_cents.is_some_and(|c| c < 0) {
        invalid.push("amount_cents", "bedragen zijn niet negatief");
    }
    if letter.html.trim().is_empty() {
        invalid.push("html", "de brief is leeg");
    }
    Ok(invalid.into_result()?)
}

pub(crate) fn check_settings(settings: &ChannelSettings) -> Result<()> {
    let mut invalid = Invalid::default();
    for (field, value) in [
        ("link_valid_days", settings.link_valid_days),
        ("max_failed_attempts", settings.max_failed_attempts),
        ("max_term_months", settings.max_term_months),
        ("min_instalment_cents", settings.min_instalment_cents),
    ] {
        if value <= 0 {
            invalid.push(field, "vul een getal groter dan nul in");
        }
    }
    Ok(invalid.into_result()?)
}

pub(crate) fn check_answer(answer: &ResponseAnswer) -> Result<()> {
    if answer.status == ResponseStatus::Open {
        return Err(
            Invalid::one("status", "een antwoord zet de reactie niet terug op open").into(),
        );
    }
    Ok(())
}

/// What the audit log keeps of a link: ids and the moments that matter.
pub(crate) fn link_facts(link: &TenantLink) -> serde_json::Value {
    serde_json::json!({
        "tenancy_id": link.tenancy_id,
        "failed_attempts": link.failed_attempts,
        "locked": link.locked_at.is_some(),
        "revoked": link.revoked_at.is_some(),
        "confirmed": link.confirmed_at.is_some(),
    })
}
