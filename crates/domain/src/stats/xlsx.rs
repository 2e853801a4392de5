//! The statistics tables as an XLSX workbook, one sheet per table, written
//! without a dependency: a workbook is a handful of small XML parts in a
//! ZIP, and stored (uncompressed) entries need nothing beyond a CRC-32.
//! Numbers stay numbers so Excel can sum them; the "<5" of a suppressed
//! count and all text are inline strings, never formulas, and text gets the
//! same neutralising apostrophe as the CSV so a copied cell stays text.

use super::suppression::Shown;
use super::table::{Cell, StatTable};
use crate::export::{neutralise, xml_escape};
use std::fmt::Write as _;

/// Excel refuses longer sheet names.
const SHEET_NAME_MAX: usize = 31;

const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Indices into `cellXfs` in `STYLES`; the order there must match.
#[derive(Clone, Copy)]
enum Style {
    Header = 1,
    Count = 2,
    Money = 3,
    Percent = 4,
    Tenths = 5,
}

/// `#,##0` is built in (id 3); money and one-decimal percent are not.
const STYLES: &str = concat!(
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
    "<numFmts count=\"3\">",
    "<numFmt numFmtId=\"164\" formatCode=\"&quot;€ &quot;#,##0.00\"/>",
    "<numFmt numFmtId=\"165\" formatCode=\"0.0%\"/>",
    "<numFmt numFmtId=\"166\" formatCode=\"0.0\"/>",
    "</numFmts>",
    "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>",
    "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>",
    "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>",
    "<fill><patternFill patternType=\"gray125\"/></fill></fills>",
    "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>",
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>",
    "<cellXfs count=\"6\">",
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>",
    "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>",
    "<xf numFmtId=\"3\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>",
    "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>",
    "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>",
    "<xf numFmtId=\"166\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>",
    "</cellXfs>",
    "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>",
    "</styleSheet>"
);

/// The workbook's bytes. An empty slice still gives one (empty) sheet,
/// because Excel will not open a workbook without any.
pub fn to_xlsx(tables: &[StatTable]) -> Vec<u8> {
    let empty = [StatTable {
        title: "Tabel".into(),
        columns: Vec::new(),
        rows: Vec::new(),
    }];
    let tables = if tables.is_empty() {
        &empty[..]
    } else {
        tables
    };
    let names = sheet_names(tables.iter().map(|t| t.title.as_str()));

    let mut parts: Vec<(String, String)> = vec![
        ("[Content_Types].xml".into(), content_types(tables.len())),
        ("_rels/.rels".into(), root_rels()),
        ("xl/workbook.xml".into(), workbook(&names)),
        (
            "xl/_rels/workbook.xml.rels".into(),
            workbook_rels(tables.len()),
        ),
        ("xl/styles.xml".into(), format!("{XML_DECL}{STYLES}")),
    ];
    for (i, table) in tables.iter().enumerate() {
        parts.push((format!("xl/worksheets/sheet{}.xml", i + 1), sheet(table)));
    }
    let mut zip = ZipWriter::default();
    for (name, xml) in &parts {
        zip.add(name, xml.as_bytes());
    }
    zip.finish()
}

