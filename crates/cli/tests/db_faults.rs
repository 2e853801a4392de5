//! Database faults (issue 8, part 4) against the real binary.
//!
//! - PostgreSQL (a cluster of the test's own) is stopped while `serve`
//!   runs: the API answers 503 problem+json, pages a Dutch 503 page,
//!   `/readyz` 503 and `/healthz` 200, every answer within a deadline; once
//!   the database is back, the same server recovers by itself.
//! - SQLite in a directory or file the process may not write: `migrate`,
//!   `import` and writes over `serve` fail with a Dutch error that names
//!   the path, never a panic.
//! - SQLite on a full disk (a 2 MiB tmpfs): the write fails with a clear
//!   error and the database is not corrupted.

mod support;

use std::process::Command;
use std::time::{Duration, Instant};
use support::cluster::{is_root, Cluster};
use support::faults::*;
use support::http::Client;
use support::server::DEMO_PASSWORD;

const WORKER: &str = "medewerker@denhaag.example";

fn cookie_header(client: &Client) -> String {
    client
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Sends within 20 s and says how long it took.
fn timed(
    method: &str,
    url: &str,
    token: Option<&str>,
    cookie: Option<&str>,
) -> (u16, String, String) {
    let started = Instant::now();
    let answer = send(&agent(20), method, url, token, cookie, None)
        .unwrap_or_else(|e| panic!("{method} {url}: no answer: {e}"));
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "{url} took {:?}",
        started.elapsed()
    );
    answer
}

#[test]
fn postgres_stopped_while_serving_answers_503_and_recovers_by_itself() {
    let started = Instant::now();
    let Some(cluster) = Cluster::start() else {
        return;
    };
    let url = cluster.url();
    let server = Server::start("demo", &url);
    let token = token_on(&url, "haagse-woningstichting", "signals:read,signals:write");
    let token = token.as_str();
    let mut browser = Client::new(&server.base_url);
    assert_eq!(browser.login(WORKER, DEMO_PASSWORD).status, 303);
    let cookie = cookie_header(&browser);
    let api = server.url("/api/v1/signals");
    let page = server.url("/gemeente/zaken");
    assert_eq!(timed("GET", &api, Some(token), None).0, 200);
    assert_eq!(timed("GET", &page, None, Some(&cookie)).0, 200);

    cluster.stop();
    let (status, _, body) = timed("GET", &server.url("/healthz"), None, None);
    assert_eq!(status, 200, "alive without the database: {body}");
    let (status, kind, body) = timed("GET", &server.url("/readyz"), None, None);
    assert_eq!(
        (status, kind.as_str()),
        (503, "application/problem+json"),
        "{body}"
    );
    let (status, kind, body) = timed("GET", &api, Some(token), None);
    assert_eq!(status, 503, "API without the database: {body}");
    assert_eq!(kind, "application/problem+json", "{body}");
    let problem: serde_json::Value = serde_json::from_str(&body).expect(&body);
    assert_eq!(problem["status"], 503, "{problem}");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or("")
            .contains("database"),
        "{problem}"
    );
    let started_post = Instant::now();
    let write = send(
        &agent(20),
        "POST",
        &api,
        Some(token),
        None,
        Some(&rent_signal("FAULT-1", 7)),
    )
    .expect("an answer to a write");
    assert!(started_post.elapsed() < Duration::from_secs(15));
    assert_eq!(
        (write.0, write.1.as_str()),
        (503, "application/problem+json"),
        "{}",
        write.2
    );
    let (status, kind, body) = timed("GET", &page, None, Some(&cookie));
    assert_eq!(status, 503, "page without the database: {body}");
    assert!(kind.starts_with("text/html"), "{kind}");
    assert!(body.contains("lang=\"nl\""), "{body}");
    assert!(
        body.contains("niet bereikbaar") || body.contains("niet beschikbaar"),
        "{body}"
    );
    assert!(
        !body.contains("sqlx") && !body.contains("PoolTimedOut"),
        "{body}"
    );

    cluster.start_again();
    wait_until(Duration::from_secs(60), "/readyz after the restart", || {
        matches!(
            send(&agent(10), "GET", &server.url("/readyz"), None, None, None),
            Ok((200, _, _))
        )
    });
    let (status, _, body) = timed("GET", &api, Some(token), None);
    assert_eq!(status, 200, "the API recovered: {body}");
    let (status, _, body) = timed("GET", &page, None, Some(&cookie));
    assert_eq!(status, 200, "the session and pages recovered: {body}");
    eprintln!("PostgreSQL stop/start test: {:?}", started.elapsed());
}

