//! What the search index holds, read from the database: every published
//! practice under its practice id, and for editors every open revision
//! under its negated revision id (a draft of a published practice must not
//! replace the published text in public results). The synonym list comes
//! from the database too; an unreadable stored list falls back to the
//! default, with a warning, rather than leaving search without synonyms.
//!
//! Several app nodes each keep their own index: each polls the store's
//! change marker and rebuilds when another node (or `kb import`) changed
//! what the index is built from.

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

/// How often a node looks for another node's changes.
pub const REFRESH_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

/// `rebuild`, and the change marker it is current with. The marker is read
/// first, so a change made during the rebuild is noticed by the next poll
/// rather than lost.
pub async fn rebuild_marked(
    store: &dyn Store,
    index: &SearchIndex,
) -> Result<(usize, String), StoreError> {
    let marker = store.kb_change_marker().await?;
    let count = rebuild(store, index).await?;
    Ok((count, marker))
}

/// Rebuilds when the marker moved since `last`; whether it did.
pub async fn refresh_if_changed(
    store: &dyn Store,
    index: &SearchIndex,
    last: &mut String,
) -> Result<bool, StoreError> {
    if store.kb_change_marker().await? == *last {
        return Ok(false);
    }
    let (_, marker) = rebuild_marked(store, index).await?;
    *last = marker;
    Ok(true)
}

/// Polls every `REFRESH_EVERY` until the process ends.
pub fn spawn_refresh(
    store: std::sync::Arc<dyn Store>,
    index: std::sync::Arc<SearchIndex>,
    mut last: String,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(REFRESH_EVERY).await;
            match refresh_if_changed(store.as_ref(), &index, &mut last).await {
                Ok(true) => tracing::info!(documents = index.len(), "kennisbank index refreshed"),
                Ok(false) => {}
                Err(error) => tracing::warn!(%error, "kennisbank index refresh failed"),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use vangnet_domain::audit::AuditEvent;
    use vangnet_search::Query;
    use vangnet_store::kennisbank::{NewPractice, NewRevision, PublishAs};

    #[tokio::test]
    async fn another_nodes_publication_is_picked_up_by_the_next_poll() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("kb.db").display());
        let store = vangnet_store::connect(&url).await.unwrap();
        store.migrate().await.unwrap();
        let index = SearchIndex::default();
        let (count, mut last) = rebuild_marked(&*store, &index).await.unwrap();
        assert_eq!(count, 0);
        assert!(!refresh_if_changed(&*store, &index, &mut last)
            .await
            .unwrap());

        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../content/kennisbank/huisbezoek-binnen-vijf-werkdagen.md"
        ))
        .unwrap();
        let file = vangnet_domain::kennisbank::parse_file(&text).unwrap();
        let content = super::super::convert::to_store(&file.content);
        let editor = store
            .create_org(
                &vangnet_domain::org::NewOrg::parse("red", "Redactie", "redactie", None, None)
                    .unwrap(),
                AuditEvent::new("t", "t", None),
            )
            .await
            .unwrap();
        let user = store
            .create_user(
                editor.id,
                &vangnet_domain::user::NewUser::parse(
                    "r@red.example",
                    "R",
                    "redacteur",
                    editor.kind,
                )
                .unwrap(),
                "x",
                AuditEvent::new("t", "t", None),
            )
            .await
            .unwrap();
        let new = NewPractice {
            slug: "huisbezoek-binnen-vijf-werkdagen".into(),
            owner_user_id: Some(user.id),
            contributor_org_id: None,
            revision: NewRevision {
                content_hash: file.content.content_hash(),
                content,
                author_user_id: Some(user.id),
                author_org_id: Some(editor.id),
                suggester_name: None,
                suggester_email: None,
            },
            publish: Some(PublishAs {
                editor_user_id: user.id,
                review_by: chrono::NaiveDate::from_ymd_opt(2027, 9, 1).unwrap(),
            }),
        };
        store
            .create_practice(&new, AuditEvent::new("t", "t", None))
            .await
            .unwrap();
        assert!(refresh_if_changed(&*store, &index, &mut last)
            .await
            .unwrap());
        assert_eq!(index.search(&Query::text("huisbezoek")).total, 1);
        assert!(!refresh_if_changed(&*store, &index, &mut last)
            .await
            .unwrap());

        store
            .set_kb_synonyms(
                "huisbezoek, keukentafelgesprek",
                None,
                AuditEvent::new("t", "t", None),
            )
            .await
            .unwrap();
        assert!(refresh_if_changed(&*store, &index, &mut last)
            .await
            .unwrap());
        assert_eq!(index.search(&Query::text("keukentafelgesprek")).total, 1);
    }
}
