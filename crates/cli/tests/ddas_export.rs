//! `vangnet export ddas` as a user runs it: a gemeente with cases in every
//! state (each enumeration value of the schema used at least once), the
//! delivery on stdout and in a file, checked by the real JSON Schema
//! validator; the mistakes a user makes; and the audit entry.

mod support;

#[path = "../../domain/tests/support/ddas_support.rs"]
mod ddas_support;

use chrono::{Days, NaiveDate};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use support::ddas::{open_store, passes_the_schema, set_ddas_settings, signal_ids, strings};
use support::http::vangnet;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::casework::state::{apply, CaseState, Command};
use vangnet_domain::ddas::{ContactKind, EndResult, PartOfDay, SignalStatus};
use vangnet_domain::org::NewOrg;
use vangnet_domain::routing::Route;
use vangnet_domain::signal::PartnerType;
use vangnet_domain::user::NewUser;
use vangnet_store::casework::{CaseOwner, CaseStep, NewContactAttempt};
use vangnet_store::*;

const PERIOD: [&str; 4] = ["--from", "2025-01-01", "--to", "2025-01-31"];

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn event() -> AuditEvent {
    AuditEvent::new("test", "test", None).by_label("test")
}

struct Seeded {
    haag: i64,
    signals: usize,
    cases: usize,
}

async fn org(store: &dyn Store, code: &str, kind: &str, gc: Option<&str>, pc: Option<&str>) -> i64 {
    let new = NewOrg::parse(code, code, kind, gc, pc).unwrap();
    store.create_org(&new, event()).await.unwrap().id
}

/// Signal `n` of household `number` (its address, and a BSN for even ones).
fn signal(n: usize, number: i64, on: NaiveDate, gemeente: i64) -> NewSignal {
    let partner = PartnerType::ALL[n % PartnerType::ALL.len()];
    let postcode = if n == 999 { "2281AA" } else { "2511AB" };
    let addition = (number % 5 == 0).then(|| "A".to_string());
    NewSignal {
        kenmerk: format!("K{n}"),
        partner_type: partner.ddas().into(),
        amount_cents: [45_050, 149, 150, 123_456_789][(n / 2) % 4],
        arrears_start: (!n.is_multiple_of(3)).then(|| date(2024, 11, 20)),
        signal_date: on,
        crisis: n.is_multiple_of(3),
        warm_handover: n.is_multiple_of(4),
        bsn: (number % 2 == 0).then(|| format!("{:09}", 100_000_000 + number)),
        initials: Some("A.".into()),
        prefix: (n % 2 == 1).then(|| "van".into()),
        surname: "Dijkstra-Testpersoon".into(),
        birth_date: Some(date(1985, 6, 15)),
        phone: Some("0612345678".into()),
        email: None,
        contact_wish: None,
        street: Some("Spui".into()),
        house_number: number,
        household_key: format!("{postcode}|{number}|{}", addition.as_deref().unwrap_or("")),
        addition,
        postcode: postcode.into(),
        city: Some("Den Haag".into()),
        monthly_rent_cents: None,
        contact_tried: None,
        pointed_to_help: None,
        reminder_sent_on: None,
        route: Route::Gemeente(gemeente),
        content_hash: format!("hash-{n}"),
    }
}

/// Stores signals of one partner and returns the case of the first.
async fn deliver(store: &dyn Store, partner: i64, batch: Vec<NewSignal>) -> i64 {
    let import = NewImport {
        partner_org_id: partner,
        source: ImportSource::Cli,
        file_name: None,
        actor_user_id: None,
    };
    let import_id = store.start_import(&import, event()).await.unwrap();
    let outcomes = store
        .store_signals(import_id, partner, &batch)
        .await
        .unwrap();
    match outcomes[0] {
        SignalOutcome::Created {
            case: CaseLink::Created { case_id, .. } | CaseLink::Joined { case_id },
            ..
        } => case_id,
        ref other => panic!("{other:?}"),
    }
}

async fn save(
    store: &dyn Store,
    owner: i64,
    case_id: i64,
    version: i64,
    state: &CaseState,
    command: &Command,
) {
    let contact = match command {
        Command::RecordContact {
            kind,
            reached,
            on,
            part_of_day,
            ..
        } => Some(NewContactAttempt {
            kind: kind.ddas(),
            reached: *reached,
            on_date: *on,
            part_of_day: part_of_day.map(PartOfDay::ddas),
            note: Some("niet voor het CBS"),
        }),
        _ => None,
    };
    let step = CaseStep {
        owner: CaseOwner::Gemeente(owner),
        case_id,
        expected_version: version,
        state,
        actor_user_id: None,
        kind: "test",
        summary: "stap",
        contact,
        note: None,
    };
    store.save_case_step(&step, event()).await.unwrap();
}

