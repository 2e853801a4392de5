//! Municipal case work over HTTP against the real `vangnet demo` server,
//! on SQLite and on PostgreSQL: stale versions and the rules' refusals,
//! the queue's filters and "Mijn zaken", the short deadline after an art. 14
//! melding, and the settings page.

mod support;

use support::casework::*;
use support::http::Client;
use support::server::DemoServer;
use support::signals::logged_in;
use vangnet_domain::calendar::amsterdam_date;
use vangnet_domain::casework::deadline::{pickup_deadline, DeadlineSettings};

on_both_databases!(
    a_step_on_a_stale_version_is_refused_in_dutch,
    queue_filters_find_the_demo_cases,
    a_melding_gives_the_short_deadline_in_the_queue_as_on_the_case_page,
    settings_are_for_the_teamleider_and_checked_by_the_domain,
);

fn a_step_on_a_stale_version_is_refused_in_dutch(server: &DemoServer) {
    let mut worker = logged_in(server, WORKER);
    let mut lead = logged_in(server, LEAD);
    let id = case_of(&mut worker, "", CONTACTED);
    let seen = current_version(&mut worker, id);
    let reply = post_step(
        &mut lead,
        id,
        "notitie",
        &seen,
        &[("notitie", "Eerste notitie")],
    );
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert_eq!(
        reply.header("location"),
        Some(format!("/gemeente/zaken/{id}?melding=notitie").as_str())
    );

    // The worker still has the form of before the teamleider's note.
    let reply = post_step(
        &mut worker,
        id,
        "notitie",
        &seen,
        &[("notitie", "Tweede notitie")],
    );
    assert_eq!(reply.status, 409, "{}", reply.body);
    assert!(
        reply
            .body
            .contains("Iemand anders heeft deze zaak gewijzigd"),
        "{}",
        reply.body
    );
    assert!(
        reply.body.contains(">Tweede notitie</textarea>"),
        "kept to send again"
    );
    assert!(
        reply.body.contains("Eerste notitie"),
        "shows the case as it is now"
    );
    let page = worker.get(&case_path(id)).body;
    assert!(
        !page.contains("Tweede notitie"),
        "nothing was overwritten or added"
    );

    // The rules answer in Dutch too, with 422.
    let now = current_version(&mut worker, id);
    // (step, fields, the reason on the page)
    let cases = [
        (
            "oppakken",
            vec![("datum", today())],
            "Deze zaak is al opgepakt.",
        ),
        (
            "contactpoging",
            vec![("soort", "Telefoon".into()), ("datum", today())],
            "Geef aan of de persoon is bereikt.",
        ),
        (
            "contactpoging",
            vec![
                ("soort", "Telefoon".into()),
                ("bereikt", "nee".into()),
                ("datum", "2099-01-01".into()),
            ],
            "De datum ligt in de toekomst",
        ),
        (
            "afsluiten",
            vec![("resultaat", "Geen idee".into()), ("datum", today())],
            "Kies een eindresultaat uit de lijst.",
        ),
    ];
    for (step, fields, message) in cases {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let reply = post_step(&mut worker, id, step, &now, &fields);
        assert_eq!(reply.status, 422, "{step}: {}", reply.body);
        assert!(
            reply.body.contains(message),
            "{step}: {message}: {}",
            reply.body
        );
    }
    assert_eq!(current_version(&mut worker, id), now, "nothing was saved");
}

fn households(client: &mut Client, query: &str) -> Vec<String> {
    queue(client, query)
        .into_iter()
        .map(|r| r.household)
        .collect()
}

