//! The gemeenten and the PC4 routing table built from their areas: loaded
//! once per import or request, then asked per row, for signals and
//! tenancies alike.

use vangnet_domain::org::OrgKind;
use vangnet_domain::routing::{Route, RoutingTable};
use vangnet_store::{Org, OrgScope, Store, StoreError};

pub struct Gemeenten {
    orgs: Vec<Org>,
    table: RoutingTable,
}

impl Gemeenten {
    pub async fn load(store: &dyn Store) -> Result<Gemeenten, StoreError> {
        let orgs: Vec<Org> = store
            .list_orgs(OrgScope::All)
            .await?
            .into_iter()
            .filter(|o| o.kind == OrgKind::Gemeente)
            .collect();
        let table = RoutingTable::new(orgs.iter().map(|g| (g.id, &g.postcodes)));
        Ok(Gemeenten { orgs, table })
    }

    pub fn route(&self, pc4: u16) -> Route {
        self.table.route(pc4)
    }

    /// The one gemeente that serves the postcode, if exactly one does.
    pub fn serving(&self, pc4: u16) -> Option<&Org> {
        match self.route(pc4) {
            Route::Gemeente(id) => self.orgs.iter().find(|g| g.id == id),
            Route::Unroutable | Route::Conflict(_) => None,
        }
    }
}
