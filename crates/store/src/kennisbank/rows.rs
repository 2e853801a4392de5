//! Rows as both backends return them, and their conversion into records:
//! comma-joined slugs split, JSON text parsed. A stored value that does not
//! convert is reported, not guessed at.

use super::checks::split;
use super::records::*;
use crate::casework::queries::corrupt;
use crate::ts::Ts;
use crate::{Result, StoreError};
use chrono::NaiveDate;

pub(crate) use crate::tenancy::rows::{convert, to_json};

fn json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| corrupt(what, e))
}

#[derive(sqlx::FromRow)]
pub(crate) struct PracticeRow {
    p_id: i64,
    p_slug: String,
    p_owner_user_id: Option<i64>,
    p_contributor_org_id: Option<i64>,
    p_published_revision_id: Option<i64>,
    p_review_by: Option<NaiveDate>,
    p_first_published_at: Option<Ts>,
    p_updated_at: Ts,
    p_created_at: Ts,
}

impl TryFrom<PracticeRow> for Practice {
    type Error = StoreError;
    fn try_from(r: PracticeRow) -> Result<Practice> {
        Ok(Practice {
            id: r.p_id,
            slug: r.p_slug,
            owner_user_id: r.p_owner_user_id,
            contributor_org_id: r.p_contributor_org_id,
            published_revision_id: r.p_published_revision_id,
            review_by: r.p_review_by,
            first_published_at: r.p_first_published_at.map(|t| t.0),
            updated_at: r.p_updated_at.0,
            created_at: r.p_created_at.0,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct RevisionRow {
    id: i64,
    practice_id: i64,
    number: i64,
    title: String,
    summary: String,
    body_md: String,
    phases: String,
    actors: String,
    region: Option<String>,
    organisation: Option<String>,
    contact: Option<String>,
    results: Option<String>,
    figures: String,
    links: String,
    review_by: Option<NaiveDate>,
    content_hash: String,
    status: String,
    author_user_id: Option<i64>,
    author_org_id: Option<i64>,
    suggester_name: Option<String>,
    suggester_email: Option<String>,
    created_at: Ts,
    decided_by_user_id: Option<i64>,
    decided_at: Option<Ts>,
    decision_reason: Option<String>,
}

impl TryFrom<RevisionRow> for Revision {
    type Error = StoreError;
    fn try_from(r: RevisionRow) -> Result<Revision> {
        Ok(Revision {
            id: r.id,
            practice_id: r.practice_id,
            number: r.number,
            content: RevisionContent {
                title: r.title,
                summary: r.summary,
                body_md: r.body_md,
                phases: split(&r.phases),
                actors: split(&r.actors),
                region: r.region,
                organisation: r.organisation,
                contact: r.contact,
                results: r.results,
                figures: json(&r.figures, "cijfers")?,
                links: json(&r.links, "links")?,
                review_by: r.review_by,
            },
            content_hash: r.content_hash,
            status: r.status,
            author_user_id: r.author_user_id,
            author_org_id: r.author_org_id,
            suggester_name: r.suggester_name,
            suggester_email: r.suggester_email,
            created_at: r.created_at.0,
            decided_by_user_id: r.decided_by_user_id,
            decided_at: r.decided_at.map(|t| t.0),
            decision_reason: r.decision_reason,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct PublishedRow {
    #[sqlx(flatten)]
    practice: PracticeRow,
    #[sqlx(flatten)]
    revision: RevisionRow,
}

impl TryFrom<PublishedRow> for PublishedPractice {
    type Error = StoreError;
    fn try_from(r: PublishedRow) -> Result<PublishedPractice> {
        Ok(PublishedPractice {
            practice: r.practice.try_into()?,
            revision: r.revision.try_into()?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ListedRow {
    p_slug: String,
    p_published_revision_id: Option<i64>,
    #[sqlx(flatten)]
    revision: RevisionRow,
}

impl TryFrom<ListedRow> for PracticeRevision {
    type Error = StoreError;
    fn try_from(r: ListedRow) -> Result<PracticeRevision> {
        Ok(PracticeRevision {
            slug: r.p_slug,
            published_revision_id: r.p_published_revision_id,
            revision: r.revision.try_into()?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct LatestRow {
    practice_id: i64,
    revision_id: i64,
    status: String,
    content_hash: String,
}

impl From<LatestRow> for LatestRevision {
    fn from(r: LatestRow) -> LatestRevision {
        LatestRevision {
            practice_id: r.practice_id,
            revision_id: r.revision_id,
            status: r.status,
            content_hash: r.content_hash,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct CommentRow {
    id: i64,
    revision_id: i64,
    author_user_id: i64,
    body: String,
    created_at: Ts,
}

impl TryFrom<CommentRow> for Comment {
    type Error = StoreError;
    fn try_from(r: CommentRow) -> Result<Comment> {
        Ok(Comment {
            id: r.id,
            revision_id: r.revision_id,
            author_user_id: r.author_user_id,
            body: r.body,
            created_at: r.created_at.0,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct AttachmentRow {
    id: i64,
    practice_id: i64,
    revision_id: i64,
    filename: String,
    content_type: String,
    size_bytes: i64,
    sha256: String,
    created_at: Ts,
    uploaded_by_user_id: Option<i64>,
}

impl TryFrom<AttachmentRow> for AttachmentMeta {
    type Error = StoreError;
    fn try_from(r: AttachmentRow) -> Result<AttachmentMeta> {
        Ok(AttachmentMeta {
            id: r.id,
            practice_id: r.practice_id,
            revision_id: r.revision_id,
            filename: r.filename,
            content_type: r.content_type,
            size_bytes: r.size_bytes,
            sha256: r.sha256,
            created_at: r.created_at.0,
            uploaded_by_user_id: r.uploaded_by_user_id,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct AttachmentBytesRow {
    #[sqlx(flatten)]
    meta: AttachmentRow,
    bytes: Vec<u8>,
}

impl TryFrom<AttachmentBytesRow> for (AttachmentMeta, Vec<u8>) {
    type Error = StoreError;
    fn try_from(r: AttachmentBytesRow) -> Result<(AttachmentMeta, Vec<u8>)> {
        Ok((r.meta.try_into()?, r.bytes))
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct SynonymsRow {
    synonyms: String,
    updated_at: Ts,
    updated_by_user_id: Option<i64>,
}

impl From<SynonymsRow> for KbSynonyms {
    fn from(r: SynonymsRow) -> KbSynonyms {
        KbSynonyms {
            text: r.synonyms,
            updated_at: r.updated_at.0,
            updated_by_user_id: r.updated_by_user_id,
        }
    }
}
