//! The tenant channel's SQL, the same on both backends (`$N` parameters).
//! Every verhuurder-side statement filters on `verhuurder_org_id`, copied
//! onto each row from its tenancy when the row is made.

pub(crate) const LINK_COLUMNS: &str = "id, tenancy_id, verhuurder_org_id, created_at, \
     expires_at, revoked_at, failed_attempts, last_failed_at, locked_at, confirmed_at, \
     last_used_at, created_by_user_id";

/// Only for a tenancy of verhuurder `$2`: none is returned otherwise.
pub(crate) fn insert_link() -> String {
    format!(
        "INSERT INTO tenant_links (tenancy_id, verhuurder_org_id, token_hash, created_at, \
         expires_at, created_by_user_id) SELECT t.id, t.verhuurder_org_id, $3, $4, $5, $6 \
         FROM tenancies t WHERE t.id = $1 AND t.verhuurder_org_id = $2 \
         RETURNING {LINK_COLUMNS}"
    )
}

/// Regenerating: the tenancy's other live links end at `$4`.
pub(crate) const REVOKE_OTHER_LINKS: &str = "UPDATE tenant_links SET revoked_at = $4 \
     WHERE tenancy_id = $1 AND verhuurder_org_id = $2 AND id <> $3 AND revoked_at IS NULL";

/// Revoking twice keeps the first moment.
pub(crate) fn revoke_link() -> String {
    format!(
        "UPDATE tenant_links SET revoked_at = COALESCE(revoked_at, $3) \
         WHERE id = $1 AND verhuurder_org_id = $2 RETURNING {LINK_COLUMNS}"
    )
}

pub(crate) fn links_where(condition: &str) -> String {
    format!("SELECT {LINK_COLUMNS} FROM tenant_links WHERE {condition} ORDER BY id DESC")
}

/// A wrong address check at `$2`; `$3` locks the link.
pub(crate) fn failed_check() -> String {
    format!(
        "UPDATE tenant_links SET failed_attempts = failed_attempts + 1, last_failed_at = $2, \
         locked_at = CASE WHEN $3 THEN COALESCE(locked_at, $2) ELSE locked_at END \
         WHERE id = $1 RETURNING {LINK_COLUMNS}"
    )
}

/// A use at `$2` of a live link; `$3` says it is a right address check,
/// which keeps the first confirmation and ends a run of wrong answers
/// (the domain counts them in a row).
pub(crate) fn link_use() -> String {
    format!(
        "UPDATE tenant_links SET last_used_at = $2, \
         confirmed_at = CASE WHEN $3 THEN COALESCE(confirmed_at, $2) ELSE confirmed_at END, \
         failed_attempts = CASE WHEN $3 THEN 0 ELSE failed_attempts END, \
         last_failed_at = CASE WHEN $3 THEN NULL ELSE last_failed_at END \
         WHERE id = $1 AND revoked_at IS NULL AND locked_at IS NULL AND expires_at > $2 \
         RETURNING {LINK_COLUMNS}"
    )
}

/// The tenancy and verhuurder of a link that is live at `$2`.
pub(crate) const LIVE_LINK: &str = "SELECT tenancy_id, verhuurder_org_id FROM tenant_links \
     WHERE id = $1 AND revoked_at IS NULL AND locked_at IS NULL AND expires_at > $2";

pub(crate) const LINK_TENANCY: &str = "SELECT tenancy_id FROM tenant_links WHERE id = $1";

pub(crate) const INSERT_LETTER: &str = "INSERT INTO tenant_letters (tenancy_id, \
     verhuurder_org_id, kind, link_id, tenancy_event_id, amount_cents, collection_costs_cents, \
     html, created_at, created_by_user_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
     RETURNING id";

