//! The gate's input as JSON (every refusal names its field in Dutch), the
//! exact output shape, and the messages people read.

use super::fixtures::*;
use super::{evaluate, GateRequest};
use crate::tenancy::event::{Event, EventKind};
use crate::tenancy::policy::Policy;
use serde_json::{json, Value};

fn request(extra: Value) -> Value {
    let mut base = json!({
        "today": "2026-06-15",
        "step": "dagvaarding",
        "gemeentecode": "0518",
        "monthly_rent_cents": 75000,
        "arrears_cents": 240000,
        "events": [{"kind": "herinnering", "date": "2026-02-02"}]
    });
    for (key, value) in extra.as_object().expect("an object") {
        base[key] = value.clone();
    }
    base
}

/// Parse and evaluate, as `gate eval` does; the error text if refused.
fn refusal(document: &str) -> String {
    let outcome = GateRequest::from_json_str(document, &Policy::default())
        .and_then(|request| request.evaluate());
    match outcome {
        Ok(decision) => panic!("accepted: {decision:?}"),
        Err(invalid) => invalid.to_string(),
    }
}

#[test]
fn invalid_input_names_the_field() {
    let table: Vec<(&str, String, &str)> = vec![
        ("bad JSON", "{\"today\": ".into(), "invoer: is geen geldige JSON (regel 1, kolom 10)"),
        ("not an object", "[1]".into(), "invoer: moet een JSON-object zijn"),
        (
            "unknown kind",
            request(json!({"events": [{"kind": "brief", "date": "2026-01-01"}]})).to_string(),
            "events[0].kind: 'brief' is geen soort gebeurtenis; kies uit herinnering, veertiendagenbrief,",
        ),
        (
            "event after today",
            request(json!({"events": [{"kind": "herinnering", "date": "2026-06-16"}]})).to_string(),
            "events[0].date: 16-06-2026 ligt na vandaag (15-06-2026)",
        ),
        (
            "bad date",
            request(json!({"today": "2026-02-30"})).to_string(),
            "today: '2026-02-30' is geen bestaande datum in de vorm JJJJ-MM-DD",
        ),
        (
            "Dutch date order",
            request(json!({"today": "15-06-2026"})).to_string(),
            "today: '15-06-2026' is geen bestaande datum in de vorm JJJJ-MM-DD",
        ),
        (
            "unknown step",
            request(json!({"step": "vonnis"})).to_string(),
            "step: 'vonnis' is geen stap waar de poort voor geldt; kies uit deurwaarder, dagvaarding, ontruimingsaanzegging, ontruiming_gepland",
        ),
        (
            "unknown grounds",
            request(json!({"grounds": "wanbetaling"})).to_string(),
            "grounds: 'wanbetaling' is geen grond",
        ),
        (
            "missing field",
            json!({"today": "2026-06-15", "step": "deurwaarder", "gemeentecode": "0518", "monthly_rent_cents": 1}).to_string(),
            "arrears_cents: is verplicht",
        ),
        (
            "misspelt key",
            request(json!({"polcy": {}})).to_string(),
            "polcy: is geen bekend veld; toegestaan: today, step,",
        ),
        (
            "contactpoging without soort",
            request(json!({"events": [{"kind": "contactpoging", "date": "2026-03-01", "bereikt": true}]})).to_string(),
            "events[0].soort: is verplicht",
        ),
        (
            "unknown contact kind",
            request(json!({"events": [{"kind": "contactpoging", "date": "2026-03-01", "soort": "Duif", "bereikt": true}]})).to_string(),
            "events[0].soort: 'Duif' is geen DDAS-contactsoort; kies uit Mail, Brief,",
        ),
        (
            "bereikt as text",
            request(json!({"events": [{"kind": "contactpoging", "date": "2026-03-01", "soort": "Huisbezoek", "bereikt": "ja"}]})).to_string(),
            "events[0].bereikt: moet true of false zijn",
        ),
        (
            "a key of another kind",
            request(json!({"events": [{"kind": "herinnering", "date": "2026-03-01", "status": "lopend"}]})).to_string(),
            "events[0].status: is geen bekend veld; toegestaan: kind, date",
        ),
        (
            "unknown status",
            request(json!({"events": [{"kind": "betalingsregeling", "date": "2026-03-01", "status": "gestopt"}]})).to_string(),
            "events[0].status: 'gestopt' is geen status; kies uit lopend, nagekomen, verbroken",
        ),
        (
            "empty arrangement id",
            request(json!({"events": [{"kind": "betalingsregeling", "date": "2026-03-01", "status": "lopend", "id": " "}]})).to_string(),
            "events[0].id: mag niet leeg zijn",
        ),
        (
            "eviction step without a planned date",
            request(json!({"step": "ontruiming_gepland"})).to_string(),
            "planned_date: is verplicht bij de stap ontruiming_gepland",
        ),
        (
            "planned date in the past",
            request(json!({"step": "ontruiming_gepland", "planned_date": "2026-06-14"})).to_string(),
            "planned_date: ligt vóór vandaag (15-06-2026)",
        ),
        (
            "planned date on another step",
            request(json!({"planned_date": "2026-07-01"})).to_string(),
            "planned_date: hoort alleen bij de stap ontruiming_gepland",
        ),
        (
            "bad gemeentecode",
            request(json!({"gemeentecode": "518"})).to_string(),
            "gemeentecode: '518' is geen CBS-gemeentecode van vier cijfers",
        ),
        (
            "no rent",
            request(json!({"monthly_rent_cents": 0})).to_string(),
            "monthly_rent_cents: moet tussen 1 en 100000000 cent liggen",
        ),
        (
            "amount as a decimal",
            request(json!({"arrears_cents": 2400.5})).to_string(),
            "arrears_cents: moet een geheel getal zijn",
        ),
        (
            "a policy shorter than the law",
            request(json!({"policy": {"veertiendagen_term_days": 10}})).to_string(),
            "policy.veertiendagen_term_days: moet tussen 14 en 90 liggen",
        ),
        (
            "a moratorium ending before it starts",
            request(json!({"policy": {"moratoria": [{"from": "2026-06-01", "to": "2026-05-01"}]}})).to_string(),
            "policy.moratoria[0].to: ligt vóór de begindatum (from)",
        ),
        (
            "an unknown policy key",
            request(json!({"policy": {"signal_days": 30}})).to_string(),
            "policy.signal_days: is geen bekend veld",
        ),
        (
            "an unknown exception",
            request(json!({"policy": {"moratoria": [{"from": "2026-06-01", "to": "2026-06-30", "exceptions": ["drugs"]}]}})).to_string(),
            "policy.moratoria[0].exceptions: 'drugs' is geen grond",
        ),
        (
            "an empty area",
            request(json!({"policy": {"leniency": [{"from": "2026-06-01", "to": "2026-06-30", "gemeentecodes": []}]}})).to_string(),
            "policy.leniency[0].gemeentecodes: is leeg; gebruik null voor alle gemeenten",
        ),
    ];
    for (why, document, expected) in table {
        let got = refusal(&document);
        assert!(got.contains(expected), "{why}: {got}");
    }
}

