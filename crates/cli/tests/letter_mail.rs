//! A tenant's letter e-mailed in the request that makes it (issue 9), over
//! HTTP on SQLite and PostgreSQL: `vangnet serve --smtp-relay` on a demo
//! database and a fake relay. The message reaches the relay for the typed
//! address only, with the letter's one-time link; the audit log and the
//! server's log never hold the address. A relay that refuses leaves the
//! letter made, and the page says plainly that it was not e-mailed. A
//! server without a relay does not offer the field.

mod support;

use std::sync::Arc;
use support::http::{Client, Reply};
use support::server::Serve;
use support::server::{DemoServer, DEMO_PASSWORD};
use support::signals::logged_in;
use support::smtp::{mail_serve, FakeRelay};
use support::tenant_channel::*;
use vangnet_store::{OrgScope, Store};

on_both_databases!(
    a_letter_is_mailed_to_the_typed_address_with_its_link,
    a_refused_mail_still_makes_the_letter_and_says_so
);

const TO: &str = "f.elamrani@voorbeeld.nl";
const REPLY_TO: &str = "incasso@woningstichting.example";
const MAILED_ACTION: &str = "tenant_letter.mailed";

fn signed_in(serve: &Serve) -> Client {
    let mut client = Client::new(&serve.base_url);
    let reply = client.login(WORKER, DEMO_PASSWORD);
    assert_eq!(reply.status, 303, "{}", reply.body);
    client
}

fn generate(client: &mut Client, id: i64, kind: &str, email: &str) -> Reply {
    let csrf = client.csrf();
    client.post_form(
        &format!("/huur/dossiers/{id}/brieven"),
        &[("csrf_token", &csrf), ("soort", kind), ("email", email)],
    )
}

/// The whole audit log as text, to look for an address anywhere in it.
fn audit_text(store: &Arc<dyn Store>) -> String {
    let entries = block_on(store.list_audit(OrgScope::All, None, 10_000)).unwrap();
    format!("{entries:?}")
}

fn mailed_entry(store: &Arc<dyn Store>, letter_id: i64) -> vangnet_domain::audit::AuditEvent {
    let entries = block_on(store.list_audit(OrgScope::All, None, 200)).unwrap();
    entries
        .into_iter()
        .map(|e| e.event)
        .find(|e| e.action == MAILED_ACTION && e.object_id == Some(letter_id.to_string()))
        .expect("the mail is audited")
}

fn a_letter_is_mailed_to_the_typed_address_with_its_link(demo: &DemoServer) {
    // The demo runs without a relay: no field, a sentence instead, and an
    // address posted anyway is refused before anything is made.
    let mut plain = logged_in(demo, WORKER);
    let id = tenancy_id(&mut plain, TENANCY);
    let page = plain.get(&format!("/huur/dossiers/{id}/brieven"));
    assert!(!page.body.contains("id=\"brief-email\""), "{}", page.body);
    assert!(page
        .body
        .contains("E-mail is op deze server niet ingesteld"));
    let refused = generate(&mut plain, id, "herinnering", TO);
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("de brief is niet gemaakt"),
        "{}",
        refused.body
    );

    let store = block_on(vangnet_store::connect(&demo.database_url)).unwrap();
    let org = verhuurder_id(&store);
    let relay = FakeRelay::accepting();
    let serve = mail_serve(&demo.database_url, &relay.address, &[]);
    let mut worker = signed_in(&serve);
    let page = worker.get(&format!("/huur/dossiers/{id}/brieven"));
    for part in [
        "<label for=\"brief-email\">E-mailadres huurder",
        "type=\"email\"",
        "autocomplete=\"off\"",
        "aria-describedby=\"brief-email-hint\"",
    ] {
        assert!(page.body.contains(part), "{part}: {}", page.body);
    }
    let letters_before = block_on(store.letters(org, id)).unwrap().len();

    // No address: nothing is made, the field says why and keeps the input.
    let wrong = generate(&mut worker, id, "aanmaning", "geen-adres");
    assert_eq!(wrong.status, 422, "{}", wrong.body);
    assert!(
        wrong.body.contains("<option value=\"aanmaning\" selected>"),
        "the chosen kind stays chosen: {}",
        wrong.body
    );
    assert!(
        wrong.body.contains("href=\"#brief-email\""),
        "{}",
        wrong.body
    );
    assert!(wrong.body.contains("geen geldig e-mailadres"));
    assert!(wrong.body.contains("aria-invalid=\"true\""));
    assert!(wrong.body.contains("value=\"geen-adres\""));
    assert_eq!(
        block_on(store.letters(org, id)).unwrap().len(),
        letters_before
    );

    // Replies go to the verhuurder's own mailbox, once the beheerder set it.
    let mut beheerder = logged_in(demo, BEHEERDER);
    let (phone, iban) = ("070 123 45 67", "NL91 ABNA 0417 1643 00");
    let wrong = post_channel(&mut beheerder, phone, iban, "incasso at woonstad");
    assert_eq!(wrong.status, 422, "{}", wrong.body);
    assert!(
        wrong.body.contains("href=\"#f-antwoord_email\""),
        "{}",
        wrong.body
    );
    let saved = post_channel(&mut beheerder, phone, iban, REPLY_TO);
    assert!(saved.body.contains("opgeslagen"), "{}", saved.body);

    let made = generate(&mut worker, id, "veertiendagenbrief", TO);
    assert_eq!(made.status, 200, "{}", made.body);
    assert!(
        made.body
            .contains("ook per e-mail naar de huurder verstuurd"),
        "{}",
        made.body
    );
    let link = link_in_letter(&made.body);
    let letters = block_on(store.letters(org, id)).unwrap();
    assert_eq!(letters.len(), letters_before + 1);
    let letter = letters.last().unwrap();
    assert!(letter.mailed_at.is_some());

    // One message, to that address only, with the link in the text part
    // (8bit, so it is in the raw message as typed).
    let mails = relay.mails_to(TO);
    assert_eq!(mails.len(), 1, "{mails:?}");
    let mail = &mails[0];
    assert_eq!(mail.recipients, [TO]);
    assert!(mail.data.contains(&format!("\r\nTo: {TO}\r\n")));
    assert!(mail.data.contains(&format!("\r\nReply-To: {REPLY_TO}\r\n")));
    assert!(mail.data.contains("multipart/alternative"));
    assert!(mail.data.contains("multipart/related"));
    assert!(mail.data.contains("Content-Type: image/png"));
    assert!(
        mail.data.contains(&format!("\r\n{link}\r\n")),
        "{}",
        mail.data
    );
    assert!(mail.data.contains("Betaal uw huurachterstand binnen"));

    // Audited with the letter and the outcome, never the address; not in
    // the server's log either.
    let entry = mailed_entry(&store, letter.id);
    assert_eq!(entry.org_id, Some(org));
    assert!(
        entry.detail.contains("\"outcome\":\"sent\""),
        "{}",
        entry.detail
    );
    let all = audit_text(&store);
    assert!(!all.contains(TO) && !all.contains("elamrani"), "{all}");
    assert!(!serve.log().contains("elamrani"), "{}", serve.log());

    let page = worker.get(&format!("/huur/dossiers/{id}/brieven"));
    assert!(
        page.body.contains("per e-mail verstuurd op"),
        "{}",
        page.body
    );
    assert!(!page.body.contains(TO), "the address is not kept");
}

