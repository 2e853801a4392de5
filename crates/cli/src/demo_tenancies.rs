//! Demo tenancies of the Haagse Woningstichting, taken through the same
//! service as the pages and the API (`vangnet_web::tenancy`): one at every
//! stage of the track, a summons the gate blocks for lack of a home visit,
//! one with an art. 14 melding (so Den Haag sees a notice), one with an
//! override the medewerker asked for, waiting for the teamleider, and one
//! in Rijswijk under the demo moratorium (`demo_policies`).

use crate::commands::{cli_event, CliResult};
use chrono::{Duration, NaiveDate, Utc};
use serde_json::{json, Value};
use vangnet_domain::calendar::amsterdam_date;
use vangnet_domain::org::OrgKind;
use vangnet_domain::permission::{Actor, Credential};
use vangnet_domain::user::Role;
use vangnet_store::tenancy::{LedgerKind, NewLedgerEntry, TenancyOutcome};
use vangnet_store::{Org, Store};
use vangnet_web::tenancy::{
    parse_tenancy, record_event, request_override, route_gemeente, EventInput, StepOutcome,
    TenancyActor, TenancyIn,
};

/// The tenancy whose summons the gate blocks until a home visit is made.
pub const BLOCKED_SUMMONS: &str = "HWS-1004";
/// In Rijswijk, where the demo's platform moratorium holds: every rule for
/// the bailiff is met, and the gate still says no.
pub const UNDER_MORATORIUM: &str = "HWS-1007";

const RENT: i64 = 75_000;

struct Plan {
    reference: &'static str,
    tenant: &'static str,
    street: &'static str,
    number: &'static str,
    postcode: &'static str,
    city: &'static str,
    months_due: i64,
    /// (days ago, the event's other fields).
    events: Vec<(i64, Value)>,
    /// A step to ask for today that the gate blocks, and the override reason.
    blocked_override: Option<(&'static str, &'static str)>,
}

fn prevention(start: i64, home_visit: bool) -> Vec<(i64, Value)> {
    let mut events = vec![
        (start, json!({"kind": "herinnering"})),
        (start - 14, json!({"kind": "veertiendagenbrief"})),
        (
            start - 18,
            json!({"kind": "contactpoging", "soort": "Telefoon", "bereikt": true}),
        ),
        (start - 18, json!({"kind": "gewezen_op_schuldhulp"})),
        (start - 28, json!({"kind": "signaal_gemeente"})),
    ];
    if home_visit {
        events.push((
            start - 33,
            json!({"kind": "contactpoging", "soort": "Huisbezoek", "bereikt": false}),
        ));
    }
    events.push((start - 41, json!({"kind": "betalingsregeling_aangeboden"})));
    events
}

/// Prevention, court and the art. 14 melding, `start` days ago, ending
/// with the melding announcing an eviction `melding_to` days later.
fn court_and_notice(today: NaiveDate, start: i64, melding_to: i64) -> Vec<(i64, Value)> {
    let mut events = prevention(start + 150, true);
    let intended = (today - Duration::days(start - 10 - melding_to)).to_string();
    events.extend([
        (start + 100, json!({"kind": "deurwaarder"})),
        (start + 40, json!({"kind": "dagvaarding"})),
        (start + 20, json!({"kind": "vonnis"})),
        (start + 15, json!({"kind": "betekening"})),
        (start + 10, json!({"kind": "ontruimingsaanzegging"})),
        (
            start - 10,
            json!({"kind": "melding_gemeente_ontruiming", "target_date": intended}),
        ),
    ]);
    events
}

