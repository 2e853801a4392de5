//! The shared world plus what the eviction track needs: a second
//! verhuurder, a medewerker and a teamleider of the first, and builders for
//! tenancies, events and gate decisions.

use super::world::{cli, date, world, World};
use std::sync::Arc;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::org::NewOrg;
use vangnet_domain::signal::Address;
use vangnet_domain::user::NewUser;
use vangnet_store::tenancy::*;
use vangnet_store::*;

pub struct Track {
    pub w: World,
    /// Another verhuurder, who must see nothing of `w.corp`'s.
    pub other: i64,
    pub medewerker: i64,
    pub teamleider: i64,
    /// A user of the other verhuurder.
    pub outsider: i64,
}

pub async fn track(store: Arc<dyn Store>) -> Track {
    let w = world(store).await;
    let new = NewOrg::parse("stadswonen", "Stadswonen", "verhuurder", None, None).unwrap();
    let other = w.store.create_org(&new, cli()).await.unwrap();
    let mut users = Vec::new();
    for (email, role, org) in [
        ("mw@woonstad.example", "medewerker", w.corp),
        ("tl@woonstad.example", "teamleider", w.corp),
        ("tl@stadswonen.example", "teamleider", other.id),
    ] {
        let new = NewUser::parse(email, "Gebruiker", role, other.kind).unwrap();
        let user = w.store.create_user(org, &new, "x", cli()).await.unwrap();
        users.push(user.id);
    }
    Track {
        other: other.id,
        medewerker: users[0],
        teamleider: users[1],
        outsider: users[2],
        w,
    }
}

/// A Den Haag tenancy of "Pieter Bakker", routed to `gemeente`.
pub fn tenancy(reference: &str, postcode: &str, gemeente: Option<i64>) -> TenancyData {
    TenancyData {
        reference: reference.into(),
        tenants: vec!["Pieter Bakker".into(), "Anna Bakker-de Vries".into()],
        address: Address {
            street: Some("Lijnbaan".into()),
            house_number: 12,
            addition: Some("A".into()),
            postcode: postcode.into(),
            city: Some("Den Haag".into()),
        },
        gemeente_org_id: gemeente,
        gemeentecode: gemeente.map(|_| "0518".into()),
        grounds: DEFAULT_GROUNDS.into(),
        monthly_rent_cents: 75_000,
        start_date: date("2019-05-01"),
    }
}

/// Stores one tenancy for the first verhuurder and returns its id.
pub async fn stored(t: &Track, data: TenancyData) -> i64 {
    let outcome =
        t.w.store
            .upsert_tenancies(t.w.corp, &[data], by(t, t.medewerker))
            .await
            .unwrap();
    outcome[0].tenancy_id()
}

/// The audit event of a user of the first verhuurder.
pub fn by(t: &Track, user: i64) -> AuditEvent {
    AuditEvent::new("tenancy.test", "tenancy", None).by_user(user, t.w.corp)
}

pub fn event(kind: &str, on: &str) -> NewTenancyEvent {
    NewTenancyEvent {
        kind: kind.into(),
        on_date: date(on),
        target_date: None,
        details: serde_json::json!({}),
        document: None,
    }
}

pub fn aimed_at(kind: &str, on: &str, target: &str) -> NewTenancyEvent {
    NewTenancyEvent {
        target_date: Some(date(target)),
        ..event(kind, on)
    }
}

/// Records a step by the medewerker, with no gate in between.
pub async fn record(t: &Track, tenancy_id: i64, e: &NewTenancyEvent) -> Result<RecordedEvent> {
    let recording = EventRecording {
        recorded_by_user_id: Some(t.medewerker),
        ..Default::default()
    };
    t.w.store
        .record_tenancy_event(t.w.corp, tenancy_id, e, &recording, by(t, t.medewerker))
        .await
}

/// A gate decision on the tenancy's current version, as the domain might
/// give it.
pub async fn decision(t: &Track, tenancy_id: i64, step: &str, allowed: bool) -> NewGateDecision {
    let version =
        t.w.store
            .tenancy(t.w.corp, tenancy_id)
            .await
            .unwrap()
            .unwrap()
            .version;
    NewGateDecision {
        tenancy_id,
        tenancy_version: version,
        step: step.into(),
        evaluated_on: date("2026-03-16"),
        planned_date: None,
        allowed,
        reasons: serde_json::json!([
            {"rule": "huisbezoek", "met": allowed, "message": "Er is een huisbezoek geprobeerd – €\u{a0}0"},
            {"rule": "achterstand", "met": true, "message": "De achterstand is 3 maanden huur"},
        ]),
        policy_version: "platform-2026.1".into(),
        decided_by_user_id: Some(t.medewerker),
    }
}

/// The field a refusal names.
pub fn field_of(error: &StoreError) -> String {
    match error {
        StoreError::Invalid(invalid) => invalid.errors[0].field.clone(),
        StoreError::Conflict { field, .. } => field.clone(),
        other => panic!("expected a field error, got {other:?}"),
    }
}

/// An override of a blocked `deurwaarder`, asked by the medewerker.
pub fn override_of(t: &Track, tenancy_id: i64, decision_id: i64) -> NewGateOverride {
    NewGateOverride {
        tenancy_id,
        decision_id,
        event: event("deurwaarder", "2026-03-16"),
        reason: "Huurder P. Bakker weigert elk contact, zie dossier".into(),
        requested_by_user_id: t.medewerker,
    }
}

pub fn entry(kind: LedgerKind, on: &str, cents: i64, reference: Option<&str>) -> NewLedgerEntry {
    NewLedgerEntry {
        kind,
        on_date: date(on),
        amount_cents: cents,
        description: Some("Huur".into()),
        reference: reference.map(str::to_string),
    }
}

pub fn policy(
    scope: PolicyScope,
    area: PolicyArea,
    from: &str,
    to: Option<&str>,
    label: &str,
) -> NewGatePolicy {
    NewGatePolicy {
        scope,
        area,
        valid_from: date(from),
        valid_to: to.map(date),
        version_label: label.into(),
        policy: serde_json::json!({"receipt_days": 2, "label": label}),
        created_by_user_id: None,
    }
}