fn queue_filters_find_the_demo_cases(server: &DemoServer) {
    let mut worker = logged_in(server, WORKER);
    let all = households(&mut worker, "");
    for household in [OPEN_OVERDUE, NO_CONTACT_YET, HANDED_OFF, CONTACTED] {
        assert!(
            all.contains(&household.to_string()),
            "{household} in {all:?}"
        );
    }
    assert!(
        !all.contains(&CLOSED.to_string()),
        "closed cases leave the queue"
    );

    let overdue = queue(&mut worker, "?termijn=verlopen");
    let names: Vec<&str> = overdue.iter().map(|r| r.household.as_str()).collect();
    assert!(
        names.contains(&OPEN_OVERDUE) && names.contains(&NO_CONTACT_YET),
        "{names:?}"
    );
    assert!(
        !names.contains(&HANDED_OFF) && !names.contains(&CONTACTED),
        "{names:?}"
    );
    for row in &overdue {
        assert!(
            row.text.contains("verlopen"),
            "the state is in words: {row:?}"
        );
    }
    let soon = households(&mut worker, "?termijn=bijna-verlopen");
    assert!(!soon.contains(&OPEN_OVERDUE.to_string()), "{soon:?}");

    // The demo's history closed many cases; its own closed one is in 2574.
    let closed = households(&mut worker, "?status=afgesloten&postcode=2574");
    assert_eq!(closed, [CLOSED]);
    let energy = households(&mut worker, "?soort=Energie");
    assert!(energy.contains(&OPEN_OVERDUE.to_string()), "{energy:?}");
    assert!(!energy.contains(&NO_CONTACT_YET.to_string()), "{energy:?}");
    let area = households(&mut worker, "?postcode=2526");
    assert!(area.contains(&HANDED_OFF.to_string()), "{area:?}");
    assert!(area.iter().all(|h| h.starts_with("2526")), "{area:?}");
    let range = households(&mut worker, "?postcode=2500-2529");
    assert!(range.contains(&CONTACTED.to_string()) && !range.contains(&NO_CONTACT_YET.to_string()));

    let sanne = option_value(&worker.get("/gemeente/zaken").body, "Sanne Bakker");
    let assigned = households(&mut worker, &format!("?medewerker={sanne}"));
    assert!(
        assigned.contains(&NO_CONTACT_YET.to_string()),
        "{assigned:?}"
    );
    assert!(
        !assigned.contains(&OPEN_OVERDUE.to_string()),
        "{assigned:?}"
    );
    let mine = worker.get("/gemeente/mijn-zaken");
    assert_eq!(mine.status, 200);
    let mine: Vec<String> = support::casework::queue_rows(&mine.body)
        .into_iter()
        .map(|r| r.household)
        .collect();
    assert_eq!(
        mine, assigned,
        "Mijn zaken is the queue of the signed-in worker"
    );
    let combined = households(
        &mut worker,
        &format!("?medewerker={sanne}&termijn=verlopen"),
    );
    assert_eq!(combined, [NO_CONTACT_YET]);

    let wrong = worker.get("/gemeente/zaken?postcode=abc&termijn=morgen");
    assert_eq!(wrong.status, 200);
    assert!(wrong.body.contains("Postcodegebied:") && wrong.body.contains("Termijn:"));

    let mut helper = logged_in(server, HULPVERLENER);
    assert_eq!(households(&mut helper, ""), [HANDED_OFF]);
    // The hulpverlener puts its own workers on the cases handed to it.
    assert_eq!(helper.get("/gemeente/mijn-zaken").status, 200);
    let mut partner = logged_in(server, PARTNER);
    assert_eq!(partner.get("/gemeente/zaken").status, 403);
}

