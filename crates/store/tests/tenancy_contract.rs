//! The storage contract of tenancies, on both backends: idempotent by
//! reference and scoped to their verhuurder, the ledger's arithmetic, steps
//! in date order with versions, and the art. 14 melding that notifies the
//! gemeente and puts the household's case first. The gate's records are in
//! `gate_contract.rs`.

use std::sync::Arc;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::casework::priority::PriorityWeights;
use vangnet_domain::routing::Route;
use vangnet_store::casework::{CaseOwner, QueueFilter};
use vangnet_store::tenancy::*;
use vangnet_store::*;

#[macro_use]
mod backends;
use backends::tenancy_world::*;
use backends::world::{cli, date, import, signal};

contract!(
    an_upsert_is_idempotent_by_reference,
    another_verhuurder_sees_nothing,
    the_ledger_gives_arrears_and_whole_months,
    steps_come_in_date_order_and_set_the_stage,
    the_melding_notifies_the_gemeente_and_opens_a_case,
    the_melding_puts_the_households_case_first,
);

async fn an_upsert_is_idempotent_by_reference(store: Arc<dyn Store>) {
    let t = track(store).await;
    let s = &t.w.store;
    let haag = Some(t.w.haag);
    let batch = vec![
        tenancy("H-2", "2511AB", haag),
        tenancy("H-1", "2512CD", haag),
    ];
    let first = s.upsert_tenancies(t.w.corp, &batch, cli()).await.unwrap();
    assert!(first
        .iter()
        .all(|o| matches!(o, TenancyOutcome::Created { .. })));
    let ids: Vec<i64> = first.iter().map(|o| o.tenancy_id()).collect();
    let again = s.upsert_tenancies(t.w.corp, &batch, cli()).await.unwrap();
    let unchanged = ids
        .iter()
        .map(|&tenancy_id| TenancyOutcome::Unchanged { tenancy_id });
    assert_eq!(again, unchanged.collect::<Vec<_>>());
    let mut changed = batch.clone();
    changed[0].monthly_rent_cents = 80_000;
    changed[0].tenants.pop();
    let third = s.upsert_tenancies(t.w.corp, &changed, cli()).await.unwrap();
    assert_eq!(third[0], TenancyOutcome::Updated { tenancy_id: ids[0] });
    assert_eq!(third[1], TenancyOutcome::Unchanged { tenancy_id: ids[1] });
    let stored = s.tenancy(t.w.corp, ids[0]).await.unwrap().unwrap();
    assert_eq!(stored.data, changed[0]);
    assert_eq!(
        (stored.version, stored.household_key.as_str()),
        (2, "2511AB|12|A")
    );
    // Within one batch, a repeat is compared with the row just written.
    let twice = [
        tenancy("H-3", "2513EF", haag),
        tenancy("H-3", "2513EF", haag),
    ];
    let outcomes = s.upsert_tenancies(t.w.corp, &twice, cli()).await.unwrap();
    assert!(matches!(outcomes[1], TenancyOutcome::Unchanged { .. }));
    // The same reference at another verhuurder is another tenancy.
    let theirs = s
        .upsert_tenancies(t.other, &batch[..1], cli())
        .await
        .unwrap();
    assert!(matches!(theirs[0], TenancyOutcome::Created { tenancy_id } if tenancy_id != ids[0]));
    let list = s.tenancies(t.w.corp, Page::first(10)).await.unwrap();
    let references: Vec<&str> = list.iter().map(|t| t.data.reference.as_str()).collect();
    assert_eq!(references, ["H-1", "H-2", "H-3"]);
    let page = s
        .tenancies(
            t.w.corp,
            Page {
                limit: 1,
                offset: 1,
            },
        )
        .await
        .unwrap();
    assert_eq!(page[0].id, ids[0]);
    let found = s
        .tenancy_by_reference(t.w.corp, "H-1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, ids[1]);
}

async fn another_verhuurder_sees_nothing(store: Arc<dyn Store>) {
    let t = track(store).await;
    let s = &t.w.store;
    let id = stored(&t, tenancy("H-1", "2511AB", Some(t.w.haag))).await;
    record(&t, id, &event("herinnering", "2026-01-05"))
        .await
        .unwrap();
    let blocked = decision(&t, id, "deurwaarder", false).await;
    let d = s
        .record_gate_decision(t.w.corp, &blocked, cli())
        .await
        .unwrap();
    let o = t.other;
    assert!(s.tenancy(o, id).await.unwrap().is_none());
    assert!(s.tenancy_by_reference(o, "H-1").await.unwrap().is_none());
    assert!(s.tenancies(o, Page::first(10)).await.unwrap().is_empty());
    assert!(s.ledger(o, id).await.unwrap().is_empty());
    assert!(s.tenancy_events(o, id).await.unwrap().is_empty());
    assert!(s
        .gate_facts(o, id, date("2026-03-16"))
        .await
        .unwrap()
        .is_none());
    assert!(s.gate_decision(o, d).await.unwrap().is_none());
    assert!(s.gate_decisions(o, id).await.unwrap().is_empty());
    assert!(s
        .gate_overrides(o, OverrideFilter::Tenancy(id))
        .await
        .unwrap()
        .is_empty());
    // Writing to it is "not found", and writes nothing.
    let theirs = || AuditEvent::new("tenancy.test", "tenancy", None).by_user(t.outsider, o);
    let entry = NewLedgerEntry {
        kind: LedgerKind::Payment,
        on_date: date("2026-02-01"),
        amount_cents: 100,
        description: None,
        reference: None,
    };
    let results = [
        s.add_ledger_entries(o, id, &[entry], theirs())
            .await
            .map(|_| ()),
        record_as(&t, o, id).await.map(|_| ()),
        s.record_gate_decision(o, &blocked, theirs())
            .await
            .map(|_| ()),
        s.request_gate_override(o, &override_of(&t, id, d), theirs())
            .await
            .map(|_| ()),
    ];
    for result in results {
        assert!(matches!(result, Err(StoreError::NotFound)), "{result:?}");
    }
    assert_eq!(s.tenancy_events(t.w.corp, id).await.unwrap().len(), 1);
    assert_eq!(s.tenancy(t.w.corp, id).await.unwrap().unwrap().version, 2);
}

async fn record_as(t: &Track, verhuurder: i64, id: i64) -> Result<RecordedEvent> {
    let audit = AuditEvent::new("tenancy.test", "tenancy", None).by_user(t.outsider, verhuurder);
    let e = event("aanmaning", "2026-02-01");
    let recording = EventRecording::default();
    t.w.store
        .record_tenancy_event(verhuurder, id, &e, &recording, audit)
        .await
}

async fn the_ledger_gives_arrears_and_whole_months(store: Arc<dyn Store>) {
    use LedgerKind::{Due, Payment};
    let t = track(store).await;
    let s = &t.w.store;
    let id = stored(&t, tenancy("H-1", "2511AB", Some(t.w.haag))).await;
    let arrears = |a: i64, m: i64| Arrears {
        arrears_cents: a,
        months_in_arrears: m,
    };
    let balance = || async { s.tenancy(t.w.corp, id).await.unwrap().unwrap() };
    assert_eq!(balance().await.arrears, arrears(0, 0));
    let entries = [
        entry(Due, "2026-02-01", 75_000, Some("R2")),
        entry(Due, "2026-01-01", 75_000, Some("R1")),
        entry(Payment, "2026-02-10", 25_000, Some("B1")),
        entry(Due, "2026-03-01", 75_000, None),
    ];
    let added = s
        .add_ledger_entries(t.w.corp, id, &entries, cli())
        .await
        .unwrap();
    assert!(added
        .iter()
        .all(|o| matches!(o, LedgerOutcome::Added { .. })));
    // 200 000 is 2.67 months of 75 000: two whole months.
    let after = balance().await;
    assert_eq!((after.arrears, after.version), (arrears(200_000, 2), 2));
    // Sent again by reference: nothing added, the version stays.
    let again = s
        .add_ledger_entries(t.w.corp, id, &entries[..3], cli())
        .await
        .unwrap();
    assert_eq!(again, vec![LedgerOutcome::Duplicate; 3]);
    assert_eq!(balance().await.version, 2);
    let ledger = s.ledger(t.w.corp, id).await.unwrap();
    let dates: Vec<String> = ledger.iter().map(|l| l.entry.on_date.to_string()).collect();
    assert_eq!(
        dates,
        ["2026-01-01", "2026-02-01", "2026-02-10", "2026-03-01"]
    );
    assert_eq!(ledger[0].entry, entries[1]);
    // Paid off, then in credit: no months in arrears.
    let pay = |cents, on| [entry(Payment, on, cents, None)];
    s.add_ledger_entries(t.w.corp, id, &pay(200_000, "2026-03-05"), cli())
        .await
        .unwrap();
    assert_eq!(balance().await.arrears, arrears(0, 0));
    s.add_ledger_entries(t.w.corp, id, &pay(10_000, "2026-03-06"), cli())
        .await
        .unwrap();
    assert_eq!(balance().await.arrears, arrears(-10_000, 0));
    // Exactly three months.
    let due = [entry(Due, "2026-04-01", 235_000, None)];
    s.add_ledger_entries(t.w.corp, id, &due, cli())
        .await
        .unwrap();
    assert_eq!(balance().await.arrears, arrears(225_000, 3));
    let listed = s.tenancies(t.w.corp, Page::first(10)).await.unwrap();
    assert_eq!(listed[0].arrears, arrears(225_000, 3));
}

async fn steps_come_in_date_order_and_set_the_stage(store: Arc<dyn Store>) {
    let t = track(store).await;
    let s = &t.w.store;
    let id = stored(&t, tenancy("H-1", "2511AB", Some(t.w.haag))).await;
    assert_eq!(
        record(&t, id, &event("herinnering", "2026-02-01"))
            .await
            .unwrap()
            .version,
        2
    );
    let mut letter = event("veertiendagenbrief", "2026-02-10");
    letter.details = serde_json::json!({"receipt_days": 2});
    letter.document = Some(DocumentRef {
        name: "veertiendagenbrief.pdf".into(),
        sha256: "ab".repeat(32),
    });
    record(&t, id, &letter).await.unwrap();
    let mut unhashed = letter.clone();
    unhashed.document.as_mut().unwrap().sha256 = "AB".repeat(32);
    let refused = record(&t, id, &unhashed).await.unwrap_err();
    assert_eq!(field_of(&refused), "document");
    // Entered later, dated earlier; not a stage of the track.
    let mut visit = event("contactpoging", "2026-01-15");
    visit.details = serde_json::json!({"soort": "Huisbezoek", "bereikt": false});
    assert_eq!(record(&t, id, &visit).await.unwrap().version, 4);
    let events = s.tenancy_events(t.w.corp, id).await.unwrap();
    let kinds: Vec<&str> = events.iter().map(|e| e.event.kind.as_str()).collect();
    assert_eq!(
        kinds,
        ["contactpoging", "herinnering", "veertiendagenbrief"]
    );
    assert_eq!((&events[0].event, &events[2].event), (&visit, &letter));
    assert_eq!(events[1].recorded_by_user_id, Some(t.medewerker));
    assert_eq!(events[1].recorded_by_name.as_deref(), Some("Gebruiker"));
    let tenancy = s.tenancy(t.w.corp, id).await.unwrap().unwrap();
    assert_eq!(tenancy.stage.as_deref(), Some("veertiendagenbrief"));
    // Decided on version 2, now at 4: a conflict, and nothing recorded.
    let aanmaning = event("aanmaning", "2026-03-01");
    let on = |version| EventRecording {
        expected_version: Some(version),
        ..Default::default()
    };
    let stale = s
        .record_tenancy_event(t.w.corp, id, &aanmaning, &on(2), cli())
        .await;
    assert_eq!(field_of(&stale.unwrap_err()), "version");
    let fresh = s
        .record_tenancy_event(t.w.corp, id, &aanmaning, &on(4), cli())
        .await;
    assert_eq!(fresh.unwrap().version, 5);
    // A step taken on a gate decision must be the step it allowed.
    let blocked = decision(&t, id, "dagvaarding", false).await;
    let blocked = s
        .record_gate_decision(t.w.corp, &blocked, cli())
        .await
        .unwrap();
    let allowed = decision(&t, id, "deurwaarder", true).await;
    let allowed = s
        .record_gate_decision(t.w.corp, &allowed, cli())
        .await
        .unwrap();
    let on_decision = |d| EventRecording {
        gate_decision_id: Some(d),
        ..Default::default()
    };
    for (kind, d) in [("dagvaarding", blocked), ("dagvaarding", allowed)] {
        let result = s
            .record_tenancy_event(
                t.w.corp,
                id,
                &event(kind, "2026-03-16"),
                &on_decision(d),
                cli(),
            )
            .await;
        assert_eq!(field_of(&result.unwrap_err()), "gate_decision_id");
    }
    let bailiff = event("deurwaarder", "2026-03-16");
    s.record_tenancy_event(t.w.corp, id, &bailiff, &on_decision(allowed), cli())
        .await
        .unwrap();
    let events = s.tenancy_events(t.w.corp, id).await.unwrap();
    assert_eq!(events.last().unwrap().gate_decision_id, Some(allowed));
    let tenancy = s.tenancy(t.w.corp, id).await.unwrap().unwrap();
    assert_eq!(tenancy.stage.as_deref(), Some("deurwaarder"));
}

async fn the_melding_notifies_the_gemeente_and_opens_a_case(store: Arc<dyn Store>) {
    let t = track(store).await;
    let s = &t.w.store;
    let id = stored(&t, tenancy("H-1", "2511AB", Some(t.w.haag))).await;
    let undated = record(&t, id, &event(MELDING_KIND, "2026-03-02")).await;
    assert_eq!(field_of(&undated.unwrap_err()), "target_date");
    let melding = aimed_at(MELDING_KIND, "2026-03-02", "2026-04-15");
    let link = record(&t, id, &melding).await.unwrap().notice.unwrap();
    assert!(link.case_opened);
    assert!(s
        .eviction_notices(t.w.rijswijk, Page::first(10))
        .await
        .unwrap()
        .is_empty());
    let notices = s.eviction_notices(t.w.haag, Page::first(10)).await.unwrap();
    let notice = &notices[0];
    assert_eq!(
        (notices.len(), notice.id, notice.case_id),
        (1, link.notice_id, link.case_id)
    );
    assert_eq!(
        (notice.notified_on, notice.intended_date),
        (date("2026-03-02"), date("2026-04-15"))
    );
    assert_eq!(
        (notice.verhuurder_org_id, notice.verhuurder_name.as_str()),
        (t.w.corp, "woonstad")
    );
    let data = tenancy("H-1", "2511AB", Some(t.w.haag));
    assert_eq!(
        (&notice.address, &notice.tenants),
        (&data.address, &data.tenants)
    );
    assert_eq!(notice.planned_date, None);
    // The gemeente's queue has the household's new case, which says why.
    let haag = CaseOwner::Gemeente(t.w.haag);
    let queue = s
        .case_queue(haag, &QueueFilter::default(), Page::first(10))
        .await
        .unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(
        (queue[0].id, queue[0].household_key.as_str()),
        (link.case_id, "2511AB|12|A")
    );
    let work = s.case_work(haag, link.case_id).await.unwrap().unwrap();
    assert_eq!(work.events[0].kind, MELDING_KIND);
    assert!(
        work.events[0].summary.contains("15-04-2026"),
        "{}",
        work.events[0].summary
    );
    // Planning the eviction shows its date to the gemeente.
    let undated = record(&t, id, &event(PLANNED_KIND, "2026-03-20")).await;
    assert_eq!(field_of(&undated.unwrap_err()), "target_date");
    let planned = aimed_at(PLANNED_KIND, "2026-03-20", "2026-04-16");
    assert_eq!(record(&t, id, &planned).await.unwrap().notice, None);
    let notices = s.eviction_notices(t.w.haag, Page::first(10)).await.unwrap();
    assert_eq!(notices[0].planned_date, Some(date("2026-04-16")));
    // No gemeente serves the address: vangnet refuses rather than pretend.
    let lost = stored(&t, tenancy("H-9", "9999ZZ", None)).await;
    let refused = record(&t, lost, &melding).await.unwrap_err();
    assert_eq!(field_of(&refused), "gemeente");
    assert!(s.tenancy_events(t.w.corp, lost).await.unwrap().is_empty());
}

async fn the_melding_puts_the_households_case_first(store: Arc<dyn Store>) {
    let t = track(store).await;
    let s = &t.w.store;
    let haag = CaseOwner::Gemeente(t.w.haag);
    let mut crisis = signal("K1", "2599ZZ", 3, Route::Gemeente(t.w.haag));
    crisis.crisis = true;
    let ours = signal("K2", "2511AB", 12, Route::Gemeente(t.w.haag));
    for s_ in [crisis, ours] {
        s.store_signals(import(&t.w, t.w.corp).await, t.w.corp, &[s_])
            .await
            .unwrap();
    }
    let weights = PriorityWeights::default();
    s.refresh_priorities(t.w.haag, &weights).await.unwrap();
    let queue = || async {
        s.case_queue(haag, &QueueFilter::default(), Page::first(10))
            .await
            .unwrap()
    };
    let before = queue().await;
    assert_eq!(
        before[0].household_key, "2599ZZ|3|",
        "the crisis comes first"
    );
    let case_id = before[1].id;
    let mut data = tenancy("H-1", "2511AB", Some(t.w.haag));
    data.address.addition = None;
    let id = stored(&t, data).await;
    let melding = aimed_at(MELDING_KIND, "2026-03-02", "2026-04-15");
    let link = record(&t, id, &melding).await.unwrap().notice.unwrap();
    assert_eq!((link.case_id, link.case_opened), (case_id, false));
    let waiting = queue().await;
    assert_eq!(
        waiting.iter().find(|r| r.id == case_id).unwrap().priority,
        None
    );
    s.refresh_priorities(t.w.haag, &weights).await.unwrap();
    assert_eq!(queue().await[0].id, case_id, "an eviction date comes first");
}
