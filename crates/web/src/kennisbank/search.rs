//! This node's search index over the kennisbank. The database is the
//! source of truth: the index is rebuilt from it on start and changed on
//! every publish, so each app node keeps its own (issue 6). Readers share
//! the lock; a rebuild builds the new index outside it and swaps it in, so
//! searches never wait for one.

use std::sync::RwLock;
use vangnet_search::{Document, Index, Query, Results, Synonyms};

pub struct SearchIndex {
    index: RwLock<Index>,
}

impl Default for SearchIndex {
    fn default() -> Self {
        SearchIndex {
            index: RwLock::new(Index::new(Synonyms::default_dutch())),
        }
    }
}

impl SearchIndex {
    /// Replaces everything: the documents and the synonym list.
    pub fn replace_all(&self, documents: Vec<Document>, synonyms: Synonyms) {
        let mut fresh = Index::new(synonyms);
        fresh.rebuild(documents);
        *self.write() = fresh;
    }

    pub fn upsert(&self, document: Document) {
        self.write().upsert(document);
    }

    pub fn remove(&self, id: i64) {
        self.write().remove(id);
    }

    pub fn search(&self, query: &Query) -> Results {
        self.read().search(query)
    }

    pub fn len(&self) -> usize {
        self.read().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A poisoned lock only means a search panicked midway; the index
    /// itself is still whole, so it is used rather than failing every
    /// later search.
    fn read(&self) -> std::sync::RwLockReadGuard<'_, Index> {
        self.index.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Index> {
        self.index.write().unwrap_or_else(|e| e.into_inner())
    }
}
