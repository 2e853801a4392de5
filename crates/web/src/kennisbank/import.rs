//! Importing practice files (`vangnet kb import`, the demo, later the API):
//! per file, is it new, unchanged, a new revision, or refused? Files are
//! parsed by the caller (`parse_file`), so a broken file never reaches
//! here. Unchanged means the same `content_hash` as the practice's latest
//! revision (published for an editor), so importing a directory twice
//! writes nothing, not even an audit entry, the second time.

use super::convert::to_store;
use super::documents::{draft_document, published_document};
use super::search::SearchIndex;
use chrono::NaiveDate;
use serde::Serialize;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::kennisbank::{default_review_by, PracticeFile, Slug};
use vangnet_store::kennisbank::{
    NewPractice, NewRevision, PracticeRevision, PublishAs, RevisionDecision, PUBLISHED,
};
use vangnet_store::{Store, StoreError};

/// Who imports. The caller has checked the person's right (`can`) first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Importer {
    /// A redacteur: every file is published at once, under their name.
    Editor { user_id: i64, org_id: i64 },
    /// A contributor: files become submissions the editors review.
    Contributor { user_id: i64, org_id: i64 },
    /// The command line without a named person: submissions without an
    /// author, audited as "cli".
    Cli,
}

impl Importer {
    fn user(self) -> Option<(i64, i64)> {
        match self {
            Importer::Editor { user_id, org_id } | Importer::Contributor { user_id, org_id } => {
                Some((user_id, org_id))
            }
            Importer::Cli => None,
        }
    }

    /// The person when there is one, and always the way in (`label`:
    /// "cli", "demo"), like the other command-line events.
    fn event(self, action: &str, label: &str) -> AuditEvent {
        let event = AuditEvent::new(action, "kb_practice", None);
        match self.user() {
            Some((user, org)) => event.by_user(user, org),
            None => event,
        }
        .by_label(label)
    }
}

/// One file to import: its name (for the report and the slug fallback)
/// and its parsed content.
pub struct ImportFile {
    pub name: String,
    pub file: PracticeFile,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Created,
    Unchanged,
    Updated,
    Refused,
}

