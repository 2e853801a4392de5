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
    pub db_path: PathBuf,
    child: Child,
    _dir: tempfile::TempDir,
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
        let mut command = Command::new(env!("CARGO_BIN_EXE_vangnet"));
        command
            .args(["demo", "--listen", "127.0.0.1:0", "--database-url"])
            .arg(format!("sqlite://{}", db_path.display()))
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        for (key, value) in envs {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("start vangnet demo");
        let base_url = read_url(&mut child);
        DemoServer {
            base_url,
            db_path,
            child,
            _dir: dir,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }
}

/// Waits for the line "vangnet draait op http://…" that `demo` prints.
fn read_url(child: &mut Child) -> String {
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(pos) = line.find("http://") {
                let _ = tx.send(line[pos..].trim().trim_end_matches('/').to_string());
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("vangnet demo printed no URL within 60 s")
}

impl Drop for DemoServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
