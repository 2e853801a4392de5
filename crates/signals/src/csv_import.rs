//! A CSV file (from the CLI or the upload page) through the pipeline, in
//! constant memory. One thread reads and checks rows while the caller's
//! task stores the previous batch, so parsing and writing overlap; the
//! channel between them holds at most a few chunks.

use crate::run::{Checked, ImportReport, ImportRun, RowChecker, RunOptions};
use std::io::Read;
use tokio::sync::mpsc;
use vangnet_domain::signal::RawSignal;
use vangnet_intake::{Profile, ReadError, SignalReader};
use vangnet_store::{Org, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Nothing was imported: the header or the file itself is unusable.
    #[error("{0}")]
    Unreadable(#[from] ReadError),
    /// Reading broke off part-way; the rows before were imported, and
    /// importing the file again completes it.
    #[error("regel {line}: {message}; het bestand is maar gedeeltelijk ingelezen")]
    Stopped { line: u64, message: String },
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// Rows per message from the reading thread.
const CHUNK: usize = 1000;

// Rows are moved, not boxed, for the reason `Checked` gives.
#[allow(clippy::large_enum_variant)]
enum Item {
    Row(Checked),
    /// A row the reader could not split into fields.
    Unreadable {
        line: u64,
        code: &'static str,
        message: String,
    },
    /// The file itself failed; nothing after this can be read.
    Stopped {
        line: u64,
        message: String,
    },
}

fn read_rows<R: Read>(
    mut rows: SignalReader<R>,
    checker: RowChecker,
    sender: mpsc::Sender<Vec<Item>>,
) {
    let mut raw = RawSignal::new(0);
    let mut chunk = Vec::with_capacity(CHUNK);
    while let Some(next) = rows.next_into(&mut raw) {
        let item = match next {
            Ok(()) => Item::Row(checker.check(&raw)),
            Err(problem) if problem.ends_reading() => Item::Stopped {
                line: problem.line,
                message: problem.message,
            },
            Err(problem) => Item::Unreadable {
                line: problem.line,
                code: problem.code,
                message: problem.message,
            },
        };
        let stopped = matches!(item, Item::Stopped { .. });
        chunk.push(item);
        if stopped || chunk.len() == CHUNK {
            // A closed channel means the storing side gave up.
            if sender.blocking_send(std::mem::take(&mut chunk)).is_err() || stopped {
                return;
            }
        }
    }
    let _ = sender.blocking_send(chunk);
}

/// Imports every row; `progress` hears the number of rows read so far.
pub async fn import_csv<R: Read + Send + 'static>(
    store: &dyn Store,
    partner: Org,
    reader: R,
    profile: &Profile,
    options: RunOptions,
    mut progress: impl FnMut(u64),
) -> Result<ImportReport, ImportError> {
    let rows = SignalReader::new(reader, profile)?;
    let mut run = ImportRun::start(store, partner, options).await?;
    // Room for a whole batch and then some, so the reader checks the next
    // batch while the store writes this one instead of waiting for it.
    let (sender, mut receiver) = mpsc::channel(run.batch_size() / CHUNK + 2);
    let checker = run.checker();
    let reading = tokio::task::spawn_blocking(move || read_rows(rows, checker, sender));
    while let Some(chunk) = receiver.recv().await {
        for item in chunk {
            match item {
                Item::Row(checked) => {
                    if let Err(error) = run.take(checked).await {
                        // Mark the import as failed; what was committed
                        // stays, and importing the file again completes it.
                        drop(receiver);
                        let _ = run.fail(&error.to_string()).await;
                        return Err(error.into());
                    }
                }
                Item::Unreadable {
                    line,
                    code,
                    message,
                } => run.push_unreadable(line, code, &message),
                Item::Stopped { line, message } => {
                    drop(receiver);
                    run.fail(&message).await?;
                    return Err(ImportError::Stopped { line, message });
                }
            }
        }
        progress(run.rows());
    }
    // The reader ends by itself once it has sent everything.
    reading
        .await
        .map_err(|e| StoreError::Unsupported(format!("het inlezen is afgebroken: {e}")))?;
    Ok(run.finish().await?)
}
