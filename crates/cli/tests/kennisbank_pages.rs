//! The public kennisbank pages against a real `vangnet serve`, on SQLite and
//! PostgreSQL: the demo database gets the 29 practices of
//! content/kennisbank (published, as an editor's import would), then a
//! `serve` on it builds its index at start, and everything is read without
//! logging in: the zeef on the home page, search with facets, snippets and
//! paging, a practice page, 404, the Atom feed against the RELAX NG schema,
//! the sitemap, the handreiking and its PDF (a page per phase, cached).

mod support;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use support::http::Client;
use support::server::DemoServer;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::kennisbank::{parse_file, Phase};
use vangnet_store::kennisbank::{NewAttachment, NewPractice, NewRevision, PublishAs};
use vangnet_store::OrgScope;

on_both_databases!(public_kennisbank_pages);

const CONTENT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content/kennisbank");

fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .unwrap()
        })
        .block_on(future)
}

/// A published practice as the test knows it: slug, title, phase slugs.
struct Seeded {
    slug: String,
    title: String,
    phases: Vec<String>,
}

/// Publishes every content file whose slug is not in the database yet (the
/// demo may already hold them), and returns everything published.
fn seed(database_url: &str) -> Vec<Seeded> {
    let store = block_on(vangnet_store::connect(database_url)).unwrap();
    let users = block_on(store.list_users(OrgScope::All)).unwrap();
    let editor = users
        .iter()
        .find(|u| u.email == "redacteur@redactie.example")
        .expect("the demo editor");
    let mut files: Vec<_> = std::fs::read_dir(CONTENT)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("README.md"))
        .collect();
    files.sort();
    assert!(files.len() >= 29, "the demo content is in the repository");
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let file = parse_file(&text).unwrap_or_else(|e| panic!("{path:?}: {e:?}"));
        let slug = match &file.slug {
            Some(slug) => slug.as_str().to_string(),
            None => path.file_stem().unwrap().to_string_lossy().into_owned(),
        };
        if block_on(store.latest_revision_hash(&slug))
            .unwrap()
            .is_some()
        {
            continue;
        }
        let content = &file.content;
        let practice = NewPractice {
            slug: slug.clone(),
            owner_user_id: Some(editor.id),
            contributor_org_id: Some(editor.org_id),
            revision: NewRevision {
                content: vangnet_web::kennisbank::convert::to_store(content),
                author_user_id: Some(editor.id),
                author_org_id: Some(editor.org_id),
                suggester_name: None,
                suggester_email: None,
                content_hash: content.content_hash(),
            },
            publish: Some(PublishAs {
                editor_user_id: editor.id,
                review_by: content
                    .review_by
                    .unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(2027, 12, 31).unwrap()),
            }),
        };
        let audit =
            AuditEvent::new("kennisbank.practice.import", "practice", None).by_label("test");
        block_on(store.create_practice(&practice, audit)).unwrap();
    }
    block_on(store.published_practices())
        .unwrap()
        .into_iter()
        .map(|p| Seeded {
            slug: p.practice.slug,
            title: p.revision.content.title,
            phases: p.revision.content.phases,
        })
        .collect()
}

/// `vangnet serve` on the seeded database: it builds its index at start.
struct Serve {
    child: Child,
    base_url: String,
}

impl Serve {
    fn start(database_url: &str) -> Serve {
        Self::start_with(database_url, "chromium")
    }

    fn start_with(database_url: &str, chromium: &str) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vangnet"))
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--purge-delay-seconds",
                "86400",
            ])
            .args(["--database-url", database_url])
            .env("RUST_LOG", "error")
            .env("VANGNET_CHROMIUM", chromium)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start vangnet serve");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(at) = line.find("http://") {
                    let _ = tx.send(line[at..].trim().to_string());
                }
            }
        });
        let base_url = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("serve's address");
        Serve { child, base_url }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Status, content type and body bytes (the test client reads text only).
fn get_bytes(base: &str, path: &str) -> (u16, String, Vec<u8>) {
    let response = match ureq::get(&format!("{base}{path}")).call() {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{path}: {e}"),
    };
    let status = response.status();
    let kind = response.header("content-type").unwrap_or("").to_string();
    let mut body = Vec::new();
    response.into_reader().read_to_end(&mut body).unwrap();
    (status, kind, body)
}

fn count(body: &str, needle: &str) -> usize {
    body.matches(needle).count()
}

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

