//! Static files, embedded in the binary so a deployment is one file.

use crate::route_table::Routes;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;

const CSS: &str = include_str!("../static/vangnet.css");

pub fn routes() -> Routes {
    Routes::new().route("/static/vangnet.css", get(css))
}

async fn css() -> impl IntoResponse {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        CSS,
    )
}
