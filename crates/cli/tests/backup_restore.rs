//! Backup and restore (issue 8, part 5): a backup taken while a client
//! keeps writing over the API, restored exactly as the README says, opens,
//! its audit chain verifies, and it holds a consistent prefix of the
//! writes: every batch whole or absent, no later batch without the earlier
//! ones, every finished import with all its signals.
//!
//! SQLite: `vangnet backup --to FILE`, restored by copying FILE into place.
//! PostgreSQL: `vangnet backup` refuses and points to pg_dump; the test
//! runs `pg_dump --format=custom` during the writes and `pg_restore` into a
//! fresh database, as the README describes.

mod support;

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use support::faults::*;

const BATCH: u32 = 20;

/// A client that posts batch after batch (`BACKUP-0`, `BACKUP-1`, …) until
/// stopped; returns how many were answered 200.
struct Writer {
    stop: Arc<AtomicBool>,
    done: Arc<AtomicUsize>,
    thread: Option<JoinHandle<usize>>,
}

impl Writer {
    fn start(server: &Server, token: &str) -> Writer {
        let stop = Arc::new(AtomicBool::new(false));
        let done = Arc::new(AtomicUsize::new(0));
        let (flag, count) = (stop.clone(), done.clone());
        let url = server.url("/api/v1/signals");
        let token = token.to_string();
        let thread = std::thread::spawn(move || {
            let agent = agent(30);
            let mut batch = 0;
            while !flag.load(Ordering::SeqCst) {
                let body = rent_batch(&format!("BACKUP-{batch}"), BATCH);
                let (status, _, text) = send(&agent, "POST", &url, Some(&token), None, Some(&body))
                    .unwrap_or_else(|e| panic!("batch {batch}: {e}"));
                assert_eq!(status, 200, "batch {batch}: {text}");
                batch += 1;
                count.store(batch, Ordering::SeqCst);
            }
            batch
        });
        Writer {
            stop,
            done,
            thread: Some(thread),
        }
    }

    fn wait_for(&self, batches: usize) {
        wait_until(Duration::from_secs(60), "batches written", || {
            self.done.load(Ordering::SeqCst) >= batches
        });
    }

    fn finish(mut self) -> usize {
        self.stop.store(true, Ordering::SeqCst);
        self.thread
            .take()
            .unwrap()
            .join()
            .expect("the writer failed")
    }
}

fn writer_token(url: &str) -> String {
    token_on(url, "haagse-woningstichting", "signals:write")
}

/// The restored database holds batches 0..k whole and nothing after, with
/// every finished import complete; returns k.
fn assert_consistent_prefix(url: &str, written: usize) -> usize {
    let mut present = 0;
    for batch in 0..written {
        let stored = query_i64(
            url,
            &format!("SELECT COUNT(*) FROM signals WHERE kenmerk LIKE 'BACKUP-{batch}-%'"),
        );
        if stored == 0 {
            break;
        }
        assert_eq!(stored, i64::from(BATCH), "batch {batch} is half there");
        present += 1;
    }
    assert_eq!(
        query_i64(
            url,
            "SELECT COUNT(*) FROM signals WHERE kenmerk LIKE 'BACKUP-%'"
        ),
        present as i64 * i64::from(BATCH),
        "no later batch without the earlier ones"
    );
    assert_eq!(
        query_i64(
            url,
            "SELECT COUNT(*) FROM imports i WHERE i.status = 'completed' AND i.accepted <> \
             (SELECT COUNT(*) FROM signals s WHERE s.import_id = i.id)"
        ),
        0,
        "a completed import without all its signals"
    );
    present
}

fn assert_restored_database_works(url: &str) {
    let (ok, out, err) = run_on(url, &["audit", "verify"]);
    assert!(ok, "audit verify on the restored database: {out}{err}");
    let (ok, out, err) = run_on(url, &["migrate"]);
    assert!(ok, "{err}");
    assert!(out.contains("geen migraties uitgevoerd"), "{out}");
    let server = Server::start("serve", url);
    let answer = send(&agent(20), "GET", &server.url("/readyz"), None, None, None);
    assert!(matches!(answer, Ok((200, _, _))), "{answer:?}");
}

#[test]
fn sqlite_backup_during_writes_restores_to_a_consistent_database() {
    let started = Instant::now();
    let live = Db::sqlite();
    let server = Server::start("demo", &live.url);
    let token = writer_token(&live.url);
    let writer = Writer::start(&server, &token);
    writer.wait_for(3);

    let backup = live.dir.path().join("backup.db");
    let at_start = writer.done.load(Ordering::SeqCst);
    let (ok, out, err) = live.run(&["backup", "--to", &backup.to_string_lossy()]);
    assert!(ok, "backup during writes: {out}{err}");
    writer.wait_for(writer.done.load(Ordering::SeqCst) + 3);
    let written = writer.finish();

    // The README's procedure: with the server stopped, copy the backup to
    // the database's file name (no -wal or -shm file may be left beside it).
    let restored_dir = tempfile::tempdir().unwrap();
    let restored = restored_dir.path().join("vangnet.db");
    std::fs::copy(&backup, &restored).expect("copy the backup into place");
    let url = format!("sqlite://{}", restored.display());
    let present = assert_consistent_prefix(&url, written);
    assert!(
        present >= at_start && present < written,
        "the backup holds {present} of {written} batches ({at_start} before it started)"
    );
    assert_restored_database_works(&url);
    eprintln!(
        "SQLite backup test: {present} of {written} batches, {:?}",
        started.elapsed()
    );
}

fn pg_program(name: &str) -> String {
    let mut dirs: Vec<_> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL's programs")
        .filter_map(|e| e.ok().map(|e| e.path().join("bin").join(name)))
        .filter(|p| p.exists())
        .collect();
    dirs.sort();
    dirs.pop().expect(name).to_string_lossy().into_owned()
}

fn run_program(program: &str, args: &[&str]) {
    let output = Command::new(program)
        .args(args)
        .current_dir("/")
        .output()
        .expect(program);
    assert!(
        output.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn postgres_backup_with_pg_dump_during_writes_restores_to_a_consistent_database() {
    let started = Instant::now();
    let Some(live) = Db::postgres() else { return };
    let server = Server::start("demo", &live.url);
    let token = writer_token(&live.url);
    let writer = Writer::start(&server, &token);
    writer.wait_for(3);

    let (ok, _, err) = live.run(&["backup", "--to", "/tmp/never-written.db"]);
    assert!(
        !ok && err.contains("pg_dump"),
        "vangnet backup points to pg_dump: {err}"
    );
    assert!(!Path::new("/tmp/never-written.db").exists());

    let dump = live.dir.path().join("vangnet.dump");
    let at_start = writer.done.load(Ordering::SeqCst);
    run_program(
        &pg_program("pg_dump"),
        &[
            "--format=custom",
            "--file",
            &dump.to_string_lossy(),
            &live.url,
        ],
    );
    writer.wait_for(writer.done.load(Ordering::SeqCst) + 3);
    let written = writer.finish();

    let restored = live.another();
    run_program(
        &pg_program("pg_restore"),
        &[
            "--no-owner",
            "--dbname",
            &restored.url,
            &dump.to_string_lossy(),
        ],
    );
    let present = assert_consistent_prefix(&restored.url, written);
    assert!(
        present >= at_start && present < written,
        "the dump holds {present} of {written} batches ({at_start} before it started)"
    );
    assert_restored_database_works(&restored.url);
    eprintln!(
        "PostgreSQL backup test: {present} of {written} batches, {:?}",
        started.elapsed()
    );
}