fn plans(today: NaiveDate) -> Vec<Plan> {
    let intended = (today + Duration::days(30)).to_string();
    let mut deurwaarder = prevention(133, true);
    deurwaarder.push((30, json!({"kind": "deurwaarder"})));
    let mut blocked = prevention(133, false);
    blocked.push((60, json!({"kind": "deurwaarder"})));
    let mut melding = prevention(150, true);
    melding.extend([
        (100, json!({"kind": "deurwaarder"})),
        (40, json!({"kind": "dagvaarding"})),
        (20, json!({"kind": "vonnis"})),
        (15, json!({"kind": "betekening"})),
        (10, json!({"kind": "ontruimingsaanzegging"})),
        (
            9,
            json!({"kind": "melding_gemeente_ontruiming", "target_date": intended}),
        ),
    ]);
    let mut summons = prevention(150, true);
    summons.extend([
        (100, json!({"kind": "deurwaarder"})),
        (20, json!({"kind": "dagvaarding"})),
    ]);
    let mut planned = court_and_notice(today, 20, 35);
    planned.push((5, json!({"kind": "ontruiming_gepland", "planned_date": (today + Duration::days(25)).to_string()})));
    // A planned date cannot lie in the past when it is recorded, so the
    // demo's eviction is planned for today and carried out today.
    let mut evicted = court_and_notice(today, 120, 110);
    evicted.extend([
        (
            0,
            json!({"kind": "ontruiming_gepland", "planned_date": today.to_string()}),
        ),
        (0, json!({"kind": "ontruimd"})),
    ]);
    let mut prevented = prevention(120, true);
    prevented.extend([
        (70, json!({"kind": "betalingsregeling", "status": "lopend"})),
        (
            10,
            json!({"kind": "betalingsregeling", "status": "nagekomen"}),
        ),
        (10, json!({"kind": "voorkomen", "hoe": "betalingsregeling"})),
    ]);
    vec![
        Plan {
            reference: "HWS-1001",
            tenant: "R. Verbeek",
            street: "Weimarstraat",
            number: "101",
            postcode: "2562 HD",
            city: "Den Haag",
            months_due: 1,
            events: vec![(10, json!({"kind": "herinnering"}))],
            blocked_override: None,
        },
        Plan {
            reference: "HWS-1002",
            tenant: "A. Öztürk",
            street: "Hoefkade",
            number: "312",
            postcode: "2526 CE",
            city: "Den Haag",
            months_due: 2,
            events: vec![
                (40, json!({"kind": "herinnering"})),
                (25, json!({"kind": "veertiendagenbrief"})),
                (
                    20,
                    json!({"kind": "contactpoging", "soort": "Telefoon", "bereikt": false}),
                ),
            ],
            blocked_override: None,
        },
        Plan {
            reference: "HWS-1003",
            tenant: "M. Koster",
            street: "Paul Krugerlaan",
            number: "88",
            postcode: "2571 JN",
            city: "Den Haag",
            months_due: 4,
            events: deurwaarder,
            blocked_override: None,
        },
        Plan {
            reference: BLOCKED_SUMMONS,
            tenant: "J. de Wit",
            street: "Laan van Meerdervoort",
            number: "12A",
            postcode: "2517 AB",
            city: "Den Haag",
            months_due: 4,
            events: blocked,
            blocked_override: None,
        },
        Plan {
            reference: "HWS-1005",
            tenant: "S. Boukhari",
            street: "Zuiderparklaan",
            number: "200",
            postcode: "2541 CM",
            city: "Den Haag",
            months_due: 6,
            events: melding,
            blocked_override: None,
        },
        Plan {
            reference: "HWS-1006",
            tenant: "P. Hoekstra",
            street: "Stationsweg",
            number: "45",
            postcode: "2515 BK",
            city: "Den Haag",
            months_due: 3,
            events: vec![
                (60, json!({"kind": "herinnering"})),
                (45, json!({"kind": "veertiendagenbrief"})),
            ],
            blocked_override: Some((
                "deurwaarder",
                "De huurder reageert al maanden niet en de achterstand loopt snel op.",
            )),
        },
        Plan {
            reference: "HWS-1008",
            tenant: "T. van Leeuwen",
            street: "Escamplaan",
            number: "310",
            postcode: "2547 EM",
            city: "Den Haag",
            months_due: 5,
            events: summons,
            blocked_override: None,
        },
        Plan {
            reference: "HWS-1009",
            tenant: "K. Mahabier",
            street: "Loosduinseweg",
            number: "640",
            postcode: "2571 AX",
            city: "Den Haag",
            months_due: 7,
            events: planned,
            blocked_override: None,
        },
        Plan {
            reference: "HWS-1010",
            tenant: "E. Brouwer",
            street: "Thomsonlaan",
            number: "27",
            postcode: "2565 KT",
            city: "Den Haag",
            months_due: 8,
            events: evicted,
            blocked_override: None,
        },
        Plan {
            reference: "HWS-1011",
            tenant: "N. Yilmaz",
            street: "Vaillantlaan",
            number: "55",
            postcode: "2526 HR",
            city: "Den Haag",
            months_due: 3,
            events: prevented,
            blocked_override: None,
        },
        Plan {
            reference: UNDER_MORATORIUM,
            tenant: "L. Janssen",
            street: "Herenstraat",
            number: "7",
            postcode: "2282 BR",
            city: "Rijswijk",
            months_due: 4,
            events: prevention(133, true),
            blocked_override: None,
        },
    ]
}

