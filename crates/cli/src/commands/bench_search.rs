//! `vangnet bench search`: the kennisbank's own index against SQLite FTS5
//! on the same generated corpus and queries, in one run. The corpus, the
//! FTS5 baseline and the timing are the cargo bench's own files
//! (`crates/search/benches/support`), compiled in here, so the report and
//! `cargo bench -p vangnet-search` measure the same thing. The labelled
//! quality scores (recall@5, MRR) stay with the cargo bench: they read the
//! repository's content, not something a binary carries.

use super::CliResult;
use std::time::{Duration, Instant};
use vangnet_search::{Document, Index, Query, Synonyms};

#[allow(dead_code)]
#[path = "../../../search/benches/support/corpus.rs"]
mod corpus;
#[allow(dead_code)]
#[path = "../../../search/benches/support/fts5.rs"]
mod fts5;
#[path = "../../../search/benches/support/race.rs"]
mod race;

const ROUNDS: usize = 20;

/// One engine's rate and latencies, as JSON.
fn engine(docs_per_second: f64, latencies: &[Duration]) -> serde_json::Value {
    let ms = |p| race::percentile(latencies, p).as_secs_f64() * 1000.0;
    serde_json::json!({
        "index_docs_per_second": docs_per_second.round(),
        "p50_ms": ms(0.5),
        "p99_ms": ms(0.99),
    })
}

pub fn search(documents: usize) -> CliResult<serde_json::Value> {
    eprintln!("{documents} praktijken genereren en indexeren…");
    let mut rng = corpus::Rng(0x5eed_cafe_f00d);
    let docs: Vec<Document> = (0..documents)
        .map(|i| corpus::document(&mut rng, i))
        .collect();
    let mut index = Index::new(Synonyms::default_dutch());
    let started = Instant::now();
    index.rebuild(docs.clone());
    let our_rate = documents as f64 / started.elapsed().as_secs_f64();
    let fts_error = |e: rusqlite::Error| format!("SQLite FTS5: {e}");
    let mut fts = fts5::Fts5::new().map_err(fts_error)?;
    let started = Instant::now();
    fts.rebuild(&docs).map_err(fts_error)?;
    let fts_rate = documents as f64 / started.elapsed().as_secs_f64();

    // Both answer a page of 20 without filters; ours also counts every
    // match and its facets, which FTS5 with LIMIT skips.
    let ours = race::time_queries(corpus::QUERIES, ROUNDS, |text| {
        std::hint::black_box(index.search(&Query::text(text)));
    });
    let mut failed = None;
    let theirs = race::time_queries(corpus::QUERIES, ROUNDS, |text| {
        if let Err(e) = fts.search(text, 20) {
            failed.get_or_insert(e);
        }
    });
    if let Some(e) = failed {
        return Err(fts_error(e));
    }
    let (ours, theirs) = (engine(our_rate, &ours), engine(fts_rate, &theirs));
    let p99 = |v: &serde_json::Value| v["p99_ms"].as_f64().unwrap_or_default();
    let ratio = p99(&ours) / p99(&theirs).max(1e-9);
    println!(
        "Kennisbank, {documents} praktijken, {} zoekvragen × {ROUNDS}:",
        corpus::QUERIES.len()
    );
    println!(
        "  vangnet p99 {:.3} ms, SQLite {} FTS5 p99 {:.3} ms: {ratio:.2}× (onder 1: sneller)",
        p99(&ours),
        fts.sqlite_version(),
        p99(&theirs)
    );
    Ok(serde_json::json!({
        "documents": documents,
        "queries": corpus::QUERIES.len() * ROUNDS,
        "sqlite_version": fts.sqlite_version(),
        "vangnet": ours,
        "sqlite_fts5": theirs,
        "ratio_p99_to_fts5": ratio,
    }))
}
