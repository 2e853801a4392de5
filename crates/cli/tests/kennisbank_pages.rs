//! The public kennisbank pages against a real `vangnet serve`, on SQLite and
//! PostgreSQL: the demo database gets whichever of the 29 practices of
//! content/kennisbank it lacks (published, as an editor's import would),
//! then a `serve` of its own (for `--chromium`) builds its index at start,
//! and everything is read without
//! logging in: the zeef on the home page, search with facets, snippets and
//! paging, a practice page, 404, the Atom feed against the RELAX NG schema,
//! the sitemap, the handreiking and its PDF (a page per phase, cached).

#[path = "kennisbank_pages/signed_in.rs"]
mod signed_in;
mod support;
#[path = "kennisbank_pages/world.rs"]
mod world;

use signed_in::{attachments_only_of_what_is_published, signed_in_users_see_their_navigation};
use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Instant;
use support::http::Client;
use support::server::DemoServer;
use vangnet_domain::kennisbank::Phase;
use world::{count, get_bytes, seed, Seeded, Serve};

on_both_databases!(public_kennisbank_pages);

fn public_kennisbank_pages(demo: &DemoServer) {
    let practices = seed(&demo.database_url);
    assert!(practices.len() >= 29, "{} published", practices.len());
    let server = Serve::start(&demo.database_url);
    let mut web = Client::new(&server.base_url);

    home_page_follows_the_zeef(&mut web, &practices);
    search_with_snippets_facets_and_paging(&mut web, practices.len());
    practice_page_and_not_found(&mut web);
    feed_and_sitemap(&mut web, &practices);
    handreiking_page(&mut web, &practices);
    handreiking_pdf(&server.base_url, &practices);
    attachments_only_of_what_is_published(&demo.database_url, &server.base_url);
    signed_in_users_see_their_navigation(&server.base_url);

    // Without Chromium the PDF says why, in Dutch; the page still works.
    let without = Serve::start_with(&demo.database_url, "/nonexistent/chromium");
    let (status, _, body) = get_bytes(&without.base_url, "/kennisbank/handreiking.pdf");
    let body = String::from_utf8_lossy(&body);
    assert_eq!(status, 503, "{body}");
    assert!(
        body.contains("/nonexistent/chromium") && body.contains("niet gevonden"),
        "{body}"
    );
    assert_eq!(
        get_bytes(&without.base_url, "/kennisbank/handreiking").0,
        200
    );
}

fn in_phase(practices: &[Seeded], phase: Phase) -> Vec<&Seeded> {
    practices
        .iter()
        .filter(|p| p.phases.iter().any(|s| s == phase.slug()))
        .collect()
}

fn home_page_follows_the_zeef(web: &mut Client, practices: &[Seeded]) {
    let home = web.get("/kennisbank");
    assert_eq!(home.status, 200, "{}", home.body);
    let mut at = 0;
    for phase in Phase::ALL {
        let link = format!("href=\"/kennisbank/zoeken?fase={}\"", phase.slug());
        let found = home.body[at..]
            .find(&link)
            .unwrap_or_else(|| panic!("{} after the previous phase", phase.slug()));
        at += found;
        let n = in_phase(practices, phase).len();
        let step = &home.body[at..at + home.body[at..].find("</li>").unwrap()];
        assert!(step.contains(phase.label_nl()), "{step}");
        let counted = if n == 1 {
            "1 goed voorbeeld".to_string()
        } else {
            format!("{n} goede voorbeelden")
        };
        assert!(step.contains(&counted), "{}: {step}", phase.slug());
    }
    assert!(home.body.contains("action=\"/kennisbank/zoeken\""));
    assert!(home.body.contains("type=\"application/atom+xml\" title="));
    assert!(home.body.contains("href=\"/kennisbank/handreiking.pdf\""));
    assert!(home.body.contains("Laatst bijgewerkt"));
    assert!(
        !home.body.contains("Uitloggen"),
        "anonymous: no session navigation"
    );
}

