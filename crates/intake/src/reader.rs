//! `CsvReader`: a CSV export in, one row per record out, streaming.
//! `SignalReader` reads `RawSignal`s, `TenancyReader` `RawTenancy`s.

use crate::encoding::{decode_cell, Encoding};
use crate::fields::FieldSet;
use crate::header::{detect_delimiter, map_header, preamble, Columns, Preamble};
use crate::profile::MappingProfile;
use crate::records::{RecordError, Records, MAX_RECORD_BYTES};
use std::fmt;
use std::io::{self, Read};
use vangnet_domain::signal::SignalField;
use vangnet_domain::tenancy::TenancyField;

/// The file cannot be read at all; nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("het bestand kon niet worden gelezen: {0}")]
    Io(#[from] io::Error),
    #[error("het bestand is leeg: er is geen kopregel")]
    Empty,
    #[error("de kopregel mist de verplichte kolom(men): {}", .0.join(", "))]
    MissingColumns(Vec<String>),
    #[error("de kolom '{0}' staat meer dan eens in de kopregel")]
    DuplicateColumn(String),
    #[error("de kopregel is niet te lezen: {0}")]
    Header(String),
}

/// One row that could not be read into a row (`RawSignal`, `RawTenancy`). Codes starting with
/// `file.` end the reading: the rest of the file cannot be trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub line: u64,
    pub code: &'static str,
    pub message: String,
}

impl RowProblem {
    pub fn ends_reading(&self) -> bool {
        self.code.starts_with("file.")
    }
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "regel {}: {}", self.line, self.message)
    }
}

/// Reads signal files into `RawSignal`s.
pub type SignalReader<R> = CsvReader<R, SignalField>;
/// Reads tenancy files into `RawTenancy`s.
pub type TenancyReader<R> = CsvReader<R, TenancyField>;

pub struct CsvReader<R, F> {
    records: Records<R>,
    columns: Columns<F>,
    encoding: Option<Encoding>,
    defaults: Vec<(F, String)>,
    done: bool,
}

impl<R: Read, F: FieldSet> CsvReader<R, F> {
    /// Reads up to and including the header, so a file that cannot be
    /// imported at all fails here, before any row.
    pub fn new(reader: R, profile: &MappingProfile<F>) -> Result<Self, ReadError> {
        let mut records = Records::new(reader);
        let delimiter = sniff(&mut records, profile)?;
        records.set_delimiter(delimiter);
        let columns = match records.next_record() {
            Ok(Some(header)) => map_header(&header, profile)?,
            Ok(None) => return Err(ReadError::Empty),
            Err(e) => return Err(header_error(e)),
        };
        let defaults = F::ALL
            .iter()
            .filter_map(|f| profile.default_for(*f).map(|v| (*f, v.to_string())))
            .collect();
        Ok(CsvReader {
            records,
            columns,
            encoding: profile.encoding,
            defaults,
            done: false,
        })
    }

    /// Reads the next row into `raw`, reusing its buffers; the allocation-free
    /// way through a large file. `None` at the end.
    pub fn next_into(&mut self, raw: &mut F::Row) -> Option<Result<(), RowProblem>> {
        while !self.done {
            let record = match self.records.next_record() {
                Ok(Some(record)) => record,
                Ok(None) => break,
                Err(e) => {
                    self.done = true;
                    return Some(Err(fatal(e, self.records.line())));
                }
            };
            if record.iter().all(|cell| cell.trim_ascii().is_empty()) {
                continue;
            }
            F::clear(raw, record.line);
            let result = fill(raw, &record, &self.columns, self.encoding);
            if result.is_ok() {
                for (field, value) in &self.defaults {
                    let slot = F::value_mut(raw, *field);
                    if slot.is_empty() {
                        // Profile defaults are stored trimmed.
                        slot.push_str(value);
                    }
                }
            }
            return Some(result);
        }
        self.done = true;
        None
    }
}

impl<R: Read, F: FieldSet> Iterator for CsvReader<R, F> {
    type Item = Result<F::Row, RowProblem>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut raw = F::Row::default();
        self.next_into(&mut raw).map(|r| r.map(|()| raw))
    }
}

