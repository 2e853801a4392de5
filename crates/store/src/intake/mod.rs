//! Storing one batch of signals: idempotency by (partner, kenmerk), history
//! on change, and matching into cases, with what both backends share: the
//! SQL (`sql.rs`), the in-memory case index, and the bookkeeping types.
//! PostgreSQL runs the batch set-based (`set_based.rs`); SQLite runs it on
//! its own connection (`crate::sqlite_intake`). Batches are serialised
//! (`lock_intake` on PostgreSQL, `BEGIN IMMEDIATE` on SQLite), so two
//! concurrent imports end as if run one after the other.

mod case_index;
mod set_based;
pub(crate) mod sql;
pub(crate) use set_based::intake_queries;

use crate::signal_records::{CaseLink, NewSignal, SignalOutcome};
pub(crate) use case_index::CaseIndex;
use chrono::NaiveDate;
use std::collections::HashMap;
use vangnet_domain::matching::{Incoming, MatchDecision, MatchSettings};
use vangnet_domain::routing::Route;

/// Rows per multi-row INSERT: 30 × 34 columns stays far below both
/// backends' limits on parameters per statement.
pub(crate) const ROWS_PER_INSERT: usize = 30;
/// Values per `IN (…)` list.
pub(crate) const IN_CHUNK: usize = 500;

#[derive(sqlx::FromRow, Clone)]
pub(crate) struct ExistingSignal {
    pub id: i64,
    pub kenmerk: String,
    pub content_hash: String,
    pub version: i64,
    pub amount_cents: i64,
    pub arrears_start: Option<NaiveDate>,
    pub signal_date: NaiveDate,
    pub household_key: String,
    pub routing: String,
    pub gemeente_org_id: Option<i64>,
    pub case_id: Option<i64>,
    pub match_reason: Option<String>,
}

impl ExistingSignal {
    /// What is stored for `signal` once it is written at `at`, so a later
    /// row of the same batch with the same kenmerk is compared with it.
    pub fn stored(id: i64, version: i64, signal: &NewSignal, at: &Placement) -> ExistingSignal {
        ExistingSignal {
            id,
            kenmerk: signal.kenmerk.clone(),
            content_hash: signal.content_hash.clone(),
            version,
            amount_cents: signal.amount_cents,
            arrears_start: signal.arrears_start,
            signal_date: signal.signal_date,
            household_key: signal.household_key.clone(),
            routing: at.routing.clone(),
            gemeente_org_id: at.gemeente,
            case_id: at.case_id,
            match_reason: at.reason.clone(),
        }
    }
}

/// Where a signal sits: its routing, gemeente and case.
pub(crate) struct Placement {
    pub routing: String,
    pub gemeente: Option<i64>,
    pub case_id: Option<i64>,
    pub reason: Option<String>,
}

impl Placement {
    pub fn new(signal: &NewSignal, case: CaseLink, reason: Option<&str>) -> Placement {
        let (routing, gemeente) = routing_slug(signal);
        Placement {
            routing: routing.to_string(),
            gemeente,
            case_id: case_id_of(case),
            reason: reason.map(str::to_string),
        }
    }

    pub fn of(old: &ExistingSignal) -> Placement {
        Placement {
            routing: old.routing.clone(),
            gemeente: old.gemeente_org_id,
            case_id: old.case_id,
            reason: old.match_reason.clone(),
        }
    }
}

/// A resent signal whose address or routing changed must be placed anew:
/// the old gemeente and case no longer fit it.
pub(crate) fn moved(old: &ExistingSignal, signal: &NewSignal) -> bool {
    let (routing, gemeente) = routing_slug(signal);
    old.household_key != signal.household_key
        || old.routing != routing
        || old.gemeente_org_id != gemeente
}