impl Outcome {
    pub fn dutch(self) -> &'static str {
        match self {
            Outcome::Created => "aangemaakt",
            Outcome::Unchanged => "ongewijzigd",
            Outcome::Updated => "bijgewerkt",
            Outcome::Refused => "geweigerd",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileOutcome {
    pub file: String,
    pub slug: String,
    pub outcome: Outcome,
    /// Why a file was refused (Dutch).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Imports the files in order. `label` names the way in for the audit
/// log ("cli", "demo"); `today` gives the default review-by date;
/// with an `index`, every practice that changed is updated in it. A
/// store failure other than a refusal stops the import.
pub async fn import(
    store: &dyn Store,
    files: &[ImportFile],
    importer: Importer,
    label: &str,
    today: NaiveDate,
    index: Option<&SearchIndex>,
) -> Result<Vec<FileOutcome>, StoreError> {
    let mut outcomes = Vec::with_capacity(files.len());
    for file in files {
        let slug = slug_for(file);
        let (outcome, reason) = match &slug {
            Ok(slug) => match one(store, file, slug, importer, label, today).await {
                Ok(outcome) => (outcome, None),
                Err(StoreError::Conflict { reason, .. }) => (Outcome::Refused, Some(reason)),
                Err(StoreError::Invalid(invalid)) => (Outcome::Refused, Some(invalid.to_string())),
                Err(error) => return Err(error),
            },
            Err(reason) => (Outcome::Refused, Some(reason.clone())),
        };
        let slug = slug.map(|s| s.as_str().to_string()).unwrap_or_default();
        if let (Some(index), Outcome::Created | Outcome::Updated) = (index, outcome) {
            reindex(store, index, &slug).await?;
        }
        outcomes.push(FileOutcome {
            file: file.name.clone(),
            slug,
            outcome,
            reason,
        });
    }
    Ok(outcomes)
}

/// The file's own slug, else its name's when that is one, else the title's.
fn slug_for(file: &ImportFile) -> Result<Slug, String> {
    if let Some(slug) = &file.file.slug {
        return Ok(slug.clone());
    }
    let stem = file.name.strip_suffix(".md").unwrap_or(&file.name);
    Slug::parse(stem)
        .or_else(|_| Slug::from_title(&file.file.content.title))
        .map_err(|e| e.reason)
}

async fn one(
    store: &dyn Store,
    file: &ImportFile,
    slug: &Slug,
    importer: Importer,
    label: &str,
    today: NaiveDate,
) -> Result<Outcome, StoreError> {
    let content = &file.file.content;
    let hash = content.content_hash();
    let (author, org) = importer.user().unzip();
    let revision = NewRevision {
        content: to_store(content),
        author_user_id: author,
        author_org_id: org,
        suggester_name: None,
        suggester_email: None,
        content_hash: hash.clone(),
    };
    let publish = match importer {
        Importer::Editor { user_id, .. } => Some(PublishAs {
            editor_user_id: user_id,
            review_by: content.review_by.unwrap_or(default_review_by(today)),
        }),
        _ => None,
    };
    let Some(latest) = store.latest_revision_hash(slug.as_str()).await? else {
        let practice = NewPractice {
            slug: slug.as_str().to_string(),
            owner_user_id: author,
            contributor_org_id: org,
            revision,
            publish,
        };
        let event = importer.event("kennisbank.import.create", label);
        store.create_practice(&practice, event).await?;
        return Ok(Outcome::Created);
    };
    let event = importer
        .event("kennisbank.import.update", label)
        .with_object(latest.practice_id);
    let same = latest.content_hash == hash;
    match publish {
        None if same => Ok(Outcome::Unchanged),
        None => {
            store
                .propose_revision(latest.practice_id, &revision, event)
                .await?;
            Ok(Outcome::Updated)
        }
        Some(_) if same && latest.status == PUBLISHED => Ok(Outcome::Unchanged),
        // The same text waits for review: the editor's import publishes it.
        Some(by) if same && is_open(&latest.status) => {
            let decision = RevisionDecision::Publish {
                review_by: by.review_by,
            };
            store
                .decide_revision(
                    latest.revision_id,
                    &latest.status,
                    &decision,
                    by.editor_user_id,
                    event,
                )
                .await?;
            Ok(Outcome::Updated)
        }
        Some(by) => {
            store
                .propose_and_publish(latest.practice_id, &revision, by, event)
                .await?;
            Ok(Outcome::Updated)
        }
    }
}

fn is_open(status: &str) -> bool {
    status == vangnet_store::kennisbank::SUBMITTED
        || status == vangnet_store::kennisbank::CHANGES_REQUESTED
}

/// Brings the index in line with one practice: its published text, its
/// open revision as a draft, and no draft of a revision that is closed.
async fn reindex(store: &dyn Store, index: &SearchIndex, slug: &str) -> Result<(), StoreError> {
    let Some(practice) = store.practice_by_slug_any(slug).await? else {
        return Ok(());
    };
    if let Some(published) = store.published_practice(slug).await? {
        index.upsert(published_document(&published));
    }
    let Some(history) = store.practice_for_editor(practice.id).await? else {
        return Ok(());
    };
    for revision in history.revisions {
        if revision.is_open() {
            index.upsert(draft_document(&PracticeRevision {
                slug: slug.to_string(),
                published_revision_id: history.practice.published_revision_id,
                revision,
            }));
        } else {
            index.remove(-revision.id);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use vangnet_domain::kennisbank::PracticeContent;

    fn file(name: &str, slug: Option<&str>, title: &str) -> ImportFile {
        ImportFile {
            name: name.into(),
            file: PracticeFile {
                slug: slug.map(|s| Slug::parse(s).unwrap()),
                content: PracticeContent {
                    title: title.into(),
                    ..PracticeContent::default()
                },
            },
        }
    }

    #[test]
    fn the_slug_comes_from_the_file_then_its_name_then_the_title() {
        let cases = [
            (file("x.md", Some("eigen-slug"), "Titel"), "eigen-slug"),
            (file("uit-de-naam.md", None, "Titel"), "uit-de-naam"),
            (
                file("Geen Slug.md", None, "Één titel, zo'n"),
                "een-titel-zon",
            ),
        ];
        for (file, expected) in cases {
            assert_eq!(slug_for(&file).unwrap().as_str(), expected, "{}", file.name);
        }
        assert!(slug_for(&file("!.md", None, "!")).is_err());
    }
}
