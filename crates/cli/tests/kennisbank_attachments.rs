//! Attachments on kennisbank practices over HTTP against `vangnet demo`:
//! an editor adds a PDF and a PNG to a published practice and the public
//! downloads them byte for byte with safe headers; a disguised HTML file,
//! an oversized file and someone else's practice are refused; an author's
//! file on their open revision stays unseen until it is published; the
//! editor removes one; a rejected version's file stays unseen after a
//! later publication; the audit log never names a file. On SQLite and on
//! PostgreSQL.

mod support;

use support::casework::{audit_rows, PARTNER};
use support::http::{Client, Reply};
use support::server::DemoServer;
use support::signals::logged_in;

const EDITOR: &str = "redacteur@redactie.example";
const PDF: &[u8] = include_bytes!("kennisbank_attachments/huisbezoek.pdf");
const PNG: &[u8] = include_bytes!("kennisbank_attachments/stip.png");
const MAX: usize = 10 * 1024 * 1024;

on_both_databases!(
    an_editor_attaches_files_the_public_can_download,
    bad_files_and_strangers_are_refused,
    an_authors_file_waits_for_publication,
    a_rejected_versions_file_never_surfaces,
);

/// A published demo practice: its slug and published revision id.
fn a_published_practice(server: &DemoServer) -> (String, i64) {
    use sqlx::Connection;
    const SQL: &str = "SELECT slug, published_revision_id FROM kb_practices \
         WHERE published_revision_id IS NOT NULL ORDER BY id LIMIT 1";
    let url = server.database_url.clone();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async move {
        if url.starts_with("postgres") {
            let mut c = sqlx::PgConnection::connect(&url).await.expect("connect");
            sqlx::query_as(SQL).fetch_one(&mut c).await
        } else {
            let mut c = sqlx::SqliteConnection::connect(&url)
                .await
                .expect("connect");
            sqlx::query_as(SQL).fetch_one(&mut c).await
        }
        .expect("a published practice")
    })
}

fn upload(client: &mut Client, path: &str, name: &str, bytes: &[u8]) -> Reply {
    let path = format!("{path}?csrf_token={}", client.csrf());
    client.post_multipart(&path, &[("bestand", Some(name), bytes)])
}

fn redirected_to(reply: &Reply, path: &str) {
    assert_eq!(reply.status, 303, "{}", reply.body);
    let location = reply.header("location").unwrap_or_default();
    assert!(location.starts_with(path), "{location} is not {path}");
}

/// The id in the first link to `/kennisbank/bijlagen/{id}` before `name`.
fn public_id(page: &str, name: &str) -> i64 {
    page.split("<a href=\"/kennisbank/bijlagen/")
        .skip(1)
        .find(|part| part.contains(&format!(">{name}</a>")))
        .and_then(|part| part.split('"').next()?.parse().ok())
        .unwrap_or_else(|| panic!("{name} is not listed: {page}"))
}

/// The attachment ids in the review page's remove forms.
fn listed_ids(review: &str, revision: i64) -> Vec<i64> {
    let marker = format!("action=\"/redactie/bijlagen/{revision}/");
    review
        .split(&marker)
        .skip(1)
        .filter_map(|part| part.split('/').next()?.parse().ok())
        .collect()
}

