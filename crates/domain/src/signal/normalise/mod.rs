//! Normalisers: one raw cell in, one canonical value or a `Reject` out.
//!
//! Messages never repeat the rejected value: rejected rows end up in import
//! reports, and the value may be personal data (a BSN, a birth date). The
//! line and column already tell the user where to look.

mod amount;
mod boolean;
mod bsn;
mod contact;
mod date;
mod house_number;
mod postcode;
mod text;

pub use amount::parse_amount_cents;
pub use boolean::parse_bool;
pub use bsn::parse_bsn;
pub use contact::{parse_email, parse_initials, parse_phone};
pub use date::parse_date;
pub use house_number::{parse_addition, parse_house_number, HouseNumber};
pub use postcode::{parse_postcode, Postcode};
pub use text::{parse_kenmerk, parse_surname, parse_text};

use std::fmt;

/// Why one value was refused: a stable `code` for machines and tests, a
/// Dutch `message` for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reject {
    pub code: &'static str,
    pub message: String,
}

impl Reject {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Reject {
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for Reject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Reject {}
