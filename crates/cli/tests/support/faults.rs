//! For the crash, concurrency, fault and backup tests: a database on either
//! backend that the test can read directly, the real binary as a process
//! the test can kill with SIGKILL, and HTTP requests with a deadline (so a
//! hanging server fails the test instead of stalling it).

use super::postgres::FreshDatabase;
use super::server::read_url_within;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_vangnet");

/// A fresh database: an SQLite file in a temporary directory, or a fresh
/// database in the test cluster.
pub struct Db {
    pub url: String,
    pub dir: tempfile::TempDir,
    postgres: Option<FreshDatabase>,
}

fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(future)
}

impl Db {
    pub fn sqlite() -> Db {
        let dir = tempfile::tempdir().expect("temporary directory");
        let url = format!("sqlite://{}", dir.path().join("vangnet.db").display());
        Db {
            url,
            dir,
            postgres: None,
        }
    }

    /// `None` (with a note) without a test cluster, unless every backend is
    /// required.
    pub fn postgres() -> Option<Db> {
        let database = FreshDatabase::create()?;
        Some(Db {
            url: database.url.clone(),
            dir: tempfile::tempdir().expect("temporary directory"),
            postgres: Some(database),
        })
    }

    /// Another fresh database on the same backend.
    pub fn another(&self) -> Db {
        if self.is_postgres() {
            Db::postgres().expect("the cluster is there")
        } else {
            Db::sqlite()
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.postgres.is_some()
    }

    /// Runs `vangnet ARGS --database-url URL`; (success, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (bool, String, String) {
        run_on(&self.url, args)
    }

    /// Den Haag (gemeente for PC4 2490-2599) and a landlord, `woonstad`.
    pub fn add_orgs(&self) {
        add_orgs_on(&self.url);
    }

    /// `vangnet audit verify` succeeds.
    pub fn assert_audit_verifies(&self) {
        let (ok, out, err) = self.run(&["audit", "verify"]);
        assert!(ok, "audit verify on {}: {out}{err}", self.url);
        assert!(out.contains("Auditketen in orde"), "{out}");
    }

    pub fn scalar(&self, sql: &str) -> i64 {
        query_i64(&self.url, sql)
    }

    /// The first column of every row, which must be text.
    pub fn texts(&self, sql: &str) -> Vec<String> {
        query_texts(&self.url, sql)
    }