pub(crate) fn case_id_of(link: CaseLink) -> Option<i64> {
    match link {
        CaseLink::Created { case_id, .. } | CaseLink::Joined { case_id } => Some(case_id),
        CaseLink::None => None,
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct CandidateRow {
    pub id: i64,
    pub gemeente_org_id: i64,
    pub household_key: String,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub bsn: Option<String>,
}

pub(crate) type SettingsCache = HashMap<i64, MatchSettings>;

/// A gemeente's stored matching settings, or the defaults when it has none.
pub(crate) fn match_settings_of(row: Option<(i64, i64)>) -> MatchSettings {
    row.map_or_else(MatchSettings::default, |(period, window)| MatchSettings {
        matching_period_months: period as u32,
        repeat_window_months: window as u32,
    })
}

pub(crate) fn case_link(decision: &MatchDecision, case_id: i64) -> CaseLink {
    match decision {
        MatchDecision::Join { .. } => CaseLink::Joined { case_id },
        MatchDecision::NewCase { repeat_of } => CaseLink::Created {
            case_id,
            repeat: repeat_of.is_some(),
        },
    }
}

pub(crate) fn incoming(signal: &NewSignal) -> Incoming<'_> {
    Incoming {
        household_key: &signal.household_key,
        bsn: signal.bsn.as_deref(),
        signal_date: signal.signal_date,
    }
}

pub(crate) fn routing_slug(signal: &NewSignal) -> (&'static str, Option<i64>) {
    match &signal.route {
        Route::Gemeente(id) => ("routed", Some(*id)),
        Route::Unroutable => ("unroutable", None),
        Route::Conflict(_) => ("conflict", None),
    }
}

/// The audit entry of one stored batch, written in the batch's transaction;
/// the import's start entry says who sent it.
pub(crate) fn batch_event(
    import_id: i64,
    partner_org_id: i64,
    outcomes: &[SignalOutcome],
) -> vangnet_domain::audit::AuditEvent {
    let count = |f: fn(&SignalOutcome) -> bool| outcomes.iter().filter(|o| f(o)).count();
    let detail = serde_json::json!({
        "created": count(|o| matches!(o, SignalOutcome::Created { .. })),
        "updated": count(|o| matches!(o, SignalOutcome::Updated { .. })),
        "duplicates": count(|o| matches!(o, SignalOutcome::Duplicate { .. })),
    });
    vangnet_domain::audit::AuditEvent::new("signals.store", "import", Some(import_id.to_string()))
        .by_label("import")
        .in_org(Some(partner_org_id))
        .with_detail(detail)
}

/// "$first, $first+1, …" for `count` parameters.
pub(crate) fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A signal's own columns, bound by `bind_signal_columns!`.
pub(crate) const SIGNAL_COLUMNS: &str = "kenmerk, partner_type, amount_cents, arrears_start, \
     signal_date, crisis, warm_handover, bsn, initials, prefix, surname, birth_date, phone, email, \
     street, house_number, addition, postcode, city, household_key, monthly_rent_cents, \
     contact_tried, pointed_to_help, reminder_sent_on, content_hash, contact_wish";
pub(crate) const INSERT_COLUMN_COUNT: usize = 34;

/// `INSERT … VALUES (…), (…)` for `rows` rows.
pub(crate) fn insert_sql(rows: usize) -> String {
    let values: Vec<String> = (0..rows)
        .map(|r| {
            let first = r * INSERT_COLUMN_COUNT + 1;
            format!("({})", placeholders(first, INSERT_COLUMN_COUNT))
        })
        .collect();
    format!(
        "INSERT INTO signals (partner_org_id, gemeente_org_id, routing, case_id, match_reason, \
         {SIGNAL_COLUMNS}, import_id, created_at, updated_at) VALUES {}",
        values.join(", ")
    )
}

/// A case opened by this batch, written with the batch's other new cases
/// in one multi-row INSERT. Until then it has a provisional, negative id.
pub(crate) struct NewCase {
    pub provisional_id: i64,
    pub gemeente: i64,
    pub household_key: String,
    pub opened_on: NaiveDate,
    pub repeat_of: Option<i64>,
}

#[derive(sqlx::FromRow)]
pub(crate) struct InsertedCase {
    pub id: i64,
    pub gemeente_org_id: i64,
    pub household_key: String,
    pub opened_on: NaiveDate,
}

/// `INSERT INTO cases … VALUES (…), (…) RETURNING …` for `rows` rows.
pub(crate) fn insert_cases_sql(rows: usize) -> String {
    let values: Vec<String> = (0..rows)
        .map(|r| format!("({})", placeholders(r * 5 + 1, 5)))
        .collect();
    format!(
        "INSERT INTO cases (gemeente_org_id, household_key, opened_on, repeat_of_case_id, \
         created_at) VALUES {} RETURNING id, gemeente_org_id, household_key, opened_on",
        values.join(", ")
    )
}

/// Replaces a provisional case id by the real one.
pub(crate) fn resolve(id: i64, real: &HashMap<i64, i64>) -> i64 {
    if id < 0 {
        real.get(&id).copied().unwrap_or(id)
    } else {
        id
    }
}

pub(crate) fn resolve_link(link: CaseLink, real: &HashMap<i64, i64>) -> CaseLink {
    match link {
        CaseLink::Created { case_id, repeat } => CaseLink::Created {
            case_id: resolve(case_id, real),
            repeat,
        },
        CaseLink::Joined { case_id } => CaseLink::Joined {
            case_id: resolve(case_id, real),
        },
        CaseLink::None => CaseLink::None,
    }
}

/// A new signal waiting for the multi-row INSERT.
pub(crate) struct Pending {
    pub position: usize,
    pub case: CaseLink,
    pub reason: Option<&'static str>,
}

/// Where each signal of the batch stands while the batch is decided.
pub(crate) type Outcomes = Vec<Option<SignalOutcome>>;

/// Binds a signal's own columns, in the order of `SIGNAL_COLUMNS`; shared
/// by every INSERT of a signal.
macro_rules! bind_signal_columns {
    ($query:expr, $s:expr) => {
        $query
            .bind(&$s.kenmerk)
            .bind(&$s.partner_type)
            .bind($s.amount_cents)
            .bind($s.arrears_start)
            .bind($s.signal_date)
            .bind($s.crisis)
            .bind($s.warm_handover)
            .bind(&$s.bsn)
            .bind(&$s.initials)
            .bind(&$s.prefix)
            .bind(&$s.surname)
            .bind($s.birth_date)
            .bind(&$s.phone)
            .bind(&$s.email)
            .bind(&$s.street)
            .bind($s.house_number)
            .bind(&$s.addition)
            .bind(&$s.postcode)
            .bind(&$s.city)
            .bind(&$s.household_key)
            .bind($s.monthly_rent_cents)
            .bind($s.contact_tried)
            .bind($s.pointed_to_help)
            .bind($s.reminder_sent_on)
            .bind(&$s.content_hash)
            .bind(&$s.contact_wish)
    };
}

pub(crate) use bind_signal_columns;