fn download(client: &mut Client, id: i64) -> (u16, Vec<(String, String)>, Vec<u8>) {
    client.get_bytes(&format!("/kennisbank/bijlagen/{id}"))
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

fn an_editor_attaches_files_the_public_can_download(server: &DemoServer) {
    let (slug, published) = a_published_practice(server);
    let mut editor = logged_in(server, EDITOR);
    let path = format!("/redactie/bijlagen/{published}");
    let review = format!("/redactie/versies/{published}");
    redirected_to(
        &upload(&mut editor, &path, "../../etc/Huisbezoek plan.pdf", PDF),
        &review,
    );
    redirected_to(&upload(&mut editor, &path, "stip.png", PNG), &review);
    let page = editor.get(&format!("{review}?melding=bijlage"));
    assert!(
        page.body.contains("De bijlage is toegevoegd."),
        "{}",
        page.body
    );
    assert!(page.body.contains("enctype=\"multipart/form-data\""));

    let mut public = Client::new(&server.base_url);
    let listed = public.get(&format!("/kennisbank/{slug}"));
    assert_eq!(listed.status, 200);
    for (name, bytes, kind) in [
        ("Huisbezoek plan.pdf", PDF, "application/pdf"),
        ("stip.png", PNG, "image/png"),
    ] {
        let id = public_id(&listed.body, name);
        let (status, headers, body) = download(&mut public, id);
        assert_eq!(status, 200, "{name}");
        assert_eq!(body, bytes, "{name} is not byte-identical");
        assert_eq!(header(&headers, "content-type"), kind);
        assert!(header(&headers, "content-disposition").starts_with("attachment;"));
        assert_eq!(header(&headers, "x-content-type-options"), "nosniff");
        assert!(header(&headers, "content-security-policy").contains("sandbox"));
    }

    // The editor removes the PNG: gone from the page and the download.
    let png = public_id(&listed.body, "stip.png");
    let csrf = editor.csrf();
    let removed = editor.post_form(
        &format!("/redactie/bijlagen/{published}/{png}/verwijderen"),
        &[("csrf_token", csrf.as_str())],
    );
    redirected_to(&removed, &review);
    assert_eq!(download(&mut public, png).0, 404);
    let listed = public.get(&format!("/kennisbank/{slug}"));
    assert!(!listed.body.contains("stip.png"));
    assert!(listed.body.contains("Huisbezoek plan.pdf"));

    // A partner may not remove one.
    let pdf = public_id(&listed.body, "Huisbezoek plan.pdf");
    let mut partner = logged_in(server, PARTNER);
    let csrf = partner.csrf();
    let refused = partner.post_form(
        &format!("/redactie/bijlagen/{published}/{pdf}/verwijderen"),
        &[("csrf_token", csrf.as_str())],
    );
    assert_eq!(refused.status, 403);
    assert_eq!(download(&mut public, pdf).0, 200);

    // The audit log has the steps, by id, never the file's name.
    let rows = audit_rows(server);
    let steps: Vec<_> = rows
        .iter()
        .filter(|r| r.action.starts_with("kennisbank.attachment"))
        .collect();
    assert_eq!(
        steps.len(),
        3,
        "{:?}",
        steps.iter().map(|r| &r.action).collect::<Vec<_>>()
    );
    for row in &rows {
        for name in ["Huisbezoek plan", "stip.png", "passwd", ".pdf"] {
            assert!(!row.detail.contains(name), "{}: {}", row.action, row.detail);
        }
    }
}

fn bad_files_and_strangers_are_refused(server: &DemoServer) {
    let (slug, published) = a_published_practice(server);
    let mut editor = logged_in(server, EDITOR);
    let path = format!("/redactie/bijlagen/{published}");

    let html = b"<!doctype html><script>alert(document.cookie)</script>";
    let disguised = upload(&mut editor, &path, "foto.png", html);
    assert_eq!(disguised.status, 422, "{}", disguised.body);
    assert!(disguised.body.contains("alleen een PDF of een afbeelding"));
    assert!(disguised.body.contains("href=\"#f-file\""));

    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>";
    assert_eq!(upload(&mut editor, &path, "logo.png", svg).status, 422);
    let renamed = upload(&mut editor, &path, "foto.png", PDF);
    assert_eq!(renamed.status, 422);
    assert!(renamed.body.contains("eindigt op .png"), "{}", renamed.body);
    let empty = upload(&mut editor, &path, "leeg.pdf", b"");
    assert_eq!(empty.status, 422);
    assert!(empty.body.contains("leeg"), "{}", empty.body);

    let mut big = PDF.to_vec();
    big.resize(MAX + 1, b' ');
    let too_big = upload(&mut editor, &path, "groot.pdf", &big);
    assert!(matches!(too_big.status, 413 | 422), "{}", too_big.status);
    assert!(too_big.body.contains("te groot"), "{}", too_big.body);

    // A partner reaches neither the editors' upload nor another's revision.
    let mut partner = logged_in(server, PARTNER);
    assert_eq!(upload(&mut partner, &path, "a.pdf", PDF).status, 403);
    let theirs = format!("/kennisbank/mijn/{published}/bijlagen");
    assert_eq!(upload(&mut partner, &theirs, "a.pdf", PDF).status, 403);
    // Without the token, nothing is read.
    let bare = partner.post_multipart(&theirs, &[("bestand", Some("a.pdf"), PDF)]);
    assert_eq!(bare.status, 403);

    let public = Client::new(&server.base_url).get(&format!("/kennisbank/{slug}"));
    assert!(
        !public.body.contains("/kennisbank/bijlagen/"),
        "{}",
        public.body
    );
}

fn an_authors_file_waits_for_publication(server: &DemoServer) {
    let title = "Bijlagen bij een huisbezoek na het eerste signaal";
    let mut partner = logged_in(server, PARTNER);
    let csrf = partner.csrf();
    let submitted = partner.post_form(
        "/kennisbank/nieuw",
        &[
            ("csrf_token", csrf.as_str()),
            ("title", title),
            ("summary", "Een huisbezoek kort na het eerste signaal."),
            (
                "body_md",
                "Binnen vijf werkdagen staat een consulent op de stoep.",
            ),
            ("phases", "preventie"),
            ("actors", "gemeente"),
        ],
    );
    redirected_to(&submitted, "/kennisbank/mijn");

    let mut editor = logged_in(server, EDITOR);
    let queue = editor.get("/redactie");
    let revision: i64 = queue
        .body
        .split("<a href=\"/redactie/versies/")
        .skip(1)
        .find(|part| part.contains(&format!(">{title}</a>")))
        .and_then(|part| part.split('"').next()?.parse().ok())
        .unwrap_or_else(|| panic!("not queued: {}", queue.body));

    let mine = partner.get("/kennisbank/mijn");
    assert!(mine
        .body
        .contains(&format!("/kennisbank/mijn/{revision}/bijlagen?csrf_token=")));
    let path = format!("/kennisbank/mijn/{revision}/bijlagen");
    redirected_to(
        &upload(&mut partner, &path, "plan.pdf", PDF),
        "/kennisbank/mijn",
    );
    let wrong = upload(&mut partner, &path, "plan.png", b"GIF89a\x01\0\x01\0");
    assert_eq!(wrong.status, 422);
    assert!(
        wrong.body.contains(&format!("href=\"#f-file-{revision}\"")),
        "{}",
        wrong.body
    );
    assert!(partner.get("/kennisbank/mijn").body.contains("plan.pdf"));

    // Someone else may not add to it.
    let mut stranger = logged_in(server, "medewerker@denhaag.example");
    assert_eq!(upload(&mut stranger, &path, "x.pdf", PDF).status, 403);

    let review = editor.get(&format!("/redactie/versies/{revision}"));
    assert!(review.body.contains("nog niet openbaar"), "{}", review.body);
    let ids = listed_ids(&review.body, revision);
    assert_eq!(ids.len(), 1, "{}", review.body);
    let mut public = Client::new(&server.base_url);
    assert_eq!(download(&mut public, ids[0]).0, 404);

    let csrf = editor.csrf();
    let published = editor.post_form(
        &format!("/redactie/versies/{revision}/publiceren"),
        &[("csrf_token", csrf.as_str()), ("status", "submitted")],
    );
    redirected_to(&published, &format!("/redactie/versies/{revision}"));
    let (status, _, body) = download(&mut public, ids[0]);
    assert_eq!(status, 200);
    assert_eq!(body, PDF);
    // After publication the author's form is gone: the revision is decided.
    assert_eq!(upload(&mut partner, &path, "later.pdf", PDF).status, 409);
}

/// The partner's edit of the practice at `slug` under `title`; its
/// revision id from the editor's queue.
fn propose(partner: &mut Client, editor: &mut Client, slug: &str, title: &str) -> i64 {
    let csrf = partner.csrf();
    let proposed = partner.post_form(
        &format!("/kennisbank/{slug}/wijzigen"),
        &[
            ("csrf_token", csrf.as_str()),
            ("title", title),
            ("summary", "Een huisbezoek kort na het eerste signaal."),
            (
                "body_md",
                "Binnen vijf werkdagen staat een consulent op de stoep.",
            ),
            ("phases", "preventie"),
            ("actors", "gemeente"),
        ],
    );
    redirected_to(&proposed, "/kennisbank/mijn");
    let queue = editor.get("/redactie");
    queue
        .body
        .split("<a href=\"/redactie/versies/")
        .skip(1)
        .find(|part| part.contains(&format!(">{title}</a>")))
        .and_then(|part| part.split('"').next()?.parse().ok())
        .unwrap_or_else(|| panic!("not queued: {}", queue.body))
}

fn a_rejected_versions_file_never_surfaces(server: &DemoServer) {
    let (slug, _) = a_published_practice(server);
    let mut partner = logged_in(server, PARTNER);
    let mut editor = logged_in(server, EDITOR);
    let first = propose(&mut partner, &mut editor, &slug, "Een afgewezen voorstel");
    let path = format!("/kennisbank/mijn/{first}/bijlagen");
    redirected_to(
        &upload(&mut partner, &path, "concept.pdf", PDF),
        "/kennisbank/mijn",
    );
    let ids = listed_ids(
        &editor.get(&format!("/redactie/versies/{first}")).body,
        first,
    );
    assert_eq!(ids.len(), 1);

    let csrf = editor.csrf();
    let rejected = editor.post_form(
        &format!("/redactie/versies/{first}/afwijzen"),
        &[
            ("csrf_token", csrf.as_str()),
            ("status", "submitted"),
            (
                "reason",
                "Dit voorstel past niet bij de praktijk zoals zij nu loopt.",
            ),
        ],
    );
    redirected_to(&rejected, &format!("/redactie/versies/{first}"));

    let second = propose(&mut partner, &mut editor, &slug, "Een aanvaard voorstel");
    let published = editor.post_form(
        &format!("/redactie/versies/{second}/publiceren"),
        &[("csrf_token", csrf.as_str()), ("status", "submitted")],
    );
    redirected_to(&published, &format!("/redactie/versies/{second}"));

    let mut public = Client::new(&server.base_url);
    let page = public.get(&format!("/kennisbank/{slug}"));
    assert!(page.body.contains("Een aanvaard voorstel"), "{}", page.body);
    assert!(!page.body.contains("concept.pdf"));
    assert_eq!(download(&mut public, ids[0]).0, 404);
}
