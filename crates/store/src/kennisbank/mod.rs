//! The kennisbank's storage (issue 6): practices (goede voorbeelden) with
//! append-only revisions, the editors' workflow on them, comments,
//! attachments, the search synonyms and the public form's rate limit. The
//! rules (who may do what, which decision is allowed) are the domain's;
//! this module enforces what must hold atomically: at most one open
//! revision per practice, a decision only on the status it was made on,
//! and publication that supersedes the previous text in one transaction.
//! Every mutation appends its audit entry in the same transaction with ids
//! and counts only: titles, bodies, names, e-mail addresses and filenames
//! stay in their tables, and a decision's reason is audited as its SHA-256.

pub(crate) mod checks;
pub(crate) mod extras;
pub mod marker;
pub(crate) mod queries;
mod records;
pub mod reminders;
pub(crate) mod rows;
pub(crate) mod sql;
pub(crate) mod writes;

pub(crate) use queries::kennisbank_impl;
pub use records::*;

use crate::Result;
use async_trait::async_trait;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use vangnet_domain::audit::AuditEvent;

#[async_trait]
pub trait KennisbankStore: Send + Sync {
    /// A practice with revision 1 (`submitted`, or `published` at once with
    /// `publish`). A slug in use is a conflict on `slug`.
    async fn create_practice(
        &self,
        practice: &NewPractice,
        audit: AuditEvent,
    ) -> Result<CreatedPractice>;
    /// Adds the next revision, `submitted`. The same author's open revision
    /// is superseded by it; another's open revision is a conflict.
    async fn propose_revision(
        &self,
        practice_id: i64,
        revision: &NewRevision,
        audit: AuditEvent,
    ) -> Result<i64>;
    /// `propose_revision` and publishing it in one transaction (an
    /// editor's import with `--publish` of a practice that exists).
    async fn propose_and_publish(
        &self,
        practice_id: i64,
        revision: &NewRevision,
        publish: PublishAs,
        audit: AuditEvent,
    ) -> Result<i64>;
    /// Decides an open revision that still has `expected_status` (else a
    /// conflict). Publishing supersedes the previously published revision
    /// and updates the practice in the same transaction: its published
    /// revision, `updated_at`, `first_published_at` (once), `review_by`,
    /// and its owner, the editor, when it had none (a public suggestion).
    async fn decide_revision(
        &self,
        revision_id: i64,
        expected_status: &str,
        decision: &RevisionDecision,
        editor_user_id: i64,
        audit: AuditEvent,
    ) -> Result<()>;
    async fn add_comment(
        &self,
        revision_id: i64,
        author_user_id: i64,
        body: &str,
        audit: AuditEvent,
    ) -> Result<i64>;
    /// Oldest first.
    async fn comments(&self, revision_id: i64) -> Result<Vec<Comment>>;
    async fn set_review_by(
        &self,
        practice_id: i64,
        review_by: NaiveDate,
        editor_user_id: i64,
        audit: AuditEvent,
    ) -> Result<()>;

    /// A published practice with its published revision; None for a
    /// practice that was never published.
    async fn published_practice(&self, slug: &str) -> Result<Option<PublishedPractice>>;
    /// Every published practice, latest publication first (the search
    /// index, the feed, the sitemap, the handreiking).
    async fn published_practices(&self) -> Result<Vec<PublishedPractice>>;
    /// A practice with all its revisions, oldest first.
    async fn practice_for_editor(&self, practice_id: i64) -> Result<Option<PracticeHistory>>;
    /// A practice by slug, published or not (editors).
    async fn practice_by_slug_any(&self, slug: &str) -> Result<Option<Practice>>;
    async fn revision(&self, revision_id: i64) -> Result<Option<Revision>>;
    /// The review queue: open revisions, oldest first.
    async fn open_revisions(&self) -> Result<Vec<PracticeRevision>>;
    /// Published practices whose review-by date is before `today`, the
    /// most overdue first.
    async fn overdue_practices(&self, today: NaiveDate) -> Result<Vec<PublishedPractice>>;
    /// A contributor's own revisions, newest first.
    async fn submissions_by(&self, user_id: i64) -> Result<Vec<PracticeRevision>>;
    /// The practice's latest revision (highest number), for imports.
    async fn latest_revision_hash(&self, slug: &str) -> Result<Option<LatestRevision>>;

    /// Stores an attachment; the revision must belong to the practice and
    /// `size_bytes` must be the length of `bytes`.
    async fn add_attachment(&self, attachment: &NewAttachment, audit: AuditEvent) -> Result<i64>;
    /// A practice's attachments without their bytes, oldest first.
    async fn attachments(&self, practice_id: i64) -> Result<Vec<AttachmentMeta>>;
    async fn attachment(&self, attachment_id: i64) -> Result<Option<(AttachmentMeta, Vec<u8>)>>;
    async fn remove_attachment(&self, attachment_id: i64, audit: AuditEvent) -> Result<()>;

    /// None until someone (or the app's seeding) sets them.
    async fn kb_synonyms(&self) -> Result<Option<KbSynonyms>>;
    async fn set_kb_synonyms(
        &self,
        text: &str,
        user_id: Option<i64>,
        audit: AuditEvent,
    ) -> Result<()>;

    /// The public form's rate limit: true (and the attempt is recorded)
    /// when the client made fewer than `limit` attempts in the `window`
    /// before `at`; false otherwise. Attempts older than the window are
    /// pruned. Atomic: concurrent attempts are counted one after another.
    async fn record_suggestion_attempt(
        &self,
        client_hash: &str,
        at: DateTime<Utc>,
        window: Duration,
        limit: u32,
    ) -> Result<bool>;

    /// Retention: clears the public suggester's name and e-mail of decided
    /// revisions (published, superseded, rejected) decided before `before`;
    /// returns how many. Audited (the count) only when it cleared any.
    async fn purge_kb_suggesters(&self, before: DateTime<Utc>, audit: AuditEvent) -> Result<u64>;
}
