//! Text encodings of spreadsheet exports. Excel on Windows still writes
//! "CSV (gescheiden door lijstscheidingsteken)" in Windows-1252; newer tools
//! write UTF-8, with or without a byte-order mark. Without a setting, each
//! cell is read as UTF-8 and, when it is not valid UTF-8, as Windows-1252:
//! Windows-1252 text with accents is almost never valid UTF-8 by accident.

/// The encoding a profile can force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1252,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Windows1252 => "windows-1252",
        }
    }

    pub fn parse(value: &str) -> Option<Encoding> {
        match value.trim().to_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "windows-1252" | "cp1252" | "cp-1252" | "ansi" => Some(Encoding::Windows1252),
            _ => None,
        }
    }
}

/// 0x80-0x9F, where Windows-1252 differs from Latin-1. The five unassigned
/// bytes map to the C1 control of the same number (as WHATWG does), which
/// the domain rules then refuse as unreadable.
const HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

pub fn decode_windows_1252_char(byte: u8) -> char {
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

pub fn decode_windows_1252(bytes: &[u8], out: &mut String) {
    out.extend(bytes.iter().map(|b| decode_windows_1252_char(*b)));
}

/// `None` when the text has a character Windows-1252 cannot hold; for tests
/// and tools that write files the way Excel does.
pub fn encode_windows_1252(text: &str) -> Option<Vec<u8>> {
    text.chars().map(encode_char).collect()
}

fn encode_char(c: char) -> Option<u8> {
    let code = u32::from(c);
    if code < 0x80 || (0xA0..=0xFF).contains(&code) {
        return u8::try_from(code).ok();
    }
    let at = HIGH.iter().position(|h| *h == c)?;
    u8::try_from(0x80 + at).ok()
}

/// Appends the trimmed text of one cell to `out`. `Err` only when UTF-8 is
/// forced and the bytes are not UTF-8.
pub(crate) fn decode_cell(
    bytes: &[u8],
    forced: Option<Encoding>,
    out: &mut String,
) -> Result<(), ()> {
    match (forced, std::str::from_utf8(bytes)) {
        (Some(Encoding::Windows1252), _) | (None, Err(_)) => {
            let mut text = String::with_capacity(bytes.len());
            decode_windows_1252(bytes, &mut text);
            out.push_str(text.trim());
            Ok(())
        }
        (_, Ok(text)) => {
            out.push_str(text.trim());
            Ok(())
        }
        (Some(Encoding::Utf8), Err(_)) => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_table() {
        let cases: &[(&[u8], &str)] = &[
            (b"Jansen", "Jansen"),
            (b"Caf\xe9", "Café"),
            (b"\x80 450", "€ 450"),
            (b"\x93citaat\x94", "“citaat”"),
            (b"Ba\xf1os \xeb\xef\xf6", "Baños ëïö"),
            (b"\x8a\x9a\x8e\x9e\x9f", "ŠšŽžŸ"),
            (b"\x81", "\u{81}"),
        ];
        for (bytes, expected) in cases {
            let mut out = String::new();
            decode_windows_1252(bytes, &mut out);
            assert_eq!(out, *expected);
            assert_eq!(encode_windows_1252(expected).as_deref(), Some(*bytes));
        }
        assert_eq!(encode_windows_1252("Çelik ş"), None);
    }

    #[test]
    fn every_byte_round_trips() {
        for byte in 0..=255u8 {
            let c = decode_windows_1252_char(byte);
            assert_eq!(encode_char(c), Some(byte), "{byte:#x}");
        }
    }

    type Case<'a> = (&'a [u8], Option<Encoding>, Result<&'a str, ()>);

    #[test]
    fn decode_cell_table() {
        let cases: &[Case] = &[
            (b" Caf\xc3\xa9 ", None, Ok("Café")),
            (b" Caf\xe9 ", None, Ok("Café")),
            (b"Caf\xc3\xa9", Some(Encoding::Windows1252), Ok("CafÃ©")),
            (b"Caf\xe9", Some(Encoding::Utf8), Err(())),
            (b"\xe2\x82\xac 5", Some(Encoding::Utf8), Ok("€ 5")),
        ];
        for (bytes, forced, expected) in cases {
            let mut out = String::new();
            let got = decode_cell(bytes, *forced, &mut out).map(|_| out.as_str());
            assert_eq!(got, *expected, "{bytes:?}");
        }
    }

    #[test]
    fn encoding_names_table() {
        let cases = [
            ("utf-8", Some(Encoding::Utf8)),
            ("UTF8", Some(Encoding::Utf8)),
            ("windows-1252", Some(Encoding::Windows1252)),
            ("Windows_1252", Some(Encoding::Windows1252)),
            ("cp1252", Some(Encoding::Windows1252)),
            ("latin-9", None),
        ];
        for (name, expected) in cases {
            assert_eq!(Encoding::parse(name), expected, "{name}");
        }
    }
}
