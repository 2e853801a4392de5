//! The statistics over HTTP against `vangnet demo`, on SQLite and
//! PostgreSQL: who opens which dashboard (people and tokens), the period
//! form and its errors, the numbers identical in the page, the CSV, the
//! XLSX and the API's JSON, small cells as "<5" in each, a practice title
//! that looks like a formula neutralised in the downloads, a verhuurder's
//! cost per eviction, golden figures for a gemeente of our own whose
//! every signal the test sent, and the tenant channel's letters and
//! answers on the verhuurder's dashboard.

#[path = "stats_pages/channel.rs"]
mod channel;
#[path = "stats_pages/fixture.rs"]
mod fixture;
#[path = "stats_pages/outputs.rs"]
mod outputs;
mod support;
#[path = "kennisbank_pages/world.rs"]
#[allow(dead_code)]
mod world;

use fixture::{Fixture, FORMULA_TITLE};
use outputs::{csv_rows, from_csv, from_page, from_xlsx, json_cells, page_table, xlsx_sheets};
use serde_json::Value;
use support::casework::audit_rows;
use support::http::Client;
use support::server::{token, DemoServer};
use support::signals::logged_in;

on_both_databases!(statistics_over_http);

fn statistics_over_http(server: &DemoServer) {
    let world = fixture::build(server);
    fixture::reads_are_counted_and_flushed_on_stop(server);
    who_sees_which_dashboard(server);
    tokens_need_stats_read(server);
    the_period_form(server);
    // Before the outputs are compared, so the channel's cells are not all small.
    channel::letters_and_answers_are_counted(server, &world.period);
    for (login, kind) in [
        (fixture::LEAD, "gemeente"),
        ("teamleider.huur@woningstichting.example", "verhuurder"),
        ("beheer@vangnet.example", "platform"),
    ] {
        let mut person = logged_in(server, login);
        let json = api_dashboard(server, &world, kind);
        every_output_has_the_same_numbers(&mut person, kind, &world.period, &json);
    }
    golden_figures(server, &world);
    formulas_are_neutralised(server, &world);
    the_cost_per_eviction(server);
}

/// The JSON of a dashboard, by a token of the organisation (the platform's
/// by the platform administrator's page session instead: tokens may not).
fn api_dashboard(server: &DemoServer, world: &Fixture, kind: &str) -> Value {
    let path = format!("/api/v1/stats/{kind}?periode={}", world.period);
    let mut client = Client::new(&server.base_url);
    let reply = match kind {
        "gemeente" => client.get_with_token(&path, &world.gemeente_token),
        "verhuurder" => {
            let token = token(server, "haagse-woningstichting", "stats:read");
            client.get_with_token(&path, &token)
        }
        _ => {
            // The platform is for people only; its JSON is the same type,
            // so read it through the page's own data instead.
            let token = token(server, "vangnet-beheer", "stats:read");
            let refused = client.get_with_token(&path, &token);
            assert_eq!(refused.status, 403, "{}", refused.body);
            return fixture::platform_json(server, &world.period);
        }
    };
    assert_eq!(reply.status, 200, "{path}: {}", reply.body);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    reply.json()
}

