//! The gemeente's e-mail about an art. 14 melding, end to end on SQLite and
//! PostgreSQL: `vangnet serve --smtp-relay` on a demo database, a melding
//! recorded through the API, and the mail at a real (tiny) SMTP server
//! well before the worker's one-minute round: with the link, to the
//! gemeente's own users only, and without the household's name, street or
//! postcode.

mod support;

use chrono::{Duration, NaiveDate};
use serde_json::{json, Value};
use std::time::Instant;
use support::http::Client;
use support::server::{token, DemoServer};
use support::smtp::{mail_serve, FakeRelay};
use vangnet_store::OrgScope;

on_both_databases!(a_melding_mails_the_gemeente_at_once_without_personal_data);

const VERHUURDER: &str = "haagse-woningstichting";
const TENANT: &str = "Wilhelmina Zwanenburg";
const STREET: &str = "Zeeheldenkade";

/// One runtime for the whole test: a PostgreSQL pool's connections belong
/// to the runtime that opened them, so a runtime per call would strand
/// them.
fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .unwrap()
        })
        .block_on(future)
}

fn wait_for<T>(what: &str, seconds: u64, mut check: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(found) = check() {
            return found;
        }
        assert!(
            start.elapsed().as_secs() < seconds,
            "waited {seconds} s for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

fn today() -> NaiveDate {
    vangnet_domain::calendar::amsterdam_date(chrono::Utc::now())
}

fn ago(days: i64) -> String {
    (today() - Duration::days(days)).to_string()
}

/// A tenancy in arrears taken through every step up to the melding.
fn ready_for_melding(api: &mut Client, writer: &str) -> i64 {
    let tenancy = json!({
        "reference": "MAIL-1", "tenants": [TENANT], "street": STREET,
        "house_number": "77", "postcode": "2514 JK", "city": "Den Haag",
        "monthly_rent_cents": 75_000, "start_date": "2019-05-01"
    });
    let reply = api.post_json_with_token("/api/v1/tenancies", writer, tenancy);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let id = reply.json()["items"][0]["tenancy_id"].as_i64().unwrap();
    let ledger: Vec<Value> = (1..=4)
        .map(|m| {
            json!({"kind": "due", "on_date": ago(30 * m), "amount_cents": 75_000,
                        "reference": format!("huur-{m}")})
        })
        .collect();
    let path = format!("/api/v1/tenancies/{id}/ledger");
    let reply = api.post_json_with_token(&path, writer, Value::Array(ledger));
    assert_eq!(reply.status, 200, "{}", reply.body);
    for event in [
        json!({"kind": "herinnering", "date": ago(120)}),
        json!({"kind": "veertiendagenbrief", "date": ago(110)}),
        json!({"kind": "contactpoging", "date": ago(100), "soort": "Telefoon", "bereikt": true}),
        json!({"kind": "signaal_gemeente", "date": ago(90)}),
        json!({"kind": "betalingsregeling_aangeboden", "date": ago(80)}),
        json!({"kind": "deurwaarder", "date": ago(70)}),
        json!({"kind": "contactpoging", "date": ago(60), "soort": "Huisbezoek", "bereikt": true}),
        json!({"kind": "dagvaarding", "date": ago(50)}),
        json!({"kind": "vonnis", "date": ago(30)}),
        json!({"kind": "betekening", "date": ago(20)}),
        json!({"kind": "ontruimingsaanzegging", "date": ago(2)}),
    ] {
        let reply = post_event(api, writer, id, event.clone());
        assert_eq!(reply.status, 201, "{event}: {}", reply.body);
    }
    id
}

fn post_event(api: &mut Client, writer: &str, id: i64, event: Value) -> support::http::Reply {
    api.post_json_with_token(&format!("/api/v1/tenancies/{id}/events"), writer, event)
}

fn a_melding_mails_the_gemeente_at_once_without_personal_data(demo: &DemoServer) {
    let store = block_on(vangnet_store::connect(&demo.database_url)).unwrap();
    let relay = FakeRelay::accepting();
    let public = ["--public-url", "https://vangnet.test/"];
    let serve = mail_serve(&demo.database_url, &relay.address, &public);
    // The worker's first round handles what the demo recorded; after it,
    // only a wake-up can bring a mail within the minute.
    wait_for("the first round", 30, || {
        let due = block_on(store.notices_to_mail(chrono::Utc::now(), 100)).unwrap();
        due.iter().all(|n| n.mail_attempts > 0).then_some(())
    });
    let before = relay.mails().len();

    let writer = token(demo, VERHUURDER, "tenancies:read,tenancies:write");
    let mut api = Client::new(&serve.base_url);
    let id = ready_for_melding(&mut api, &writer);
    let intended = today() + Duration::days(41);
    let melding = json!({"kind": "melding_gemeente_ontruiming", "date": ago(1),
                         "target_date": intended.to_string()});
    let reply = post_event(&mut api, &writer, id, melding);
    assert_eq!(reply.status, 201, "{}", reply.body);
    let notice_id = reply.json()["recorded"]["notice"]["notice_id"]
        .as_i64()
        .expect("a notice");

    let line = format!("Beoogde ontruimingsdatum: {}", intended.format("%d-%m-%Y"));
    let mail = wait_for("the mail", 20, || {
        relay.mails()[before..]
            .iter()
            .find(|m| m.data.contains(&line))
            .cloned()
    });
    assert!(
        mail.data
            .contains("\r\nhttps://vangnet.test/gemeente/meldingen\r\n"),
        "{}",
        mail.data
    );
    assert!(mail.data.contains("To: undisclosed-recipients:;\r\n"));
    // Only the body: the random Message-ID could hold any four digits.
    let (_, body) = mail.data.split_once("\r\n\r\n").unwrap();
    for secret in [TENANT, "Zwanenburg", STREET, "2514", "JK", "MAIL-1", "750"] {
        assert!(!body.contains(secret), "{secret} in {}", mail.data);
    }
    assert!(!mail.data.contains(TENANT) && !mail.data.contains(STREET));
    let haag_users = block_on(store.list_users(OrgScope::All)).unwrap();
    let haag = block_on(store.org_by_code("den-haag")).unwrap().unwrap();
    let mut expected: Vec<String> = haag_users
        .into_iter()
        .filter(|u| u.org_id == haag.id && !u.disabled)
        .map(|u| u.email)
        .collect();
    let mut got = mail.recipients.clone();
    expected.sort();
    got.sort();
    assert!(!got.is_empty());
    assert_eq!(got, expected);
    assert!(
        !mail.data.contains(&got[0]),
        "a recipient is named in the mail"
    );

    // Sent once, and audited with ids only.
    let audited = wait_for("the audit entry", 10, || {
        let entries = block_on(store.list_audit(OrgScope::All, None, 50)).unwrap();
        entries.into_iter().find(|e| {
            e.event.action == "eviction_notice.mailed"
                && e.event.object_id == Some(notice_id.to_string())
        })
    });
    assert_eq!(audited.event.org_id, Some(haag.id));
    assert_eq!(
        audited.event.detail,
        format!(r#"{{"recipients":{}}}"#, got.len())
    );
    let due = block_on(store.notices_to_mail(chrono::Utc::now(), 100)).unwrap();
    assert!(due.iter().all(|n| n.notice_id != notice_id));
    drop(serve);
}
