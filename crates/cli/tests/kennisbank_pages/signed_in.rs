//! What needs a login or the store: attachments (only of what is
//! published, with safe headers) and the signed-in navigation.

use super::support::http::Client;
use super::support::server::DEMO_PASSWORD;
use super::world::{block_on, get_bytes};
use std::io::Read;
use vangnet_domain::audit::AuditEvent;
use vangnet_store::kennisbank::{NewAttachment, NewRevision};

pub fn attachments_only_of_what_is_published(database_url: &str, base: &str) {
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

pub fn signed_in_users_see_their_navigation(base: &str) {
    let mut partner = Client::new(base);
    partner.login("medewerker@woningstichting.example", DEMO_PASSWORD);
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
    editor.login("redacteur@redactie.example", DEMO_PASSWORD);
    let search = editor.get("/kennisbank/zoeken?concept=1");
    assert!(search.body.contains("Concepten worden meegezocht"));
    let login = Client::new(base).get("/inloggen");
    assert!(
        login.body.contains("href=\"/kennisbank\""),
        "the public finds the kennisbank"
    );
}
