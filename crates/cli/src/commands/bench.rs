//! `vangnet bench import-signals`: the intake's end-to-end rate against a
//! plain prepared-insert loop of the same rows into the same table, in one
//! run on one machine, so the ratio means something where absolute times
//! drift.

use super::CliResult;
use crate::commands::cli_event;
use std::fs::File;
use std::future::Future;
use std::io::BufReader;
use std::sync::Arc;
use std::time::{Duration, Instant};
use vangnet_domain::org::NewOrg;
use vangnet_domain::routing::Route;
use vangnet_domain::signal::{validate, PartnerType, RawSignal, Validated};
use vangnet_intake::generate::{write_signals, LAST_SIGNAL_DATE};
use vangnet_signals::{import_csv, to_new_signal, Profile, RunOptions};
use vangnet_store::{Org, SqliteStore, Store};

async fn fresh_db(path: &std::path::Path) -> CliResult<(SqliteStore, Org)> {
    let store = SqliteStore::open(&path.to_string_lossy())
        .await
        .map_err(|e| e.to_string())?;
    store.migrate().await.map_err(|e| e.to_string())?;
    let orgs = [
        ("den-haag", "gemeente", Some("0518"), Some("2490-2599")),
        ("rijswijk", "gemeente", Some("0603"), Some("2280-2289")),
        ("woonstad", "verhuurder", None, None),
    ];
    let mut partner = None;
    for (code, kind, gc, pcs) in orgs {
        let new = NewOrg::parse(code, code, kind, gc, pcs).map_err(|e| e.to_string())?;
        let org = store
            .create_org(&new, cli_event("org.create", "organisation"))
            .await
            .map_err(|e| e.to_string())?;
        partner = Some(org);
    }
    Ok((store, partner.expect("three organisations")))
}

/// The process's peak resident memory so far, from /proc (Linux).
fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Times only the inserts: rows are parsed and converted outside the clock.
async fn baseline(csv: &std::path::Path, db: &std::path::Path) -> CliResult<(u64, Duration)> {
    let (store, partner) = fresh_db(db).await?;
    let file = File::open(csv).map_err(|e| e.to_string())?;
    let mut reader = vangnet_intake::SignalReader::new(BufReader::new(file), &Profile::default())
        .map_err(|e| e.to_string())?;
    let (y, m, d) = LAST_SIGNAL_DATE;
    let today = chrono::NaiveDate::from_ymd_opt(y, m, d).expect("date");
    let mut raw = RawSignal::new(0);
    let mut chunk = Vec::with_capacity(10_000);
    let mut inserted = 0;
    let mut spent = Duration::ZERO;
    loop {
        let more = reader.next_into(&mut raw);
        if let Some(Ok(())) = &more {
            if let Validated::Accepted(input) = validate(&raw, PartnerType::Huur, today) {
                chunk.push(to_new_signal(&input, Route::Unroutable));
            }
        }
        if chunk.len() == 10_000 || (more.is_none() && !chunk.is_empty()) {
            let started = Instant::now();
            store
                .insert_signals_plain(partner.id, &chunk)
                .await
                .map_err(|e| e.to_string())?;
            spent += started.elapsed();
            inserted += chunk.len() as u64;
            chunk.clear();
        }
        if more.is_none() {
            return Ok((inserted, spent));
        }
    }
}

