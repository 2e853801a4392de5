//! The tenant channel's response rates on the verhuurder's dashboard: the
//! demo's verhuurder sends letters to tenancies of the test's own, tenants
//! open their link and answer through the real tenant pages, and the
//! dashboard counts that with the demo's own (`demo_tenant_channel`: two
//! herinneringen and an aanmaning, a proposal and a situation told, no
//! link opened).

use crate::outputs::page_table;
use crate::support::http::Client;
use crate::support::server::DemoServer;
use crate::support::signals::logged_in;
use crate::support::tenant::{ago, confirm, form_value, World};
use crate::support::tenant_channel::{link_in_letter, set_channel, BEHEERDER, WORKER};
use serde_json::json;

/// Tenancies that each get a herinnering and then an aanmaning, whose
/// link the tenant opens to tell their situation: five of each, so the
/// counts are shown, and no veertiendagenbrief, so one letter kind is
/// small and the next smallest (the aanmaning: 6 against 7) is withheld
/// with it.
const TENANCIES: usize = 5;

pub fn letters_and_answers_are_counted(server: &DemoServer, period: &str) {
    set_channel(&mut logged_in(server, BEHEERDER));
    let mut world = World::new(server);
    let mut worker = logged_in(server, WORKER);
    for n in 1..=TENANCIES {
        let id = world.tenancy(
            &format!("ST-KANAAL-{n}"),
            &[json!({"kind": "herinnering", "date": ago(40)})],
        );
        let link = send_letters(&mut worker, id, &["herinnering", "aanmaning"]);
        tell_situation(server, &link, n);
    }
    // (section, row, count, rate per letter sent), as the page shows them.
    let expected = [
        ("huurderskanaal", "Brieven verstuurd", "13", "–"),
        (
            "huurderskanaal",
            "Link geopend (adres bevestigd)",
            "5",
            "38,5%",
        ),
        ("huurderskanaal", "Reacties van huurders", "7", "53,8%"),
        ("huurderskanaal-per-soort", "Herinnering", "7", "53,8%"),
        ("huurderskanaal-per-soort", "Veertiendagenbrief", "<5", "–"),
        ("huurderskanaal-per-soort", "Aanmaning", "–", "–"),
        (
            "huurderskanaal-per-soort",
            "Huurder vertelt over situatie",
            "6",
            "46,2%",
        ),
        (
            "huurderskanaal-per-soort",
            "Huurder vraagt om hulp",
            "<5",
            "–",
        ),
    ];
    let mut lead = logged_in(server, "teamleider.huur@woningstichting.example");
    let page = lead.get(&format!("/statistieken/verhuurder?periode={period}"));
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains(
            "huurders openden 5 keer hun link en reageerden 7 keer (53,8% van het aantal \
             brieven)."
        ),
        "the summary"
    );
    for (section, row, count, rate) in expected {
        let table = page_table(&page.body, section);
        let cells = table
            .iter()
            .find(|cells| cells[0] == row)
            .unwrap_or_else(|| panic!("no row {row} in {section}: {table:?}"));
        assert_eq!(cells[1..], [count, rate], "{section} / {row}");
    }
}

/// Sends the letters in order and returns the last one's link: each new
/// letter revokes the link of the one before.
fn send_letters(worker: &mut Client, tenancy: i64, kinds: &[&str]) -> String {
    let path = format!("/huur/dossiers/{tenancy}/brieven");
    let csrf = worker.csrf();
    let mut link = String::new();
    for kind in kinds {
        let reply = worker.post_form(&path, &[("csrf_token", &csrf), ("soort", kind)]);
        assert_eq!(reply.status, 200, "{kind}: {}", reply.body);
        link = link_in_letter(&reply.body);
    }
    link
}

/// The tenant opens the letter's link, passes the address check and tells
/// their situation, in their own words each time.
fn tell_situation(server: &DemoServer, link: &str, n: usize) {
    let token = link.rsplit('/').next().unwrap();
    let mut tenant = Client::new(&server.base_url);
    confirm(&mut tenant, token);
    let view = tenant.get(&format!("/huurder/{token}"));
    let csrf = tenant.csrf();
    let nonce = form_value(&view.body, "/situatie", "formulier");
    let words = format!("Ik ben ziek, week {n}.");
    let sent = tenant.post_form(
        &format!("/huurder/{token}/situatie"),
        &[
            ("csrf_token", csrf.as_str()),
            ("formulier", &nonce),
            ("soort", "ziekte"),
            ("toelichting", &words),
        ],
    );
    assert_eq!(sent.status, 303, "{}", sent.body);
}
