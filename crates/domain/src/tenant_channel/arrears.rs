//! The arrears a letter claims, month by month, from a tenancy's ledger:
//! payments pay off the oldest month first (art. 6:43 BW: a payment goes
//! to the oldest debt when the payer names none), so what is left open is
//! the newest months, and the lines add up to exactly the balance.

use super::letter::ArrearsLine;
use chrono::{Datelike, NaiveDate};

/// `dues` as (day it fell due, cents) in any order; `paid_cents` is every
/// payment together. Months with nothing left open are left out, so a
/// ledger that is paid up gives no lines at all.
pub fn arrears_lines(dues: &[(NaiveDate, i64)], paid_cents: i64) -> Vec<ArrearsLine> {
    let mut months: Vec<(NaiveDate, i64)> = Vec::new();
    let mut sorted: Vec<(NaiveDate, i64)> = dues.iter().copied().filter(|d| d.1 > 0).collect();
    sorted.sort_by_key(|d| d.0);
    for (day, cents) in sorted {
        let first = day.with_day(1).unwrap_or(day);
        match months.last_mut() {
            Some((month, sum)) if *month == first => *sum += cents,
            _ => months.push((first, cents)),
        }
    }
    let mut left_to_apply = paid_cents.max(0);
    let mut lines = Vec::new();
    for (month, due) in months {
        let applied = left_to_apply.min(due);
        left_to_apply -= applied;
        if due > applied {
            lines.push(ArrearsLine {
                month,
                amount_cents: due - applied,
            });
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn cents(lines: &[ArrearsLine]) -> Vec<(String, i64)> {
        lines
            .iter()
            .map(|l| (l.month.format("%Y-%m").to_string(), l.amount_cents))
            .collect()
    }

    #[test]
    fn payments_clear_the_oldest_months_first() {
        let dues = [
            (d("2026-03-01"), 75_000),
            (d("2026-01-01"), 75_000),
            (d("2026-02-01"), 75_000),
            (d("2026-02-15"), 1_000),
        ];
        let cases: [(i64, Vec<(&str, i64)>); 5] = [
            (
                0,
                vec![
                    ("2026-01", 75_000),
                    ("2026-02", 76_000),
                    ("2026-03", 75_000),
                ],
            ),
            (
                50_000,
                vec![
                    ("2026-01", 25_000),
                    ("2026-02", 76_000),
                    ("2026-03", 75_000),
                ],
            ),
            (75_000, vec![("2026-02", 76_000), ("2026-03", 75_000)]),
            (226_000, vec![]),
            (300_000, vec![]),
        ];
        for (paid, expected) in cases {
            let expected: Vec<(String, i64)> = expected
                .into_iter()
                .map(|(m, c)| (m.to_string(), c))
                .collect();
            assert_eq!(cents(&arrears_lines(&dues, paid)), expected, "paid {paid}");
        }
    }

    #[test]
    fn the_lines_add_up_to_the_balance() {
        let dues = [(d("2026-01-01"), 70_001), (d("2026-02-01"), 70_001)];
        for paid in [0, 1, 70_000, 70_001, 70_002, 140_001] {
            let sum: i64 = arrears_lines(&dues, paid)
                .iter()
                .map(|l| l.amount_cents)
                .sum();
            assert_eq!(sum, (140_002 - paid).max(0), "paid {paid}");
        }
    }
}