fn who_sees_which_dashboard(server: &DemoServer) {
    for (login, dashboard) in [
        ("teamleider@denhaag.example", "gemeente"),
        ("beheerder@denhaag.example", "gemeente"),
        ("teamleider.huur@woningstichting.example", "verhuurder"),
        ("beheerder@woningstichting.example", "verhuurder"),
        ("beheer@vangnet.example", "platform"),
    ] {
        let mut person = logged_in(server, login);
        let start = person.get("/start");
        assert!(
            start.body.contains("href=\"/statistieken\""),
            "{login} has Statistieken in the menu"
        );
        let chosen = person.get("/statistieken");
        assert_eq!(chosen.status, 303, "{login}: {}", chosen.body);
        let to = format!("/statistieken/{dashboard}");
        assert_eq!(chosen.header("location"), Some(to.as_str()), "{login}");
        let page = person.get(&to);
        assert_eq!(page.status, 200, "{login}: {}", page.body);
        assert!(page.body.contains("Bekijk de cijfers als tabel"), "{login}");
        assert!(page.body.contains("aria-current=\"page\""), "{login}");
        for other in ["gemeente", "verhuurder", "platform"] {
            if other != dashboard {
                let refused = person.get(&format!("/statistieken/{other}"));
                assert_eq!(refused.status, 403, "{login} opens {other}");
                let csv = person.get(&format!("/statistieken/{other}.xlsx"));
                assert_eq!(csv.status, 403, "{login} downloads {other}");
            }
        }
    }
    for (login, why) in [
        ("medewerker@denhaag.example", "U heeft geen toegang"),
        ("medewerker@woningstichting.example", "U heeft geen toegang"),
        (
            "medewerker@energiewest.example",
            "voor dit soort organisatie zijn er geen statistieken",
        ),
        (
            "medewerker@schuldhulp.example",
            "voor dit soort organisatie zijn er geen statistieken",
        ),
        (
            "redacteur@redactie.example",
            "voor dit soort organisatie zijn er geen statistieken",
        ),
    ] {
        let mut person = logged_in(server, login);
        assert!(!person.get("/start").body.contains("href=\"/statistieken\""));
        let refused = person.get("/statistieken");
        assert_eq!(refused.status, 403, "{login}");
        assert!(refused.body.contains(why), "{login}: {}", refused.body);
        for kind in ["gemeente", "verhuurder", "platform"] {
            let refused = person.get(&format!("/statistieken/{kind}"));
            assert_eq!(refused.status, 403, "{login} opens {kind}");
        }
    }
    let denials = audit_rows(server)
        .into_iter()
        .filter(|r| r.action == "permission.denied" && r.detail.contains("ViewStatistics"))
        .count();
    assert!(denials >= 10, "refusals are audited ({denials})");
    let mut anonymous = Client::new(&server.base_url);
    let to_login = anonymous.get("/statistieken/gemeente");
    assert_eq!(to_login.status, 303);
    assert_eq!(to_login.header("location"), Some("/inloggen"));
}

fn tokens_need_stats_read(server: &DemoServer) {
    let mut client = Client::new(&server.base_url);
    let without = token(server, "den-haag", "org:read");
    let with = token(server, "den-haag", "stats:read");
    let path = "/api/v1/stats/gemeente?periode=2025";
    let refused = client.get_with_token(path, &without);
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(
        refused.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(client.get_with_token(path, &with).status, 200);
    for other in ["verhuurder", "platform"] {
        let reply = client.get_with_token(&format!("/api/v1/stats/{other}"), &with);
        assert_eq!(reply.status, 403, "{other}: {}", reply.body);
    }
    assert_eq!(
        client.get_with_token("/api/v1/stats/iets", &with).status,
        404
    );
    let bad = client.get_with_token("/api/v1/stats/gemeente?periode=2025-13", &with);
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert_eq!(bad.json()["errors"][0]["field"], "periode");
    assert!(bad.json()["detail"].as_str().unwrap().contains("2025-13"));
    assert_eq!(client.get("/api/v1/stats/gemeente").status, 401);
    let doc = client.get("/api/v1/openapi.json").json();
    assert!(
        doc["paths"]["/api/v1/stats/{kind}"]["get"].is_object(),
        "the API documents the statistics"
    );
}

fn the_period_form(server: &DemoServer) {
    let mut lead = logged_in(server, "teamleider@denhaag.example");
    for (query, span) in [
        ("periode=2025", "1 januari 2025 tot en met 31 december 2025"),
        ("periode=2025-K2", "1 april 2025 tot en met 30 juni 2025"),
        (
            "periode=2025-02",
            "1 februari 2025 tot en met 28 februari 2025",
        ),
        (
            "periode=2025&anders=2025-01-15..2025-03-31",
            "15 januari 2025 tot en met 31 maart 2025",
        ),
    ] {
        let page = lead.get(&format!("/statistieken/gemeente?{query}"));
        assert_eq!(page.status, 200, "{query}: {}", page.body);
        assert!(page.body.contains(span), "{query}");
    }
    let page = lead.get("/statistieken/gemeente?periode=2025-K2");
    assert!(page.body.contains("<option value=\"2025-K2\" selected>"));
    assert!(page
        .body
        .contains("href=\"/statistieken/gemeente.xlsx?periode=2025-K2\""));
    let bad = lead.get("/statistieken/gemeente?periode=2025&anders=vorig+jaar");
    assert_eq!(bad.status, 422);
    assert!(
        bad.body
            .contains("href=\"#f-anders\">Andere periode: &#39;vorig jaar&#39; is geen periode")
            || bad
                .body
                .contains("href=\"#f-anders\">Andere periode: 'vorig jaar' is geen periode"),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("aria-invalid=\"true\""));
    let bad = lead.get("/statistieken/gemeente?periode=2025-13");
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains(">Periode: "), "{}", bad.body);
    let download = lead.get("/statistieken/gemeente/trechter.csv?periode=2025-13");
    assert_eq!(download.status, 422);
    assert!(download.body.contains("2025-13"));
    assert_eq!(
        lead.get("/statistieken/gemeente/bestaat-niet.csv?periode=2025")
            .status,
        404
    );
}

