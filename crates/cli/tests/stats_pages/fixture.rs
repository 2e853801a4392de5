//! The test's own figures on top of the demo: a gemeente (Teststad) whose
//! every signal the test sends through the API, so its dashboard's numbers
//! are known exactly, and a published practice whose title looks like a
//! formula, read through the public page by a `vangnet serve` that writes
//! the reads when it stops.

use crate::support::http::Client;
use crate::support::server::{admin, token, DemoServer, DEMO_PASSWORD};
use crate::world::{block_on, demo_editor, publish, Serve};
use chrono::{Datelike, Duration, Utc};
use serde_json::{json, Value};
use vangnet_domain::kennisbank::parse_file;
use vangnet_domain::stats::Period;
use vangnet_store::Store;

pub const LEAD: &str = "teamleider@teststad.example";
pub const FORMULA_TITLE: &str = "=SOM(1+1) Formule aan de keukentafel";
const FORMULA_SLUG: &str = "formule-aan-de-keukentafel";
const ENERGY: usize = 12;
const RENT: usize = 3;

pub struct Fixture {
    /// A range from the signals' date to tomorrow, so the cases opened
    /// today fall in it too.
    pub period: String,
    pub gemeente_token: String,
}

fn day(days_ago: i64) -> chrono::NaiveDate {
    Utc::now().date_naive() - Duration::days(days_ago)
}

fn dutch(date: chrono::NaiveDate) -> String {
    date.format("%d-%m-%Y").to_string()
}

fn store(server: &DemoServer) -> std::sync::Arc<dyn Store> {
    block_on(vangnet_store::connect(&server.database_url)).expect("the demo's database")
}

pub fn build(server: &DemoServer) -> Fixture {
    let run = |args: &[&str], stdin: Option<&str>| {
        let (ok, _, err) = admin(server, args, stdin);
        assert!(ok, "{args:?}: {err}");
    };
    run(
        &[
            "org",
            "add",
            "--code",
            "teststad",
            "--name",
            "Gemeente Teststad",
            "--kind",
            "gemeente",
            "--gemeentecode",
            "0014",
            "--postcodes",
            "9700-9709",
        ],
        None,
    );
    for (email, role) in [
        (LEAD, "teamleider"),
        ("medewerker@teststad.example", "medewerker"),
    ] {
        let password = format!("{DEMO_PASSWORD}\n");
        run(
            &[
                "user",
                "add",
                "--org",
                "teststad",
                "--email",
                email,
                "--name",
                "Test Persoon",
                "--role",
                role,
                "--password-stdin",
            ],
            Some(&password),
        );
    }
    let mut client = Client::new(&server.base_url);
    let signaldate = dutch(day(2));
    let energy: Vec<Value> = (1..=ENERGY)
        .map(|n| {
            json!({
                "kenmerk": format!("TST-E-{n}"), "soort": "Energie", "bedrag": "312,40",
                "signaaldatum": signaldate, "achternaam": format!("Energie{n}"),
                "huisnummer": n.to_string(), "postcode": "9701 AB", "plaatsnaam": "Teststad",
            })
        })
        .collect();
    let rent: Vec<Value> = (1..=RENT)
        .map(|n| {
            json!({
                "kenmerk": format!("TST-H-{n}"), "soort": "Huur", "bedrag": "1.200,00",
                "ontstaansdatum": dutch(day(70)), "signaaldatum": signaldate,
                "voorletters": "T.", "achternaam": format!("Huur{n}"),
                "straatnaam": "Teststraat", "huisnummer": (100 + n).to_string(),
                "postcode": "9702 CD", "plaatsnaam": "Teststad", "maandhuur": "725,00",
                "contact_gezocht": "ja", "gewezen_op_schuldhulp": "ja",
                "herinnering_verstuurd": dutch(day(20)), "bezwaar_tegen_doorgeven": "nee",
            })
        })
        .collect();
    for (partner, batch) in [("energie-west", energy), ("haagse-woningstichting", rent)] {
        let write = token(server, partner, "signals:write");
        let reply = client.post_json_with_token("/api/v1/signals", &write, Value::Array(batch));
        assert_eq!(reply.status, 200, "{}", reply.body);
        assert_eq!(
            reply.json()["summary"]["rejected"],
            0,
            "every signal is accepted: {}",
            reply.body
        );
    }
    formula_practice(server);
    Fixture {
        period: format!("{}..{}", day(2), day(-1)),
        gemeente_token: token(server, "teststad", "stats:read"),
    }
}

/// One known figure: where it is, and how the JSON (as JSON text), the
/// page and the CSV write it.
pub struct Golden {
    pub section: &'static str,
    pub row: &'static str,
    pub column: &'static str,
    pub json: Value,
    pub page: &'static str,
    pub csv: &'static str,
}

