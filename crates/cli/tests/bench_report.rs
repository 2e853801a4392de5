//! `vangnet bench --report FILE --quick`: every benchmark in one run, at
//! small sizes, written as Markdown and JSON that agree. The figures
//! themselves are not judged here (speed belongs in the report, not in a
//! test); only that each benchmark ran, measured its baseline, and that
//! the report says what it measured on.

mod support;

use std::process::Command;
use support::webdriver::require_all;

fn wrk_installed() -> bool {
    Command::new("wrk").arg("--version").output().is_ok()
}

#[test]
fn a_quick_report_holds_every_benchmark_with_its_baseline() {
    if !wrk_installed() {
        assert!(
            !require_all(),
            "wrk is missing (Debian: apt-get install wrk)"
        );
        eprintln!("skipped: wrk is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let markdown = dir.path().join("rapport.md");
    let output = Command::new(env!("CARGO_BIN_EXE_vangnet"))
        .args(["bench", "--quick", "--report"])
        .arg(&markdown)
        .env("RUST_LOG", "warn")
        .output()
        .expect("run vangnet bench --report");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");

    let json = std::fs::read_to_string(dir.path().join("rapport.json")).unwrap();
    let figures: serde_json::Value = serde_json::from_str(&json).unwrap();
    let positive = |value: &serde_json::Value, what: &str| {
        let n = value
            .as_f64()
            .unwrap_or_else(|| panic!("{what} missing: {figures}"));
        assert!(n > 0.0, "{what} is {n}");
    };
    let import = &figures["import_signals"];
    positive(&import["pipeline_rows_per_second"], "import rate");
    positive(&import["baseline_rows_per_second"], "insert-loop rate");
    positive(
        &figures["queue"]["results"][0]["baseline_case_lookup_p99_ms"],
        "case lookup",
    );
    positive(&figures["search"]["vangnet"]["p99_ms"], "search p99");
    positive(&figures["search"]["sqlite_fts5"]["p99_ms"], "FTS5 p99");
    positive(
        &figures["stats"]["results"][0]["dashboard"]["p95_ms"],
        "dashboard p95",
    );
    let http = &figures["http"];
    positive(&http["healthz"]["requests_per_second"], "/healthz rate");
    let pages = http["pages"].as_object().expect("HTTP pages");
    assert_eq!(pages.len(), 4, "{pages:?}");
    for (name, page) in pages {
        positive(&page["requests_per_second"], name);
        positive(&page["p99_ms"], name);
        positive(&page["ratio_rate_to_healthz"], name);
        assert_eq!(page["bad_status"], 0, "{name} answered errors: {page}");
    }
    let machine = &figures["machine"];
    positive(&machine["cores"], "cores");
    assert!(machine["sqlite"]
        .as_str()
        .is_some_and(|v| v.starts_with('3')));

    let text = std::fs::read_to_string(&markdown).unwrap();
    for heading in [
        "## Kerncijfers",
        "## Machine",
        "## Signalen importeren",
        "## Werkvoorraad",
        "## Kennisbank zoeken",
        "## Dashboard",
        "## HTTP onder wrk",
    ] {
        assert!(text.contains(heading), "{heading} missing:\n{text}");
    }
    // The Markdown is written from the JSON: the same import rate.
    let rate = import["pipeline_rows_per_second"].as_f64().unwrap();
    assert!(text.contains(&format!("{rate:.0} signalen/s")), "{text}");
    assert!(!text.contains("NaN"), "{text}");
}
