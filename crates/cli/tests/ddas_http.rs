//! The DDAS delivery over HTTP against the real `vangnet demo` server: the
//! API (`GET /api/v1/organisations/{id}/ddas`) for a token with
//! `ddas:export`, the teamleider's download, and who is refused how.

mod support;

#[path = "../../domain/tests/support/ddas_support.rs"]
mod ddas_support;

use chrono::{Duration, Utc};
use serde_json::Value;
use support::ddas::{
    clear_ddas_settings, open_store, passes_the_schema, set_ddas_settings, signal_ids,
};
use support::http::Client;
use support::server::{token, DemoServer};
use support::signals::logged_in;
use vangnet_store::OrgScope;

/// The past year, so every demo signal is in it.
fn period() -> (String, String) {
    let today = Utc::now().date_naive();
    ((today - Duration::days(365)).to_string(), today.to_string())
}

fn without_timestamp(mut delivery: Value) -> Value {
    delivery
        .as_object_mut()
        .unwrap()
        .remove("aanleverdatumEnTijd");
    delivery
}

fn error_fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_delivery_goes_to_the_gemeente_only() {
    let server = DemoServer::start();
    let store = open_store(&server.db_path).await;
    let id_of = |code: &'static str| {
        let store = store.clone();
        async move { store.org_by_code(code).await.unwrap().unwrap().id }
    };
    let (haag, rijswijk) = (id_of("den-haag").await, id_of("rijswijk").await);
    let (from, to) = period();
    let path = |org: i64| format!("/api/v1/organisations/{org}/ddas?from={from}&to={to}");
    let exporter = token(&server, "den-haag", "ddas:export");
    let mut api = Client::new(&server.base_url);

    // Before the settings are made, the delivery names what is missing.
    clear_ddas_settings(&*store, haag).await;
    let reply = api.get_with_token(&path(haag), &exporter);
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(
        error_fields(&reply.json()),
        ["leverancierscode", "contactpersoon"]
    );
    set_ddas_settings(&*store, haag).await;

    let reply = api.get_with_token(&path(haag), &exporter);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(
        reply.header("content-disposition"),
        Some(format!("attachment; filename=\"ddas-0518-{from}-{to}.json\"").as_str())
    );
    let delivery = reply.json();
    assert_eq!(delivery["leveringen"][0]["gemeentecode"], "0518");
    let (listed, referred) = signal_ids(&delivery);
    assert!(
        !listed.is_empty(),
        "the demo's signals are in the past year"
    );
    assert_eq!(listed, referred);
    if ddas_support::validator_available() {
        let dir = tempfile::tempdir().unwrap();
        passes_the_schema(&reply.body, dir.path(), ddas_support::validate);
    }

    // Wrong dates are field errors; others' data does not exist; a token
    // needs the scope.
    let reply = api.get_with_token(
        &format!("/api/v1/organisations/{haag}/ddas?from=1-1-2025"),
        &exporter,
    );
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert_eq!(error_fields(&reply.json()), ["from", "to"]);
    assert_eq!(api.get_with_token(&path(rijswijk), &exporter).status, 404);
    let neighbour = token(&server, "rijswijk", "ddas:export");
    assert_eq!(api.get_with_token(&path(haag), &neighbour).status, 404);
    let reader = token(&server, "den-haag", "cases:read");
    let reply = api.get_with_token(&path(haag), &reader);
    assert_eq!(reply.status, 403, "{}", reply.body);
    assert_eq!(api.get(&path(haag)).status, 401);

    // The teamleider downloads the same delivery from the page.
    let mut teamleider = logged_in(&server, "teamleider@denhaag.example");
    let form = teamleider.get("/gemeente/ddas");
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.body.contains("name=\"from\""), "{}", form.body);
    let download = teamleider.get(&format!("/gemeente/ddas?from={from}&to={to}"));
    assert_eq!(download.status, 200, "{}", download.body);
    assert!(download
        .header("content-disposition")
        .is_some_and(|d| d.starts_with("attachment;")));
    assert_eq!(
        without_timestamp(download.json()),
        without_timestamp(delivery)
    );
    let wrong = teamleider.get("/gemeente/ddas?from=2025-02-01&to=2025-01-31");
    assert_eq!(wrong.status, 422);
    assert!(
        wrong.body.contains("ligt na de einddatum"),
        "{}",
        wrong.body
    );

    // A medewerker does the daily work but does not report to CBS.
    let mut medewerker = logged_in(&server, "medewerker@denhaag.example");
    assert_eq!(medewerker.get("/gemeente/ddas").status, 403);
    let mut neighbour = logged_in(&server, "medewerker@rijswijk.example");
    assert_eq!(neighbour.get("/gemeente/ddas").status, 403);

    // Each delivery is audited, by token or by person, with its counts.
    let audit = store
        .list_audit(OrgScope::Only(haag), None, 1000)
        .await
        .unwrap();
    let exports: Vec<Value> = audit
        .iter()
        .filter(|e| e.event.action == "ddas.export")
        .map(|e| serde_json::from_str(&e.event.detail).unwrap())
        .collect();
    assert_eq!(exports.len(), 2, "{exports:?}");
    for detail in &exports {
        assert_eq!(detail["completed"], true);
        assert_eq!(detail["signals"], listed.len());
        assert_eq!(detail["from"], from.as_str());
    }
}