fn input(kind_and_details: &Value, on: NaiveDate) -> CliResult<EventInput> {
    let mut value = kind_and_details.clone();
    value["date"] = on.to_string().into();
    serde_json::from_value(value).map_err(|e| e.to_string())
}

pub async fn seed(store: &dyn Store, verhuurder: &Org) -> CliResult {
    let today = amsterdam_date(Utc::now());
    let worker = store
        .user_by_email("medewerker@woningstichting.example")
        .await
        .map_err(|e| e.to_string())?
        .ok_or("demogebruiker medewerker@woningstichting.example ontbreekt")?;
    let actor = Actor {
        org_id: verhuurder.id,
        org_kind: OrgKind::Verhuurder,
        credential: Credential::User {
            user_id: worker.id,
            role: Role::Medewerker,
        },
    };
    let audit = move |action: &str| {
        cli_event(action, "tenancy")
            .by_label("demo")
            .by_user(worker.id, verhuurder.id)
    };
    let who = TenancyActor {
        actor: &actor,
        audit: &audit,
    };
    let gemeenten = vangnet_signals::Gemeenten::load(store)
        .await
        .map_err(|e| e.to_string())?;
    for plan in plans(today) {
        let tenancy_in = TenancyIn {
            reference: plan.reference.into(),
            tenants: vec![plan.tenant.into()],
            street: Some(plan.street.into()),
            house_number: plan.number.into(),
            addition: None,
            postcode: plan.postcode.into(),
            city: Some(plan.city.into()),
            grounds: None,
            monthly_rent_cents: RENT,
            start_date: today - Duration::days(3 * 365),
        };
        let mut data = parse_tenancy(&tenancy_in).map_err(|e| e.to_string())?;
        route_gemeente(&mut data, &gemeenten);
        let outcome = store
            .upsert_tenancies(
                verhuurder.id,
                &[data],
                audit("tenancy.upsert").with_detail(json!({"source": "demo", "count": 1})),
            )
            .await
            .map_err(|e| e.to_string())?;
        let id = match outcome.first() {
            Some(TenancyOutcome::Created { tenancy_id }) => *tenancy_id,
            _ => return Err(format!("demodossier {} niet aangemaakt", plan.reference)),
        };
        let ledger: Vec<NewLedgerEntry> = (1..=plan.months_due)
            .map(|m| NewLedgerEntry {
                kind: LedgerKind::Due,
                on_date: today - Duration::days(30 * m),
                amount_cents: RENT,
                description: Some("Huur".into()),
                reference: Some(format!("huur-{m}")),
            })
            .collect();
        store
            .add_ledger_entries(verhuurder.id, id, &ledger, audit("tenancy.ledger"))
            .await
            .map_err(|e| e.to_string())?;
        for (days_ago, event) in &plan.events {
            let event = input(event, today - Duration::days(*days_ago))?;
            let outcome = record_event(store, &who, id, &event, None, today)
                .await
                .map_err(|e| format!("demodossier {}: {e}", plan.reference))?;
            if let StepOutcome::Blocked { decision, .. } = outcome {
                let unmet: Vec<_> = decision.reasons.iter().filter(|r| !r.met).collect();
                return Err(format!(
                    "demodossier {}: de poort hield een stap tegen: {unmet:?}",
                    plan.reference
                ));
            }
        }
        if let Some((step, reason)) = plan.blocked_override {
            let event = input(&json!({ "kind": step }), today)?;
            let outcome = record_event(store, &who, id, &event, None, today)
                .await
                .map_err(|e| e.to_string())?;
            let StepOutcome::Blocked { decision_id, .. } = outcome else {
                return Err(format!(
                    "demodossier {}: de poort had moeten tegenhouden",
                    plan.reference
                ));
            };
            request_override(store, &who, id, decision_id, &event, reason, today)
                .await
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}
