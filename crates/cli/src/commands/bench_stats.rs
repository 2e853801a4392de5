//! `vangnet bench stats`: eight gemeenten with a million signals over two
//! years (the largest about a quarter), their cases worked, and a hundred
//! thousand tenancies with rent and track events; then the largest
//! gemeente's dashboard for the last full year, end to end (the facts
//! from the store, the figures, the sections' HTML with their charts, as
//! the page renders them), p50/p95/p99, on SQLite and (with
//! `--postgres-url`) PostgreSQL. The baseline in the
//! same run is a lookup of one organisation by id, so the ratio says what
//! a dashboard costs beyond a database round trip. Each statistics read is
//! timed on its own too, so a slow dashboard names its slow query.

use super::bench::{on_postgres, percentile, sample};
use super::CliResult;
use crate::commands::cli_event;
use chrono::{Datelike, NaiveDate};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use vangnet_domain::org::NewOrg;
use vangnet_domain::stats::Period;
use vangnet_intake::generate::write_signals_over;
use vangnet_signals::{import_csv, Profile, RunOptions};
use vangnet_store::bench_fixture::{self, FixtureGemeente};
use vangnet_store::stats::{DateRange, StatsScope};
use vangnet_store::{Org, SqliteStore, Store};

const RUNS: usize = 50;

/// The gemeenten: (code, CBS code, PC4 range). The generator puts 85% of
/// households in 2490-2599 and 12% in 2280-2289, so the first one gets
/// about 25% of the signals, the next six about 10% each, the last 12%.
const GEMEENTEN: [(&str, &str, (u16, u16)); 8] = [
    ("grootstad", "0901", (2490, 2521)),
    ("tweestad", "0902", (2522, 2534)),
    ("driestad", "0903", (2535, 2547)),
    ("vierstad", "0904", (2548, 2560)),
    ("vijfstad", "0905", (2561, 2573)),
    ("zesstad", "0906", (2574, 2586)),
    ("zevenstad", "0907", (2587, 2599)),
    ("achtstad", "0908", (2280, 2289)),
];

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

async fn create(
    store: &dyn Store,
    code: &str,
    kind: &str,
    area: Option<(&str, String)>,
) -> CliResult<Org> {
    let (gemeentecode, postcodes) = match &area {
        Some((gc, pcs)) => (Some(*gc), Some(pcs.as_str())),
        None => (None, None),
    };
    let new = NewOrg::parse(code, code, kind, gemeentecode, postcodes).map_err(err)?;
    store
        .create_org(&new, cli_event("org.create", "organisation"))
        .await
        .map_err(err)
}

/// What filling took and what it made.
struct Filled {
    gemeente: Org,
    pipeline: Duration,
    fixture: Duration,
}

async fn fill(
    store: &dyn Store,
    csv: &Path,
    tenancies: u64,
    today: NaiveDate,
) -> CliResult<Filled> {
    store.migrate().await.map_err(err)?;
    let mut gemeenten = Vec::new();
    let mut largest = None;
    for (code, cbs, (from, to)) in GEMEENTEN {
        let org = create(store, code, "gemeente", Some((cbs, format!("{from}-{to}")))).await?;
        gemeenten.push(FixtureGemeente {
            id: org.id,
            code: cbs.to_string(),
            pc4: (from, to),
        });
        largest.get_or_insert(org);
    }
    let corporation = create(store, "corporatie", "verhuurder", None).await?;
    let helper = create(store, "schuldhulp", "hulpverlening", None).await?;
    let started = Instant::now();
    let file = std::fs::File::open(csv).map_err(err)?;
    let reader = std::io::BufReader::with_capacity(256 * 1024, file);
    import_csv(
        store,
        corporation.clone(),
        reader,
        &Profile::default(),
        RunOptions::default(),
        |_| {},
    )
    .await
    .map_err(err)?;
    let pipeline = started.elapsed();
    let started = Instant::now();
    bench_fixture::spread_case_progress(store, helper.id, today)
        .await
        .map_err(err)?;
    bench_fixture::bulk_tenancies(store, corporation.id, tenancies as i64, &gemeenten, today)
        .await
        .map_err(err)?;
    bench_fixture::analyze(store).await.map_err(err)?;
    Ok(Filled {
        gemeente: largest.expect("eight gemeenten"),
        pipeline,
        fixture: started.elapsed(),
    })
}

