//! The demo's gate policy: the platform administrator declares a winter
//! moratorium for Rijswijk through the same service as the policy page, so
//! the demo shows a tenancy the gate holds back although every prevention
//! step was taken (`demo_tenancies::UNDER_MORATORIUM`).

use crate::commands::{cli_event, CliResult};
use chrono::{Duration, Utc};
use serde_json::json;
use vangnet_domain::calendar::amsterdam_date;
use vangnet_domain::org::OrgKind;
use vangnet_domain::permission::{Actor, Credential};
use vangnet_domain::user::Role;
use vangnet_store::tenancy::{PolicyArea, PolicyScope};
use vangnet_store::Store;
use vangnet_web::tenancy::{declare_policy, Declaration, TenancyActor};

pub const ADMIN: &str = "beheer@vangnet.example";
const RIJSWIJK: &str = "0603";

pub async fn seed(store: &dyn Store) -> CliResult {
    let today = amsterdam_date(Utc::now());
    let admin = store
        .user_by_email(ADMIN)
        .await
        .map_err(|e| e.to_string())?
        .ok_or(format!("demogebruiker {ADMIN} ontbreekt"))?;
    let actor = Actor {
        org_id: admin.org_id,
        org_kind: OrgKind::Beheer,
        credential: Credential::User {
            user_id: admin.id,
            role: Role::Beheerder,
        },
    };
    let audit = move |action: &str| {
        cli_event(action, "gate_policy")
            .by_label("demo")
            .by_user(admin.id, admin.org_id)
    };
    let who = TenancyActor {
        actor: &actor,
        audit: &audit,
    };
    let (from, to) = (today - Duration::days(7), today + Duration::days(90));
    let declaration = Declaration {
        scope: PolicyScope::Platform,
        version_label: "demo-winterstop-rijswijk".into(),
        valid_from: from,
        valid_to: Some(to),
        area: PolicyArea::Gemeenten(vec![RIJSWIJK.into()]),
        policy: json!({"moratoria": [{
            "from": from.to_string(),
            "to": to.to_string(),
            "gemeentecodes": [RIJSWIJK],
            "exceptions": ["criminaliteit", "ernstige_overlast"],
        }]}),
    };
    declare_policy(store, &who, declaration)
        .await
        .map_err(|e| format!("demomoratorium: {e}"))?;
    Ok(())
}
