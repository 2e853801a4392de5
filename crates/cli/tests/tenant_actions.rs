//! The tenant's actions (issue 9) against the real `vangnet demo` server,
//! on SQLite and on PostgreSQL: each action recorded as its event and
//! response, once however often the form is sent, and the help request's
//! signal at the gemeente as a warm handover.

mod support;

use serde_json::{json, Value};
use support::http::Client;
use support::server::DemoServer;
use support::signals::logged_in;
use support::tenant::{
    ago, block_on, confirm, event_kinds, form_value, link, responses, store_of, World,
};
use vangnet_store::{OrgScope, Page};

on_both_databases!(
    each_action_is_recorded_once_as_its_event_and_response,
    asking_for_help_sends_the_signal_to_the_gemeente,
    without_a_letter_the_help_request_waits_for_the_verhuurder,
);

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

/// The tenant's help form on a new link to the tenancy, address confirmed.
struct HelpForm {
    tenant: Client,
    path: String,
    csrf: String,
    nonce: String,
}

impl HelpForm {
    fn open(server: &DemoServer, verhuurder: i64, tenancy: i64, token: &str) -> HelpForm {
        link(server, verhuurder, tenancy, token, 0, 60);
        let mut tenant = Client::new(&server.base_url);
        confirm(&mut tenant, token);
        let view = tenant.get(&format!("/huurder/{token}"));
        let csrf = tenant.csrf();
        let nonce = form_value(&view.body, "/hulp", "formulier");
        let path = format!("/huurder/{token}/hulp");
        HelpForm {
            tenant,
            path,
            csrf,
            nonce,
        }
    }

    fn send(&mut self, fields: &[(&str, &str)]) -> support::http::Reply {
        let mut all = vec![("csrf_token", self.csrf.as_str())];
        all.push(("formulier", self.nonce.as_str()));
        all.extend_from_slice(fields);
        self.tenant.post_form(&self.path, &all)
    }
}

fn asking_for_help_sends_the_signal_to_the_gemeente(server: &DemoServer) {
    let mut world = World::new(server);
    let id = world.tenancy(
        "TV-HELP",
        // No contact attempt: the tenant's own request is the contact.
        &[json!({"kind": "herinnering", "date": ago(40)})],
    );
    let token = "help-token-0123456789abcdefghijklmnopqrstuvwxyz";
    let mut help = HelpForm::open(server, world.verhuurder_id, id, token);
    let without_consent = help.send(&[("contact", "telefoon")]);
    assert_eq!(without_consent.status, 422, "consent is needed");
    let sent = help.send(&[
        ("toestemming", "ja"),
        ("contact", "telefoon"),
        ("telefoon", "0612345678"),
        ("wanneer", "na 17 uur"),
    ]);
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
                found.push((
                    org.name.clone(),
                    s.warm_handover,
                    s.partner_type.clone(),
                    (s.phone.clone(), s.contact_wish.clone()),
                ));
            }
        }
        found
    });
    assert_eq!(at_gemeenten.len(), 1, "{at_gemeenten:?}");
    let (gemeente, warm, partner_type, reach) = &at_gemeenten[0];
    assert!(gemeente.contains("Den Haag"), "{gemeente}");
    assert!(warm, "a warm handover");
    assert_eq!(partner_type, "Huur");
    let wish = (
        Some("0612345678".into()),
        Some("Telefoon, na 17 uur".into()),
    );
    assert_eq!(reach, &wish);
    // The gemeente's worker reads how and when to reach the tenant.
    let mut worker = logged_in(server, "medewerker@denhaag.example");
    let incoming = worker.get("/gemeente/signalen");
    assert!(
        incoming.body.contains("0612345678 · Telefoon, na 17 uur"),
        "{}",
        incoming.body
    );
}

/// A link made without any letter: the decree's written reminder is
/// missing, so no signal goes out; the request is kept for the verhuurder
/// with the missing column, and the tenant is told the verhuurder will see
/// to it.
fn without_a_letter_the_help_request_waits_for_the_verhuurder(server: &DemoServer) {
    let mut world = World::new(server);
    let id = world.tenancy("TV-NOLETTER", &[]);
    let token = "noletter-token-0123456789abcdefghijklmnopqrstuvwxyz";
    let mut help = HelpForm::open(server, world.verhuurder_id, id, token);
    let sent = help.send(&[("toestemming", "ja"), ("contact", "brief")]);
    assert_eq!(sent.status, 303, "{}", sent.body);
    let location = sent.header("location").unwrap_or_default().to_string();
    assert!(location.ends_with("wat=hulp_later"), "{location}");
    // Sent again (a reload): the same confirmation, nothing recorded twice.
    let again = help.send(&[("toestemming", "ja"), ("contact", "brief")]);
    let location = again.header("location").unwrap_or_default().to_string();
    assert!(location.ends_with("wat=hulp_later"), "{location}");
    let found = responses(server, world.verhuurder_id, id);
    assert_eq!(found.len(), 1, "{found:?}");
    let (kind, detail) = &found[0];
    assert_eq!(kind, "hulp_gevraagd");
    assert_eq!(detail["signal"]["sent"], false, "{detail}");
    assert_eq!(
        detail["signal"]["missing"],
        json!(["herinnering_verstuurd"]),
        "{detail}"
    );
    let events = event_kinds(&mut world, id);
    assert!(
        !events.contains(&"signaal_gemeente".to_string()),
        "{events:?}"
    );
}
