//! What a case's priority is computed from: its signals, summed up in SQL
//! (`AGGREGATE`) and turned into the domain's `PriorityInput`.

use chrono::{Datelike, NaiveDate};
use vangnet_domain::casework::priority::PriorityInput;
use vangnet_domain::casework::EvictionStage;

/// Per case: the facts the score needs. Booleans are summed as 0/1 so the
/// SQL is the same on both backends.
pub(crate) const AGGREGATE: &str = "SELECT c.id, \
     CAST(COALESCE(SUM(CASE WHEN s.partner_type = 'Huur' THEN 1 ELSE 0 END), 0) AS BIGINT) AS rent_signals, \
     CAST(COUNT(DISTINCT s.partner_org_id) AS BIGINT) AS creditors, \
     CAST(COALESCE(SUM(CASE WHEN s.partner_type = 'Huur' THEN s.amount_cents ELSE 0 END), 0) AS BIGINT) AS rent_cents, \
     MAX(s.monthly_rent_cents) AS monthly_rent_cents, \
     MIN(s.arrears_start) AS arrears_start, \
     MAX(s.signal_date) AS last_signal_on, \
     CAST(COALESCE(SUM(CASE WHEN s.crisis THEN 1 ELSE 0 END), 0) AS BIGINT) AS crisis_signals, \
     CAST(COALESCE(SUM(CASE WHEN s.warm_handover THEN 1 ELSE 0 END), 0) AS BIGINT) AS warm_signals, \
     c.repeat_of_case_id, \
     (SELECT MIN(n.notified_on) FROM eviction_notices n WHERE n.case_id = c.id) \
       AS eviction_notice_on \
     FROM cases c LEFT JOIN signals s ON s.case_id = c.id";

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct PriorityRow {
    pub id: i64,
    pub rent_signals: i64,
    pub creditors: i64,
    pub rent_cents: i64,
    pub monthly_rent_cents: Option<i64>,
    pub arrears_start: Option<NaiveDate>,
    pub last_signal_on: Option<NaiveDate>,
    pub crisis_signals: i64,
    pub warm_signals: i64,
    pub repeat_of_case_id: Option<i64>,
    /// The earliest art. 14 melding of an intended eviction (`tenancy`):
    /// one column for both the priority and the short deadline
    /// (`deadline::shortened`), so the two cannot disagree.
    pub eviction_notice_on: Option<NaiveDate>,
}

/// Whole months from the start of the arrears to the latest signal. It is
/// counted at the signal, not today, so a stored priority does not go stale
/// overnight; a new signal recomputes it.
fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    let months = if to.day() < from.day() {
        months - 1
    } else {
        months
    };
    months.max(0) as u32
}

impl PriorityRow {
    pub fn input(&self) -> PriorityInput {
        let months_in_arrears = match (self.arrears_start, self.last_signal_on) {
            (Some(from), Some(to)) => months_between(from, to),
            _ => 0,
        };
        PriorityInput {
            has_rent_arrears: self.rent_signals > 0,
            creditor_count: self.creditors as u32,
            rent_arrears_cents: self.rent_cents,
            monthly_rent_cents: self.monthly_rent_cents,
            months_in_arrears,
            crisis: self.crisis_signals > 0,
            warm_handover: self.warm_signals > 0,
            repeat_signal: self.repeat_of_case_id.is_some(),
            // A verhuurder's melding means an eviction date is set: the
            // case goes first. The finer stages of the track are not yet
            // passed on from the tenancy.
            eviction_stage: self
                .eviction_notice_on
                .map(|_| EvictionStage::EvictionNotice),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_between_table() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let cases = [
            (d(2026, 1, 15), d(2026, 1, 31), 0),
            (d(2026, 1, 15), d(2026, 2, 14), 0),
            (d(2026, 1, 15), d(2026, 2, 15), 1),
            (d(2025, 11, 30), d(2026, 3, 1), 3),
            (d(2026, 3, 1), d(2026, 1, 1), 0),
        ];
        for (from, to, expected) in cases {
            assert_eq!(months_between(from, to), expected, "{from} → {to}");
        }
    }
}
