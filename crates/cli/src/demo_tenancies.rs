//! Demo tenancies of the Haagse Woningstichting, taken through the same
//! service as the pages and the API (`vangnet_web::tenancy`): one at every
//! stage of the track, a summons the gate blocks for lack of a home visit,
//! one with an art. 14 melding (so Den Haag sees a notice), one with an
//! override the medewerker asked for, waiting for the teamleider, and one
//! in Rijswijk under the demo moratorium (`demo_policies`).

use crate::commands::{cli_event, CliResult};
use chrono::{Duration, NaiveDate, Utc};
use serde_json::{json, Value};
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::calendar::amsterdam_date;
use vangnet_domain::org::OrgKind;
use vangnet_domain::permission::{Actor, Credential};
use vangnet_domain::user::Role;
use vangnet_store::tenancy::{LedgerKind, NewLedgerEntry, TenancyOutcome};
use vangnet_store::{Org, Store};
use vangnet_web::tenancy::{
    approve_override, parse_tenancy, record_event, reject_override, request_override,
    route_gemeente, EventInput, StepOutcome, TenancyActor, TenancyIn,
};

/// The tenancy whose summons the gate blocks until a home visit is made.
pub const BLOCKED_SUMMONS: &str = "HWS-1004";
/// In Rijswijk, where the demo's platform moratorium holds: every rule for
/// the bailiff is met, and the gate still says no.
pub const UNDER_MORATORIUM: &str = "HWS-1007";

pub(crate) const RENT: i64 = 75_000;

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

pub(crate) fn prevention(start: i64, home_visit: bool) -> Vec<(i64, Value)> {
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
pub(crate) fn court_and_notice(today: NaiveDate, start: i64, melding_to: i64) -> Vec<(i64, Value)> {
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

/// A verhuurder's person working its tenancies through the tenancy service.
pub(crate) struct Corporation<'a> {
    store: &'a dyn Store,
    verhuurder: &'a Org,
    actor: Actor,
    user_id: i64,
    gemeenten: vangnet_signals::Gemeenten,
}

impl<'a> Corporation<'a> {
    pub async fn new(
        store: &'a dyn Store,
        verhuurder: &'a Org,
        email: &str,
        role: Role,
    ) -> CliResult<Corporation<'a>> {
        let user = store
            .user_by_email(email)
            .await
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("demogebruiker {email} ontbreekt"))?;
        let actor = Actor {
            org_id: verhuurder.id,
            org_kind: OrgKind::Verhuurder,
            credential: Credential::User {
                user_id: user.id,
                role,
            },
        };
        let gemeenten = vangnet_signals::Gemeenten::load(store)
            .await
            .map_err(|e| e.to_string())?;
        Ok(Corporation {
            store,
            verhuurder,
            actor,
            user_id: user.id,
            gemeenten,
        })
    }

    fn audit(&self, action: &str) -> AuditEvent {
        (self.audit_fn())(action)
    }

    /// The audit events of this person, as the tenancy service asks them.
    fn audit_fn(&self) -> impl Fn(&str) -> AuditEvent + Send + Sync + 'static {
        let (user_id, org_id) = (self.user_id, self.verhuurder.id);
        move |action: &str| {
            cli_event(action, "tenancy")
                .by_label("demo")
                .by_user(user_id, org_id)
        }
    }

    fn who<'b>(&'b self, audit: &'b AuditFn) -> TenancyActor<'b> {
        TenancyActor {
            actor: &self.actor,
            audit,
        }
    }

    /// A new tenancy with its rent due on `ledger`'s dates; its id.
    pub async fn create(&self, tenancy_in: &TenancyIn, dues: &[NaiveDate]) -> CliResult<i64> {
        let mut data = parse_tenancy(tenancy_in).map_err(|e| e.to_string())?;
        route_gemeente(&mut data, &self.gemeenten);
        let outcome = self
            .store
            .upsert_tenancies(
                self.verhuurder.id,
                &[data],
                self.audit("tenancy.upsert")
                    .with_detail(json!({"source": "demo", "count": 1})),
            )
            .await
            .map_err(|e| e.to_string())?;
        let id = match outcome.first() {
            Some(TenancyOutcome::Created { tenancy_id }) => *tenancy_id,
            _ => {
                return Err(format!(
                    "demodossier {} niet aangemaakt",
                    tenancy_in.reference
                ))
            }
        };
        let ledger: Vec<NewLedgerEntry> = dues
            .iter()
            .enumerate()
            .map(|(m, on)| NewLedgerEntry {
                kind: LedgerKind::Due,
                on_date: *on,
                amount_cents: tenancy_in.monthly_rent_cents,
                description: Some("Huur".into()),
                reference: Some(format!("huur-{}", m + 1)),
            })
            .collect();
        self.ledger(id, &ledger).await?;
        Ok(id)
    }

    pub async fn ledger(&self, id: i64, entries: &[NewLedgerEntry]) -> CliResult {
        self.store
            .add_ledger_entries(
                self.verhuurder.id,
                id,
                entries,
                self.audit("tenancy.ledger"),
            )
            .await
            .map(drop)
            .map_err(|e| e.to_string())
    }

    /// Records one event dated `on` as if it were `today`: a step the gate
    /// guards goes through it and may come back blocked.
    pub async fn event(
        &self,
        id: i64,
        event: &Value,
        on: NaiveDate,
        today: NaiveDate,
    ) -> CliResult<StepOutcome> {
        let audit = self.audit_fn();
        let event = input(event, on)?;
        record_event(self.store, &self.who(&audit), id, &event, None, today)
            .await
            .map_err(|e| format!("demodossier {id}: {e}"))
    }

    /// Records an event the gate must allow.
    pub async fn allowed(
        &self,
        id: i64,
        event: &Value,
        on: NaiveDate,
        today: NaiveDate,
    ) -> CliResult {
        if let StepOutcome::Blocked { decision, .. } = self.event(id, event, on, today).await? {
            let unmet: Vec<_> = decision.reasons.iter().filter(|r| !r.met).collect();
            return Err(format!(
                "demodossier {id}: de poort hield een stap tegen: {unmet:?}"
            ));
        }
        Ok(())
    }

    /// Asks today for a step the gate blocks, with an override request; its id.
    pub async fn blocked_override(
        &self,
        id: i64,
        step: &str,
        reason: &str,
        today: NaiveDate,
    ) -> CliResult<i64> {
        let event = json!({ "kind": step });
        let StepOutcome::Blocked { decision_id, .. } = self.event(id, &event, today, today).await?
        else {
            return Err(format!("demodossier {id}: de poort had moeten tegenhouden"));
        };
        let audit = self.audit_fn();
        let event = input(&event, today)?;
        request_override(
            self.store,
            &self.who(&audit),
            id,
            decision_id,
            &event,
            reason,
            today,
        )
        .await
        .map_err(|e| e.to_string())
    }

    /// A teamleider decides on an override someone else asked for.
    pub async fn decide_override(&self, override_id: i64, approve: bool) -> CliResult {
        let audit = self.audit_fn();
        let who = self.who(&audit);
        let done = if approve {
            approve_override(self.store, &who, override_id, None)
                .await
                .map(drop)
        } else {
            reject_override(self.store, &who, override_id).await
        };
        done.map_err(|e| e.to_string())
    }
}

