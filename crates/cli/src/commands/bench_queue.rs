//! `vangnet bench queue`: a gemeente with about 100,000 open cases, and the
//! latency of the work queue's first page and each common filter through
//! the storage layer, on SQLite and (with `--postgres-url`) PostgreSQL.
//! The baseline in the same run is a lookup of one case by id, so the
//! ratio says what the queue costs beyond a database round trip.

use super::bench::{on_postgres, percentile, sample};
use super::CliResult;
use crate::commands::cli_event;
use std::sync::Arc;
use vangnet_domain::casework::cutoffs::QueueCutoffs;
use vangnet_domain::org::NewOrg;
use vangnet_domain::user::NewUser;
use vangnet_intake::generate::write_signals;
use vangnet_signals::{import_csv, Profile, RunOptions};
use vangnet_store::casework::{CaseOwner, DeadlineFilter, QueueFilter};
use vangnet_store::{Page, SqliteStore, Store};

const RUNS: usize = 200;

/// Fills the store: one gemeente serving every generated postcode, signals
/// until about `cases` cases exist, a tenth of them assigned and a third
/// picked up.
async fn fill(store: &Arc<dyn Store>, cases: u64, dir: &std::path::Path) -> CliResult<(i64, i64)> {
    store.migrate().await.map_err(|e| e.to_string())?;
    let err = |e: vangnet_store::StoreError| e.to_string();
    let gemeente = NewOrg::parse(
        "groot",
        "Grootstad",
        "gemeente",
        Some("0999"),
        Some("2280-2289,2490-2599"),
    )
    .map_err(|e| e.to_string())?;
    let gemeente = store
        .create_org(&gemeente, cli_event("org.create", "organisation"))
        .await
        .map_err(err)?;
    let corp =
        NewOrg::parse("corp", "Corporatie", "verhuurder", None, None).map_err(|e| e.to_string())?;
    let corp = store
        .create_org(&corp, cli_event("org.create", "organisation"))
        .await
        .map_err(err)?;
    let worker = NewUser::parse(
        "werker@groot.example",
        "Werker",
        "medewerker",
        gemeente.kind,
    )
    .map_err(|e| e.to_string())?;
    let worker = store
        .create_user(gemeente.id, &worker, "x", cli_event("user.create", "user"))
        .await
        .map_err(err)?;
    let csv = dir.join("queue-signals.csv");
    // About 1.2 signals per case (households report more than once).
    write_signals(
        std::fs::File::create(&csv).map_err(|e| e.to_string())?,
        cases * 6 / 5,
        7,
    )
    .map_err(|e| e.to_string())?;
    let file = std::fs::File::open(&csv).map_err(|e| e.to_string())?;
    import_csv(
        &**store,
        corp,
        file,
        &Profile::default(),
        RunOptions::default(),
        |_| {},
    )
    .await
    .map_err(|e| e.to_string())?;
    let settings = store.casework_settings(gemeente.id).await.map_err(err)?;
    store
        .refresh_priorities(gemeente.id, &settings.weights)
        .await
        .map_err(err)?;
    vangnet_store::bench_fixture::spread_queue_work(&**store, gemeente.id, worker.id)
        .await
        .map_err(err)?;
    vangnet_store::bench_fixture::analyze(&**store)
        .await
        .map_err(err)?;
    Ok((gemeente.id, worker.id))
}

/// p50 and p99 in milliseconds of `RUNS` calls after a warm-up.
async fn time<F, Fut>(call: F) -> CliResult<(f64, f64)>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<(), String>>,
{
    let times = sample(RUNS, call).await?;
    Ok((percentile(&times, 0.5), percentile(&times, 0.99)))
}

