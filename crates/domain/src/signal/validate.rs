//! From one raw row to a validated signal, an objection, or every reason
//! the row was refused.

use super::check::Check;
use super::field::{RawSignal, SignalField as F};
use super::input::{Address, Person, SignalInput};
use super::normalise::{self as n, Reject};
use super::partner::PartnerType;
use super::rent::{check_rent, parse_reminder};
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt;

/// EUR 1,000,000: above this an amount is a typo, not arrears.
pub const MAX_AMOUNT_CENTS: i64 = 100_000_000;
const MAX_PREFIX_CHARS: usize = 10;
const MAX_PLACE_CHARS: usize = 80;
/// Room for a tenant's "when" (`tenant_channel::MAX_WHEN_CHARS`) with the
/// way of contact in front of it.
const MAX_CONTACT_WISH_CHARS: usize = 250;

/// One reason a row was refused; `column` is the `SignalField` name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    pub column: &'static str,
    pub code: &'static str,
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.column, self.message)
    }
}

// Boxing `Accepted` would cost an allocation per row for no gain: the
// outcome is moved once and matched on immediately.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Validated {
    Accepted(SignalInput),
    /// The person objected to passing the data on: nothing of the row may be
    /// kept, so this variant carries nothing; callers only count it.
    Objected,
    Rejected(Vec<RowError>),
}

/// Whether the row says the person objected. An objection overrides every
/// other rule, for every partner type: data the person refused to share is
/// not processed, not even to report what else is wrong with it.
pub fn is_objection(raw: &RawSignal) -> bool {
    matches!(
        n::parse_bool(raw.get(F::BezwaarTegenDoorgeven)),
        Ok(Some(true))
    )
}

pub fn validate(raw: &RawSignal, default_partner: PartnerType, today: NaiveDate) -> Validated {
    if is_objection(raw) {
        return Validated::Objected;
    }
    let mut check = Check::new(raw, today);
    let signal = read_signal(&mut check, default_partner);
    let errors = check.into_errors();
    match signal {
        Some(signal) if errors.is_empty() => Validated::Accepted(signal),
        _ => Validated::Rejected(
            errors
                .into_iter()
                .map(|(field, r)| RowError {
                    column: field.name(),
                    code: r.code,
                    message: r.message,
                })
                .collect(),
        ),
    }
}

/// Parses every field (recording problems in `check`); `None` when a
/// required value is missing or invalid.
fn read_signal(check: &mut Check, default_partner: PartnerType) -> Option<SignalInput> {
    let kenmerk = check.required(F::Kenmerk, n::parse_kenmerk);
    let partner_type = check.optional(F::Soort, PartnerType::parse);
    let amount_cents = check.required(F::Bedrag, positive_amount);
    let arrears_start = check.past_date(F::Ontstaansdatum, false);
    let signal_date = check.past_date(F::Signaaldatum, true);
    if let (Some(start), Some(signal)) = (arrears_start, signal_date) {
        if signal < start {
            check.fail(
                F::Signaaldatum,
                Reject::new("date.signal_before_start", "ligt vóór de ontstaansdatum"),
            );
        }
    }
    let crisis = check.flag(F::Crisissignaal).unwrap_or(false);
    let warm_handover = check.flag(F::WarmeOverdracht).unwrap_or(false);
    let person = read_person(check);
    let address = read_address(check);
    let partner_type = if check.raw.get(F::Soort).is_empty() {
        default_partner
    } else {
        partner_type?
    };
    // Read for every partner type: an unreadable objection must not pass.
    let objection = check.flag(F::BezwaarTegenDoorgeven).unwrap_or(false);
    let rent =
        (partner_type == PartnerType::Huur).then(|| check_rent(check, signal_date, objection));
    Some(SignalInput {
        kenmerk: kenmerk?,
        partner_type,
        amount_cents: amount_cents?,
        arrears_start,
        signal_date: signal_date?,
        crisis,
        warm_handover,
        person: person?,
        address: address?,
        rent,
    })
}

