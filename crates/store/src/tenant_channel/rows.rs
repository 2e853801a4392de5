//! Row shapes of the tenant channel, shared by both backends, and their
//! records. JSON or a status that no longer parses (a hand-edited row) is
//! reported, not papered over.

use super::records::*;
use crate::ts::Ts;
use crate::StoreError;

fn corrupt(what: &str, reason: impl std::fmt::Display) -> StoreError {
    StoreError::Unsupported(format!(
        "onleesbare waarde in de database ({what}): {reason}"
    ))
}

fn json(what: &str, text: &str) -> Result<serde_json::Value, StoreError> {
    serde_json::from_str(text).map_err(|e| corrupt(what, e))
}

#[derive(sqlx::FromRow)]
pub(crate) struct LinkRow {
    id: i64,
    tenancy_id: i64,
    verhuurder_org_id: i64,
    created_at: Ts,
    expires_at: Ts,
    revoked_at: Option<Ts>,
    failed_attempts: i64,
    last_failed_at: Option<Ts>,
    locked_at: Option<Ts>,
    confirmed_at: Option<Ts>,
    last_used_at: Option<Ts>,
    created_by_user_id: Option<i64>,
}

impl From<LinkRow> for TenantLink {
    fn from(r: LinkRow) -> Self {
        let at = |t: Option<Ts>| t.map(|t| t.0);
        TenantLink {
            id: r.id,
            tenancy_id: r.tenancy_id,
            verhuurder_org_id: r.verhuurder_org_id,
            created_at: r.created_at.0,
            expires_at: r.expires_at.0,
            revoked_at: at(r.revoked_at),
            failed_attempts: r.failed_attempts,
            last_failed_at: at(r.last_failed_at),
            locked_at: at(r.locked_at),
            confirmed_at: at(r.confirmed_at),
            last_used_at: at(r.last_used_at),
            created_by_user_id: r.created_by_user_id,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct LetterRow {
    id: i64,
    tenancy_id: i64,
    verhuurder_org_id: i64,
    kind: String,
    link_id: Option<i64>,
    tenancy_event_id: i64,
    amount_cents: i64,
    collection_costs_cents: Option<i64>,
    html: String,
    created_at: Ts,
    created_by_user_id: Option<i64>,
    mailed_at: Option<Ts>,
}

impl From<LetterRow> for TenantLetter {
    fn from(r: LetterRow) -> Self {
        TenantLetter {
            id: r.id,
            tenancy_id: r.tenancy_id,
            verhuurder_org_id: r.verhuurder_org_id,
            kind: r.kind,
            link_id: r.link_id,
            tenancy_event_id: r.tenancy_event_id,
            amount_cents: r.amount_cents,
            collection_costs_cents: r.collection_costs_cents,
            html: r.html,
            created_at: r.created_at.0,
            created_by_user_id: r.created_by_user_id,
            mailed_at: r.mailed_at.map(|t| t.0),
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ResponseRow {
    id: i64,
    tenancy_id: i64,
    verhuurder_org_id: i64,
    link_id: i64,
    kind: String,
    detail: String,
    tenancy_event_id: Option<i64>,
    created_at: Ts,
    status: String,
    handled_at: Option<Ts>,
    handled_by_user_id: Option<i64>,
    answer: Option<String>,
}

impl TryFrom<ResponseRow> for TenantResponse {
    type Error = StoreError;
    fn try_from(r: ResponseRow) -> Result<Self, StoreError> {
        Ok(TenantResponse {
            id: r.id,
            tenancy_id: r.tenancy_id,
            verhuurder_org_id: r.verhuurder_org_id,
            link_id: r.link_id,
            kind: r.kind,
            detail: json("tenant_responses.detail", &r.detail)?,
            tenancy_event_id: r.tenancy_event_id,
            created_at: r.created_at.0,
            status: status(&r.status)?,
            handled_at: r.handled_at.map(|t| t.0),
            handled_by_user_id: r.handled_by_user_id,
            answer: r
                .answer
                .map(|a| json("tenant_responses.answer", &a))
                .transpose()?,
        })
    }
}

pub(crate) fn status(slug: &str) -> Result<ResponseStatus, StoreError> {
    ResponseStatus::from_slug(slug).ok_or_else(|| corrupt("tenant_responses.status", slug))
}

#[derive(sqlx::FromRow)]
pub(crate) struct SettingsRow {
    link_valid_days: i64,
    max_failed_attempts: i64,
    max_term_months: i64,
    min_instalment_cents: i64,
    ideal_url: Option<String>,
    sender_phone: Option<String>,
    iban: Option<String>,
    reply_email: Option<String>,
    debt_help_name: Option<String>,
    debt_help_phone: Option<String>,
    debt_help_email: Option<String>,
    debt_help_website: Option<String>,
}

impl From<SettingsRow> for ChannelSettings {
    fn from(r: SettingsRow) -> Self {
        ChannelSettings {
            link_valid_days: r.link_valid_days,
            max_failed_attempts: r.max_failed_attempts,
            max_term_months: r.max_term_months,
            min_instalment_cents: r.min_instalment_cents,
            ideal_url: r.ideal_url,
            sender_phone: r.sender_phone,
            iban: r.iban,
            reply_email: r.reply_email,
            // The desk is kept as a whole: a name without a phone number
            // helps no tenant.
            debt_help: r.debt_help_name.map(|name| DebtHelpDesk {
                name,
                phone: r.debt_help_phone.unwrap_or_default(),
                email: r.debt_help_email.unwrap_or_default(),
                website: r.debt_help_website.unwrap_or_default(),
            }),
        }
    }
}