pub(crate) fn letters_where(condition: &str) -> String {
    format!(
        "SELECT id, tenancy_id, verhuurder_org_id, kind, link_id, tenancy_event_id, \
         amount_cents, collection_costs_cents, html, created_at, created_by_user_id, mailed_at \
         FROM tenant_letters WHERE verhuurder_org_id = $1 AND {condition} ORDER BY id"
    )
}

/// Sets `mailed_at` when given (a failed e-mail keeps it as it was);
/// returns the letter's tenancy, nothing for another's letter.
pub(crate) const LETTER_MAILED: &str = "UPDATE tenant_letters \
     SET mailed_at = COALESCE($3, mailed_at) \
     WHERE verhuurder_org_id = $1 AND id = $2 RETURNING tenancy_id";

pub(crate) const INSERT_RESPONSE: &str = "INSERT INTO tenant_responses (tenancy_id, \
     verhuurder_org_id, link_id, kind, detail, tenancy_event_id, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";

/// The verhuurder's (`$1`) responses meeting `condition`, newest first.
pub(crate) fn responses_where(condition: &str, tail: &str) -> String {
    format!(
        "SELECT id, tenancy_id, verhuurder_org_id, link_id, kind, detail, tenancy_event_id, \
         created_at, status, handled_at, handled_by_user_id, answer FROM tenant_responses \
         WHERE verhuurder_org_id = $1 AND {condition} ORDER BY created_at DESC, id DESC {tail}"
    )
}

/// Only from the status the verhuurder saw (`$7`).
pub(crate) const ANSWER_RESPONSE: &str = "UPDATE tenant_responses SET status = $3, \
     answer = $4, handled_at = $5, handled_by_user_id = $6 \
     WHERE id = $1 AND verhuurder_org_id = $2 AND status = $7 RETURNING tenancy_id";

pub(crate) const RESPONSE_STATUS: &str =
    "SELECT status FROM tenant_responses WHERE id = $1 AND verhuurder_org_id = $2";

pub(crate) const SETTINGS: &str = "SELECT link_valid_days, max_failed_attempts, \
     max_term_months, min_instalment_cents, ideal_url, sender_phone, iban, debt_help_name, \
     debt_help_phone, debt_help_email, debt_help_website, reply_email FROM tenant_channel_settings \
     WHERE verhuurder_org_id = $1";

pub(crate) const SET_SETTINGS: &str = "INSERT INTO tenant_channel_settings \
     (verhuurder_org_id, link_valid_days, max_failed_attempts, max_term_months, \
     min_instalment_cents, ideal_url, updated_at, sender_phone, iban, debt_help_name, \
     debt_help_phone, debt_help_email, debt_help_website, reply_email) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
     ON CONFLICT (verhuurder_org_id) DO UPDATE SET link_valid_days = $2, \
     max_failed_attempts = $3, max_term_months = $4, min_instalment_cents = $5, \
     ideal_url = $6, updated_at = $7, sender_phone = $8, iban = $9, debt_help_name = $10, \
     debt_help_phone = $11, debt_help_email = $12, debt_help_website = $13, reply_email = $14";

/// The verhuurder's (`$1`) responses still waiting for an answer.
pub(crate) const OPEN_RESPONSES: &str =
    "SELECT COUNT(*) FROM tenant_responses WHERE verhuurder_org_id = $1 AND status = 'open'";

/// `(kind, count)` of verhuurder `$1`'s rows of `table` made in [`$2`, `$3`).
pub(crate) fn count_kinds(table: &str) -> String {
    format!(
        "SELECT kind, COUNT(*) FROM {table} WHERE verhuurder_org_id = $1 \
         AND created_at >= $2 AND created_at < $3 GROUP BY kind ORDER BY kind"
    )
}

/// A link counts as opened once, in the period of its first confirmation.
pub(crate) const LINKS_OPENED: &str = "SELECT COUNT(*) FROM tenant_links \
     WHERE verhuurder_org_id = $1 AND confirmed_at >= $2 AND confirmed_at < $3";