fn search_with_snippets_facets_and_paging(web: &mut Client, total: usize) {
    let found = web.get("/kennisbank/zoeken?q=huisuitzettingen");
    assert_eq!(found.status, 200);
    for slug in [
        "gezin-met-kinderen-geen-huisuitzetting-zonder-gesprek",
        "samenwerkingsconvenant-gooi-en-vechtstreek",
    ] {
        assert!(
            found.body.contains(&format!("href=\"/kennisbank/{slug}\"")),
            "{slug}"
        );
    }
    assert!(found.body.contains("<mark>"), "a highlighted snippet");

    // A facet link narrows: the nazorg link of an unfiltered search.
    let all = web.get("/kennisbank/zoeken");
    assert!(
        all.body.contains(&format!("{total} goede voorbeelden")),
        "an empty query lists all"
    );
    let facet = "href=\"/kennisbank/zoeken?fase=fase-5-nazorg\"";
    assert!(all.body.contains(facet));
    let narrowed = web.get("/kennisbank/zoeken?fase=fase-5-nazorg");
    let hits = count(&narrowed.body, "<h3><a href=\"/kennisbank/");
    assert!(hits > 0 && hits < total.min(20), "{hits} nazorg results");
    assert!(narrowed.body.contains("Gekozen filters"));
    assert!(narrowed.body.contains("filter verwijderen"));

    // Paging: 20 a page, accessible links both ways.
    let first = web.get("/kennisbank/zoeken");
    assert_eq!(count(&first.body, "<h3><a href=\"/kennisbank/"), 20);
    assert!(first.body.contains("aria-label=\"Paginering\""));
    assert!(first
        .body
        .contains("href=\"/kennisbank/zoeken?pagina=2\" rel=\"next\""));
    let second = web.get("/kennisbank/zoeken?pagina=2");
    assert_eq!(
        count(&second.body, "<h3><a href=\"/kennisbank/"),
        total - 20
    );
    assert!(second
        .body
        .contains("href=\"/kennisbank/zoeken\" rel=\"prev\""));

    // Whatever is typed comes back escaped, never as markup.
    let xss = web.get("/kennisbank/zoeken?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    assert_eq!(xss.status, 200);
    assert!(!xss.body.contains("<script>alert(1)"), "{}", xss.body);
    assert!(
        xss.body.contains("&lt;script&gt;alert(1)")
            || xss.body.contains("&#60;script&#62;alert(1)"),
        "the query shown escaped"
    );
    let none = web.get("/kennisbank/zoeken?q=zzqqxxyy");
    assert!(none
        .body
        .contains("Er zijn geen goede voorbeelden gevonden"));
}

fn practice_page_and_not_found(web: &mut Client) {
    let page = web.get("/kennisbank/huisbezoek-binnen-vijf-werkdagen");
    assert_eq!(page.status, 200);
    assert!(page
        .body
        .contains("<h1 id=\"kb-title\">Huisbezoek binnen vijf werkdagen na een signaal</h1>"));
    assert!(
        page.body.contains("<h3>Aanpak</h3>"),
        "the body rendered (headings one level down)"
    );
    assert!(page
        .body
        .contains("<strong>binnen vijf werkdagen na het signaal</strong>"));
    assert!(!page.body.contains("<script"), "no script at all");
    for label in [
        "Gepubliceerd",
        "Bijgewerkt",
        "Te herzien vóór",
        "team.vroegsignalering@denhaag.example",
    ] {
        assert!(page.body.contains(label), "{label}");
    }
    assert!(
        !page.body.contains("Wijziging voorstellen"),
        "not for the anonymous"
    );
    let missing = web.get("/kennisbank/bestaat-niet");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Pagina niet gevonden"));
    assert_eq!(web.get("/kennisbank/bijlagen/999999").status, 404);
}

fn xmllint_atom(xml: &str) -> (bool, String) {
    let schema = concat!(env!("CARGO_MANIFEST_DIR"), "/../../specs/atom/atom.rng");
    let mut child = Command::new("xmllint")
        .args(["--noout", "--relaxng", schema, "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("xmllint is installed");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(xml.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn feed_and_sitemap(web: &mut Client, practices: &[Seeded]) {
    let feed = web.get("/kennisbank/feed.atom");
    assert_eq!(feed.status, 200);
    assert_eq!(
        feed.header("content-type"),
        Some("application/atom+xml; charset=utf-8")
    );
    let (valid, why) = xmllint_atom(&feed.body);
    assert!(valid, "{why}");
    assert_eq!(count(&feed.body, "<entry>"), practices.len());

    let nazorg = web.get("/kennisbank/feed.atom?fase=fase-5-nazorg");
    assert!(xmllint_atom(&nazorg.body).0);
    let expected = in_phase(practices, Phase::Aftercare);
    assert_eq!(count(&nazorg.body, "<entry>"), expected.len());
    for entry in nazorg.body.split("<entry>").skip(1) {
        assert!(entry.contains("term=\"fase-5-nazorg\""), "{entry}");
    }
    let bad = web.get("/kennisbank/feed.atom?fase=fase-9");
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("geen fase van de ontruimingszeef"));

    let sitemap = web.get("/sitemap.xml");
    assert_eq!(sitemap.status, 200);
    for p in practices {
        let loc = format!(
            "<loc>{}/kennisbank/{}</loc><lastmod>",
            web_base(web),
            p.slug
        );
        assert!(sitemap.body.contains(&loc), "{loc}");
    }
    assert!(sitemap.body.contains("/kennisbank/handreiking</loc>"));
}

fn web_base(web: &mut Client) -> String {
    let feed = web.get("/kennisbank/feed.atom");
    let start = feed
        .body
        .find("<link rel=\"alternate\" type=\"text/html\" href=\"")
        .unwrap()
        + 45;
    let end = feed.body[start..].find("/kennisbank\"").unwrap();
    feed.body[start..start + end].to_string()
}

fn handreiking_page(web: &mut Client, practices: &[Seeded]) {
    let page = web.get("/kennisbank/handreiking");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("id=\"toc-heading\""),
        "a table of contents"
    );
    for phase in Phase::ALL {
        let present = page.body.contains(&format!(
            "<section class=\"phase\" id=\"fase-{}\"",
            phase.slug()
        ));
        assert_eq!(
            present,
            !in_phase(practices, phase).is_empty(),
            "{}",
            phase.slug()
        );
    }
    let csp = page.header("content-security-policy").unwrap_or("");
    assert!(
        csp.contains("'sha256-") && csp.contains("script-src 'none'"),
        "{csp}"
    );
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn handreiking_pdf(base: &str, practices: &[Seeded]) {
    let started = Instant::now();
    let (status, kind, pdf) = get_bytes(base, "/kennisbank/handreiking.pdf");
    let first_took = started.elapsed();
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&pdf));
    assert_eq!(kind, "application/pdf");
    assert!(pdf.starts_with(b"%PDF"));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let groups: Vec<(Phase, Vec<&Seeded>)> = Phase::ALL
        .iter()
        .map(|&p| (p, in_phase(practices, p)))
        .filter(|(_, list)| !list.is_empty())
        .collect();
    let mut previous: Option<&(Phase, Vec<&Seeded>)> = None;
    let mut last_page = 0;
    let mut by_heading = BTreeMap::new();
    for group in &groups {
        let label = group.0.label_nl();
        // The heading is a line of its own; the contents list adds a count.
        let page = (last_page..pages.len())
            .find(|&i| pages[i].lines().any(|l| l.trim() == label))
            .unwrap_or_else(|| panic!("no page starts {label}"));
        let first_line = pages[page].lines().map(str::trim).find(|l| !l.is_empty());
        assert_eq!(first_line, Some(label), "{label} opens its page");
        if let Some((_, before)) = previous {
            let page_text = squash(pages[page]);
            for p in before
                .iter()
                .filter(|p| !group.1.iter().any(|q| q.slug == p.slug))
            {
                assert!(
                    !page_text.contains(&squash(&p.title)),
                    "{} on the page of {label}",
                    p.title
                );
            }
        }
        by_heading.insert(label, page);
        previous = Some(group);
        last_page = page + 1;
    }
    assert_eq!(by_heading.len(), groups.len());

    let started = Instant::now();
    let (status, _, again) = get_bytes(base, "/kennisbank/handreiking.pdf");
    let second_took = started.elapsed();
    assert_eq!(status, 200);
    assert_eq!(again, pdf, "the same bytes from the cache");
    assert!(
        second_took * 4 < first_took,
        "cached: {second_took:?} vs {first_took:?}"
    );
}

