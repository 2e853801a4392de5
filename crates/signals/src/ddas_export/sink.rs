//! Where a delivery goes. The domain's writer is synchronous; the export
//! lets it write one page of cases into a buffer and then hands the bytes
//! to an asynchronous sink, so a slow reader (an HTTP client) slows the
//! export down instead of letting bytes pile up in memory.

use std::future::Future;
use std::io::{self, Write};
use std::sync::{Arc, Mutex, PoisonError};

/// Receives the delivery a chunk (about one page of cases) at a time.
pub trait DeliverySink: Send {
    fn write_chunk(&mut self, chunk: Vec<u8>) -> impl Future<Output = io::Result<()>> + Send;
}

/// Any `io::Write` (a file, stdout) as a sink. Its writes block the task,
/// which suits the command line; a server streams through a channel.
pub struct BlockingSink<W>(pub W);

impl<W: Write + Send> DeliverySink for BlockingSink<W> {
    async fn write_chunk(&mut self, chunk: Vec<u8>) -> io::Result<()> {
        self.0.write_all(&chunk)?;
        self.0.flush()
    }
}

/// The buffer the domain's writer owns one handle of, while the export
/// keeps another to empty it after each page.
#[derive(Clone, Default)]
pub(super) struct ChunkBuffer(Arc<Mutex<Vec<u8>>>);

impl ChunkBuffer {
    pub fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

impl Write for ChunkBuffer {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let mut buffer = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
