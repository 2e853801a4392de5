//! The gate's policy by API, on SQLite and on PostgreSQL: a verhuurder's
//! system reads the moratoria, leniency and settings in force for a
//! gemeente on a date, as the gate applies them; others may not.

mod support;

use serde_json::Value;
use support::http::Client;
use support::server::{token, DemoServer};

on_both_databases!(the_policy_in_force_is_readable_per_gemeente_and_date);

fn the_policy_in_force_is_readable_per_gemeente_and_date(server: &DemoServer) {
    let reader = token(server, "haagse-woningstichting", "tenancies:read");
    let mut api = Client::new(&server.base_url);
    let read = |api: &mut Client, query: &str| {
        let reply = api.get_with_token(&format!("/api/v1/gate-policy{query}"), &reader);
        (reply.status, reply.json())
    };

    // Rijswijk has the demo's platform moratorium; Den Haag does not.
    let (status, rijswijk) = read(&mut api, "?gemeentecode=0603");
    assert_eq!(status, 200, "{rijswijk}");
    let moratoria = rijswijk["moratoria"].as_array().unwrap();
    assert_eq!(moratoria.len(), 1, "{rijswijk}");
    assert_eq!(moratoria[0]["gemeentecodes"], serde_json::json!(["0603"]));
    assert_eq!(
        rijswijk["version"],
        "vangnet-standaard-1+platform:demo-winterstop-rijswijk"
    );
    let (_, den_haag) = read(&mut api, "?gemeentecode=0518");
    assert_eq!(den_haag["moratoria"], Value::Array(vec![]));
    assert_eq!(den_haag["version"], "vangnet-standaard-1");
    assert_eq!(den_haag["signal_to_dagvaarding_days"], 60);

    // Before the moratorium was declared, it did not hold.
    let (_, earlier) = read(&mut api, "?gemeentecode=0603&on=2020-01-01");
    assert_eq!(earlier["moratoria"], Value::Array(vec![]));

    let (status, problem) = read(&mut api, "?gemeentecode=05l8");
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "gemeentecode", "{problem}");

    let gemeente = token(server, "den-haag", "cases:read,tenancies:read");
    let reply = api.get_with_token("/api/v1/gate-policy", &gemeente);
    assert_eq!(reply.status, 403, "{}", reply.body);
    let no_scope = token(server, "haagse-woningstichting", "signals:write");
    let reply = api.get_with_token("/api/v1/gate-policy", &no_scope);
    assert_eq!(reply.status, 403, "{}", reply.body);
}
