//! The storage contract of the eviction gate, on both backends: the
//! four-eyes override, policies in force by date, area and scope, decisions
//! read back exactly as made, and an audit chain that verifies and names
//! no one.

use std::sync::Arc;
use vangnet_store::tenancy::*;
use vangnet_store::*;

#[macro_use]
mod backends;
use backends::tenancy_world::*;
use backends::world::{cli, date};

contract!(
    an_override_needs_a_second_person,
    policies_in_force_by_date_area_and_scope,
    a_stored_decision_reads_back_identically,
    the_audit_chain_verifies_and_names_no_one,
);

async fn an_override_needs_a_second_person(store: Arc<dyn Store>) {
    let t = track(store).await;
    let s = &t.w.store;
    let id = stored(&t, tenancy("H-1", "2511AB", Some(t.w.haag))).await;
    let blocked = decision(&t, id, "deurwaarder", false).await;
    let d = s
        .record_gate_decision(t.w.corp, &blocked, cli())
        .await
        .unwrap();
    let request = override_of(&t, id, d);
    // Only for a blocked step, that step, with a reason.
    let allowed = decision(&t, id, "deurwaarder", true).await;
    let allowed = s
        .record_gate_decision(t.w.corp, &allowed, cli())
        .await
        .unwrap();
    let wrong_step = NewGateOverride {
        event: event("dagvaarding", "2026-03-16"),
        ..request.clone()
    };
    let no_reason = NewGateOverride {
        reason: "  ".into(),
        ..request.clone()
    };
    let needless = override_of(&t, id, allowed);
    for (bad, field) in [
        (needless, "decision_id"),
        (wrong_step, "event.kind"),
        (no_reason, "reason"),
    ] {
        let error = s
            .request_gate_override(t.w.corp, &bad, cli())
            .await
            .unwrap_err();
        assert_eq!(field_of(&error), field);
    }
    let o = s
        .request_gate_override(t.w.corp, &request, by(&t, t.medewerker))
        .await
        .unwrap();
    let twice = s
        .request_gate_override(t.w.corp, &request, cli())
        .await
        .unwrap_err();
    assert_eq!(field_of(&twice), "step");
    let pending = s
        .gate_overrides(t.w.corp, OverrideFilter::Pending)
        .await
        .unwrap();
    assert_eq!(pending.iter().map(|p| p.id).collect::<Vec<_>>(), [o]);
    assert_eq!(pending[0].event, request.event);
    // The requester cannot approve; nobody outside the verhuurder can.
    let approve =
        |verhuurder, user| s.approve_gate_override(verhuurder, o, user, None, by(&t, user));
    assert_eq!(
        field_of(&approve(t.w.corp, t.medewerker).await.unwrap_err()),
        "reviewer"
    );
    assert!(matches!(
        approve(t.w.corp, t.outsider).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        approve(t.other, t.outsider).await,
        Err(StoreError::NotFound)
    ));
    assert!(s.tenancy_events(t.w.corp, id).await.unwrap().is_empty());
    // A second person: the step is recorded with the approval.
    let recorded = approve(t.w.corp, t.teamleider).await.unwrap();
    let events = s.tenancy_events(t.w.corp, id).await.unwrap();
    assert_eq!(events.len(), 1);
    let step = &events[0];
    assert_eq!((step.id, &step.event), (recorded.event_id, &request.event));
    assert_eq!(
        (step.override_id, step.gate_decision_id),
        (Some(o), Some(d))
    );
    assert_eq!(step.recorded_by_user_id, Some(t.medewerker));
    let all = s
        .gate_overrides(t.w.corp, OverrideFilter::Tenancy(id))
        .await
        .unwrap();
    let approved = &all[0];
    assert_eq!(approved.status, OverrideStatus::Approved);
    assert_eq!(approved.requested_by_user_id, t.medewerker);
    assert_eq!(approved.decided_by_user_id, Some(t.teamleider));
    assert_eq!(
        (approved.event_id, approved.reason.as_str()),
        (Some(recorded.event_id), request.reason.as_str())
    );
    assert!(s
        .gate_overrides(t.w.corp, OverrideFilter::Pending)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        field_of(&approve(t.w.corp, t.teamleider).await.unwrap_err()),
        "status"
    );
    // The audit names both people and vouches for the reason by its digest.
    let entries = s.audit_page(0, 1000).await.unwrap();
    let detail: serde_json::Value = entries
        .iter()
        .map(|e| serde_json::from_str::<serde_json::Value>(&e.event.detail).unwrap())
        .find(|d| d["status"] == "approved")
        .unwrap();
    use sha2::Digest;
    let digest = format!("{:x}", sha2::Sha256::digest(request.reason.as_bytes()));
    assert_eq!(detail["requested_by"], t.medewerker);
    assert_eq!(detail["decided_by"], t.teamleider);
    assert_eq!(detail["reason_sha256"], digest);
    // A rejected override records nothing, and is kept too.
    let blocked = decision(&t, id, "dagvaarding", false).await;
    let d2 = s
        .record_gate_decision(t.w.corp, &blocked, cli())
        .await
        .unwrap();
    let summons = NewGateOverride {
        decision_id: d2,
        event: event("dagvaarding", "2026-03-17"),
        ..request.clone()
    };
    let o2 = s
        .request_gate_override(t.w.corp, &summons, cli())
        .await
        .unwrap();
    s.reject_gate_override(t.w.corp, o2, t.teamleider, by(&t, t.teamleider))
        .await
        .unwrap();
    let all = s
        .gate_overrides(t.w.corp, OverrideFilter::Tenancy(id))
        .await
        .unwrap();
    assert_eq!(
        (all[1].status, all[1].event_id),
        (OverrideStatus::Rejected, None)
    );
    assert_eq!(s.tenancy_events(t.w.corp, id).await.unwrap().len(), 1);
}

