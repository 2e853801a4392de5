//! A progress bar on stderr, only when stderr is a terminal: scripts and
//! logs get nothing but the result.

use std::io::{IsTerminal, Read, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Counts the bytes that pass, so progress can be shown as a share of the
/// file without knowing how many rows it has.
pub struct CountingReader<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> CountingReader<R> {
    pub fn new(inner: R) -> (Self, Arc<AtomicU64>) {
        let read = Arc::new(AtomicU64::new(0));
        (
            CountingReader {
                inner,
                read: read.clone(),
            },
            read,
        )
    }
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

pub struct Progress {
    enabled: bool,
    total: u64,
    read: Arc<AtomicU64>,
    started: Instant,
    last: Instant,
}

impl Progress {
    pub fn on_terminal(total: u64, read: Arc<AtomicU64>) -> Self {
        let now = Instant::now();
        Progress {
            enabled: std::io::stderr().is_terminal(),
            total,
            read,
            started: now,
            last: now - Duration::from_secs(1),
        }
    }

    pub fn update(&mut self, rows: u64) {
        if !self.enabled || self.last.elapsed() < Duration::from_millis(200) {
            return;
        }
        self.last = Instant::now();
        let done = self.read.load(Ordering::Relaxed);
        let share = if self.total == 0 {
            1.0
        } else {
            done as f64 / self.total as f64
        };
        let width = 30;
        let filled = ((share.min(1.0)) * width as f64) as usize;
        let rate = rows as f64 / self.started.elapsed().as_secs_f64().max(0.001);
        eprint!(
            "\r[{}{}] {:>3}%  {} regels  {:.0} per seconde ",
            "#".repeat(filled),
            " ".repeat(width - filled),
            (share * 100.0).min(100.0) as u32,
            rows,
            rate
        );
        let _ = std::io::stderr().flush();
    }

    pub fn finish(&mut self) {
        if self.enabled {
            eprint!("\r{}\r", " ".repeat(72));
            let _ = std::io::stderr().flush();
        }
    }
}