/// Skips what precedes the header and settles the delimiter.
fn sniff<R: Read, F: FieldSet>(
    records: &mut Records<R>,
    profile: &MappingProfile<F>,
) -> Result<u8, ReadError> {
    let mut named = None;
    loop {
        let line = records.peek_line()?;
        match preamble(line) {
            Preamble::Bom => records.skip(3),
            Preamble::Blank(len) => records.skip(len),
            Preamble::Separator(len, delimiter) => {
                named = Some(delimiter);
                records.skip(len);
            }
            Preamble::Header => {
                let detected = detect_delimiter(line);
                return Ok(profile.delimiter.or(named).unwrap_or(detected));
            }
        }
    }
}

fn fill<F: FieldSet>(
    raw: &mut F::Row,
    record: &crate::records::Record,
    columns: &Columns<F>,
    encoding: Option<Encoding>,
) -> Result<(), RowProblem> {
    let line = record.line;
    let extra_filled = record
        .iter()
        .skip(columns.width)
        .any(|c| !c.trim_ascii().is_empty());
    if record.len() < columns.width || extra_filled {
        return Err(RowProblem {
            line,
            code: "row.columns",
            message: format!(
                "de regel heeft {} kolommen, de kopregel {}; staat er een scheidingsteken of \
                 regeleinde zonder aanhalingstekens in een veld?",
                record.len(),
                columns.width
            ),
        });
    }
    for (index, field) in &columns.map {
        let cell = record.get(*index).unwrap_or_default();
        let value = F::value_mut(raw, *field);
        decode_cell(cell, encoding, value).map_err(|()| RowProblem {
            line,
            code: "row.encoding",
            message: format!("kolom {} is geen geldige UTF-8-tekst", field.name()),
        })?;
        unneutralise(value);
    }
    Ok(())
}

/// Undoes the apostrophe that vangnet's own CSV exports (and spreadsheet
/// users) put before a cell starting with `=`, `+`, `-` or `@`, so the
/// rejected rows can be fixed and sent again unchanged. A name such as
/// "'t Hart" keeps its apostrophe.
fn unneutralise(value: &mut String) {
    let mut chars = value.chars();
    if chars.next() == Some('\'') && matches!(chars.next(), Some('=' | '+' | '-' | '@')) {
        value.remove(0);
    }
}

fn fatal(error: RecordError, line: u64) -> RowProblem {
    match error {
        RecordError::Io(e) => RowProblem {
            line,
            code: "file.io",
            message: format!("het lezen is afgebroken: {e}"),
        },
        RecordError::TooLarge { line } => RowProblem {
            line,
            code: "file.record_too_large",
            message: format!(
                "deze regel wordt groter dan {} MiB; waarschijnlijk sluit een aanhalingsteken \
                 niet af. Het lezen is hier gestopt",
                MAX_RECORD_BYTES / (1024 * 1024)
            ),
        },
        RecordError::TooManyFields { line } => RowProblem {
            line,
            code: "file.too_many_columns",
            message: "deze regel heeft te veel kolommen; het lezen is hier gestopt".to_string(),
        },
    }
}

fn header_error(error: RecordError) -> ReadError {
    match error {
        RecordError::Io(e) => ReadError::Io(e),
        RecordError::TooLarge { .. } => ReadError::Header("de kopregel is te groot".to_string()),
        RecordError::TooManyFields { .. } => {
            ReadError::Header("de kopregel heeft te veel kolommen".to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn unneutralise_table() {
        let cases = [
            ("'+31612345678", "+31612345678"),
            ("'-12", "-12"),
            ("'=1+1", "=1+1"),
            ("'@x", "@x"),
            ("'t Hart", "'t Hart"),
            ("'", "'"),
            ("plain", "plain"),
        ];
        for (input, expected) in cases {
            let mut value = input.to_string();
            super::unneutralise(&mut value);
            assert_eq!(value, expected, "{input}");
        }
    }
}