async fn policies_in_force_by_date_area_and_scope(store: Arc<dyn Store>) {
    use PolicyScope::{Platform, Verhuurder};
    let t = track(store).await;
    let s = &t.w.store;
    let codes = |c: &[&str]| PolicyArea::Gemeenten(c.iter().map(|c| c.to_string()).collect());
    let declared = [
        policy(Platform, PolicyArea::All, "2026-01-01", None, "platform-1"),
        policy(
            Platform,
            codes(&["0518"]),
            "2026-03-01",
            Some("2026-03-31"),
            "moratorium",
        ),
        policy(
            Verhuurder(t.w.corp),
            PolicyArea::All,
            "2026-02-01",
            None,
            "woonstad-1",
        ),
        policy(
            Verhuurder(t.other),
            codes(&["0603", "0518"]),
            "2026-01-01",
            None,
            "woonstad-1",
        ),
    ];
    let mut ids = Vec::new();
    for p in &declared {
        ids.push(s.create_gate_policy(p, cli()).await.unwrap());
    }
    let in_force = |verhuurder, code: Option<&'static str>, on: &'static str| async move {
        let found = s
            .gate_policies_in_force(verhuurder, code, date(on))
            .await
            .unwrap();
        found.iter().map(|p| p.id).collect::<Vec<_>>()
    };
    let corp = t.w.corp;
    assert_eq!(
        in_force(corp, Some("0518"), "2026-03-15").await,
        [ids[0], ids[1], ids[2]]
    );
    assert_eq!(
        in_force(corp, Some("0603"), "2026-03-15").await,
        [ids[0], ids[2]]
    );
    assert_eq!(in_force(corp, None, "2026-03-15").await, [ids[0], ids[2]]);
    assert_eq!(in_force(corp, Some("0518"), "2026-01-31").await, [ids[0]]);
    assert_eq!(
        in_force(corp, Some("0518"), "2026-03-01").await,
        [ids[0], ids[1], ids[2]]
    );
    assert_eq!(
        in_force(corp, Some("0518"), "2026-03-31").await,
        [ids[0], ids[1], ids[2]]
    );
    assert_eq!(
        in_force(corp, Some("0518"), "2026-04-01").await,
        [ids[0], ids[2]]
    );
    assert_eq!(
        in_force(t.other, Some("0518"), "2026-03-02").await,
        [ids[0], ids[1], ids[3]]
    );
    assert_eq!(
        in_force(corp, Some("0518"), "2025-12-31").await,
        Vec::<i64>::new()
    );
    // Read back as declared, the scope's own only, newest first.
    let platform = s.gate_policies(Platform).await.unwrap();
    assert_eq!(
        platform.iter().map(|p| &p.data).collect::<Vec<_>>(),
        [&declared[1], &declared[0]]
    );
    let theirs = s.gate_policies(Verhuurder(t.other)).await.unwrap();
    assert_eq!(theirs[0].data.area, codes(&["0518", "0603"]));
    // The moratorium is lifted early; it can only end earlier, not later.
    s.end_gate_policy(Platform, ids[1], date("2026-03-10"), cli())
        .await
        .unwrap();
    assert_eq!(
        in_force(corp, Some("0518"), "2026-03-10").await,
        [ids[0], ids[1], ids[2]]
    );
    assert_eq!(
        in_force(corp, Some("0518"), "2026-03-11").await,
        [ids[0], ids[2]]
    );
    for day in ["2026-03-20", "2026-02-28"] {
        let error = s
            .end_gate_policy(Platform, ids[1], date(day), cli())
            .await
            .unwrap_err();
        assert_eq!(field_of(&error), "valid_to");
    }
    let foreign = s
        .end_gate_policy(Verhuurder(corp), ids[1], date("2026-03-05"), cli())
        .await;
    assert!(matches!(foreign, Err(StoreError::NotFound)));
    // Labels are unique within a scope; areas are real gemeentecodes.
    let again = s.create_gate_policy(&declared[0], cli()).await.unwrap_err();
    assert_eq!(field_of(&again), "version_label");
    for area in [codes(&[]), codes(&["518"])] {
        let bad = policy(Platform, area, "2026-01-01", None, "bad");
        assert_eq!(
            field_of(&s.create_gate_policy(&bad, cli()).await.unwrap_err()),
            "area"
        );
    }
}

