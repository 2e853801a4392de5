//! The purge's SQL, the same on both backends (`$N` parameters).

/// The case counts as closed: `RetentionFacts::rule`, where a reopening on
/// or after the closing means open again.
const CLOSED: &str =
    "c.closed_on IS NOT NULL AND (c.reopened_on IS NULL OR c.reopened_on < c.closed_on)";

/// `RetentionFacts::rule` of case `c` as a code for `plan::rule_of`.
fn rule_sql() -> String {
    format!(
        "CAST(CASE WHEN c.picked_up_on IS NULL THEN 0 WHEN {CLOSED} THEN 2 ELSE 1 END AS BIGINT)"
    )
}

/// `is_due` for case `c` and a signal date, with the cut-offs in `$2`
/// (never picked up), `$3` (picked up, open) and `$4` (closed): due when
/// the rule's clock is on or before its cut-off.
fn due_sql(signal_date: &str) -> String {
    format!(
        "CASE WHEN c.picked_up_on IS NULL THEN {signal_date} <= $2 \
         WHEN {CLOSED} THEN c.closed_on <= $4 \
         ELSE c.picked_up_on <= $3 AND (c.reopened_on IS NULL OR c.reopened_on <= $3) END"
    )
}

/// `(id, rule)` of gemeente `$1`'s signals that are due.
pub(crate) fn due_signals_sql() -> String {
    format!(
        "SELECT s.id, {} FROM signals s JOIN cases c ON c.id = s.case_id \
         WHERE c.gemeente_org_id = $1 AND s.purged_at IS NULL AND {} ORDER BY s.id",
        rule_sql(),
        due_sql("s.signal_date")
    )
}

/// `(id, rule)` of gemeente `$1`'s cases that are due and have no signal
/// left that is not. A case never picked up counts from its latest signal
/// (from its opening when it has none left, e.g. after they moved).
pub(crate) fn due_cases_sql() -> String {
    format!(
        "SELECT c.id, {} FROM cases c WHERE c.gemeente_org_id = $1 AND c.purged_at IS NULL \
         AND {} AND NOT EXISTS (SELECT 1 FROM signals s WHERE s.case_id = c.id \
         AND s.purged_at IS NULL AND NOT ({})) ORDER BY c.id",
        rule_sql(),
        due_sql(
            "COALESCE((SELECT MAX(l.signal_date) FROM signals l WHERE l.case_id = c.id), \
             c.opened_on)"
        ),
        due_sql("s.signal_date")
    )
}

/// `(id, rule)` of the signals in no case (unroutable, or claimed by two
/// gemeenten): never picked up, so due `$1` after their signal date.
pub(crate) const UNROUTED_SIGNALS: &str = "SELECT id, CAST(0 AS BIGINT) FROM signals \
     WHERE case_id IS NULL AND purged_at IS NULL AND signal_date <= $1 ORDER BY id";

/// Imports with rejected rows, started before `$1`.
pub(crate) const OLD_REJECTED_ROWS: &str = "SELECT id FROM imports \
     WHERE rejected_csv IS NOT NULL AND started_at < $1 ORDER BY id";

/// The reopened cases among a chunk of ids, with their state.
pub(crate) fn reopened_states_sql(count: usize) -> String {
    format!(
        "SELECT id, state FROM cases WHERE stage = 'heropend' AND id IN ({})",
        crate::intake::placeholders(1, count)
    )
}

pub(crate) const SET_STATE: &str = "UPDATE cases SET state = $1 WHERE id = $2";