/// p50, p95 and p99 in milliseconds.
fn spread(times: &[Duration]) -> serde_json::Value {
    serde_json::json!({
        "p50_ms": percentile(times, 0.5),
        "p95_ms": percentile(times, 0.95),
        "p99_ms": percentile(times, 0.99),
    })
}

fn ms(figures: &serde_json::Value, key: &str) -> f64 {
    figures[key].as_f64().unwrap_or_default()
}

/// Each read of the gemeente dashboard on its own, to name a slow one.
async fn per_read(
    store: &Arc<dyn Store>,
    scope: StatsScope,
    range: DateRange,
) -> CliResult<serde_json::Value> {
    let mut reads = serde_json::Map::new();
    macro_rules! read {
        ($name:literal, $call:ident) => {
            let times = sample(RUNS, || async {
                store.$call(scope, range).await.map(drop).map_err(err)
            })
            .await?;
            reads.insert($name.into(), spread(&times));
        };
    }
    read!("signal_counts", signal_counts);
    read!("case_groups", case_groups);
    read!("case_dates", case_dates);
    read!("notice_counts", notice_counts);
    let times = sample(RUNS, || async {
        let kinds = &vangnet_domain::stats::gemeente::EVENT_KINDS;
        store
            .event_counts(scope, range, kinds)
            .await
            .map(drop)
            .map_err(err)
    })
    .await?;
    reads.insert("event_counts".into(), spread(&times));
    Ok(serde_json::Value::Object(reads))
}

async fn measure(
    store: &Arc<dyn Store>,
    csv: &Path,
    tenancies: u64,
    today: NaiveDate,
) -> CliResult<serde_json::Value> {
    let backend = store.backend();
    eprintln!("{backend}: vullen…");
    let filled = fill(&**store, csv, tenancies, today).await?;
    let gemeente = filled.gemeente;
    let year = today.year() - 1;
    let period = Period::Year(year);
    let (from, to) = period.days();
    let range = DateRange { from, to };
    let label = year.to_string();
    let counts = bench_fixture::row_counts(&**store, gemeente.id, from, to)
        .await
        .map_err(err)?;
    eprintln!("{backend}: meten…");
    let baseline = sample(RUNS, || async {
        store.org_by_id(gemeente.id).await.map(drop).map_err(err)
    })
    .await?;
    let dashboard = sample(RUNS, || async {
        let dashboard =
            vangnet_web::stats::load::gemeente(&**store, &gemeente, period, &label, today)
                .await
                .map_err(err)?;
        let html = vangnet_web::stats::render::sections_html(&dashboard).map_err(err)?;
        std::hint::black_box(html);
        Ok(())
    })
    .await?;
    let mut reads = per_read(store, StatsScope::Gemeente(gemeente.id), range).await?;
    // The figures and the HTML alone, from facts already read.
    let loaded = vangnet_web::stats::load::gemeente(&**store, &gemeente, period, &label, today)
        .await
        .map_err(err)?;
    let render = sample(RUNS, || async {
        let html = vangnet_web::stats::render::sections_html(&loaded).map_err(err)?;
        std::hint::black_box(html);
        Ok(())
    })
    .await?;
    reads["render_html"] = spread(&render);
    let (dashboard, baseline) = (spread(&dashboard), spread(&baseline));
    let ratio = ms(&dashboard, "p95_ms") / ms(&baseline, "p95_ms").max(1e-6);
    println!(
        "  {backend:<8} dashboard {year}: p50 {:.1} ms  p95 {:.1} ms  p99 {:.1} ms  ({ratio:.0}× één organisatie opvragen)",
        ms(&dashboard, "p50_ms"),
        ms(&dashboard, "p95_ms"),
        ms(&dashboard, "p99_ms"),
    );
    println!(
        "  {backend:<8} basislijn: één organisatie op id p50 {:.3} ms  p95 {:.3} ms  p99 {:.3} ms",
        ms(&baseline, "p50_ms"),
        ms(&baseline, "p95_ms"),
        ms(&baseline, "p99_ms"),
    );
    for (name, figures) in reads.as_object().into_iter().flatten() {
        println!(
            "  {backend:<8}   {name:<14} p50 {:>7.2} ms  p95 {:>7.2} ms",
            ms(figures, "p50_ms"),
            ms(figures, "p95_ms"),
        );
    }
    println!(
        "  {backend:<8} vullen: pijplijn {:.1} s, zaakvoortgang en huurovereenkomsten {:.1} s",
        filled.pipeline.as_secs_f64(),
        filled.fixture.as_secs_f64()
    );
    let rows: Vec<String> = counts
        .iter()
        .map(|(name, n)| format!("{name} {n}"))
        .collect();
    println!("  {backend:<8} rijen: {}", rows.join(", "));
    Ok(serde_json::json!({
        "backend": backend,
        "year": year,
        "dashboard": dashboard,
        "rendered": true,
        "baseline_org_by_id": baseline,
        "ratio_p95_to_baseline": ratio,
        "reads": reads,
        "fill_pipeline_seconds": filled.pipeline.as_secs_f64(),
        "fill_fixture_seconds": filled.fixture.as_secs_f64(),
        "rows": counts.into_iter().map(|(k, n)| (k, n.into())).collect::<serde_json::Map<_, _>>(),
    }))
}