/// Den Haag with a case for every journey of the domain's schema test,
/// contact attempts of every kind and part of day, every partner type, and
/// cases that must stay out: Rijswijk's, and one after the period.
async fn seed(db: &Path) -> Seeded {
    let store = open_store(db).await;
    let store = &*store;
    let haag = org(
        store,
        "den-haag",
        "gemeente",
        Some("0518"),
        Some("2490-2599"),
    )
    .await;
    let rijswijk = org(
        store,
        "rijswijk",
        "gemeente",
        Some("0603"),
        Some("2280-2289"),
    )
    .await;
    let corp = org(store, "woonstad", "verhuurder", None, None).await;
    let help = org(store, "schuldhulp", "hulpverlening", None, None).await;
    let worker = NewUser::parse(
        "w@denhaag.example",
        "W",
        "medewerker",
        vangnet_domain::org::OrgKind::Gemeente,
    )
    .unwrap();
    let worker = store
        .create_user(haag, &worker, "x", event())
        .await
        .unwrap()
        .id;
    let mut signals = 0;
    let mut attempt = 0;
    let journeys = ddas_support::journeys();
    for (n, journey) in journeys.iter().enumerate() {
        // Every other household has a second signal, so all partner types occur.
        let day = date(2025, 1, 2) + Days::new(n as u64 % 20);
        let batch: Vec<NewSignal> = (0..=n % 2)
            .map(|i| signal(2 * n + i, n as i64 + 1, day, haag))
            .collect();
        signals += batch.len();
        let case_id = deliver(store, corp, batch).await;
        let mut commands = Vec::new();
        for _ in 0..n % 3 + 1 {
            attempt += 1;
            commands.push(Command::RecordContact {
                kind: ContactKind::ALL[attempt % ContactKind::ALL.len()],
                reached: attempt % 2 == 0,
                on: date(2025, 1, 3) + Days::new(attempt as u64 % 20),
                part_of_day: PartOfDay::ALL.get(attempt % 4).copied(),
                note: None,
            });
        }
        for command in journey {
            commands.push(match command {
                Command::Assign { .. } => Command::Assign {
                    worker: Some(worker),
                },
                Command::HandOff { on, .. } => Command::HandOff {
                    to_org: help,
                    on: *on,
                },
                other => other.clone(),
            });
        }
        let mut state = CaseState::new();
        for (done, command) in commands.iter().enumerate() {
            state = apply(&state, command).unwrap();
            save(store, haag, case_id, 1 + done as i64, &state, command).await;
        }
    }
    deliver(
        store,
        corp,
        vec![signal(999, 1, date(2025, 1, 10), rijswijk)],
    )
    .await;
    deliver(store, corp, vec![signal(1000, 500, date(2025, 2, 3), haag)]).await;
    set_ddas_settings(store, haag).await;
    Seeded {
        haag,
        signals,
        cases: journeys.len(),
    }
}

fn export(db: &Path, extra: &[&str]) -> (bool, String, String) {
    let mut args = vec!["export", "ddas"];
    args.extend_from_slice(extra);
    vangnet(&args, db, None)
}