/// A statement with `{ids}` for the id list, and whether `$1` is the purge time.
pub(super) type Template = (&'static str, bool);

pub(super) const SIGNAL_STATEMENTS: [Template; 2] = [
    (
        "DELETE FROM signal_history WHERE signal_id IN ({ids})",
        false,
    ),
    (
        "UPDATE signals SET bsn = NULL, initials = NULL, prefix = NULL, surname = '', \
         birth_date = NULL, phone = NULL, email = NULL, contact_wish = NULL, street = NULL, house_number = 0, \
         addition = NULL, postcode = substr(postcode, 1, 4), \
         household_key = substr(household_key, 1, 4) || '|gewist', \
         kenmerk = 'gewist-' || CAST(id AS TEXT) || ' ', content_hash = '', purged_at = $1 \
         WHERE id IN ({ids})",
        true,
    ),
];

pub(super) const CASE_STATEMENTS: [Template; 4] = [
    ("DELETE FROM case_notes WHERE case_id IN ({ids})", false),
    (
        "UPDATE contact_attempts SET note = NULL WHERE note IS NOT NULL AND case_id IN ({ids})",
        false,
    ),
    (
        "UPDATE case_events SET summary = '' WHERE case_id IN ({ids})",
        false,
    ),
    (
        "UPDATE cases SET household_key = substr(household_key, 1, 4) || '|gewist', \
         purged_at = $1 WHERE id IN ({ids})",
        true,
    ),
];

pub(super) const IMPORT_STATEMENTS: [Template; 1] = [(
    "UPDATE imports SET rejected_csv = NULL WHERE id IN ({ids})",
    false,
)];

/// The eviction track's kinds that end it: after either, nothing of the
/// track is running.
const TRACK_ENDS: &str = "'ontruimd','voorkomen'";

/// Ids of the tenancies that are due: in gemeente `$1` (cut-off `$2`), or,
/// for the rest, routed to no gemeente (cut-off `$1`). Due when the latest
/// stage of the track is `ontruimd` or `voorkomen` and neither an event
/// nor a ledger entry is dated after the closed-case cut-off.
pub(crate) fn due_tenancies_sql(in_gemeente: bool) -> String {
    let (scope, cutoff) = if in_gemeente {
        ("t.gemeente_org_id = $1", "$2")
    } else {
        ("t.gemeente_org_id IS NULL", "$1")
    };
    let stages = crate::tenancy::STAGE_KINDS
        .iter()
        .map(|k| format!("'{k}'"))
        .collect::<Vec<_>>()
        .join(",");
    format!(
        "SELECT t.id FROM tenancies t WHERE {scope} AND t.purged_at IS NULL \
         AND (SELECT e.kind FROM tenancy_events e WHERE e.tenancy_id = t.id \
         AND e.kind IN ({stages}) ORDER BY e.on_date DESC, e.id DESC LIMIT 1) IN ({TRACK_ENDS}) \
         AND NOT EXISTS (SELECT 1 FROM tenancy_events e WHERE e.tenancy_id = t.id \
         AND e.on_date > {cutoff}) \
         AND NOT EXISTS (SELECT 1 FROM tenancy_ledger l WHERE l.tenancy_id = t.id \
         AND l.on_date > {cutoff}) ORDER BY t.id"
    )
}

/// Gemeente `$1`'s art. 14 notices whose planned (else intended) eviction
/// date is on or before the closed-case cut-off `$2`.
pub(crate) const DUE_NOTICES: &str = "SELECT id FROM eviction_notices \
     WHERE gemeente_org_id = $1 AND purged_at IS NULL \
     AND COALESCE(planned_date, intended_date) <= $2 ORDER BY id";

/// The notices, not yet purged, of a chunk of tenancies.
pub(crate) fn notices_of_tenancies_sql(count: usize) -> String {
    format!(
        "SELECT id FROM eviction_notices WHERE purged_at IS NULL AND tenancy_id IN ({})",
        crate::intake::placeholders(1, count)
    )
}

/// `(id, details)` of the events and of the overrides of a chunk of
/// tenancies, for `plan::details_without_free_text`.
pub(crate) fn details_sql(table: &str, count: usize) -> String {
    format!(
        "SELECT id, details FROM {table} WHERE tenancy_id IN ({})",
        crate::intake::placeholders(1, count)
    )
}

/// The tables whose `details` a purge strips.
pub(crate) const DETAIL_TABLES: [&str; 2] = ["tenancy_events", "gate_overrides"];

pub(crate) fn set_details_sql(table: &str) -> String {
    format!("UPDATE {table} SET details = $1 WHERE id = $2")
}

pub(super) const TENANCY_STATEMENTS: [Template; 7] = [
    // The tenant channel: a letter's HTML names the tenants and their
    // address, a response's detail and answer are their own words and
    // contact wishes; kind, amounts, dates and ids stay for the response
    // rates. A purged tenancy's links end, so no old letter opens anything.
    (
        "UPDATE tenant_letters SET html = '' WHERE tenancy_id IN ({ids})",
        false,
    ),
    (
        "UPDATE tenant_responses SET detail = '{}', answer = NULL WHERE tenancy_id IN ({ids})",
        false,
    ),
    (
        "UPDATE tenant_links SET revoked_at = COALESCE(revoked_at, $1) \
         WHERE tenancy_id IN ({ids})",
        true,
    ),
    (
        "UPDATE tenancy_ledger SET description = NULL, reference = NULL \
         WHERE tenancy_id IN ({ids})",
        false,
    ),
    (
        "UPDATE tenancy_events SET document_name = NULL, document_sha256 = NULL \
         WHERE document_name IS NOT NULL AND tenancy_id IN ({ids})",
        false,
    ),
    (
        "UPDATE gate_overrides SET reason = 'gewist', document_name = NULL, \
         document_sha256 = NULL WHERE tenancy_id IN ({ids})",
        false,
    ),
    (
        "UPDATE tenancies SET reference = 'gewist-' || CAST(id AS TEXT) || ' ', tenants = '[]', \
         street = NULL, house_number = 0, addition = NULL, postcode = substr(postcode, 1, 4), \
         household_key = substr(household_key, 1, 4) || '|gewist', purged_at = $1 \
         WHERE id IN ({ids})",
        true,
    ),
];

pub(super) const NOTICE_STATEMENTS: [Template; 1] = [(
    "UPDATE eviction_notices SET tenants = '[]', street = NULL, house_number = 0, \
     addition = NULL, postcode = substr(postcode, 1, 4), \
     household_key = substr(household_key, 1, 4) || '|gewist', purged_at = $1 \
     WHERE id IN ({ids})",
    true,
)];
