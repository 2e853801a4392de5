//! Who may do what with a case, over HTTP against the real `vangnet demo`
//! server on SQLite and on PostgreSQL: the gemeente, another gemeente, a
//! hulpverlener before and after the hand-off, and a signal partner; and
//! the audit of every opening of a case page.

mod support;

use support::casework::*;
use support::server::DemoServer;
use support::signals::logged_in;

on_both_databases!(
    each_case_action_is_allowed_only_to_whom_it_belongs,
    opening_a_case_page_is_audited_without_personal_data,
);

fn each_case_action_is_allowed_only_to_whom_it_belongs(server: &DemoServer) {
    let mut worker = logged_in(server, WORKER);
    let mut lead = logged_in(server, LEAD);
    let mut other = logged_in(server, OTHER_GEMEENTE);
    let mut helper = logged_in(server, HULPVERLENER);
    let mut partner = logged_in(server, PARTNER);
    let open = case_of(&mut worker, "", OPEN_OVERDUE);
    let handed = case_of(&mut worker, "", HANDED_OFF);
    let closed = case_of(&mut worker, "?status=afgesloten&postcode=2574", CLOSED);

    // Reading: the gemeente its own, the hulpverlener only what it was handed.
    // Who reads, and per case the answer.
    let reads = [
        (
            "gemeente",
            &mut worker,
            [(open, 200), (handed, 200), (closed, 200)],
        ),
        (
            "teamleider",
            &mut lead,
            [(open, 200), (handed, 200), (closed, 200)],
        ),
        (
            "other gemeente",
            &mut other,
            [(open, 404), (handed, 404), (closed, 404)],
        ),
        // Before a hand-off (open), after it (handed), another's (closed).
        (
            "hulpverlener",
            &mut helper,
            [(open, 404), (handed, 200), (closed, 404)],
        ),
        (
            "signal partner",
            &mut partner,
            [(open, 404), (handed, 404), (closed, 404)],
        ),
    ];
    for (who, client, expected) in reads {
        for (id, status) in expected {
            let reply = client.get(&case_path(id));
            assert_eq!(reply.status, status, "{who}, case {id}: {}", reply.body);
        }
    }

    // Steps by those who may not see the case: not found, nothing changes.
    let v = current_version(&mut worker, open);
    let contact = [
        ("soort", "Telefoon"),
        ("bereikt", "nee"),
        ("datum", &today()),
    ];
    for (who, client) in [
        ("other gemeente", &mut other),
        ("hulpverlener before the hand-off", &mut helper),
        ("signal partner", &mut partner),
    ] {
        let reply = post_step(client, open, "contactpoging", &v, &contact);
        assert_eq!(reply.status, 404, "{who}: {}", reply.body);
    }
    assert_eq!(current_version(&mut worker, open), v, "nothing was saved");

    // The hulpverlener works the handed-off case (and puts its own worker
    // on it), but the gemeente keeps its decisions.
    let me = user_id(server, HULPVERLENER);
    let v = current_version(&mut worker, handed);
    for (step, fields) in [
        ("oppakken", vec![("datum", today())]),
        (
            "niet-oppakken",
            vec![("reden", "Niet opgepakt: andere reden".into())],
        ),
        ("heropenen", vec![("reden", "opnieuw".into())]),
    ] {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let reply = post_step(&mut helper, handed, step, &v, &fields);
        assert_eq!(reply.status, 403, "hulpverlener {step}: {}", reply.body);
        assert!(
            reply
                .body
                .contains("na de overdracht doet alleen de gemeente dit"),
            "{step}: {}",
            reply.body
        );
    }
    let reply = post_step(&mut helper, handed, "toewijzen", &v, &[("medewerker", &me)]);
    assert_eq!(
        reply.status, 303,
        "hulpverlener takes the case: {}",
        reply.body
    );
    let v = version(&helper.get(&case_path(handed)));
    let reply = post_step(&mut helper, handed, "contactpoging", &v, &contact);
    assert_eq!(
        reply.status, 303,
        "hulpverlener records contact: {}",
        reply.body
    );
    let v = version(&helper.get(&case_path(handed)));
    let reply = post_step(
        &mut helper,
        handed,
        "notitie",
        &v,
        &[("notitie", "Budgetplan gemaakt")],
    );
    assert_eq!(
        reply.status, 303,
        "hulpverlener adds a note: {}",
        reply.body
    );
    let page = helper.get(&case_path(handed)).body;
    assert!(page.contains("Budgetplan gemaakt"), "its own note");
    assert!(
        !worker
            .get(&case_path(handed))
            .body
            .contains("Budgetplan gemaakt"),
        "notes stay within the organisation that wrote them"
    );

    // A medewerker takes a case but does not assign colleagues, nor reopen.
    let team = worker.get("/gemeente/zaken").body;
    let (sanne, joost) = (
        option_value(&team, "Sanne Bakker"),
        option_value(&team, "Joost de Vries"),
    );
    let v = current_version(&mut worker, open);
    let reply = post_step(
        &mut worker,
        open,
        "toewijzen",
        &v,
        &[("medewerker", &joost)],
    );
    assert_eq!(reply.status, 403, "a medewerker assigning a colleague");
    let reply = post_step(
        &mut worker,
        open,
        "toewijzen",
        &v,
        &[("medewerker", &sanne)],
    );
    assert_eq!(reply.status, 303, "taking it: {}", reply.body);
    let v = current_version(&mut worker, closed);
    let reason = [("reden", "Nieuwe achterstand gemeld")];
    let reply = post_step(&mut worker, closed, "heropenen", &v, &reason);
    assert_eq!(reply.status, 403, "a medewerker reopening");
    let reply = post_step(&mut lead, closed, "heropenen", &v, &reason);
    assert_eq!(reply.status, 303, "the teamleider reopens: {}", reply.body);

    // After a hand-off the hulpverlener sees the case it could not before.
    let v = current_version(&mut worker, open);
    let reply = post_step(&mut worker, open, "oppakken", &v, &[("datum", &today())]);
    assert_eq!(reply.status, 303, "{}", reply.body);
    let page = worker.get(&case_path(open));
    let org = option_value(&page.body, "Schuldhulp Haaglanden");
    let fields = [("organisatie", org.as_str()), ("datum", &today())];
    let reply = post_step(&mut worker, open, "overdragen", &version(&page), &fields);
    assert_eq!(reply.status, 303, "{}", reply.body);
    let page = helper.get(&case_path(open));
    assert_eq!(page.status, 200, "handed off now: {}", page.body);
    let reply = post_step(
        &mut helper,
        open,
        "contactpoging",
        &version(&page),
        &contact,
    );
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert_eq!(other.get(&case_path(open)).status, 404);

    // Refusals are audited, naming the case by its id only.
    let denied = audit_rows(server)
        .into_iter()
        .filter(|r| r.action == "permission.denied" && r.object_type == "case")
        .filter(|r| r.object_id == handed.to_string())
        .count();
    // The hulpverlener's three refused steps, and the other gemeente and
    // the signal partner opening it (answered "not found", audited all the same).
    assert_eq!(denied, 5, "every refusal on the handed-off case");
}

