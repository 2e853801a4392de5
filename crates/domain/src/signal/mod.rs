//! Vroegsignalering: the rules for one arrears signal (vroegsignaal) as a
//! signal partner delivers it, from raw spreadsheet text to a validated
//! `SignalInput`. Pure: the caller passes today's date.

mod check;
mod field;
mod input;
pub mod normalise;
mod partner;
mod rent;
mod validate;

#[cfg(test)]
mod tests;

pub use field::{RawSignal, SignalField};
pub use input::{Address, Person, RentConditions, SignalInput};
pub use normalise::Reject;
pub use partner::PartnerType;
pub use rent::parse_reminder;
pub use validate::{check_value, is_objection, validate, RowError, Validated, MAX_AMOUNT_CENTS};
