//! `vangnet import signals`, run as a partner's script would run it.

mod support;

use support::cli_world::{cli_world, CliWorld};
use support::http::vangnet;

const HEADER: &str =
    "kenmerk;soort;bedrag;ontstaansdatum;signaaldatum;achternaam;postcode;huisnummer;\
contact_gezocht;gewezen_op_schuldhulp;herinnering_verstuurd;bezwaar_tegen_doorgeven";

type Setup = CliWorld;

fn setup() -> Setup {
    cli_world()
}

impl Setup {
    fn file(&self, name: &str, rows: &[&str]) -> String {
        self.csv_file(name, HEADER, rows)
    }

    fn import(&self, file: &str, extra: &[&str]) -> (bool, serde_json::Value, String) {
        let mut args = vec!["import", "signals", file, "--partner", "woonstad", "--json"];
        args.extend_from_slice(extra);
        let (ok, out, err) = vangnet(&args, &self.db, None);
        let json = serde_json::from_str(out.trim()).unwrap_or(serde_json::Value::Null);
        (ok, json, err)
    }
}

const GOOD_1: &str =
    "W-1;Huur;1.234,56;01-08-2026;01-10-2026;Jansen;2511 AB;12a;ja;ja;15-09-2026;nee";
const GOOD_2: &str = "W-2;huur;€ 450;2026-08-01;2026-10-01;Pietersen;2511ab;12-A;j;J;15/09/2026;n";
const OBJECTED: &str = "W-3;Huur;300;01-08-2026;01-10-2026;Bakker;2512AA;3;ja;ja;15-09-2026;ja";
const NO_ROUTE: &str = "W-4;Huur;300;01-08-2026;01-10-2026;Smit;9999AA;3;ja;ja;15-09-2026;nee";
const BAD: &str = "W-5;Huur;;01-08-2026;01-10-2026;;2511AB;0;nee;ja;;nee";

#[test]
fn json_summary_has_exactly_the_documented_keys_and_counts() {
    let s = setup();
    let file = s.file("a.csv", &[GOOD_1, GOOD_2, OBJECTED, NO_ROUTE, BAD]);
    let (ok, json, err) = s.import(&file, &[]);
    assert!(ok, "processed files exit 0 even with rejected rows: {err}");
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    let mut expected = [
        "accepted",
        "rejected",
        "duplicates",
        "updated",
        "cases_created",
        "cases_joined",
        "unroutable",
        "errors",
    ];
    expected.sort();
    assert_eq!(keys, expected);
    assert_eq!(json["accepted"], 3);
    assert_eq!(json["rejected"], 1);
    assert_eq!(json["cases_created"], 1, "W-1 and W-2 are one household");
    assert_eq!(json["cases_joined"], 1);
    assert_eq!(json["unroutable"], 1);
    assert!(
        err.contains("1 signaal/signalen niet opgeslagen: bezwaar"),
        "{err}"
    );
    let errors = json["errors"].as_array().unwrap();
    assert!(
        errors.iter().all(|e| e["line"] == 6),
        "the header is line 1: {errors:?}"
    );
    let columns: Vec<&str> = errors
        .iter()
        .map(|e| e["column"].as_str().unwrap())
        .collect();
    for column in [
        "bedrag",
        "achternaam",
        "huisnummer",
        "contact_gezocht",
        "herinnering_verstuurd",
    ] {
        assert!(
            columns.contains(&column),
            "{column} missing from {columns:?}"
        );
    }
    assert!(errors
        .iter()
        .all(|e| !e["code"].as_str().unwrap().is_empty()
            && !e["message"].as_str().unwrap().is_empty()));
}

#[test]
fn importing_twice_gives_duplicates_and_a_change_is_an_update() {
    let s = setup();
    let file = s.file("a.csv", &[GOOD_1, GOOD_2]);
    assert_eq!(s.import(&file, &[]).1["accepted"], 2);
    let again = s.import(&file, &[]).1;
    assert_eq!(
        (again["accepted"].as_i64(), again["duplicates"].as_i64()),
        (Some(0), Some(2))
    );
    let changed = s.file("b.csv", &[&GOOD_1.replace("1.234,56", "1.500,00"), GOOD_2]);
    let update = s.import(&changed, &[]).1;
    assert_eq!(
        (update["updated"].as_i64(), update["duplicates"].as_i64()),
        (Some(1), Some(1))
    );
}

#[test]
fn strict_stores_nothing_when_any_row_fails() {
    let s = setup();
    let file = s.file("a.csv", &[GOOD_1, BAD]);
    let (ok, json, err) = s.import(&file, &["--strict"]);
    assert!(!ok, "--strict with an error exits non-zero");
    assert!(err.contains("er is niets opgeslagen"), "{err}");
    assert_eq!(json["rejected"], 1);
    // Nothing was stored: the good row is new the next time.
    let clean = s.file("b.csv", &[GOOD_1]);
    let (ok, json, _) = s.import(&clean, &["--strict"]);
    assert!(ok);
    assert_eq!(json["accepted"], 1);
    assert_eq!(json["duplicates"], 0);
}

