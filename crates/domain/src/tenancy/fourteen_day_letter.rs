//! The veertiendagenbrief (art. 6:96(6) BW): collection costs become due
//! only after a letter that gives the tenant 14 days from the day after
//! receipt.

#[cfg(test)]
mod tests;

use chrono::{Days, NaiveDate};

/// The first day collection costs may be charged for a letter sent on
/// `sent`: it is assumed received `receipt_days` later, the term runs from
/// the day after receipt for `term_days` days, and the first day is the
/// day after the term. With the defaults (2, 14) that is `sent` + 17 days,
/// the "sent date + receipt_days + 15 days" of issue 5.
pub fn first_cost_day(sent: NaiveDate, receipt_days: u32, term_days: u32) -> NaiveDate {
    // Receipt is day `receipt_days` after sending; the term is the
    // `term_days` days after receipt; its end is followed by the first day.
    sent + Days::new(u64::from(receipt_days) + u64::from(term_days) + 1)
}
