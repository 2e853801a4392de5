//! The statistics SQL, the same for both backends except where JSON is
//! read (`Dialect`). Counts are grouped by day, not month: grouping on the
//! indexed date column follows the covering index's order, so the database
//! aggregates while it scans, and both backends share one statement; the
//! days are folded into months in Rust (`fold.rs`), a few hundred rows.

use super::{DateRange, StatsScope};
use chrono::{Duration, NaiveDate};
use vangnet_domain::calendar::amsterdam_to_utc;
use vangnet_domain::tenancy::{DetailsShape, EventKind};

use crate::ts::Ts;

#[derive(Debug, Clone, Copy)]
pub(crate) enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// A top-level text field of a JSON text column.
    fn json_text(self, column: &str, key: &str) -> String {
        match self {
            Dialect::Sqlite => format!("json_extract({column}, '$.{key}')"),
            Dialect::Postgres => format!("(CAST({column} AS jsonb) ->> '{key}')"),
        }
    }
}

/// The owner condition for `scope`, with `$3` as the owner's id (`None`
/// binds nothing: PostgreSQL refuses a parameter the statement lacks).
pub(crate) fn owner(scope: StatsScope, gemeente: &str, verhuurder: &str) -> (String, Option<i64>) {
    match scope {
        StatsScope::All => (String::new(), None),
        StatsScope::Gemeente(id) => (format!(" AND {gemeente} = $3"), Some(id)),
        StatsScope::Verhuurder(id) => (format!(" AND {verhuurder} = $3"), Some(id)),
    }
}

pub(crate) fn signal_counts(scope: StatsScope) -> (String, Option<i64>) {
    let (filter, id) = match scope {
        // Every signal has a partner, so the platform's count is a range
        // scan per partner on the partner index instead of a table scan.
        StatsScope::All => (
            " AND s.partner_org_id IN (SELECT o.id FROM organisations o)".to_string(),
            None,
        ),
        _ => owner(scope, "s.gemeente_org_id", "s.partner_org_id"),
    };
    let sql = format!(
        "SELECT s.signal_date, s.partner_type, COUNT(*) FROM signals s \
         WHERE s.signal_date BETWEEN $1 AND $2{filter} \
         GROUP BY s.signal_date, s.partner_type"
    );
    (sql, id)
}

/// `None` for the verhuurder: cases are a gemeente's.
pub(crate) fn case_groups(scope: StatsScope) -> Option<(String, Option<i64>)> {
    let (filter, id) = case_owner(scope)?;
    let sql = format!(
        "SELECT c.opened_on, c.picked_up_on IS NOT NULL, c.contact_made_on IS NOT NULL, \
         c.handed_off_to_org_id IS NOT NULL, c.repeat_of_case_id IS NOT NULL, c.end_result, \
         COUNT(*) FROM cases c WHERE c.opened_on BETWEEN $1 AND $2{filter} \
         GROUP BY c.opened_on, c.picked_up_on IS NOT NULL, c.contact_made_on IS NOT NULL, \
         c.handed_off_to_org_id IS NOT NULL, c.repeat_of_case_id IS NOT NULL, c.end_result"
    );
    Some((sql, id))
}

pub(crate) fn case_dates(scope: StatsScope) -> Option<(String, Option<i64>)> {
    let (filter, id) = case_owner(scope)?;
    let sql = format!(
        "SELECT c.opened_on, c.picked_up_on, c.first_contact_on, COUNT(*) FROM cases c \
         WHERE c.opened_on BETWEEN $1 AND $2 AND c.stage <> 'niet-opgepakt'{filter} \
         GROUP BY c.opened_on, c.picked_up_on, c.first_contact_on"
    );
    Some((sql, id))
}

fn case_owner(scope: StatsScope) -> Option<(String, Option<i64>)> {
    match scope {
        StatsScope::Verhuurder(_) => None,
        _ => Some(owner(scope, "c.gemeente_org_id", "")),
    }
}

pub(crate) fn notice_counts(scope: StatsScope) -> (String, Option<i64>) {
    let (filter, id) = owner(scope, "n.gemeente_org_id", "n.verhuurder_org_id");
    let sql = format!(
        "SELECT n.notified_on, COUNT(*) FROM eviction_notices n \
         WHERE n.notified_on BETWEEN $1 AND $2{filter} GROUP BY n.notified_on"
    );
    (sql, id)
}

/// The slug an event of this kind carries for statistics, by its shape.
fn detail_key(kind: EventKind) -> Option<&'static str> {
    match kind.details_shape() {
        DetailsShape::Agreement => Some("status"),
        DetailsShape::Prevented => Some("hoe"),
        _ => None,
    }
}

/// `CASE e.kind WHEN … THEN <json field> END`, from the domain's kinds.
fn detail_expr(dialect: Dialect) -> String {
    let arms: String = EventKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let key = detail_key(kind)?;
            let value = dialect.json_text("e.details", key);
            Some(format!(" WHEN '{}' THEN {value}", kind.slug()))
        })
        .collect();
    format!("CASE e.kind{arms} END")
}

/// Only the asked kinds, by the kind and date index: a dashboard counts a
/// few rare kinds, so this reads those events alone, for any owner.
pub(crate) fn event_counts(
    dialect: Dialect,
    scope: StatsScope,
    kinds: &[EventKind],
) -> (String, Option<i64>) {
    let (filter, id) = owner(scope, "t.gemeente_org_id", "t.verhuurder_org_id");
    let detail = detail_expr(dialect);
    let kinds: Vec<String> = kinds.iter().map(|k| format!("'{}'", k.slug())).collect();
    let sql = format!(
        "SELECT e.on_date, e.kind, {detail}, COUNT(*) FROM tenancy_events e \
         JOIN tenancies t ON t.id = e.tenancy_id \
         WHERE e.kind IN ({}) AND e.on_date BETWEEN $1 AND $2{filter} \
         GROUP BY e.on_date, e.kind, {detail}",
        kinds.join(", ")
    );
    (sql, id)
}

