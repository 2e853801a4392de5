//! The tenant's own pages (issue 9) against the real `vangnet demo`
//! server, on SQLite and on PostgreSQL: the address check's wait and lock,
//! expired and revoked links, a tenant session that opens one tenancy and
//! nothing else, each action recorded as its event and response (once,
//! however often the form is sent), the help request's signal at the
//! gemeente, and the English switch.

mod support;

use chrono::{Duration, Utc};
use serde_json::{json, Value};
use support::http::Client;
use support::server::DemoServer;
use support::tenant::{ago, block_on, confirm, form_value, link, World, HOUSE_NUMBER, POSTCODE};
use vangnet_domain::audit::AuditEvent;
use vangnet_store::tenant_channel::ChannelSettings;
use vangnet_store::{OrgScope, Page};

macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[test] fn $name() { super::$name(&super::DemoServer::start()); } )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    let Some(server) = super::DemoServer::start_postgres() else { return };
                    super::$name(&server);
                }
            )*
        }
    };
}

on_both_databases!(
    wrong_answers_wait_longer_then_lock_the_link,
    expired_revoked_and_unknown_links_get_the_same_calm_page,
    a_tenant_session_opens_only_its_own_tenancy,
    each_action_is_recorded_once_as_its_event_and_response,
    asking_for_help_sends_the_signal_to_the_gemeente,
    english_is_one_link_away,
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

async fn store_of(database_url: &str) -> std::sync::Arc<dyn vangnet_store::Store> {
    vangnet_store::connect(database_url).await.unwrap()
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

/// The work list's responses of one tenancy: (kind, detail).
fn responses(server: &DemoServer, verhuurder: i64, tenancy: i64) -> Vec<(String, Value)> {
    block_on(async {
        let store = store_of(&server.database_url).await;
        let all = store
            .responses(
                verhuurder,
                None,
                Page {
                    limit: 500,
                    offset: 0,
                },
            )
            .await
            .unwrap();
        all.into_iter()
            .filter(|r| r.tenancy_id == tenancy)
            .map(|r| (r.kind, r.detail))
            .collect()
    })
}

fn event_kinds(world: &mut World, tenancy: i64) -> Vec<String> {
    let verhuurder = world.verhuurder_id;
    block_on(async {
        let store = store_of(&world.database_url).await;
        let events = store.tenancy_events(verhuurder, tenancy).await.unwrap();
        events.into_iter().map(|e| e.event.kind).collect()
    })
}

fn each_action_is_recorded_once_as_its_event_and_response(server: &DemoServer) {
    let mut world = World::new(server);
    let id = world.tenancy(
        "TV-ACTIONS",
        &[json!({"kind": "herinnering", "date": ago(40)})],
    );
    let token = "actions-token-0123456789abcdefghijklmnopqrstuvwxyz";
    link(server, world.verhuurder_id, id, token, 0, 60);
    let mut tenant = Client::new(&server.base_url);
    confirm(&mut tenant, token);
    let view = tenant.get(&format!("/huurder/{token}"));
    assert!(
        view.body.contains("€ 2.250,00"),
        "the arrears: {}",
        view.body
    );
    let csrf = tenant.csrf();

    let option = form_value(&view.body, "/regeling", "regeling");
    let nonce = form_value(&view.body, "/regeling", "formulier");
    let fields = [
        ("csrf_token", csrf.as_str()),
        ("formulier", &nonce),
        ("regeling", &option),
    ];
    for _ in 0..2 {
        let sent = tenant.post_form(&format!("/huurder/{token}/regeling"), &fields);
        assert_eq!(sent.status, 303, "{}", sent.body);
        let to = sent.header("location").unwrap().to_string();
        assert!(to.ends_with("/ontvangen?wat=regeling"), "{to}");
        let done = tenant.get(&to);
        assert!(
            done.body
                .contains("Uw voorstel is naar de verhuurder gestuurd"),
            "{}",
            done.body
        );
    }
    let nonce = form_value(&view.body, "/bezwaar", "formulier");
    let sent = tenant.post_form(
        &format!("/huurder/{token}/bezwaar"),
        &[("csrf_token", &csrf), ("formulier", &nonce)],
    );
    assert_eq!(sent.status, 303);
    let nonce = form_value(&view.body, "/situatie", "formulier");
    let situation = [
        ("csrf_token", csrf.as_str()),
        ("formulier", &nonce),
        ("soort", "crisis"),
        ("toelichting", "Mijn huis is afgebrand."),
    ];
    let sent = tenant.post_form(&format!("/huurder/{token}/situatie"), &situation);
    assert_eq!(sent.status, 303);
    // The same words from a fresh form: an identical open response.
    let fresh = tenant.get(&format!("/huurder/{token}"));
    let nonce = form_value(&fresh.body, "/situatie", "formulier");
    let again = [
        ("csrf_token", csrf.as_str()),
        ("formulier", nonce.as_str()),
        ("soort", "crisis"),
        ("toelichting", "Mijn huis is afgebrand."),
    ];
    let sent = tenant.post_form(&format!("/huurder/{token}/situatie"), &again);
    assert_eq!(sent.status, 303);

    let mut kinds: Vec<(String, Value)> = responses(server, world.verhuurder_id, id);
    kinds.sort_by(|a, b| a.0.cmp(&b.0));
    let names: Vec<&str> = kinds.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "betalingsregeling_voorgesteld",
            "bezwaar_doorgeven",
            "situatie_gemeld"
        ],
        "each once"
    );
    let (term, instalment) = option.split_once(':').unwrap();
    assert_eq!(kinds[0].1["term_months"], term.parse::<u32>().unwrap());
    assert_eq!(
        kinds[0].1["instalment_cents"],
        instalment.parse::<i64>().unwrap()
    );
    assert_eq!(kinds[2].1["leniency"], true, "a crisis asks for leniency");
    assert_eq!(kinds[2].1["situation"], "crisis");

    let events = event_kinds(&mut world, id);
    for kind in [
        "betalingsregeling_voorgesteld",
        "bezwaar_doorgeven",
        "situatie_gemeld",
    ] {
        assert_eq!(
            events.iter().filter(|k| *k == kind).count(),
            1,
            "{kind} in {events:?}"
        );
    }
    let view = tenant.get(&format!("/huurder/{token}"));
    assert!(
        view.body.contains("wacht op antwoord van de verhuurder"),
        "{}",
        view.body
    );
}

