//! `vangnet import tenancies`, run as a verhuurder's script would run it.

mod support;

use support::cli_world::{cli_world, CliWorld};
use support::http::vangnet;

const HEADER: &str = "referentie;huurder;medehuurder;straatnaam;huisnummer;huisnummertoevoeging;\
postcode;plaatsnaam;maandhuur;ingangsdatum;grond;achterstand;achterstand_peildatum";

type Setup = CliWorld;

fn setup() -> Setup {
    cli_world()
}

impl Setup {
    fn file(&self, name: &str, rows: &[&str]) -> String {
        self.csv_file(name, HEADER, rows)
    }

    fn bytes(&self, name: &str, data: &[u8]) -> String {
        let path = self.dir.join(name);
        std::fs::write(&path, data).unwrap();
        path.to_string_lossy().into_owned()
    }

    fn run(&self, file: &str, extra: &[&str]) -> (bool, String, String) {
        let mut args = vec!["import", "tenancies", file, "--verhuurder", "woonstad"];
        args.extend_from_slice(extra);
        vangnet(&args, &self.db, None)
    }

    fn import(&self, file: &str, extra: &[&str]) -> (bool, serde_json::Value, String) {
        let mut extra = extra.to_vec();
        extra.push("--json");
        let (ok, out, err) = self.run(file, &extra);
        let json = serde_json::from_str(out.trim())
            .unwrap_or_else(|e| panic!("stdout is one JSON object ({e}): {out:?}"));
        (ok, json, err)
    }
}

const GOOD_1: &str =
    "HO-1;J. Jansen;P. Jansen;Laan;12;a;2511 AB;Den Haag;725,00;01-03-2019;;1.450,00;01-11-2026";
const GOOD_2: &str =
    "HO-2;A. Bakker;;Weimarstraat;45-B;;2562gk;Den Haag;€ 612,50;2021-06-15;overlast;;";
const NO_ROUTE: &str = "HO-3;K. Smit;;;3;;9999 AA;Groningen;500;01-01-2020;;;";
const BAD: &str = "HO-4;;;;0;;25111;;0;31-02-2020;drugs;-5;";

fn counts(json: &serde_json::Value) -> [u64; 7] {
    [
        "accepted",
        "rejected",
        "created",
        "updated",
        "unchanged",
        "unroutable",
        "ledger_entries",
    ]
    .map(|k| json[k].as_u64().unwrap_or_else(|| panic!("{k} in {json}")))
}

#[test]
fn json_summary_has_exactly_the_documented_keys_and_counts() {
    let s = setup();
    let file = s.file("a.csv", &[GOOD_1, GOOD_2, NO_ROUTE, BAD]);
    let (ok, json, err) = s.import(&file, &[]);
    assert!(ok, "processed files exit 0 even with rejected rows: {err}");
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    let mut expected = [
        "accepted",
        "rejected",
        "created",
        "updated",
        "unchanged",
        "unroutable",
        "ledger_entries",
        "errors",
    ];
    expected.sort();
    assert_eq!(keys, expected);
    assert_eq!(counts(&json), [3, 1, 3, 0, 0, 1, 1]);
    // Every problem of the bad row, with its physical line, column and code.
    let errors: Vec<(u64, &str, &str)> = json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["line"].as_u64().unwrap(),
                e["column"].as_str().unwrap(),
                e["code"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            (5, "huurder", "value.required"),
            (5, "huisnummer", "house_number.range"),
            (5, "postcode", "postcode.format"),
            (5, "maandhuur", "amount.not_positive"),
            (5, "ingangsdatum", "date.invalid"),
            (5, "grond", "grounds.unknown"),
            (5, "achterstand", "amount.negative"),
        ]
    );
    let message = json["errors"][0]["message"].as_str().unwrap();
    assert_eq!(message, "is verplicht");
}

#[test]
fn importing_twice_changes_nothing() {
    let s = setup();
    let file = s.file("a.csv", &[GOOD_1, GOOD_2]);
    let (ok, first, err) = s.import(&file, &[]);
    assert!(ok, "{err}");
    assert_eq!(counts(&first), [2, 0, 2, 0, 0, 0, 1]);
    let (ok, again, err) = s.import(&file, &[]);
    assert!(ok, "{err}");
    assert_eq!(
        counts(&again),
        [2, 0, 0, 0, 2, 0, 0],
        "same tenancies, same arrears: nothing new"
    );
    // A changed rent updates; new arrears add the difference once.
    let changed = GOOD_1
        .replace("725,00", "735,00")
        .replace("1.450,00", "2.185,00");
    let file = s.file("b.csv", &[&changed, GOOD_2]);
    let (_, third, _) = s.import(&file, &[]);
    assert_eq!(counts(&third), [2, 0, 0, 1, 1, 0, 1]);
    let (_, fourth, _) = s.import(&file, &[]);
    assert_eq!(counts(&fourth), [2, 0, 0, 0, 2, 0, 0]);
    // Paid off: a payment brings the balance to zero, once.
    let paid = changed.replace("2.185,00", "0");
    let file = s.file("c.csv", &[&paid]);
    let (_, fifth, _) = s.import(&file, &[]);
    assert_eq!(counts(&fifth), [1, 0, 0, 0, 1, 0, 1]);
    let (_, sixth, _) = s.import(&file, &[]);
    assert_eq!(counts(&sixth), [1, 0, 0, 0, 1, 0, 0]);
    let (ok, _, err) = vangnet(&["audit", "verify"], &s.db, None);
    assert!(ok, "{err}");
}

