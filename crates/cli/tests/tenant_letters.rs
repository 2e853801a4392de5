//! The verhuurder's letters and personal links (issue 9) over HTTP against
//! `vangnet demo`: no letter before the payment details are set, each kind
//! generated with its event on the tenancy, the letter's link the one whose
//! hash is stored, a new letter revoking the old link, revoking by hand,
//! CSRF, and another verhuurder answered 404. On SQLite and PostgreSQL.

mod support;

use support::server::DemoServer;
use support::signals::logged_in;
use support::tenant_channel::*;

on_both_databases!(letters_carry_a_fresh_link_and_land_on_the_tenancy);

fn letters_carry_a_fresh_link_and_land_on_the_tenancy(server: &DemoServer) {
    let mut worker = logged_in(server, WORKER);
    let id = tenancy_id(&mut worker, TENANCY);
    let letters_path = format!("/huur/dossiers/{id}/brieven");
    let csrf = worker.csrf();

    // Only the beheerder sets the channel; without the letters' phone
    // number and IBAN (the demo has them; cleared here) no letter is made.
    assert_eq!(worker.get("/huur/huurderskanaal").status, 403);
    let mut beheerder = logged_in(server, BEHEERDER);
    save_channel(&mut beheerder, "", "");
    let refused = worker.post_form(
        &letters_path,
        &[("csrf_token", &csrf), ("soort", "herinnering")],
    );
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("telefoonnummer"), "{}", refused.body);
    set_channel(&mut beheerder);

    // Without the CSRF token nothing is generated.
    let forged = worker.post_form(&letters_path, &[("soort", "herinnering")]);
    assert_eq!(forged.status, 403, "{}", forged.body);

    let store = block_on(vangnet_store::connect(&server.database_url)).unwrap();
    let org = verhuurder_id(&store);
    let before = event_kinds(&store, org, id);
    let mut tokens = Vec::new();
    for kind in ["herinnering", "veertiendagenbrief", "aanmaning"] {
        let reply = worker.post_form(&letters_path, &[("csrf_token", &csrf), ("soort", kind)]);
        assert_eq!(reply.status, 200, "{kind}: {}", reply.body);
        // The letter with its link is the answer itself, shown this once.
        assert!(
            reply.body.contains("Print of bewaar de brief nu"),
            "{}",
            reply.body
        );
        let url = link_in_letter(&reply.body);
        assert_eq!(
            url.rsplit_once('/').unwrap().0,
            server.url("/huurder"),
            "{url}"
        );
        tokens.push(url.rsplit('/').next().unwrap().to_string());
    }

    // Each letter is kept with its own event, whose document is the letter.
    let letters = block_on(store.letters(org, id)).unwrap();
    assert_eq!(letters.len(), 3);
    let events = block_on(store.tenancy_events(org, id)).unwrap();
    let after = event_kinds(&store, org, id);
    for (letter, token) in letters.iter().zip(&tokens) {
        let event = events
            .iter()
            .find(|e| e.id == letter.tenancy_event_id)
            .unwrap();
        assert_eq!(event.event.kind, letter.kind);
        let document = event.event.document.as_ref().expect("the letter attached");
        assert_eq!(document.sha256, vangnet_web::sha256_hex(&letter.html));
        let count = |kinds: &[String]| kinds.iter().filter(|k| **k == letter.kind).count();
        assert_eq!(count(&after), count(&before) + 1, "{}", letter.kind);
        // The link's token is kept only as its hash: the kept copy of the
        // letter says in words where the link was.
        let html = worker.get(&format!("/huur/brieven/{}", letter.id));
        assert_eq!(html.status, 200);
        assert!(!html.body.contains(token.as_str()), "{}", html.body);
        assert!(!letter.html.contains(token.as_str()));
        assert!(html.body.contains("staat alleen in de verstuurde brief"));
        let link = block_on(store.link_by_token_hash(&vangnet_web::sha256_hex(token)))
            .unwrap()
            .expect("the token's hash is stored");
        assert_eq!(Some(link.id), letter.link_id);
    }
    let veertien = &letters[1];
    assert!(veertien.collection_costs_cents.is_some_and(|c| c >= 4_000));
    let html = worker.get(&format!("/huur/brieven/{}", veertien.id));
    assert!(html.body.contains("Schuldhulp Den Haag"), "{}", html.body);

    // Regenerating revoked the earlier links; the last one is live.
    let live = |token: &str| {
        let link = block_on(store.link_by_token_hash(&vangnet_web::sha256_hex(token)));
        link.unwrap().unwrap().revoked_at.is_none()
    };
    assert_eq!(
        tokens.iter().map(|t| live(t)).collect::<Vec<_>>(),
        [false, false, true]
    );
    let page = worker.get(&letters_path);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Bruikbaar"), "{}", page.body);
    assert!(
        !page.body.contains(&tokens[2]),
        "the token is shown only once"
    );

    // A new link by hand, then revoked.
    let made = worker.post_form(
        &format!("/huur/dossiers/{id}/link"),
        &[("csrf_token", &csrf)],
    );
    assert_eq!(made.status, 200, "{}", made.body);
    let token = fresh_link(&made.body)
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    assert!(!live(&tokens[2]) && live(&token));
    let revoked = worker.post_form(
        &format!("/huur/dossiers/{id}/link/intrekken"),
        &[("csrf_token", &csrf)],
    );
    assert_eq!(revoked.status, 200, "{}", revoked.body);
    assert!(revoked.body.contains("Ingetrokken"), "{}", revoked.body);
    assert!(!live(&token));

    // The PDF, or a Dutch reason why Chromium could not print it.
    let (status, _, body) = worker.get_bytes(&format!("/huur/brieven/{}/pdf", veertien.id));
    match status {
        200 => assert!(body.starts_with(b"%PDF"), "a PDF"),
        503 => assert!(String::from_utf8_lossy(&body).contains("Chromium")),
        other => panic!("PDF answered {other}"),
    }
    // A letter made as a PDF: the download, or the letter page saying why not.
    let fields = [
        ("csrf_token", csrf.as_str()),
        ("soort", "aanmaning"),
        ("als", "pdf"),
    ];
    let (status, headers, body) = worker.post_form_bytes(&letters_path, &fields);
    assert_eq!(status, 200);
    let no_store = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("cache-control") && v == "no-store");
    assert!(no_store, "{headers:?}");
    assert!(
        body.starts_with(b"%PDF")
            || String::from_utf8_lossy(&body).contains("Een PDF kon niet worden gemaakt"),
        "neither a PDF nor the reason"
    );

    // The tenancy page offers the letters.
    let tenancy = worker.get(&format!("/huur/dossiers/{id}"));
    assert!(tenancy.body.contains(&letters_path), "{}", tenancy.body);

    // Another verhuurder sees none of it.
    let mut other = other_verhuurder(server);
    let csrf_other = other.csrf();
    assert_eq!(other.get(&letters_path).status, 404);
    assert_eq!(
        other.get(&format!("/huur/brieven/{}", veertien.id)).status,
        404
    );
    assert_eq!(
        other
            .get(&format!("/huur/brieven/{}/pdf", veertien.id))
            .status,
        404
    );
    let theirs = other.post_form(
        &letters_path,
        &[("csrf_token", &csrf_other), ("soort", "aanmaning")],
    );
    assert_eq!(theirs.status, 404, "{}", theirs.body);
    let link = other.post_form(
        &format!("/huur/dossiers/{id}/link"),
        &[("csrf_token", &csrf_other)],
    );
    assert_eq!(link.status, 404, "{}", link.body);
    assert_eq!(
        block_on(store.letters(org, id)).unwrap().len(),
        4,
        "the three letters and the PDF one"
    );
}
