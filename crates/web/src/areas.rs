//! Creating an organisation, with the one rule that needs the others: two
//! gemeenten may not serve the same postcode, or signals could not be
//! routed. (Overlaps that exist anyway are shown to platform admins.)

use vangnet_domain::audit::AuditEvent;
use vangnet_domain::org::{NewOrg, OrgKind};
use vangnet_domain::routing::overlapping_claims;
use vangnet_store::{Org, OrgScope, Store, StoreError};

/// Used by the CLI and the organisations page alike.
pub async fn create_org(
    store: &dyn Store,
    new: &NewOrg,
    audit: AuditEvent,
) -> Result<Org, StoreError> {
    if store.org_by_code(&new.code).await?.is_some() {
        return Err(StoreError::conflict(
            "code",
            "deze organisatiecode bestaat al",
        ));
    }
    if new.kind == OrgKind::Gemeente && !new.postcodes.is_empty() {
        let orgs = store.list_orgs(OrgScope::All).await?;
        let gemeenten = orgs.iter().filter(|o| o.kind == OrgKind::Gemeente);
        let claims = overlapping_claims(gemeenten.map(|g| (g.id, &g.postcodes)), &new.postcodes);
        if let Some((owner, from, to)) = claims.first() {
            let name = orgs
                .iter()
                .find(|o| o.id == *owner)
                .map(|o| o.name.as_str())
                .unwrap_or("een andere gemeente");
            let range = if from == to {
                format!("{from:04}")
            } else {
                format!("{from:04}-{to:04}")
            };
            return Err(StoreError::Conflict {
                field: "postcodes".into(),
                reason: format!("postcode {range} valt al onder {name}"),
            });
        }
    }
    store.create_org(new, audit).await
}
