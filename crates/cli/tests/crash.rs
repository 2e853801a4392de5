//! Crash safety (issue 8, part 2), on SQLite and on PostgreSQL: the real
//! binary killed with SIGKILL in the middle of work, then started again.
//!
//! - `vangnet import signals` is killed after some batches are committed;
//!   importing the same file again must leave exactly what a clean import
//!   of the file into a fresh database leaves (signals with their content
//!   hashes, cases and which signals they hold), and the audit chain
//!   verifies.
//! - `vangnet serve` is killed during a burst of API writes from several
//!   clients; after a restart every batch that was answered 2xx is stored
//!   exactly once, sending every batch again stores nothing twice, and the
//!   audit chain verifies.

mod support;

use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::faults::*;

/// Rows in the generated file: more than two batches of 25 000 (the
/// import's batch size, `RunOptions::cli`), so the kill after the first
/// lands mid-file, and few enough that the three imports stay around a
/// minute in a debug build on either backend.
const ROWS: u64 = 60_000;

#[test]
fn sqlite_import_killed_mid_file_then_rerun_equals_a_clean_import() {
    import_killed_then_rerun(Db::sqlite());
}

#[test]
fn postgres_import_killed_mid_file_then_rerun_equals_a_clean_import() {
    let Some(db) = Db::postgres() else { return };
    import_killed_then_rerun(db);
}

fn import_args(file: &str) -> Vec<&str> {
    vec!["import", "signals", file, "--partner", "woonstad"]
}