#[test]
fn every_problem_is_reported_at_once() {
    let document = json!({
        "today": "2026-06-15",
        "step": "dagvaarding",
        "gemeentecode": "0518",
        "monthly_rent_cents": 75000,
        "arrears_cents": 240000,
        "events": [
            {"kind": "brief", "date": "2026-01-01"},
            {"kind": "herinnering", "date": "gisteren"},
            {"kind": "contactpoging", "date": "2026-01-01"}
        ]
    });
    let got = refusal(&document.to_string());
    for field in [
        "events[0].kind",
        "events[1].date",
        "events[2].soort",
        "events[2].bereikt",
    ] {
        assert!(got.contains(&format!("{field}:")), "{field}: {got}");
    }
}

#[test]
fn the_decision_is_exactly_the_documented_json() {
    let decision = evaluate(&input("deurwaarder", TODAY, vec![]), &Policy::default()).unwrap();
    let value = serde_json::to_value(&decision).unwrap();
    let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["allowed", "policy_version", "reasons"]);
    assert_eq!(value["allowed"], false);
    assert_eq!(value["policy_version"], "vangnet-standaard-1");
    assert_eq!(
        value["reasons"][0],
        json!({
            "rule": "reminder_sent",
            "met": false,
            "message": "Er is nog geen herinnering verstuurd; een veertiendagenbrief of aanmaning telt niet als herinnering."
        })
    );
    let text = serde_json::to_string(&decision).unwrap();
    assert!(text.starts_with("{\"allowed\":false,\"reasons\":[{\"rule\":\"reminder_sent\",\"met\":false,\"message\":"), "{text}");
    assert!(
        text.ends_with("],\"policy_version\":\"vangnet-standaard-1\"}"),
        "{text}"
    );
}

