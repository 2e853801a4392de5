use crate::config::WebConfig;
use std::sync::Arc;
use vangnet_store::Store;

/// What every handler gets: the store and the settings.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub config: Arc<WebConfig>,
    /// Unknown-token attempts waiting to be audited together.
    pub invalid_tokens: Arc<crate::auth::InvalidTokenTally>,
    /// This node's kennisbank search index (rebuilt from the store on
    /// start, changed on every publish).
    pub kennisbank: Arc<crate::kennisbank::search::SearchIndex>,
    /// The last handreiking PDF, so a repeated download starts no Chromium.
    pub handreiking_pdf: Arc<crate::pages::kennisbank::pdf_cache::PdfCache>,
    /// Kennisbank page reads not yet written to the store.
    pub practice_reads: Arc<crate::stats::reads::PracticeReads>,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, config: WebConfig) -> Self {
        AppState {
            store,
            config: Arc::new(config),
            invalid_tokens: Arc::default(),
            kennisbank: Arc::default(),
            handreiking_pdf: Arc::default(),
            practice_reads: Arc::default(),
        }
    }
}
