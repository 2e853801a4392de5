//! The tenancy store's SQL, the same on both backends (`$N` parameters; a
//! parameter that may be NULL in a comparison is cast, so PostgreSQL knows
//! its type). Every read of a verhuurder's data joins `tenancies` and
//! filters on `t.verhuurder_org_id = $1`.

use super::STAGE_KINDS;

/// Dues minus payments of the tenancy `t`.
const ARREARS: &str = "CAST(COALESCE((SELECT SUM(CASE WHEN l.kind = 'due' \
     THEN l.amount_cents ELSE -l.amount_cents END) FROM tenancy_ledger l \
     WHERE l.tenancy_id = t.id), 0) AS BIGINT)";

/// The tenancies of verhuurder `$1` that meet `condition`, with arrears,
/// whole months in arrears (integer division rounds down) and stage, in
/// `tail`'s order and page.
pub(crate) fn tenancy_query(condition: &str, tail: &str) -> String {
    let stages = STAGE_KINDS
        .iter()
        .map(|k| format!("'{k}'"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "SELECT x.*, CASE WHEN x.arrears_cents > 0 \
           THEN x.arrears_cents / x.monthly_rent_cents ELSE 0 END AS months_in_arrears \
         FROM (SELECT t.id, t.verhuurder_org_id, t.reference, t.tenants, t.street, \
           t.house_number, t.addition, t.postcode, t.city, t.household_key, t.gemeente_org_id, \
           t.gemeentecode, t.grounds, t.monthly_rent_cents, t.start_date, t.version, \
           t.created_at, t.updated_at, {ARREARS} AS arrears_cents, \
           (SELECT e.kind FROM tenancy_events e WHERE e.tenancy_id = t.id \
             AND e.kind IN ({stages}) ORDER BY e.on_date DESC, e.id DESC LIMIT 1) AS stage \
           FROM tenancies t WHERE t.verhuurder_org_id = $1 AND {condition} {tail}) x \
         ORDER BY x.reference, x.id"
    )
}

/// Same bind order as `UPDATE_TENANCY` (`bind_tenancy!`).
pub(crate) const INSERT_TENANCY: &str = "INSERT INTO tenancies (verhuurder_org_id, reference, \
     tenants, street, house_number, addition, postcode, city, household_key, gemeente_org_id, \
     gemeentecode, grounds, monthly_rent_cents, start_date, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) \
     ON CONFLICT (verhuurder_org_id, reference) DO NOTHING RETURNING id";

pub(crate) const UPDATE_TENANCY: &str = "UPDATE tenancies SET tenants = $3, street = $4, \
     house_number = $5, addition = $6, postcode = $7, city = $8, household_key = $9, \
     gemeente_org_id = $10, gemeentecode = $11, grounds = $12, monthly_rent_cents = $13, \
     start_date = $14, updated_at = $15, version = version + 1 \
     WHERE verhuurder_org_id = $1 AND reference = $2";

/// Raises the version of tenancy `$1` of verhuurder `$2` if it is still at
/// `$3` (any version when NULL); returns what an event needs.
pub(crate) const TOUCH_TENANCY: &str = "UPDATE tenancies SET version = version + 1, \
     updated_at = $4 WHERE id = $1 AND verhuurder_org_id = $2 \
     AND (CAST($3 AS BIGINT) IS NULL OR version = $3) \
     RETURNING version, gemeente_org_id, household_key";

pub(crate) const TENANCY_VERSION: &str =
    "SELECT version FROM tenancies WHERE id = $1 AND verhuurder_org_id = $2";

pub(crate) const INSERT_LEDGER: &str = "INSERT INTO tenancy_ledger (tenancy_id, kind, on_date, \
     amount_cents, description, reference, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
     ON CONFLICT (tenancy_id, reference) DO NOTHING RETURNING id";

pub(crate) const LEDGER_SELECT: &str = "SELECT l.id, l.kind, l.on_date, l.amount_cents, \
     l.description, l.reference, l.created_at FROM tenancy_ledger l \
     JOIN tenancies t ON t.id = l.tenancy_id \
     WHERE t.verhuurder_org_id = $1 AND l.tenancy_id = $2 ORDER BY l.on_date, l.id";

pub(crate) const INSERT_EVENT: &str = "INSERT INTO tenancy_events (tenancy_id, kind, on_date, \
     target_date, details, document_name, document_sha256, recorded_by_user_id, recorded_at, \
     gate_decision_id, override_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
     RETURNING id";

pub(crate) const EVENT_SELECT: &str = "SELECT e.id, e.tenancy_id, e.kind, e.on_date, \
     e.target_date, e.details, e.document_name, e.document_sha256, e.recorded_by_user_id, \
     u.name AS recorded_by_name, e.recorded_at, e.gate_decision_id, e.override_id \
     FROM tenancy_events e JOIN tenancies t ON t.id = e.tenancy_id \
     LEFT JOIN users u ON u.id = e.recorded_by_user_id \
     WHERE t.verhuurder_org_id = $1 AND e.tenancy_id = $2 ORDER BY e.on_date, e.id";

/// The household's open cases in the gemeente get their priority computed
/// again (`refresh_priorities`), now with the notice.
pub(crate) const REPRIORITISE_CASES: &str = "UPDATE cases SET priority = NULL \
     WHERE gemeente_org_id = $1 AND household_key = $2 AND closed_on IS NULL RETURNING id";

/// A case for a household without an open one, like intake opens them; it
/// repeats the household's latest (closed) case, if any.
pub(crate) const OPEN_CASE: &str = "INSERT INTO cases (gemeente_org_id, household_key, \
     opened_on, repeat_of_case_id, created_at) VALUES ($1, $2, $3, (SELECT MAX(c.id) \
     FROM cases c WHERE c.gemeente_org_id = $1 AND c.household_key = $2), $4) RETURNING id";

/// Copies the address and tenants of tenancy `$1` as they are now.
pub(crate) const INSERT_NOTICE: &str = "INSERT INTO eviction_notices (tenancy_id, event_id, \
     gemeente_org_id, verhuurder_org_id, case_id, tenants, street, house_number, addition, \
     postcode, city, household_key, notified_on, intended_date, created_at) \
     SELECT t.id, $2, t.gemeente_org_id, t.verhuurder_org_id, $3, t.tenants, t.street, \
     t.house_number, t.addition, t.postcode, t.city, t.household_key, $4, $5, $6 \
     FROM tenancies t WHERE t.id = $1 RETURNING id";

/// The latest notice of tenancy `$1` shows the planned date.
pub(crate) const PLAN_NOTICE: &str = "UPDATE eviction_notices SET planned_date = $2 \
     WHERE id = (SELECT MAX(n.id) FROM eviction_notices n WHERE n.tenancy_id = $1) \
     RETURNING case_id";

pub(crate) const INSERT_CASE_EVENT: &str = "INSERT INTO case_events (case_id, at, org_id, \
     actor_user_id, kind, summary) VALUES ($1, $2, $3, $4, $5, $6)";

pub(crate) const NOTICE_SELECT: &str = "SELECT n.id, n.verhuurder_org_id, \
     o.name AS verhuurder_name, n.case_id, n.tenants, n.street, n.house_number, n.addition, \
     n.postcode, n.city, n.household_key, n.notified_on, n.intended_date, n.planned_date, \
     n.created_at FROM eviction_notices n JOIN organisations o ON o.id = n.verhuurder_org_id \
     WHERE n.gemeente_org_id = $1 ORDER BY n.id DESC LIMIT $2 OFFSET $3";

pub(crate) const INSERT_DECISION: &str = "INSERT INTO gate_decisions (tenancy_id, \
     tenancy_version, step, evaluated_on, planned_date, allowed, reasons, policy_version, \
     decided_by_user_id, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
     RETURNING id";

/// A verhuurder's decisions (`$1`) that meet `condition`, oldest first.
pub(crate) fn decision_query(condition: &str) -> String {
    format!(
        "SELECT d.id, d.tenancy_id, d.tenancy_version, d.step, d.evaluated_on, d.planned_date, \
         d.allowed, d.reasons, d.policy_version, d.decided_by_user_id, d.decided_at \
         FROM gate_decisions d JOIN tenancies t ON t.id = d.tenancy_id \
         WHERE t.verhuurder_org_id = $1 AND {condition} ORDER BY d.id"
    )
}

pub(crate) const INSERT_OVERRIDE: &str = "INSERT INTO gate_overrides (tenancy_id, decision_id, \
     step, on_date, target_date, details, document_name, document_sha256, reason, \
     requested_by_user_id, requested_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
     RETURNING id";

pub(crate) const PENDING_OVERRIDE: &str = "SELECT id FROM gate_overrides \
     WHERE tenancy_id = $1 AND step = $2 AND status = 'pending'";

/// Only a pending override is decided, so two reviewers cannot both.
pub(crate) const DECIDE_OVERRIDE: &str = "UPDATE gate_overrides SET status = $2, \
     decided_by_user_id = $3, decided_at = $4 WHERE id = $1 AND status = 'pending'";

/// A verhuurder's overrides (`$1`) that meet `condition`, oldest first.
pub(crate) fn override_query(condition: &str) -> String {
    format!(
        "SELECT o.id, o.tenancy_id, o.decision_id, o.step, o.on_date, o.target_date, o.details, \
         o.document_name, o.document_sha256, o.reason, o.status, o.requested_by_user_id, \
         r.name AS requested_by_name, o.requested_at, o.decided_by_user_id, \
         d.name AS decided_by_name, o.decided_at, \
         (SELECT e.id FROM tenancy_events e WHERE e.override_id = o.id) AS event_id \
         FROM gate_overrides o JOIN tenancies t ON t.id = o.tenancy_id \
         LEFT JOIN users r ON r.id = o.requested_by_user_id \
         LEFT JOIN users d ON d.id = o.decided_by_user_id \
         WHERE t.verhuurder_org_id = $1 AND {condition} ORDER BY o.id"
    )
}

pub(crate) const INSERT_POLICY: &str = "INSERT INTO gate_policies (verhuurder_org_id, \
     all_areas, valid_from, valid_to, version_label, policy, created_by_user_id, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";

pub(crate) const INSERT_POLICY_AREA: &str =
    "INSERT INTO gate_policy_areas (policy_id, gemeentecode) VALUES ($1, $2)";

/// Policy rows of scope `$n`: the platform's when it is NULL.
pub(crate) fn in_scope(n: usize) -> String {
    format!(
        "(p.verhuurder_org_id = ${n} \
         OR (p.verhuurder_org_id IS NULL AND CAST(${n} AS BIGINT) IS NULL))"
    )
}

/// Policies meeting `condition`, in `order`. Area codes come sorted and
/// comma-separated (`string_agg` works on both backends, like the queue's).
pub(crate) fn policy_query(condition: &str, order: &str) -> String {
    format!(
        "SELECT p.id, p.verhuurder_org_id, p.all_areas, \
         (SELECT string_agg(a.gemeentecode, ',') FROM (SELECT g.gemeentecode \
           FROM gate_policy_areas g WHERE g.policy_id = p.id ORDER BY g.gemeentecode) a) \
           AS gemeentecodes, \
         p.valid_from, p.valid_to, p.version_label, p.policy, p.created_by_user_id, p.created_at \
         FROM gate_policies p WHERE {condition} ORDER BY {order}"
    )
}

/// In force for verhuurder `$1`, gemeentecode `$2` (NULL: all-area ones
/// only) and day `$3`.
pub(crate) fn policies_in_force() -> String {
    policy_query(
        "(p.verhuurder_org_id IS NULL OR p.verhuurder_org_id = $1) \
         AND p.valid_from <= $3 AND (p.valid_to IS NULL OR p.valid_to >= $3) \
         AND (p.all_areas OR EXISTS (SELECT 1 FROM gate_policy_areas g \
           WHERE g.policy_id = p.id AND g.gemeentecode = $2))",
        "CASE WHEN p.verhuurder_org_id IS NULL THEN 0 ELSE 1 END, p.valid_from, p.id",
    )
}
