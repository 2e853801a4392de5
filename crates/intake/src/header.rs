//! Sniffing the start of a file (byte-order mark, blank lines, Excel's
//! `sep=` line, the delimiter) and mapping its header onto the fields.

use crate::encoding::decode_cell;
use crate::fields::FieldSet;
use crate::profile::{header_key, MappingProfile};
use crate::records::Record;
use crate::ReadError;

const BOM: &[u8] = b"\xef\xbb\xbf";

/// What comes before the header line.
pub(crate) enum Preamble {
    /// Bytes to drop: a byte-order mark.
    Bom,
    /// A whitespace-only line before the header.
    Blank(usize),
    /// Excel's `sep=;` line, which names the delimiter.
    Separator(usize, u8),
    Header,
}

pub(crate) fn preamble(line: &[u8]) -> Preamble {
    if line.starts_with(BOM) {
        return Preamble::Bom;
    }
    if !line.is_empty() && line.iter().all(u8::is_ascii_whitespace) {
        return Preamble::Blank(line.len());
    }
    let text = line.trim_ascii();
    match text {
        [s, e, p, b'=', delimiter] if [*s, *e, *p].eq_ignore_ascii_case(b"sep") => {
            Preamble::Separator(line.len(), *delimiter)
        }
        _ => Preamble::Header,
    }
}

/// The most frequent of `;`, `,` and tab outside quotes; `;` on a tie,
/// since Dutch Excel writes that.
pub(crate) fn detect_delimiter(header_line: &[u8]) -> u8 {
    let mut counts = [(b';', 0usize), (b',', 0), (b'\t', 0)];
    let mut quoted = false;
    for byte in header_line {
        if *byte == b'"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(slot) = counts.iter_mut().find(|(d, _)| d == byte) {
                slot.1 += 1;
            }
        }
    }
    counts
        .iter()
        .fold((b';', 0), |best, c| if c.1 > best.1 { *c } else { best })
        .0
}

/// Which column of the file feeds which field.
#[derive(Debug)]
pub(crate) struct Columns<F> {
    pub map: Vec<(usize, F)>,
    pub width: usize,
}

pub(crate) fn map_header<F: FieldSet>(
    record: &Record,
    profile: &MappingProfile<F>,
) -> Result<Columns<F>, ReadError> {
    let wanted: Vec<(String, F)> = F::ALL
        .iter()
        .map(|f| (header_key(profile.header_for(*f)), *f))
        .collect();
    let mut map: Vec<(usize, F)> = Vec::new();
    for (index, cell) in record.iter().enumerate() {
        let mut name = String::new();
        // A header cell that is not UTF-8 under a forced UTF-8 profile cannot
        // match a field name; it is an unknown column like any other.
        let _ = decode_cell(cell, profile.encoding, &mut name);
        let key = header_key(&name);
        let Some(field) = wanted.iter().find(|(k, _)| *k == key).map(|(_, f)| *f) else {
            continue;
        };
        if map.iter().any(|(_, f)| *f == field) {
            return Err(ReadError::DuplicateColumn(name));
        }
        map.push((index, field));
    }
    let missing: Vec<String> = F::REQUIRED
        .iter()
        .filter(|f| !map.iter().any(|(_, m)| m == *f) && profile.default_for(**f).is_none())
        .map(|f| profile.header_for(*f).to_string())
        .collect();
    if !missing.is_empty() {
        return Err(ReadError::MissingColumns(missing));
    }
    Ok(Columns {
        map,
        width: record.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_table() {
        let cases: &[(&[u8], u8)] = &[
            (b"kenmerk;bedrag;postcode\r\n", b';'),
            (b"kenmerk,bedrag,postcode\n", b','),
            (b"kenmerk\tbedrag\tpostcode", b'\t'),
            (b"\"a,b\";c;d", b';'),
            (b"\"a;b;c\",d,e", b','),
            (b"a;b,c", b';'),
            (b"kenmerk", b';'),
        ];
        for (line, expected) in cases {
            assert_eq!(
                detect_delimiter(line),
                *expected,
                "{:?}",
                String::from_utf8_lossy(line)
            );
        }
    }

    #[test]
    fn preamble_table() {
        let cases: &[(&[u8], &str)] = &[
            (b"\xef\xbb\xbfkenmerk;bedrag\n", "bom"),
            (b"\r\n", "blank 2"),
            (b"   \t\n", "blank 5"),
            (b"sep=;\r\n", "sep 7 ;"),
            (b"SEP=,\n", "sep 6 ,"),
            (b"kenmerk;bedrag\n", "header"),
            (b"sep=;x\n", "header"),
            (b"", "header"),
        ];
        for (line, expected) in cases {
            let got = match preamble(line) {
                Preamble::Bom => "bom".to_string(),
                Preamble::Blank(n) => format!("blank {n}"),
                Preamble::Separator(n, d) => format!("sep {n} {}", char::from(d)),
                Preamble::Header => "header".to_string(),
            };
            assert_eq!(got, *expected, "{:?}", String::from_utf8_lossy(line));
        }
    }
}