/// Teststad's figures: 12 energy and 3 rent signals, each a household of
/// its own, so 15 cases, none picked up yet.
pub fn golden() -> Vec<Golden> {
    const SIGNALS: &str = "signalen-per-soort";
    const SHARE: &str = "Aandeel van de stap ervoor";
    [
        (SIGNALS, "Energie", "Signalen", "12", "12", "12"),
        (SIGNALS, "Energie", "Aandeel", "800", "80,0%", "80,0"),
        (SIGNALS, "Huur", "Signalen", "\"<5\"", "<5", "<5"),
        (SIGNALS, "Huur", "Aandeel", "null", "–", ""),
        (SIGNALS, "Water", "Signalen", "\"<5\"", "<5", "<5"),
        (SIGNALS, "Totaal", "Signalen", "15", "15", "15"),
        ("trechter", "Signalen", "Aantal", "15", "15", "15"),
        (
            "trechter",
            "Zaken (huishoudens)",
            "Aantal",
            "15",
            "15",
            "15",
        ),
        (
            "trechter",
            "Zaken (huishoudens)",
            SHARE,
            "1000",
            "100,0%",
            "100,0",
        ),
        ("trechter", "Opgepakt", "Aantal", "\"<5\"", "<5", "<5"),
        ("trechter", "Hulp aanvaard", "Aantal", "\"<5\"", "<5", "<5"),
    ]
    .into_iter()
    .map(|(section, row, column, json, page, csv)| Golden {
        section,
        row,
        column,
        json: serde_json::from_str(json).unwrap(),
        page,
        csv,
    })
    .collect()
}

/// A published practice titled like a formula, with the demo editor as
/// its author, and a million reads this month so it tops the list.
fn formula_practice(server: &DemoServer) {
    let store = store(server);
    let text = format!(
        "---\ntitle: {FORMULA_TITLE}\nsummary: Een test van de statistieken met een titel die op \
         een formule lijkt.\nphases: [fase-1-huurachterstand]\nactors: [woningcorporatie]\n\
         slug: {FORMULA_SLUG}\n---\n## Aanpak\n\nEen gesprek aan de keukentafel.\n"
    );
    let file = parse_file(&text).unwrap_or_else(|e| panic!("{e:?}"));
    let editor = demo_editor(&*store);
    let created = publish(&*store, &editor, FORMULA_SLUG, &file.content);
    let today = Utc::now().date_naive();
    let month = today.with_day(1).unwrap();
    block_on(store.add_practice_reads(&[(created.practice_id, month, 1_000_000)])).unwrap();
}

/// The platform's dashboard as JSON, computed in-process by the same
/// function the page uses (the API refuses the platform to tokens).
pub fn platform_json(server: &DemoServer, period: &str) -> Value {
    let store = store(server);
    let parsed = Period::parse(period).unwrap();
    let label = parsed.to_string();
    let dashboard = block_on(vangnet_web::stats::load::platform(&*store, parsed, &label)).unwrap();
    serde_json::to_value(dashboard).unwrap()
}

/// The most-read section's id and the row of the formula practice.
pub fn most_read_section(json: &Value) -> (String, usize) {
    let section = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "meest-gelezen")
        .expect("a most-read section");
    let row = section["table"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r[0]["value"] == FORMULA_TITLE)
        .unwrap_or_else(|| panic!("the formula practice is read most: {section}"));
    (section["id"].as_str().unwrap().to_string(), row)
}

/// The public practice page read three times (and asked for by HEAD,
/// and a missing page), by a `vangnet serve` of its own that is then
/// stopped with SIGTERM: its graceful stop writes the reads.
pub fn reads_are_counted_and_flushed_on_stop(server: &DemoServer) {
    let store = store(server);
    let practice = block_on(store.published_practice(FORMULA_SLUG))
        .unwrap()
        .expect("published");
    let before = block_on(store.kennisbank_activity(vangnet_store::stats::DateRange {
        from: day(40),
        to: day(-1),
    }))
    .unwrap();
    let reads_of = |activity: &vangnet_domain::stats::facts::KennisbankActivity| {
        activity
            .most_read
            .iter()
            .find(|(slug, _, _)| slug == FORMULA_SLUG)
            .map(|(_, _, n)| *n)
            .unwrap_or(0)
    };
    let serve = Serve::start(&server.database_url);
    let base = serve.base_url.clone();
    let mut web = Client::new(&base);
    for _ in 0..3 {
        assert_eq!(web.get(&format!("/kennisbank/{FORMULA_SLUG}")).status, 200);
    }
    assert_eq!(web.get("/kennisbank/bestaat-niet").status, 404);
    let head = ureq::head(&format!("{base}/kennisbank/{FORMULA_SLUG}")).call();
    assert!(head.is_ok(), "HEAD answers");
    assert!(serve.terminate().success(), "a graceful stop");
    let after = block_on(store.kennisbank_activity(vangnet_store::stats::DateRange {
        from: day(40),
        to: day(-1),
    }))
    .unwrap();
    assert_eq!(
        reads_of(&after) - reads_of(&before),
        3,
        "three GETs of the published page, not the HEAD or the 404 ({})",
        practice.practice.id
    );
}
