//! A signal that passed every rule, in canonical form.

use super::partner::PartnerType;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignalInput {
    /// The sender's own reference for this signal.
    pub kenmerk: String,
    pub partner_type: PartnerType,
    pub amount_cents: i64,
    /// When the arrears arose (ontstaansdatum).
    pub arrears_start: Option<NaiveDate>,
    pub signal_date: NaiveDate,
    pub crisis: bool,
    pub warm_handover: bool,
    pub person: Person,
    pub address: Address,
    /// Present exactly for rent signals (partner type Huur).
    pub rent: Option<RentConditions>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub bsn: Option<String>,
    pub initials: Option<String>,
    pub prefix: Option<String>,
    pub surname: String,
    pub birth_date: Option<NaiveDate>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// How and when to reach them, in their own words. Left out of the
    /// canonical JSON when empty, so the content hash of a signal without
    /// it is what it was before the field existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_wish: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub street: Option<String>,
    pub house_number: u32,
    pub addition: Option<String>,
    /// Canonical "1234AB".
    pub postcode: String,
    pub city: Option<String>,
}

/// What the landlord declares it did before signalling (Besluit
/// gemeentelijke schuldhulpverlening, art. 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RentConditions {
    pub monthly_rent_cents: Option<i64>,
    pub contact_tried: bool,
    pub pointed_to_debt_help: bool,
    pub reminder_sent_on: Option<NaiveDate>,
    pub objection: bool,
}

impl Address {
    /// Signals of one household share this key whoever sent them.
    pub fn household_key(&self) -> String {
        format!(
            "{}|{}|{}",
            self.postcode,
            self.house_number,
            self.addition.as_deref().unwrap_or("")
        )
    }

    pub fn pc4(&self) -> u16 {
        self.postcode
            .get(..4)
            .and_then(|d| d.parse().ok())
            .unwrap_or(0)
    }
}

impl SignalInput {
    pub fn household_key(&self) -> String {
        self.address.household_key()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn household_key_table() {
        let cases: &[(&str, u32, Option<&str>, &str)] = &[
            ("2511AB", 12, Some("A"), "2511AB|12|A"),
            ("2511AB", 12, None, "2511AB|12|"),
            ("2282XZ", 7, Some("BIS"), "2282XZ|7|BIS"),
        ];
        for (postcode, number, addition, expected) in cases {
            let address = Address {
                street: None,
                house_number: *number,
                addition: addition.map(str::to_string),
                postcode: postcode.to_string(),
                city: None,
            };
            assert_eq!(address.household_key(), *expected);
            assert_eq!(address.pc4(), postcode[..4].parse::<u16>().unwrap());
        }
    }
}
