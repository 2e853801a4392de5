//! Every route the application serves, listed next to the router built
//! from it. axum's `Router` cannot list its routes, and the authorization
//! matrix (`crates/cli/tests/authz_matrix.rs`) and the security checks must
//! see every one of them: a route registered here is in `paths()`, and a
//! plain `axum::Router` cannot be merged in, so a new route cannot be
//! forgotten there.

use crate::state::AppState;
use axum::routing::MethodRouter;
use axum::Router;

/// A router that remembers the path patterns registered on it.
#[derive(Default)]
pub struct Routes {
    router: Router<AppState>,
    paths: Vec<String>,
}

impl Routes {
    pub fn new() -> Self {
        Self::default()
    }

    /// `Router::route`, recording `path`.
    pub fn route(mut self, path: &str, methods: MethodRouter<AppState>) -> Self {
        self.paths.push(path.to_string());
        self.router = self.router.route(path, methods);
        self
    }

    pub fn merge(mut self, other: Routes) -> Self {
        self.paths.extend(other.paths);
        self.router = self.router.merge(other.router);
        self
    }

    /// A router whose paths are listed elsewhere: the API's, by the OpenAPI
    /// document generated from the same list (`utoipa_axum::routes!`).
    pub fn documented(router: Router<AppState>, paths: impl IntoIterator<Item = String>) -> Self {
        Routes {
            router,
            paths: paths.into_iter().collect(),
        }
    }

    /// The path patterns, in axum's syntax (`/gemeente/zaken/{id}`).
    pub fn paths(&self) -> &[String] {
        &self.paths
    }

    pub fn into_router(self) -> Router<AppState> {
        self.router
    }
}
