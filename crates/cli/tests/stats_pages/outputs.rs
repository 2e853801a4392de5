//! Reading a dashboard back out of each output (the page's tables, the
//! CSV, the XLSX's sheets and the API's JSON) into one canonical form per
//! cell, so the test can say the numbers are identical without trusting
//! the code that wrote them. The JSON's cell kind says how to read the
//! same cell elsewhere.

use serde_json::Value;

/// A cell as its kind and canonical value: counts and numbers as digits
/// (or "<5"), money in cents, percents in per mille, tenths in tenths,
/// hidden figures as "".
pub type Canon = (String, String);

pub fn json_cells(table: &Value) -> Vec<Vec<Canon>> {
    table["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| {
            row.as_array()
                .expect("a row")
                .iter()
                .map(|cell| {
                    let kind = cell["kind"].as_str().expect("a cell kind").to_string();
                    let value = match &cell["value"] {
                        Value::Null => String::new(),
                        Value::String(s) => s.clone(),
                        Value::Number(n) => n.to_string(),
                        other => panic!("unexpected cell value {other}"),
                    };
                    (kind, value)
                })
                .collect()
        })
        .collect()
}

fn digits(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_digit() || *c == '-')
        .collect()
}

/// A decimal "1234,56", "1.234,56" (page) or "1234.56" (XLSX) as an
/// integer of `places` decimals.
fn fixed(text: &str, comma: bool, places: usize) -> String {
    let text = text.trim().trim_start_matches('\'');
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int, frac) = if comma {
        let cleaned = text.replace('.', "");
        match cleaned.split_once(',') {
            Some((i, f)) => (i.to_string(), f.to_string()),
            None => (cleaned, String::new()),
        }
    } else {
        match text.split_once('.') {
            Some((i, f)) => (i.to_string(), f.to_string()),
            None => (text.to_string(), String::new()),
        }
    };
    let mut frac: String = frac.chars().take(places).collect();
    while frac.len() < places {
        frac.push('0');
    }
    let n: i64 = format!("{int}{frac}")
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {text}"));
    (if negative { -n } else { n }).to_string()
}

/// A text as written by a neutralising export: the apostrophe before
/// `=`, `+`, `-` or `@` removed.
fn unneutralised(text: &str) -> String {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_string(),
        _ => text.to_string(),
    }
}

/// A cell of the page ("1.234", "<5", "€ 7.500,00", "12,5%", "3,5", "–").
pub fn from_page(kind: &str, shown: &str) -> String {
    let shown = shown.trim();
    if shown == "–" && kind != "text" {
        return String::new();
    }
    match kind {
        "text" => shown.to_string(),
        "count" | "number" if shown == "<5" => "<5".into(),
        "count" | "number" => digits(&shown.replace('.', "")),
        "money" => fixed(&shown.replace("€", "").replace(' ', ""), true, 2),
        "percent" => fixed(shown.trim_end_matches('%'), true, 1),
        "tenths" => fixed(shown, true, 1),
        "withheld" => String::new(),
        other => panic!("unknown kind {other}"),
    }
}

/// A cell of the CSV ("1234", "<5", "7500,00", "12,5", "", "'=…").
pub fn from_csv(kind: &str, cell: &str) -> String {
    if cell.is_empty() && kind != "text" {
        return String::new();
    }
    match kind {
        "text" => unneutralised(cell),
        "count" | "number" => cell.to_string(),
        "money" => fixed(cell, true, 2),
        "percent" | "tenths" => fixed(cell, true, 1),
        "withheld" => String::new(),
        other => panic!("unknown kind {other}"),
    }
}

/// A cell of an XLSX sheet: inline text, a number ("7500.00", "0.823",
/// "3.5") or empty.
pub fn from_xlsx(kind: &str, cell: &XlsxCell) -> String {
    match (kind, cell) {
        ("text", XlsxCell::Text(t)) => unneutralised(t),
        (_, XlsxCell::Empty) => String::new(),
        ("count" | "number", XlsxCell::Text(t)) => t.clone(),
        ("count" | "number", XlsxCell::Number(n)) => n.clone(),
        ("money", XlsxCell::Number(n)) => fixed(n, false, 2),
        ("percent", XlsxCell::Number(n)) => fixed(n, false, 3),
        ("tenths", XlsxCell::Number(n)) => fixed(n, false, 1),
        (kind, cell) => panic!("a {kind} cell written as {cell:?}"),
    }
}

