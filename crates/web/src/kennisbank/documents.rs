//! What the search index holds, read from the database: every published
//! practice under its practice id, and for editors every open revision
//! under its negated revision id (a draft of a published practice must not
//! replace the published text in public results). The synonym list comes
//! from the database too; an unreadable stored list falls back to the
//! default, with a warning, rather than leaving search without synonyms.

use super::markdown::plain_text;
use super::search::SearchIndex;
use chrono::NaiveDate;
use vangnet_search::{Document, Synonyms};
use vangnet_store::kennisbank::{PracticeRevision, PublishedPractice, RevisionContent};
use vangnet_store::{Store, StoreError};

fn day_number(date: NaiveDate) -> i32 {
    (date - NaiveDate::default()).num_days() as i32
}

fn document(id: i64, slug: &str, content: &RevisionContent, updated: NaiveDate) -> Document {
    Document {
        id,
        slug: slug.to_string(),
        title: content.title.clone(),
        summary: content.summary.clone(),
        body: plain_text(&content.body_md),
        phases: content.phases.clone(),
        actors: content.actors.clone(),
        region: content.region.clone(),
        updated: day_number(updated),
        published: false,
    }
}

pub fn published_document(p: &PublishedPractice) -> Document {
    Document {
        published: true,
        ..document(
            p.practice.id,
            &p.practice.slug,
            &p.revision.content,
            p.practice.updated_at.date_naive(),
        )
    }
}

pub fn draft_document(open: &PracticeRevision) -> Document {
    let revision = &open.revision;
    document(
        -revision.id,
        &open.slug,
        &revision.content,
        revision.created_at.date_naive(),
    )
}

/// The stored synonym list, or the default one.
pub async fn synonyms(store: &dyn Store) -> Result<Synonyms, StoreError> {
    Ok(match store.kb_synonyms().await? {
        Some(stored) => Synonyms::parse(&stored.text).unwrap_or_else(|error| {
            tracing::warn!(%error, "stored synonym list unreadable; using the default");
            Synonyms::default_dutch()
        }),
        None => Synonyms::default_dutch(),
    })
}

/// Rebuilds this node's index from the database; returns how many
/// documents it holds.
pub async fn rebuild(store: &dyn Store, index: &SearchIndex) -> Result<usize, StoreError> {
    let mut documents: Vec<Document> = store
        .published_practices()
        .await?
        .iter()
        .map(published_document)
        .collect();
    documents.extend(store.open_revisions().await?.iter().map(draft_document));
    let count = documents.len();
    index.replace_all(documents, synonyms(store).await?);
    Ok(count)
}
