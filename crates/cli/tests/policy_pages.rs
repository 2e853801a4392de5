//! The gate's policy pages over HTTP against `vangnet demo`: who may open
//! which, the demo moratorium holding a tenancy back until the platform
//! lifts it, a moratorium declared through the form reaching the gate,
//! form mistakes answered 422 in Dutch, and a verhuurder refused a laxer
//! setting but allowed a stricter one. Every declaration is audited. On
//! SQLite and on PostgreSQL.

mod support;

use support::server::DemoServer;
use support::signals::logged_in;

const ADMIN: &str = "beheer@vangnet.example";
const WORKER: &str = "medewerker@woningstichting.example";
const LEAD: &str = "teamleider.huur@woningstichting.example";

fn tenancy_page(client: &mut support::http::Client, reference: &str) -> String {
    let list = client.get("/huur/dossiers");
    let id = list
        .body
        .split("<a href=\"/huur/dossiers/")
        .skip(1)
        .find(|part| part.contains(&format!(">{reference}</a>")))
        .and_then(|part| part.split('"').next())
        .unwrap_or_else(|| panic!("{reference} is not listed"))
        .to_string();
    let page = client.get(&format!("/huur/dossiers/{id}"));
    assert_eq!(page.status, 200, "{}", page.body);
    page.body
}

/// The ids of the versions that can still be ended, in page order.
fn open_versions(page: &str, base: &str) -> Vec<i64> {
    page.split(&format!("action=\"{base}/"))
        .skip(1)
        .filter_map(|part| part.split('/').next()?.parse().ok())
        .collect()
}

fn dutch(date: chrono::NaiveDate) -> String {
    date.format("%d-%m-%Y").to_string()
}

on_both_databases!(the_policy_pages_declare_and_lift_what_the_gate_applies);

