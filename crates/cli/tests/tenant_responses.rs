//! The verhuurder's work list of tenant responses (issue 9) over HTTP
//! against `vangnet demo`. The tenant's side is stood in for by the store
//! (`add_response` through a live link, as the tenant pages do): a
//! proposal accepted records the offer and the running arrangement, and
//! the gate's view of the tenancy changes (a kept arrangement now holds
//! the summons back); a counter outside the policy is
//! refused in Dutch, inside it is recorded; another kind is closed; the
//! tenant's words are escaped; the navigation counts what is open; another
//! verhuurder gets 404. On SQLite and PostgreSQL.

mod support;

use serde_json::json;
use support::server::DemoServer;
use support::signals::logged_in;
use support::tenant_channel::*;
use vangnet_domain::audit::AuditEvent;
use vangnet_store::tenancy::{EventRecording, NewTenancyEvent};
use vangnet_store::tenant_channel::NewResponse;

on_both_databases!(answering_a_proposal_reaches_the_gate);

/// What the tenant side stores for a response, with its event if any.
fn respond(
    store: &std::sync::Arc<dyn vangnet_store::Store>,
    link_id: i64,
    kind: &str,
    detail: serde_json::Value,
    event: Option<&str>,
) -> i64 {
    let today = vangnet_domain::calendar::amsterdam_date(chrono::Utc::now());
    let event = event.map(|kind| NewTenancyEvent {
        kind: kind.to_string(),
        on_date: today,
        target_date: None,
        details: json!({}),
        document: None,
    });
    let recording = EventRecording {
        recorded_by_user_id: None,
        expected_version: None,
        gate_decision_id: None,
    };
    let response = NewResponse {
        kind: kind.to_string(),
        detail,
    };
    let audit = AuditEvent::new("tenant_channel.response", "tenant_response", None);
    let pair = event.as_ref().map(|e| (e, &recording));
    block_on(store.add_response(link_id, &response, pair, audit))
        .unwrap()
        .response_id
}

