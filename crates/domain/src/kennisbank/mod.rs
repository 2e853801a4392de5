//! The kennisbank (issue 6): good practices ("goede voorbeelden") against
//! evictions, each a series of revisions that editors review before they
//! are published. Only the rules live here: the vocabulary, the content and
//! its limits, the review workflow, review-by dates, a word-level diff
//! between revisions, and the import/export file format. Rendering the
//! Markdown is the web layer's job.

mod attachment;
mod content;
mod diff;
mod front_matter;
mod review;
mod slug;
mod vocabulary;
mod workflow;

pub use attachment::{
    check_attachment, sanitise_filename, sniff, CheckedAttachment, MAX_ATTACHMENT_BYTES,
    MAX_FILENAME_CHARS,
};
pub use content::{
    validate_comment, validate_url, Figure, Link, PracticeContent, MAX_BODY, MAX_COMMENT,
    MAX_CONTACT, MAX_FIGURES, MAX_FIGURE_LABEL, MAX_FIGURE_VALUE, MAX_LINKS, MAX_LINK_TITLE,
    MAX_ORGANISATION, MAX_REGION, MAX_RESULTS, MAX_SUMMARY, MAX_TITLE, MAX_URL,
};
pub use diff::{word_diff, DiffKind, DiffPart};
pub use front_matter::{
    parse as parse_file, write as write_file, FileErrors, LineError, PracticeFile,
};
pub use review::{default_review_by, is_overdue};
pub use slug::{Slug, MAX_SLUG_CHARS, MIN_SLUG_CHARS};
pub use vocabulary::{ActorKind, Phase};
pub use workflow::{
    apply, Command, OpenRevision, Outcome, PracticeState, Refusal, RevisionStatus, Seen,
    WorkflowRole, MIN_REASON_CHARS,
};
