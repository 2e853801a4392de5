//! Vroegsignalering intake over HTTP against the real `vangnet demo`
//! server: the signals API (single, batch, duplicates, updates, rejections,
//! objections, unroutable postcodes, household matching across partners),
//! who may do what, the partner and gemeente pages, and the CSV upload with
//! its rejected-rows download.

mod support;

use chrono::{Duration, Utc};
use serde_json::{json, Value};
use support::http::{Client, Reply};
use support::server::{token, DemoServer};
use support::signals::{days_ago, logged_in};

const CORPORATION: &str = "haagse-woningstichting";
const ENERGY: &str = "energie-west";

/// A valid rent signal for a Den Haag address no demo household uses.
fn rent(kenmerk: &str, amount: &str, surname: &str, postcode: &str, number: &str) -> Value {
    json!({
        "kenmerk": kenmerk,
        "soort": "Huur",
        "bedrag": amount,
        "ontstaansdatum": days_ago(70),
        "signaaldatum": days_ago(5),
        "voorletters": "T.",
        "achternaam": surname,
        "straatnaam": "Teststraat",
        "huisnummer": number,
        "postcode": postcode,
        "plaatsnaam": "Den Haag",
        "maandhuur": "725,00",
        "contact_gezocht": "ja",
        "gewezen_op_schuldhulp": "ja",
        "herinnering_verstuurd": days_ago(20),
        "bezwaar_tegen_doorgeven": "nee",
    })
}

/// A valid energy signal; the amount as a JSON number, which the API allows.
fn energy(kenmerk: &str, surname: &str, postcode: &str, number: &str) -> Value {
    json!({
        "kenmerk": kenmerk,
        "soort": "Energie",
        "bedrag": 312.4,
        "signaaldatum": days_ago(3),
        "achternaam": surname,
        "huisnummer": number,
        "postcode": postcode,
        "plaatsnaam": "Den Haag",
    })
}

fn submit(client: &mut Client, token: &str, body: Value) -> Value {
    let reply = client.post_json_with_token("/api/v1/signals", token, body);
    assert_eq!(reply.status, 200, "POST /api/v1/signals: {}", reply.body);
    reply.json()
}

fn items(answer: &Value) -> &Vec<Value> {
    answer["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items in {answer}"))
}

fn outcomes(answer: &Value) -> Vec<&str> {
    items(answer)
        .iter()
        .map(|i| i["outcome"].as_str().unwrap_or("?"))
        .collect()
}

fn own_signals(client: &mut Client, token: &str) -> Vec<Value> {
    let reply = client.get_with_token("/api/v1/signals?limit=500", token);
    assert_eq!(reply.status, 200, "GET /api/v1/signals: {}", reply.body);
    reply.json().as_array().cloned().expect("a JSON array")
}

