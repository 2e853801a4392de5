//! What the kennisbank store takes and hands out. Statuses, phases and
//! actors are the model's slugs as strings (the domain's types sit on top);
//! the store checks them against the lists below before writing.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The phases of the "ontruimingszeef", in order: a revision's phases are
/// stored in this order whatever order they came in.
pub const PHASES: &[&str] = &[
    "preventie",
    "fase-1-huurachterstand",
    "fase-2-deurwaarder",
    "fase-3-vonnis",
    "fase-4-ontruiming",
    "fase-5-nazorg",
    "horizon",
];

/// The kinds of actor a practice is about, in the model's order.
pub const ACTORS: &[&str] = &[
    "gemeente",
    "woningcorporatie",
    "deurwaarder",
    "incassobureau",
    "schuldeiser",
    "hulpverlening",
    "huurder",
    "rijk",
];

/// Revision statuses.
pub const SUBMITTED: &str = "submitted";
pub const CHANGES_REQUESTED: &str = "changes_requested";
pub const PUBLISHED: &str = "published";
pub const SUPERSEDED: &str = "superseded";
pub const REJECTED: &str = "rejected";

/// The content types an attachment may have (the web layer checks the
/// magic bytes; the database refuses any other type).
pub const ATTACHMENT_TYPES: &[&str] = &[
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
];

/// The largest attachment, as the domain decides it (10 MiB); the
/// migration's CHECK repeats the number, which the contract test holds.
pub const MAX_ATTACHMENT_BYTES: i64 = vangnet_domain::kennisbank::MAX_ATTACHMENT_BYTES as i64;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// A revision's content: what `content_hash` covers (the caller computes
/// the hash; the store compares it for idempotent imports).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionContent {
    pub title: String,
    pub summary: String,
    pub body_md: String,
    /// Phase slugs (`PHASES`), at least one; stored in phase order.
    pub phases: Vec<String>,
    /// Actor slugs (`ACTORS`), at least one; stored in the model's order.
    pub actors: Vec<String>,
    pub region: Option<String>,
    pub organisation: Option<String>,
    pub contact: Option<String>,
    pub results: Option<String>,
    pub figures: Vec<Figure>,
    pub links: Vec<Link>,
    /// A review-by date proposed by the author or the import.
    pub review_by: Option<NaiveDate>,
}

/// A revision being proposed: by a logged-in user (`author_user_id`) or a
/// public suggester (name and e-mail, no user).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRevision {
    pub content: RevisionContent,
    pub author_user_id: Option<i64>,
    pub author_org_id: Option<i64>,
    pub suggester_name: Option<String>,
    pub suggester_email: Option<String>,
    /// SHA-256 hex of the canonical JSON of the content.
    pub content_hash: String,
}

/// Publishing in the same step as creating (an editor's import with
/// `--publish`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublishAs {
    pub editor_user_id: i64,
    pub review_by: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPractice {
    pub slug: String,
    pub owner_user_id: Option<i64>,
    pub contributor_org_id: Option<i64>,
    pub revision: NewRevision,
    pub publish: Option<PublishAs>,
}

/// What `create_practice` made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CreatedPractice {
    pub practice_id: i64,
    pub revision_id: i64,
}

/// An editor's decision on an open revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RevisionDecision {
    RequestChanges { reason: String },
    Publish { review_by: NaiveDate },
    Reject { reason: String },
}

impl RevisionDecision {
    /// The status the revision gets.
    pub fn status(&self) -> &'static str {
        match self {
            RevisionDecision::RequestChanges { .. } => CHANGES_REQUESTED,
            RevisionDecision::Publish { .. } => PUBLISHED,
            RevisionDecision::Reject { .. } => REJECTED,
        }
    }

    pub fn reason(&self) -> Option<&str> {
        match self {
            RevisionDecision::RequestChanges { reason } | RevisionDecision::Reject { reason } => {
                Some(reason)
            }
            RevisionDecision::Publish { .. } => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Practice {
    pub id: i64,
    pub slug: String,
    pub owner_user_id: Option<i64>,
    pub contributor_org_id: Option<i64>,
    pub published_revision_id: Option<i64>,
    pub review_by: Option<NaiveDate>,
    pub first_published_at: Option<DateTime<Utc>>,
    /// The latest publication; the creation until there is one.
    pub updated_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Revision {
    pub id: i64,
    pub practice_id: i64,
    pub number: i64,
    pub content: RevisionContent,
    pub content_hash: String,
    pub status: String,
    pub author_user_id: Option<i64>,
    pub author_org_id: Option<i64>,
    pub suggester_name: Option<String>,
    pub suggester_email: Option<String>,
    pub created_at: DateTime<Utc>,
    pub decided_by_user_id: Option<i64>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_reason: Option<String>,
}

impl Revision {
    pub fn is_open(&self) -> bool {
        self.status == SUBMITTED || self.status == CHANGES_REQUESTED
    }
}

/// A practice with its published revision: what the public sees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublishedPractice {
    pub practice: Practice,
    pub revision: Revision,
}

/// A practice with all its revisions, oldest first: what an editor sees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PracticeHistory {
    pub practice: Practice,
    pub revisions: Vec<Revision>,
}

/// A revision with its practice's slug and published revision, for lists
/// (the review queue, a contributor's submissions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PracticeRevision {
    pub slug: String,
    pub published_revision_id: Option<i64>,
    pub revision: Revision,
}

/// The latest revision of a practice, for idempotent imports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LatestRevision {
    pub practice_id: i64,
    pub revision_id: i64,
    pub status: String,
    pub content_hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    pub id: i64,
    pub revision_id: i64,
    pub author_user_id: i64,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttachment {
    pub practice_id: i64,
    pub revision_id: i64,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub bytes: Vec<u8>,
    pub uploaded_by_user_id: Option<i64>,
}

/// An attachment without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttachmentMeta {
    pub id: i64,
    pub practice_id: i64,
    pub revision_id: i64,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub created_at: DateTime<Utc>,
    pub uploaded_by_user_id: Option<i64>,
}

/// The editable synonym list (one group per line, comma-separated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KbSynonyms {
    pub text: String,
    pub updated_at: DateTime<Utc>,
    pub updated_by_user_id: Option<i64>,
}
