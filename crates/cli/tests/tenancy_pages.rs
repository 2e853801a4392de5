//! The eviction track's pages over HTTP against `vangnet demo`: who may
//! open which page, a blocked step answered 409 with its rules, a form
//! mistake 422 in Dutch, the four-eyes override (the requester is refused,
//! in Dutch; a second teamleider approves), and the gemeente's art. 14
//! notices.

mod support;

use support::server::DemoServer;
use support::signals::logged_in;

const WORKER: &str = "medewerker@woningstichting.example";
const LEAD: &str = "teamleider.huur@woningstichting.example";

/// The id of the tenancy listed with `reference` on the list page.
fn tenancy_id(list: &str, reference: &str) -> i64 {
    list.split("<a href=\"/huur/dossiers/")
        .skip(1)
        .find(|part| part.contains(&format!(">{reference}</a>")))
        .and_then(|part| part.split('"').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("{reference} is not listed:\n{list}"))
}

/// The value of the first hidden or text input named `name`.
fn field(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page
        .find(&marker)
        .unwrap_or_else(|| panic!("no field {name}:\n{page}"))
        + marker.len();
    let end = page[start..].find('"').unwrap() + start;
    page[start..end].to_string()
}

/// The ids of the pending overrides on the teamleider's page.
fn pending(page: &str) -> Vec<i64> {
    page.split("action=\"/huur/doorbraken/")
        .skip(1)
        .filter(|part| part.contains("/goedkeuren\""))
        .filter_map(|part| part.split('/').next()?.parse().ok())
        .collect()
}

#[test]
fn the_tenancy_pages_guard_the_gate_and_the_four_eyes() {
    let server = DemoServer::start();

    // Only the verhuurder's people see tenancies; only a gemeente notices.
    let mut gemeente = logged_in(&server, "medewerker@denhaag.example");
    assert_eq!(gemeente.get("/huur/dossiers").status, 403);
    let notices = gemeente.get("/gemeente/meldingen");
    assert_eq!(notices.status, 200, "{}", notices.body);
    assert!(
        notices.body.contains("Zuiderparklaan 200"),
        "{}",
        notices.body
    );
    assert!(notices.body.contains("Haagse Woningstichting"));

    let mut worker = logged_in(&server, WORKER);
    assert_eq!(worker.get("/gemeente/meldingen").status, 403);
    assert_eq!(worker.get("/huur/doorbraken").status, 403);
    let list = worker.get("/huur/dossiers");
    assert_eq!(list.status, 200, "{}", list.body);
    assert!(list.body.contains("Huurdossiers"));
    let id = tenancy_id(&list.body, "HWS-1004");
    let page = worker.get(&format!("/huur/dossiers/{id}"));
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Volgende stap: Dagvaarding"));
    assert!(page.body.contains("Incassokosten"));
    let viewed = support::casework::audit_rows(&server)
        .into_iter()
        .any(|r| r.action == "tenancy.view" && r.object_id == id.to_string());
    assert!(viewed, "opening a tenancy page is audited");
    let today = field(&page.body, "datum");
    let csrf = worker.csrf();

    // A form mistake: 422 with the reason in Dutch, nothing recorded.
    let reply = worker.post_form(
        &format!("/huur/dossiers/{id}/gebeurtenis"),
        &[
            ("csrf_token", &csrf),
            ("soort", "herinnering"),
            ("datum", "gisteren"),
        ],
    );
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert!(reply.body.contains("dd-mm-jjjj"), "{}", reply.body);

    // An escalating step through the wrong form is refused too.
    let reply = worker.post_form(
        &format!("/huur/dossiers/{id}/gebeurtenis"),
        &[
            ("csrf_token", &csrf),
            ("soort", "dagvaarding"),
            ("datum", &today),
        ],
    );
    assert_eq!(reply.status, 422, "{}", reply.body);

    // The teamleider asks for the blocked summons and may not approve it.
    let mut lead = logged_in(&server, LEAD);
    let csrf = lead.csrf();
    let reply = lead.post_form(
        &format!("/huur/dossiers/{id}/stap"),
        &[
            ("csrf_token", &csrf),
            ("soort", "dagvaarding"),
            ("datum", &today),
        ],
    );
    assert_eq!(reply.status, 409, "{}", reply.body);
    assert!(reply.body.contains("Tegengehouden door de poort"));
    assert!(reply.body.contains("huisbezoek"), "{}", reply.body);
    let decision = field(&reply.body, "besluit");
    let reply = lead.post_form(
        &format!("/huur/dossiers/{id}/doorbraak"),
        &[
            ("csrf_token", &csrf),
            ("besluit", &decision),
            ("soort", "dagvaarding"),
            ("datum", &today),
            ("reden", "kort"),
        ],
    );
    assert_eq!(reply.status, 422, "{}", reply.body);
    // The refused request keeps the blocked step and its rules on the page.
    assert!(reply.body.contains("Tegengehouden door de poort"));
    assert!(reply.body.contains("huisbezoek"), "{}", reply.body);
    assert_eq!(field(&reply.body, "besluit"), decision);
    let reply = lead.post_form(
        &format!("/huur/dossiers/{id}/doorbraak"),
        &[
            ("csrf_token", &csrf),
            ("besluit", &decision),
            ("soort", "dagvaarding"),
            ("datum", &today),
            ("reden", "De huurder is vertrokken en de woning staat leeg."),
        ],
    );
    assert_eq!(reply.status, 303, "{}", reply.body);

    let page = lead.get("/huur/doorbraken");
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains("HWS-1006"),
        "the demo's pending override"
    );
    assert!(page.body.contains("uw eigen aanvraag"));
    let ids = pending(&page.body);
    assert_eq!(ids.len(), 2, "{}", page.body);
    let own = *ids.iter().max().unwrap();
    let demo = *ids.iter().min().unwrap();
    let reply = lead.post_form(
        &format!("/huur/doorbraken/{own}/goedkeuren"),
        &[("csrf_token", &csrf)],
    );
    assert_eq!(reply.status, 409, "{}", reply.body);
    assert!(
        reply.body.contains("niet wie hem aanvroeg"),
        "{}",
        reply.body
    );

    // The medewerker's request: the teamleider is the second person.
    let reply = lead.post_form(
        &format!("/huur/doorbraken/{demo}/goedkeuren"),
        &[("csrf_token", &csrf)],
    );
    assert_eq!(reply.status, 303, "{}", reply.body);
    let page = lead.get("/huur/doorbraken?melding=goedgekeurd");
    assert!(page.body.contains("goedgekeurd"));
    assert_eq!(pending(&page.body), vec![own]);
    let list = lead.get("/huur/dossiers");
    let approved = tenancy_id(&list.body, "HWS-1006");
    let page = lead.get(&format!("/huur/dossiers/{approved}"));
    assert!(page.body.contains("Doorbraak"), "{}", page.body);
    assert!(
        page.body.contains("Volgende stap: Dagvaarding"),
        "{}",
        page.body
    );
}