async fn a_stored_decision_reads_back_identically(store: Arc<dyn Store>) {
    let t = track(store).await;
    let s = &t.w.store;
    let id = stored(&t, tenancy("H-1", "2511AB", Some(t.w.haag))).await;
    let p = policy(
        PolicyScope::Platform,
        PolicyArea::All,
        "2026-01-01",
        None,
        "platform-1",
    );
    let policy_id = s.create_gate_policy(&p, cli()).await.unwrap();
    record(&t, id, &event("herinnering", "2026-02-01"))
        .await
        .unwrap();
    let facts = s
        .gate_facts(t.w.corp, id, date("2026-03-16"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!((facts.tenancy.version, facts.events.len()), (2, 1));
    assert_eq!(facts.tenancy.data.gemeentecode.as_deref(), Some("0518"));
    assert_eq!(facts.tenancy.data.grounds, "huurachterstand");
    assert_eq!(
        facts.policies.iter().map(|p| p.id).collect::<Vec<_>>(),
        [policy_id]
    );
    let mut new = decision(&t, id, "ontruiming_gepland", false).await;
    new.planned_date = Some(date("2026-05-01"));
    let d = s.record_gate_decision(t.w.corp, &new, cli()).await.unwrap();
    let read = s.gate_decision(t.w.corp, d).await.unwrap().unwrap();
    assert_eq!(read.data, new);
    assert_eq!(read.data.reasons.to_string(), new.reasons.to_string());
    assert_eq!(s.gate_decisions(t.w.corp, id).await.unwrap(), [read]);
    // Facts changed since: the decision must be made again.
    record(&t, id, &event("aanmaning", "2026-03-01"))
        .await
        .unwrap();
    let stale = s
        .record_gate_decision(t.w.corp, &new, cli())
        .await
        .unwrap_err();
    assert_eq!(field_of(&stale), "version");
    // Not even the database's owner changes a decision after the fact.
    let sql = "UPDATE gate_decisions SET allowed = TRUE";
    let error = match s.backend() {
        "sqlite" => {
            let raw: &SqliteStore = s.as_any().downcast_ref().unwrap();
            sqlx::query(sql).execute(raw.pool()).await.map(|_| ())
        }
        _ => {
            let raw: &PgStore = s.as_any().downcast_ref().unwrap();
            sqlx::query(sql).execute(raw.pool()).await.map(|_| ())
        }
    };
    assert!(error
        .unwrap_err()
        .to_string()
        .contains("kept as it was made"));
}

async fn the_audit_chain_verifies_and_names_no_one(store: Arc<dyn Store>) {
    let t = track(store).await;
    let s = &t.w.store;
    let id = stored(&t, tenancy("H-1", "2511AB", Some(t.w.haag))).await;
    let due = [entry(LedgerKind::Due, "2026-01-01", 75_000, Some("R1"))];
    s.add_ledger_entries(t.w.corp, id, &due, by(&t, t.medewerker))
        .await
        .unwrap();
    record(&t, id, &aimed_at(MELDING_KIND, "2026-03-02", "2026-04-15"))
        .await
        .unwrap();
    let blocked = decision(&t, id, "deurwaarder", false).await;
    let d = s
        .record_gate_decision(t.w.corp, &blocked, cli())
        .await
        .unwrap();
    let request = override_of(&t, id, d);
    let o = s
        .request_gate_override(t.w.corp, &request, by(&t, t.medewerker))
        .await
        .unwrap();
    s.approve_gate_override(t.w.corp, o, t.teamleider, None, by(&t, t.teamleider))
        .await
        .unwrap();
    let p = policy(
        PolicyScope::Platform,
        PolicyArea::All,
        "2026-01-01",
        None,
        "platform-1",
    );
    let policy_id = s.create_gate_policy(&p, cli()).await.unwrap();
    s.end_gate_policy(PolicyScope::Platform, policy_id, date("2026-06-30"), cli())
        .await
        .unwrap();
    let checked = verify_audit(s.as_ref()).await.unwrap().unwrap();
    let entries = s.audit_page(0, 1000).await.unwrap();
    assert_eq!(checked, entries.len() as u64);
    let tenancy_entries = entries
        .iter()
        .filter(|e| e.event.action == "tenancy.test")
        .count();
    assert_eq!(
        tenancy_entries, 5,
        "upsert, ledger, melding, override request and approval"
    );
    for entry in &entries {
        let text = serde_json::to_string(entry).unwrap();
        for personal in ["Bakker", "Lijnbaan", "2511AB", "dossier"] {
            assert!(!text.contains(personal), "{personal} in {text}");
        }
    }
}