fn kenmerken(signals: &[Value]) -> Vec<String> {
    signals
        .iter()
        .map(|s| s["kenmerk"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn assert_problem(reply: &Reply, status: u16, what: &str) {
    assert_eq!(reply.status, status, "{what}: {}", reply.body);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json"),
        "{what}"
    );
    assert_eq!(reply.json()["status"], status, "{what}");
}

#[test]
fn api_accepts_one_and_a_batch_then_sees_duplicates_and_updates() {
    let server = DemoServer::start();
    let mut client = Client::new(&server.base_url);
    let write = token(&server, CORPORATION, "signals:write,signals:read");

    // One object.
    let single = submit(
        &mut client,
        &write,
        rent("API-0001", "1.200,00", "Single", "2511 AB", "1"),
    );
    assert_eq!(outcomes(&single), ["accepted"], "{single}");
    let item = &items(&single)[0];
    assert_eq!(item["line"], 1);
    assert!(item["signal_id"].is_i64(), "{item}");
    // Partners never learn about cases: that would reveal other creditors.
    assert!(item.get("case_id").is_none(), "{item}");
    assert_eq!(single["summary"]["accepted"], 1);
    assert!(single["summary"].get("cases_created").is_none(), "{single}");

    // A batch; booleans as JSON booleans are read as ja/nee.
    let mut booleans = rent("API-0003", "850,00", "Boole", "2511 AB", "3");
    booleans["contact_gezocht"] = json!(true);
    booleans["gewezen_op_schuldhulp"] = json!(true);
    booleans["bezwaar_tegen_doorgeven"] = json!(false);
    // Dates may also be written jjjj-mm-dd.
    let iso = |days: i64| {
        (Utc::now().date_naive() - Duration::days(days))
            .format("%Y-%m-%d")
            .to_string()
    };
    booleans["signaaldatum"] = json!(iso(6));
    booleans["herinnering_verstuurd"] = json!(iso(30));
    let batch = json!([
        rent("API-0002", "2.000,00", "Batch", "2511 AB", "2"),
        booleans,
        energy("API-0004", "Energiek", "2511 AB", "4"),
    ]);
    let first = submit(&mut client, &write, batch.clone());
    assert_eq!(
        outcomes(&first),
        ["accepted", "accepted", "accepted"],
        "{first}"
    );
    for (position, item) in items(&first).iter().enumerate() {
        assert_eq!(item["line"], position as u64 + 1, "{item}");
        assert!(item["signal_id"].is_i64(), "{item}");
        assert!(item.get("errors").is_none(), "{item}");
    }
    assert_eq!(first["summary"]["accepted"], 3);
    assert_eq!(first["summary"]["rejected"], 0);

    // The same batch again changes nothing.
    let again = submit(&mut client, &write, batch.clone());
    assert_eq!(
        outcomes(&again),
        ["duplicate", "duplicate", "duplicate"],
        "{again}"
    );
    assert_eq!(again["summary"]["duplicates"], 3);
    assert_eq!(again["summary"]["accepted"], 0);
    for (dup, original) in items(&again).iter().zip(items(&first)) {
        assert_eq!(dup["signal_id"], original["signal_id"], "{dup}");
    }

    // A changed amount for a known kenmerk updates that signal.
    let mut changed = batch[0].clone();
    changed["bedrag"] = json!("2.250,00");
    let updated = submit(&mut client, &write, changed);
    assert_eq!(outcomes(&updated), ["updated"], "{updated}");
    assert_eq!(updated["summary"]["updated"], 1);
    assert_eq!(
        items(&updated)[0]["signal_id"],
        items(&first)[0]["signal_id"],
        "an update changes the same signal"
    );

    let listed = own_signals(&mut client, &write);
    let row = listed
        .iter()
        .find(|s| s["kenmerk"] == "API-0002")
        .unwrap_or_else(|| panic!("API-0002 not listed: {listed:?}"));
    assert_eq!(row["amount_cents"], 225_000, "{row}");
    assert_eq!(row["version"], 2, "{row}");
    let energy_row = listed.iter().find(|s| s["kenmerk"] == "API-0004").unwrap();
    assert_eq!(energy_row["amount_cents"], 31_240, "{energy_row}");
    let names = kenmerken(&listed);
    assert_eq!(
        names.iter().filter(|k| k.starts_with("API-")).count(),
        4,
        "each kenmerk listed once: {names:?}"
    );
}

#[test]
fn api_rejects_a_row_with_one_error_per_problem() {
    let server = DemoServer::start();
    let mut client = Client::new(&server.base_url);
    let write = token(&server, CORPORATION, "signals:write,signals:read");

    let mut bad = rent("API-BAD-1", "veel", "", "12AB", "7");
    bad["signaaldatum"] = json!((Utc::now().date_naive() + Duration::days(10))
        .format("%Y-%m-%d")
        .to_string());
    bad["contact_gezocht"] = json!("nee");
    let answer = submit(
        &mut client,
        &write,
        json!([rent("API-GOOD-1", "500,00", "Goed", "2512 AB", "9"), bad]),
    );
    assert_eq!(outcomes(&answer), ["accepted", "rejected"], "{answer}");
    assert_eq!(answer["summary"]["accepted"], 1);
    assert_eq!(answer["summary"]["rejected"], 1);

    let rejected = &items(&answer)[1];
    assert_eq!(rejected["line"], 2, "{rejected}");
    assert!(rejected.get("signal_id").is_none(), "{rejected}");
    assert!(rejected.get("case_id").is_none(), "{rejected}");
    let errors = rejected["errors"].as_array().expect("errors");
    for error in errors {
        assert_eq!(error["line"], 2, "{error}");
        for key in ["column", "code", "message"] {
            assert!(
                error[key].as_str().is_some_and(|v| !v.is_empty()),
                "{key} missing in {error}"
            );
        }
    }
    let found: Vec<(&str, &str)> = errors
        .iter()
        .map(|e| (e["column"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    let expected = [
        ("bedrag", "amount.format"),
        ("signaaldatum", "date.future"),
        ("achternaam", "value.required"),
        ("postcode", "postcode.format"),
        ("contact_gezocht", "rent.no_contact"),
    ];
    for (column, code) in expected {
        assert!(
            found.contains(&(column, code)),
            "expected {code} on {column}, got {found:?}"
        );
    }
    assert_eq!(
        found.len(),
        expected.len(),
        "one error per problem: {found:?}"
    );

    let listed = kenmerken(&own_signals(&mut client, &write));
    assert!(listed.contains(&"API-GOOD-1".to_string()), "{listed:?}");
    assert!(!listed.contains(&"API-BAD-1".to_string()), "{listed:?}");
}

#[test]
fn api_objection_is_not_kept_and_an_unservable_postcode_is_counted() {
    let server = DemoServer::start();
    let mut client = Client::new(&server.base_url);
    let write = token(&server, CORPORATION, "signals:write,signals:read");

    let mut objection = rent("API-OBJ-1", "640,00", "Bezwaar", "2513 AB", "11");
    objection["bezwaar_tegen_doorgeven"] = json!("ja");
    let answer = submit(&mut client, &write, objection);
    assert_eq!(outcomes(&answer), ["objected"], "{answer}");
    assert_eq!(answer["summary"]["objected"], 1);
    assert_eq!(answer["summary"]["accepted"], 0);
    assert!(items(&answer)[0].get("signal_id").is_none(), "{answer}");
    assert!(items(&answer)[0].get("case_id").is_none(), "{answer}");

    let nowhere = submit(
        &mut client,
        &write,
        rent("API-9999", "700,00", "Nergens", "9999 ZZ", "1"),
    );
    assert_eq!(outcomes(&nowhere), ["accepted"], "{nowhere}");
    assert_eq!(nowhere["summary"]["accepted"], 1);
    assert_eq!(nowhere["summary"]["unroutable"], 1, "{nowhere}");

    let listed = kenmerken(&own_signals(&mut client, &write));
    assert!(
        !listed.contains(&"API-OBJ-1".to_string()),
        "an objected signal must not be kept: {listed:?}"
    );
    assert!(listed.contains(&"API-9999".to_string()), "{listed:?}");

    let mut admin = logged_in(&server, "beheer@vangnet.example");
    let page = admin.get("/beheer/onrouteerbaar");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("API-9999"), "{}", page.body);
}

#[test]
fn one_household_from_two_partners_shares_one_case() {
    let server = DemoServer::start();
    let mut client = Client::new(&server.base_url);
    let corporation = token(&server, CORPORATION, "signals:write");
    let energy_company = token(&server, ENERGY, "signals:write");

    let first = submit(
        &mut client,
        &corporation,
        rent("HH-HUUR-1", "1.500,00", "Huishouden", "2514 CD", "21"),
    );
    assert_eq!(outcomes(&first), ["accepted"], "{first}");

    // Same address, written differently.
    let second = submit(
        &mut client,
        &energy_company,
        energy("HH-ENERGIE-1", "Huishouden", "2514cd", "21"),
    );
    assert_eq!(outcomes(&second), ["accepted"], "{second}");
    assert!(second["summary"].get("cases_joined").is_none(), "{second}");

    // Only the gemeente sees that both signals share one case.
    let mut gemeente = logged_in(&server, "medewerker@denhaag.example");
    let cases = gemeente.get("/gemeente/zaken").body;
    let row = cases.find("2514CD 21").expect("the household's case");
    let link =
        cases[..row].rfind("/gemeente/zaken/").expect("a case link") + "/gemeente/zaken/".len();
    let case_id: String = cases[link..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert_eq!(
        cases.matches("2514CD 21").count(),
        1,
        "one case for the household"
    );
    let page = gemeente.get(&format!("/gemeente/zaken/{case_id}"));
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Waarom gekoppeld"), "{}", page.body);
    assert!(
        page.body
            .contains("zelfde adres (postcode, huisnummer en toevoeging)"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("eerste signaal: opende de zaak"),
        "{}",
        page.body
    );
}

#[test]
fn signal_api_checks_token_scope_and_organisation_kind() {
    let server = DemoServer::start();
    let mut client = Client::new(&server.base_url);
    let one = rent("API-AUTH-1", "500,00", "Scope", "2515 AB", "1");

    let reply = client.post_json_with_token("/api/v1/signals", "", one.clone());
    assert_problem(&reply, 401, "empty bearer token");
    let reply = client.get("/api/v1/signals");
    assert_problem(&reply, 401, "GET without a token");

    let read_only = token(&server, CORPORATION, "signals:read");
    let reply = client.post_json_with_token("/api/v1/signals", &read_only, one.clone());
    assert_problem(&reply, 403, "POST without signals:write");

    let write_only = token(&server, CORPORATION, "signals:write");
    let reply = client.get_with_token("/api/v1/signals", &write_only);
    assert_problem(&reply, 403, "GET without signals:read");

    let gemeente = token(&server, "den-haag", "signals:write,signals:read");
    let reply = client.post_json_with_token("/api/v1/signals", &gemeente, one.clone());
    assert_problem(&reply, 403, "a gemeente submitting signals");
    let reply = client.get_with_token("/api/v1/signals", &gemeente);
    assert_problem(&reply, 403, "a gemeente listing partner signals");

    // Nothing of the refused requests was kept.
    let corporation = kenmerken(&own_signals(&mut client, &read_only));
    assert!(
        !corporation.contains(&"API-AUTH-1".to_string()),
        "{corporation:?}"
    );
    assert!(
        corporation.iter().any(|k| k.starts_with("HWS-")),
        "{corporation:?}"
    );

    // Each partner sees only its own signals, without case details.
    let energy_read = token(&server, ENERGY, "signals:read");
    let listed = own_signals(&mut client, &energy_read);
    let names = kenmerken(&listed);
    assert!(names.iter().any(|k| k.starts_with("EW-")), "{names:?}");
    assert!(!names.iter().any(|k| k.starts_with("HWS-")), "{names:?}");
    for signal in &listed {
        let keys: Vec<&String> = signal.as_object().unwrap().keys().collect();
        for key in keys {
            assert!(
                [
                    "id",
                    "kenmerk",
                    "partner_type",
                    "amount_cents",
                    "signal_date",
                    "status",
                    "version",
                    "updated_at"
                ]
                .contains(&key.as_str()),
                "unexpected field {key:?} for a partner: {signal}"
            );
        }
    }
}

#[test]
fn pages_show_each_role_only_its_own_part() {
    let server = DemoServer::start();

    let mut partner = logged_in(&server, "medewerker@woningstichting.example");
    let page = partner.get("/signalen");
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Eerdere imports"), "{}", page.body);
    assert!(
        page.body.contains("huurachterstanden-week-47.csv"),
        "import history lists the demo file: {}",
        page.body
    );
    assert!(page.body.contains("href=\"/signalen/imports/"));
    assert!(page.body.contains("HWS-2026-0101"));
    assert!(
        !page.body.contains("Zaak"),
        "a partner sees no case details: {}",
        page.body
    );
    for path in ["/gemeente/zaken", "/gemeente/signalen"] {
        let reply = partner.get(path);
        assert_eq!(reply.status, 403, "{path} as a partner user");
    }
    // A case is not the partner's to know of: it does not exist for them.
    assert_eq!(partner.get("/gemeente/zaken/1").status, 404);
    assert_eq!(partner.get("/beheer/onrouteerbaar").status, 403);

    // Den Haag sees its own households; Rijswijk only its own.
    let den_haag_names = ["El Idrissi", "Kaya", "Pinas", "Nowak"];
    let mut haag = logged_in(&server, "medewerker@denhaag.example");
    let page = haag.get("/gemeente/signalen");
    assert_eq!(page.status, 200);
    for name in den_haag_names {
        assert!(page.body.contains(name), "Den Haag misses {name}");
    }
    assert!(!page.body.contains("Visser"), "Den Haag sees Rijswijk");
    assert_eq!(haag.get("/beheer/onrouteerbaar").status, 403);
    assert_eq!(haag.get("/signalen").status, 403);

    let mut rijswijk = logged_in(&server, "medewerker@rijswijk.example");
    let page = rijswijk.get("/gemeente/signalen");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Visser"), "{}", page.body);
    for name in den_haag_names {
        assert!(
            !page.body.contains(name),
            "Rijswijk sees Den Haag's {name}: {}",
            page.body
        );
    }
    assert!(!page.body.contains("2526"), "Rijswijk sees a 2526 address");

    let mut admin = logged_in(&server, "beheer@vangnet.example");
    let page = admin.get("/beheer/onrouteerbaar");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("9712"), "{}", page.body);
    assert!(page.body.contains("Mulder") || page.body.contains("HWS-2026-0107"));
}
