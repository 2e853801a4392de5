//! Rebuild rate and query latency at 10,000 generated practices, next to SQLite FTS5 as a
//! baseline on the same corpus and queries, and both engines' recall@5 and MRR on the labelled
//! kennisbank. Run with `cargo bench -p vangnet-search`; the target is p99 ≤ 5 ms per query.

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/fts5.rs"]
mod fts5;
#[path = "../tests/support/kennisbank.rs"]
mod kennisbank;
#[path = "support/race.rs"]
mod race;

use std::time::{Duration, Instant};

use corpus::{document, Rng, DOCUMENTS, QUERIES};
use fts5::Fts5;
use race::{percentile, time_queries};
use vangnet_search::{Document, Index, Query, Synonyms};

const ROUNDS: usize = 20;

/// One engine's line in the comparison.
struct Row {
    engine: &'static str,
    docs_per_second: f64,
    p50: Duration,
    p99: Duration,
    recall: f64,
    mrr: f64,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}

fn main() {
    let mut rng = Rng(0x5eed_cafe_f00d);
    let docs: Vec<Document> = (0..DOCUMENTS).map(|i| document(&mut rng, i)).collect();
    let words: usize = docs.iter().map(|d| d.body.split(' ').count()).sum();

    let mut index = Index::new(Synonyms::default_dutch());
    let started = Instant::now();
    index.rebuild(docs.clone());
    let rebuild = started.elapsed();

    // An edit: the first 1,000 practices get new generated text under their old ids.
    let edits: Vec<Document> = (0..1_000).map(|i| document(&mut rng, i)).collect();
    let started = Instant::now();
    for doc in edits {
        index.upsert(doc);
    }
    let upserts = started.elapsed();

    if let Ok(text) = std::env::var("SEARCH_BENCH_QUERY") {
        // For profiling one query: `SEARCH_BENCH_QUERY=huur perf record …`.
        for _ in 0..2_000 {
            std::hint::black_box(index.search(&Query::text(&text)));
        }
        return;
    }
    let mut latencies = Vec::new();
    let mut per_query = vec![Vec::new(); QUERIES.len()];
    let mut totals = Vec::new();
    for round in 0..ROUNDS {
        for (i, text) in QUERIES.iter().enumerate() {
            let query = Query {
                phases: if i % 5 == 0 {
                    vec!["nazorg".into()]
                } else {
                    Vec::new()
                },
                ..Query::text(text)
            };
            let started = Instant::now();
            let results = std::hint::black_box(index.search(&query));
            latencies.push(started.elapsed());
            per_query[i].push(started.elapsed());
            if round == 0 {
                totals.push(results.total);
            }
        }
    }
    latencies.sort();
    let mut slowest: Vec<(Duration, &str)> = per_query
        .iter_mut()
        .zip(QUERIES)
        .map(|(times, text)| {
            times.sort();
            (percentile(times, 0.5), *text)
        })
        .collect();
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));

    println!(
        "vangnet-search, {DOCUMENTS} documents, {} body words on average",
        words / DOCUMENTS
    );
    println!("| measure                     | value          |");
    println!("|-----------------------------|----------------|");
    println!(
        "| rebuild                     | {:>9.0} ms   |",
        ms(rebuild)
    );
    println!(
        "| rebuild rate                | {:>9.0} doc/s |",
        DOCUMENTS as f64 / rebuild.as_secs_f64()
    );
    println!(
        "| upsert (edit) rate          | {:>9.0} doc/s |",
        1_000.0 / upserts.as_secs_f64()
    );
    println!(
        "| queries timed               | {:>9}      |",
        latencies.len()
    );
    println!(
        "| query p50                   | {:>9.3} ms   |",
        ms(percentile(&latencies, 0.50))
    );
    println!(
        "| query p99                   | {:>9.3} ms   |",
        ms(percentile(&latencies, 0.99))
    );
    println!(
        "| query max                   | {:>9.3} ms   |",
        ms(latencies[latencies.len() - 1])
    );
    println!(
        "| matches per query (mean)    | {:>9}      |",
        totals.iter().sum::<usize>() / totals.len()
    );
    println!();
    println!("| slowest queries (median)          | ms     |");
    println!("|-----------------------------------|--------|");
    for (time, text) in slowest.iter().take(5) {
        println!("| {text:<33} | {:>6.3} |", ms(*time));
    }
    println!();
    compare(&index, &docs, DOCUMENTS as f64 / rebuild.as_secs_f64());
}