fn the_policy_pages_declare_and_lift_what_the_gate_applies(server: &DemoServer) {
    let today = vangnet_domain::calendar::amsterdam_date(chrono::Utc::now());

    // Who may open which page.
    let mut worker = logged_in(server, WORKER);
    assert_eq!(worker.get("/huur/beleid").status, 403);
    assert_eq!(worker.get("/beheer/poortbeleid").status, 403);
    let mut gemeente = logged_in(server, "medewerker@denhaag.example");
    assert_eq!(gemeente.get("/huur/beleid").status, 403);
    let mut admin = logged_in(server, ADMIN);
    assert_eq!(admin.get("/huur/beleid").status, 403);
    let mut lead = logged_in(server, LEAD);
    assert_eq!(lead.get("/beheer/poortbeleid").status, 403);

    // The demo moratorium holds HWS-1007 back although prevention is done.
    let page = tenancy_page(&mut worker, "HWS-1007");
    assert!(
        page.contains("De poort houdt deze stap vandaag tegen"),
        "{page}"
    );
    assert!(page.contains("geldt een moratorium"), "{page}");

    let overview = admin.get("/beheer/poortbeleid");
    assert_eq!(overview.status, 200, "{}", overview.body);
    assert!(overview.body.contains("demo-winterstop-rijswijk"));
    assert!(overview.body.contains("Moratorium afkondigen"));
    let ids = open_versions(&overview.body, "/beheer/poortbeleid");
    assert_eq!(ids.len(), 1, "{}", overview.body);
    let csrf = admin.csrf();

    // Lifting it ends the moratorium: yesterday was its last day.
    let yesterday = today - chrono::Duration::days(1);
    let reply = admin.post_form(
        &format!("/beheer/poortbeleid/{}/beeindigen", ids[0]),
        &[("csrf_token", &csrf), ("einddatum", "gisteren")],
    );
    assert_eq!(reply.status, 422, "{}", reply.body);
    let reply = admin.post_form(
        &format!("/beheer/poortbeleid/{}/beeindigen", ids[0]),
        &[("csrf_token", &csrf), ("einddatum", &dutch(yesterday))],
    );
    assert_eq!(reply.status, 303, "{}", reply.body);
    let page = tenancy_page(&mut worker, "HWS-1007");
    assert!(
        page.contains("De poort laat deze stap vandaag toe"),
        "{page}"
    );

    // A moratorium through the form: every mistake named, then in force.
    let until = dutch(today + chrono::Duration::days(30));
    let reply = admin.post_form(
        "/beheer/poortbeleid/moratorium",
        &[
            ("csrf_token", &csrf),
            ("naam", "kerst"),
            ("van", &dutch(today)),
            ("tot", "31-02-2020"),
            ("gemeenten", "05l8"),
        ],
    );
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert!(reply.body.contains("href=\"#m-tot\""), "{}", reply.body);
    assert!(
        reply.body.contains("href=\"#m-gemeenten\""),
        "{}",
        reply.body
    );
    assert!(
        reply.body.contains("value=\"05l8\""),
        "the form keeps what was sent"
    );
    let reply = admin.post_form(
        "/beheer/poortbeleid/moratorium",
        &[
            ("csrf_token", &csrf),
            ("naam", "kerst"),
            ("van", &dutch(today)),
            ("tot", &until),
            ("gemeenten", "0518"),
            ("uitzondering_criminaliteit", "ja"),
        ],
    );
    assert_eq!(reply.status, 303, "{}", reply.body);
    let page = tenancy_page(&mut worker, "HWS-1003");
    assert!(page.contains("geldt een moratorium"), "{page}");
    assert!(page.contains("behalve bij criminaliteit"), "{page}");
    assert!(
        page.contains("platform:kerst"),
        "the decision names the version"
    );

    // The same name twice is refused.
    let reply = admin.post_form(
        "/beheer/poortbeleid/coulance",
        &[
            ("csrf_token", &csrf),
            ("naam", "kerst"),
            ("van", &dutch(today)),
            ("tot", &until),
            ("factor", "150"),
        ],
    );
    assert_eq!(reply.status, 409, "{}", reply.body);

    // A verhuurder may be stricter than the platform, never laxer.
    let mine = lead.get("/huur/beleid");
    assert_eq!(mine.status, 200, "{}", mine.body);
    let csrf = lead.csrf();
    let settings = |days: &str| {
        vec![
            ("csrf_token", csrf.clone()),
            ("naam", format!("eigen-{days}")),
            ("van", dutch(today)),
            ("receipt_days", "2".into()),
            ("veertiendagen_term_days", "14".into()),
            ("signal_to_dagvaarding_days", days.into()),
            ("dagvaarding_min_arrears_percent_of_rent", "300".into()),
            ("aanzegging_to_ontruiming_days", "14".into()),
            ("melding_to_ontruiming_working_days", "3".into()),
            ("bevrijdingsdag", "lustrum".into()),
        ]
    };
    let form = settings("30");
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let reply = lead.post_form("/huur/beleid/instellingen", &pairs);
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert!(
        reply.body.contains("het platform vraagt minstens 60"),
        "{}",
        reply.body
    );
    let form = settings("90");
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    // The medewerker's own token, so the refusal is the role's, not CSRF's.
    let worker_csrf = worker.csrf();
    let mut as_worker = pairs.clone();
    as_worker[0] = ("csrf_token", worker_csrf.as_str());
    let refused = worker.post_form("/huur/beleid/instellingen", &as_worker);
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(refused.body.contains("geen toegang"), "{}", refused.body);
    let reply = lead.post_form("/huur/beleid/instellingen", &pairs);
    assert_eq!(reply.status, 303, "{}", reply.body);
    let mine = lead.get("/huur/beleid?melding=afgekondigd");
    assert!(mine.body.contains("De nieuwe versie is vastgelegd."));
    assert!(mine.body.contains("eigen-90"));
    assert!(
        !mine.body.contains("demo-winterstop-rijswijk"),
        "the platform's versions are listed on the platform's page"
    );
    let page = tenancy_page(&mut worker, "HWS-1004");
    assert!(page.contains("verhuurder:eigen-90"), "{page}");

    let declared: Vec<_> = support::casework::audit_rows(server)
        .into_iter()
        .filter(|r| r.action.starts_with("gate_policy."))
        .map(|r| r.action)
        .collect();
    assert_eq!(
        declared,
        [
            "gate_policy.declare",
            "gate_policy.end",
            "gate_policy.declare",
            "gate_policy.declare"
        ]
    );
}