fn opening_a_case_page_is_audited_without_personal_data(server: &DemoServer) {
    let mut worker = logged_in(server, WORKER);
    let mut other = logged_in(server, OTHER_GEMEENTE);
    let id = case_of(&mut worker, "", OPEN_OVERDUE);
    let views = |server| {
        audit_rows(server)
            .into_iter()
            .filter(|r| r.action == "case.view" && r.object_id == id.to_string())
            .collect::<Vec<_>>()
    };
    let before = views(server).len();
    let page = worker.get(&case_path(id));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Bouzid"), "the page shows the household");
    let after = views(server);
    assert_eq!(after.len(), before + 1, "one entry per opening");
    let entry = after.last().unwrap();
    assert_eq!(entry.object_type, "case");
    let sanne = option_value(&worker.get("/gemeente/zaken").body, "Sanne Bakker");
    assert_eq!(entry.actor_user_id.to_string(), sanne, "who looked");
    assert_eq!(entry.detail, "{}");

    // A refused opening shows nothing, so it is no view.
    assert_eq!(other.get(&case_path(id)).status, 404);
    assert_eq!(views(server).len(), before + 1);

    // A step's entry names ids only, never what was written about the person.
    let note = "Mevrouw Bouzid belde terug over de Paul Krugerlaan";
    let v = version(&page);
    let fields = [
        ("soort", "Huisbezoek"),
        ("bereikt", "ja"),
        ("datum", &today()),
        ("dagdeel", "Middag"),
        ("notitie", note),
    ];
    let reply = post_step(&mut worker, id, "contactpoging", &v, &fields);
    assert_eq!(reply.status, 303, "{}", reply.body);
    let rows = audit_rows(server);
    assert!(rows
        .iter()
        .any(|r| r.action == "case.contact" && r.object_id == id.to_string()));
    for row in &rows {
        let text = format!(
            "{} {} {} {}",
            row.object_type, row.object_id, row.detail, row.reason
        );
        for personal in ["Bouzid", "Krugerlaan", "2571", "Huisbezoek"] {
            assert!(
                !text.contains(personal),
                "{personal} in the audit log: {row:?}"
            );
        }
    }
}