/// The side-by-side table. Both engines answer the same queries, without filters, a page of
/// 20 (ours also counts every match and its facets, which FTS5 with `LIMIT` skips).
fn compare(index: &Index, docs: &[Document], our_rate: f64) {
    let mut fts = Fts5::new().expect("the linked SQLite has FTS5");
    let started = Instant::now();
    fts.rebuild(docs).expect("FTS5 indexes the corpus");
    let fts_rate = docs.len() as f64 / started.elapsed().as_secs_f64();
    let ours = time_queries(QUERIES, ROUNDS, |text| {
        std::hint::black_box(index.search(&Query::text(text)));
    });
    let theirs = time_queries(QUERIES, ROUNDS, |text| {
        std::hint::black_box(fts.search(text, 20).expect("FTS5 query"));
    });

    // The labelled set: the real kennisbank, a fresh index of each kind.
    let practices = kennisbank::practices();
    let mut small = Index::new(Synonyms::default_dutch());
    small.rebuild(practices.clone());
    let our_outcomes = kennisbank::evaluate(|text| {
        let query = Query {
            limit: kennisbank::TOP,
            ..Query::text(text)
        };
        small
            .search(&query)
            .hits
            .into_iter()
            .map(|h| h.slug)
            .collect()
    });
    let (recall, mrr) = kennisbank::scores(&our_outcomes);
    let mut small_fts = Fts5::new().expect("FTS5");
    small_fts
        .rebuild(&practices)
        .expect("FTS5 indexes the kennisbank");
    let fts_outcomes =
        kennisbank::evaluate(|text| small_fts.search(text, kennisbank::TOP).expect("FTS5 query"));
    let (fts_recall, fts_mrr) = kennisbank::scores(&fts_outcomes);

    let rows = [
        Row {
            engine: "vangnet",
            docs_per_second: our_rate,
            p50: percentile(&ours, 0.50),
            p99: percentile(&ours, 0.99),
            recall,
            mrr,
        },
        Row {
            engine: "sqlite-fts5",
            docs_per_second: fts_rate,
            p50: percentile(&theirs, 0.50),
            p99: percentile(&theirs, 0.99),
            recall: fts_recall,
            mrr: fts_mrr,
        },
    ];
    println!(
        "vangnet vs SQLite {} FTS5: {} documents, {} queries × {ROUNDS} rounds; \
         recall@5 and MRR over the {} labelled kennisbank queries",
        fts.sqlite_version(),
        docs.len(),
        QUERIES.len(),
        fts_outcomes.len()
    );
    println!("| engine      | index docs/s |  p50 ms |  p99 ms | recall@5 |   MRR |");
    println!("|-------------|--------------|---------|---------|----------|-------|");
    for row in &rows {
        println!(
            "| {:<11} | {:>12.0} | {:>7.3} | {:>7.3} | {:>8.3} | {:>5.3} |",
            row.engine,
            row.docs_per_second,
            ms(row.p50),
            ms(row.p99),
            row.recall,
            row.mrr
        );
    }
    let [a, b] = &rows;
    // Ratios, because absolute times drift on a shared machine.
    println!(
        "vangnet / FTS5: index rate {:.2}× (above 1: indexes faster), p50 {:.2}×, p99 {:.2}× \
         (below 1: answers faster)",
        a.docs_per_second / b.docs_per_second,
        ms(a.p50) / ms(b.p50),
        ms(a.p99) / ms(b.p99)
    );
    println!();
    println!("per label, vangnet:\n{}", kennisbank::table(&our_outcomes));
    println!(
        "per label, sqlite-fts5:\n{}",
        kennisbank::table(&fts_outcomes)
    );
    if std::env::var_os("SEARCH_BENCH_MISSES").is_some() {
        for o in fts_outcomes.iter().filter(|o| !o.missed().is_empty()) {
            println!("fts5 missed {:?}: {:?}", o.labelled.query, o.missed());
        }
    }
}