    /// Everything an import leaves behind, in a form that does not depend
    /// on ids or the order of work: per signal (partner, kenmerk, content
    /// hash, version, routing, gemeente), and per case its gemeente,
    /// household, opening date and member signals.
    pub fn canonical_dump(&self) -> Dump {
        let mut signals = self.texts(
            "SELECT p.code || '|' || s.kenmerk || '|' || s.content_hash || '|' || \
             CAST(s.version AS TEXT) || '|' || s.routing || '|' || COALESCE(g.code, '-') \
             FROM signals s JOIN organisations p ON p.id = s.partner_org_id \
             LEFT JOIN organisations g ON g.id = s.gemeente_org_id",
        );
        signals.sort();
        let mut members: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for row in self.texts(
            "SELECT CAST(c.id AS TEXT) || '#' || g.code || '|' || c.household_key || '|' || \
             CAST(c.opened_on AS TEXT) || '|' || COALESCE(CAST(c.closed_on AS TEXT), '-') || '#' || \
             COALESCE(p.code || ':' || s.kenmerk, '') \
             FROM cases c JOIN organisations g ON g.id = c.gemeente_org_id \
             LEFT JOIN signals s ON s.case_id = c.id \
             LEFT JOIN organisations p ON p.id = s.partner_org_id",
        ) {
            let mut parts = row.splitn(3, '#');
            let (id, case, member) = (
                parts.next().unwrap_or(""),
                parts.next().unwrap_or(""),
                parts.next().unwrap_or(""),
            );
            let entry = members.entry(format!("{id}#{case}")).or_default();
            if !member.is_empty() {
                entry.push(member.to_string());
            }
        }
        let mut cases: Vec<String> = members
            .into_iter()
            .map(|(key, mut list)| {
                list.sort();
                let case = key.split_once('#').map_or("", |(_, c)| c);
                format!("{case} <- {}", list.join(","))
            })
            .collect();
        cases.sort();
        Dump { signals, cases }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct Dump {
    pub signals: Vec<String>,
    pub cases: Vec<String>,
}

/// Says where two dumps differ, instead of printing 60 000 lines.
pub fn assert_same_dump(got: &Dump, want: &Dump, what: &str) {
    let diff = |a: &[String], b: &[String]| -> Vec<String> {
        let b: std::collections::BTreeSet<&String> = b.iter().collect();
        a.iter()
            .filter(|x| !b.contains(x))
            .take(5)
            .cloned()
            .collect()
    };
    assert_eq!(
        got.signals.len(),
        want.signals.len(),
        "{what}: signal count; extra {:?}, missing {:?}",
        diff(&got.signals, &want.signals),
        diff(&want.signals, &got.signals)
    );
    assert_eq!(
        got.cases.len(),
        want.cases.len(),
        "{what}: case count; extra {:?}, missing {:?}",
        diff(&got.cases, &want.cases),
        diff(&want.cases, &got.cases)
    );
    assert!(got.signals == want.signals, "{what}: signals differ");
    assert!(
        got.cases == want.cases,
        "{what}: case membership differs; extra {:?}, missing {:?}",
        diff(&got.cases, &want.cases),
        diff(&want.cases, &got.cases)
    );
}

pub fn query_i64(url: &str, sql: &str) -> i64 {
    block_on(async {
        if url.starts_with("postgres") {
            let pool = sqlx::PgPool::connect(url).await.expect("connect");
            let value: i64 = sqlx::query_scalar(sql).fetch_one(&pool).await.expect(sql);
            pool.close().await;
            value
        } else {
            let pool = sqlx::SqlitePool::connect(url).await.expect("connect");
            let value: i64 = sqlx::query_scalar(sql).fetch_one(&pool).await.expect(sql);
            pool.close().await;
            value
        }
    })
}

pub fn query_texts(url: &str, sql: &str) -> Vec<String> {
    block_on(async {
        if url.starts_with("postgres") {
            let pool = sqlx::PgPool::connect(url).await.expect("connect");
            let rows: Vec<String> = sqlx::query_scalar(sql).fetch_all(&pool).await.expect(sql);
            pool.close().await;
            rows
        } else {
            let pool = sqlx::SqlitePool::connect(url).await.expect("connect");
            let rows: Vec<String> = sqlx::query_scalar(sql).fetch_all(&pool).await.expect(sql);
            pool.close().await;
            rows
        }
    })
}

/// Den Haag (gemeente for PC4 2490-2599) and a landlord, `woonstad`, in the
/// database at `url`.
pub fn add_orgs_on(url: &str) {
    for args in &super::cli_world::ORGS[..2] {
        let (ok, _, err) = run_on(url, args);
        assert!(ok, "{args:?}: {err}");
    }
}

/// A new API token of a demo organisation with `scopes`, made with
/// `vangnet token create` on the database at `url`.
pub fn token_on(url: &str, org: &str, scopes: &str) -> String {
    let name = format!("faults-{scopes}");
    let (ok, token, err) = run_on(
        url,
        &[
            "token", "create", "--org", org, "--name", &name, "--scopes", scopes,
        ],
    );
    assert!(ok, "token create for {org}: {err}");
    token.trim().to_string()
}

/// Runs the binary with `--database-url URL`; (success, stdout, stderr).
pub fn run_on(url: &str, args: &[&str]) -> (bool, String, String) {
    let output = Command::new(BIN)
        .args(args)
        .arg("--database-url")
        .arg(url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .output()
        .expect("run vangnet");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A CSV of `rows` generated signals (signal dates up to yesterday).
pub fn signals_csv(dir: &Path, rows: u64, seed: u64) -> PathBuf {
    let path = dir.join(format!("signals-{rows}-{seed}.csv"));
    let yesterday = chrono::Utc::now().date_naive() - chrono::Duration::days(1);
    let file = std::fs::File::create(&path).expect("create the CSV");
    vangnet_intake::generate::write_signals_until(file, rows, seed, yesterday)
        .expect("write the CSV");
    path
}

/// `vangnet demo` or `vangnet serve` as a process the test may kill.
pub struct Server {
    pub base_url: String,
    child: Child,
}

impl Server {
    /// `vangnet COMMAND --listen 127.0.0.1:0 --database-url URL`, once it
    /// prints its address.
    pub fn start(command: &str, url: &str) -> Server {
        let mut child = Command::new(BIN)
            .args([command, "--listen", "127.0.0.1:0", "--database-url", url])
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start vangnet");
        let (base_url, _) = read_url_within(&mut child, Duration::from_secs(90));
        Server { base_url, child }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// SIGKILL: no shutdown handler runs, as when the machine dies.
    pub fn sigkill(&mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reap");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer, or why there was none (connection refused, timeout).
pub type Answer = Result<(u16, String, String), String>;

/// An agent whose every request ends within `seconds`.
pub fn agent(seconds: u64) -> ureq::Agent {
    ureq::AgentBuilder::new()
        .redirects(0)
        .timeout(Duration::from_secs(seconds))
        .build()
}

/// Sends a request with an optional bearer token, cookie header and JSON
/// body; (status, content type, body).
pub fn send(
    agent: &ureq::Agent,
    method: &str,
    url: &str,
    token: Option<&str>,
    cookie: Option<&str>,
    body: Option<&serde_json::Value>,
) -> Answer {
    let mut request = agent.request(method, url);
    if let Some(token) = token {
        request = request.set("Authorization", &format!("Bearer {token}"));
    }
    if let Some(cookie) = cookie {
        request = request.set("Cookie", cookie);
    }
    let result = match body {
        Some(json) => request.send_json(json.clone()),
        None => request.call(),
    };
    let response = match result {
        Ok(response) => response,
        Err(ureq::Error::Status(_, response)) => response,
        Err(other) => return Err(other.to_string()),
    };
    let status = response.status();
    let kind = response.header("content-type").unwrap_or("").to_string();
    let body = response.into_string().map_err(|e| e.to_string())?;
    Ok((status, kind, body))
}

/// Polls `check` every 10 ms until it holds; panics after `limit`.
pub fn wait_until(limit: Duration, what: &str, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while !check() {
        assert!(start.elapsed() < limit, "waited {limit:?} for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// A rent signal for a Den Haag address, in the API's JSON.
pub fn rent_signal(kenmerk: &str, number: u32) -> serde_json::Value {
    use super::signals::days_ago;
    serde_json::json!({
        "kenmerk": kenmerk,
        "soort": "Huur",
        "bedrag": "912,50",
        "ontstaansdatum": days_ago(70),
        "signaaldatum": days_ago(5),
        "voorletters": "T.",
        "achternaam": format!("Belasting{number}"),
        "straatnaam": "Teststraat",
        "huisnummer": number.to_string(),
        "postcode": "2511 AB",
        "plaatsnaam": "Den Haag",
        "maandhuur": "725,00",
        "contact_gezocht": "ja",
        "gewezen_op_schuldhulp": "ja",
        "herinnering_verstuurd": days_ago(20),
        "bezwaar_tegen_doorgeven": "nee",
    })
}

/// A batch of `size` rent signals, kenmerk `{prefix}-{i}`.
pub fn rent_batch(prefix: &str, size: u32) -> serde_json::Value {
    serde_json::Value::Array(
        (0..size)
            .map(|i| rent_signal(&format!("{prefix}-{i}"), 1 + i))
            .collect(),
    )
}
