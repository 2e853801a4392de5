//! Platform admins: signals no gemeente could take, and the postcode areas
//! that more than one gemeente claims (a configuration error to fix).

use crate::auth::{authorize, SignedIn};
use crate::middleware::CsrfToken;
use crate::pages::errors::PageError;
use crate::pages::layout::Layout;
use crate::pages::{render, Paging};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::Extension;
use vangnet_domain::org::OrgKind;
use vangnet_domain::permission::{Action, Resource};
use vangnet_domain::routing::RoutingTable;
use vangnet_store::{OrgScope, UnroutableSignal};

struct Conflict {
    range: String,
    gemeenten: String,
}

#[derive(Template)]
#[template(path = "unroutable.html")]
struct UnroutablePage {
    layout: Layout,
    conflicts: Vec<Conflict>,
    signals: Vec<UnroutableSignal>,
    paging: Paging,
}

pub async fn page(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(paging): Query<Paging>,
) -> Result<Response, PageError> {
    authorize(
        &state,
        &who.actor,
        Action::ViewUnroutable,
        Resource::Platform,
    )
    .await?;
    let orgs = state.store.list_orgs(OrgScope::All).await?;
    let gemeenten: Vec<_> = orgs
        .iter()
        .filter(|o| o.kind == OrgKind::Gemeente)
        .collect();
    let table = RoutingTable::new(gemeenten.iter().map(|g| (g.id, &g.postcodes)));
    let name = |id: i64| {
        orgs.iter()
            .find(|o| o.id == id)
            .map(|o| o.name.clone())
            .unwrap_or_else(|| format!("#{id}"))
    };
    let conflicts = table
        .conflicts()
        .into_iter()
        .map(|(from, to, ids)| Conflict {
            range: if from == to {
                format!("{from:04}")
            } else {
                format!("{from:04}-{to:04}")
            },
            gemeenten: ids.into_iter().map(name).collect::<Vec<_>>().join(", "),
        })
        .collect();
    let signals = state.store.unroutable_signals(paging.page()).await?;
    let page = UnroutablePage {
        layout: Layout::signed_in("Onrouteerbaar", &csrf.0, &who, "/beheer/onrouteerbaar"),
        conflicts,
        paging: paging.after(signals.len()),
        signals,
    };
    Ok(render(&page))
}
