use super::*;
use crate::mail::encoded_header;
use chrono::TimeZone;
use vangnet_domain::org::NewOrg;
use vangnet_domain::user::NewUser;

fn notice(planned: Option<&str>) -> NoticeToMail {
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    NoticeToMail {
        notice_id: 7,
        gemeente_org_id: 3,
        notified_on: date("2026-03-02"),
        intended_date: date("2026-04-15"),
        planned_date: planned.map(date),
        mail_attempts: 0,
    }
}

fn config() -> MailConfig {
    MailConfig {
        relay: "localhost:25".into(),
        from: "vangnet@gemeente.example".into(),
    }
}

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0).unwrap()
}

#[test]
fn the_message_has_the_headers_the_dates_and_the_link() {
    let text = message(
        &notice(None),
        &config(),
        Some("https://vangnet.example/"),
        at(),
    );
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let headers: Vec<&str> = head.split("\r\n").collect();
    assert_eq!(headers[0], "From: vangnet <vangnet@gemeente.example>");
    assert_eq!(headers[1], "To: undisclosed-recipients:;");
    assert_eq!(headers[2], format!("Subject: {SUBJECT}"));
    assert_eq!(headers[3], "Date: Mon, 2 Mar 2026 09:30:00 +0000");
    assert!(headers[4].starts_with("Message-ID: <") && headers[4].ends_with("@gemeente.example>"));
    assert!(head.contains("Content-Type: text/plain; charset=utf-8\r\n"));
    assert!(head.contains("Content-Transfer-Encoding: 8bit"));
    assert!(body.contains("Gemeld op:                02-03-2026\r\n"));
    assert!(body.contains("Beoogde ontruimingsdatum: 15-04-2026\r\n"));
    assert!(!body.contains("Geplande"));
    assert!(body.contains("\r\nhttps://vangnet.example/gemeente/meldingen\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "bare LF");
    assert!(text.lines().all(|l| l.len() <= 78), "{text}");
    let again = message(&notice(None), &config(), None, at());
    assert_ne!(
        headers[4],
        again.split("\r\n").nth(4).unwrap(),
        "unique ids"
    );
}

#[test]
fn without_a_public_url_the_message_says_to_log_in_and_shows_a_planned_date() {
    let text = message(&notice(Some("2026-04-20")), &config(), None, at());
    assert!(text.contains("Log in bij vangnet"));
    assert!(!text.contains("http"));
    assert!(text.contains("Geplande ontruimingsdatum: 20-04-2026\r\n"));
}

#[test]
fn headers_outside_ascii_are_encoded_words() {
    assert_eq!(encoded_header("Melding"), "Melding");
    assert_eq!(
        encoded_header("Één melding?"),
        "=?utf-8?Q?=C3=89=C3=A9n_melding=3F?="
    );
}

#[test]
fn the_helo_name_is_the_senders_domain() {
    assert_eq!(config().helo(), "gemeente.example");
    let bare = MailConfig {
        from: "vangnet".into(),
        ..config()
    };
    assert_eq!(bare.helo(), "localhost");
}

#[tokio::test]
async fn recipients_are_the_active_users_of_that_gemeente() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mail.db");
    let store = vangnet_store::SqliteStore::open(path.to_str().unwrap())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let cli = || AuditEvent::new("test", "test", None).by_label("cli");
    let mut orgs = Vec::new();
    for (code, kind, gc, pcs) in [
        ("den-haag", "gemeente", Some("0518"), Some("2490-2599")),
        ("rijswijk", "gemeente", Some("0603"), Some("2280-2289")),
    ] {
        let new = NewOrg::parse(code, code, kind, gc, pcs).unwrap();
        orgs.push(store.create_org(&new, cli()).await.unwrap());
    }
    let mut ids = Vec::new();
    for (email, role, org) in [
        ("mw@haag.example", "medewerker", &orgs[0]),
        ("tl@haag.example", "teamleider", &orgs[0]),
        ("weg@haag.example", "medewerker", &orgs[0]),
        ("mw@rijswijk.example", "medewerker", &orgs[1]),
    ] {
        let new = NewUser::parse(email, "Naam", role, org.kind).unwrap();
        ids.push(
            store
                .create_user(org.id, &new, "x", cli())
                .await
                .unwrap()
                .id,
        );
    }
    store.set_user_disabled(ids[2], true, cli()).await.unwrap();
    let mut found = recipients(&store, orgs[0].id).await.unwrap();
    found.sort();
    assert_eq!(found, ["mw@haag.example", "tl@haag.example"]);
    assert!(recipients(&store, 999).await.unwrap().is_empty());
}
