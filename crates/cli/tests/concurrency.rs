//! Concurrency (issue 8, part 3) against the real server.
//!
//! - On SQLite: 16 parallel writers over HTTP (signal batches over the API,
//!   case steps through the pages) while `vangnet import signals` runs on
//!   the same file: no answer is a 5xx or mentions "database is locked",
//!   and every write is counted exactly once.
//! - On both databases: two workers who loaded the same version of a case
//!   submit at the same moment; exactly one step is saved, the other gets
//!   the Dutch conflict answer (409), nothing is overwritten.

mod support;

use std::sync::{Arc, Barrier};
use std::time::Instant;
use support::casework::{
    case_of, case_path, current_version, post_step, queue, CONTACTED, LEAD, WORKER,
};
use support::faults::*;
use support::server::DemoServer;
use support::signals::logged_in;

const API_WRITERS: usize = 12;
const BATCHES_PER_WRITER: usize = 8;
const BATCH: u32 = 25;
const STEP_WRITERS: usize = 4;
const NOTES_PER_WRITER: usize = 6;
const IMPORT_ROWS: u64 = 20_000;

fn assert_no_server_error(status: u16, body: &str, what: &str) {
    assert!(status < 500, "{what}: {status}: {body}");
    assert!(
        !body.to_lowercase().contains("database is locked"),
        "{what}: {body}"
    );
}

#[test]
fn sqlite_parallel_api_writers_case_steps_and_an_import_lose_nothing() {
    let started = Instant::now();
    let server = DemoServer::start();
    let url = format!("sqlite://{}", server.db_path.display());
    let token = token_on(&url, "haagse-woningstichting", "signals:write");
    let token = Arc::new(token);
    let signals_before = query_i64(&url, "SELECT COUNT(*) FROM signals");

    // Distinct open cases of Den Haag, one per step writer.
    let mut worker = logged_in(&server, WORKER);
    let cases: Vec<i64> = queue(&mut worker, "")
        .into_iter()
        .map(|row| row.id)
        .take(STEP_WRITERS)
        .collect();
    assert_eq!(cases.len(), STEP_WRITERS, "enough demo cases");
    let notes_before: Vec<i64> = cases
        .iter()
        .map(|id| {
            query_i64(
                &url,
                &format!("SELECT COUNT(*) FROM case_notes WHERE case_id = {id}"),
            )
        })
        .collect();

    let csv = signals_csv(server.db_path.parent().unwrap(), IMPORT_ROWS, 3);
    let gate = Arc::new(Barrier::new(API_WRITERS + STEP_WRITERS + 1));
    let mut threads = Vec::new();
    for writer in 0..API_WRITERS {
        let (token, gate) = (token.clone(), gate.clone());
        let endpoint = server.url("/api/v1/signals");
        threads.push(std::thread::spawn(move || {
            let agent = agent(60);
            gate.wait();
            for batch in 0..BATCHES_PER_WRITER {
                let body = rent_batch(&format!("PAR-{writer}-{batch}"), BATCH);
                let (status, _, text) =
                    send(&agent, "POST", &endpoint, Some(&token), None, Some(&body))
                        .unwrap_or_else(|e| panic!("writer {writer}: {e}"));
                assert_no_server_error(status, &text, "POST /api/v1/signals");
                assert_eq!(status, 200, "{text}");
            }
        }));
    }
    for (writer, case) in cases.iter().copied().enumerate() {
        let gate = gate.clone();
        let mut client = logged_in(&server, WORKER);
        threads.push(std::thread::spawn(move || {
            gate.wait();
            for note in 0..NOTES_PER_WRITER {
                let version = current_version(&mut client, case);
                let text = format!("Parallelle notitie {writer}-{note}");
                let reply = post_step(
                    &mut client,
                    case,
                    "notitie",
                    &version,
                    &[("notitie", &text)],
                );
                assert_no_server_error(reply.status, &reply.body, "case step");
                assert_eq!(reply.status, 303, "note on case {case}: {}", reply.body);
            }
        }));
    }
    gate.wait();
    let (ok, out, err) = run_on(
        &url,
        &[
            "import",
            "signals",
            &csv.to_string_lossy(),
            "--partner",
            "energie-west",
            "--json",
        ],
    );
    assert!(ok, "import alongside the API: {out}{err}");
    assert!(!err.contains("database is locked"), "{err}");
    for thread in threads {
        thread.join().expect("a writer failed");
    }

    let report: serde_json::Value = serde_json::from_str(&out).expect("the import's JSON");
    let imported = report["accepted"].as_i64().expect("accepted count");
    let api = (API_WRITERS * BATCHES_PER_WRITER) as i64 * i64::from(BATCH);
    assert_eq!(
        query_i64(
            &url,
            "SELECT COUNT(*) FROM signals WHERE kenmerk LIKE 'PAR-%'"
        ),
        api,
        "every API signal once"
    );
    assert_eq!(
        query_i64(&url, "SELECT COUNT(*) FROM signals"),
        signals_before + api + imported,
        "the import's signals and the API's add up: {report}"
    );
    for (case, before) in cases.iter().zip(notes_before) {
        assert_eq!(
            query_i64(
                &url,
                &format!("SELECT COUNT(*) FROM case_notes WHERE case_id = {case}")
            ),
            before + NOTES_PER_WRITER as i64,
            "notes on case {case}"
        );
    }
    let (ok, out, err) = run_on(&url, &["audit", "verify"]);
    assert!(ok, "{out}{err}");
    eprintln!("parallel writers test: {:?}", started.elapsed());
}

on_both_databases!(two_workers_submitting_the_same_version_get_one_conflict);

fn two_workers_submitting_the_same_version_get_one_conflict(server: &DemoServer) {
    let mut worker = logged_in(server, WORKER);
    let lead = logged_in(server, LEAD);
    let id = case_of(&mut worker, "", CONTACTED);
    let seen = current_version(&mut worker, id);
    let gate = Arc::new(Barrier::new(2));
    let threads: Vec<_> = [
        (worker, "Notitie van de medewerker"),
        (lead, "Notitie van de teamleider"),
    ]
    .into_iter()
    .map(|(mut client, text)| {
        let (gate, seen) = (gate.clone(), seen.clone());
        std::thread::spawn(move || {
            gate.wait();
            let reply = post_step(&mut client, id, "notitie", &seen, &[("notitie", text)]);
            (text, reply.status, reply.body)
        })
    })
    .collect();
    let results: Vec<(&str, u16, String)> =
        threads.into_iter().map(|t| t.join().unwrap()).collect();
    let saved: Vec<_> = results.iter().filter(|r| r.1 == 303).collect();
    let refused: Vec<_> = results.iter().filter(|r| r.1 == 409).collect();
    assert_eq!(
        (saved.len(), refused.len()),
        (1, 1),
        "one saved, one conflict: {:?}",
        results.iter().map(|r| r.1).collect::<Vec<_>>()
    );
    assert!(
        refused[0]
            .2
            .contains("Iemand anders heeft deze zaak gewijzigd"),
        "{}",
        refused[0].2
    );
    let mut reader = logged_in(server, WORKER);
    let page = reader.get(&case_path(id)).body;
    assert!(page.contains(saved[0].0), "the saved note is there");
    assert!(!page.contains(refused[0].0), "the refused note is not");
}
