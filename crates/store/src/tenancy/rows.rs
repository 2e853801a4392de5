//! Rows as both backends return them, and their conversion into records:
//! JSON text parsed, slugs into enums, address columns into the domain's
//! `Address`. A stored value that does not convert is reported, not
//! guessed at.

use super::gate_records::*;
use super::records::*;
use crate::casework::queries::corrupt;
use crate::ts::Ts;
use crate::{Result, StoreError};
use chrono::NaiveDate;
use vangnet_domain::signal::Address;

fn json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| corrupt(what, e))
}

fn unreadable(what: &str, value: impl std::fmt::Display) -> StoreError {
    StoreError::Unsupported(format!("opgeslagen {what} is onleesbaar: {value}"))
}

fn address(
    street: Option<String>,
    house_number: i64,
    addition: Option<String>,
    postcode: String,
    city: Option<String>,
) -> Result<Address> {
    Ok(Address {
        street,
        house_number: u32::try_from(house_number)
            .map_err(|_| unreadable("huisnummer", house_number))?,
        addition,
        postcode,
        city,
    })
}

fn document(name: Option<String>, sha256: Option<String>) -> Option<DocumentRef> {
    Some(DocumentRef {
        name: name?,
        sha256: sha256?,
    })
}

/// The document's two columns, both NULL without one.
pub(crate) fn document_columns(event: &NewTenancyEvent) -> (Option<&str>, Option<&str>) {
    match &event.document {
        Some(d) => (Some(d.name.as_str()), Some(d.sha256.as_str())),
        None => (None, None),
    }
}

pub(crate) fn to_json(value: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Unsupported(e.to_string()))
}

#[derive(sqlx::FromRow)]
pub(crate) struct TenancyRow {
    id: i64,
    verhuurder_org_id: i64,
    reference: String,
    tenants: String,
    street: Option<String>,
    house_number: i64,
    addition: Option<String>,
    postcode: String,
    city: Option<String>,
    household_key: String,
    gemeente_org_id: Option<i64>,
    gemeentecode: Option<String>,
    grounds: String,
    monthly_rent_cents: i64,
    start_date: NaiveDate,
    version: i64,
    created_at: Ts,
    updated_at: Ts,
    arrears_cents: i64,
    stage: Option<String>,
    months_in_arrears: i64,
}