/// The demo's HWS-1005 had its art. 14 melding nine days ago, which opened
/// a case for the household: its pick-up is due three working days after
/// the melding, not five, and the queue, its filter and the case page agree.
fn a_melding_gives_the_short_deadline_in_the_queue_as_on_the_case_page(server: &DemoServer) {
    const MELDING: &str = "2541CM 200";
    let dutch = |d: chrono::NaiveDate| d.format("%d-%m-%Y").to_string();
    let on = amsterdam_date(chrono::Utc::now()) - chrono::Duration::days(9);
    let defaults = DeadlineSettings::default();
    let short = dutch(pickup_deadline(on, Some(on), &defaults));
    let normal = dutch(pickup_deadline(on, None, &defaults));
    assert_ne!(short, normal);

    let mut worker = logged_in(server, WORKER);
    let rows = queue(&mut worker, "");
    let row = rows
        .iter()
        .find(|r| r.household == MELDING)
        .unwrap_or_else(|| panic!("{MELDING} in {rows:?}"));
    assert!(
        row.text
            .contains(&format!("ontruiming dreigt (melding {})", dutch(on))),
        "{row:?}"
    );
    assert!(row.text.contains(&short), "{short}: {row:?}");
    assert!(!row.text.contains(&normal), "{normal}: {row:?}");
    let overdue = row.text.contains("verlopen") && !row.text.contains("bijna verlopen");
    let filtered = households(&mut worker, "?termijn=verlopen");
    assert_eq!(
        filtered.contains(&MELDING.to_string()),
        overdue,
        "the filter agrees with the row: {row:?} {filtered:?}"
    );
    let plain = rows
        .iter()
        .find(|r| r.household == OPEN_OVERDUE)
        .expect("a case without a melding");
    assert!(!plain.text.contains("ontruiming dreigt"), "{plain:?}");

    let page = worker.get(&case_path(row.id));
    assert_eq!(page.status, 200);
    let text = support::casework::strip_tags(&page.body);
    assert!(
        text.contains(&format!(
            "meldde op {} een voorgenomen ontruiming",
            dutch(on)
        )),
        "{text}"
    );
    let pickup = text
        .split("Besluit over oppakken")
        .nth(1)
        .expect("the pick-up deadline");
    assert!(pickup.contains(&short), "{short}: {pickup}");
}

fn settings_are_for_the_teamleider_and_checked_by_the_domain(server: &DemoServer) {
    const PATH: &str = "/gemeente/instellingen-zaakwerk";
    for email in [WORKER, HULPVERLENER, PARTNER] {
        let reply = logged_in(server, email).get(PATH);
        assert_eq!(reply.status, 403, "{email}");
    }
    let mut lead = logged_in(server, LEAD);
    let page = lead.get(PATH);
    assert_eq!(page.status, 200, "{}", page.body);
    let values = input_values(&page.body);
    let with = |changes: &[(&str, &str)]| {
        let mut fields: Vec<(String, String)> = values
            .iter()
            .filter(|(name, _)| name != "good_friday")
            .cloned()
            .collect();
        for (name, value) in changes {
            fields.retain(|(n, _)| n != name);
            fields.push((name.to_string(), value.to_string()));
        }
        fields
    };
    let post = |client: &mut Client, fields: Vec<(String, String)>| {
        let fields: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        client.post_form(PATH, &fields)
    };
    let reply = post(
        &mut lead,
        with(&[("crisis", "veel"), ("top_priority", "5")]),
    );
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert!(reply
        .body
        .contains("Crisissituatie (punten): moet een geheel getal zijn"));
    let reply = post(
        &mut lead,
        with(&[("first_contact_when_eviction_threatens", "9")]),
    );
    assert_eq!(reply.status, 422);
    assert!(reply
        .body
        .contains("mag niet langer zijn dan de gewone termijn"));

    let changes = [
        ("crisis", "90"),
        ("good_friday", "ja"),
        ("ddas_supplier", "VNG-42"),
    ];
    let reply = post(&mut lead, with(&changes));
    assert_eq!(reply.status, 303, "{}", reply.body);
    let page = lead.get(PATH).body;
    assert!(page.contains("name=\"crisis\" value=\"90\""), "{page}");
    assert!(page.contains("value=\"ja\" checked"), "Goede Vrijdag");
    assert!(audit_rows(server)
        .iter()
        .any(|r| r.action == "casework.settings"));
    // The new weight counts in the next priorities.
    let id = case_of(&mut lead, "", OPEN_OVERDUE);
    let case = lead.get(&case_path(id)).body;
    assert!(case.contains("Prioriteit:"), "{case}");
}
