//! A PostgreSQL cluster of the test's own, on a free port, that the test
//! may stop and start again (the shared test cluster must never be
//! stopped). Run as the `postgres` user when the test runs as root, as
//! `./scripts/test` does; removed again when the test is done.

use std::path::PathBuf;
use std::process::{Command, Stdio};

pub struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    pub port: u16,
}

pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Debian keeps initdb and pg_ctl under /usr/lib/postgresql/N/bin.
fn pg_bin() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|d| d.join("initdb").exists())
        .collect();
    dirs.sort();
    dirs.pop()
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address").port()
}

impl Cluster {
    /// A new cluster, started; `None` (with a note) where PostgreSQL's
    /// programs are missing, unless every backend is required.
    pub fn start() -> Option<Cluster> {
        let Some(bin) = pg_bin() else {
            if super::webdriver::require_all() {
                panic!("PostgreSQL's initdb is missing; run ./scripts/test");
            }
            eprintln!("SKIPPED: no initdb for a throwaway PostgreSQL cluster");
            return None;
        };
        // Under /tmp, so the postgres user can reach it.
        let dir = tempfile::Builder::new()
            .prefix("vangnet-fault-pg")
            .tempdir_in("/tmp")
            .expect("a directory for the cluster");
        let cluster = Cluster {
            dir,
            bin,
            port: free_port(),
        };
        if is_root() {
            let status = Command::new("chown")
                .arg("postgres")
                .arg(cluster.dir.path())
                .status()
                .expect("chown");
            assert!(status.success(), "chown the cluster directory");
        }
        let data = cluster.data();
        cluster.pg(
            "initdb",
            &[
                "-D",
                &data,
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
            ],
        );
        cluster.start_again();
        Some(cluster)
    }

    fn data(&self) -> String {
        self.dir.path().join("data").to_string_lossy().into_owned()
    }

    fn pg(&self, program: &str, args: &[&str]) -> bool {
        let program = self.bin.join(program);
        let mut command = if is_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        };
        command
            .args(args)
            .current_dir("/")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    }

    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// A fast stop: open connections are cut off, as when the database
    /// server goes away.
    pub fn stop(&self) {
        assert!(
            self.pg("pg_ctl", &["-D", &self.data(), "-m", "fast", "-w", "stop"]),
            "stop the cluster"
        );
    }

    pub fn start_again(&self) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            self.port,
            self.dir.path().display()
        );
        let log = self.dir.path().join("log").to_string_lossy().into_owned();
        assert!(
            self.pg(
                "pg_ctl",
                &[
                    "-D",
                    &self.data(),
                    "-o",
                    &options,
                    "-l",
                    &log,
                    "-w",
                    "start"
                ]
            ),
            "start the cluster on port {}",
            self.port
        );
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.data();
        self.pg("pg_ctl", &["-D", &data, "-m", "immediate", "-w", "stop"]);
    }
}
