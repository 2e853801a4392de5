//! The landlord's duties before a rent signal may be passed on (Besluit
//! gemeentelijke schuldhulpverlening, art. 2): personal contact tried,
//! pointed to debt help, a written reminder sent, and no objection.

use super::check::{not_after, Check};
use super::field::SignalField;
use super::input::RentConditions;
use super::normalise::{parse_bool, parse_date, Reject};
use chrono::NaiveDate;

/// The reminder column holds the date it was sent. A bare "ja" is refused
/// rather than accepted: the date is what proves the reminder preceded the
/// signal.
pub fn parse_reminder(value: &str) -> Result<Option<NaiveDate>, Reject> {
    match parse_bool(value) {
        Ok(None) | Ok(Some(false)) => Ok(None),
        Ok(Some(true)) => Err(Reject::new(
            "rent.reminder_date_required",
            "vul de datum in waarop de herinnering is verstuurd, niet alleen ja",
        )),
        Err(_) => parse_date(value).map(Some),
    }
}

pub(super) fn check_rent(
    check: &mut Check,
    signal_date: Option<NaiveDate>,
    objection: bool,
) -> RentConditions {
    let monthly_rent_cents =
        check.optional(SignalField::Maandhuur, super::validate::positive_amount);
    let contact_tried = require_yes(
        check,
        SignalField::ContactGezocht,
        Reject::new(
            "rent.no_contact",
            "er moet eerst persoonlijk contact zijn gezocht",
        ),
    );
    let pointed_to_debt_help = require_yes(
        check,
        SignalField::GewezenOpSchuldhulp,
        Reject::new(
            "rent.not_pointed_to_help",
            "de huurder moet eerst op schuldhulpverlening zijn gewezen",
        ),
    );
    let reminder_sent_on = check_reminder(check, signal_date);
    RentConditions {
        monthly_rent_cents,
        contact_tried,
        pointed_to_debt_help,
        reminder_sent_on,
        objection,
    }
}

fn require_yes(check: &mut Check, field: SignalField, unmet: Reject) -> bool {
    let value = check.flag(field);
    if value == Some(false) {
        check.fail(field, unmet);
    }
    value.unwrap_or(false)
}

fn check_reminder(check: &mut Check, signal_date: Option<NaiveDate>) -> Option<NaiveDate> {
    let field = SignalField::HerinneringVerstuurd;
    let sent_on = match parse_reminder(check.raw.get(field)) {
        Ok(Some(date)) => date,
        Ok(None) => {
            check.fail(
                field,
                Reject::new(
                    "rent.no_reminder",
                    "er moet eerst een schriftelijke herinnering zijn verstuurd",
                ),
            );
            return None;
        }
        Err(reject) => {
            check.fail(field, reject);
            return None;
        }
    };
    if let Err(reject) = not_after(sent_on, check.today) {
        check.fail(field, reject);
    } else if signal_date.is_some_and(|s| sent_on > s) {
        check.fail(
            field,
            Reject::new("rent.reminder_after_signal", "ligt na de signaaldatum"),
        );
    }
    Some(sent_on)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reminder_table() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let cases: &[(&str, Result<Option<NaiveDate>, &str>)] = &[
            ("", Ok(None)),
            ("nee", Ok(None)),
            ("N", Ok(None)),
            ("01-03-2025", Ok(Some(d(2025, 3, 1)))),
            ("2025-03-01", Ok(Some(d(2025, 3, 1)))),
            ("ja", Err("rent.reminder_date_required")),
            ("Ja", Err("rent.reminder_date_required")),
            ("31-02-2025", Err("date.invalid")),
            ("gisteren", Err("date.format")),
        ];
        for (input, expected) in cases {
            assert_eq!(
                parse_reminder(input).map_err(|r| r.code),
                *expected,
                "{input:?}"
            );
        }
    }
}
