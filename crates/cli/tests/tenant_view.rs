//! The tenant's personal link (issue 9) against the real `vangnet demo`
//! server, on SQLite and on PostgreSQL: the address check's wait and lock,
//! expired, revoked and unknown links alike, a tenant session that opens
//! one tenancy and nothing else (on another node too), the English switch,
//! and the tenant link the demo prints. The actions are in
//! `tenant_actions.rs`.

mod support;

use chrono::{Duration, Utc};
use support::http::Client;
use support::server::DemoServer;
use support::tenant::{
    block_on, confirm, form_value, link, store_of, World, HOUSE_NUMBER, POSTCODE,
};
use vangnet_domain::audit::AuditEvent;
use vangnet_store::tenant_channel::ChannelSettings;
use vangnet_store::OrgScope;

on_both_databases!(
    wrong_answers_wait_longer_then_lock_the_link,
    expired_revoked_and_unknown_links_get_the_same_calm_page,
    a_tenant_session_opens_only_its_own_tenancy,
    english_is_one_link_away,
    the_demo_prints_a_tenant_link_that_opens,
);

const GONE: &str = "Deze link werkt niet meer";

fn check(client: &mut Client, token: &str, postcode: &str, number: &str) -> support::http::Reply {
    let csrf = client.csrf();
    client.post_form(
        &format!("/huurder/{token}/controle"),
        &[
            ("csrf_token", &csrf),
            ("postcode", postcode),
            ("huisnummer", number),
        ],
    )
}
fn wrong_answers_wait_longer_then_lock_the_link(server: &DemoServer) {
    let mut world = World::new(server);
    let id = world.tenancy("TV-LOCK", &[]);
    block_on(async {
        let store = store_of(&server.database_url).await;
        let settings = ChannelSettings {
            max_failed_attempts: 3,
            ..ChannelSettings::default()
        };
        let audit = AuditEvent::new("tenant_channel.settings", "org", None).by_label("test");
        store
            .set_channel_settings(world.verhuurder_id, &settings, audit)
            .await
            .unwrap();
    });
    let token = "lock-test-token-0123456789abcdefghijklmnopqrstuvwxyz";
    let link_id = link(server, world.verhuurder_id, id, token, 0, 60);
    let mut tenant = Client::new(&server.base_url);
    let page = tenant.get(&format!("/huurder/{token}"));
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Eerst even controleren"),
        "{}",
        page.body
    );
    assert!(
        !page.body.contains("J. de Wit"),
        "nothing personal before the check"
    );

    let wrong = check(&mut tenant, token, "1234 AB", "1");
    assert_eq!(wrong.status, 422, "{}", wrong.body);
    assert!(wrong.body.contains("Wacht even"), "{}", wrong.body);
    let again = check(&mut tenant, token, POSTCODE, HOUSE_NUMBER);
    assert_eq!(
        again.status, 429,
        "too soon is not looked at: {}",
        again.body
    );
    let garbage = check(&mut tenant, token, "geen postcode", "x");
    assert_eq!(garbage.status, 422, "not an address is not a wrong answer");

    // A second wrong answer long ago, so its wait is over.
    block_on(async {
        let store = store_of(&server.database_url).await;
        let audit =
            AuditEvent::new("tenant_link.check_failed", "tenant_link", None).by_label("test");
        let earlier = Utc::now() - Duration::hours(1);
        let link = store
            .record_failed_check(link_id, earlier, false, audit)
            .await
            .unwrap();
        assert_eq!(
            link.failed_attempts, 2,
            "the too-soon and the garbage were not counted"
        );
    });
    let locked = check(&mut tenant, token, "1234 AB", "1");
    assert_eq!(locked.status, 404, "{}", locked.body);
    assert!(locked.body.contains(GONE));
    let right = check(&mut tenant, token, POSTCODE, HOUSE_NUMBER);
    assert!(right.body.contains(GONE), "a locked link stays locked");

    let actions = audit_actions(server, world.verhuurder_id);
    for action in [
        "tenant_link.check_failed",
        "tenant_link.too_soon",
        "tenant_link.locked",
    ] {
        assert!(
            actions.iter().any(|(a, _)| a == action),
            "{action} in {actions:?}"
        );
    }
    for (_, detail) in actions
        .iter()
        .filter(|(a, _)| a.starts_with("tenant_link."))
    {
        assert!(
            !detail.contains("2517") && !detail.contains("1234"),
            "{detail}"
        );
    }
}

/// The verhuurder's audit entries: (action, detail).
fn audit_actions(server: &DemoServer, org_id: i64) -> Vec<(String, String)> {
    block_on(async {
        let store = store_of(&server.database_url).await;
        let entries = store
            .list_audit(OrgScope::Only(org_id), None, 500)
            .await
            .unwrap();
        entries
            .into_iter()
            .map(|e| (e.event.action.clone(), e.event.detail.clone()))
            .collect()
    })
}

