//! Uploading a CSV file of signals on the partner page, against the real
//! demo server: CSRF, the result page and the rejected-rows download.

mod support;

use support::server::DemoServer;
use support::signals::{days_ago, logged_in, upload_csv};

/// Splits one `;` CSV line into its cells, undoing the quoting.
fn csv_cells(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cells.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (';', false) => cells.push(String::new()),
            (c, _) => cells.last_mut().unwrap().push(c),
        }
    }
    cells
}

fn import_links(page: &str) -> usize {
    page.matches("href=\"/signalen/imports/").count()
}

#[test]
fn upload_without_a_csrf_token_is_refused() {
    let server = DemoServer::start();
    let mut partner = logged_in(&server, "medewerker@woningstichting.example");
    let before = import_links(&partner.get("/signalen").body);
    let csv = upload_csv("UPL");
    let reply = partner.post_multipart(
        "/signalen/upload",
        &[("bestand", Some("signalen.csv"), csv.as_bytes())],
    );
    assert_eq!(reply.status, 403, "{}", reply.body);
    // A token in a form field is not read for uploads, and a wrong one in
    // the URL is refused.
    let csrf = partner.csrf();
    let in_field = partner.post_multipart(
        "/signalen/upload",
        &[
            ("csrf_token", None, csrf.as_bytes()),
            ("bestand", Some("signalen.csv"), csv.as_bytes()),
        ],
    );
    assert_eq!(in_field.status, 403);
    let wrong = partner.post_multipart(
        "/signalen/upload?csrf_token=vervalst",
        &[("bestand", Some("signalen.csv"), csv.as_bytes())],
    );
    assert_eq!(wrong.status, 403);
    let after = import_links(&partner.get("/signalen").body);
    assert_eq!(before, after, "a refused upload must not be imported");
}

#[test]
fn upload_shows_the_result_and_the_rejected_rows_download_is_safe() {
    let server = DemoServer::start();
    let mut partner = logged_in(&server, "medewerker@woningstichting.example");
    let form = partner.get("/signalen");
    let csrf = form.csrf_field();
    // The token travels in the form's action, so the file can stream.
    let action = format!("/signalen/upload?csrf_token={csrf}");
    assert!(form.body.contains(&format!(
        "action=\"{action}\" enctype=\"multipart/form-data\""
    )));
    let csv = upload_csv("UPL");
    let reply =
        partner.post_multipart(&action, &[("bestand", Some("week-48.csv"), csv.as_bytes())]);
    assert_eq!(reply.status, 303, "{}", reply.body);
    let location = reply.header("location").expect("a redirect").to_string();
    let id = location
        .strip_prefix("/signalen/imports/")
        .unwrap_or_else(|| panic!("redirected to {location}"));
    assert!(
        !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()),
        "{location}"
    );

    let page = partner.get(&location);
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("week-48.csv"));
    let counts_start = page.body.find("<ul class=\"summary-counts\">").unwrap();
    let counts_end = page.body[counts_start..].find("</ul>").unwrap() + counts_start;
    let counts = &page.body[counts_start..counts_end];
    assert!(
        counts.contains("<strong>1</strong> geaccepteerd"),
        "{counts}"
    );
    assert!(counts.contains("<strong>1</strong> afgewezen"), "{counts}");
    assert!(
        page.body.contains("<th scope=\"row\">3</th>"),
        "the rejected table names line 3: {}",
        page.body
    );
    assert!(page.body.contains("bedrag: is verplicht"), "{}", page.body);
    let href = format!("{location}/afgewezen.csv");
    assert!(page.body.contains(&format!("href=\"{href}\"")));

    let download = partner.get(&href);
    assert_eq!(download.status, 200);
    assert_eq!(
        download.header("content-type"),
        Some("text/csv; charset=utf-8")
    );
    assert!(download
        .header("content-disposition")
        .is_some_and(|d| d.starts_with("attachment")));
    let text = download
        .body
        .strip_prefix('\u{feff}')
        .expect("the download starts with a UTF-8 byte-order mark");
    let mut lines = text.lines();
    let header = lines.next().expect("a header line");
    assert!(header.starts_with("regel;fouten;kenmerk;"), "{header}");
    let header_cells = csv_cells(header);
    let column = |name: &str| header_cells.iter().position(|c| c == name).unwrap();
    let rows: Vec<Vec<String>> = lines.filter(|l| !l.is_empty()).map(csv_cells).collect();
    assert_eq!(rows.len(), 1, "only the bad row is in the file: {text}");
    let row = &rows[0];
    assert_eq!(row[column("regel")], "3");
    assert_eq!(row[column("kenmerk")], "UPL-FOUT-1");
    assert!(row[column("fouten")].contains("bedrag"), "{row:?}");
    assert_eq!(
        row[column("achternaam")],
        "'=HYPERLINK(\"x\")",
        "a formula is neutralised in the download"
    );
    assert!(
        !row.iter().any(|cell| cell.starts_with('=')),
        "no cell may start with = : {row:?}"
    );
    assert!(!text.contains("UPL-GOED-1"), "the good row is not in it");

    // The good row went in; the import is listed.
    let overview = partner.get("/signalen");
    assert!(overview.body.contains("UPL-GOED-1"));
    assert!(!overview.body.contains("UPL-FOUT-1"));
    assert!(overview.body.contains(&format!("href=\"{location}\"")));

    // Another partner cannot read this import or its download.
    let mut other = logged_in(&server, "medewerker@energiewest.example");
    assert_eq!(other.get(&location).status, 404);
    assert_eq!(other.get(&href).status, 404);
}

