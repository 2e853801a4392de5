use super::*;
use chrono::TimeZone;

const SCHEMA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../specs/atom/atom.rng");

/// xmllint's verdict on `xml` against the Atom schema (`None`: skipped).
fn validate(xml: &str) -> Option<Result<(), String>> {
    crate::test_support::xmllint(&["--relaxng", SCHEMA], xml)
}

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, 9, 30, 0).unwrap()
}

fn sample() -> Feed<'static> {
    Feed {
        base_url: "https://vangnet.example.nl",
        title: "Kennisbank: Preventie".into(),
        self_path: "/kennisbank/feed.atom?fase=preventie&x=<1>".into(),
        entries: vec![
            FeedEntry {
                slug: "huisbezoek-binnen-vijf-werkdagen",
                title: "Huisbezoek <binnen> vijf werkdagen & \"snel\"",
                summary: "Eén bezoek\u{1} aan huis, <script>alert(1)</script>",
                updated: at(20),
                first_published: Some(at(2)),
                phases: vec![("preventie", "Preventie")],
                organisation: Some("Gemeente 's-Hertogenbosch"),
            },
            FeedEntry {
                slug: "tweede-kans",
                title: "Tweede kans",
                summary: "Een nieuw huurcontract met begeleiding.",
                updated: at(21),
                first_published: None,
                phases: vec![("fase-5-nazorg", "Fase 5: nazorg"), ("horizon", "Horizon")],
                organisation: None,
            },
        ],
    }
}

#[test]
fn the_feed_validates_as_atom() {
    let xml = atom(&sample());
    let Some(verdict) = validate(&xml) else {
        return;
    };
    assert_eq!(verdict, Ok(()), "{xml}");
    assert!(
        xml.contains("<updated>2026-11-21T09:30:00Z</updated>"),
        "the newest entry"
    );
    assert!(xml.contains("Huisbezoek &lt;binnen&gt; vijf werkdagen &amp; &quot;snel&quot;"));
    assert!(xml.contains("Eén bezoek aan huis, &lt;script&gt;"), "{xml}");
    assert!(xml.contains("Gemeente &apos;s-Hertogenbosch"));
    let empty = Feed {
        entries: Vec::new(),
        ..sample()
    };
    assert_eq!(validate(&atom(&empty)), Some(Ok(())));
}

#[test]
fn the_schema_refuses_a_broken_feed() {
    let xml = atom(&sample())
        .replacen("<id>", "<identifier>", 1)
        .replacen("</id>", "</identifier>", 1);
    if let Some(verdict) = validate(&xml) {
        assert!(verdict.is_err(), "a feed without its id must not validate");
    }
}

#[test]
fn the_sitemap_lists_every_page_with_its_date() {
    let xml = sitemap(
        "https://vangnet.example.nl",
        &[
            ("/kennisbank".into(), None),
            ("/kennisbank/tweede-kans".into(), Some(at(21))),
        ],
    );
    assert!(xml.starts_with("<?xml"));
    assert!(xml.contains(
        "<url><loc>https://vangnet.example.nl/kennisbank/tweede-kans</loc><lastmod>2026-11-21T09:30:00Z</lastmod></url>"
    ));
    assert_eq!(xml.matches("<url>").count(), 2);
}
