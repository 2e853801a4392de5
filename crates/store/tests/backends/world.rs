//! A small world of organisations and signals that the contract tests of
//! several capabilities start from.

use chrono::NaiveDate;
use std::sync::Arc;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::org::NewOrg;
use vangnet_domain::routing::Route;
use vangnet_store::*;

pub struct World {
    pub store: Arc<dyn Store>,
    pub haag: i64,
    pub rijswijk: i64,
    pub corp: i64,
    pub energy: i64,
}

pub async fn world(store: Arc<dyn Store>) -> World {
    let mut ids = Vec::new();
    for (code, kind, gc, pcs) in [
        ("den-haag", "gemeente", Some("0518"), Some("2490-2599")),
        ("rijswijk", "gemeente", Some("0603"), Some("2280-2289")),
        ("woonstad", "verhuurder", None, None),
        ("energie-west", "signaalpartner", None, None),
    ] {
        let new = NewOrg::parse(code, code, kind, gc, pcs).unwrap();
        ids.push(store.create_org(&new, cli()).await.unwrap().id);
    }
    World {
        store,
        haag: ids[0],
        rijswijk: ids[1],
        corp: ids[2],
        energy: ids[3],
    }
}

pub fn cli() -> AuditEvent {
    AuditEvent::new("test", "test", None).by_label("cli")
}

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn signal(kenmerk: &str, postcode: &str, number: i64, route: Route) -> NewSignal {
    NewSignal {
        kenmerk: kenmerk.into(),
        partner_type: "Huur".into(),
        amount_cents: 45_000,
        arrears_start: Some(date("2026-01-01")),
        signal_date: date("2026-03-02"),
        crisis: false,
        warm_handover: false,
        bsn: None,
        initials: Some("A.".into()),
        prefix: None,
        surname: "Jansen".into(),
        birth_date: None,
        phone: None,
        email: None,
        contact_wish: None,
        street: Some("Voorbeeldstraat".into()),
        house_number: number,
        addition: None,
        postcode: postcode.into(),
        city: Some("Den Haag".into()),
        household_key: format!("{postcode}|{number}|"),
        monthly_rent_cents: Some(75_000),
        contact_tried: Some(true),
        pointed_to_help: Some(true),
        reminder_sent_on: Some(date("2026-02-15")),
        route,
        content_hash: format!("hash-{kenmerk}"),
    }
}

pub async fn import(w: &World, partner: i64) -> i64 {
    let new = NewImport {
        partner_org_id: partner,
        source: ImportSource::Cli,
        file_name: None,
        actor_user_id: None,
    };
    w.store.start_import(&new, cli()).await.unwrap()
}
