//! The gemeente's e-mail about an art. 14 melding, end to end on SQLite and
//! PostgreSQL: `vangnet serve --smtp-relay` on a demo database, a melding
//! recorded through the API, and the mail at a real (tiny) SMTP server
//! well before the worker's one-minute round: with the link, to the
//! gemeente's own users only, and without the household's name, street or
//! postcode.

mod support;

use chrono::{Duration, NaiveDate};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Instant;
use support::http::Client;
use support::server::{token, DemoServer};
use vangnet_store::OrgScope;

on_both_databases!(a_melding_mails_the_gemeente_at_once_without_personal_data);

const VERHUURDER: &str = "haagse-woningstichting";
const TENANT: &str = "Wilhelmina Zwanenburg";
const STREET: &str = "Zeeheldenkade";

#[derive(Debug, Clone, Default)]
struct Mail {
    recipients: Vec<String>,
    data: String,
}

/// An SMTP server that accepts every message, one connection at a time.
fn fake_relay() -> (String, Arc<Mutex<Vec<Mail>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    let mails = Arc::new(Mutex::new(Vec::new()));
    let kept = mails.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let mut write = stream.try_clone().unwrap();
            let mut read = BufReader::new(stream);
            let mut mail = Mail::default();
            write.write_all(b"220 fake ESMTP\r\n").unwrap();
            let mut line = String::new();
            while read.read_line(&mut line).unwrap_or(0) > 0 {
                let command = line.trim_end().to_string();
                line.clear();
                let reply: &[u8] = if let Some(to) = command.strip_prefix("RCPT TO:") {
                    mail.recipients
                        .push(to.trim_matches(['<', '>']).to_string());
                    b"250 ok\r\n"
                } else if command == "DATA" {
                    write.write_all(b"354 go ahead\r\n").unwrap();
                    while !mail.data.ends_with("\r\n.\r\n") {
                        assert!(read.read_line(&mut mail.data).unwrap() > 0);
                    }
                    kept.lock().unwrap().push(mail.clone());
                    b"250 queued\r\n"
                } else if command == "QUIT" {
                    let _ = write.write_all(b"221 bye\r\n");
                    break;
                } else {
                    b"250 ok\r\n"
                };
                write.write_all(reply).unwrap();
            }
        }
    });
    (address, mails)
}

/// `vangnet serve` with mail, on the demo server's database.
struct Serve {
    child: Child,
    base_url: String,
}

impl Serve {
    fn start(database_url: &str, relay: &str) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vangnet"))
            .args(["serve", "--listen", "127.0.0.1:0", "--database-url"])
            .arg(database_url)
            .args(["--smtp-relay", relay, "--mail-from", "vangnet@vangnet.test"])
            .args(["--public-url", "https://vangnet.test/"])
            .args(["--purge-delay-seconds", "3600"])
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start vangnet serve");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(pos) = line.find("http://") {
                    let _ = tx.send(line[pos..].trim().to_string());
                }
            }
        });
        let base_url = rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("vangnet serve printed no URL");
        Serve { child, base_url }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

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
    let (relay, mails) = fake_relay();
    let serve = Serve::start(&demo.database_url, &relay);
    // The worker's first round handles what the demo recorded; after it,
    // only a wake-up can bring a mail within the minute.
    wait_for("the first round", 30, || {
        let due = block_on(store.notices_to_mail(chrono::Utc::now(), 100)).unwrap();
        due.iter().all(|n| n.mail_attempts > 0).then_some(())
    });
    let before = mails.lock().unwrap().len();

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
        let mails = mails.lock().unwrap();
        mails[before..]
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
