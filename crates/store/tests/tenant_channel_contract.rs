//! The storage contract of the tenant's channel (issue 9), on both
//! backends: links regenerate and revoke, throttle and lock, and confirm
//! once; a letter and its tenancy event land together or not at all; the
//! tenant's responses make the verhuurder's work list, answered once;
//! settings default; the response rates against a hand-counted world; a
//! purged tenancy keeps no letter text or tenant's words. Another
//! verhuurder gets "not found" everywhere, and every change is audited.

use chrono::Duration;
use std::sync::Arc;
use vangnet_store::tenant_channel::*;
use vangnet_store::*;

#[macro_use]
mod backends;
use backends::channel_world::*;
use backends::tenancy_world::{event, field_of};
use backends::world::{cli, date};

contract!(
    links_regenerate_revoke_and_stay_with_their_verhuurder,
    wrong_checks_lock_and_a_link_is_opened_once,
    a_letter_and_its_event_land_together_or_not_at_all,
    responses_make_the_work_list_and_are_answered_once,
    settings_default_until_set,
    counts_match_a_hand_counted_world,
    a_purged_tenancy_keeps_no_letter_text_or_tenant_words,
);

fn is_not_found<T: std::fmt::Debug>(result: Result<T>) -> bool {
    matches!(result, Err(StoreError::NotFound))
}

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
    // A fresh link: the first confirmation stays, the last use moves on.
    let fresh = c.link(2, now - Duration::minutes(5), 60).await;
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
    assert_eq!(actions.iter().filter(|a| *a == "tenant.action").count(), 4);
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
        [stored.clone()]
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