#[test]
fn messages_people_read() {
    let mut letter_pending = without("deurwaarder", &["veertiendagenbrief"]);
    letter_pending
        .events
        .push(ev("veertiendagenbrief", "2026-06-01"));
    let mut summons = arrears("dagvaarding", vec![]);
    summons.arrears_cents = 150_000;
    let mut planned = input(
        "ontruiming_gepland",
        TODAY,
        vec![
            ev("ontruimingsaanzegging", "2026-06-10"),
            ev("melding_gemeente_ontruiming", TODAY),
        ],
    );
    planned.planned_date = Some(d("2026-06-17"));
    let policy = Policy {
        moratoria: vec![crate::tenancy::policy::Moratorium {
            from: d("2026-06-01"),
            to: d("2026-06-30"),
            gemeentecodes: None,
            exceptions: crate::tenancy::policy::Moratorium::default_exceptions(),
        }],
        ..Policy::default()
    };
    let table = [
        (&letter_pending, &Policy::default(), "fourteen_day_term_passed",
         "De termijn van de veertiendagenbrief van 01-06-2026 loopt nog; deze stap mag vanaf 18-06-2026."),
        (&summons, &Policy::default(), "arrears_threshold",
         "De achterstand (€ 1.500,00) is minder dan 3 × de maandhuur (€ 2.250,00)."),
        (&summons, &Policy::default(), "signal_waiting_period",
         "Het signaal aan de gemeente van 02-03-2026 is 105 dagen oud (minstens 60 nodig)."),
        (&summons, &Policy::default(), "home_visit",
         "Huisbezoek op 10-03-2026 (niet bereikt)."),
        (&planned, &Policy::default(), "notice_period",
         "De ontruimingsaanzegging van 10-06-2026 ligt 7 dagen vóór de geplande datum 17-06-2026 (minstens 14 nodig); op zijn vroegst op 24-06-2026."),
        (&planned, &Policy::default(), "gemeente_notified",
         "De ontruiming is op 15-06-2026 aan de gemeente gemeld, 2 werkdagen vóór de geplande datum 17-06-2026 (minstens 3 nodig); op zijn vroegst op 18-06-2026."),
        (&summons, &policy, "no_moratorium",
         "Vandaag (15-06-2026) geldt een moratorium (van 01-06-2026 t/m 30-06-2026 voor alle gemeenten): geen escalerende stappen, behalve bij criminaliteit of ernstige overlast."),
    ];
    let lenient = Policy {
        leniency: vec![crate::tenancy::policy::Leniency {
            from: d("2026-06-01"),
            to: d("2026-06-30"),
            gemeentecodes: Some(vec!["0518".into()]),
            factor_percent: 150,
        }],
        ..Policy::default()
    };
    let lenient_table = [
        (&summons, &lenient, "arrears_threshold",
         "De achterstand (€ 1.500,00) is minder dan 4,5 × de maandhuur (€ 3.375,00, verhoogd × 1,5 door de coulanceregeling van 01-06-2026 t/m 30-06-2026 voor gemeente 0518)."),
        (&summons, &lenient, "signal_waiting_period",
         "Het signaal aan de gemeente van 02-03-2026 is 105 dagen oud (minstens 90 nodig, verlengd × 1,5 door de coulanceregeling van 01-06-2026 t/m 30-06-2026 voor gemeente 0518)."),
    ];
    for (input, policy, rule, message) in table.into_iter().chain(lenient_table) {
        let decision = evaluate(input, policy).unwrap();
        let reason = decision
            .reasons
            .iter()
            .find(|r| r.rule == rule)
            .expect(rule);
        assert_eq!(reason.message, message, "{rule}");
    }
}

