//! What the reader needs to know about a kind of row: its fields (the
//! default header), which are required, and the row type they fill. The
//! signal import (`SignalField` into `RawSignal`) and the tenancy import
//! (`TenancyField` into `RawTenancy`) share every other part of reading.

use std::fmt::Debug;
use vangnet_domain::signal::{check_value, RawSignal, Reject, SignalField};
use vangnet_domain::tenancy::{check_tenancy_value, RawTenancy, TenancyField};

pub trait FieldSet: Copy + PartialEq + Debug + 'static {
    /// One row of text, reused from row to row.
    type Row: Default + Clone + Debug;
    /// Every field, in the default header's order.
    const ALL: &'static [Self];
    /// Fields a header must have (or a profile must default).
    const REQUIRED: &'static [Self];

    fn index(self) -> usize;
    /// The column name in the default header (and the profile's key).
    fn name(self) -> &'static str;
    /// Checks a profile's fixed default as a row's cell would be checked.
    fn check_default(self, value: &str) -> Result<(), Reject>;

    fn clear(row: &mut Self::Row, line: u64);
    fn get(row: &Self::Row, field: Self) -> &str;
    fn value_mut(row: &mut Self::Row, field: Self) -> &mut String;
}

impl FieldSet for SignalField {
    type Row = RawSignal;
    const ALL: &'static [Self] = &SignalField::ALL;
    const REQUIRED: &'static [Self] = &SignalField::REQUIRED;

    fn index(self) -> usize {
        SignalField::index(self)
    }
    fn name(self) -> &'static str {
        SignalField::name(self)
    }
    fn check_default(self, value: &str) -> Result<(), Reject> {
        check_value(self, value)
    }
    fn clear(row: &mut RawSignal, line: u64) {
        row.clear(line);
    }
    fn get(row: &RawSignal, field: Self) -> &str {
        row.get(field)
    }
    fn value_mut(row: &mut RawSignal, field: Self) -> &mut String {
        row.value_mut(field)
    }
}

impl FieldSet for TenancyField {
    type Row = RawTenancy;
    const ALL: &'static [Self] = &TenancyField::ALL;
    const REQUIRED: &'static [Self] = &TenancyField::REQUIRED;

    fn index(self) -> usize {
        TenancyField::index(self)
    }
    fn name(self) -> &'static str {
        TenancyField::name(self)
    }
    fn check_default(self, value: &str) -> Result<(), Reject> {
        check_tenancy_value(self, value)
    }
    fn clear(row: &mut RawTenancy, line: u64) {
        row.clear(line);
    }
    fn get(row: &RawTenancy, field: Self) -> &str {
        row.get(field)
    }
    fn value_mut(row: &mut RawTenancy, field: Self) -> &mut String {
        row.value_mut(field)
    }
}
