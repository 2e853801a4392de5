//! What the DDAS delivery reads: a gemeente's cases of a period, a page at a
//! time by keyset, each with its state, signals and contact attempts, so an
//! export of any size runs in constant memory.
//!
//! A case belongs to the period when it was in progress at some time in it:
//! it has a signal dated on or before the period's last day, and it was not
//! closed or declined before the period's first day. DDAS calls a delivery
//! the signals and cases "over een bepaalde periode"; a case still open is
//! reported in every period it is open, with its status, and CBS recognises
//! it again by its signals' IDs. Each case comes with all its signals (the
//! schema wants at least one) and all its contact attempts, also those of a
//! hulpverlener after a hand-off, as they stand when the page is read.
//!
//! The writer reads the pages twice (DDAS lists every signal before every
//! case). A `DdasHorizon` taken once before the first pass keeps cases and
//! signals created in between out of both passes, so a case never refers to
//! a signal the first pass did not list.

use crate::Result;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use vangnet_domain::casework::state::CaseState;

/// The highest case and signal ids when an export starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DdasHorizon {
    pub last_case_id: i64,
    pub last_signal_id: i64,
}

/// Which cases an export reads: one gemeente, one period (both days
/// included), nothing newer than the horizon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DdasSelection {
    pub gemeente_org_id: i64,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub horizon: DdasHorizon,
}

/// A case with everything the delivery reports of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DdasCase {
    pub id: i64,
    /// The date of the signal that opened the case: matching reaches from it.
    pub opened_on: NaiveDate,
    /// When matching created the case (DDAS `matchingsdatum`).
    pub created_at: DateTime<Utc>,
    pub state: CaseState,
    /// Oldest signal date first.
    pub signals: Vec<DdasSignal>,
    /// Oldest first.
    pub contact_attempts: Vec<DdasContactAttempt>,
}

/// A signal's DDAS fields, as stored: enumerations as their DDAS strings,
/// the amount in cents, personal fields empty once purged.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DdasSignal {
    pub case_id: i64,
    pub id: i64,
    pub partner_type: String,
    pub amount_cents: i64,
    pub crisis: bool,
    pub warm_handover: bool,
    pub arrears_start: Option<NaiveDate>,
    pub signal_date: NaiveDate,
    pub bsn: Option<String>,
    pub initials: Option<String>,
    pub prefix: Option<String>,
    pub surname: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub street: Option<String>,
    pub house_number: Option<i64>,
    pub addition: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DdasContactAttempt {
    pub case_id: i64,
    /// A DDAS EnumContactsoort string.
    pub kind: String,
    pub reached: bool,
    pub on_date: NaiveDate,
    /// A DDAS EnumDagdeel string.
    pub part_of_day: Option<String>,
}

#[async_trait]
pub trait DdasStore: Send + Sync {
    /// The horizon for an export that starts now.
    async fn ddas_horizon(&self) -> Result<DdasHorizon>;
    /// Up to `limit` cases of the selection with an id above
    /// `after_case_id`, in id order; the next page starts after the last.
    async fn ddas_cases(
        &self,
        selection: &DdasSelection,
        after_case_id: i64,
        limit: i64,
    ) -> Result<Vec<DdasCase>>;
}

/// Whether a case was not yet closed or declined when the period (from `$2`)
/// began; the signal and attempt queries repeat it so they read no rows of
/// the older cases between a page's first and last id.
macro_rules! not_closed_before {
    () => {
        "(c.closed_on IS NULL OR c.closed_on >= $2)"
    };
}

/// The cases of the selection: `$1` gemeente, `$2`/`$3` the period, `$4`/`$5`
/// the horizon, `$6` the keyset, `$7` the page size. The signal test also
/// keeps out a case without signals (the schema wants at least one), such
/// as one whose signals all moved to another case after a correction.
///
/// `+c.gemeente_org_id` keeps SQLite (without statistics) from walking the
/// queue index over all the gemeente's cases for every page; the id range
/// on the primary key is what makes each page cheap. Here and below, the
/// unary plus means the same on PostgreSQL.
pub(crate) const CASES: &str = concat!(
    "SELECT c.id, c.opened_on, c.created_at, c.state FROM cases c \
     WHERE +c.gemeente_org_id = $1 AND c.id > $6 AND c.id <= $4 AND ",
    not_closed_before!(),
    " AND EXISTS (SELECT 1 FROM signals s WHERE s.case_id = c.id AND s.id <= $5 \
       AND s.signal_date <= $3) ORDER BY c.id LIMIT $7"
);