fn attachments_only_of_what_is_published(database_url: &str, base: &str) {
    let store = block_on(vangnet_store::connect(database_url)).unwrap();
    let published = block_on(store.published_practice("huisbezoek-binnen-vijf-werkdagen"))
        .unwrap()
        .unwrap();
    let bytes = b"%PDF-1.4 verslag".to_vec();
    let attach = |revision_id: i64, filename: &str| {
        let attachment = NewAttachment {
            practice_id: published.practice.id,
            revision_id,
            filename: filename.into(),
            content_type: "application/pdf".into(),
            size_bytes: bytes.len() as i64,
            sha256: vangnet_web::sha256_hex(std::str::from_utf8(&bytes).unwrap()),
            bytes: bytes.clone(),
            uploaded_by_user_id: published.practice.owner_user_id,
        };
        let audit =
            AuditEvent::new("kennisbank.attachment.add", "attachment", None).by_label("test");
        block_on(store.add_attachment(&attachment, audit)).unwrap()
    };
    let shown = attach(published.revision.id, "verslag \"2025\" één.pdf");

    // A draft's new file stays unseen until the draft is published.
    let mut draft = vangnet_web::kennisbank::convert::from_store(&published.revision.content);
    draft.summary.push_str(" Nu ook in Rijswijk.");
    let revision = NewRevision {
        content: vangnet_web::kennisbank::convert::to_store(&draft),
        author_user_id: published.practice.owner_user_id,
        author_org_id: None,
        suggester_name: None,
        suggester_email: None,
        content_hash: draft.content_hash(),
    };
    let audit = AuditEvent::new("kennisbank.revision.propose", "practice", None).by_label("test");
    let draft_id =
        block_on(store.propose_revision(published.practice.id, &revision, audit)).unwrap();
    let hidden = attach(draft_id, "concept.pdf");

    let page = ureq::get(&format!(
        "{base}/kennisbank/huisbezoek-binnen-vijf-werkdagen"
    ))
    .call()
    .unwrap()
    .into_string()
    .unwrap();
    assert!(page.contains(&format!("href=\"/kennisbank/bijlagen/{shown}\"")));
    assert!(!page.contains(&format!("href=\"/kennisbank/bijlagen/{hidden}\"")));
    assert!(page.contains("(PDF, 16 bytes)"), "type and size listed");

    let response = ureq::get(&format!("{base}/kennisbank/bijlagen/{shown}"))
        .call()
        .unwrap();
    assert_eq!(response.header("content-type"), Some("application/pdf"));
    assert_eq!(response.header("x-content-type-options"), Some("nosniff"));
    assert!(response
        .header("content-security-policy")
        .unwrap()
        .starts_with("sandbox"));
    let disposition = response.header("content-disposition").unwrap().to_string();
    assert!(
        disposition
            .starts_with("attachment; filename=\"verslag _2025_ __n.pdf\"; filename*=UTF-8''"),
        "{disposition}"
    );
    let mut body = Vec::new();
    response.into_reader().read_to_end(&mut body).unwrap();
    assert_eq!(body, bytes);
    assert_eq!(
        get_bytes(base, &format!("/kennisbank/bijlagen/{hidden}")).0,
        404
    );
}

fn signed_in_users_see_their_navigation(base: &str) {
    let mut partner = Client::new(base);
    partner.login(
        "medewerker@woningstichting.example",
        support::server::DEMO_PASSWORD,
    );
    let page = partner.get("/kennisbank/huisbezoek-binnen-vijf-werkdagen");
    assert!(page.body.contains("Uitloggen"), "the usual navigation");
    assert!(page
        .body
        .contains("href=\"/kennisbank\" aria-current=\"page\">Kennisbank</a>"));
    assert!(page
        .body
        .contains("href=\"/kennisbank/huisbezoek-binnen-vijf-werkdagen/wijzigen\""));
    // Drafts are for the editors only: `concept=1` is ignored for others.
    let search = partner.get("/kennisbank/zoeken?q=Rijswijk&concept=1");
    assert!(!search.body.contains("Concepten worden meegezocht"));
    let mut editor = Client::new(base);
    editor.login("redacteur@redactie.example", support::server::DEMO_PASSWORD);
    let search = editor.get("/kennisbank/zoeken?concept=1");
    assert!(search.body.contains("Concepten worden meegezocht"));
    let login = Client::new(base).get("/inloggen");
    assert!(
        login.body.contains("href=\"/kennisbank\""),
        "the public finds the kennisbank"
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
