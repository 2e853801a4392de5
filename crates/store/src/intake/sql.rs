//! The intake's SQL, written once in PostgreSQL's `$N` form. SQLite reads
//! `?N` the same way, so `for_sqlite` is the only translation: both
//! backends run the same statements.

/// The columns of `ExistingSignal`, in its field order.
pub(crate) const EXISTING_SELECT: &str = "SELECT id, kenmerk, content_hash, version, \
     amount_cents, arrears_start, signal_date, household_key, routing, gemeente_org_id, case_id, \
     match_reason FROM signals WHERE partner_org_id = $1 AND kenmerk";

/// The columns of `CandidateRow`: a case with the BSN of each of its signals.
pub(crate) const CANDIDATE_SELECT: &str = "SELECT c.id, c.gemeente_org_id, c.household_key, \
     c.opened_on, c.closed_on, s.bsn FROM cases c LEFT JOIN signals s ON s.case_id = c.id WHERE";

pub(crate) const MATCH_SETTINGS: &str = "SELECT matching_period_months, repeat_window_months \
     FROM gemeente_settings WHERE org_id = $1";

pub(crate) const INSERT_HISTORY: &str = "INSERT INTO signal_history (signal_id, version, \
     amount_cents, arrears_start, signal_date, content_hash, replaced_at, import_id) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

/// A resent signal's new contents and placement; `$1` is its id.
pub(crate) const UPDATE_SIGNAL: &str = "UPDATE signals SET partner_type = $2, amount_cents = $3, \
     arrears_start = $4, signal_date = $5, crisis = $6, warm_handover = $7, bsn = $8, \
     initials = $9, prefix = $10, surname = $11, birth_date = $12, phone = $13, email = $14, \
     street = $15, city = $16, monthly_rent_cents = $17, contact_tried = $18, \
     pointed_to_help = $19, reminder_sent_on = $20, content_hash = $21, version = version + 1, \
     import_id = $22, updated_at = $23, house_number = $24, addition = $25, postcode = $26, \
     household_key = $27, routing = $28, gemeente_org_id = $29, case_id = $30, \
     match_reason = $31, contact_wish = $32 WHERE id = $1";

/// A case whose signals changed gets its priority computed again. One
/// already without a priority is left alone: rewriting its row would
/// rewrite its queue index entries for nothing.
pub(crate) const PRIORITY_STALE: &str =
    "UPDATE cases SET priority = NULL WHERE id = $1 AND priority IS NOT NULL";

pub(crate) const SET_REPEAT_OF: &str = "UPDATE cases SET repeat_of_case_id = $1 WHERE id = $2";

/// The same statement with SQLite's numbered parameters, which bind by
/// number where `$N` would bind by order of appearance.
pub(crate) fn for_sqlite(sql: &str) -> String {
    sql.replace('$', "?")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_parameters_keep_their_numbers() {
        assert_eq!(
            for_sqlite("UPDATE t SET a = $2 WHERE id = $1"),
            "UPDATE t SET a = ?2 WHERE id = ?1"
        );
    }
}
