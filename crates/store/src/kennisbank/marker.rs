//! A cheap fingerprint of what the kennisbank's search index is built
//! from, so each app node can notice another node's publication (or a
//! `kb import` from the command line) and rebuild its own index, without
//! a message bus. Revisions are append-only, and every status change
//! stamps `decided_at`; the synonym list has its own `updated_at`.

use crate::Result;
use async_trait::async_trait;

#[async_trait]
pub trait KbChangeMarker: Send + Sync {
    /// Changes whenever a revision is added or decided, or the synonyms
    /// change; equal otherwise.
    async fn kb_change_marker(&self) -> Result<String>;
}

pub(crate) const MARKER: &str = "SELECT \
     CAST(COALESCE(MAX(r.id), 0) AS BIGINT), CAST(COUNT(r.decided_at) AS BIGINT), \
     COALESCE(CAST(MAX(r.decided_at) AS TEXT), ''), \
     COALESCE((SELECT CAST(s.updated_at AS TEXT) FROM kb_settings s WHERE s.id = 1), '') \
     FROM kb_revisions r";

macro_rules! kb_marker_impl {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::kennisbank::marker::KbChangeMarker for $store {
            async fn kb_change_marker(&self) -> $crate::Result<String> {
                let (last, decided, latest, synonyms): (i64, i64, String, String) =
                    sqlx::query_as($crate::kennisbank::marker::MARKER)
                        .fetch_one(&self.pool)
                        .await?;
                Ok(format!("{last}/{decided}/{latest}/{synonyms}"))
            }
        }
    };
}

pub(crate) use kb_marker_impl;