fn read_person(check: &mut Check) -> Option<Person> {
    let bsn = check.optional(F::Bsn, n::parse_bsn);
    let initials = check.optional(F::Voorletters, n::parse_initials);
    let prefix = check.optional(F::Voorvoegsel, |v| n::parse_text(v, MAX_PREFIX_CHARS));
    let surname = check.required(F::Achternaam, n::parse_surname);
    let birth_date = check.past_date(F::Geboortedatum, false);
    let phone = check.optional(F::Telefoon, n::parse_phone);
    let email = check.optional(F::Email, n::parse_email);
    let contact_wish = check.optional(F::Contactvoorkeur, |v| {
        n::parse_text(v, MAX_CONTACT_WISH_CHARS)
    });
    Some(Person {
        bsn,
        initials,
        prefix,
        surname: surname?,
        birth_date,
        phone,
        email,
        contact_wish,
    })
}

fn read_address(check: &mut Check) -> Option<Address> {
    let street = check.optional(F::Straatnaam, |v| n::parse_text(v, MAX_PLACE_CHARS));
    let number = check.required(F::Huisnummer, n::parse_house_number);
    let addition = check.optional(F::Huisnummertoevoeging, n::parse_addition);
    let postcode = check.required(F::Postcode, n::parse_postcode);
    let city = check.optional(F::Plaatsnaam, |v| n::parse_text(v, MAX_PLACE_CHARS));
    let number = number?
        .with_addition(addition.flatten())
        .map_err(|r| check.fail(F::Huisnummertoevoeging, r))
        .ok()?;
    Some(Address {
        street,
        house_number: number.number,
        addition: number.addition,
        postcode: postcode?.into_string(),
        city,
    })
}

pub(super) fn positive_amount(value: &str) -> Result<i64, Reject> {
    let cents = n::parse_amount_cents(value)?;
    if cents <= 0 {
        return Err(Reject::new(
            "amount.not_positive",
            "moet groter dan nul zijn",
        ));
    }
    if cents > MAX_AMOUNT_CENTS {
        return Err(Reject::new(
            "amount.too_large",
            "is groter dan het maximum van € 1.000.000",
        ));
    }
    Ok(cents)
}

/// Checks one value on its own, as `validate` would read it: for fixed
/// values configured elsewhere (an import profile's defaults), so a typo is
/// caught once instead of on every row. Empty is fine here.
pub fn check_value(field: F, value: &str) -> Result<(), Reject> {
    if value.trim().is_empty() {
        return Ok(());
    }
    match field {
        F::Kenmerk => n::parse_kenmerk(value).map(drop),
        F::Soort => PartnerType::parse(value).map(drop),
        F::Bedrag | F::Maandhuur => positive_amount(value).map(drop),
        F::Ontstaansdatum | F::Signaaldatum | F::Geboortedatum => n::parse_date(value).map(drop),
        F::Crisissignaal
        | F::WarmeOverdracht
        | F::ContactGezocht
        | F::GewezenOpSchuldhulp
        | F::BezwaarTegenDoorgeven => n::parse_bool(value).map(drop),
        F::Bsn => n::parse_bsn(value).map(drop),
        F::Voorletters => n::parse_initials(value).map(drop),
        F::Voorvoegsel => n::parse_text(value, MAX_PREFIX_CHARS).map(drop),
        F::Achternaam => n::parse_surname(value).map(drop),
        F::Straatnaam | F::Plaatsnaam => n::parse_text(value, MAX_PLACE_CHARS).map(drop),
        F::Huisnummer => n::parse_house_number(value).map(drop),
        F::Huisnummertoevoeging => n::parse_addition(value).map(drop),
        F::Postcode => n::parse_postcode(value).map(drop),
        F::Telefoon => n::parse_phone(value).map(drop),
        F::Email => n::parse_email(value).map(drop),
        F::Contactvoorkeur => n::parse_text(value, MAX_CONTACT_WISH_CHARS).map(drop),
        F::HerinneringVerstuurd => parse_reminder(value).map(drop),
    }
}
