//! Collects every problem of one row while the fields are parsed, so the
//! sender can fix a row in one go.

use super::field::{RawSignal, SignalField};
use super::normalise::{parse_bool, parse_date, Reject};
use chrono::NaiveDate;

pub(super) struct Check<'a> {
    pub raw: &'a RawSignal,
    pub today: NaiveDate,
    pub errors: Vec<(SignalField, Reject)>,
}

impl<'a> Check<'a> {
    pub fn new(raw: &'a RawSignal, today: NaiveDate) -> Self {
        Check {
            raw,
            today,
            errors: Vec::new(),
        }
    }

    pub fn fail(&mut self, field: SignalField, reject: Reject) {
        self.errors.push((field, reject));
    }

    /// `None` when the cell is empty or invalid (the error is recorded).
    pub fn optional<T>(
        &mut self,
        field: SignalField,
        parse: impl FnOnce(&str) -> Result<T, Reject>,
    ) -> Option<T> {
        let value = self.raw.get(field);
        if value.is_empty() {
            return None;
        }
        parse(value).map_err(|r| self.fail(field, r)).ok()
    }

    pub fn required<T>(
        &mut self,
        field: SignalField,
        parse: impl FnOnce(&str) -> Result<T, Reject>,
    ) -> Option<T> {
        if self.raw.get(field).is_empty() {
            self.fail(field, Reject::new("value.required", "is verplicht"));
            return None;
        }
        self.optional(field, parse)
    }

    /// An empty yes/no cell means "no"; `None` only when it is unreadable.
    pub fn flag(&mut self, field: SignalField) -> Option<bool> {
        match parse_bool(self.raw.get(field)) {
            Ok(value) => Some(value.unwrap_or(false)),
            Err(reject) => {
                self.fail(field, reject);
                None
            }
        }
    }

    /// A date that has already happened: signals report the past.
    pub fn past_date(&mut self, field: SignalField, required: bool) -> Option<NaiveDate> {
        let today = self.today;
        let parse = |v: &str| parse_date(v).and_then(|d| not_after(d, today));
        if required {
            self.required(field, parse)
        } else {
            self.optional(field, parse)
        }
    }

    pub fn into_errors(mut self) -> Vec<(SignalField, Reject)> {
        // Header order, so reports read left to right like the file.
        self.errors.sort_by_key(|(field, _)| field.index());
        self.errors
    }
}

pub(super) fn not_after(date: NaiveDate, today: NaiveDate) -> Result<NaiveDate, Reject> {
    if date > today {
        return Err(Reject::new("date.future", "ligt in de toekomst"));
    }
    Ok(date)
}
