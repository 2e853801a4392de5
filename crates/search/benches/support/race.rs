//! How both engines are timed, shared by the cargo bench and `vangnet bench search`, so the
//! report and the bench measure the same thing the same way.

use std::time::{Duration, Instant};

/// Every query `rounds` times; the latencies sorted.
pub fn time_queries(queries: &[&str], rounds: usize, mut run: impl FnMut(&str)) -> Vec<Duration> {
    let mut latencies = Vec::with_capacity(rounds * queries.len());
    for _ in 0..rounds {
        for text in queries {
            let started = Instant::now();
            run(text);
            latencies.push(started.elapsed());
        }
    }
    latencies.sort();
    latencies
}

/// The value at `p` (0..1) of sorted latencies.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}