fn filters(worker: i64, cutoffs: QueueCutoffs) -> Vec<(&'static str, QueueFilter)> {
    vec![
        ("eerste pagina", QueueFilter::default()),
        (
            "soort Energie",
            QueueFilter {
                partner_type: Some("Energie".into()),
                ..Default::default()
            },
        ),
        (
            "postcodegebied 2500-2520",
            QueueFilter {
                postcode_area: Some((2500, 2520)),
                ..Default::default()
            },
        ),
        (
            "mijn zaken",
            QueueFilter {
                assignee_user_id: Some(worker),
                ..Default::default()
            },
        ),
        (
            "verlopen",
            QueueFilter {
                deadline: Some((DeadlineFilter::Overdue, cutoffs)),
                ..Default::default()
            },
        ),
        (
            "bijna verlopen",
            QueueFilter {
                deadline: Some((DeadlineFilter::DueSoon, cutoffs)),
                ..Default::default()
            },
        ),
        (
            "status opgepakt",
            QueueFilter {
                stage: Some("opgepakt".into()),
                ..Default::default()
            },
        ),
    ]
}

/// Measures every filter on one backend; returns JSON rows.
async fn measure(
    store: &Arc<dyn Store>,
    cases: u64,
    dir: &std::path::Path,
) -> CliResult<serde_json::Value> {
    let backend = store.backend();
    eprintln!("{backend}: {cases} zaken opbouwen…");
    let (gemeente, worker) = fill(store, cases, dir).await?;
    let owner = CaseOwner::Gemeente(gemeente);
    let settings = store
        .casework_settings(gemeente)
        .await
        .map_err(|e| e.to_string())?;
    let today = vangnet_domain::calendar::amsterdam_date(chrono::Utc::now());
    let cutoffs = QueueCutoffs::on(today, &settings.deadlines);
    let first = store
        .case_queue(owner, &QueueFilter::default(), Page::first(1))
        .await
        .map_err(|e| e.to_string())?;
    let some_case = first.first().map(|r| r.id).unwrap_or_default();
    let (base50, base99) = time(|| async {
        store
            .case_work(owner, some_case)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    })
    .await?;
    let mut rows = Vec::new();
    for (name, filter) in filters(worker, cutoffs) {
        let (p50, p99) = time(|| async {
            store
                .refresh_priorities(gemeente, &settings.weights)
                .await
                .map_err(|e| e.to_string())?;
            store
                .case_queue(owner, &filter, Page::first(25))
                .await
                .map(|_| ())
                .map_err(|e| e.to_string())
        })
        .await?;
        println!("  {backend:<8} {name:<26} p50 {p50:>6.2} ms  p99 {p99:>6.2} ms  ({:.1}× één zaak openen)", p99 / base99);
        rows.push(serde_json::json!({"backend": backend, "filter": name, "p50_ms": p50, "p99_ms": p99, "ratio_p99_to_case_lookup": p99 / base99}));
    }
    println!("  {backend:<8} basislijn: één zaak openen p50 {base50:.2} ms, p99 {base99:.2} ms");
    Ok(
        serde_json::json!({"backend": backend, "baseline_case_lookup_p99_ms": base99, "filters": rows}),
    )
}

pub async fn queue(
    cases: u64,
    postgres_url: Option<String>,
    keep: Option<std::path::PathBuf>,
) -> CliResult<serde_json::Value> {
    let temporary = tempfile::tempdir().map_err(|e| e.to_string())?;
    let dir = match &keep {
        Some(path) => {
            std::fs::create_dir_all(path).map_err(|e| e.to_string())?;
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(path.join(format!("queue.db{suffix}")));
            }
            path.as_path()
        }
        None => temporary.path(),
    };
    let sqlite = SqliteStore::open(&dir.join("queue.db").to_string_lossy())
        .await
        .map_err(|e| e.to_string())?;
    let sqlite: Arc<dyn Store> = Arc::new(sqlite);
    println!("Werkvoorraad, {RUNS} metingen per filter, 25 zaken per pagina:");
    let mut results = vec![measure(&sqlite, cases, dir).await?];
    if let Some(url) = postgres_url {
        let path = dir.to_path_buf();
        let measured = on_postgres(&url, false, |store| async move {
            measure(&store, cases, &path).await
        });
        results.push(measured.await?);
    }
    Ok(serde_json::json!({"cases": cases, "runs": RUNS, "results": results}))
}
