//! The HTTP layer. People use server-rendered Dutch pages (`pages`), machine
//! clients the JSON API under `/api/v1` (`api`). Both ask the domain's
//! `can` before acting and go through the `Store` trait for data; handlers
//! stay thin.

mod api;
mod areas;
mod assets;
mod auth;
mod config;
mod crypto;
pub mod kennisbank;
pub mod mail;
mod middleware;
mod pages;
mod problem;
mod route_table;
mod state;
pub mod stats;
pub mod tenancy;
pub mod tenant_channel;
#[cfg(test)]
mod test_support;

pub use areas::create_org;
pub use config::{MailConfig, WebConfig};
pub use crypto::{hash_password, new_secret_token, sha256_hex};
pub use pages::casework::step::{take_step, StepError, StepNames, StepRequest};
pub use state::AppState;

use axum::Router;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use vangnet_store::Store;

/// Requests larger than this are refused before a handler sees them.
pub const BODY_LIMIT_BYTES: usize = 1024 * 1024;
/// …except CSV uploads of signals, which stream to a temporary file and
/// may be this large.
pub const UPLOAD_LIMIT_BYTES: usize = 256 * 1024 * 1024;
pub const UPLOAD_PATH: &str = "/signalen/upload";

/// The whole application: pages, API, assets and the middleware around them.
pub fn app(store: Arc<dyn Store>, config: WebConfig) -> Router {
    app_with_state(AppState::new(store, config))
}

/// The application on a prepared state (e.g. a search index already
/// rebuilt from the database).
pub fn app_with_state(state: AppState) -> Router {
    middleware::wrap(
        all_routes()
            .into_router()
            .fallback(pages::errors::not_found),
        state.clone(),
    )
    .with_state(state)
}

fn all_routes() -> route_table::Routes {
    route_table::Routes::new()
        .merge(pages::routes())
        .merge(api::routes())
        .merge(assets::routes())
}

/// Every path pattern the application serves (pages, API, assets), in
/// axum's syntax (`/gemeente/zaken/{id}`), read from the same list the
/// router is built from. For tests that must cover every route.
pub fn route_paths() -> Vec<String> {
    all_routes().paths().to_vec()
}

/// Serves until `shutdown` completes, then finishes in-flight requests.
pub async fn serve(
    listener: TcpListener,
    store: Arc<dyn Store>,
    config: WebConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_state(listener, AppState::new(store, config), shutdown).await
}

/// `serve` on a prepared state. Kennisbank page reads are written to the
/// store every minute and once more after the last request.
pub async fn serve_state(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (store, reads) = (state.store.clone(), state.practice_reads.clone());
    let flusher = stats::reads::spawn_flush(store.clone(), reads.clone());
    let served = axum::serve(
        listener,
        app_with_state(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await;
    flusher.abort();
    reads.flush(&*store).await;
    served
}