/// The signals of a page's cases, by its id range `$3`..=`$4`; a case in
/// the range but not on the page is dropped when merging.
pub(crate) const SIGNALS: &str = concat!(
    "SELECT s.case_id, s.id, s.partner_type, s.amount_cents, s.crisis, s.warm_handover, \
     s.arrears_start, s.signal_date, s.bsn, s.initials, s.prefix, s.surname, s.birth_date, \
     s.street, s.house_number, s.addition, s.postcode, s.city \
     FROM signals s JOIN cases c ON c.id = s.case_id \
     WHERE +c.gemeente_org_id = $1 AND c.id BETWEEN $3 AND $4 AND s.case_id BETWEEN $3 AND $4 \
     AND s.id <= $5 AND ",
    not_closed_before!(),
    " ORDER BY s.case_id, s.signal_date, s.id"
);

pub(crate) const ATTEMPTS: &str = concat!(
    "SELECT a.case_id, a.kind, a.reached, a.on_date, a.part_of_day \
     FROM contact_attempts a JOIN cases c ON c.id = a.case_id \
     WHERE +c.gemeente_org_id = $1 AND c.id BETWEEN $3 AND $4 AND a.case_id BETWEEN $3 AND $4 \
     AND ",
    not_closed_before!(),
    " ORDER BY a.case_id, a.on_date, a.id"
);

#[derive(sqlx::FromRow)]
pub(crate) struct CaseRow {
    pub id: i64,
    pub opened_on: NaiveDate,
    pub created_at: crate::ts::Ts,
    pub state: Option<String>,
}

/// Joins a page's cases with their signals and attempts; all three lists
/// are sorted by case id.
pub(crate) fn assemble(
    cases: Vec<CaseRow>,
    signals: Vec<DdasSignal>,
    attempts: Vec<DdasContactAttempt>,
) -> Result<Vec<DdasCase>> {
    let mut signals = signals.into_iter().peekable();
    let mut attempts = attempts.into_iter().peekable();
    let mut page = Vec::with_capacity(cases.len());
    for row in cases {
        while signals.next_if(|s| s.case_id < row.id).is_some() {}
        while attempts.next_if(|a| a.case_id < row.id).is_some() {}
        let state = match &row.state {
            Some(text) => serde_json::from_str(text).map_err(|e| {
                crate::StoreError::Unsupported(format!("zaak {} is onleesbaar: {e}", row.id))
            })?,
            None => CaseState::new(),
        };
        page.push(DdasCase {
            id: row.id,
            opened_on: row.opened_on,
            created_at: row.created_at.0,
            state,
            signals: std::iter::from_fn(|| signals.next_if(|s| s.case_id == row.id)).collect(),
            contact_attempts: std::iter::from_fn(|| attempts.next_if(|a| a.case_id == row.id))
                .collect(),
        });
    }
    Ok(page)
}

/// `DdasStore` for a backend store type with a `pool`; the SQL is the same
/// on both.
macro_rules! ddas_impl {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::casework::DdasStore for $store {
            async fn ddas_horizon(&self) -> Result<$crate::casework::ddas::DdasHorizon> {
                let (last_case_id, last_signal_id): (i64, i64) = sqlx::query_as(
                    "SELECT CAST(COALESCE((SELECT MAX(id) FROM cases), 0) AS BIGINT), \
                     CAST(COALESCE((SELECT MAX(id) FROM signals), 0) AS BIGINT)",
                )
                .fetch_one(&self.pool)
                .await?;
                Ok($crate::casework::ddas::DdasHorizon {
                    last_case_id,
                    last_signal_id,
                })
            }

            async fn ddas_cases(
                &self,
                selection: &$crate::casework::ddas::DdasSelection,
                after_case_id: i64,
                limit: i64,
            ) -> Result<Vec<$crate::casework::ddas::DdasCase>> {
                use $crate::casework::ddas as d;
                let cases: Vec<d::CaseRow> = sqlx::query_as(d::CASES)
                    .bind(selection.gemeente_org_id)
                    .bind(selection.from)
                    .bind(selection.to)
                    .bind(selection.horizon.last_case_id)
                    .bind(selection.horizon.last_signal_id)
                    .bind(after_case_id)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                let (Some(first), Some(last)) = (cases.first(), cases.last()) else {
                    return Ok(Vec::new());
                };
                let (first, last) = (first.id, last.id);
                let signals = sqlx::query_as(d::SIGNALS)
                    .bind(selection.gemeente_org_id)
                    .bind(selection.from)
                    .bind(first)
                    .bind(last)
                    .bind(selection.horizon.last_signal_id)
                    .fetch_all(&self.pool)
                    .await?;
                let attempts = sqlx::query_as(d::ATTEMPTS)
                    .bind(selection.gemeente_org_id)
                    .bind(selection.from)
                    .bind(first)
                    .bind(last)
                    .fetch_all(&self.pool)
                    .await?;
                d::assemble(cases, signals, attempts)
            }
        }
    };
}

pub(crate) use ddas_impl;