fn expired_revoked_and_unknown_links_get_the_same_calm_page(server: &DemoServer) {
    let mut world = World::new(server);
    let old = world.tenancy("TV-OLD", &[]);
    let expired = "expired-token-0123456789abcdefghijklmnopqrstuvwxyz";
    link(server, world.verhuurder_id, old, expired, 70, 60);
    let mut tenant = Client::new(&server.base_url);
    let page = tenant.get(&format!("/huurder/{expired}"));
    assert_eq!(page.status, 404);
    assert!(page.body.contains(GONE), "{}", page.body);

    let unknown = tenant.get("/huurder/no-such-token-at-all-0123456789abcdef");
    assert_eq!(unknown.status, 404);
    assert_eq!(
        strip_csrf(&unknown.body),
        strip_csrf(&page.body),
        "no case told apart"
    );

    let live = world.tenancy("TV-REVOKED", &[]);
    let token = "revoked-token-0123456789abcdefghijklmnopqrstuvwxyz";
    let link_id = link(server, world.verhuurder_id, live, token, 0, 60);
    confirm(&mut tenant, token);
    assert!(tenant
        .get(&format!("/huurder/{token}"))
        .body
        .contains("Wat u nog moet betalen"));
    block_on(async {
        let store = store_of(&server.database_url).await;
        let audit = AuditEvent::new("tenant_link.revoke", "tenant_link", None).by_label("test");
        store
            .revoke_link(world.verhuurder_id, link_id, Utc::now(), audit)
            .await
            .unwrap();
    });
    let revoked = tenant.get(&format!("/huurder/{token}"));
    assert_eq!(revoked.status, 404, "a session ends with its link");
    assert!(revoked.body.contains(GONE));
}

fn strip_csrf(body: &str) -> String {
    body.lines()
        .filter(|l| !l.contains("csrf"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn a_tenant_session_opens_only_its_own_tenancy(server: &DemoServer) {
    let mut world = World::new(server);
    let mine = world.tenancy("TV-MINE", &[]);
    let other = world.tenancy("TV-OTHER", &[]);
    let token = "mine-token-0123456789abcdefghijklmnopqrstuvwxyz";
    let other_token = "other-token-0123456789abcdefghijklmnopqrstuvwxyz";
    link(server, world.verhuurder_id, mine, token, 0, 60);
    link(server, world.verhuurder_id, other, other_token, 0, 60);
    let mut tenant = Client::new(&server.base_url);
    confirm(&mut tenant, token);
    let view = tenant.get(&format!("/huurder/{token}"));
    assert!(view.body.contains("TV-MINE"), "{}", view.body);
    // The session is the database's, so another node knows it too.
    let node = server.second_node();
    let mut elsewhere = Client::new(&node.base_url);
    elsewhere.cookies = tenant.cookies.clone();
    let there = elsewhere.get(&format!("/huurder/{token}"));
    assert!(there.body.contains("TV-MINE"), "{}", there.body);
    drop(node);

    let another = tenant.get(&format!("/huurder/{other_token}"));
    assert!(
        another.body.contains("Eerst even controleren"),
        "{}",
        another.body
    );
    assert!(!another.body.contains("TV-OTHER"));
    let csrf = tenant.csrf();
    let nonce = form_value(&view.body, "/situatie", "formulier");
    let posted = tenant.post_form(
        &format!("/huurder/{other_token}/situatie"),
        &[
            ("csrf_token", &csrf),
            ("formulier", &nonce),
            ("soort", "ziekte"),
        ],
    );
    assert_eq!(posted.status, 303);
    assert_eq!(
        posted.header("location"),
        Some(format!("/huurder/{other_token}").as_str())
    );
    for staff in ["/start", "/huur/dossiers", "/beheer/audit", "/signalen"] {
        let reply = tenant.get(staff);
        assert_eq!(reply.status, 303, "{staff}");
        assert_eq!(reply.header("location"), Some("/inloggen"), "{staff}");
    }
    let api = tenant.get("/api/v1/tenancies");
    assert_eq!(api.status, 401);
}
fn english_is_one_link_away(server: &DemoServer) {
    let mut world = World::new(server);
    let id = world.tenancy("TV-EN", &[]);
    let token = "english-token-0123456789abcdefghijklmnopqrstuvwxyz";
    link(server, world.verhuurder_id, id, token, 0, 60);
    let mut tenant = Client::new(&server.base_url);
    let dutch = tenant.get(&format!("/huurder/{token}"));
    assert!(dutch.body.contains("<html lang=\"nl\">"));
    assert!(
        dutch.body.contains("?taal=en\" lang=\"en\""),
        "a visible switch: {}",
        dutch.body
    );
    let english = tenant.get(&format!("/huurder/{token}?taal=en"));
    assert!(
        english.body.contains("<html lang=\"en\">"),
        "{}",
        english.body
    );
    assert!(english.body.contains("First a quick check"));
    confirm(&mut tenant, token);
    let view = tenant.get(&format!("/huurder/{token}"));
    assert!(
        view.body.contains("<html lang=\"en\">"),
        "remembered: {}",
        view.body
    );
    assert!(view.body.contains("What you still have to pay"));
    let back = tenant.get(&format!("/huurder/{token}?taal=nl"));
    assert!(back.body.contains("Wat u nog moet betalen"));
}

/// The address the demo prints for trying the tenant's side opens the
/// demo tenancy after the printed address check.
fn the_demo_prints_a_tenant_link_that_opens(server: &DemoServer) {
    let printed = server.next_printed_address();
    let path = printed
        .strip_prefix(&server.base_url)
        .unwrap_or_else(|| panic!("{printed} is not on {}", server.base_url));
    let token = path.strip_prefix("/huurder/").expect("a tenant link");
    let mut tenant = Client::new(&server.base_url);
    let page = tenant.get(path);
    assert!(
        page.body.contains("Eerst even controleren"),
        "{}",
        page.body
    );
    let reply = check(&mut tenant, token, "2562 HD", "101");
    assert_eq!(reply.status, 303, "{}", reply.body);
    let view = tenant.get(path);
    assert!(view.body.contains("HWS-1001"), "{}", view.body);
    assert!(view.body.contains("€ 750,00"), "{}", view.body);
}