pub fn unescape(text: &str) -> String {
    let mut out = text.to_string();
    for (from, to) in [
        ("&#60;", "<"),
        ("&lt;", "<"),
        ("&#62;", ">"),
        ("&gt;", ">"),
        ("&#34;", "\""),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&apos;", "'"),
        ("&#x27;", "'"),
        ("&#38;", "&"),
        ("&amp;", "&"),
    ] {
        out = out.replace(from, to);
    }
    out
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<(&'a str, &'a str)> {
    let from = text.find(start)? + start.len();
    let to = text[from..].find(end)? + from;
    Some((&text[from..to], &text[to + end.len()..]))
}

/// The body rows of the page's table `#tabel-{id}`, each cell's text.
pub fn page_table(html: &str, id: &str) -> Vec<Vec<String>> {
    let start = html
        .find(&format!("id=\"tabel-{id}\""))
        .unwrap_or_else(|| panic!("no table {id} on the page"));
    let (body, _) = between(&html[start..], "<tbody>", "</tbody>").expect("a tbody");
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            let row = row.split("</tr>").next().unwrap_or("");
            let mut cells = Vec::new();
            let mut rest = row;
            while let Some(open) = rest.find(['<']) {
                let tag = &rest[open..];
                let is_cell = tag.starts_with("<td") || tag.starts_with("<th");
                let close = tag.find('>').expect("a tag closes");
                rest = &tag[close + 1..];
                if is_cell {
                    let end = rest.find("</t").expect("a cell closes");
                    cells.push(unescape(&rest[..end]));
                    rest = &rest[end..];
                    let skip = rest.find('>').unwrap();
                    rest = &rest[skip + 1..];
                }
            }
            cells
        })
        .collect()
}

/// A CSV for Dutch Excel: BOM, `;`, CRLF, `"` quoting. Header row first.
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{FEFF}').expect("a BOM");
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', _) => quoted = !quoted,
            (';', false) => row.push(std::mem::take(&mut cell)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    rows
}

#[derive(Debug, Clone, PartialEq)]
pub enum XlsxCell {
    Text(String),
    Number(String),
    Empty,
}

/// The stored (uncompressed) entries of a ZIP, by name.
pub fn zip_entries(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
    let u16_at = |at: usize| u16::from_le_bytes([zip[at], zip[at + 1]]) as usize;
    let u32_at = |at: usize| u32::from_le_bytes(zip[at..at + 4].try_into().unwrap()) as usize;
    let mut entries = Vec::new();
    let mut at = 0;
    while at + 30 <= zip.len() && u32_at(at) == 0x0403_4b50 {
        assert_eq!(u16_at(at + 8), 0, "stored, not compressed");
        let size = u32_at(at + 18);
        let (name_len, extra) = (u16_at(at + 26), u16_at(at + 28));
        let name = String::from_utf8(zip[at + 30..at + 30 + name_len].to_vec()).unwrap();
        let start = at + 30 + name_len + extra;
        entries.push((name, zip[start..start + size].to_vec()));
        at = start + size;
    }
    entries
}

/// Every sheet of a workbook, in order: rows of cells (header row first).
pub fn xlsx_sheets(zip: &[u8]) -> Vec<Vec<Vec<XlsxCell>>> {
    let entries = zip_entries(zip);
    (1..)
        .map_while(|n| {
            let name = format!("xl/worksheets/sheet{n}.xml");
            entries.iter().find(|(e, _)| *e == name).map(|(_, data)| {
                let xml = String::from_utf8(data.clone()).unwrap();
                assert!(
                    !xml.contains("<f>") && !xml.contains("<f "),
                    "no formulas: {xml}"
                );
                sheet_rows(&xml)
            })
        })
        .collect()
}

fn sheet_rows(xml: &str) -> Vec<Vec<XlsxCell>> {
    xml.split("<row ")
        .skip(1)
        .map(|row| {
            let row = row.split("</row>").next().unwrap_or("");
            row.split("<c ")
                .skip(1)
                .map(|cell| {
                    if let Some((text, _)) = between(cell, "<t xml:space=\"preserve\">", "</t>") {
                        XlsxCell::Text(unescape(text))
                    } else if let Some((v, _)) = between(cell, "<v>", "</v>") {
                        XlsxCell::Number(v.to_string())
                    } else {
                        XlsxCell::Empty
                    }
                })
                .collect()
        })
        .collect()
}
