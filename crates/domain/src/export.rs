//! Safe CSV cells for every export. A cell that starts with `=`, `+`, `-`,
//! `@`, a tab or a carriage return is run as a formula by Excel and
//! LibreOffice (CSV injection, OWASP); such cells get a leading apostrophe,
//! which spreadsheets show as text. Cells are quoted when they hold the
//! separator, a quote or a line break.

use std::borrow::Cow;

/// The value with a leading apostrophe when a spreadsheet would otherwise
/// run it as a formula; shared by the CSV and the XLSX so the rule is one.
pub fn neutralise(value: &str) -> Cow<'_, str> {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{value}")),
        _ => Cow::Borrowed(value),
    }
}

pub fn csv_cell(value: &str, separator: char) -> String {
    let neutralised = neutralise(value).into_owned();
    let needs_quotes = neutralised.contains(separator)
        || neutralised.contains('"')
        || neutralised.contains('\n')
        || neutralised.contains('\r');
    if needs_quotes {
        format!("\"{}\"", neutralised.replace('"', "\"\""))
    } else {
        neutralised
    }
}

/// Text safe in XML (the feed, the charts, the workbook): escaped, without
/// the characters XML 1.0 cannot hold at all. A CR is kept as a reference
/// because a parser would turn a raw one into LF.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(ch),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cell_table() {
        let cases = [
            ("Jansen", "Jansen"),
            ("", ""),
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("+31612345678", "'+31612345678"),
            ("-12", "'-12"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tcmd", "'\tcmd"),
            ("a;b", "\"a;b\""),
            ("regel 1\nregel 2", "\"regel 1\nregel 2\""),
            ("zeg \"hoi\"", "\"zeg \"\"hoi\"\"\""),
        ];
        for (input, expected) in cases {
            assert_eq!(csv_cell(input, ';'), expected, "{input:?}");
        }
        assert_eq!(csv_cell("a,b", ','), "\"a,b\"");
        assert_eq!(csv_cell("a,b", ';'), "a,b");
    }
}
