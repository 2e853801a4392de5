//! The storage contract of the tenant's channel (issue 9), on both
//! backends: links regenerate and revoke, throttle and lock, and confirm
//! once; a letter and its tenancy event land together or not at all.
//! Another verhuurder gets "not found" everywhere, and every change is
//! audited. The work list and settings are in
//! `tenant_channel_responses_contract.rs`, the response rates and the purge
//! in `tenant_channel_rates_contract.rs`.

use chrono::Duration;
use std::sync::Arc;
use vangnet_store::tenant_channel::*;
use vangnet_store::*;

#[macro_use]
mod backends;
use backends::channel_world::*;
use backends::tenancy_world::{event, field_of};
use backends::world::cli;

contract!(
    links_regenerate_revoke_and_stay_with_their_verhuurder,
    wrong_checks_lock_and_a_link_is_opened_once,
    a_letter_and_its_event_land_together_or_not_at_all,
);

async fn links_regenerate_revoke_and_stay_with_their_verhuurder(store: Arc<dyn Store>) {
    let c = channel(store).await;
    let s = c.store();
    let now = now();
    let audit_before = c.actions(c.corp()).await.len();
    let first = c.link(1, now, 60).await;
    assert_eq!(
        (first.tenancy_id, first.verhuurder_org_id),
        (c.tenancy, c.corp())
    );
    assert_eq!(first.expires_at, first.created_at + Duration::days(60));
    assert!(first.is_usable(now) && first.confirmed_at.is_none());
    let found = s.link_by_token_hash(&hash(1)).await.unwrap().unwrap();
    assert_eq!(found, first);
    assert_eq!(s.link_by_token_hash(&hash(99)).await.unwrap(), None);
    // Regenerating revokes the earlier link in the same transaction.
    let second = c.link(2, now, 60).await;
    let links = s.links_of_tenancy(c.corp(), c.tenancy).await.unwrap();
    assert_eq!(
        links.iter().map(|l| l.id).collect::<Vec<_>>(),
        [second.id, first.id]
    );
    assert_eq!(links[1].revoked_at, Some(now));
    assert!(links[0].revoked_at.is_none());
    // The same hash twice is refused by the database.
    let again = new_link(c.tenancy, 2, now, 60);
    let refused = s.create_link(c.corp(), &again, c.staff()).await;
    assert!(
        matches!(refused, Err(StoreError::Conflict { .. })),
        "{refused:?}"
    );
    // Another verhuurder reaches nothing of it, and cannot link to it.
    assert!(s
        .links_of_tenancy(c.t.other, c.tenancy)
        .await
        .unwrap()
        .is_empty());
    assert!(is_not_found(
        s.revoke_link(c.t.other, second.id, now, cli()).await
    ));
    let stolen = new_link(c.tenancy, 3, now, 60);
    assert!(is_not_found(s.create_link(c.t.other, &stolen, cli()).await));
    let theirs = new_link(c.theirs, 4, now, 60);
    assert!(is_not_found(s.create_link(c.corp(), &theirs, cli()).await));
    let bad = NewLink {
        token_hash: "geen-hash".into(),
        ..new_link(c.tenancy, 5, now, 60)
    };
    let invalid = s.create_link(c.corp(), &bad, cli()).await.unwrap_err();
    assert_eq!(field_of(&invalid), "token_hash");
    // Revoking twice keeps the first moment.
    let later = now + Duration::hours(1);
    let revoked = s
        .revoke_link(c.corp(), second.id, now, c.staff())
        .await
        .unwrap();
    let twice = s
        .revoke_link(c.corp(), second.id, later, c.staff())
        .await
        .unwrap();
    assert_eq!(
        (revoked.revoked_at, twice.revoked_at),
        (Some(now), Some(now))
    );
    assert!(!twice.is_usable(now));
    // Two links and two revocations; nothing refused left an entry.
    assert_eq!(c.actions(c.corp()).await.len(), audit_before + 4);
    let created = s.list_audit(OrgScope::Only(c.corp()), None, 1).await;
    let created = created.unwrap();
    let newest = &created[0].event;
    assert_eq!(
        newest.object_id.as_deref(),
        Some(second.id.to_string().as_str())
    );
    assert!(
        newest.detail.contains(r#""revoked":true"#),
        "{}",
        newest.detail
    );
}

async fn wrong_checks_lock_and_a_link_is_opened_once(store: Arc<dyn Store>) {
    let c = channel(store).await;
    let s = c.store();
    let now = now();
    let link = c.link(1, now - Duration::minutes(5), 60).await;
    let t1 = now - Duration::minutes(4);
    let t2 = now - Duration::minutes(3);
    let once = s
        .record_failed_check(link.id, t1, false, tenant())
        .await
        .unwrap();
    assert_eq!(
        (once.failed_attempts, once.last_failed_at, once.locked_at),
        (1, Some(t1), None)
    );
    let locked = s
        .record_failed_check(link.id, t2, true, tenant())
        .await
        .unwrap();
    assert_eq!((locked.failed_attempts, locked.locked_at), (2, Some(t2)));
    // A locked link is used no more, and says so.
    let refused = s
        .record_link_use(link.id, now, true, tenant())
        .await
        .unwrap_err();
    assert_eq!(field_of(&refused), "link");
    let unknown = s
        .record_failed_check(link.id + 100, now, false, tenant())
        .await;
    assert!(is_not_found(unknown));
    // A fresh link: a right answer ends a run of wrong ones; the first
    // confirmation stays, the last use moves on.
    let fresh = c.link(2, now - Duration::minutes(5), 60).await;
    s.record_failed_check(fresh.id, t1 - Duration::seconds(30), false, tenant())
        .await
        .unwrap();
    let opened = s
        .record_link_use(fresh.id, t1, true, tenant())
        .await
        .unwrap();
    let used = s
        .record_link_use(fresh.id, t2, true, tenant())
        .await
        .unwrap();
    assert_eq!(
        (opened.confirmed_at, opened.last_used_at),
        (Some(t1), Some(t1))
    );
    assert_eq!((opened.failed_attempts, opened.last_failed_at), (0, None));
    assert_eq!((used.confirmed_at, used.last_used_at), (Some(t1), Some(t2)));
    // Past its expiry the link is refused, even with a live row.
    let after = fresh.expires_at + Duration::seconds(1);
    let expired = s
        .record_link_use(fresh.id, after, false, tenant())
        .await
        .unwrap_err();
    assert_eq!(field_of(&expired), "link");
    // The tenant's entries belong to the link's verhuurder.
    let actions = c.actions(c.corp()).await;
    assert_eq!(actions.iter().filter(|a| *a == "tenant.action").count(), 5);
    assert!(c
        .actions(c.t.other)
        .await
        .iter()
        .all(|a| a != "tenant.action"));
}

async fn a_letter_and_its_event_land_together_or_not_at_all(store: Arc<dyn Store>) {
    let c = channel(store).await;
    let s = c.store();
    let link = c.link(1, now(), 60).await;
    let version = s
        .tenancy(c.corp(), c.tenancy)
        .await
        .unwrap()
        .unwrap()
        .version;
    let reminder = event("herinnering", "2026-03-02");
    let letter_in = letter("herinnering", Some(link.id), "<p>Beste P. Bakker</p>");
    let done = s
        .record_letter(
            c.corp(),
            c.tenancy,
            &letter_in,
            &reminder,
            &recording(Some(version)),
            c.staff(),
        )
        .await
        .unwrap();
    assert_eq!(done.event.version, version + 1);
    let events = s.tenancy_events(c.corp(), c.tenancy).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(
        (events[0].id, events[0].event.kind.as_str()),
        (done.event.event_id, "herinnering")
    );
    let stored = s.letter(c.corp(), done.letter_id).await.unwrap().unwrap();
    assert_eq!(stored.tenancy_event_id, done.event.event_id);
    assert_eq!(
        (stored.kind.as_str(), stored.link_id),
        ("herinnering", Some(link.id))
    );
    assert_eq!(
        (stored.amount_cents, stored.collection_costs_cents),
        (18_750, Some(4_000))
    );
    assert_eq!(stored.html, "<p>Beste P. Bakker</p>");
    assert_eq!(
        s.letters(c.corp(), c.tenancy).await.unwrap(),
        std::slice::from_ref(&stored)
    );
    // Under leniency no costs are charged: kept as none, not zero.
    let lenient = NewLetter {
        collection_costs_cents: None,
        ..letter("aanmaning", None, "<p>Geen incassokosten</p>")
    };
    let kept = s
        .record_letter(
            c.corp(),
            c.tenancy,
            &lenient,
            &event("aanmaning", "2026-03-20"),
            &recording(None),
            c.staff(),
        )
        .await
        .unwrap();
    let kept = s.letter(c.corp(), kept.letter_id).await.unwrap().unwrap();
    assert_eq!(kept.collection_costs_cents, None);
    let audit_before = c.actions(c.corp()).await.len();
    // A stale version fails the event, so no letter stays either.
    let stale = s
        .record_letter(
            c.corp(),
            c.tenancy,
            &letter_in,
            &reminder,
            &recording(Some(version)),
            c.staff(),
        )
        .await
        .unwrap_err();
    assert!(matches!(stale, StoreError::Conflict { .. }), "{stale:?}");
    // A link of another tenancy fails after the event was written: both go.
    let their_link = new_link(c.theirs, 7, now(), 60);
    let their_link = s.create_link(c.t.other, &their_link, cli()).await.unwrap();
    let foreign = letter("herinnering", Some(their_link.id), "<p>x</p>");
    let wrong = s
        .record_letter(
            c.corp(),
            c.tenancy,
            &foreign,
            &reminder,
            &recording(None),
            c.staff(),
        )
        .await
        .unwrap_err();
    assert_eq!(field_of(&wrong), "link_id");
    // Another verhuurder cannot write or read it.
    let outside = s
        .record_letter(
            c.t.other,
            c.tenancy,
            &letter_in,
            &reminder,
            &recording(None),
            cli(),
        )
        .await;
    assert!(is_not_found(outside));
    assert_eq!(s.letter(c.t.other, stored.id).await.unwrap(), None);
    assert!(s.letters(c.t.other, c.tenancy).await.unwrap().is_empty());
    // A letter must be the step that records it.
    let mismatch = letter("aanmaning", None, "<p>x</p>");
    let refused = s
        .record_letter(
            c.corp(),
            c.tenancy,
            &mismatch,
            &reminder,
            &recording(None),
            c.staff(),
        )
        .await
        .unwrap_err();
    assert_eq!(field_of(&refused), "kind");
    assert_eq!(s.letters(c.corp(), c.tenancy).await.unwrap().len(), 2);
    assert_eq!(
        s.tenancy_events(c.corp(), c.tenancy).await.unwrap().len(),
        2
    );
    assert_eq!(c.actions(c.corp()).await.len(), audit_before);
    let entries = s
        .list_audit(OrgScope::Only(c.corp()), None, 1)
        .await
        .unwrap();
    assert!(!entries[0].event.detail.contains("Geen incassokosten"));
    assert!(entries[0].event.detail.contains(r#""kind":"aanmaning""#));
}
