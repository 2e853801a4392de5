//! Europe/Amsterdam time. The EU rule (CEST from the last Sunday of March
//! 01:00 UTC to the last Sunday of October 01:00 UTC) is fixed in
//! Directive 2000/84/EC, so it is computed here instead of shipping a
//! time-zone database.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .expect("valid date");
    let last = first_of_next - Duration::days(1);
    let back = last.weekday().num_days_from_sunday() as i64;
    last - Duration::days(back)
}

/// +02:00 in summer time, +01:00 otherwise.
pub fn amsterdam_offset(at: DateTime<Utc>) -> FixedOffset {
    let year = at.year();
    let start = Utc.from_utc_datetime(&last_sunday(year, 3).and_hms_opt(1, 0, 0).expect("time"));
    let end = Utc.from_utc_datetime(&last_sunday(year, 10).and_hms_opt(1, 0, 0).expect("time"));
    let hours = if at >= start && at < end { 2 } else { 1 };
    FixedOffset::east_opt(hours * 3600).expect("offset")
}

pub fn to_amsterdam(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    at.with_timezone(&amsterdam_offset(at))
}

/// "21-11-2026 23:13", the way Dutch users read a moment.
pub fn amsterdam_text(at: DateTime<Utc>) -> String {
    to_amsterdam(at).format("%d-%m-%Y %H:%M").to_string()
}

/// The calendar date in Amsterdam, which is what deadlines count in.
pub fn amsterdam_date(at: DateTime<Utc>) -> NaiveDate {
    to_amsterdam(at).date_naive()
}

/// The moment an Amsterdam wall-clock time happens, for schedules and
/// day boundaries. In the hour the clocks repeat (October, 02:00-03:00) it
/// is the first of the two; a time in the hour they skip (March) does not
/// exist and is read as winter time, i.e. an hour later in summer time.
pub fn amsterdam_to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    let read_as = |hours: i64| local.and_utc() - Duration::hours(hours);
    [2, 1]
        .into_iter()
        .map(read_as)
        .find(|at| to_amsterdam(*at).naive_local() == local)
        .unwrap_or_else(|| read_as(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn last_sundays() {
        for (year, march, october) in [
            (2024, 31, 27),
            (2025, 30, 26),
            (2026, 29, 25),
            (2027, 28, 31),
        ] {
            assert_eq!(
                last_sunday(year, 3),
                NaiveDate::from_ymd_opt(year, 3, march).unwrap()
            );
            assert_eq!(
                last_sunday(year, 10),
                NaiveDate::from_ymd_opt(year, 10, october).unwrap()
            );
            assert_eq!(last_sunday(year, 3).weekday(), Weekday::Sun);
        }
    }

    #[test]
    fn amsterdam_text_table() {
        let cases = [
            ("2026-01-15T12:00:00Z", "15-01-2026 13:00"),
            ("2026-03-29T00:59:59Z", "29-03-2026 01:59"),
            ("2026-03-29T01:00:00Z", "29-03-2026 03:00"),
            ("2026-07-01T22:30:00Z", "02-07-2026 00:30"),
            ("2026-10-25T00:59:00Z", "25-10-2026 02:59"),
            ("2026-10-25T01:00:00Z", "25-10-2026 02:00"),
            ("2026-12-31T23:30:00Z", "01-01-2027 00:30"),
        ];
        for (input, expected) in cases {
            assert_eq!(amsterdam_text(utc(input)), expected, "{input}");
        }
        assert_eq!(
            amsterdam_date(utc("2026-12-31T23:30:00Z")),
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
        );
    }

    #[test]
    fn amsterdam_to_utc_table() {
        let local = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        let cases = [
            ("2026-01-15 00:00", "2026-01-14T23:00:00Z"),
            ("2026-07-01 00:00", "2026-06-30T22:00:00Z"),
            ("2026-03-29 01:30", "2026-03-29T00:30:00Z"),
            ("2026-03-29 02:30", "2026-03-29T01:30:00Z"),
            ("2026-03-29 03:30", "2026-03-29T01:30:00Z"),
            ("2026-10-25 02:30", "2026-10-25T00:30:00Z"),
            ("2026-10-25 03:30", "2026-10-25T02:30:00Z"),
        ];
        for (input, expected) in cases {
            assert_eq!(amsterdam_to_utc(local(input)), utc(expected), "{input}");
        }
        // Every quarter of an hour of a year round-trips, except the skipped hour.
        let mut at = local("2026-01-01 00:00");
        while at < local("2027-01-01 00:00") {
            let skipped = at >= local("2026-03-29 02:00") && at < local("2026-03-29 03:00");
            if !skipped {
                assert_eq!(to_amsterdam(amsterdam_to_utc(at)).naive_local(), at, "{at}");
            }
            at += Duration::minutes(15);
        }
    }
}