#[test]
fn policy_overrides_apply_key_by_key() {
    let document = request(json!({"policy": {
        "signal_to_dagvaarding_days": 90,
        "moratoria": [{"from": "2026-06-01", "to": "2026-06-30", "gemeentecodes": ["0518"]}]
    }}));
    let request = GateRequest::from_json(&document, &Policy::default()).unwrap();
    let policy = &request.policy;
    assert_eq!(policy.signal_to_dagvaarding_days, 90);
    assert_eq!(policy.receipt_days, 2, "the other keys keep their default");
    assert_eq!(policy.version, "vangnet-standaard-1+aangepast");
    assert_eq!(policy.moratoria.len(), 1);
    assert_eq!(
        policy.moratoria[0].exceptions,
        crate::tenancy::policy::Moratorium::default_exceptions()
    );
    let named = request_with_version();
    assert_eq!(named.policy.version, "gemeente-0518-2026");
}

fn request_with_version() -> GateRequest {
    let document = request(json!({"policy": {"version": "gemeente-0518-2026", "receipt_days": 3}}));
    GateRequest::from_json(&document, &Policy::default()).unwrap()
}

#[test]
fn a_request_reads_back_as_itself() {
    let mut request = request_with_version();
    request.input.events = vec![
        ev("herinnering", "2026-02-02"),
        contact("2026-03-01", "SMS/Whatsapp", true),
        regeling("2026-03-02", "verbroken", Some("R-1")),
        laatste_kans("2026-03-03", "nagekomen"),
        gepland("2026-03-04", "2026-04-01"),
        voorkomen("2026-03-05", "laatste_kans"),
    ];
    let text = serde_json::to_string(&request).unwrap();
    let back = GateRequest::from_json_str(&text, &Policy::default()).unwrap();
    assert_eq!(back, request);
    assert!(
        text.contains(
            r#"{"kind":"contactpoging","date":"2026-03-01","soort":"SMS/Whatsapp","bereikt":true}"#
        ),
        "{text}"
    );
    assert!(text.contains(
        r#"{"kind":"ontruiming_gepland","date":"2026-03-04","planned_date":"2026-04-01"}"#
    ));
    let event: Event =
        serde_json::from_str(r#"{"kind":"voorkomen","date":"2026-03-05","hoe":"betaald"}"#)
            .unwrap();
    assert_eq!(event.kind, EventKind::Voorkomen);
    let refused = serde_json::from_str::<Event>(r#"{"kind":"voorkomen","date":"2026-03-05"}"#);
    assert!(refused
        .unwrap_err()
        .to_string()
        .contains("hoe: is verplicht"));
}

#[test]
fn events_built_in_code_are_checked_too() {
    let mut input = input("deurwaarder", TODAY, vec![ev("herinnering", "2026-02-02")]);
    input.events[0].kind = EventKind::Contactpoging;
    input
        .events
        .push(regeling("2026-02-03", "lopend", Some(&"x".repeat(65))));
    input.events.push(gepland("2026-02-04", "2026-02-03"));
    let got = evaluate(&input, &Policy::default())
        .unwrap_err()
        .to_string();
    assert!(got.contains("events[0]: de gegevens passen niet bij de soort contactpoging: verwacht soort en bereikt"), "{got}");
    assert!(
        got.contains("events[1].id: is te lang (maximaal 64 tekens)"),
        "{got}"
    );
    assert!(
        got.contains("events[2].planned_date: ligt vóór de datum"),
        "{got}"
    );
}