/// axe-core on the pages with real content (the browser test's list
/// checks them on the bare demo): facets, snippets, a practice, the
/// handreiking with every phase.
#[test]
fn public_pages_with_content_pass_axe() {
    let Some(axe) = support::axe::axe_source() else {
        return;
    };
    let Some(browser) = support::webdriver::Browser::start_or_skip() else {
        return;
    };
    let demo = DemoServer::start();
    seed(&demo.database_url);
    let server = Serve::start(&demo.database_url);
    let mut report = Vec::new();
    for path in [
        "/kennisbank",
        "/kennisbank/zoeken?q=huisuitzettingen",
        "/kennisbank/zoeken?fase=fase-5-nazorg&actor=gemeente",
        "/kennisbank/zoeken?pagina=2",
        "/kennisbank/huisbezoek-binnen-vijf-werkdagen",
        "/kennisbank/handreiking",
        "/kennisbank/bestaat-niet",
    ] {
        browser.goto(&format!("{}{path}", server.base_url));
        browser.find("h1");
        report.push((
            path.to_string(),
            support::axe::axe_violations(&browser, &axe),
        ));
    }
    let failures = support::axe::serious_violations(&report);
    assert!(
        failures.is_empty(),
        "serious or critical accessibility violations:\n{}",
        failures.join("\n")
    );
}
