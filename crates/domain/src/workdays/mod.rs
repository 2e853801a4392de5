//! Working days (werkdagen): Monday to Friday, minus the Dutch public
//! holidays a gemeente observes. Deadlines in case work count in these.

mod holiday;

#[cfg(test)]
mod tests;

use chrono::{Datelike, NaiveDate, Weekday};

pub use holiday::{
    easter_sunday, holiday, holidays_in, kings_day, Holiday, HolidaySettings, LiberationDay,
};

pub fn is_working_day(date: NaiveDate, settings: &HolidaySettings) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && holiday(date, settings).is_none()
}

/// The date `n` working days after `start`. Counting starts the day after
/// `start`, the way "within 5 working days" is read: a signal on a Friday
/// plus 1 working day is the next Monday (or Tuesday after Tweede
/// Paasdag). `start` itself never counts, even when it is a working day,
/// and `n == 0` gives `start` back unchanged.
pub fn add_working_days(start: NaiveDate, n: u32, settings: &HolidaySettings) -> NaiveDate {
    let mut date = start;
    let mut remaining = n;
    while remaining > 0 {
        date = next_day(date);
        if is_working_day(date, settings) {
            remaining -= 1;
        }
    }
    date
}

/// How many working days lie after `from` up to and including `to`, so
/// that `working_days_between(a, add_working_days(a, n)) == n`. Negative
/// when `to` is before `from`: "2 working days late" reads as -2.
pub fn working_days_between(from: NaiveDate, to: NaiveDate, settings: &HolidaySettings) -> i64 {
    if to < from {
        return -working_days_between(to, from, settings);
    }
    from.iter_days()
        .skip(1)
        .take_while(|date| *date <= to)
        .filter(|date| is_working_day(*date, settings))
        .count() as i64
}

fn next_day(date: NaiveDate) -> NaiveDate {
    date.succ_opt()
        .expect("deadlines stay far inside chrono's range")
}