fn answering_a_proposal_reaches_the_gate(server: &DemoServer) {
    let mut beheerder = logged_in(server, BEHEERDER);
    set_channel(&mut beheerder);
    let mut worker = logged_in(server, WORKER);
    let id = tenancy_id(&mut worker, TENANCY);
    let csrf = worker.csrf();
    let made = worker.post_form(
        &format!("/huur/dossiers/{id}/link"),
        &[("csrf_token", &csrf)],
    );
    assert_eq!(made.status, 200, "{}", made.body);
    let token = fresh_link(&made.body)
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let store = block_on(vangnet_store::connect(&server.database_url)).unwrap();
    let org = verhuurder_id(&store);
    let link = block_on(store.link_by_token_hash(&vangnet_web::sha256_hex(&token)))
        .unwrap()
        .unwrap();

    let tenancy_page = format!("/huur/dossiers/{id}");
    // The demo offered HWS-1004 an arrangement before; none is running.
    let before = worker.get(&tenancy_page);
    assert!(
        before.body.contains("Betalingsregeling aangeboden op"),
        "{}",
        before.body
    );
    let not_kept = "Er loopt geen betalingsregeling die wordt nagekomen.";
    assert!(before.body.contains(not_kept), "{}", before.body);
    let proposal = json!({"term_months": 6, "instalment_cents": 50_000});
    let accepted = respond(
        &store,
        link.id,
        "betalingsregeling_voorgesteld",
        proposal.clone(),
        Some("betalingsregeling_voorgesteld"),
    );
    let countered = respond(
        &store,
        link.id,
        "betalingsregeling_voorgesteld",
        proposal,
        None,
    );
    let words =
        json!({"kind": "anders", "text": "<script>alert(1)</script> ik ben mijn baan kwijt"});
    let situation = respond(&store, link.id, "situatie_gemeld", words, None);

    // The work list: open first, the tenant's words as text, a count in the
    // nav (these three and the demo's two).
    let list = worker.get("/reacties");
    assert_eq!(list.status, 200, "{}", list.body);
    assert!(
        list.body.contains("<span class=\"badge\">5"),
        "{}",
        list.body
    );
    assert!(
        list.body
            .contains("&#60;script&#62;alert(1)&#60;/script&#62;"),
        "{}",
        list.body
    );
    assert!(!list.body.contains("<script>alert"), "{}", list.body);
    assert!(list.body.contains("6 maanden"), "{}", list.body);

    // Without the CSRF token no answer is written.
    let forged = worker.post_form(&format!("/reacties/{accepted}/accepteren"), &[]);
    assert_eq!(forged.status, 403);

    // Another verhuurder: 404 for the list's objects, its own list is empty.
    let mut other = other_verhuurder(server);
    let other_csrf = other.csrf();
    let theirs = other.post_form(
        &format!("/reacties/{accepted}/accepteren"),
        &[("csrf_token", &other_csrf)],
    );
    assert_eq!(theirs.status, 404, "{}", theirs.body);
    let their_list = other.get("/reacties");
    assert!(!their_list.body.contains(TENANCY), "{}", their_list.body);
    assert!(
        their_list
            .body
            .contains("Er wachten geen reacties op een antwoord."),
        "{}",
        their_list.body
    );

    // Accepting records the offer and the running arrangement.
    let reply = worker.post_form(
        &format!("/reacties/{accepted}/accepteren"),
        &[("csrf_token", &csrf)],
    );
    assert_eq!(reply.status, 303, "{}", reply.body);
    let kinds = event_kinds(&store, org, id);
    let tail: Vec<&str> = kinds.iter().rev().take(2).map(String::as_str).collect();
    assert_eq!(
        tail,
        ["betalingsregeling", "betalingsregeling_aangeboden"],
        "{kinds:?}"
    );
    let events = block_on(vangnet_store::tenancy::TenancyStore::tenancy_events(
        &*store, org, id,
    ))
    .unwrap();
    let running = events
        .iter()
        .rev()
        .find(|e| e.event.kind == "betalingsregeling")
        .unwrap();
    assert_eq!(running.event.details["status"], "lopend");
    let after = worker.get(&tenancy_page);
    // The gate now sees a running arrangement: no escalation while it is kept.
    assert!(
        after.body.contains("Betalingsregeling aangeboden op"),
        "{}",
        after.body
    );
    assert!(!after.body.contains(not_kept), "{}", after.body);
    assert!(
        after.body.contains("wordt nagekomen (status lopend op"),
        "{}",
        after.body
    );
    // Answering again is a conflict: someone already did.
    let twice = worker.post_form(
        &format!("/reacties/{accepted}/accepteren"),
        &[("csrf_token", &csrf)],
    );
    assert_eq!(twice.status, 409, "{}", twice.body);

    // A counter outside the policy is refused; inside it is recorded.
    let counter = format!("/reacties/{countered}/tegenvoorstel");
    let too_long = worker.post_form(
        &counter,
        &[
            ("csrf_token", &csrf),
            ("looptijd", "24"),
            ("termijnbedrag", "200,00"),
        ],
    );
    assert_eq!(too_long.status, 422, "{}", too_long.body);
    assert!(
        too_long
            .body
            .contains("Looptijd: kies 1 tot en met 12 maanden."),
        "{}",
        too_long.body
    );
    let arrears = block_on(vangnet_store::tenancy::TenancyStore::tenancy(
        &*store, org, id,
    ))
    .unwrap()
    .unwrap()
    .arrears
    .arrears_cents;
    let instalment = (arrears + 9) / 10;
    let euros = format!("{},{:02}", instalment / 100, instalment % 100);
    let fine = worker.post_form(
        &counter,
        &[
            ("csrf_token", &csrf),
            ("looptijd", "10"),
            ("termijnbedrag", &euros),
        ],
    );
    assert_eq!(fine.status, 303, "{}", fine.body);
    let kinds = event_kinds(&store, org, id);
    assert_eq!(
        kinds.last().map(String::as_str),
        Some("betalingsregeling_tegenvoorstel")
    );
    let stored = block_on(store.response(org, countered)).unwrap().unwrap();
    assert_eq!(
        stored.answer,
        Some(json!({"looptijd_maanden": 10, "termijnbedrag_centen": instalment}))
    );

    // Another kind is closed without an event.
    let handled = worker.post_form(
        &format!("/reacties/{situation}/afgehandeld"),
        &[("csrf_token", &csrf)],
    );
    assert_eq!(handled.status, 303, "{}", handled.body);
    assert_eq!(event_kinds(&store, org, id), kinds);
    // Only the demo's own two are still open.
    let list = worker.get("/reacties?klaar=1");
    assert!(
        list.body.contains("<span class=\"badge\">2"),
        "{}",
        list.body
    );
    assert!(!list.body.contains(&format!("/reacties/{situation}/")));

    // Only verhuurder staff sees the list; only the beheerder the settings.
    let mut gemeente = logged_in(server, "medewerker@denhaag.example");
    assert_eq!(gemeente.get("/reacties").status, 403);
    let mut lead = logged_in(server, LEAD);
    assert_eq!(lead.get("/reacties").status, 200);
    assert_eq!(lead.get("/huur/huurderskanaal").status, 403);
}
