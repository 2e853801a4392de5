//! Starts the real `vangnet` binary as a server on a free port, the way a
//! user would, and stops it when the test is done.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The password of every demo user (see `vangnet demo`).
pub const DEMO_PASSWORD: &str = "vangnet-demo-2026";

pub struct DemoServer {
    pub base_url: String,
    /// Every later address the demo prints (the tenant's link).
    printed: std::sync::Mutex<mpsc::Receiver<String>>,
    /// The SQLite file (unused for a PostgreSQL server).
    pub db_path: PathBuf,
    /// Where the server keeps its data, as `--database-url` takes it.
    pub database_url: String,
    child: Child,
    _dir: tempfile::TempDir,
    /// Dropped after the server stops (fields drop in order).
    _postgres: Option<super::postgres::FreshDatabase>,
}

impl DemoServer {
    /// `vangnet demo` on a fresh SQLite file in a temporary directory.
    pub fn start() -> DemoServer {
        Self::start_with(&[])
    }

    /// The same, with extra environment variables for the server.
    pub fn start_with(envs: &[(&str, &str)]) -> DemoServer {
        let dir = tempfile::tempdir().expect("temporary directory");
        let db_path = dir.path().join("demo.db");
        let url = format!("sqlite://{}", db_path.display());
        Self::spawn(url, db_path, dir, None, envs)
    }

    /// `vangnet demo` on a fresh database in the PostgreSQL cluster of
    /// `VANGNET_TEST_POSTGRES_URL`; `None` (with a note) without one, unless
    /// the run requires every backend.
    pub fn start_postgres() -> Option<DemoServer> {
        let database = super::postgres::FreshDatabase::create()?;
        let dir = tempfile::tempdir().expect("temporary directory");
        let db_path = dir.path().join("unused.db");
        let url = database.url.clone();
        Some(Self::spawn(url, db_path, dir, Some(database), &[]))
    }

    fn spawn(
        database_url: String,
        db_path: PathBuf,
        dir: tempfile::TempDir,
        postgres: Option<super::postgres::FreshDatabase>,
        envs: &[(&str, &str)],
    ) -> DemoServer {
        let mut command = Command::new(env!("CARGO_BIN_EXE_vangnet"));
        command
            .args(["demo", "--listen", "127.0.0.1:0", "--database-url"])
            .arg(&database_url)
            .env("RUST_LOG", "warn")
            // The demo's two years of history make a debug server start
            // several times slower; a test that wants them says so
            // (`("VANGNET_DEMO_NO_HISTORY", "false")`).
            .env("VANGNET_DEMO_NO_HISTORY", "true")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        for (key, value) in envs {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("start vangnet demo");
        let (base_url, printed) = read_url(&mut child);
        DemoServer {
            base_url,
            printed: std::sync::Mutex::new(printed),
            db_path,
            database_url,
            child,
            _dir: dir,
            _postgres: postgres,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }
}

/// A running `vangnet serve` on an existing database, stopped when
/// dropped: a second app node beside a demo server, or a server with mail.
pub struct Serve {
    pub base_url: String,
    child: Child,
    log: Option<std::sync::Arc<std::sync::Mutex<String>>>,
}

/// What a `Serve` is started with beyond its database.
#[derive(Default)]
pub struct ServeOptions<'a> {
    pub args: &'a [&'a str],
    pub envs: &'a [(&'a str, &'a str)],
    /// Keep the log (stderr, at level info) for the test to read;
    /// otherwise warnings go to the test's own stderr.
    pub keep_log: bool,
}

impl Serve {
    pub fn start(database_url: &str, options: ServeOptions<'_>) -> Serve {
        let mut command = Command::new(env!("CARGO_BIN_EXE_vangnet"));
        command
            .args(["serve", "--listen", "127.0.0.1:0", "--database-url"])
            .arg(database_url)
            .args(options.args)
            .env("RUST_LOG", if options.keep_log { "info" } else { "warn" })
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(if options.keep_log {
                Stdio::piped()
            } else {
                Stdio::inherit()
            });
        for (key, value) in options.envs {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("start vangnet serve");
        let log = child.stderr.take().map(keep_reading);
        let (base_url, _) = read_url(&mut child);
        Serve {
            base_url,
            child,
            log,
        }
    }

    /// What the server logged so far (with `keep_log`).
    pub fn log(&self) -> String {
        self.log
            .as_ref()
            .map(|log| log.lock().unwrap().clone())
            .unwrap_or_default()
    }
}

/// Collects a stream's text as it comes, on its own thread.
fn keep_reading(
    mut stream: impl std::io::Read + Send + 'static,
) -> std::sync::Arc<std::sync::Mutex<String>> {
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let kept = log.clone();
    std::thread::spawn(move || {
        let mut buffer = [0u8; 4096];
        while let Ok(n) = stream.read(&mut buffer) {
            if n == 0 {
                break;
            }
            let text = String::from_utf8_lossy(&buffer[..n]);
            kept.lock().unwrap().push_str(&text);
        }
    });
    log
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl DemoServer {
    /// A second app node on this demo's database, as a deployment with
    /// several nodes behind a load balancer.
    pub fn second_node(&self) -> Serve {
        Serve::start(&self.database_url, ServeOptions::default())
    }
}

/// Waits for the line "vangnet draait op http://…" that `demo` prints;
/// the addresses printed after it come through the receiver.
fn read_url(child: &mut Child) -> (String, mpsc::Receiver<String>) {
    read_url_within(child, Duration::from_secs(60))
}

/// The same, waiting up to `limit` (a server on a loaded machine, with
/// PostgreSQL, may take longer to start).
pub fn read_url_within(child: &mut Child, limit: Duration) -> (String, mpsc::Receiver<String>) {
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(pos) = line.find("http://") {
                let _ = tx.send(line[pos..].trim().trim_end_matches('/').to_string());
            }
        }
    });
    let url = rx
        .recv_timeout(limit)
        .unwrap_or_else(|_| panic!("vangnet printed no URL within {limit:?}"));
    (url, rx)
}

impl DemoServer {
    /// The next address the demo printed after its own, such as the
    /// tenant's personal link.
    pub fn next_printed_address(&self) -> String {
        let printed = self.printed.lock().unwrap();
        printed
            .recv_timeout(Duration::from_secs(10))
            .expect("the demo printed no further address")
    }
}

impl Drop for DemoServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A new API token for a demo organisation, made with `vangnet token create`
/// as an administrator would, on the server's own database (SQLite or
/// PostgreSQL).
pub fn token(server: &DemoServer, org: &str, scopes: &str) -> String {
    let name = format!("test-{org}-{scopes}");
    let (ok, out, err) = admin(
        server,
        &[
            "token", "create", "--org", org, "--name", &name, "--scopes", scopes,
        ],
        None,
    );
    assert!(ok, "token create for {org} ({scopes}) failed: {err}");
    out.trim().to_string()
}

/// Runs an administrator's command of the real binary against the
/// server's database; returns (success, stdout, stderr).
pub fn admin(server: &DemoServer, args: &[&str], stdin: Option<&str>) -> (bool, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_vangnet"))
        .args(args)
        .arg("--database-url")
        .arg(&server.database_url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run vangnet");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).expect("write stdin");
    }
    drop(input);
    let output = child.wait_with_output().expect("wait for vangnet");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}
