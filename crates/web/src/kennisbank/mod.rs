//! The kennisbank's web layer (issue 6), growing: so far the safe Markdown
//! rendering every practice page, feed and printable handreiking uses.

pub mod feed;
pub mod markdown;