#[test]
fn dry_run_checks_but_stores_nothing() {
    let s = setup();
    let file = s.file("a.csv", &[GOOD_1, NO_ROUTE]);
    let (ok, json, _) = s.import(&file, &["--dry-run"]);
    assert!(ok);
    assert_eq!(
        (json["accepted"].as_i64(), json["unroutable"].as_i64()),
        (Some(2), Some(1))
    );
    assert_eq!(
        s.import(&file, &[]).1["accepted"],
        2,
        "still new after the dry run"
    );
}

#[test]
fn unreadable_files_and_wrong_partners_fail_with_a_reason() {
    let s = setup();
    let missing_column = s.dir.join("kop.csv");
    std::fs::write(&missing_column, "kenmerk;bedrag\r\nX;12\r\n").unwrap();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec![
                "bestaat-niet.csv".into(),
                "--partner".into(),
                "woonstad".into(),
            ],
            "niet openen",
        ),
        (
            vec![
                missing_column.to_string_lossy().into(),
                "--partner".into(),
                "woonstad".into(),
            ],
            "verplichte kolom",
        ),
        (
            vec![
                missing_column.to_string_lossy().into(),
                "--partner".into(),
                "den-haag".into(),
            ],
            "alleen verhuurders en signaalpartners",
        ),
        (
            vec![
                missing_column.to_string_lossy().into(),
                "--partner".into(),
                "niemand".into(),
            ],
            "bestaat niet",
        ),
    ];
    for (args, expected) in cases {
        let mut full = vec!["import", "signals"];
        full.extend(args.iter().map(String::as_str));
        let (ok, _, err) = vangnet(&full, &s.db, None);
        assert!(!ok, "{args:?}");
        assert!(err.contains(expected), "{args:?}: {err}");
    }
}

#[test]
fn concurrent_imports_of_overlapping_files_end_as_one_after_the_other() {
    let s = setup();
    let rows = |from: usize, to: usize| -> Vec<String> {
        (from..to)
            .map(|i| format!("C-{i};Huur;{};01-08-2026;01-10-2026;Naam{i};25{:02} AB;{};ja;ja;15-09-2026;nee", 100 + i, i % 10 + 10, i % 5 + 1))
            .collect()
    };
    let first: Vec<String> = rows(0, 300);
    let second: Vec<String> = rows(150, 450);
    let a = s.file(
        "a.csv",
        &first.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let b = s.file(
        "b.csv",
        &second.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let handles: Vec<_> = [a, b]
        .into_iter()
        .map(|file| {
            let db = s.db.clone();
            std::thread::spawn(move || {
                vangnet(
                    &[
                        "import",
                        "signals",
                        &file,
                        "--partner",
                        "woonstad",
                        "--json",
                    ],
                    &db,
                    None,
                )
            })
        })
        .collect();
    let mut accepted = 0;
    let mut duplicates = 0;
    for handle in handles {
        let (ok, out, err) = handle.join().unwrap();
        assert!(ok, "{err}");
        let json: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        accepted += json["accepted"].as_i64().unwrap();
        duplicates += json["duplicates"].as_i64().unwrap();
    }
    assert_eq!(accepted, 450, "every kenmerk stored once");
    assert_eq!(duplicates, 150, "the overlap counted once as duplicates");
    let (ok, out, _) = vangnet(&["audit", "verify"], &s.db, None);
    assert!(ok, "{out}");
}

#[test]
fn a_gemeente_sets_its_matching_period() {
    let s = setup();
    let (ok, out, _) = vangnet(&["org", "matching", "--code", "den-haag"], &s.db, None);
    assert!(
        ok && out.contains("koppeltermijn 1 maand(en)") && out.contains("binnen 6 maand(en)"),
        "{out}"
    );
    // Two signals for one household, 40 days apart: two cases by default...
    let first = "M-1;Huur;300;01-07-2026;01-09-2026;Jansen;2511AB;1;ja;ja;15-08-2026;nee";
    let later = "M-2;Huur;300;01-07-2026;11-10-2026;Jansen;2511AB;1;ja;ja;15-08-2026;nee";
    let file = s.file("a.csv", &[first, later]);
    let json = s.import(&file, &[]).1;
    assert_eq!(
        (
            json["cases_created"].as_i64(),
            json["cases_joined"].as_i64()
        ),
        (Some(2), Some(0))
    );
    // ...and one case with a two-month matching period.
    let (ok, out, err) = vangnet(
        &[
            "org",
            "matching",
            "--code",
            "den-haag",
            "--period-months",
            "2",
        ],
        &s.db,
        None,
    );
    assert!(
        ok && out.contains("koppeltermijn 2 maand(en)"),
        "{out}{err}"
    );
    let other = s.file(
        "b.csv",
        &[
            &first.replace("M-1", "M-3").replace(";1;", ";3;"),
            &later.replace("M-2", "M-4").replace(";1;", ";3;"),
        ],
    );
    let json = s.import(&other, &[]).1;
    assert_eq!(
        (
            json["cases_created"].as_i64(),
            json["cases_joined"].as_i64()
        ),
        (Some(1), Some(1))
    );
    let (ok, _, err) = vangnet(&["org", "matching", "--code", "woonstad"], &s.db, None);
    assert!(!ok && err.contains("geen gemeente"), "{err}");
}