fn a_refused_mail_still_makes_the_letter_and_says_so(demo: &DemoServer) {
    let store = block_on(vangnet_store::connect(&demo.database_url)).unwrap();
    let org = verhuurder_id(&store);
    let relay = FakeRelay::refusing();
    let serve = mail_serve(&demo.database_url, &relay.address, &[]);
    let mut worker = signed_in(&serve);
    let id = tenancy_id(&mut worker, TENANCY);
    let before = block_on(store.letters(org, id)).unwrap().len();

    let made = generate(&mut worker, id, "aanmaning", TO);
    assert_eq!(made.status, 200, "{}", made.body);
    assert!(
        made.body.contains("de e-mail is NIET verstuurd"),
        "{}",
        made.body
    );
    // In Dutch on the page; the step and code are in the audit entry.
    let refused = "de mailserver weigerde het bericht (code 550)";
    assert!(made.body.contains(refused), "{}", made.body);
    assert!(made.body.contains("Print of bewaar de brief nu"));
    // The letter with its link is still the answer, and it is kept.
    let link = link_in_letter(&made.body);
    assert!(link.contains("/huurder/"));
    let letters = block_on(store.letters(org, id)).unwrap();
    assert_eq!(letters.len(), before + 1);
    let letter = letters.last().unwrap();
    assert_eq!(letter.kind, "aanmaning");
    assert_eq!(letter.mailed_at, None);
    assert!(event_kinds(&store, org, id).contains(&"aanmaning".to_string()));
    assert!(relay.mails_to(TO).is_empty());

    let entry = mailed_entry(&store, letter.id);
    assert!(
        entry.detail.contains("\"outcome\":\"failed\"")
            && entry.detail.contains("RCPT TO: reply 550"),
        "{}",
        entry.detail
    );
    assert!(!audit_text(&store).contains("elamrani"));
    assert!(!serve.log().contains("elamrani"), "{}", serve.log());

    // Asked as a PDF, a failed mail still shows the page, which says so.
    let csrf = worker.csrf();
    let fields = [
        ("csrf_token", csrf.as_str()),
        ("soort", "herinnering"),
        ("email", TO),
        ("als", "pdf"),
    ];
    let (status, _, body) =
        worker.post_form_bytes(&format!("/huur/dossiers/{id}/brieven"), &fields);
    assert_eq!(status, 200);
    let body = String::from_utf8_lossy(&body);
    assert!(body.contains("de e-mail is NIET verstuurd"), "{body}");
    let page = worker.get(&format!("/huur/dossiers/{id}/brieven"));
    assert!(page.body.contains("niet per e-mail"), "{}", page.body);
}
