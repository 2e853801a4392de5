//! The tenant channel's response rates against a hand-counted world, and
//! the retention purge of a tenancy's letters, responses and links, on
//! both backends.

use chrono::Duration;
use std::sync::Arc;
use vangnet_store::tenant_channel::*;
use vangnet_store::*;

#[macro_use]
mod backends;
use backends::channel_world::*;
use backends::tenancy_world::event;
use backends::world::{cli, date};

contract!(
    counts_match_a_hand_counted_world,
    a_purged_tenancy_keeps_no_letter_text_or_tenant_words,
);

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
    s.answer_response(c.corp(), response.response_id, &counter, &[], c.staff())
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
