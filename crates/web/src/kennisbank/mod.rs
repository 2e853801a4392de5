//! The kennisbank's web layer (issue 6), growing: so far the safe Markdown
//! rendering every practice page uses, the Atom feed and sitemap writers,
//! and the handreiking's PDF printed by headless Chromium.

pub mod convert;
pub mod documents;
pub mod feed;
pub mod handreiking;
pub mod import;
pub mod markdown;
pub mod pdf;
pub mod search;
pub mod workflow;
