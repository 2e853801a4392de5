//! Shared by the domain's DDAS schema tests and the command line's export
//! tests (included with `#[path]`), so both judge by the same rules and
//! cover the same cases:
//! - the real JSON Schema validator: Python's `jsonschema` (Draft 2020-12,
//!   with format checking) against the official v0.9 schema;
//! - `journeys`: every way a case can stand at the end of a period.
//!
//! Without python3 and jsonschema the callers skip with a note, unless
//! VANGNET_TEST_REQUIRE_ALL=1, in which case they fail.
#![allow(dead_code)]

use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use vangnet_domain::casework::state::Command;
use vangnet_domain::ddas::{DeclineReason, EndResult};

const VALIDATE: &str = r#"
import json, sys
from jsonschema import Draft202012Validator
with open(sys.argv[1], encoding="utf-8") as f:
    schema = json.load(f)
with open(sys.argv[2], encoding="utf-8") as f:
    instance = json.load(f)
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
errors = sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
for error in errors:
    print("/".join(map(str, error.absolute_path)) or "(root)", ":", error.message)
sys.exit(1 if errors else 0)
"#;

pub fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/ddas-vroegsignalering-v0.9")
}

/// Whether the validator can run; `false` means skip (after a note).
pub fn validator_available() -> bool {
    let probe = Process::new("python3")
        .args(["-c", "import jsonschema"])
        .output();
    let missing = match probe {
        Ok(output) if output.status.success() => return true,
        Ok(output) => String::from_utf8_lossy(&output.stderr).into_owned(),
        Err(error) => format!("python3 is niet te starten: {error}"),
    };
    let message = format!(
        "de DDAS-schematest heeft python3 met het pakket jsonschema nodig \
         (pip install jsonschema): {missing}"
    );
    if std::env::var("VANGNET_TEST_REQUIRE_ALL").as_deref() == Ok("1") {
        panic!("{message}");
    }
    eprintln!("overgeslagen: {message}");
    false
}

/// The validator's verdict on one file: Ok, or its error lines.
pub fn validate(instance: &Path) -> Result<(), String> {
    let schema = spec_dir().join("json_schema_Uitwisselmodel.json");
    assert!(
        schema.is_file(),
        "het schema ontbreekt: {}",
        schema.display()
    );
    let output = Process::new("python3")
        .arg("-c")
        .arg(VALIDATE)
        .arg(&schema)
        .arg(instance)
        .output()
        .expect("python3 start niet");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    match output.status.code() {
        Some(0) => Ok(()),
        Some(1) if !report.contains("Traceback") => Err(report),
        _ => panic!("de validator zelf faalde ({:?}):\n{report}", output.status),
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Each way a case can be at the end of the month, reached through the
/// state machine as a worker would.
pub fn journeys() -> Vec<Vec<Command>> {
    let pick_up = Command::PickUp {
        on: date(2025, 1, 8),
    };
    let close = |result| Command::Close {
        result,
        on: date(2025, 1, 28),
    };
    let mut journeys = vec![
        vec![],
        vec![Command::Assign { worker: Some(3) }, pick_up.clone()],
        vec![
            pick_up.clone(),
            Command::HandOff {
                to_org: 9,
                on: date(2025, 1, 9),
            },
        ],
        vec![
            pick_up.clone(),
            close(EndResult::NoHelpWanted),
            Command::Reopen {
                reason: "nieuw signaal van de verhuurder".into(),
            },
        ],
    ];
    for reason in DeclineReason::ALL {
        journeys.push(vec![Command::Decline { reason }]);
    }
    let closable = EndResult::ALL
        .into_iter()
        .filter(|r| !r.means_not_picked_up());
    for result in closable {
        journeys.push(vec![pick_up.clone(), close(result)]);
    }
    journeys
}
