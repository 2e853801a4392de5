//! Vroegsignalering intake: reads the CSV files signal partners export from
//! Excel or their ERP into `RawSignal`s, one row at a time in constant
//! memory, for `vangnet_domain::signal::validate` to judge. Verhuurders'
//! tenancy exports go through the same reader into `RawTenancy`s
//! (`TenancyReader`, `TenancyProfile`), for
//! `vangnet_domain::tenancy::validate_tenancy`.
//!
//! - encoding: UTF-8 (with or without byte-order mark) or Windows-1252,
//!   detected per cell unless the profile names one;
//! - delimiter: `;`, `,` or tab, detected from the header line unless the
//!   profile or an Excel `sep=` line names one;
//! - header: any column order, names compared without case, spaces and
//!   `_`/`-` differences; unknown columns are ignored;
//! - `RawSignal::line` is the physical line where the row starts (the
//!   header is line 1), so a partner finds the row in a text editor.

mod encoding;
mod fields;
pub mod generate;
mod header;
mod profile;
mod reader;
mod records;

pub use encoding::{decode_windows_1252, encode_windows_1252, Encoding};
pub use fields::FieldSet;
pub use profile::{MappingProfile, Profile, ProfileError, TenancyProfile};
pub use reader::{CsvReader, ReadError, RowProblem, SignalReader, TenancyReader};

/// The first cells of every record of a small CSV text that vangnet wrote
/// itself (e.g. the stored rejected rows), read with the same quoting rules
/// as imports, so a quoted line break stays inside its cell.
pub fn leading_cells(text: &str, delimiter: u8, cells: usize) -> Vec<Vec<String>> {
    let mut records = records::Records::new(text.as_bytes());
    records.set_delimiter(delimiter);
    let mut out = Vec::new();
    while let Ok(Some(record)) = records.next_record() {
        out.push(
            record
                .iter()
                .take(cells)
                .map(|cell| String::from_utf8_lossy(cell).into_owned())
                .collect(),
        );
    }
    out
}
