//! The kennisbank's Atom feed (RFC 4287) of new and updated practices, and
//! its sitemap: plain strings written by hand, because both formats are
//! small and a writer crate would only add weight. Every text goes through
//! `xml_escape`; ids are the practices' permanent addresses (a slug never
//! changes), so a feed reader sees an update, not a new entry.

use chrono::{DateTime, SecondsFormat, Utc};
use std::fmt::Write;

/// One practice in the feed.
pub struct FeedEntry<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    /// When its current text was published.
    pub updated: DateTime<Utc>,
    pub first_published: Option<DateTime<Utc>>,
    /// (slug, Dutch label) of each phase.
    pub phases: Vec<(&'static str, &'static str)>,
    pub organisation: Option<&'a str>,
}

pub struct Feed<'a> {
    /// The site's address without a trailing slash, e.g. `https://vangnet.example.nl`.
    pub base_url: &'a str,
    pub title: String,
    /// The feed's own path and query, e.g. `/kennisbank/feed.atom?fase=preventie`.
    pub self_path: String,
    pub entries: Vec<FeedEntry<'a>>,
}

pub use vangnet_domain::export::xml_escape;

fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The practice's public address.
pub fn practice_url(base_url: &str, slug: &str) -> String {
    format!("{base_url}/kennisbank/{slug}")
}

/// The feed as an Atom document. An empty feed is still valid: its
/// `updated` is then the Unix epoch, so it never claims a change.
pub fn atom(feed: &Feed) -> String {
    let base = feed.base_url;
    let updated = feed
        .entries
        .iter()
        .map(|e| e.updated)
        .max()
        .unwrap_or(DateTime::UNIX_EPOCH);
    let mut out = String::with_capacity(1024 + feed.entries.len() * 800);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"nl\">\n\
         <title>{}</title>\n<id>{}</id>\n<updated>{}</updated>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n\
         <author><name>Redactie Handreiking Voorkomen Huisuitzettingen</name></author>\n\
         <generator>vangnet</generator>\n",
        xml_escape(&feed.title),
        xml_escape(&format!("{base}{}", feed.self_path)),
        time(updated),
        xml_escape(&format!("{base}{}", feed.self_path)),
        xml_escape(&format!("{base}/kennisbank")),
    );
    for entry in &feed.entries {
        write_entry(&mut out, base, entry);
    }
    out.push_str("</feed>\n");
    out
}

fn write_entry(out: &mut String, base: &str, entry: &FeedEntry) {
    let url = xml_escape(&practice_url(base, entry.slug));
    let _ = write!(
        out,
        "<entry>\n<title>{}</title>\n<id>{url}</id>\n<updated>{}</updated>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n",
        xml_escape(entry.title),
        time(entry.updated),
    );
    if let Some(first) = entry.first_published {
        let _ = writeln!(out, "<published>{}</published>", time(first));
    }
    if let Some(org) = entry.organisation {
        let _ = writeln!(
            out,
            "<contributor><name>{}</name></contributor>",
            xml_escape(org)
        );
    }
    for (slug, label) in &entry.phases {
        let _ = writeln!(
            out,
            "<category term=\"{}\" label=\"{}\" scheme=\"{}\"/>",
            xml_escape(slug),
            xml_escape(label),
            xml_escape(&format!("{base}/kennisbank/fase")),
        );
    }
    let _ = write!(
        out,
        "<summary type=\"text\">{}</summary>\n</entry>\n",
        xml_escape(entry.summary)
    );
}

/// The sitemap (sitemaps.org 0.9) of the public kennisbank pages.
pub fn sitemap(base_url: &str, pages: &[(String, Option<DateTime<Utc>>)]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, modified) in pages {
        let _ = write!(
            out,
            "<url><loc>{}</loc>",
            xml_escape(&format!("{base_url}{path}"))
        );
        if let Some(at) = modified {
            let _ = write!(out, "<lastmod>{}</lastmod>", time(*at));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

#[cfg(test)]
#[path = "feed_tests.rs"]
mod tests;