type AuditFn = dyn Fn(&str) -> AuditEvent + Send + Sync;

pub(crate) fn tenancy_in(
    reference: &str,
    tenant: &str,
    (street, number, postcode, city): (&str, &str, &str, &str),
    start_date: NaiveDate,
) -> TenancyIn {
    TenancyIn {
        reference: reference.into(),
        tenants: vec![tenant.into()],
        street: Some(street.into()),
        house_number: number.into(),
        addition: None,
        postcode: postcode.into(),
        city: Some(city.into()),
        grounds: None,
        monthly_rent_cents: RENT,
        start_date,
    }
}

/// Returns the token of the personal link the demo prints.
pub async fn seed(store: &dyn Store, verhuurder: &Org) -> CliResult<String> {
    let today = amsterdam_date(Utc::now());
    let corporation = Corporation::new(
        store,
        verhuurder,
        "medewerker@woningstichting.example",
        Role::Medewerker,
    )
    .await?;
    let mut ids = std::collections::HashMap::new();
    for plan in plans(today) {
        let address = (plan.street, plan.number, plan.postcode, plan.city);
        let tenancy = tenancy_in(
            plan.reference,
            plan.tenant,
            address,
            today - Duration::days(3 * 365),
        );
        let dues: Vec<NaiveDate> = (1..=plan.months_due)
            .map(|m| today - Duration::days(30 * m))
            .collect();
        let id = corporation.create(&tenancy, &dues).await?;
        ids.insert(plan.reference, id);
        for (days_ago, event) in &plan.events {
            corporation
                .allowed(id, event, today - Duration::days(*days_ago), today)
                .await
                .map_err(|e| format!("{}: {e}", plan.reference))?;
        }
        if let Some((step, reason)) = plan.blocked_override {
            corporation
                .blocked_override(id, step, reason, today)
                .await?;
        }
    }
    crate::demo_tenant_channel::seed(store, verhuurder, &ids).await
}