pub async fn import_signals(
    rows: u64,
    keep: Option<std::path::PathBuf>,
) -> CliResult<serde_json::Value> {
    let temporary = tempfile::tempdir().map_err(|e| e.to_string())?;
    let dir = match &keep {
        Some(path) => {
            std::fs::create_dir_all(path)
                .map_err(|e| format!("kan map '{}' niet maken: {e}", path.display()))?;
            path.clone()
        }
        None => temporary.path().to_path_buf(),
    };
    for name in ["pipeline.db", "baseline.db"] {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(dir.join(format!("{name}{suffix}")));
        }
    }
    let csv = dir.join("signalen.csv");
    eprintln!("{rows} signalen genereren…");
    write_signals(File::create(&csv).map_err(|e| e.to_string())?, rows, 42)
        .map_err(|e| e.to_string())?;
    let file_mb = std::fs::metadata(&csv).map(|m| m.len()).unwrap_or(0) as f64 / 1_048_576.0;

    eprintln!("importeren via de volledige pijplijn…");
    let (store, partner) = fresh_db(&dir.join("pipeline.db")).await?;
    let started = Instant::now();
    let file = BufReader::with_capacity(256 * 1024, File::open(&csv).map_err(|e| e.to_string())?);
    let report = import_csv(
        &store,
        partner,
        file,
        &Profile::default(),
        RunOptions::default(),
        |_| {},
    )
    .await
    .map_err(|e| e.to_string())?;
    let pipeline = started.elapsed();
    let peak_mb = peak_memory_mb();

    eprintln!("basislijn: gewone prepared INSERT-lus…");
    let (inserted, insert_time) = baseline(&csv, &dir.join("baseline.db")).await?;

    let pipeline_rate = rows as f64 / pipeline.as_secs_f64();
    let baseline_rate = inserted as f64 / insert_time.as_secs_f64();
    let figures = serde_json::json!({
        "rows": rows,
        "file_mb": (file_mb * 10.0).round() / 10.0,
        "pipeline_seconds": pipeline.as_secs_f64(),
        "pipeline_rows_per_second": pipeline_rate.round(),
        "baseline_rows": inserted,
        "baseline_seconds": insert_time.as_secs_f64(),
        "baseline_rows_per_second": baseline_rate.round(),
        "ratio_to_baseline": (pipeline_rate / baseline_rate * 1000.0).round() / 1000.0,
        "peak_memory_mb_after_pipeline": peak_mb,
        "accepted": report.counts.accepted,
        "rejected": report.counts.rejected,
        "objected": report.counts.objected,
        "cases_created": report.counts.cases_created,
        "cases_joined": report.counts.cases_joined,
        "unroutable": report.counts.unroutable,
    });
    println!("Import van {rows} signalen ({file_mb:.1} MB) in SQLite:");
    println!(
        "  volledige pijplijn: {:.1} s, {:.0} signalen/s",
        pipeline.as_secs_f64(),
        pipeline_rate
    );
    println!(
        "  basislijn (alleen INSERT, {inserted} rijen): {:.1} s, {:.0} rijen/s",
        insert_time.as_secs_f64(),
        baseline_rate
    );
    println!(
        "  verhouding pijplijn/basislijn: {:.2}",
        pipeline_rate / baseline_rate
    );
    if let Some(mb) = peak_mb {
        println!("  piekgeheugen na de pijplijn: {mb:.0} MB");
    }
    Ok(figures)
}

/// The value at `p` (0..1) of sorted durations, in milliseconds.
pub(super) fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

/// `runs` timings of `call` after five warm-up calls, sorted.
pub(super) async fn sample<F, Fut>(runs: usize, mut call: F) -> CliResult<Vec<Duration>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<(), String>>,
{
    for _ in 0..5 {
        call().await?;
    }
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        call().await?;
        times.push(started.elapsed());
    }
    times.sort();
    Ok(times)
}

/// Runs `measure` on a new database in the cluster behind `admin_url`,
/// dropped afterwards unless `keep`.
pub(super) async fn on_postgres<F, Fut>(
    admin_url: &str,
    keep: bool,
    measure: F,
) -> CliResult<serde_json::Value>
where
    F: FnOnce(Arc<dyn Store>) -> Fut,
    Fut: Future<Output = CliResult<serde_json::Value>>,
{
    use vangnet_store::bench_fixture::{create_database, drop_database};
    let name = format!("vangnet_bench_{}", std::process::id());
    let store = Arc::new(
        create_database(admin_url, &name)
            .await
            .map_err(|e| e.to_string())?,
    );
    let shared: Arc<dyn Store> = store.clone();
    let figures = measure(shared).await;
    if keep {
        eprintln!("PostgreSQL-database {name} blijft bestaan");
        return figures;
    }
    if let Ok(store) = Arc::try_unwrap(store) {
        let _ = drop_database(admin_url, store, &name).await;
    }
    figures
}
