//! `vangnet bench stats` at a small size: it fills SQLite, times the
//! gemeente's year dashboard and reports the percentiles.

use std::process::Command;

#[test]
fn a_small_stats_benchmark_reports_its_percentiles() {
    let output = Command::new(env!("CARGO_BIN_EXE_vangnet"))
        .args([
            "bench",
            "stats",
            "--signals",
            "2000",
            "--tenancies",
            "200",
            "--json",
        ])
        .env("RUST_LOG", "warn")
        .output()
        .expect("run vangnet bench stats");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("p95"), "{stdout}");
    let json = stdout.lines().last().expect("the JSON line");
    let figures: serde_json::Value = serde_json::from_str(json).expect("JSON");
    let sqlite = &figures["results"][0];
    assert_eq!(sqlite["backend"], "sqlite");
    assert!(sqlite["dashboard"]["p95_ms"].as_f64().unwrap() > 0.0);
    assert!(sqlite["baseline_org_by_id"]["p95_ms"].as_f64().unwrap() > 0.0);
    let rows = &sqlite["rows"];
    assert_eq!(rows["tenancies"], 200);
    assert!(rows["signals"].as_i64().unwrap() > 1900, "{rows}");
    assert!(
        rows["gemeente_signals_in_year"].as_i64().unwrap() > 0,
        "{rows}"
    );
    assert!(rows["eviction_notices"].as_i64().unwrap() > 0, "{rows}");
    // Nothing personal leaves the benchmark: counts and timings only.
    assert!(!stdout.contains("Huurder"), "{stdout}");
}