fn asking_for_help_sends_the_signal_to_the_gemeente(server: &DemoServer) {
    let mut world = World::new(server);
    let id = world.tenancy(
        "TV-HELP",
        &[
            json!({"kind": "herinnering", "date": ago(40)}),
            json!({"kind": "contactpoging", "date": ago(35), "soort": "Telefoon", "bereikt": false}),
        ],
    );
    let token = "help-token-0123456789abcdefghijklmnopqrstuvwxyz";
    link(server, world.verhuurder_id, id, token, 0, 60);
    let mut tenant = Client::new(&server.base_url);
    confirm(&mut tenant, token);
    let view = tenant.get(&format!("/huurder/{token}"));
    let csrf = tenant.csrf();
    let nonce = form_value(&view.body, "/hulp", "formulier");
    let without_consent = tenant.post_form(
        &format!("/huurder/{token}/hulp"),
        &[
            ("csrf_token", &csrf),
            ("formulier", &nonce),
            ("contact", "telefoon"),
        ],
    );
    assert_eq!(without_consent.status, 422, "consent is needed");
    let sent = tenant.post_form(
        &format!("/huurder/{token}/hulp"),
        &[
            ("csrf_token", &csrf),
            ("formulier", &nonce),
            ("toestemming", "ja"),
            ("contact", "telefoon"),
            ("telefoon", "0612345678"),
            ("wanneer", "na 17 uur"),
        ],
    );
    assert_eq!(sent.status, 303, "{}", sent.body);
    assert!(
        sent.header("location").unwrap().ends_with("wat=hulp"),
        "{:?}",
        sent.header("location")
    );

    let found = responses(server, world.verhuurder_id, id);
    assert_eq!(found.len(), 1);
    let (kind, detail) = &found[0];
    assert_eq!(kind, "hulp_gevraagd");
    assert_eq!(detail["signal"]["sent"], true, "{detail}");
    assert_eq!(detail["contact_by"], "telefoon");
    let events = event_kinds(&mut world, id);
    assert!(events.contains(&"hulp_gevraagd".to_string()), "{events:?}");
    assert!(
        events.contains(&"signaal_gemeente".to_string()),
        "{events:?}"
    );

    let at_gemeenten = block_on(async {
        let store = store_of(&server.database_url).await;
        let mut found = Vec::new();
        for org in store.list_orgs(OrgScope::All).await.unwrap() {
            let signals = store
                .gemeente_signals(
                    org.id,
                    Page {
                        limit: 500,
                        offset: 0,
                    },
                )
                .await
                .unwrap_or_default();
            for s in signals.into_iter().filter(|s| s.kenmerk == "TV-HELP") {
                found.push((org.name.clone(), s.warm_handover, s.partner_type.clone()));
            }
        }
        found
    });
    assert_eq!(at_gemeenten.len(), 1, "{at_gemeenten:?}");
    let (gemeente, warm, partner_type) = &at_gemeenten[0];
    assert!(gemeente.contains("Den Haag"), "{gemeente}");
    assert!(warm, "a warm handover");
    assert_eq!(partner_type, "Huur");
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
