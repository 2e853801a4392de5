use super::first_cost_day;
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

#[test]
fn first_cost_day_table() {
    // (sent, receipt_days, term_days, first day costs may be charged, why)
    let cases = [
        (
            "2026-03-02",
            2,
            14,
            "2026-03-19",
            "received 4th, term 5th-18th",
        ),
        (
            "2026-03-02",
            0,
            14,
            "2026-03-17",
            "received the day it was sent",
        ),
        ("2026-03-02", 5, 14, "2026-03-22", "slow post"),
        ("2026-03-02", 2, 21, "2026-03-26", "a longer term"),
        (
            "2026-03-02",
            2,
            1,
            "2026-03-06",
            "a one-day term is the day after receipt",
        ),
        (
            "2026-03-02",
            2,
            0,
            "2026-03-05",
            "no term: the day after receipt",
        ),
        ("2026-01-30", 2, 14, "2026-02-16", "over a month end"),
        (
            "2024-02-10",
            2,
            14,
            "2024-02-27",
            "leap year: 29 Feb lies in the term",
        ),
        (
            "2024-02-14",
            2,
            14,
            "2024-03-02",
            "leap year: 29 Feb is a day of the term",
        ),
        ("2025-02-14", 2, 14, "2025-03-03", "no leap day"),
        ("2025-12-20", 2, 14, "2026-01-06", "over the year end"),
        (
            "2026-12-25",
            2,
            14,
            "2027-01-11",
            "holidays do not matter: calendar days",
        ),
    ];
    for (sent, receipt, term, expected, why) in cases {
        assert_eq!(first_cost_day(d(sent), receipt, term), d(expected), "{why}");
    }
}

#[test]
fn the_first_day_is_exactly_sent_plus_receipt_plus_term_plus_one() {
    let sent = d("2026-06-15");
    for receipt in 0..10u32 {
        for term in 1..40u32 {
            let days = i64::from(receipt + term + 1);
            assert_eq!(
                (first_cost_day(sent, receipt, term) - sent).num_days(),
                days,
                "{receipt} {term}"
            );
        }
    }
}