/// A tenancy's furthest track position by `$2`, from the domain's list.
pub(crate) fn arrears_by_stage() -> String {
    let arms: String = EventKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let position = kind.track_position()?;
            Some(format!(" WHEN '{}' THEN {position}", kind.slug()))
        })
        .collect();
    format!(
        "SELECT a.stage, COUNT(*) FROM (SELECT t.id, \
         (SELECT CAST(MAX(CASE e.kind{arms} END) AS BIGINT) FROM tenancy_events e \
          WHERE e.tenancy_id = t.id AND e.on_date <= $2) AS stage \
         FROM tenancies t WHERE t.verhuurder_org_id = $1 \
         AND (SELECT COALESCE(SUM(CASE WHEN l.kind = 'due' THEN l.amount_cents \
              ELSE -l.amount_cents END), 0) FROM tenancy_ledger l \
              WHERE l.tenancy_id = t.id AND l.on_date <= $2) > 0) a \
         GROUP BY a.stage"
    )
}

pub(crate) fn gate_counts(scope: StatsScope) -> (String, Option<i64>) {
    let (filter, id) = owner(scope, "t.gemeente_org_id", "t.verhuurder_org_id");
    let sql = format!(
        "SELECT d.step, d.allowed, COUNT(*) FROM gate_decisions d \
         JOIN tenancies t ON t.id = d.tenancy_id \
         WHERE d.evaluated_on BETWEEN $1 AND $2{filter} GROUP BY d.step, d.allowed"
    );
    (sql, id)
}

/// Timestamps between `$1` (included) and `$2` (excluded): `Instants`.
pub(crate) fn override_counts(scope: StatsScope) -> (String, Option<i64>) {
    let (filter, id) = owner(scope, "t.gemeente_org_id", "t.verhuurder_org_id");
    let sql = format!(
        "SELECT o.status, COUNT(*) FROM gate_overrides o \
         JOIN tenancies t ON t.id = o.tenancy_id \
         WHERE o.requested_at >= $1 AND o.requested_at < $2{filter} GROUP BY o.status"
    );
    (sql, id)
}

pub(crate) const ORG_COUNTS: &str = "SELECT kind, COUNT(*) FROM organisations GROUP BY kind";

/// Revisions created in `Instants`; public suggestions have no author.
pub(crate) const KB_CONTRIBUTIONS: &str = "SELECT COUNT(*), \
     COALESCE(SUM(CASE WHEN r.author_user_id IS NOT NULL THEN 1 ELSE 0 END), 0) \
     FROM kb_revisions r WHERE r.created_at >= $1 AND r.created_at < $2";

/// Editors' decisions in `Instants` by the status they gave. A revision is
/// superseded after it was published (no reason) or, while changes were
/// requested (with the editor's reason), by its author's next proposal;
/// an open revision superseded that way was never decided (no editor).
/// That last step restamps `decided_at`, so a request for changes counts
/// on the day it was superseded, if it was.
pub(crate) const KB_DECISIONS: &str = "SELECT CASE WHEN r.status <> 'superseded' THEN r.status \
     WHEN r.decision_reason IS NULL THEN 'published' ELSE 'changes_requested' END AS decision, \
     COUNT(*) FROM kb_revisions r WHERE r.decided_at >= $1 AND r.decided_at < $2 \
     AND r.decided_by_user_id IS NOT NULL GROUP BY 1";

/// Practices published before `$1` (the end of the range) that still are.
pub(crate) const KB_PUBLISHED: &str = "SELECT COUNT(*) FROM kb_practices p \
     WHERE p.published_revision_id IS NOT NULL AND p.first_published_at < $1";

/// Reads in the months that overlap the range (`$1` the first day of the
/// first month, `$2` the range's last day), for published practices.
pub(crate) const KB_MOST_READ: &str = "SELECT p.slug, r.title, CAST(SUM(k.reads) AS BIGINT) \
     FROM kb_practice_reads k JOIN kb_practices p ON p.id = k.practice_id \
     JOIN kb_revisions r ON r.id = p.published_revision_id \
     WHERE k.month BETWEEN $1 AND $2 GROUP BY p.id, p.slug, r.title \
     ORDER BY 3 DESC, p.slug LIMIT 10";

pub(crate) const ADD_READS: &str = "INSERT INTO kb_practice_reads (practice_id, month, reads) \
     VALUES ($1, $2, $3) ON CONFLICT (practice_id, month) \
     DO UPDATE SET reads = kb_practice_reads.reads + excluded.reads";

pub(crate) const EVICTION_COST: &str =
    "SELECT eviction_cost_cents FROM stats_settings WHERE org_id = $1";

pub(crate) const SET_EVICTION_COST: &str = "INSERT INTO stats_settings \
     (org_id, eviction_cost_cents) VALUES ($1, $2) ON CONFLICT (org_id) \
     DO UPDATE SET eviction_cost_cents = excluded.eviction_cost_cents";

/// A range of Amsterdam days as UTC instants: from its first midnight to
/// the midnight after its last day, for timestamp columns.
pub(crate) fn instants(range: DateRange) -> (Ts, Ts) {
    let start = |day: NaiveDate| Ts(amsterdam_to_utc(day.and_time(chrono::NaiveTime::MIN)));
    (start(range.from), start(range.to + Duration::days(1)))
}
