//! The tenancy world plus what the tenant channel needs: one tenancy of the
//! first verhuurder and one of the other, links by a token number, letters
//! and audit events for the verhuurder and for a tenant (no organisation).

use super::tenancy_world::{by, stored, tenancy, track, Track};
use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;
use vangnet_domain::audit::AuditEvent;
use vangnet_store::tenancy::*;
use vangnet_store::tenant_channel::*;
use vangnet_store::*;

pub struct Channel {
    pub t: Track,
    /// A tenancy of `t.w.corp`.
    pub tenancy: i64,
    /// A tenancy of `t.other`, which `t.w.corp` must never reach.
    pub theirs: i64,
}

impl Channel {
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.t.w.store
    }

    pub fn corp(&self) -> i64 {
        self.t.w.corp
    }

    /// An audit event of the medewerker.
    pub fn staff(&self) -> AuditEvent {
        by(&self.t, self.t.medewerker)
    }

    /// A link of the first verhuurder's tenancy, valid `days` from `at`.
    pub async fn link(&self, token: u64, at: DateTime<Utc>, days: i64) -> TenantLink {
        let new = new_link(self.tenancy, token, at, days);
        let store = self.store();
        store
            .create_link(self.corp(), &new, self.staff())
            .await
            .unwrap()
    }

    /// Actions of the organisation's audit entries, oldest first.
    pub async fn actions(&self, org: i64) -> Vec<String> {
        let entries = self.store().list_audit(OrgScope::Only(org), None, 500);
        let mut actions: Vec<String> = entries
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.event.action)
            .collect();
        actions.reverse();
        actions
    }
}

pub async fn channel(store: Arc<dyn Store>) -> Channel {
    let t = track(store).await;
    let tenancy_id = stored(&t, tenancy("TC-1", "2511AB", Some(t.w.haag))).await;
    let data = [tenancy("TC-THEIRS", "2512CD", Some(t.w.haag))];
    let audit = by(&t, t.outsider);
    let theirs = t.w.store.upsert_tenancies(t.other, &data, audit).await;
    let theirs = theirs.unwrap()[0].tenancy_id();
    Channel {
        t,
        tenancy: tenancy_id,
        theirs,
    }
}

/// A token's stand-in hash: 64 hexadecimal digits from a number.
pub fn hash(token: u64) -> String {
    format!("{token:064x}")
}

pub fn new_link(tenancy_id: i64, token: u64, at: DateTime<Utc>, days: i64) -> NewLink {
    NewLink {
        tenancy_id,
        token_hash: hash(token),
        created_at: at,
        expires_at: at + Duration::days(days),
        created_by_user_id: None,
    }
}

/// A tenant's action: no user, no organisation (the store adds the link's).
pub fn tenant() -> AuditEvent {
    AuditEvent::new("tenant.action", "tenant_link", None).by_label("huurder")
}

pub fn letter(kind: &str, link_id: Option<i64>, html: &str) -> NewLetter {
    NewLetter {
        kind: kind.into(),
        link_id,
        amount_cents: 18_750,
        collection_costs_cents: Some(4_000),
        html: html.into(),
        created_by_user_id: None,
    }
}

pub fn recording(expected_version: Option<i64>) -> EventRecording {
    EventRecording {
        expected_version,
        ..Default::default()
    }
}

/// Now, to the microsecond both databases keep, so it reads back equal.
pub fn now() -> DateTime<Utc> {
    vangnet_domain::audit::truncate_to_micros(Utc::now())
}

pub fn is_not_found<T: std::fmt::Debug>(result: Result<T>) -> bool {
    matches!(result, Err(StoreError::NotFound))
}
