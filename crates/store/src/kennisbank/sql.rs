//! The kennisbank store's SQL, the same on both backends (`$N`
//! parameters). A practice's columns are read with a `p_` prefix, so a
//! practice and a revision fit in one row (`rows::PublishedRow`).

/// `submitted` and `changes_requested`, as SQL.
pub(crate) const OPEN: &str = "('submitted','changes_requested')";

const PRACTICE: &str = "p.id AS p_id, p.slug AS p_slug, p.owner_user_id AS p_owner_user_id, \
     p.contributor_org_id AS p_contributor_org_id, \
     p.published_revision_id AS p_published_revision_id, p.review_by AS p_review_by, \
     p.first_published_at AS p_first_published_at, p.updated_at AS p_updated_at, \
     p.created_at AS p_created_at";

const REVISION: &str = "r.id, r.practice_id, r.number, r.title, r.summary, r.body_md, \
     r.phases, r.actors, r.region, r.organisation, r.contact, r.results, r.figures, r.links, \
     r.review_by, r.content_hash, r.status, r.author_user_id, r.author_org_id, \
     r.suggester_name, r.suggester_email, r.created_at, r.decided_by_user_id, r.decided_at, \
     r.decision_reason";

/// Published practices with their published revision that meet
/// `condition`, in `order`.
pub(crate) fn published(condition: &str, order: &str) -> String {
    format!(
        "SELECT {PRACTICE}, {REVISION} FROM kb_practices p \
         JOIN kb_revisions r ON r.id = p.published_revision_id \
         WHERE {condition} ORDER BY {order}"
    )
}

pub(crate) fn practice(condition: &str) -> String {
    format!("SELECT {PRACTICE} FROM kb_practices p WHERE {condition}")
}

pub(crate) fn revisions(condition: &str, order: &str) -> String {
    format!("SELECT {REVISION} FROM kb_revisions r WHERE {condition} ORDER BY {order}")
}

/// Revisions with their practice's slug and published revision.
pub(crate) fn listed(condition: &str, order: &str) -> String {
    format!(
        "SELECT p.slug AS p_slug, p.published_revision_id AS p_published_revision_id, \
         {REVISION} FROM kb_revisions r JOIN kb_practices p ON p.id = r.practice_id \
         WHERE {condition} ORDER BY {order}"
    )
}

pub(crate) const INSERT_PRACTICE: &str = "INSERT INTO kb_practices (slug, owner_user_id, \
     contributor_org_id, updated_at, created_at) VALUES ($1, $2, $3, $4, $4) \
     ON CONFLICT (slug) DO NOTHING RETURNING id";

pub(crate) const PRACTICE_EXISTS: &str = "SELECT id FROM kb_practices WHERE id = $1";

pub(crate) const INSERT_REVISION: &str = "INSERT INTO kb_revisions (practice_id, number, \
     title, summary, body_md, phases, actors, region, organisation, contact, results, figures, \
     links, review_by, content_hash, status, author_user_id, author_org_id, suggester_name, \
     suggester_email, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
     $13, $14, $15, 'submitted', $16, $17, $18, $19, $20) RETURNING id";

pub(crate) const NEXT_NUMBER: &str =
    "SELECT COALESCE(MAX(number), 0) + 1 FROM kb_revisions WHERE practice_id = $1";

pub(crate) fn open_revision() -> String {
    format!(
        "SELECT id, author_user_id FROM kb_revisions \
         WHERE practice_id = $1 AND status IN {OPEN}"
    )
}

/// An open revision replaced by its author's newer proposal.
pub(crate) const SUPERSEDE_OPEN: &str =
    "UPDATE kb_revisions SET status = 'superseded', decided_at = $2 WHERE id = $1";

pub(crate) const REVISION_STATE: &str =
    "SELECT practice_id, status FROM kb_revisions WHERE id = $1";

/// Decides revision `$1` if it still has status `$6`.
pub(crate) const DECIDE: &str = "UPDATE kb_revisions SET status = $2, decided_by_user_id = $3, \
     decided_at = $4, decision_reason = $5 WHERE id = $1 AND status = $6";

