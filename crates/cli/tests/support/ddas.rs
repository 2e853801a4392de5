//! Helpers for the DDAS export tests: the gemeente's DDAS settings, a
//! delivery checked by the real schema validator, and every string in it.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;
use vangnet_domain::audit::AuditEvent;
use vangnet_store::casework::{CaseworkSettings, DdasContact};
use vangnet_store::{SqliteStore, Store};

/// The test's own connection to the SQLite file a binary also uses.
pub async fn open_store(db: &Path) -> Arc<dyn Store> {
    let store = SqliteStore::open(db.to_str().unwrap()).await.unwrap();
    store.migrate().await.unwrap();
    Arc::new(store)
}

/// What a gemeente fills in before its first delivery.
pub async fn set_ddas_settings(store: &dyn Store, gemeente_org_id: i64) {
    let contact = DdasContact {
        name: "J. de Vries".into(),
        email: Some("j.devries@denhaag.example".into()),
        phone: Some("070-3537000".into()),
    };
    store_ddas_settings(store, gemeente_org_id, Some("VANGNET-01"), Some(contact)).await;
}

/// As before the first delivery, whatever the demo data set.
pub async fn clear_ddas_settings(store: &dyn Store, gemeente_org_id: i64) {
    store_ddas_settings(store, gemeente_org_id, None, None).await;
}

async fn store_ddas_settings(
    store: &dyn Store,
    gemeente_org_id: i64,
    supplier: Option<&str>,
    contact: Option<DdasContact>,
) {
    let settings = CaseworkSettings {
        ddas_supplier: supplier.map(str::to_string),
        ddas_contact: contact,
        ..store.casework_settings(gemeente_org_id).await.unwrap()
    };
    let audit = AuditEvent::new("casework.settings", "organisation", None).by_label("test");
    store
        .set_casework_settings(gemeente_org_id, &settings, audit)
        .await
        .unwrap();
}

/// Fails with the validator's report when the delivery breaks the schema.
/// `validate` comes from the domain's validator, which each test includes.
pub fn passes_the_schema(delivery: &str, dir: &Path, validate: fn(&Path) -> Result<(), String>) {
    let file = dir.join("levering-voor-validatie.json");
    std::fs::write(&file, delivery).unwrap();
    if let Err(report) = validate(&file) {
        panic!("de DDAS-levering voldoet niet aan het schema:\n{report}");
    }
}

/// Every string value anywhere in the delivery.
pub fn strings(json: &Value, into: &mut BTreeSet<String>) {
    match json {
        Value::String(s) => {
            into.insert(s.clone());
        }
        Value::Array(items) => items.iter().for_each(|v| strings(v, into)),
        Value::Object(map) => map.values().for_each(|v| strings(v, into)),
        _ => {}
    }
}

/// The signal IDs listed, and those the cases refer to: the same set.
pub fn signal_ids(delivery: &Value) -> (BTreeSet<String>, BTreeSet<String>) {
    let levering = &delivery["leveringen"][0];
    let listed = levering["vroegsignalen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["ID"].as_str().unwrap().to_string())
        .collect();
    let referred = levering["vroegsignaalzaken"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["vroegsignalen"].as_array().unwrap())
        .map(|r| r["ID"].as_str().unwrap().to_string())
        .collect();
    (listed, referred)
}
