//! Server-rendered Dutch pages. Each handler: who is asking, may they, ask
//! the store, render a template. Forms post back and redirect (PRG).

pub mod audit;
pub mod casework;
pub mod ddas;
pub mod errors;
pub mod incoming;
pub mod kennisbank;
pub mod kennisbank_edit;
pub mod layout;
pub mod login;
pub mod orgs;
pub mod partner;
pub mod policies;
pub mod start;
pub mod stats;
pub mod tenancies;
pub mod tenant;
pub mod tenant_channel;
pub mod unroutable;
pub mod users;

use crate::route_table::Routes;
use axum::routing::{get, post};

pub fn routes() -> Routes {
    Routes::new()
        .route("/", get(start::home))
        .route("/inloggen", get(login::form).post(login::submit))
        .route("/uitloggen", post(login::logout))
        .route("/start", get(start::page))
        .route("/beheer/gebruikers", get(users::list).post(users::create))
        .route("/beheer/gebruikers/{id}/blokkeren", post(users::disable))
        .route("/beheer/gebruikers/{id}/deblokkeren", post(users::enable))
        .route("/beheer/audit", get(audit::page))
        .route("/beheer/organisaties", get(orgs::list).post(orgs::create))
        .route("/beheer/onrouteerbaar", get(unroutable::page))
        .route("/signalen", get(partner::overview))
        .route(
            crate::UPLOAD_PATH,
            post(partner::upload).layer(axum::extract::DefaultBodyLimit::max(
                crate::UPLOAD_LIMIT_BYTES,
            )),
        )
        .route("/signalen/imports/{id}", get(partner::import_detail))
        .route(
            "/signalen/imports/{id}/afgewezen.csv",
            get(partner::rejected_download),
        )
        .route("/gemeente/signalen", get(incoming::signals))
        .route(ddas::PATH, get(ddas::page))
        .merge(casework::routes())
        .merge(tenancies::routes())
        .merge(tenant_channel::routes())
        .merge(policies::routes())
        .merge(kennisbank::routes())
        .merge(kennisbank_edit::routes())
        .merge(stats::routes())
        .merge(tenant::routes())
}

/// Renders an askama template, or the 500 page if that fails.
pub fn render(template: &impl askama::Template) -> axum::response::Response {
    use axum::response::IntoResponse;
    match template.render() {
        Ok(html) => axum::response::Html(html).into_response(),
        Err(error) => {
            tracing::error!(%error, "template failed");
            errors::render_error(axum::http::StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

/// The Dutch label of a form field, for error summaries.
pub fn field_label(field: &str) -> &'static str {
    match field {
        "email" => "E-mailadres",
        "name" => "Naam",
        "role" => "Rol",
        "password" => "Wachtwoord",
        "code" => "Code",
        "kind" => "Soort",
        "gemeentecode" => "Gemeentecode",
        "postcodes" => "Postcodegebieden",
        _ => "Invoer",
    }
}

/// `?pagina=N` on long lists, 50 rows a page.
#[derive(serde::Deserialize, Default, Clone)]
pub struct Paging {
    pagina: Option<i64>,
    #[serde(skip)]
    has_next: bool,
    /// The rest of the query (a list's filters, `naam=waarde&`), kept in
    /// the links to other pages.
    #[serde(skip)]
    pub keep: String,
}

impl Paging {
    const SIZE: i64 = 50;

    pub fn number(&self) -> i64 {
        self.pagina.unwrap_or(1).clamp(1, 1_000_000)
    }

    pub fn page(&self) -> vangnet_store::Page {
        vangnet_store::Page {
            limit: Self::SIZE,
            offset: (self.number() - 1) * Self::SIZE,
        }
    }

    /// After reading `rows` rows: is there (probably) a next page?
    pub fn after(mut self, rows: usize) -> Self {
        self.has_next = rows as i64 == Self::SIZE;
        self
    }

    /// Keeps `query` (already encoded, without `pagina`) in the page links.
    pub fn keeping(mut self, query: String) -> Self {
        self.keep = if query.is_empty() {
            query
        } else {
            format!("{query}&")
        };
        self
    }

    pub fn previous(&self) -> Option<i64> {
        (self.number() > 1).then(|| self.number() - 1)
    }

    pub fn next(&self) -> Option<i64> {
        self.has_next.then(|| self.number() + 1)
    }
}
