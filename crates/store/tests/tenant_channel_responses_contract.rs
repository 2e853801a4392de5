//! The tenant channel's work list on both backends: the tenant's responses
//! (with their tenancy event when they record one), newest first per
//! status and only the verhuurder's own, answered once (a second answer on
//! a stale status is a conflict); and the settings, defaults until set.

use std::sync::Arc;
use vangnet_store::tenant_channel::*;
use vangnet_store::*;

#[macro_use]
mod backends;
use backends::channel_world::*;
use backends::tenancy_world::{event, field_of};
use backends::world::cli;

contract!(
    responses_make_the_work_list_and_are_answered_once,
    settings_default_until_set,
);

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
    assert_eq!(s.open_response_count(c.corp()).await.unwrap(), 2);
    assert_eq!(s.open_response_count(c.t.other).await.unwrap(), 0);
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
            &[(&offered, &recording(None))],
            c.staff(),
        )
        .await
        .unwrap()
        .pop()
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
        .answer_response(c.corp(), plain.response_id, &counter, &[], c.staff())
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
    s.answer_response(c.corp(), with_event.response_id, &counter, &[], c.staff())
        .await
        .unwrap();
    let countered = s
        .response(c.corp(), with_event.response_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(countered.answer, counter.answer);
    let other = s
        .answer_response(c.t.other, plain.response_id, &accept, &[], cli())
        .await;
    assert!(is_not_found(other));
    let reopen = ResponseAnswer {
        status: ResponseStatus::Open,
        ..accept.clone()
    };
    let reopen = s
        .answer_response(c.corp(), plain.response_id, &reopen, &[], c.staff())
        .await;
    assert_eq!(field_of(&reopen.unwrap_err()), "status");
    let accepted_list = s.responses(c.corp(), Some(ResponseStatus::Accepted), Page::first(10));
    assert_eq!(accepted_list.await.unwrap().len(), 1);
    assert_eq!(s.open_response_count(c.corp()).await.unwrap(), 0);
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
        sender_phone: Some("070 123 45 67".into()),
        iban: Some("NL91ABNA0417164300".into()),
        reply_email: Some("incasso@woonstad.example".into()),
        debt_help: Some(vangnet_store::tenant_channel::DebtHelpDesk {
            name: "Schuldhulp Den Haag".into(),
            phone: "14070".into(),
            email: "schuldhulp@denhaag.example".into(),
            website: "https://denhaag.example/geldzorgen".into(),
        }),
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
