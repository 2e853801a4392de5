//! The last printed handreiking PDF, keyed by a hash of its HTML: the text
//! changes only when a practice is published (or the date on the cover
//! turns), so repeated downloads are served from memory instead of
//! starting Chromium each time. The lock is held while printing, so
//! simultaneous first downloads start Chromium once, not once each.

use crate::kennisbank::pdf::PdfError;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::sync::Mutex;

#[derive(Default)]
pub struct PdfCache {
    slot: Mutex<Option<(String, Arc<Vec<u8>>)>>,
    prints: AtomicUsize,
}

impl PdfCache {
    /// The PDF of `html`: the cached one, or what `print` makes of it.
    /// A failure is not cached, so a Chromium installed later is used.
    pub async fn get_or_print<F, Fut>(&self, html: &str, print: F) -> Result<Arc<Vec<u8>>, PdfError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Vec<u8>, PdfError>>,
    {
        let key = crate::crypto::sha256_hex(html);
        let mut slot = self.slot.lock().await;
        if let Some((cached, bytes)) = slot.as_ref() {
            if *cached == key {
                return Ok(bytes.clone());
            }
        }
        self.prints.fetch_add(1, Ordering::Relaxed);
        let bytes = Arc::new(print().await?);
        *slot = Some((key, bytes.clone()));
        Ok(bytes)
    }

    /// How many times a PDF was printed (for tests and logs).
    pub fn prints(&self) -> usize {
        self.prints.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_same_html_prints_once_and_new_html_again() {
        let cache = PdfCache::default();
        let print = |text: &'static str| move || async move { Ok(text.as_bytes().to_vec()) };
        let first = cache
            .get_or_print("<p>a</p>", print("%PDF a"))
            .await
            .unwrap();
        let again = cache
            .get_or_print("<p>a</p>", print("%PDF other"))
            .await
            .unwrap();
        assert_eq!(first, again);
        assert_eq!(cache.prints(), 1);
        let changed = cache
            .get_or_print("<p>b</p>", print("%PDF b"))
            .await
            .unwrap();
        assert_eq!(changed.as_slice(), b"%PDF b");
        assert_eq!(cache.prints(), 2);
    }

    #[tokio::test]
    async fn a_failure_is_not_cached() {
        let cache = PdfCache::default();
        let missing = || async { Err(PdfError::NoChromium("chromium".into())) };
        assert!(cache.get_or_print("<p>a</p>", missing).await.is_err());
        let ok = cache
            .get_or_print("<p>a</p>", || async { Ok(b"%PDF".to_vec()) })
            .await
            .unwrap();
        assert_eq!(ok.as_slice(), b"%PDF");
        assert_eq!(cache.prints(), 2);
    }
}