fn without_timestamp(mut delivery: Value) -> Value {
    delivery
        .as_object_mut()
        .unwrap()
        .remove("aanleverdatumEnTijd");
    delivery
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_export_holds_the_period_validates_and_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("vangnet.db");
    let seeded = seed(&db).await;
    let mut args = vec!["--gemeente", "0518"];
    args.extend_from_slice(&PERIOD);
    let (ok, out, err) = export(&db, &args);
    assert!(ok, "{err}");
    assert!(
        err.contains(&format!(
            "{} signalen in {} zaken",
            seeded.signals, seeded.cases
        )),
        "{err}"
    );
    let delivery: Value = serde_json::from_str(&out).expect("stdout holds only the JSON");
    assert_eq!(delivery["codeGegevensleverancier"], "VANGNET-01");
    assert_eq!(delivery["startdatumLevering"], "2025-01-01");
    let levering = &delivery["leveringen"][0];
    assert_eq!(levering["gemeentecode"], "0518");
    assert_eq!(
        levering["aanleverende_organisatie"]["contactpersoonen"][0]["naam"],
        "J. de Vries"
    );
    let (listed, referred) = signal_ids(&delivery);
    assert_eq!(
        listed.len(),
        seeded.signals,
        "Rijswijk's and February's stay out"
    );
    assert_eq!(listed, referred, "every case refers to listed signals only");
    assert_eq!(
        levering["vroegsignaalzaken"].as_array().unwrap().len(),
        seeded.cases
    );

    let mut seen = BTreeSet::new();
    strings(&delivery, &mut seen);
    let mut wanted: Vec<&str> = Vec::new();
    wanted.extend(ContactKind::ALL.map(ContactKind::ddas));
    wanted.extend(PartOfDay::ALL.map(PartOfDay::ddas));
    wanted.extend(EndResult::ALL.map(EndResult::ddas));
    wanted.extend(SignalStatus::ALL.map(SignalStatus::ddas));
    wanted.extend(PartnerType::ALL.map(PartnerType::ddas));
    let missing: Vec<&&str> = wanted.iter().filter(|v| !seen.contains(**v)).collect();
    assert!(missing.is_empty(), "not covered: {missing:?}");
    assert!(!seen.contains("0612345678"), "DDAS has no phone number");
    assert!(!seen.contains("niet voor het CBS"), "notes stay in vangnet");
    let amounts: BTreeSet<i64> = levering["vroegsignalen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["bedrag"].as_i64().unwrap())
        .collect();
    assert_eq!(
        amounts,
        BTreeSet::from([451, 1, 2, 1_234_568]),
        "whole euros, half up"
    );

    if ddas_support::validator_available() {
        passes_the_schema(&out, dir.path(), ddas_support::validate);
    }

    // The same delivery in a file, by organisation code.
    let file = dir.path().join("uit").join("levering.json");
    std::fs::create_dir(file.parent().unwrap()).unwrap();
    let mut args = vec!["--gemeente", "den-haag", "--out", file.to_str().unwrap()];
    args.extend_from_slice(&PERIOD);
    let (ok, out, err) = export(&db, &args);
    assert!(ok, "{err}");
    assert!(out.contains("Geschreven naar"), "{out}");
    let written: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(without_timestamp(written), without_timestamp(delivery));
    let left: Vec<_> = std::fs::read_dir(file.parent().unwrap()).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file left behind");

    // Both exports are audited: who, gemeente, period, counts; nobody's data.
    let store = open_store(&db).await;
    let audit = store
        .list_audit(OrgScope::Only(seeded.haag), None, 500)
        .await
        .unwrap();
    let exports: Vec<_> = audit
        .iter()
        .filter(|e| e.event.action == "ddas.export")
        .collect();
    assert_eq!(exports.len(), 2);
    let entry = &exports[0].event;
    assert_eq!(entry.actor_label, "cli");
    assert_eq!(
        entry.object_id.as_deref(),
        Some(seeded.haag.to_string().as_str())
    );
    let detail: Value = serde_json::from_str(&entry.detail).unwrap();
    assert_eq!(detail["from"], "2025-01-01");
    assert_eq!(detail["to"], "2025-01-31");
    assert_eq!(detail["cases"], seeded.cases);
    assert_eq!(detail["signals"], seeded.signals);
    assert_eq!(detail["completed"], true);
    assert!(!entry.detail.contains("Dijkstra") && !entry.detail.contains("10000000"));
    assert!(verify_audit(&*store).await.unwrap().is_ok());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mistakes_get_a_dutch_sentence_and_leave_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("vangnet.db");
    let store = open_store(&db).await;
    org(
        &*store,
        "den-haag",
        "gemeente",
        Some("0518"),
        Some("2490-2599"),
    )
    .await;
    org(&*store, "woonstad", "verhuurder", None, None).await;
    let out = dir.path().join("levering.json");
    let out_arg = out.to_str().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "--gemeente",
                "0518",
                "--from",
                "2025-13-01",
                "--to",
                "2025-01-31",
            ],
            "de begindatum '2025-13-01' is geen geldige datum (schrijf JJJJ-MM-DD)",
        ),
        (
            &[
                "--gemeente",
                "0518",
                "--from",
                "2025-02-01",
                "--to",
                "2025-01-31",
            ],
            "de begindatum 2025-02-01 ligt na de einddatum 2025-01-31",
        ),
        (
            &[
                "--gemeente",
                "9999",
                "--from",
                "2025-01-01",
                "--to",
                "2025-01-31",
            ],
            "onbekende gemeente '9999'",
        ),
        (
            &[
                "--gemeente",
                "woonstad",
                "--from",
                "2025-01-01",
                "--to",
                "2025-01-31",
            ],
            "onbekende gemeente 'woonstad'",
        ),
        (
            &[
                "--gemeente",
                "den-haag",
                "--from",
                "2025-01-01",
                "--to",
                "2025-01-31",
            ],
            "de DDAS-instelling 'leverancierscode' (codeGegevensleverancier",
        ),
        (
            &[
                "--gemeente",
                "den-haag",
                "--from",
                "2025-01-01",
                "--to",
                "2025-01-31",
            ],
            "de DDAS-instelling 'contactpersoon'",
        ),
    ];
    for (args, expected) in cases {
        let mut args = args.to_vec();
        args.extend_from_slice(&["--out", out_arg]);
        let (ok, stdout, err) = export(&db, &args);
        assert!(!ok, "{args:?}");
        assert!(err.contains(expected), "{args:?}: {err}");
        assert!(stdout.is_empty(), "{args:?}: {stdout}");
        let files: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| !name.starts_with("vangnet.db"))
            .collect();
        assert!(files.is_empty(), "{args:?} left {files:?}");
    }
}
