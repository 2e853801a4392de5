//! Tenancies and the gate by API against the real `vangnet demo` server, on
//! SQLite and on PostgreSQL: a summons blocked with its reasons until the
//! home visit, the same decision through the API, `vangnet gate eval` and
//! the pure function, the gemeente's art. 14 notice, who may see what, and
//! the four-eyes override through the shared service.

mod support;

use chrono::{Duration, NaiveDate};
use serde_json::{json, Value};
use support::http::Client;
use support::server::{admin, token, DemoServer};
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::org::OrgKind;
use vangnet_domain::permission::{Actor, Credential};
use vangnet_domain::tenancy::{GateRequest, Policy};
use vangnet_domain::user::Role;
use vangnet_store::OrgScope;
use vangnet_web::tenancy::{self as service, EventInput, TenancyActor, TenancyError};

on_both_databases!(
    tenancies_come_in_per_item_and_are_listed_with_stage_and_arrears,
    a_summons_is_blocked_until_the_home_visit_and_the_decision_is_kept,
    the_api_the_cli_and_the_pure_function_decide_the_same,
    the_melding_reaches_only_its_gemeente,
    only_the_verhuurders_own_tokens_see_and_write_tenancies,
    an_override_needs_a_second_person_who_is_teamleider,
);

const VERHUURDER: &str = "haagse-woningstichting";
const RENT: i64 = 75_000;

fn today() -> NaiveDate {
    vangnet_domain::calendar::amsterdam_date(chrono::Utc::now())
}

fn ago(days: i64) -> String {
    (today() - Duration::days(days)).to_string()
}

fn tenancy(reference: &str) -> Value {
    json!({
        "reference": reference,
        "tenants": ["J. de Wit"],
        "street": "Laan van Meerdervoort",
        "house_number": "12",
        "addition": "A",
        "postcode": "2517 AB",
        "city": "Den Haag",
        "monthly_rent_cents": RENT,
        "start_date": "2019-05-01"
    })
}

/// A tenancy with four months of rent due and nothing paid; returns its id.
fn arrears_tenancy(api: &mut Client, writer: &str, reference: &str) -> i64 {
    let reply = api.post_json_with_token("/api/v1/tenancies", writer, tenancy(reference));
    assert_eq!(reply.status, 200, "{}", reply.body);
    let id = reply.json()["items"][0]["tenancy_id"].as_i64().unwrap();
    let ledger: Vec<Value> = (1..=4)
        .map(|m| {
            json!({"kind": "due", "on_date": ago(30 * m), "amount_cents": RENT,
                   "reference": format!("huur-{m}")})
        })
        .collect();
    let reply = api.post_json_with_token(
        &format!("/api/v1/tenancies/{id}/ledger"),
        writer,
        Value::Array(ledger),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    id
}

fn post_event(api: &mut Client, writer: &str, id: i64, event: Value) -> support::http::Reply {
    api.post_json_with_token(&format!("/api/v1/tenancies/{id}/events"), writer, event)
}

/// Everything a summons needs except the home visit.
fn prevention_tried(api: &mut Client, writer: &str, id: i64) {
    for event in [
        json!({"kind": "herinnering", "date": ago(120)}),
        json!({"kind": "veertiendagenbrief", "date": ago(110)}),
        json!({"kind": "contactpoging", "date": ago(100), "soort": "Telefoon", "bereikt": true}),
        json!({"kind": "signaal_gemeente", "date": ago(90)}),
        json!({"kind": "betalingsregeling_aangeboden", "date": ago(80)}),
    ] {
        let reply = post_event(api, writer, id, event);
        assert_eq!(reply.status, 201, "{}", reply.body);
        assert_eq!(reply.json()["outcome"], "direct");
    }
    // The bailiff goes through the gate, and its rules are met by now.
    let reply = post_event(
        api,
        writer,
        id,
        json!({"kind": "deurwaarder", "date": ago(70)}),
    );
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.json()["outcome"], "recorded");
}

fn unmet(reasons: &Value) -> Vec<String> {
    reasons
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["met"] == false)
        .map(|r| r["rule"].as_str().unwrap().to_string())
        .collect()
}

fn rules_and_met(reasons: &Value) -> Vec<(String, bool)> {
    reasons
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["rule"].as_str().unwrap().to_string(), r["met"] == true))
        .collect()
}

fn org_id(api: &mut Client, server: &DemoServer, org: &str) -> i64 {
    let reader = token(server, org, "org:read");
    api.get_with_token("/api/v1/me", &reader).json()["organisation"]["id"]
        .as_i64()
        .unwrap()
}

