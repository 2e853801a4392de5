//! Review-by dates: every published practice is looked at again by the
//! editors, by default a year after publication, so the kennisbank does not
//! quietly go out of date.

use chrono::{Months, NaiveDate};

/// Publication date + 12 months. A practice published on 29 February is
/// due on 28 February of the next year: the end of the same month, never a
/// day in March.
pub fn default_review_by(published_on: NaiveDate) -> NaiveDate {
    published_on
        .checked_add_months(Months::new(12))
        .unwrap_or(NaiveDate::MAX)
}

/// Overdue from the day after the review-by date: the date itself is the
/// day the review is due, not late yet.
pub fn is_overdue(review_by: NaiveDate, today: NaiveDate) -> bool {
    today > review_by
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn default_review_by_table() {
        let cases = [
            (d(2026, 11, 22), d(2027, 11, 22)),
            (d(2024, 2, 29), d(2025, 2, 28)),
            (d(2027, 2, 28), d(2028, 2, 28)),
            (d(2026, 12, 31), d(2027, 12, 31)),
            (d(2026, 1, 1), d(2027, 1, 1)),
        ];
        for (published, due) in cases {
            assert_eq!(default_review_by(published), due, "{published}");
        }
    }

    #[test]
    fn overdue_table() {
        let due = d(2027, 9, 1);
        let cases = [
            (d(2027, 8, 31), false),
            (d(2027, 9, 1), false),
            (d(2027, 9, 2), true),
            (d(2030, 1, 1), true),
        ];
        for (today, overdue) in cases {
            assert_eq!(is_overdue(due, today), overdue, "{today}");
        }
    }
}