async fn responses_make_the_work_list_and_are_answered_once(store: Arc<dyn Store>) {
    let c = channel(store).await;
    let s = c.store();
    let link = c.link(1, now(), 60).await;
    let proposal = NewResponse {
        kind: "regeling_voorstel".into(),
        detail: serde_json::json!({"termijnen": 6, "bedrag_cents": 3_125}),
    };
    let plain = s
        .add_response(link.id, &proposal, None, tenant())
        .await
        .unwrap();
    assert_eq!(plain.event, None);
    // An objection records its step with the response.
    let objection = NewResponse {
        kind: "bezwaar_doorgeven".into(),
        detail: serde_json::json!({}),
    };
    let step = event("bezwaar_doorgeven", "2026-03-05");
    let with_event = s
        .add_response(
            link.id,
            &objection,
            Some((&step, &recording(None))),
            tenant(),
        )
        .await
        .unwrap();
    let recorded = with_event.event.expect("the objection's event");
    let events = s.tenancy_events(c.corp(), c.tenancy).await.unwrap();
    assert_eq!(
        events.iter().map(|e| e.id).collect::<Vec<_>>(),
        [recorded.event_id]
    );
    // The work list: newest first, per status, only the verhuurder's own.
    let open = s
        .responses(c.corp(), Some(ResponseStatus::Open), Page::first(10))
        .await
        .unwrap();
    let ids: Vec<i64> = open.iter().map(|r| r.id).collect();
    assert_eq!(ids, [with_event.response_id, plain.response_id]);
    assert_eq!(open[0].tenancy_event_id, Some(recorded.event_id));
    assert_eq!((open[1].link_id, open[1].tenancy_id), (link.id, c.tenancy));
    assert_eq!(open[1].detail, proposal.detail);
    let paged = s
        .responses(
            c.corp(),
            None,
            Page {
                limit: 1,
                offset: 1,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        paged.iter().map(|r| r.id).collect::<Vec<_>>(),
        [plain.response_id]
    );
    assert!(s
        .responses(c.t.other, None, Page::first(10))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        s.response(c.t.other, plain.response_id).await.unwrap(),
        None
    );
    // Accepting records `betalingsregeling_aangeboden` with the answer.
    let accept = ResponseAnswer {
        status: ResponseStatus::Accepted,
        answer: None,
        handled_by_user_id: Some(c.t.medewerker),
        expected_status: ResponseStatus::Open,
    };
    let offered = event("betalingsregeling_aangeboden", "2026-03-06");
    let accepted = s
        .answer_response(
            c.corp(),
            plain.response_id,
            &accept,
            Some((&offered, &recording(None))),
            c.staff(),
        )
        .await
        .unwrap()
        .expect("the accepted arrangement's event");
    let kinds: Vec<String> = s
        .tenancy_events(c.corp(), c.tenancy)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.event.kind)
        .collect();
    assert_eq!(kinds, ["bezwaar_doorgeven", "betalingsregeling_aangeboden"]);
    assert_eq!(accepted.version, recorded.version + 1);
    // A second answer on what it saw as open is a conflict, and changes nothing.
    let counter = ResponseAnswer {
        status: ResponseStatus::Countered,
        answer: Some(serde_json::json!({"termijnen": 4})),
        ..accept.clone()
    };
    let twice = s
        .answer_response(c.corp(), plain.response_id, &counter, None, c.staff())
        .await;
    assert_eq!(field_of(&twice.unwrap_err()), "status");
    let stored = s
        .response(c.corp(), plain.response_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.status, stored.answer),
        (ResponseStatus::Accepted, None)
    );
    assert_eq!(stored.handled_by_user_id, Some(c.t.medewerker));
    assert!(stored.handled_at.is_some());
    // Countering the other one keeps the counter-proposal.
    s.answer_response(c.corp(), with_event.response_id, &counter, None, c.staff())
        .await
        .unwrap();
    let countered = s
        .response(c.corp(), with_event.response_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(countered.answer, counter.answer);
    let other = s
        .answer_response(c.t.other, plain.response_id, &accept, None, cli())
        .await;
    assert!(is_not_found(other));
    let reopen = ResponseAnswer {
        status: ResponseStatus::Open,
        ..accept.clone()
    };
    let reopen = s
        .answer_response(c.corp(), plain.response_id, &reopen, None, c.staff())
        .await;
    assert_eq!(field_of(&reopen.unwrap_err()), "status");
    let accepted_list = s.responses(c.corp(), Some(ResponseStatus::Accepted), Page::first(10));
    assert_eq!(accepted_list.await.unwrap().len(), 1);
    // A revoked link takes no more responses.
    s.revoke_link(c.corp(), link.id, now(), c.staff())
        .await
        .unwrap();
    let late = s
        .add_response(link.id, &proposal, None, tenant())
        .await
        .unwrap_err();
    assert_eq!(field_of(&late), "link");
    let entries = s
        .list_audit(OrgScope::Only(c.corp()), None, 6)
        .await
        .unwrap();
    let details: Vec<&str> = entries.iter().map(|e| e.event.detail.as_str()).collect();
    assert!(
        details.iter().all(|d| !d.contains("bedrag_cents")),
        "{details:?}"
    );
    assert!(details
        .iter()
        .any(|d| d.contains(r#""response_kind":"bezwaar_doorgeven""#)));
    assert!(details.iter().any(|d| d.contains(r#""status":"accepted""#)));
}

async fn settings_default_until_set(store: Arc<dyn Store>) {
    let c = channel(store).await;
    let s = c.store();
    let defaults = s.channel_settings(c.corp()).await.unwrap();
    assert_eq!(defaults, ChannelSettings::default());
    assert_eq!(
        (defaults.link_valid_days, defaults.max_failed_attempts),
        (60, 5)
    );
    assert_eq!(
        (defaults.max_term_months, defaults.min_instalment_cents),
        (12, 2_500)
    );
    let mine = ChannelSettings {
        link_valid_days: 30,
        max_failed_attempts: 3,
        max_term_months: 18,
        min_instalment_cents: 5_000,
        ideal_url: Some("https://betaal.example/woonstad".into()),
    };
    s.set_channel_settings(c.corp(), &mine, c.staff())
        .await
        .unwrap();
    assert_eq!(s.channel_settings(c.corp()).await.unwrap(), mine);
    let changed = ChannelSettings {
        ideal_url: None,
        ..mine.clone()
    };
    s.set_channel_settings(c.corp(), &changed, c.staff())
        .await
        .unwrap();
    assert_eq!(s.channel_settings(c.corp()).await.unwrap(), changed);
    assert_eq!(
        s.channel_settings(c.t.other).await.unwrap(),
        ChannelSettings::default()
    );
    let zero = ChannelSettings {
        max_failed_attempts: 0,
        ..mine
    };
    let refused = s
        .set_channel_settings(c.corp(), &zero, c.staff())
        .await
        .unwrap_err();
    assert_eq!(field_of(&refused), "max_failed_attempts");
    assert_eq!(s.channel_settings(c.corp()).await.unwrap(), changed);
    let entries = s
        .list_audit(OrgScope::Only(c.corp()), None, 2)
        .await
        .unwrap();
    assert!(entries
        .iter()
        .all(|e| e.event.detail.contains(r#""link_valid_days":30"#)));
}

/// Counts are in [`from`, `to`); one of each kind is moved out of it.
async fn counts_match_a_hand_counted_world(store: Arc<dyn Store>) {
    let c = channel(store).await;
    let s = c.store();
    let at = now();
    let (from, to) = (at - Duration::days(1), at + Duration::days(1));
    // Opened in the period: the first link. The second was first opened
    // before it (used again inside, still not counted); the other
    // verhuurder's is not counted for this one.
    let first = c.link(1, at - Duration::days(10), 60).await;
    s.record_link_use(first.id, at - Duration::hours(2), true, tenant())
        .await
        .unwrap();
    let second = c.link(2, at - Duration::days(10), 60).await;
    s.record_link_use(second.id, at - Duration::days(2), true, tenant())
        .await
        .unwrap();
    s.record_link_use(second.id, at - Duration::hours(1), true, tenant())
        .await
        .unwrap();
    let theirs = new_link(c.theirs, 3, at - Duration::days(10), 60);
    let theirs = s.create_link(c.t.other, &theirs, cli()).await.unwrap();
    s.record_link_use(theirs.id, at - Duration::hours(1), true, tenant())
        .await
        .unwrap();
    for (kind, on) in [
        ("herinnering", "2026-03-01"),
        ("herinnering", "2026-03-02"),
        ("veertiendagenbrief", "2026-03-03"),
        ("aanmaning", "2026-03-20"),
    ] {
        let l = letter(kind, Some(second.id), "<p>brief</p>");
        let e = event(kind, on);
        s.record_letter(c.corp(), c.tenancy, &l, &e, &recording(None), c.staff())
            .await
            .unwrap();
    }
    let l = letter("herinnering", None, "<p>hun brief</p>");
    let e = event("herinnering", "2026-03-01");
    s.record_letter(c.t.other, c.theirs, &l, &e, &recording(None), cli())
        .await
        .unwrap();
    for (link, kind) in [
        (second.id, "regeling_voorstel"),
        (second.id, "regeling_voorstel"),
        (second.id, "hulpvraag"),
        (second.id, "hulpvraag"),
        (theirs.id, "hulpvraag"),
    ] {
        let r = NewResponse {
            kind: kind.into(),
            detail: serde_json::json!({}),
        };
        s.add_response(link, &r, None, tenant()).await.unwrap();
    }
    let old = "'2020-01-01T00:00:00.000000Z'";
    for table_kind in ["tenant_letters WHERE kind = 'veertiendagenbrief'",
        "tenant_responses WHERE id = (SELECT MIN(id) FROM tenant_responses WHERE kind = 'hulpvraag')"]
    {
        let (table, condition) = table_kind.split_once(" WHERE ").unwrap();
        let sql = format!("UPDATE {table} SET created_at = {old} WHERE {condition}");
        assert_eq!(backends::raw_execute(s, &sql).await, Ok(1), "{sql}");
    }
    let counts = s.channel_counts(c.corp(), from, to).await.unwrap();
    let map = |pairs: &[(&str, i64)]| pairs.iter().map(|(k, n)| (k.to_string(), *n)).collect();
    assert_eq!(counts.letters, map(&[("aanmaning", 1), ("herinnering", 2)]));
    assert_eq!(
        counts.responses,
        map(&[("hulpvraag", 1), ("regeling_voorstel", 2)])
    );
    assert_eq!(counts.links_opened, 1);
    // The period is half-open: ending where the first link opened leaves it out.
    let before = s
        .channel_counts(c.corp(), from, at - Duration::hours(2))
        .await
        .unwrap();
    assert_eq!((before.links_opened, before.letters.len()), (0, 0));
    let moved = s
        .channel_counts(c.corp(), from - Duration::days(3000), from)
        .await
        .unwrap();
    assert_eq!(moved.letters, map(&[("veertiendagenbrief", 1)]));
    assert_eq!(moved.responses, map(&[("hulpvraag", 1)]));
    assert_eq!(
        moved.links_opened, 1,
        "the second link, first opened two days ago"
    );
    let theirs = s.channel_counts(c.t.other, from, to).await.unwrap();
    assert_eq!(
        (
            theirs.links_opened,
            theirs.letters.len(),
            theirs.responses.len()
        ),
        (1, 1, 1)
    );
}

async fn a_purged_tenancy_keeps_no_letter_text_or_tenant_words(store: Arc<dyn Store>) {
    let c = channel(store).await;
    let s = c.store();
    let link = c.link(1, now(), 60).await;
    let html = "<p>Beste Pieter Bakker, Lijnbaan 12 A</p>";
    let l = letter("herinnering", Some(link.id), html);
    let e = event("herinnering", "2026-01-10");
    s.record_letter(c.corp(), c.tenancy, &l, &e, &recording(None), c.staff())
        .await
        .unwrap();
    let words = NewResponse {
        kind: "hulpvraag".into(),
        detail: serde_json::json!({"telefoon": "0612345678", "toelichting": "ziek"}),
    };
    let response = s
        .add_response(link.id, &words, None, tenant())
        .await
        .unwrap();
    let counter = ResponseAnswer {
        status: ResponseStatus::Countered,
        answer: Some(serde_json::json!({"notitie": "Pieter na 17 uur bellen"})),
        handled_by_user_id: None,
        expected_status: ResponseStatus::Open,
    };
    s.answer_response(c.corp(), response.response_id, &counter, None, c.staff())
        .await
        .unwrap();
    let their_html = "<p>Beste buur</p>";
    let theirs = letter("herinnering", None, their_html);
    s.record_letter(c.t.other, c.theirs, &theirs, &e, &recording(None), cli())
        .await
        .unwrap();
    // The track ended long before the purge day; the other one runs on.
    s.record_tenancy_event(
        c.corp(),
        c.tenancy,
        &event("voorkomen", "2026-05-01"),
        &recording(None),
        c.staff(),
    )
    .await
    .unwrap();
    let report = s.purge(date("2030-01-01"), cli()).await.unwrap();
    assert_eq!(report.tenancies(), 1, "{report:?}");
    let letters = s.letters(c.corp(), c.tenancy).await.unwrap();
    assert_eq!(
        (letters[0].html.as_str(), letters[0].amount_cents),
        ("", 18_750)
    );
    let kept = s
        .response(c.corp(), response.response_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((kept.detail, kept.answer), (serde_json::json!({}), None));
    assert_eq!(
        (kept.kind.as_str(), kept.status),
        ("hulpvraag", ResponseStatus::Countered)
    );
    let link = s
        .links_of_tenancy(c.corp(), c.tenancy)
        .await
        .unwrap()
        .remove(0);
    assert!(link.revoked_at.is_some());
    let their_letters = s.letters(c.t.other, c.theirs).await.unwrap();
    assert_eq!(their_letters[0].html, their_html);
}