/// Runs the binary as a user without write access: `nobody` when the test
/// runs as root (root may write anywhere), else the test's own user.
fn run_unprivileged(url: &str, args: &[&str]) -> (bool, String, String) {
    let mut command = if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "nobody", "--", BIN]);
        c
    } else {
        Command::new(BIN)
    };
    let output = command
        .args(args)
        .arg("--database-url")
        .arg(url)
        .env("RUST_LOG", "warn")
        .current_dir("/")
        .output()
        .expect("run vangnet");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn chmod(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

fn assert_clear_failure(result: (bool, String, String), path: &str, what: &str) {
    let (ok, out, err) = result;
    assert!(!ok, "{what} must fail: {out}{err}");
    assert!(err.contains(path), "{what}: the error names {path}: {err}");
    assert!(
        !err.contains("panicked") && !err.contains("interne fout"),
        "{what}: {err}"
    );
    assert!(
        err.contains("kan ") || err.contains("niet "),
        "{what}: a Dutch sentence: {err}"
    );
}

#[test]
fn sqlite_without_write_access_fails_with_a_dutch_error_naming_the_path() {
    let db = Db::sqlite();
    chmod(db.dir.path(), 0o755);
    // A directory the process may not write in: nothing can be created.
    let closed = db.dir.path().join("dicht");
    std::fs::create_dir(&closed).unwrap();
    chmod(&closed, 0o555);
    let path = closed.join("vangnet.db").to_string_lossy().into_owned();
    let url = format!("sqlite://{path}");
    assert_clear_failure(run_unprivileged(&url, &["migrate"]), &path, "migrate");
    assert_clear_failure(
        run_unprivileged(&url, &["serve", "--listen", "127.0.0.1:0"]),
        &path,
        "serve",
    );

    // An existing database the process may read but not write.
    db.add_orgs();
    let csv = signals_csv(db.dir.path(), 50, 1);
    chmod(&csv, 0o644);
    let file = db.url.trim_start_matches("sqlite://").to_string();
    for entry in std::fs::read_dir(db.dir.path()).unwrap() {
        chmod(&entry.unwrap().path(), 0o444);
    }
    chmod(&closed, 0o555);
    chmod(db.dir.path(), 0o555);
    let import = run_unprivileged(
        &db.url,
        &[
            "import",
            "signals",
            &csv.to_string_lossy(),
            "--partner",
            "woonstad",
        ],
    );
    assert_clear_failure(import, &file, "import into a read-only database");
    assert_clear_failure(
        run_unprivileged(&db.url, &["serve", "--listen", "127.0.0.1:0"]),
        &file,
        "serve on a read-only database",
    );
    chmod(db.dir.path(), 0o755);
    chmod(&closed, 0o755);
    for entry in std::fs::read_dir(db.dir.path()).unwrap() {
        let entry = entry.unwrap().path();
        if entry.is_file() {
            chmod(&entry, 0o644);
        }
    }
    assert_eq!(db.scalar("SELECT COUNT(*) FROM signals"), 0);
    db.assert_audit_verifies();
}

/// A small tmpfs, unmounted again when dropped.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(size: &str) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().expect("a mount point");
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if !mounted {
            eprintln!("SKIPPED: cannot mount a tmpfs here (needs root and mount rights)");
            return None;
        }
        Some(SmallDisk { dir })
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

#[test]
fn sqlite_on_a_full_disk_fails_the_write_clearly_without_corruption() {
    let started = Instant::now();
    let Some(disk) = SmallDisk::mount("3m") else {
        return;
    };
    let outside = tempfile::tempdir().unwrap();
    let path = disk.dir.path().join("vangnet.db");
    let url = format!("sqlite://{}", path.display());
    add_orgs_on(&url);
    let small = signals_csv(outside.path(), 300, 5);
    let (ok, out, err) = run_on(
        &url,
        &[
            "import",
            "signals",
            &small.to_string_lossy(),
            "--partner",
            "woonstad",
        ],
    );
    assert!(ok, "a small import fits: {out}{err}");
    let before = query_texts(&url, "SELECT kenmerk || '|' || content_hash FROM signals");
    assert!(!before.is_empty());

    let large = signals_csv(outside.path(), 40_000, 6);
    let (ok, out, err) = run_on(
        &url,
        &[
            "import",
            "signals",
            &large.to_string_lossy(),
            "--partner",
            "woonstad",
        ],
    );
    assert!(!ok, "the disk is full, yet: {out}");
    assert!(
        !err.contains("panicked") && !err.contains("interne fout"),
        "{err}"
    );
    assert!(err.contains("vol"), "a clear, Dutch reason: {err}");

    let check = query_texts(&url, "PRAGMA integrity_check");
    assert_eq!(check, ["ok"], "integrity_check");
    let after = query_texts(&url, "SELECT kenmerk || '|' || content_hash FROM signals");
    for row in &before {
        assert!(after.contains(row), "earlier data intact: {row}");
    }
    let (ok, out, err) = run_on(&url, &["audit", "verify"]);
    assert!(ok, "audit verify on the full disk: {out}{err}");
    eprintln!("full disk test: {:?}", started.elapsed());
}