fn tenancies_come_in_per_item_and_are_listed_with_stage_and_arrears(server: &DemoServer) {
    let writer = token(server, VERHUURDER, "tenancies:read,tenancies:write");
    let mut api = Client::new(&server.base_url);
    let mut broken = tenancy("API-2");
    broken["postcode"] = json!("12");
    broken["monthly_rent_cents"] = json!(0);
    broken["grounds"] = json!("wanbetaling");
    let reply = api.post_json_with_token(
        "/api/v1/tenancies",
        &writer,
        json!([tenancy("API-1"), broken, tenancy("API-1")]),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let body = reply.json();
    assert_eq!(body["created"], 1, "{body}");
    assert_eq!(body["rejected"], 2, "{body}");
    let items = body["items"].as_array().unwrap();
    assert_eq!(items[0]["outcome"], "created");
    assert_eq!(items[0]["unroutable"], false);
    let fields: Vec<&str> = items[1]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["postcode", "grounds", "monthly_rent_cents"],
        "{body}"
    );
    assert!(items[2]["errors"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("eerder in dit verzoek"));

    // Sent again by PUT: unchanged, then updated.
    let reply = api.put_json_with_token("/api/v1/tenancies", &writer, tenancy("API-1"));
    assert_eq!(reply.json()["unchanged"], 1, "{}", reply.body);
    let mut raised = tenancy("API-1");
    raised["monthly_rent_cents"] = json!(RENT + 1_000);
    let reply = api.put_json_with_token("/api/v1/tenancies", &writer, raised);
    assert_eq!(reply.json()["updated"], 1, "{}", reply.body);

    let id = items[0]["tenancy_id"].as_i64().unwrap();
    post_event(
        &mut api,
        &writer,
        id,
        json!({"kind": "herinnering", "date": ago(3)}),
    );
    let ledger = json!([{"kind": "due", "on_date": ago(10), "amount_cents": 50_000}]);
    api.post_json_with_token(&format!("/api/v1/tenancies/{id}/ledger"), &writer, ledger);
    let list = api.get_with_token("/api/v1/tenancies", &writer).json();
    let row = list
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .expect("listed");
    assert_eq!(row["stage"], "herinnering");
    assert_eq!(row["arrears"]["arrears_cents"], 50_000);
    assert_eq!(row["data"]["gemeentecode"], "0518");

    // An invalid event is refused field by field, in Dutch.
    let reply = post_event(
        &mut api,
        &writer,
        id,
        json!({"kind": "contactpoging", "date": ago(1), "soort": "Duif"}),
    );
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert!(reply.body.contains("bereikt"), "{}", reply.body);
    assert!(reply.body.contains("DDAS-contactsoort"), "{}", reply.body);
    let tomorrow = (today() + Duration::days(1)).to_string();
    let reply = post_event(
        &mut api,
        &writer,
        id,
        json!({"kind": "aanmaning", "date": tomorrow}),
    );
    assert_eq!(reply.status, 422, "{}", reply.body);
}

fn a_summons_is_blocked_until_the_home_visit_and_the_decision_is_kept(server: &DemoServer) {
    let writer = token(server, VERHUURDER, "tenancies:read,tenancies:write");
    let mut api = Client::new(&server.base_url);
    let id = arrears_tenancy(&mut api, &writer, "API-10");
    prevention_tried(&mut api, &writer, id);

    let reply = post_event(
        &mut api,
        &writer,
        id,
        json!({"kind": "dagvaarding", "date": ago(0)}),
    );
    assert_eq!(reply.status, 409, "{}", reply.body);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    let blocked = reply.json();
    assert_eq!(blocked["allowed"], false);
    assert_eq!(unmet(&blocked["reasons"]), ["home_visit"], "{blocked}");
    let page = api
        .get_with_token(&format!("/api/v1/tenancies/{id}"), &writer)
        .json();
    assert!(
        page["events"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["event"]["kind"] != "dagvaarding"),
        "a blocked step is not recorded"
    );
    assert_eq!(page["next_step"], "dagvaarding");

    let visit =
        json!({"kind": "contactpoging", "date": ago(1), "soort": "Huisbezoek", "bereikt": false});
    assert_eq!(post_event(&mut api, &writer, id, visit).status, 201);
    let reply = post_event(
        &mut api,
        &writer,
        id,
        json!({"kind": "dagvaarding", "date": ago(0)}),
    );
    assert_eq!(reply.status, 201, "{}", reply.body);
    let allowed = reply.json();
    assert_eq!(allowed["outcome"], "recorded");
    assert_eq!(allowed["decision"]["allowed"], true);
    assert!(unmet(&allowed["decision"]["reasons"]).is_empty());
    let decision_id = allowed["decision_id"].as_i64().unwrap();

    // Read back exactly as it was made, and linked to the step.
    let page = api
        .get_with_token(&format!("/api/v1/tenancies/{id}"), &writer)
        .json();
    let stored = page["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == decision_id)
        .expect("the decision is stored");
    assert_eq!(stored["data"]["reasons"], allowed["decision"]["reasons"]);
    assert_eq!(stored["data"]["allowed"], true);
    assert_eq!(stored["data"]["step"], "dagvaarding");
    assert_eq!(
        stored["data"]["policy_version"],
        allowed["decision"]["policy_version"]
    );
    let blocked_stored = page["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == blocked["decision_id"])
        .expect("the blocked decision is kept too");
    assert_eq!(blocked_stored["data"]["reasons"], blocked["reasons"]);
    let summons = page["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["event"]["kind"] == "dagvaarding")
        .expect("recorded");
    assert_eq!(summons["gate_decision_id"], decision_id);
    assert_eq!(page["tenancy"]["stage"], "dagvaarding");
}

fn the_api_the_cli_and_the_pure_function_decide_the_same(server: &DemoServer) {
    let writer = token(server, VERHUURDER, "tenancies:read,tenancies:write");
    let mut api = Client::new(&server.base_url);
    let id = arrears_tenancy(&mut api, &writer, "API-20");
    prevention_tried(&mut api, &writer, id);

    let reply = api.post_json_with_token(
        &format!("/api/v1/tenancies/{id}/gate"),
        &writer,
        json!({"step": "dagvaarding"}),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let by_api = reply.json();
    let page = api
        .get_with_token(&format!("/api/v1/tenancies/{id}"), &writer)
        .json();
    assert!(
        page["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["data"]["step"] != "dagvaarding"),
        "a what-if stores nothing"
    );

    // The same facts as a `gate eval` document.
    let events: Vec<Value> = page["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let mut event = e["event"]["details"].clone();
            event["kind"] = e["event"]["kind"].clone();
            event["date"] = e["event"]["on_date"].clone();
            event
        })
        .collect();
    let document = json!({
        "today": by_api["today"],
        "step": "dagvaarding",
        "grounds": "huurachterstand",
        "gemeentecode": "0518",
        "monthly_rent_cents": RENT,
        "arrears_cents": page["tenancy"]["arrears"]["arrears_cents"],
        "events": events,
    });
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("scenario.json");
    std::fs::write(&file, document.to_string()).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_vangnet"))
        .args(["gate", "eval"])
        .arg(&file)
        .arg("--json")
        .env_remove("VANGNET_DATABASE_URL")
        .output()
        .expect("run gate eval");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let by_cli: Value = serde_json::from_slice(&output.stdout).unwrap();
    let request = GateRequest::from_json(&document, &Policy::default()).expect("valid");
    let by_function = serde_json::to_value(request.evaluate().expect("decided")).unwrap();

    let api_decision = &by_api["decision"];
    assert_eq!(api_decision["allowed"], false);
    for other in [&by_cli, &by_function] {
        assert_eq!(other["allowed"], api_decision["allowed"]);
        assert_eq!(
            rules_and_met(&other["reasons"]),
            rules_and_met(&api_decision["reasons"])
        );
        assert_eq!(other["policy_version"], api_decision["policy_version"]);
    }
}

fn the_melding_reaches_only_its_gemeente(server: &DemoServer) {
    let writer = token(server, VERHUURDER, "tenancies:read,tenancies:write");
    let mut api = Client::new(&server.base_url);
    let id = arrears_tenancy(&mut api, &writer, "API-30");
    prevention_tried(&mut api, &writer, id);
    let visit =
        json!({"kind": "contactpoging", "date": ago(60), "soort": "Huisbezoek", "bereikt": true});
    assert_eq!(post_event(&mut api, &writer, id, visit).status, 201);
    for (kind, days) in [("dagvaarding", 50), ("vonnis", 30), ("betekening", 20)] {
        let reply = post_event(
            &mut api,
            &writer,
            id,
            json!({"kind": kind, "date": ago(days)}),
        );
        assert_eq!(reply.status, 201, "{kind}: {}", reply.body);
    }
    let reply = post_event(
        &mut api,
        &writer,
        id,
        json!({"kind": "ontruimingsaanzegging", "date": ago(2)}),
    );
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.json()["outcome"], "recorded");

    // Without the intended date the store refuses the melding.
    let reply = post_event(
        &mut api,
        &writer,
        id,
        json!({"kind": "melding_gemeente_ontruiming", "date": ago(1)}),
    );
    assert_eq!(reply.status, 422, "{}", reply.body);
    let intended = (today() + Duration::days(30)).to_string();
    let reply = post_event(
        &mut api,
        &writer,
        id,
        json!({"kind": "melding_gemeente_ontruiming", "date": ago(1), "target_date": intended}),
    );
    assert_eq!(reply.status, 201, "{}", reply.body);
    let notice_id = reply.json()["recorded"]["notice"]["notice_id"]
        .as_i64()
        .expect("a notice");

    let haag = org_id(&mut api, server, "den-haag");
    let rijswijk = org_id(&mut api, server, "rijswijk");
    let path = |org: i64| format!("/api/v1/organisations/{org}/eviction-notices");
    let haag_reader = token(server, "den-haag", "cases:read");
    let reply = api.get_with_token(&path(haag), &haag_reader);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let notices = reply.json();
    let notice = notices
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == notice_id)
        .expect("the gemeente sees the melding");
    assert_eq!(notice["intended_date"], intended);
    assert_eq!(notice["address"]["postcode"], "2517AB");

    // Planning the eviction goes through the gate and shows the date.
    let planned = (today() + Duration::days(30)).to_string();
    let reply = post_event(
        &mut api,
        &writer,
        id,
        json!({"kind": "ontruiming_gepland", "date": ago(0), "planned_date": planned}),
    );
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.json()["outcome"], "recorded");
    let notices = api.get_with_token(&path(haag), &haag_reader).json();
    let notice = notices
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == notice_id)
        .unwrap();
    assert_eq!(notice["planned_date"], planned);

    let neighbour = token(server, "rijswijk", "cases:read");
    assert_eq!(api.get_with_token(&path(haag), &neighbour).status, 404);
    let own = api.get_with_token(&path(rijswijk), &neighbour);
    assert_eq!(own.status, 200);
    assert_eq!(own.json(), json!([]));
    let verhuurder = token(server, VERHUURDER, "cases:read,tenancies:read");
    assert_eq!(api.get_with_token(&path(haag), &verhuurder).status, 404);
}

fn only_the_verhuurders_own_tokens_see_and_write_tenancies(server: &DemoServer) {
    let writer = token(server, VERHUURDER, "tenancies:read,tenancies:write");
    let mut api = Client::new(&server.base_url);
    let id = arrears_tenancy(&mut api, &writer, "API-40");
    let one = format!("/api/v1/tenancies/{id}");
    assert_eq!(api.get_with_token(&one, &writer).status, 200);

    let (ok, _, err) = admin(
        server,
        &[
            "org",
            "add",
            "--code",
            "tweede-verhuurder",
            "--name",
            "Tweede Verhuurder",
            "--kind",
            "verhuurder",
        ],
        None,
    );
    assert!(ok, "{err}");
    let other = token(
        server,
        "tweede-verhuurder",
        "tenancies:read,tenancies:write",
    );
    assert_eq!(api.get_with_token(&one, &other).status, 404);
    let herinnering = json!({"kind": "herinnering", "date": ago(1)});
    assert_eq!(
        post_event(&mut api, &other, id, herinnering.clone()).status,
        404
    );
    let gate = format!("/api/v1/tenancies/{id}/gate");
    let what_if = json!({"step": "deurwaarder"});
    assert_eq!(
        api.post_json_with_token(&gate, &other, what_if.clone())
            .status,
        404
    );
    let list = api.get_with_token("/api/v1/tenancies", &other);
    assert_eq!(list.json(), json!([]), "{}", list.body);

    let gemeente = token(server, "den-haag", "tenancies:read,tenancies:write");
    assert_eq!(
        api.get_with_token("/api/v1/tenancies", &gemeente).status,
        403
    );
    assert!(matches!(
        api.get_with_token(&one, &gemeente).status,
        403 | 404
    ));

    let reader = token(server, VERHUURDER, "tenancies:read");
    assert_eq!(api.get_with_token(&one, &reader).status, 200);
    assert_eq!(
        api.post_json_with_token(&gate, &reader, what_if).status,
        200
    );
    assert_eq!(post_event(&mut api, &reader, id, herinnering).status, 403);
    let reply = api.post_json_with_token("/api/v1/tenancies", &reader, tenancy("API-41"));
    assert_eq!(reply.status, 403, "{}", reply.body);
}

fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

fn person(org_id: i64, user_id: i64, role: Role) -> Actor {
    Actor {
        org_id,
        org_kind: OrgKind::Verhuurder,
        credential: Credential::User { user_id, role },
    }
}

fn an_override_needs_a_second_person_who_is_teamleider(server: &DemoServer) {
    let writer = token(server, VERHUURDER, "tenancies:read,tenancies:write");
    let mut api = Client::new(&server.base_url);
    let id = arrears_tenancy(&mut api, &writer, "API-50");
    let reply = post_event(
        &mut api,
        &writer,
        id,
        json!({"kind": "dagvaarding", "date": ago(0)}),
    );
    assert_eq!(reply.status, 409, "{}", reply.body);
    let decision_id = reply.json()["decision_id"].as_i64().unwrap();
    for (email, role) in [
        ("teamleider@woningstichting.example", "teamleider"),
        ("teamleider2@woningstichting.example", "teamleider"),
    ] {
        let (ok, _, err) = admin(
            server,
            &[
                "user",
                "add",
                "--org",
                VERHUURDER,
                "--email",
                email,
                "--name",
                "Teamleider",
                "--role",
                role,
                "--password-stdin",
            ],
            Some("een-lang-genoeg-wachtwoord-2026\n"),
        );
        assert!(ok, "{err}");
    }

    block_on(async {
        let store = vangnet_store::connect(&server.database_url).await.unwrap();
        let org = store
            .list_orgs(OrgScope::All)
            .await
            .unwrap()
            .into_iter()
            .find(|o| o.code == VERHUURDER)
            .unwrap();
        let users = store.list_users(OrgScope::Only(org.id)).await.unwrap();
        let user = |email: &str| users.iter().find(|u| u.email == email).unwrap().id;
        let worker = person(
            org.id,
            user("medewerker@woningstichting.example"),
            Role::Medewerker,
        );
        let lead = person(
            org.id,
            user("teamleider@woningstichting.example"),
            Role::Teamleider,
        );
        let lead2 = person(
            org.id,
            user("teamleider2@woningstichting.example"),
            Role::Teamleider,
        );
        let audit = |action: &str| AuditEvent::new(action, "tenancy", None).by_label("test");
        let who = |actor| TenancyActor {
            actor,
            audit: &audit,
        };
        let step: EventInput =
            serde_json::from_value(json!({"kind": "dagvaarding", "date": ago(0)})).unwrap();
        let reason = "De huurder heeft de woning verlaten en is onbereikbaar.";

        let short = service::request_override(
            &*store,
            &who(&worker),
            id,
            decision_id,
            &step,
            "ok",
            today(),
        )
        .await;
        assert!(matches!(short, Err(TenancyError::Invalid(_))), "{short:?}");

        // A teamleider may not approve their own request.
        let own = service::request_override(
            &*store,
            &who(&lead),
            id,
            decision_id,
            &step,
            reason,
            today(),
        )
        .await
        .unwrap();
        let refused = service::approve_override(&*store, &who(&lead), own, None).await;
        assert!(
            refused.is_err(),
            "the requester approved their own override"
        );
        service::reject_override(&*store, &who(&lead2), own)
            .await
            .unwrap();

        let pending = service::request_override(
            &*store,
            &who(&worker),
            id,
            decision_id,
            &step,
            reason,
            today(),
        )
        .await
        .unwrap();
        // A medewerker may not approve, not even someone else's request.
        let refused = service::approve_override(&*store, &who(&worker), pending, None).await;
        assert!(
            matches!(refused, Err(TenancyError::Refused(_))),
            "{refused:?}"
        );
        let recorded = service::approve_override(&*store, &who(&lead), pending, None)
            .await
            .unwrap();
        assert!(recorded.event_id > 0);
    });

    let page = api
        .get_with_token(&format!("/api/v1/tenancies/{id}"), &writer)
        .json();
    let statuses: Vec<&str> = page["overrides"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["rejected", "approved"]);
    let summons = page["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["event"]["kind"] == "dagvaarding")
        .expect("recorded on approval");
    assert!(summons["override_id"].is_i64(), "{summons}");
}
