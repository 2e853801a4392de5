//! The public kennisbank (issue 6): the home page along the ontruimingszeef,
//! search with facets, a practice page with its attachments, the Atom feed
//! and sitemap, and the printable handreiking with its PDF. Everyone may
//! read them without logging in; a session only adds the usual navigation.

mod feeds;
pub(crate) mod handreiking;
mod home;
pub mod pdf_cache;
pub(crate) mod practice;
mod search;

use crate::auth::SignedIn;
use crate::pages::layout::Layout;
use crate::route_table::Routes;
use crate::state::AppState;
use axum::http::HeaderMap;
use axum::routing::get;
use vangnet_domain::kennisbank::{ActorKind, Phase};

pub const HOME_PATH: &str = "/kennisbank";
pub const FEED_PATH: &str = "/kennisbank/feed.atom";

pub fn routes() -> Routes {
    Routes::new()
        .route(HOME_PATH, get(home::page))
        .route("/kennisbank/zoeken", get(search::page))
        .route(FEED_PATH, get(feeds::atom))
        .route("/sitemap.xml", get(feeds::sitemap))
        .route("/kennisbank/handreiking", get(handreiking::page))
        .route("/kennisbank/handreiking.pdf", get(handreiking::pdf))
        .route("/kennisbank/bijlagen/{id}", get(practice::attachment))
        .route("/kennisbank/{slug}", get(practice::page))
}

/// The layout for a kennisbank page: the usual navigation with a session,
/// none without, and the feed announced either way.
fn layout(title: &str, csrf: &str, who: Option<&SignedIn>) -> Layout {
    let mut layout = match who {
        Some(who) => Layout::signed_in(title, csrf, who, HOME_PATH),
        None => Layout::anonymous(title, csrf),
    };
    layout.feed = Some(FEED_PATH);
    layout
}

fn phase_label(slug: &str) -> &'static str {
    Phase::from_slug(slug).map_or("Onbekende fase", |p| p.label_nl())
}

fn actor_label(slug: &str) -> &'static str {
    ActorKind::from_slug(slug).map_or("Onbekend", |a| a.label_nl())
}

/// Where absolute links (feed, sitemap) point: the configured public
/// address, or else the address the request came in on. A Host header
/// with anything but host-name characters is not trusted into the XML.
fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(url) = &state.config.public_url {
        return url.trim_end_matches('/').to_string();
    }
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    format!("http://{host}")
}

/// dd-mm-jjjj in Amsterdam time.
fn day(at: chrono::DateTime<chrono::Utc>) -> String {
    vangnet_domain::calendar::amsterdam_date(at)
        .format("%d-%m-%Y")
        .to_string()
}

/// A stored phase slug as a `'static` one (unknown slugs become "").
fn phase_slug(slug: &str) -> &'static str {
    Phase::from_slug(slug).map_or("", |p| p.slug())
}