impl TryFrom<TenancyRow> for Tenancy {
    type Error = StoreError;
    fn try_from(r: TenancyRow) -> Result<Tenancy> {
        Ok(Tenancy {
            id: r.id,
            verhuurder_org_id: r.verhuurder_org_id,
            data: TenancyData {
                reference: r.reference,
                tenants: json(&r.tenants, "huurders")?,
                address: address(r.street, r.house_number, r.addition, r.postcode, r.city)?,
                gemeente_org_id: r.gemeente_org_id,
                gemeentecode: r.gemeentecode,
                grounds: r.grounds,
                monthly_rent_cents: r.monthly_rent_cents,
                start_date: r.start_date,
            },
            household_key: r.household_key,
            version: r.version,
            arrears: Arrears {
                arrears_cents: r.arrears_cents,
                months_in_arrears: r.months_in_arrears,
            },
            stage: r.stage,
            created_at: r.created_at.0,
            updated_at: r.updated_at.0,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct LedgerRow {
    id: i64,
    kind: String,
    on_date: NaiveDate,
    amount_cents: i64,
    description: Option<String>,
    reference: Option<String>,
    created_at: Ts,
}

impl TryFrom<LedgerRow> for LedgerEntry {
    type Error = StoreError;
    fn try_from(r: LedgerRow) -> Result<LedgerEntry> {
        Ok(LedgerEntry {
            id: r.id,
            entry: NewLedgerEntry {
                kind: LedgerKind::from_slug(&r.kind).ok_or_else(|| unreadable("soort", &r.kind))?,
                on_date: r.on_date,
                amount_cents: r.amount_cents,
                description: r.description,
                reference: r.reference,
            },
            created_at: r.created_at.0,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct EventRow {
    id: i64,
    tenancy_id: i64,
    kind: String,
    on_date: NaiveDate,
    target_date: Option<NaiveDate>,
    details: String,
    document_name: Option<String>,
    document_sha256: Option<String>,
    recorded_by_user_id: Option<i64>,
    recorded_by_name: Option<String>,
    recorded_at: Ts,
    gate_decision_id: Option<i64>,
    override_id: Option<i64>,
}

impl TryFrom<EventRow> for TenancyEvent {
    type Error = StoreError;
    fn try_from(r: EventRow) -> Result<TenancyEvent> {
        Ok(TenancyEvent {
            id: r.id,
            tenancy_id: r.tenancy_id,
            event: NewTenancyEvent {
                kind: r.kind,
                on_date: r.on_date,
                target_date: r.target_date,
                details: json(&r.details, "gegevens van de stap")?,
                document: document(r.document_name, r.document_sha256),
            },
            recorded_by_user_id: r.recorded_by_user_id,
            recorded_by_name: r.recorded_by_name,
            recorded_at: r.recorded_at.0,
            gate_decision_id: r.gate_decision_id,
            override_id: r.override_id,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct NoticeRow {
    id: i64,
    verhuurder_org_id: i64,
    verhuurder_name: String,
    case_id: i64,
    tenants: String,
    street: Option<String>,
    house_number: i64,
    addition: Option<String>,
    postcode: String,
    city: Option<String>,
    household_key: String,
    notified_on: NaiveDate,
    intended_date: NaiveDate,
    planned_date: Option<NaiveDate>,
    created_at: Ts,
}

impl TryFrom<NoticeRow> for EvictionNotice {
    type Error = StoreError;
    fn try_from(r: NoticeRow) -> Result<EvictionNotice> {
        Ok(EvictionNotice {
            id: r.id,
            verhuurder_org_id: r.verhuurder_org_id,
            verhuurder_name: r.verhuurder_name,
            case_id: r.case_id,
            tenants: json(&r.tenants, "huurders")?,
            address: address(r.street, r.house_number, r.addition, r.postcode, r.city)?,
            household_key: r.household_key,
            notified_on: r.notified_on,
            intended_date: r.intended_date,
            planned_date: r.planned_date,
            created_at: r.created_at.0,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct DecisionRow {
    id: i64,
    tenancy_id: i64,
    tenancy_version: i64,
    step: String,
    evaluated_on: NaiveDate,
    planned_date: Option<NaiveDate>,
    allowed: bool,
    reasons: String,
    policy_version: String,
    decided_by_user_id: Option<i64>,
    decided_at: Ts,
}

impl TryFrom<DecisionRow> for GateDecision {
    type Error = StoreError;
    fn try_from(r: DecisionRow) -> Result<GateDecision> {
        Ok(GateDecision {
            id: r.id,
            data: NewGateDecision {
                tenancy_id: r.tenancy_id,
                tenancy_version: r.tenancy_version,
                step: r.step,
                evaluated_on: r.evaluated_on,
                planned_date: r.planned_date,
                allowed: r.allowed,
                reasons: json(&r.reasons, "redenen van de poort")?,
                policy_version: r.policy_version,
                decided_by_user_id: r.decided_by_user_id,
            },
            decided_at: r.decided_at.0,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct OverrideRow {
    id: i64,
    tenancy_id: i64,
    decision_id: i64,
    step: String,
    on_date: NaiveDate,
    target_date: Option<NaiveDate>,
    details: String,
    document_name: Option<String>,
    document_sha256: Option<String>,
    reason: String,
    status: String,
    requested_by_user_id: i64,
    requested_by_name: Option<String>,
    requested_at: Ts,
    decided_by_user_id: Option<i64>,
    decided_by_name: Option<String>,
    decided_at: Option<Ts>,
    event_id: Option<i64>,
}

impl TryFrom<OverrideRow> for GateOverride {
    type Error = StoreError;
    fn try_from(r: OverrideRow) -> Result<GateOverride> {
        Ok(GateOverride {
            id: r.id,
            tenancy_id: r.tenancy_id,
            decision_id: r.decision_id,
            event: NewTenancyEvent {
                kind: r.step,
                on_date: r.on_date,
                target_date: r.target_date,
                details: json(&r.details, "gegevens van de stap")?,
                document: document(r.document_name, r.document_sha256),
            },
            reason: r.reason,
            status: OverrideStatus::from_slug(&r.status)
                .ok_or_else(|| unreadable("status", &r.status))?,
            requested_by_user_id: r.requested_by_user_id,
            requested_by_name: r.requested_by_name,
            requested_at: r.requested_at.0,
            decided_by_user_id: r.decided_by_user_id,
            decided_by_name: r.decided_by_name,
            decided_at: r.decided_at.map(|t| t.0),
            event_id: r.event_id,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct PolicyRow {
    id: i64,
    verhuurder_org_id: Option<i64>,
    all_areas: bool,
    gemeentecodes: Option<String>,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
    version_label: String,
    policy: String,
    created_by_user_id: Option<i64>,
    created_at: Ts,
}

impl TryFrom<PolicyRow> for GatePolicy {
    type Error = StoreError;
    fn try_from(r: PolicyRow) -> Result<GatePolicy> {
        let area = if r.all_areas {
            PolicyArea::All
        } else {
            let codes = r.gemeentecodes.unwrap_or_default();
            let mut codes: Vec<String> = codes.split(',').map(str::to_string).collect();
            codes.sort();
            PolicyArea::Gemeenten(codes)
        };
        Ok(GatePolicy {
            id: r.id,
            data: NewGatePolicy {
                scope: r
                    .verhuurder_org_id
                    .map_or(PolicyScope::Platform, PolicyScope::Verhuurder),
                area,
                valid_from: r.valid_from,
                valid_to: r.valid_to,
                version_label: r.version_label,
                policy: json(&r.policy, "beleid")?,
                created_by_user_id: r.created_by_user_id,
            },
            created_at: r.created_at.0,
        })
    }
}

/// Converts every row, or reports the first that does not convert.
pub(crate) fn convert<R, T: TryFrom<R, Error = StoreError>>(rows: Vec<R>) -> Result<Vec<T>> {
    rows.into_iter().map(T::try_from).collect()
}
