//! The JSON API under `/api/v1` (NL API Design Rules: JSON, problem+json,
//! OpenAPI 3, the major version in the path). Routes are registered
//! together with their OpenAPI description (`utoipa_axum::routes!`), so the
//! document at `/api/v1/openapi.json` cannot drift from the code.

mod audit;
mod body;
pub(crate) mod ddas;
mod dto;
mod gate_policy;
mod health;
mod kennisbank;
mod kennisbank_write;
mod orgs;
mod signals;
mod stats;
mod tenancies;
mod users;

use crate::route_table::Routes;
use crate::state::AppState;
use axum::routing::get;
use axum::{Json, Router};
use std::sync::Arc;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "vangnet API",
        description = "Vroegsignalering, de ontruimingspoort en de kennisbank. \
            Authenticatie met een API-token: `Authorization: Bearer <token>`. \
            Fouten volgen RFC 9457 (application/problem+json).",
        license(name = "EUPL-1.2")
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "organisaties", description = "De eigen organisatie"),
        (name = "gebruikers", description = "Gebruikers van de eigen organisatie"),
        (name = "audit", description = "Het auditlog van de eigen organisatie"),
        (name = "signalen", description = "Vroegsignalen aanleveren en hun status volgen"),
        (name = "ddas", description = "De DDAS-levering vroegsignalering aan het CBS"),
        (name = "huurovereenkomsten", description = "Huurovereenkomsten, het incassotraject en de ontruimingspoort"),
        (name = "kennisbank", description = "De goede voorbeelden van de Handreiking Voorkomen Huisuitzettingen: zoeken en lezen, zonder token"),
        (name = "statistieken", description = "De cijfers van de eigen organisatie per periode; aantallen onder de 5 huishoudens als \"<5\""),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// The API router and its OpenAPI document, built from the same list.
pub fn api() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let v1 = OpenApiRouter::<AppState>::new()
        .routes(routes!(orgs::me))
        .routes(routes!(orgs::list))
        .routes(routes!(orgs::get_one))
        .routes(routes!(users::list, users::create))
        .routes(routes!(audit::list))
        .routes(routes!(signals::submit, signals::list))
        .routes(routes!(ddas::export))
        .routes(routes!(
            tenancies::submit,
            tenancies::replace,
            tenancies::list
        ))
        .routes(routes!(tenancies::get_one))
        .routes(routes!(tenancies::add_ledger))
        .routes(routes!(tenancies::add_event))
        .routes(routes!(tenancies::gate))
        .routes(routes!(tenancies::eviction_notices))
        .routes(routes!(gate_policy::in_force))
        .routes(routes!(kennisbank_write::submit, kennisbank_write::queue))
        .routes(routes!(kennisbank_write::propose))
        .routes(routes!(kennisbank::search))
        .routes(routes!(kennisbank::practice))
        .routes(routes!(stats::dashboard));
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest("/api/v1", v1)
        .split_for_parts()
}

pub fn routes() -> Routes {
    let (router, doc) = api();
    let paths = doc.paths.paths.keys().cloned().collect::<Vec<_>>();
    let doc = Arc::new(doc);
    Routes::documented(router, paths)
        .route(
            "/api/v1/openapi.json",
            get(move || {
                let doc = doc.clone();
                async move { Json((*doc).clone()) }
            }),
        )
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
}