#[test]
fn strict_stores_nothing_on_any_error() {
    let s = setup();
    let file = s.file("a.csv", &[GOOD_1, BAD, GOOD_2]);
    let (ok, json, err) = s.import(&file, &["--strict"]);
    assert!(!ok, "--strict with an error fails");
    assert!(err.contains("--strict: 1 regel(s) met fouten"), "{err}");
    assert_eq!(json["rejected"], 1);
    assert_eq!(json["errors"][0]["line"], 3);
    // Nothing was stored: the good rows are new now.
    let file = s.file("b.csv", &[GOOD_1, GOOD_2]);
    let (ok, json, err) = s.import(&file, &["--strict"]);
    assert!(ok, "{err}");
    assert_eq!(counts(&json), [2, 0, 2, 0, 0, 0, 1]);
}

#[test]
fn dry_run_stores_nothing() {
    let s = setup();
    let file = s.file("a.csv", &[GOOD_1, GOOD_2, NO_ROUTE, BAD]);
    let (ok, json, err) = s.import(&file, &["--dry-run"]);
    assert!(ok, "{err}");
    assert_eq!(counts(&json), [3, 1, 0, 0, 0, 1, 0]);
    let (ok, out, err) = s.run(&file, &["--dry-run"]);
    assert!(ok, "{err}");
    assert!(out.starts_with("Proefimport (niets opgeslagen)"), "{out}");
    assert!(
        out.contains("regel 5, huurder: is verplicht [value.required]"),
        "{out}"
    );
    let (_, json, _) = s.import(&file, &[]);
    assert_eq!(json["created"], 3, "the dry run stored nothing");
}

#[test]
fn a_messy_windows_1252_file_imports() {
    let s = setup();
    // Excel on Windows: sep= line, Windows-1252, `;`, quoted fields with
    // the delimiter and a line break, Dutch amounts, blank lines, another
    // column order and an unknown column.
    let mut data: Vec<u8> = Vec::new();
    data.extend_from_slice(b"sep=;\r\n");
    data.extend_from_slice(
        b"Postcode;Huisnummer;Referentie;Huurder;Opmerking;Maandhuur;Ingangsdatum;Achterstand\r\n",
    );
    data.extend_from_slice(b"2511 AB;12;HO-10;\"M\xfcller; K.\";\"twee\r\nregels\";\x80 725,50;01-03-2019;\xe2\x82\xac 1.451,00\r\n");
    data.extend_from_slice(b"\r\n");
    data.extend_from_slice(b"2562GK;45 b;HO-11;Fran\xe7ois;;612,-;2021-06-15;\r\n");
    data.extend_from_slice(b"2562GK;x;HO-12;Smit;;612;15/06/2021;1,2,3\r\n");
    let file = s.bytes("rommelig.csv", &data);
    let (ok, json, err) = s.import(&file, &[]);
    assert!(ok, "{err}");
    // '\x80' is the euro sign in Windows-1252 and the arrears cell is UTF-8:
    // encodings are detected per cell.
    let errors: Vec<(u64, &str, &str)> = json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["line"].as_u64().unwrap(),
                e["column"].as_str().unwrap(),
                e["code"].as_str().unwrap(),
            )
        })
        .collect();
    // The quoted line break makes the third record start on line 6 and
    // the blank line puts the last one on line 7.
    assert_eq!(
        errors,
        [
            (7, "huisnummer", "house_number.format"),
            (7, "achterstand", "amount.format")
        ],
        "{json}"
    );
    assert_eq!(counts(&json), [2, 1, 2, 0, 0, 0, 1]);
    let (_, again, _) = s.import(&file, &[]);
    assert_eq!(counts(&again), [2, 1, 0, 0, 2, 0, 0]);
}

#[test]
fn only_verhuurders_and_readable_files() {
    let s = setup();
    let file = s.file("a.csv", &[GOOD_1]);
    let (ok, _, err) = vangnet(
        &["import", "tenancies", &file, "--verhuurder", "energie"],
        &s.db,
        None,
    );
    assert!(!ok);
    assert!(err.contains("alleen verhuurders"), "{err}");
    let (ok, _, err) = vangnet(
        &["import", "tenancies", &file, "--verhuurder", "nergens"],
        &s.db,
        None,
    );
    assert!(!ok);
    assert!(err.contains("bestaat niet"), "{err}");
    let missing = s.bytes(
        "kop.csv",
        b"referentie;huurder;postcode\r\nHO-1;X;2511AB\r\n",
    );
    let (ok, _, err) = s.run(&missing, &["--json"]);
    assert!(!ok);
    assert!(
        err.contains("mist de verplichte kolom(men): huisnummer, maandhuur, ingangsdatum"),
        "{err}"
    );
}

#[test]
fn a_profile_maps_another_export() {
    let s = setup();
    let profile = s.bytes(
        "profiel.toml",
        "name = \"ERP\"\n[columns]\nreferentie = \"Contractnr\"\nhuurder = \"Naam\"\n\
         maandhuur = \"Kale huur\"\n[defaults]\ngrond = \"huurachterstand\"\n"
            .as_bytes(),
    );
    let file = s.bytes(
        "erp.csv",
        b"Contractnr,Naam,Postcode,Huisnummer,Kale huur,Ingangsdatum\n\
          C-1,Jansen,2511AB,12,\"725,00\",01-03-2019\n",
    );
    let (ok, json, err) = s.import(&file, &["--profile", &profile]);
    assert!(ok, "{err}");
    assert_eq!(counts(&json), [1, 0, 1, 0, 0, 0, 0]);
    let bad = s.bytes("slecht.toml", b"[defaults]\ngrond = \"drugs\"\n");
    let (ok, _, err) = s.run(&file, &["--profile", &bad]);
    assert!(!ok);
    assert!(
        err.contains("[defaults] grond = 'drugs': is geen bekende grond"),
        "{err}"
    );
}
