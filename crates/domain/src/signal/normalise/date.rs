//! Dates as exports write them: Dutch day-month-year with `-`, `/` or `.`,
//! or ISO year-month-day. A time part that spreadsheets append to date
//! cells ("15-03-2025 00:00") is ignored. Two-digit years are refused:
//! "01-02-25" could be 1925 or 2025.

use super::Reject;
use chrono::NaiveDate;

pub fn parse_date(value: &str) -> Result<NaiveDate, Reject> {
    let date_part = strip_time(value.trim()).ok_or_else(format_error)?;
    let (year, month, day) = split_parts(date_part).ok_or_else(format_error)?;
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| Reject::new("date.invalid", "is geen bestaande datum"))
}

/// Cuts off "00:00", "00:00:00" or an ISO "T00:00:00" after the date.
fn strip_time(text: &str) -> Option<&str> {
    let Some(at) = text.find([' ', 'T']) else {
        return Some(text);
    };
    let time = text[at + 1..].trim();
    let time_ok = time
        .split(':')
        .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
        && (2..=3).contains(&time.split(':').count());
    time_ok.then_some(&text[..at])
}

fn split_parts(text: &str) -> Option<(i32, u32, u32)> {
    let separator = text.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = text.split(separator).collect();
    let [a, b, c] = parts[..] else {
        return None;
    };
    if ![a, b, c]
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|x| x.is_ascii_digit()))
    {
        return None;
    }
    match (a.len(), b.len(), c.len()) {
        (4, 1..=2, 1..=2) => Some((a.parse().ok()?, b.parse().ok()?, c.parse().ok()?)),
        (1..=2, 1..=2, 4) => Some((c.parse().ok()?, b.parse().ok()?, a.parse().ok()?)),
        _ => None,
    }
}

fn format_error() -> Reject {
    Reject::new(
        "date.format",
        "is geen datum (schrijf dd-mm-jjjj of jjjj-mm-dd)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_table() {
        let cases: &[(&str, Result<NaiveDate, &str>)] = &[
            ("15-03-2025", Ok(d(2025, 3, 15))),
            ("5-3-2025", Ok(d(2025, 3, 5))),
            ("05-3-2025", Ok(d(2025, 3, 5))),
            ("15/03/2025", Ok(d(2025, 3, 15))),
            ("15.03.2025", Ok(d(2025, 3, 15))),
            ("2025-03-15", Ok(d(2025, 3, 15))),
            ("2025-3-5", Ok(d(2025, 3, 5))),
            (" 2025-03-15 ", Ok(d(2025, 3, 15))),
            ("15-03-2025 00:00", Ok(d(2025, 3, 15))),
            ("15-03-2025 0:00:00", Ok(d(2025, 3, 15))),
            ("2025-03-15T00:00:00", Ok(d(2025, 3, 15))),
            ("29-02-2024", Ok(d(2024, 2, 29))),
            ("31-02-2025", Err("date.invalid")),
            ("29-02-2025", Err("date.invalid")),
            ("00-01-2025", Err("date.invalid")),
            ("15-13-2025", Err("date.invalid")),
            ("2025-02-30", Err("date.invalid")),
            ("15-03-25", Err("date.format")),
            ("15-03/2025", Err("date.format")),
            ("15032025", Err("date.format")),
            ("15 maart 2025", Err("date.format")),
            ("15-03-2025 later", Err("date.format")),
            ("-03-2025", Err("date.format")),
            ("", Err("date.format")),
            ("ja", Err("date.format")),
        ];
        for (input, expected) in cases {
            assert_eq!(
                parse_date(input).map_err(|r| r.code),
                *expected,
                "{input:?}"
            );
        }
    }
}