/// Every section of `json` against the page, its CSV, its XLSX and the
/// whole workbook.
fn every_output_has_the_same_numbers(person: &mut Client, kind: &str, period: &str, json: &Value) {
    let page = person.get(&format!("/statistieken/{kind}?periode={period}"));
    assert_eq!(page.status, 200, "{}", page.body);
    let (status, headers, workbook) =
        person.get_bytes(&format!("/statistieken/{kind}.xlsx?periode={period}"));
    assert_eq!(status, 200);
    assert!(headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("content-disposition")
            && v.starts_with(&format!("attachment; filename=\"vangnet-{kind}-"))
            && v.ends_with(".xlsx\"")));
    let sheets = xlsx_sheets(&workbook);
    let sections = json["sections"].as_array().expect("sections");
    assert!(!sections.is_empty());
    assert_eq!(sheets.len(), sections.len(), "one sheet per section");
    for (n, section) in sections.iter().enumerate() {
        let id = section["id"].as_str().unwrap();
        let what = format!("{kind} {id}");
        let expected = json_cells(&section["table"]);
        let columns: Vec<&str> = section["table"]["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();

        let html = page_table(&page.body, id);
        same_rows(&format!("{what} page"), &html, &expected, |k, c| {
            from_page(k, c)
        });

        let csv = person.get(&format!("/statistieken/{kind}/{id}.csv?periode={period}"));
        assert_eq!(csv.status, 200, "{what}");
        assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
        let disposition = csv.header("content-disposition").unwrap();
        assert!(
            disposition.ends_with(&format!("-{}-{id}.csv\"", period.to_lowercase()))
                || disposition.contains("-tot-"),
            "{disposition}"
        );
        let rows = csv_rows(&csv.body);
        assert_eq!(rows[0].len(), columns.len(), "{what}: CSV header");
        same_rows(&format!("{what} CSV"), &rows[1..], &expected, |k, c| {
            from_csv(k, c)
        });

        let (status, _, one) =
            person.get_bytes(&format!("/statistieken/{kind}/{id}.xlsx?periode={period}"));
        assert_eq!(status, 200, "{what}");
        let single = xlsx_sheets(&one);
        assert_eq!(single.len(), 1);
        for sheet in [&single[0], &sheets[n]] {
            same_rows(&format!("{what} XLSX"), &sheet[1..], &expected, from_xlsx);
        }
    }
}

/// Each row of an output, read back cell by cell with `read` (told the
/// JSON cell's kind), is the JSON's row: same length, same values.
fn same_rows<T>(
    what: &str,
    rows: &[Vec<T>],
    expected: &[Vec<outputs::Canon>],
    read: impl Fn(&str, &T) -> String,
) {
    assert_eq!(rows.len(), expected.len(), "{what}: rows");
    for (row, cells) in rows.iter().zip(expected) {
        assert_eq!(row.len(), cells.len(), "{what}: cells in a row");
        let got: Vec<String> = row
            .iter()
            .zip(cells)
            .map(|(c, (k, _))| read(k, c))
            .collect();
        let want: Vec<String> = cells.iter().map(|(_, v)| v.clone()).collect();
        assert_eq!(got, want, "{what}");
    }
}

