//! How often each published kennisbank practice is read, per month, for
//! the platform's "most read" table. A page view only bumps a counter in
//! memory (no reader, no time of day, no write on the request's path); a
//! task adds the counts to the store every minute, and once more when the
//! server stops gracefully. A failed flush keeps its counts for the next.

use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use vangnet_store::{StatsStore, Store};

pub const FLUSH_EVERY: Duration = Duration::from_secs(60);

/// (practice id, first day of the month) → reads since the last flush.
#[derive(Default)]
pub struct PracticeReads {
    counts: Mutex<HashMap<(i64, NaiveDate), u64>>,
}

fn month_of(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

impl PracticeReads {
    /// One read of a published practice on `day`.
    pub fn count(&self, practice_id: i64, day: NaiveDate) {
        self.add(&[(practice_id, month_of(day), 1)]);
    }

    fn add(&self, reads: &[(i64, NaiveDate, u64)]) {
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        for (id, month, n) in reads {
            *counts.entry((*id, *month)).or_default() += n;
        }
    }

    /// Everything counted so far, emptying the counter; sorted, so writes
    /// always take rows in the same order.
    pub fn take(&self) -> Vec<(i64, NaiveDate, u64)> {
        let drained = std::mem::take(&mut *self.counts.lock().unwrap_or_else(|e| e.into_inner()));
        let mut reads: Vec<_> = drained.into_iter().map(|((id, m), n)| (id, m, n)).collect();
        reads.sort_unstable();
        reads
    }

    /// Writes the counts to the store; on failure they are kept for the
    /// next attempt.
    pub async fn flush<S: StatsStore + ?Sized>(&self, store: &S) {
        let reads = self.take();
        if reads.is_empty() {
            return;
        }
        if let Err(error) = store.add_practice_reads(&reads).await {
            tracing::warn!(%error, "could not store kennisbank page reads; kept for the next flush");
            self.add(&reads);
        }
    }
}

/// Flushes every `FLUSH_EVERY` until aborted.
pub fn spawn_flush(
    store: Arc<dyn Store>,
    reads: Arc<PracticeReads>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(FLUSH_EVERY);
        tick.tick().await;
        loop {
            tick.tick().await;
            reads.flush(&*store).await;
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_counted_per_practice_and_month_and_taken_once() {
        let reads = PracticeReads::default();
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        reads.count(7, day("2026-03-05"));
        reads.count(7, day("2026-03-31"));
        reads.count(7, day("2026-04-01"));
        reads.count(2, day("2026-03-10"));
        assert_eq!(
            reads.take(),
            vec![
                (2, day("2026-03-01"), 1),
                (7, day("2026-03-01"), 2),
                (7, day("2026-04-01"), 1),
            ]
        );
        assert!(reads.take().is_empty());
    }
}