/// What to run: sizes, backends, output.
pub struct StatsBench {
    pub signals: u64,
    pub tenancies: u64,
    pub postgres_url: Option<String>,
    /// Keep the CSV and the SQLite file here, and the PostgreSQL database,
    /// for EXPLAIN afterwards.
    pub keep: Option<PathBuf>,
    /// Measure PostgreSQL only.
    pub only_postgres: bool,
}

pub async fn stats(bench: StatsBench) -> CliResult<serde_json::Value> {
    let StatsBench {
        signals,
        tenancies,
        postgres_url,
        keep,
        only_postgres,
    } = bench;
    let temporary = tempfile::tempdir().map_err(err)?;
    let dir = match &keep {
        Some(path) => {
            std::fs::create_dir_all(path).map_err(err)?;
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(path.join(format!("stats.db{suffix}")));
            }
            path.as_path()
        }
        None => temporary.path(),
    };
    let today = vangnet_domain::calendar::amsterdam_date(chrono::Utc::now());
    let csv = dir.join("stats-signals.csv");
    eprintln!("{signals} signalen over twee jaar genereren…");
    let file = std::fs::File::create(&csv).map_err(err)?;
    write_signals_over(file, signals, 11, today, 730).map_err(err)?;
    let sqlite = SqliteStore::open(&dir.join("stats.db").to_string_lossy())
        .await
        .map_err(err)?;
    let sqlite: Arc<dyn Store> = Arc::new(sqlite);
    println!(
        "Dashboard van de grootste gemeente, vorig jaar, {RUNS} metingen (laden, cijfers en \
         HTML met grafieken), {signals} signalen, {tenancies} huurovereenkomsten:"
    );
    let mut results = Vec::new();
    if !only_postgres {
        results.push(measure(&sqlite, &csv, tenancies, today).await?);
    }
    if let Some(url) = postgres_url {
        let csv = csv.clone();
        let measured = on_postgres(&url, keep.is_some(), |store| async move {
            measure(&store, &csv, tenancies, today).await
        });
        results.push(measured.await?);
    }
    Ok(
        serde_json::json!({"signals": signals, "tenancies": tenancies, "runs": RUNS, "results": results}),
    )
}
