//! A fresh SQLite database made with the binary itself: Den Haag, a
//! landlord (woonstad) and an energy company (energie), for the tests that
//! run `vangnet` as a script would.

use super::http::vangnet;
use std::path::PathBuf;

pub struct CliWorld {
    _dir: tempfile::TempDir,
    pub db: PathBuf,
    pub dir: PathBuf,
}

/// Den Haag, woonstad and energie, as `vangnet org add` arguments.
pub const ORGS: [&[&str]; 3] = [
    &[
        "org",
        "add",
        "--code",
        "den-haag",
        "--name",
        "Den Haag",
        "--kind",
        "gemeente",
        "--gemeentecode",
        "0518",
        "--postcodes",
        "2490-2599",
    ],
    &[
        "org",
        "add",
        "--code",
        "woonstad",
        "--name",
        "Woonstad",
        "--kind",
        "verhuurder",
    ],
    &[
        "org",
        "add",
        "--code",
        "energie",
        "--name",
        "Energie",
        "--kind",
        "signaalpartner",
    ],
];

pub fn cli_world() -> CliWorld {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("vangnet.db");
    for args in ORGS {
        let (ok, _, err) = vangnet(args, &db, None);
        assert!(ok, "{err}");
    }
    let path = dir.path().to_path_buf();
    CliWorld {
        _dir: dir,
        db,
        dir: path,
    }
}

impl CliWorld {
    /// A CSV file of `header` and `rows`, with Windows line endings as
    /// exports have them; returns its path.
    pub fn csv_file(&self, name: &str, header: &str, rows: &[&str]) -> String {
        let path = self.dir.join(name);
        let mut text = format!("{header}\r\n");
        for row in rows {
            text.push_str(row);
            text.push_str("\r\n");
        }
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    }
}
