//! A CSV file (from the CLI or the upload page) through the pipeline, row
//! by row, in constant memory.

use crate::run::{ImportReport, ImportRun, RunOptions};
use std::io::Read;
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

/// Imports every row; `progress` hears the number of rows read so far.
pub async fn import_csv<R: Read>(
    store: &dyn Store,
    partner: Org,
    reader: R,
    profile: &Profile,
    options: RunOptions,
    mut progress: impl FnMut(u64),
) -> Result<ImportReport, ImportError> {
    let mut rows = SignalReader::new(reader, profile)?;
    let mut run = ImportRun::start(store, partner, options).await?;
    let mut raw = RawSignal::new(0);
    while let Some(next) = rows.next_into(&mut raw) {
        match next {
            Ok(()) => {
                if let Err(error) = run.push(&raw).await {
                    // Mark the import as failed; what was committed stays,
                    // and importing the file again completes it.
                    let _ = run.fail(&error.to_string()).await;
                    return Err(error.into());
                }
            }
            Err(problem) if problem.ends_reading() => {
                let message = problem.message.clone();
                run.fail(&message).await?;
                return Err(ImportError::Stopped {
                    line: problem.line,
                    message,
                });
            }
            Err(problem) => run.push_unreadable(problem.line, problem.code, &problem.message),
        }
        if run.rows() % 1000 == 0 {
            progress(run.rows());
        }
    }
    progress(run.rows());
    Ok(run.finish().await?)
}