/// A rejected row with a quoted cell that holds a line break is one row on
/// the result page, not two (the stored CSV is read with quoting rules).
#[test]
fn import_page_lists_a_rejected_row_with_a_line_break_once() {
    let server = DemoServer::start();
    let mut partner = logged_in(&server, "medewerker@woningstichting.example");
    let csrf = partner.get("/signalen").csrf_field();
    let csv = format!(
        "kenmerk;soort;bedrag;signaaldatum;achternaam;huisnummer;postcode\r\n\
         ML-1;Energie;;{};\"Regel een\r\nregel twee\";3;2516 AB\r\n",
        days_ago(3)
    );
    let reply = partner.post_multipart(
        &format!("/signalen/upload?csrf_token={csrf}"),
        &[("bestand", Some("meerregelig.csv"), csv.as_bytes())],
    );
    assert_eq!(reply.status, 303, "{}", reply.body);
    let page = partner.get(reply.header("location").unwrap());
    let start = page.body.find("<tbody>").expect("a rejected table");
    let end = page.body[start..].find("</tbody>").unwrap() + start;
    let table = &page.body[start..end];
    assert_eq!(
        table.matches("<tr>").count(),
        1,
        "one rejected row, one table row: {table}"
    );
    assert!(table.contains("<th scope=\"row\">2</th>"), "{table}");
    assert!(table.contains("bedrag: is verplicht"), "{table}");
}

/// Uploads are larger than ordinary forms: a file of a few megabytes goes
/// through (it streams to disk), while other forms stay capped at 1 MiB.
#[test]
fn a_large_upload_streams_through() {
    let server = DemoServer::start();
    let mut partner = logged_in(&server, "medewerker@woningstichting.example");
    let csrf = partner.get("/signalen").csrf_field();
    let mut csv = String::from(
        "kenmerk;soort;bedrag;ontstaansdatum;signaaldatum;achternaam;postcode;huisnummer;\
         contact_gezocht;gewezen_op_schuldhulp;herinnering_verstuurd;bezwaar_tegen_doorgeven\r\n",
    );
    for i in 0..20_000 {
        csv.push_str(&format!(
            "GROOT-{i};Huur;{},00;{};{};Achternaam-{i};25{:02} KL;{};ja;ja;{};nee\r\n",
            100 + i % 900,
            days_ago(90),
            days_ago(5),
            i % 100,
            i % 500 + 1,
            days_ago(20)
        ));
    }
    assert!(csv.len() > 3 * 1024 * 1024 / 2, "{} bytes", csv.len());
    let reply = partner.post_multipart(
        &format!("/signalen/upload?csrf_token={csrf}"),
        &[("bestand", Some("groot.csv"), csv.as_bytes())],
    );
    assert_eq!(reply.status, 303, "{}", reply.body);
    let page = partner.get(reply.header("location").unwrap());
    assert!(
        page.body.contains("<strong>20000</strong> geaccepteerd"),
        "{}",
        page.body
    );
}