/// The practice's published revision other than `$2` becomes superseded.
pub(crate) const SUPERSEDE_PUBLISHED: &str = "UPDATE kb_revisions SET status = 'superseded' \
     WHERE practice_id = $1 AND status = 'published' AND id <> $2 RETURNING id";

pub(crate) const PUBLISH_PRACTICE: &str = "UPDATE kb_practices SET published_revision_id = $2, \
     updated_at = $3, first_published_at = COALESCE(first_published_at, $3), review_by = $4, \
     owner_user_id = COALESCE(owner_user_id, $5) WHERE id = $1";

pub(crate) const SET_REVIEW_BY: &str = "UPDATE kb_practices SET review_by = $2 WHERE id = $1";

pub(crate) const LATEST_REVISION: &str = "SELECT r.practice_id, r.id AS revision_id, r.status, \
     r.content_hash FROM kb_revisions r JOIN kb_practices p ON p.id = r.practice_id \
     WHERE p.slug = $1 ORDER BY r.number DESC LIMIT 1";

pub(crate) const INSERT_COMMENT: &str = "INSERT INTO kb_comments (revision_id, author_user_id, \
     body, created_at) VALUES ($1, $2, $3, $4) RETURNING id";

pub(crate) const COMMENTS: &str = "SELECT id, revision_id, author_user_id, body, created_at \
     FROM kb_comments WHERE revision_id = $1 ORDER BY created_at, id";

pub(crate) const REVISION_OF_PRACTICE: &str =
    "SELECT id FROM kb_revisions WHERE id = $1 AND practice_id = $2";

pub(crate) const INSERT_ATTACHMENT: &str = "INSERT INTO kb_attachments (practice_id, \
     revision_id, filename, content_type, size_bytes, sha256, bytes, created_at, \
     uploaded_by_user_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";

const ATTACHMENT: &str = "id, practice_id, revision_id, filename, content_type, size_bytes, \
     sha256, created_at, uploaded_by_user_id";

pub(crate) fn attachments() -> String {
    format!("SELECT {ATTACHMENT} FROM kb_attachments WHERE practice_id = $1 ORDER BY id")
}

pub(crate) fn attachment() -> String {
    format!("SELECT {ATTACHMENT}, bytes FROM kb_attachments WHERE id = $1")
}

pub(crate) const DELETE_ATTACHMENT: &str =
    "DELETE FROM kb_attachments WHERE id = $1 RETURNING practice_id";

pub(crate) const SYNONYMS: &str =
    "SELECT synonyms, updated_at, updated_by_user_id FROM kb_settings WHERE id = 1";

pub(crate) const SET_SYNONYMS: &str = "INSERT INTO kb_settings (id, synonyms, updated_at, \
     updated_by_user_id) VALUES (1, $1, $2, $3) ON CONFLICT (id) DO UPDATE SET \
     synonyms = excluded.synonyms, updated_at = excluded.updated_at, \
     updated_by_user_id = excluded.updated_by_user_id";

pub(crate) const PRUNE_ATTEMPTS: &str = "DELETE FROM kb_suggestion_attempts WHERE at <= $1";

pub(crate) const COUNT_ATTEMPTS: &str =
    "SELECT COUNT(*) FROM kb_suggestion_attempts WHERE client_hash = $1 AND at > $2";

pub(crate) const INSERT_ATTEMPT: &str =
    "INSERT INTO kb_suggestion_attempts (client_hash, at) VALUES ($1, $2)";

/// Public suggesters' name and e-mail on revisions decided before `$1`.
pub(crate) const PURGE_SUGGESTERS: &str = "UPDATE kb_revisions SET suggester_name = NULL, \
     suggester_email = NULL WHERE (suggester_name IS NOT NULL OR suggester_email IS NOT NULL) \
     AND status IN ('published','superseded','rejected') \
     AND COALESCE(decided_at, created_at) < $1";
