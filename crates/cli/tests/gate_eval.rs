//! `vangnet gate eval`: the README's two examples through the real binary,
//! the same decision as the pure function, and refusals that name the
//! field. No database is involved.

use std::path::{Path, PathBuf};
use std::process::Command;
use vangnet_domain::tenancy::{GateRequest, Policy};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/gate")
        .join(name)
}

/// Runs `vangnet gate eval` in an empty directory, so any database file
/// it created would show.
fn gate_eval(file: &Path, json: bool) -> (bool, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_vangnet"));
    command
        .args(["gate", "eval"])
        .arg(file)
        .current_dir(dir.path())
        .env_remove("VANGNET_DATABASE_URL")
        .env("RUST_LOG", "warn");
    if json {
        command.arg("--json");
    }
    let output = command.output().expect("run vangnet");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "gate eval touched the disk: {left:?}");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn unmet(decision: &serde_json::Value) -> Vec<&str> {
    decision["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["met"] == false)
        .map(|r| r["rule"].as_str().unwrap())
        .collect()
}

#[test]
fn a_blocked_summons_lists_every_rule_and_exits_0() {
    let (ok, out, err) = gate_eval(&example("dagvaarding-geblokkeerd.json"), true);
    assert!(ok, "{err}");
    assert_eq!(out.lines().count(), 1, "exactly one JSON object: {out}");
    let decision: serde_json::Value = serde_json::from_str(&out).unwrap();
    let keys: Vec<&String> = decision.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["allowed", "policy_version", "reasons"]);
    assert_eq!(decision["allowed"], false);
    assert_eq!(decision["policy_version"], "vangnet-standaard-1");
    assert_eq!(decision["reasons"].as_array().unwrap().len(), 11);
    assert_eq!(unmet(&decision), ["signal_waiting_period", "home_visit"]);
    for reason in decision["reasons"].as_array().unwrap() {
        let keys: Vec<&String> = reason.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["message", "met", "rule"]);
    }
    assert!(
        out.starts_with(
            r#"{"allowed":false,"reasons":[{"rule":"reminder_sent","met":true,"message":"#
        ),
        "{out}"
    );
}

#[test]
fn the_allowed_summons_under_its_own_policy() {
    let (ok, out, err) = gate_eval(&example("dagvaarding-toegestaan.json"), true);
    assert!(ok, "{err}");
    let decision: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(decision["allowed"], true);
    assert_eq!(decision["policy_version"], "voorbeeld-zomermoratorium-2026");
    assert!(unmet(&decision).is_empty());
}

#[test]
fn the_cli_decides_as_the_pure_function() {
    for name in [
        "dagvaarding-geblokkeerd.json",
        "dagvaarding-toegestaan.json",
    ] {
        let text = std::fs::read_to_string(example(name)).unwrap();
        let request = GateRequest::from_json_str(&text, &Policy::default()).unwrap();
        let expected = serde_json::to_value(request.evaluate().unwrap()).unwrap();
        let (ok, out, _) = gate_eval(&example(name), true);
        assert!(ok);
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&out).unwrap(),
            expected,
            "{name}"
        );
    }
}

#[test]
fn without_json_a_readable_dutch_summary() {
    let (ok, out, err) = gate_eval(&example("dagvaarding-geblokkeerd.json"), false);
    assert!(ok, "{err}");
    assert!(
        out.starts_with(
            "Poort voor de stap dagvaarding op 15-06-2026 (huurachterstand, gemeente 0518)\n"
        ),
        "{out}"
    );
    assert!(out.contains("Beleid: vangnet-standaard-1\n"), "{out}");
    assert!(
        out.contains("  ✓ Herinnering verstuurd op 02-02-2026. (reminder_sent)\n"),
        "{out}"
    );
    assert!(
        out.contains("  ✗ Er is nog geen huisbezoek gedaan"),
        "{out}"
    );
    assert!(
        out.contains("Besluit: niet toegestaan: 2 van de 11 regels niet voldaan."),
        "{out}"
    );
    let (ok, out, _) = gate_eval(&example("dagvaarding-toegestaan.json"), false);
    assert!(ok);
    assert!(
        out.contains("Besluit: toegestaan: alle 11 regels voldaan."),
        "{out}"
    );
}

#[test]
fn invalid_input_exits_non_zero_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let valid = std::fs::read_to_string(example("dagvaarding-geblokkeerd.json")).unwrap();
    let table = [
        (
            "bad JSON",
            "{\"today\": \"2026-06-15\",".to_string(),
            "invoer: is geen geldige JSON",
        ),
        (
            "unknown kind",
            valid.replace("\"gewezen_op_schuldhulp\"", "\"doorverwezen\""),
            "events[3].kind: 'doorverwezen' is geen soort gebeurtenis",
        ),
        (
            "event after today",
            valid.replace("\"2026-05-04\"", "\"2026-06-16\""),
            "events[7].date: 16-06-2026 ligt na vandaag (15-06-2026)",
        ),
        (
            "bad date",
            valid.replace("\"2026-02-02\"", "\"2026-02-31\""),
            "events[0].date: '2026-02-31' is geen bestaande datum in de vorm JJJJ-MM-DD",
        ),
        (
            "unknown step",
            valid.replace("\"step\": \"dagvaarding\"", "\"step\": \"ontruimen\""),
            "step: 'ontruimen' is geen stap waar de poort voor geldt",
        ),
    ];
    for (why, document, expected) in table {
        let file = dir.path().join("scenario.json");
        std::fs::write(&file, document).unwrap();
        for json in [false, true] {
            let (ok, out, err) = gate_eval(&file, json);
            assert!(!ok, "{why}: accepted");
            assert!(out.is_empty(), "{why}: {out}");
            assert!(err.contains("vangnet: ongeldige invoer in"), "{why}: {err}");
            assert!(err.contains(expected), "{why}: {err}");
        }
    }
    let (ok, _, err) = gate_eval(&dir.path().join("missing.json"), true);
    assert!(!ok);
    assert!(
        err.contains("kan ") && err.contains("missing.json niet lezen"),
        "{err}"
    );
}
