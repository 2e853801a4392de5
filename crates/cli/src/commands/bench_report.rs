//! `vangnet bench`: one benchmark by name, or with `--report FILE` all of
//! them in one run, written as Markdown (`bench_report_text.rs`) and JSON. Each
//! benchmark measures its own baseline in the same run, so the report's
//! ratios hold where absolute times drift.

use super::bench_report_text as text;
use super::{bench, bench_http, bench_queue, bench_search, bench_stats, CliResult};
use crate::cli::{BenchArgs, BenchCommand, ReportArgs};
use serde_json::{json, Value};
use std::path::Path;
use std::time::Instant;

/// The sizes of one report run.
struct Sizes {
    signals: u64,
    cases: u64,
    documents: usize,
    stats_signals: u64,
    tenancies: u64,
    http_seconds: u32,
}

const FULL: Sizes = Sizes {
    signals: 1_000_000,
    cases: 100_000,
    documents: 10_000,
    stats_signals: 1_000_000,
    tenancies: 100_000,
    http_seconds: 10,
};

const QUICK: Sizes = Sizes {
    signals: 20_000,
    cases: 2_000,
    documents: 2_000,
    stats_signals: 4_000,
    tenancies: 400,
    http_seconds: 2,
};

pub async fn run(args: BenchArgs) -> CliResult {
    match args.command {
        Some(command) => one(command).await,
        None => report(args.report).await,
    }
}

async fn one(command: BenchCommand) -> CliResult {
    let (figures, json) = match command {
        BenchCommand::ImportSignals { rows, json, keep } => {
            (bench::import_signals(rows, keep).await?, json)
        }
        BenchCommand::Queue {
            cases,
            postgres_url,
            json,
            keep,
        } => (bench_queue::queue(cases, postgres_url, keep).await?, json),
        BenchCommand::Stats {
            signals,
            tenancies,
            postgres_url,
            json,
            keep,
            only_postgres,
        } => {
            let bench = bench_stats::StatsBench {
                signals,
                tenancies,
                postgres_url,
                keep,
                only_postgres,
            };
            (bench_stats::stats(bench).await?, json)
        }
        BenchCommand::Search { documents, json } => (bench_search::search(documents)?, json),
        BenchCommand::Http { seconds, json } => (bench_http::http(seconds)?, json),
    };
    if json {
        println!("{figures}");
    }
    Ok(())
}

/// The first line of `/proc/...` or a file like it that starts with `key`.
fn field(path: &str, key: &str) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let line = text.lines().find(|l| l.starts_with(key))?;
    let value = line.split_once(['=', ':'])?.1.trim().trim_matches('"');
    Some(value.to_string())
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// What the figures were measured on, and how busy it was.
fn machine() -> Value {
    let memory_kb: f64 = field("/proc/meminfo", "MemTotal")
        .and_then(|v| v.trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_default();
    json!({
        "cpu": field("/proc/cpuinfo", "model name"),
        "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        "memory_gib": (memory_kb / 1_048_576.0 * 10.0).round() / 10.0,
        "os": field("/etc/os-release", "PRETTY_NAME"),
        "kernel": std::fs::read_to_string("/proc/sys/kernel/osrelease").ok().map(|k| k.trim().to_string()),
        "sqlite": rusqlite::version(),
        "vangnet": env!("CARGO_PKG_VERSION"),
        "load_average_before": load_average(),
    })
}

/// The JSON file beside the Markdown one.
fn json_path(markdown: &Path) -> std::path::PathBuf {
    markdown.with_extension("json")
}

async fn report(args: ReportArgs) -> CliResult {
    let Some(path) = args.report else {
        return Err("kies een benchmark (zie --help) of --report FILE".into());
    };
    let sizes = if args.quick { QUICK } else { FULL };
    let started = Instant::now();
    let at = chrono::Utc::now();
    let mut machine = machine();
    // Import first: its peak memory is read from the whole process.
    let import = bench::import_signals(sizes.signals, None).await?;
    let queue = bench_queue::queue(sizes.cases, args.postgres_url.clone(), None).await?;
    let search = bench_search::search(sizes.documents)?;
    let stats = bench_stats::stats(bench_stats::StatsBench {
        signals: sizes.stats_signals,
        tenancies: sizes.tenancies,
        postgres_url: args.postgres_url.clone(),
        keep: None,
        only_postgres: false,
    })
    .await?;
    let http = bench_http::http(sizes.http_seconds)?;
    machine["load_average_after"] = load_average().into();
    let figures = json!({
        "generated_at": at.to_rfc3339(),
        "quick": args.quick,
        "postgres": args.postgres_url.is_some(),
        "seconds": started.elapsed().as_secs(),
        "machine": machine,
        "import_signals": import,
        "queue": queue,
        "search": search,
        "stats": stats,
        "http": http,
    });
    let written = |e: std::io::Error| format!("kan '{}' niet schrijven: {e}", path.display());
    let json_file = json_path(&path);
    let pretty = serde_json::to_string_pretty(&figures).map_err(|e| e.to_string())?;
    std::fs::write(&json_file, pretty + "\n").map_err(written)?;
    std::fs::write(&path, text::markdown(&figures)).map_err(written)?;
    println!(
        "Rapport geschreven: {} en {} ({} s)",
        path.display(),
        json_file.display(),
        started.elapsed().as_secs()
    );
    Ok(())
}