/// The figures of the test's own gemeente, every one known.
fn golden_figures(server: &DemoServer, world: &Fixture) {
    let json = api_dashboard(server, world, "gemeente");
    let mut lead = logged_in(server, fixture::LEAD);
    let page = lead.get(&format!("/statistieken/gemeente?periode={}", world.period));
    assert_eq!(page.status, 200);
    for fixture::Golden {
        section,
        row,
        column,
        json: value,
        page: shown,
        csv: in_csv,
    } in fixture::golden()
    {
        let what = format!("{section} {row} {column}");
        let table = &json["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == section)
            .unwrap_or_else(|| panic!("no section {section} in {json}"))["table"];
        let columns = table["columns"].as_array().unwrap();
        let c = columns
            .iter()
            .position(|h| h == column)
            .unwrap_or_else(|| panic!("{what}: no such column in {columns:?}"));
        let rows = table["rows"].as_array().unwrap();
        let r = rows
            .iter()
            .position(|cells| cells[0]["value"] == row)
            .unwrap_or_else(|| panic!("{what}: no such row in {rows:?}"));
        assert_eq!(rows[r][c]["value"], value, "{what}");
        let html = page_table(&page.body, section);
        assert_eq!(html[r][c], shown, "{what} on the page");
        let csv = lead.get(&format!(
            "/statistieken/gemeente/{section}.csv?periode={}",
            world.period
        ));
        assert_eq!(csv_rows(&csv.body)[r + 1][c], in_csv, "{what} in the CSV");
    }
}

fn formulas_are_neutralised(server: &DemoServer, world: &Fixture) {
    let mut admin = logged_in(server, "beheer@vangnet.example");
    let page = admin.get(&format!("/statistieken/platform?periode={}", world.period));
    assert_eq!(page.status, 200);
    let (id, _) = fixture::most_read_section(&fixture::platform_json(server, &world.period));
    let csv = admin.get(&format!(
        "/statistieken/platform/{id}.csv?periode={}",
        world.period
    ));
    assert!(
        csv.body.contains(&format!("'{FORMULA_TITLE}")),
        "the CSV neutralises the title: {}",
        csv.body
    );
    assert!(!csv.body.contains(&format!(";{FORMULA_TITLE}")));
    assert!(!csv.body.contains(&format!("\n{FORMULA_TITLE}")));
    let (_, _, xlsx) = admin.get_bytes(&format!(
        "/statistieken/platform/{id}.xlsx?periode={}",
        world.period
    ));
    let sheet = &xlsx_sheets(&xlsx)[0];
    let texts: Vec<String> = sheet
        .iter()
        .flatten()
        .filter_map(|c| match c {
            outputs::XlsxCell::Text(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert!(
        texts.contains(&format!("'{FORMULA_TITLE}")),
        "the XLSX neutralises the title: {texts:?}"
    );
    assert!(!texts.contains(&FORMULA_TITLE.to_string()));
}

fn the_cost_per_eviction(server: &DemoServer) {
    let mut worker = logged_in(server, "medewerker@woningstichting.example");
    let csrf = worker.csrf();
    let refused = worker.post_form(
        "/statistieken/verhuurder/kosten",
        &[("csrf_token", &csrf), ("bedrag", "1"), ("actie", "opslaan")],
    );
    assert_eq!(refused.status, 403);

    let mut lead = logged_in(server, "teamleider.huur@woningstichting.example");
    let page = lead.get("/statistieken/verhuurder?periode=2025");
    assert!(page
        .body
        .contains("Wij rekenen nu met € 7.500,00 per ontruiming (de standaard"));
    let csrf = lead.csrf();
    let wrong = lead.post_form(
        "/statistieken/verhuurder/kosten",
        &[
            ("csrf_token", &csrf),
            ("bedrag", "veel"),
            ("actie", "opslaan"),
            ("periode", "2025"),
        ],
    );
    assert_eq!(wrong.status, 422);
    assert!(wrong
        .body
        .contains("href=\"#f-bedrag\">Kosten per ontruiming:"));
    assert!(wrong.body.contains("value=\"veel\""));
    let saved = lead.post_form(
        "/statistieken/verhuurder/kosten",
        &[
            ("csrf_token", &csrf),
            ("bedrag", "8.250"),
            ("actie", "opslaan"),
            ("periode", "2025-K3"),
        ],
    );
    assert_eq!(saved.status, 303, "{}", saved.body);
    let back = saved.header("location").unwrap().to_string();
    assert_eq!(
        back,
        "/statistieken/verhuurder?periode=2025-K3&melding=kosten"
    );
    let page = lead.get(&back);
    assert!(page
        .body
        .contains("De kosten per ontruiming zijn opgeslagen."));
    assert!(page
        .body
        .contains("Wij rekenen nu met € 8.250,00 per ontruiming."));
    let costs = page_table(&page.body, "vermeden-kosten");
    let setting = costs
        .iter()
        .find(|row| row[0] == "Kosten per ontruiming (instelling)")
        .expect("the costs-avoided section names the cost");
    assert_eq!(setting[1], "€ 8.250,00", "the section uses the saved cost");
    let audited = audit_rows(server)
        .into_iter()
        .any(|r| r.action == "stats.eviction_cost" && r.detail.contains("825000"));
    assert!(audited, "setting the cost is audited");
    let reset = lead.post_form(
        "/statistieken/verhuurder/kosten",
        &[("csrf_token", &csrf), ("actie", "standaard")],
    );
    assert_eq!(reset.status, 303);
    let page = lead.get("/statistieken/verhuurder");
    assert!(page
        .body
        .contains("€ 7.500,00 per ontruiming (de standaard"));
    let forged = lead.post_form(
        "/statistieken/verhuurder/kosten",
        &[("csrf_token", "vals"), ("actie", "standaard")],
    );
    assert_eq!(forged.status, 403, "CSRF as on every form");
}
