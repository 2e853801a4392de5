//! `vangnet purge` and the purge inside `serve`, run as an operator would:
//! the dry run lists and keeps, the real run removes and says so.

mod support;

use chrono::{Duration, Utc};
use std::path::{Path, PathBuf};
use support::cli_world::{cli_world, CliWorld};
use support::http::vangnet;
use support::server::{Serve, ServeOptions};

const HEADER: &str =
    "kenmerk;soort;bedrag;ontstaansdatum;signaaldatum;achternaam;postcode;huisnummer;\
contact_gezocht;gewezen_op_schuldhulp;herinnering_verstuurd;bezwaar_tegen_doorgeven";

fn day(days_ago: i64) -> String {
    (Utc::now().date_naive() - Duration::days(days_ago))
        .format("%d-%m-%Y")
        .to_string()
}

/// A rent signal of `days_ago`, with the arrears and reminder before it.
fn row(kenmerk: &str, surname: &str, postcode: &str, days_ago: i64) -> String {
    format!(
        "{kenmerk};Huur;450;{};{};{surname};{postcode};12;ja;ja;{};nee",
        day(days_ago + 61),
        day(days_ago),
        day(days_ago + 16)
    )
}

/// A database with Den Haag, a landlord, and three signals: one of 400
/// days ago (due), one of 10 days ago (kept), and an old one no gemeente
/// serves (due by the default period).
fn setup() -> (CliWorld, PathBuf) {
    let world = cli_world();
    let db = world.db.clone();
    let rows = [
        row("W-OUD", "Oudhuis", "2511AB", 400),
        row("W-NIEUW", "Nieuwhuis", "2512AA", 10),
        row("W-ZWERF", "Zwerver", "9999AA", 400),
    ];
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let csv = world.csv_file("signalen.csv", HEADER, &rows);
    let (ok, out, err) = vangnet(
        &["import", "signals", &csv, "--partner", "woonstad", "--json"],
        &db,
        None,
    );
    assert!(ok, "{out}{err}");
    let summary: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(summary["accepted"], 3, "{summary}");
    (world, db)
}

fn purge_json(db: &Path, dry_run: bool) -> serde_json::Value {
    let mut args = vec!["purge", "--json"];
    if dry_run {
        args.push("--dry-run");
    }
    let (ok, out, err) = vangnet(&args, db, None);
    assert!(ok, "{out}{err}");
    serde_json::from_str(out.trim()).unwrap()
}

/// The scope of a gemeente code, or (`None`) the part without gemeente.
fn scope(report: &serde_json::Value, gemeente: Option<&str>) -> serde_json::Value {
    let code = gemeente.map_or(serde_json::Value::Null, |c| c.into());
    report["scopes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["gemeente"] == code)
        .cloned()
        .unwrap()
}

/// Runs SQL against the SQLite file, as an auditor with file access would.
fn query<T>(db: &Path, sql: &str) -> T
where
    T: Send + Unpin + 'static,
    (T,): for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let url = format!("sqlite://{}", db.display());
        let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
        sqlx::query_as::<_, (T,)>(sql)
            .fetch_one(&pool)
            .await
            .unwrap()
            .0
    })
}

fn surnames(db: &Path) -> String {
    query(
        db,
        "SELECT COALESCE(group_concat(surname, ','), '') FROM \
         (SELECT surname FROM signals WHERE surname <> '' ORDER BY surname)",
    )
}

#[test]
fn the_dry_run_lists_and_keeps_and_the_purge_removes() {
    let (_dir, db) = setup();

    let plan = purge_json(&db, true);
    assert_eq!(plan["dry_run"], true);
    let haag = scope(&plan, Some("den-haag"));
    assert_eq!(haag["signals"]["never_picked_up"], 1, "{plan}");
    assert_eq!(haag["cases"].as_array().unwrap().len(), 1);
    assert_eq!(haag["cases"][0]["rule"], "NeverPickedUp");
    assert_eq!(scope(&plan, None)["signals"]["never_picked_up"], 1);
    assert_eq!(surnames(&db), "Nieuwhuis,Oudhuis,Zwerver");

    // In Dutch, per gemeente and rule, with the case ids.
    let case_id = haag["cases"][0]["case_id"].as_i64().unwrap();
    let (ok, text, err) = vangnet(&["purge", "--dry-run"], &db, None);
    assert!(ok, "{err}");
    for expected in [
        "(proefdraai: er is niets gewist)",
        "Den Haag (bewaartermijnen 6/12/18 maanden)",
        "signaal niet opgepakt: termijn na de signaaldatum (6 mnd): 1 signaal, 1 zaak",
        &format!("zaken: {case_id}"),
        "Zonder gemeente\n  onrouteerbare signalen (6 mnd na de signaaldatum): 1 signaal",
        "Totaal zouden worden gewist: persoonsgegevens van 2 signalen en 1 zaak",
    ] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }
    assert_eq!(surnames(&db), "Nieuwhuis,Oudhuis,Zwerver");

    let (ok, text, err) = vangnet(&["purge"], &db, None);
    assert!(ok, "{err}");
    assert!(
        text.contains("Totaal gewist: persoonsgegevens van 2 signalen en 1 zaak"),
        "{text}"
    );
    assert!(!text.contains("zaken:"), "the real run lists no case ids");
    assert_eq!(surnames(&db), "Nieuwhuis");
    let count: i64 = query(&db, "SELECT COUNT(*) FROM signals");
    assert_eq!(count, 3, "the anonymous signals stay for statistics");

    // Nothing left to do; the audit chain holds the purge.
    let again = purge_json(&db, false);
    for gemeente in [Some("den-haag"), None] {
        let part = scope(&again, gemeente);
        assert_eq!(part["signals"]["never_picked_up"], 0, "{again}");
        assert_eq!(part["cases"], serde_json::json!([]));
    }
    let entries: i64 = query(
        &db,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'retention.purge' AND actor_label = 'cli'",
    );
    assert_eq!(entries, 2, "one for Den Haag, one for the rest");
    let (ok, out, err) = vangnet(&["audit", "verify"], &db, None);
    assert!(ok, "{out}{err}");
}

/// `vangnet serve` on a free port; killed when dropped.
fn serve(db: &Path, purge_delay_seconds: &str) -> Serve {
    let url = format!("sqlite://{}", db.display());
    let envs = [("VANGNET_PURGE_DELAY_SECONDS", purge_delay_seconds)];
    let options = ServeOptions {
        envs: &envs,
        ..ServeOptions::default()
    };
    Serve::start(&url, options)
}

#[test]
fn serve_purges_soon_after_it_starts() {
    let (_dir, db) = setup();
    let _server = serve(&db, "0");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let entries: i64 = query(
            &db,
            "SELECT COUNT(*) FROM audit_log \
             WHERE action = 'retention.purge' AND actor_label = 'system'",
        );
        if entries == 2 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "no purge within 30 s");
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    assert_eq!(surnames(&db), "Nieuwhuis");
}

#[test]
fn serve_waits_for_the_purge_delay() {
    let (_dir, db) = setup();
    let _server = serve(&db, "3600");
    std::thread::sleep(std::time::Duration::from_secs(2));
    assert_eq!(surnames(&db), "Nieuwhuis,Oudhuis,Zwerver");
}