fn content_types(sheets: usize) -> String {
    let mut xml = format!(
        "{XML_DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
         <Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
    );
    for n in 1..=sheets {
        let _ = write!(
            xml,
            "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        );
    }
    xml + "</Types>"
}

fn root_rels() -> String {
    format!(
        "{XML_DECL}<Relationships xmlns=\"{PKG_REL_NS}\">\
         <Relationship Id=\"rId1\" Type=\"{REL_NS}/officeDocument\" Target=\"xl/workbook.xml\"/>\
         </Relationships>"
    )
}

fn workbook(names: &[String]) -> String {
    let mut xml = format!("{XML_DECL}<workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><sheets>");
    for (i, name) in names.iter().enumerate() {
        let n = i + 1;
        let _ = write!(
            xml,
            "<sheet name=\"{}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>",
            xml_escape(name)
        );
    }
    xml + "</sheets></workbook>"
}

/// Sheets are rId1..rIdN, so the styles take the next id.
fn workbook_rels(sheets: usize) -> String {
    let mut xml = format!("{XML_DECL}<Relationships xmlns=\"{PKG_REL_NS}\">");
    for n in 1..=sheets {
        let _ = write!(
            xml,
            "<Relationship Id=\"rId{n}\" Type=\"{REL_NS}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
        );
    }
    let _ = write!(
        xml,
        "<Relationship Id=\"rId{}\" Type=\"{REL_NS}/styles\" Target=\"styles.xml\"/>",
        sheets + 1
    );
    xml + "</Relationships>"
}

fn sheet(table: &StatTable) -> String {
    let mut xml = format!("{XML_DECL}<worksheet xmlns=\"{MAIN_NS}\"><sheetData>");
    let header = table
        .columns
        .iter()
        .map(|c| CellXml::Text(c, Some(Style::Header)));
    row(&mut xml, 1, header);
    for (i, cells) in table.rows.iter().enumerate() {
        row(&mut xml, i + 2, cells.iter().map(CellXml::from));
    }
    xml + "</sheetData></worksheet>"
}

enum CellXml<'a> {
    Text(&'a str, Option<Style>),
    Number(String, Style),
    Empty(Style),
}

impl<'a> From<&'a Cell> for CellXml<'a> {
    fn from(cell: &'a Cell) -> Self {
        match cell {
            Cell::Text(text) => CellXml::Text(text, None),
            Cell::Count(Shown::Count(n)) => CellXml::Number(n.to_string(), Style::Count),
            Cell::Count(Shown::Fewer) => CellXml::Text("<5", None),
            Cell::Money(cents) => CellXml::Number(euros(*cents), Style::Money),
            Cell::Percent(Some(permille)) => CellXml::Number(fraction(*permille), Style::Percent),
            Cell::Percent(None) => CellXml::Empty(Style::Percent),
            Cell::Number(n) => CellXml::Number(n.to_string(), Style::Count),
            Cell::Tenths(Some(t)) => {
                CellXml::Number(format!("{}.{}", t / 10, t % 10), Style::Tenths)
            }
            Cell::Tenths(None) => CellXml::Empty(Style::Tenths),
            Cell::Withheld => CellXml::Empty(Style::Money),
        }
    }
}

fn row<'a>(xml: &mut String, r: usize, cells: impl Iterator<Item = CellXml<'a>>) {
    let _ = write!(xml, "<row r=\"{r}\">");
    for (i, cell) in cells.enumerate() {
        let at = format!("{}{r}", column(i));
        let _ = match cell {
            CellXml::Text(text, style) => {
                let s = style.map_or(String::new(), |s| format!(" s=\"{}\"", s as u8));
                let text = cell_text(&neutralise(text));
                write!(
                    xml,
                    "<c r=\"{at}\"{s} t=\"inlineStr\"><is><t xml:space=\"preserve\">{text}</t></is></c>"
                )
            }
            CellXml::Number(v, s) => write!(xml, "<c r=\"{at}\" s=\"{}\"><v>{v}</v></c>", s as u8),
            CellXml::Empty(s) => write!(xml, "<c r=\"{at}\" s=\"{}\"/>", s as u8),
        };
    }
    xml.push_str("</row>");
}

/// Column letters: 0 → A, 25 → Z, 26 → AA.
pub(crate) fn column(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.iter().rev().map(|&b| b as char).collect()
}

/// Exact decimal from integer cents: a float could print 7499.999….
pub(crate) fn euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Per mille as the fraction Excel's `%` format multiplies by 100.
pub(crate) fn fraction(permille: u32) -> String {
    format!("{}.{:03}", permille / 1000, permille % 1000)
}