fn import_killed_then_rerun(db: Db) {
    let started = Instant::now();
    db.add_orgs();
    let csv = signals_csv(db.dir.path(), ROWS, 8);
    let file = csv.to_string_lossy().into_owned();

    let mut child = Command::new(BIN)
        .args(import_args(&file))
        .arg("--database-url")
        .arg(&db.url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the import");
    // Kill it once the first batch is committed: then the file is surely
    // not done, and something is surely stored.
    wait_until(Duration::from_secs(60), "a committed batch", || {
        db.scalar("SELECT COUNT(*) FROM signals") >= 5_000
    });
    assert!(
        child.try_wait().expect("status").is_none(),
        "the import ended before it could be killed; make the file larger"
    );
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
    let at_kill = db.scalar("SELECT COUNT(*) FROM signals");

    let (ok, out, err) = db.run(&import_args(&file));
    assert!(ok, "the second import: {out}{err}");

    let clean = db.another();
    clean.add_orgs();
    let (ok, out, err) = clean.run(&import_args(&file));
    assert!(ok, "the clean import: {out}{err}");
    let want = clean.canonical_dump();
    assert!(
        (at_kill as usize) < want.signals.len(),
        "killed mid-file: {at_kill} of {} stored",
        want.signals.len()
    );
    assert_same_dump(&db.canonical_dump(), &want, "after kill and rerun");
    assert_eq!(
        db.scalar("SELECT COUNT(*) FROM signal_history"),
        0,
        "nothing was seen as changed"
    );
    db.assert_audit_verifies();
    clean.assert_audit_verifies();
    eprintln!(
        "import crash test ({}): killed at {at_kill} signals, {:?}",
        if db.is_postgres() {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        started.elapsed()
    );
}

#[test]
fn sqlite_serve_killed_during_api_writes_keeps_every_answered_batch_once() {
    serve_killed_during_writes(Db::sqlite());
}

#[test]
fn postgres_serve_killed_during_api_writes_keeps_every_answered_batch_once() {
    let Some(db) = Db::postgres() else { return };
    serve_killed_during_writes(db);
}

const CLIENTS: usize = 4;
const BATCH: u32 = 20;

/// What one client thread saw: per batch it sent, whether it got a 2xx.
type Sent = Vec<(String, bool)>;

fn serve_killed_during_writes(db: Db) {
    let started = Instant::now();
    let mut server = Server::start("demo", &db.url);
    let token = token_on(
        &db.url,
        "haagse-woningstichting",
        "signals:write,signals:read",
    );
    let token = Arc::new(token);

    let stop = Arc::new(AtomicBool::new(false));
    let answered = Arc::new(Mutex::new(0usize));
    let mut clients = Vec::new();
    for client in 0..CLIENTS {
        let (token, stop, answered) = (token.clone(), stop.clone(), answered.clone());
        let url = server.url("/api/v1/signals");
        clients.push(std::thread::spawn(move || -> Sent {
            let agent = agent(20);
            let mut sent = Vec::new();
            for batch in 0.. {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let prefix = format!("CRASH-{client}-{batch}");
                let body = rent_batch(&prefix, BATCH);
                match send(&agent, "POST", &url, Some(&token), None, Some(&body)) {
                    Ok((status, _, body)) => {
                        assert!(status < 500, "{status} before the crash: {body}");
                        sent.push((prefix, (200..300).contains(&status)));
                        *answered.lock().unwrap() += 1;
                    }
                    // The server is gone: this batch may or may not be stored.
                    Err(_) => {
                        sent.push((prefix, false));
                        break;
                    }
                }
            }
            sent
        }));
    }
    wait_until(Duration::from_secs(60), "answered batches", || {
        *answered.lock().unwrap() >= 4 * CLIENTS
    });
    server.sigkill();
    stop.store(true, Ordering::SeqCst);
    let sent: Vec<(String, bool)> = clients
        .into_iter()
        .flat_map(|c| c.join().expect("client thread"))
        .collect();
    let acked: Vec<&String> = sent.iter().filter(|(_, ok)| *ok).map(|(p, _)| p).collect();
    assert!(acked.len() >= 4 * CLIENTS, "{} answered", acked.len());

    // Every answered batch is there, whole, once.
    for prefix in &acked {
        let stored = db.scalar(&format!(
            "SELECT COUNT(*) FROM signals WHERE kenmerk LIKE '{prefix}-%'"
        ));
        assert_eq!(stored, i64::from(BATCH), "answered batch {prefix}");
    }
    // A batch is one transaction: the unanswered ones are all or nothing.
    for (prefix, _) in sent.iter().filter(|(_, ok)| !*ok) {
        let stored = db.scalar(&format!(
            "SELECT COUNT(*) FROM signals WHERE kenmerk LIKE '{prefix}-%'"
        ));
        assert!(
            stored == 0 || stored == i64::from(BATCH),
            "unanswered batch {prefix}: {stored} of {BATCH}"
        );
    }

    // Start again, and resend everything: nothing is stored twice.
    let server = Server::start("serve", &db.url);
    let agent = agent(20);
    let url = server.url("/api/v1/signals");
    for (prefix, was_acked) in &sent {
        let (status, _, body) = send(
            &agent,
            "POST",
            &url,
            Some(&token),
            None,
            Some(&rent_batch(prefix, BATCH)),
        )
        .expect("an answer after the restart");
        assert_eq!(status, 200, "{prefix} resent: {body}");
        if *was_acked {
            let json: serde_json::Value = serde_json::from_str(&body).unwrap();
            assert_eq!(json["summary"]["accepted"], 0, "{prefix}: {json}");
        }
    }
    let total = db.scalar("SELECT COUNT(*) FROM signals WHERE kenmerk LIKE 'CRASH-%'");
    assert_eq!(total, sent.len() as i64 * i64::from(BATCH));
    assert_eq!(
        db.scalar(
            "SELECT COUNT(*) FROM (SELECT partner_org_id, kenmerk FROM signals \
             GROUP BY partner_org_id, kenmerk HAVING COUNT(*) > 1) AS twice"
        ),
        0
    );
    drop(server);
    db.assert_audit_verifies();
    eprintln!(
        "serve crash test ({}): {} batches answered before the kill, {:?}",
        if db.is_postgres() {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        acked.len(),
        started.elapsed()
    );
}
