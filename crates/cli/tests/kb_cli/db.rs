//! A fresh database for the kennisbank's command-line tests, SQLite or
//! PostgreSQL, and a store on it for what the commands do not print.

use crate::support::postgres::FreshDatabase;
use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;
use vangnet_store::Store;

pub const EDITOR: &str = "redacteur@redactie.test";
pub const AUTHOR: &str = "medewerker@woonstad.test";

/// A fresh database with a redactie and its editor, and a corporation
/// with a worker.
pub struct Db {
    pub url: String,
    dir: tempfile::TempDir,
    _postgres: Option<FreshDatabase>,
}

impl Db {
    pub fn sqlite() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("kb.db").display());
        Db::with(url, dir, None)
    }

    pub fn postgres() -> Option<Db> {
        let database = FreshDatabase::create()?;
        Some(Db::with(
            database.url.clone(),
            tempfile::tempdir().unwrap(),
            Some(database),
        ))
    }

    pub fn with(url: String, dir: tempfile::TempDir, postgres: Option<FreshDatabase>) -> Db {
        let db = Db {
            url,
            dir,
            _postgres: postgres,
        };
        for (code, kind, email, role) in [
            ("redactie", "redactie", EDITOR, "redacteur"),
            ("woonstad", "verhuurder", AUTHOR, "medewerker"),
        ] {
            db.ok(&["org", "add", "--code", code, "--name", code, "--kind", kind]);
            let (ok, _, err) = db.run_with(
                &[
                    "user",
                    "add",
                    "--org",
                    code,
                    "--email",
                    email,
                    "--name",
                    "Iemand",
                    "--role",
                    role,
                    "--password-stdin",
                ],
                Some("een-lang-wachtwoord-2026\n"),
            );
            assert!(ok, "{err}");
        }
        db
    }

    pub fn run_with(&self, args: &[&str], stdin: Option<&str>) -> (bool, String, String) {
        use std::io::Write;
        use std::process::Stdio;
        let mut child = Command::new(env!("CARGO_BIN_EXE_vangnet"))
            .args(args)
            .arg("--database-url")
            .arg(&self.url)
            .env("RUST_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run vangnet");
        let mut input = child.stdin.take().unwrap();
        if let Some(text) = stdin {
            input.write_all(text.as_bytes()).unwrap();
        }
        drop(input);
        let out = child.wait_with_output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    pub fn run(&self, args: &[&str]) -> (bool, String, String) {
        self.run_with(args, None)
    }

    pub fn ok(&self, args: &[&str]) -> String {
        let (ok, out, err) = self.run(args);
        assert!(ok, "{args:?}: {err}");
        out
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.ok(args);
        serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("{e}: {out}"))
    }

    pub fn publish(&self, dir: &str) -> serde_json::Value {
        self.json(&[
            "kb",
            "import",
            dir,
            "--publish",
            "--editor",
            EDITOR,
            "--json",
        ])
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// Runs a store query against a database URL.
pub fn with_store<T>(url: &str, f: impl AsyncFnOnce(Arc<dyn Store>) -> T) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async {
            let store = vangnet_store::connect(url).await.unwrap();
            f(store).await
        })
}

pub fn audit_count(url: &str) -> u64 {
    with_store(url, async |store| {
        vangnet_store::verify_audit(&*store).await.unwrap().unwrap()
    })
}