/// Text for a `<t>`: XML-escaped, and a literal `_xHHHH_` guarded, since
/// Excel would otherwise decode it as an escaped character.
fn cell_text(text: &str) -> String {
    let escaped = xml_escape(text);
    let bytes = escaped.as_bytes();
    let mut out = String::with_capacity(escaped.len());
    for (i, ch) in escaped.char_indices() {
        let looks_escaped = bytes[i..].starts_with(b"_x")
            && bytes.len() >= i + 7
            && bytes[i + 2..i + 6].iter().all(u8::is_ascii_hexdigit)
            && bytes[i + 6] == b'_';
        if looks_escaped {
            out.push_str("_x005F_");
        } else {
            out.push(ch);
        }
    }
    out
}

/// Names Excel accepts: no `[]:*?/\`, no control characters, no apostrophe
/// at either end, at most 31 characters, unique ignoring case (and not the
/// reserved "History").
pub(crate) fn sheet_names<'a>(titles: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut taken = vec!["history".to_string()];
    let mut names = Vec::new();
    for (i, title) in titles.enumerate() {
        let cleaned: String = title
            .chars()
            .filter(|c| !c.is_control())
            .map(|c| match c {
                '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '-',
                c => c,
            })
            .collect();
        let trimmed = cleaned.trim().trim_matches('\'').trim();
        let base = Some(trimmed.to_string()).filter(|t| !t.is_empty());
        let base = base.unwrap_or_else(|| format!("Tabel {}", i + 1));
        let name = (1..)
            .map(|n| {
                let numbered = Some(n).filter(|&n| n > 1);
                let suffix = numbered.map_or(String::new(), |n| format!(" ({n})"));
                let head: String = base.chars().take(SHEET_NAME_MAX - suffix.len()).collect();
                format!("{}{suffix}", head.trim_end())
            })
            .find(|name| !taken.contains(&name.to_lowercase()))
            .expect("an unused number");
        taken.push(name.to_lowercase());
        names.push(name);
    }
    names
}

/// CRC-32 as ZIP wants it; shared with the PNG encoder of the letters' e-mail.
pub(crate) use crate::checksum::crc32;

/// A ZIP of stored entries. The timestamp is fixed (1980-01-01, the DOS
/// epoch) so the same tables always give the same bytes.
#[derive(Default)]
struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

const DOS_DATE: u16 = 1 << 5 | 1;

impl ZipWriter {
    fn add(&mut self, name: &str, data: &[u8]) {
        let offset = u32_len(self.out.len());
        let size = u32_len(data.len());
        let crc = crc32(data);
        let name_len = u16::try_from(name.len()).expect("short part names");

        // Local header: version 2.0, no flags, method 0 (stored).
        put32(&mut self.out, 0x0403_4b50);
        for v in [20, 0, 0, 0, DOS_DATE] {
            put16(&mut self.out, v);
        }
        for v in [crc, size, size] {
            put32(&mut self.out, v);
        }
        put16(&mut self.out, name_len);
        put16(&mut self.out, 0);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(data);

        let c = &mut self.central;
        put32(c, 0x0201_4b50);
        for v in [20, 20, 0, 0, 0, DOS_DATE] {
            put16(c, v);
        }
        for v in [crc, size, size] {
            put32(c, v);
        }
        for v in [name_len, 0, 0, 0, 0] {
            put16(c, v);
        }
        put32(c, 0);
        put32(c, offset);
        c.extend_from_slice(name.as_bytes());
        self.entries += 1;
    }

    fn finish(mut self) -> Vec<u8> {
        let offset = u32_len(self.out.len());
        let size = u32_len(self.central.len());
        self.out.append(&mut self.central);
        put32(&mut self.out, 0x0605_4b50);
        for v in [0, 0, self.entries, self.entries] {
            put16(&mut self.out, v);
        }
        put32(&mut self.out, size);
        put32(&mut self.out, offset);
        put16(&mut self.out, 0);
        self.out
    }
}

/// Without ZIP64 a size must fit 32 bits; a statistics table never nears 4 GiB.
fn u32_len(len: usize) -> u32 {
    u32::try_from(len).expect("xlsx over 4 GiB needs ZIP64")
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

#[cfg(test)]
#[path = "xlsx_tests.rs"]
mod tests;
