use super::*;
use std::process::Command;

fn table() -> StatTable {
    StatTable {
        title: "Signalen per soort".into(),
        columns: vec![
            "Soort".into(),
            "Aantal".into(),
            "Aandeel".into(),
            "Kosten (euro)".into(),
        ],
        rows: vec![
            vec![
                Cell::Text("Huur & <gas>".into()),
                Cell::count(1234),
                Cell::share(1234, 1500),
                Cell::Money(750_000),
            ],
            vec![
                Cell::Text("=HYPERLINK(\"x\")".into()),
                Cell::count(3),
                Cell::share(3, 1500),
                Cell::Money(-2_550),
            ],
        ],
    }
}

struct Entry {
    name: String,
    data: Vec<u8>,
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}

/// A reader just strict enough to catch our own mistakes: every local
/// header must agree with the central directory and the data's CRC.
fn unzip(zip: &[u8]) -> Vec<Entry> {
    let eocd = zip.len() - 22;
    assert_eq!(u32_at(zip, eocd), 0x0605_4b50, "end of central directory");
    let count = usize::from(u16_at(zip, eocd + 10));
    let cd_size = u32_at(zip, eocd + 12) as usize;
    let mut cd = u32_at(zip, eocd + 16) as usize;
    assert_eq!(
        cd + cd_size,
        eocd,
        "central directory ends where EOCD starts"
    );

    let mut entries = Vec::new();
    let mut local = 0;
    for _ in 0..count {
        assert_eq!(u32_at(zip, cd), 0x0201_4b50, "central header");
        assert_eq!(u16_at(zip, cd + 10), 0, "stored");
        let (crc, size) = (u32_at(zip, cd + 16), u32_at(zip, cd + 20));
        let name_len = usize::from(u16_at(zip, cd + 28));
        assert_eq!(u32_at(zip, cd + 42) as usize, local, "local header offset");
        let name = &zip[cd + 46..cd + 46 + name_len];

        assert_eq!(u32_at(zip, local), 0x0403_4b50, "local header");
        assert_eq!(u16_at(zip, local + 8), 0, "stored");
        assert_eq!(u32_at(zip, local + 14), crc);
        assert_eq!(u32_at(zip, local + 18), size, "compressed = size");
        assert_eq!(u32_at(zip, local + 22), size);
        assert_eq!(usize::from(u16_at(zip, local + 26)), name_len);
        let extra = usize::from(u16_at(zip, local + 28));
        let start = local + 30 + name_len + extra;
        assert_eq!(&zip[local + 30..local + 30 + name_len], name);
        let data = zip[start..start + size as usize].to_vec();
        assert_eq!(
            crc32(&data),
            crc,
            "crc of {}",
            String::from_utf8_lossy(name)
        );

        entries.push(Entry {
            name: String::from_utf8(name.to_vec()).unwrap(),
            data,
        });
        local = start + size as usize;
        cd += 46 + name_len;
    }
    assert_eq!(
        local,
        u32_at(zip, eocd + 16) as usize,
        "no gap before the directory"
    );
    entries
}

fn part(entries: &[Entry], name: &str) -> String {
    let entry = entries.iter().find(|e| e.name == name).expect(name);
    String::from_utf8(entry.data.clone()).unwrap()
}

#[test]
fn crc32_matches_the_known_vectors() {
    assert_eq!(crc32(b""), 0);
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32(b"a"), 0xE8B7_BE43);
    assert_eq!(
        crc32(b"The quick brown fox jumps over the lazy dog"),
        0x414F_A339
    );
}

#[test]
fn the_zip_holds_every_part_stored_with_the_right_crc() {
    let second = StatTable {
        title: "Tweede".into(),
        ..table()
    };
    let entries = unzip(&to_xlsx(&[table(), second]));
    let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet2.xml",
        ]
    );
    let workbook = part(&entries, "xl/workbook.xml");
    assert!(workbook.contains("<sheet name=\"Signalen per soort\" sheetId=\"1\" r:id=\"rId1\"/>"));
    assert!(workbook.contains("<sheet name=\"Tweede\" sheetId=\"2\" r:id=\"rId2\"/>"));
    let rels = part(&entries, "xl/_rels/workbook.xml.rels");
    assert!(rels.contains("Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\""));
    let types = part(&entries, "[Content_Types].xml");
    assert!(types.contains("/xl/worksheets/sheet2.xml"));
}

#[test]
fn the_sheet_has_numbers_as_numbers_and_text_never_as_formulas() {
    let entries = unzip(&to_xlsx(&[table()]));
    let sheet = part(&entries, "xl/worksheets/sheet1.xml");
    for expected in [
        "<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">Soort</t></is></c>",
        "<c r=\"A2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">Huur &amp; &lt;gas&gt;</t></is></c>",
        "<c r=\"B2\" s=\"2\"><v>1234</v></c>",
        "<c r=\"C2\" s=\"4\"><v>0.823</v></c>",
        "<c r=\"D2\" s=\"3\"><v>7500.00</v></c>",
        "<c r=\"A3\" t=\"inlineStr\"><is><t xml:space=\"preserve\">&apos;=HYPERLINK(&quot;x&quot;)</t></is></c>",
        "<c r=\"B3\" t=\"inlineStr\"><is><t xml:space=\"preserve\">&lt;5</t></is></c>",
        "<c r=\"C3\" s=\"4\"/>",
        "<c r=\"D3\" s=\"3\"><v>-25.50</v></c>",
    ] {
        assert!(sheet.contains(expected), "{expected} in {sheet}");
    }
    for entry in &entries {
        let xml = String::from_utf8_lossy(&entry.data);
        assert!(
            !xml.contains("<f>") && !xml.contains("<f "),
            "{}",
            entry.name
        );
    }
    let styles = part(&entries, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"&quot;€ &quot;#,##0.00\""));
    assert!(styles.contains("formatCode=\"0.0%\""));
    assert!(styles.contains("numFmtId=\"3\""), "#,##0 is built-in id 3");
}

#[test]
fn numbers_are_written_exactly() {
    assert_eq!(euros(750_000), "7500.00");
    assert_eq!(euros(1), "0.01");
    assert_eq!(euros(-5), "-0.05");
    assert_eq!(euros(0), "0.00");
    assert_eq!(euros(i64::MIN), "-92233720368547758.08");
    assert_eq!(fraction(823), "0.823");
    assert_eq!(fraction(5), "0.005");
    assert_eq!(fraction(1000), "1.000");
    assert_eq!(column(0), "A");
    assert_eq!(column(25), "Z");
    assert_eq!(column(26), "AA");
    assert_eq!(column(701), "ZZ");
    assert_eq!(column(702), "AAA");
}

#[test]
fn text_is_escaped_and_unholdable_characters_dropped() {
    assert_eq!(
        crate::export::xml_escape("a&b<c>d\"e'f"),
        "a&amp;b&lt;c&gt;d&quot;e&apos;f"
    );
    assert_eq!(
        crate::export::xml_escape("x\u{0}\u{1b}y\u{FFFF}\tz\r\n"),
        "xy\tz&#13;\n"
    );
    assert_eq!(cell_text("_x0041_ and _xyz_"), "_x005F_x0041_ and _xyz_");
}

#[test]
fn sheet_names_are_valid_and_unique() {
    let long = "Signalen per soort en per wijk in de gemeente";
    let titles = [
        "Kosten [2026]: a/b?",
        long,
        long,
        "signalen per soort en per wijk in de gemeente",
        "",
        "'Quoted'",
        "History",
    ];
    let names = sheet_names(titles.into_iter());
    assert_eq!(
        names,
        [
            "Kosten -2026-- a-b-",
            "Signalen per soort en per wijk",
            "Signalen per soort en per w (2)",
            "signalen per soort en per w (3)",
            "Tabel 5",
            "Quoted",
            "History (2)",
        ]
    );
    assert!(names.iter().all(|n| n.chars().count() <= 31));
}

#[test]
fn no_tables_still_make_a_workbook_excel_opens() {
    let entries = unzip(&to_xlsx(&[]));
    assert!(part(&entries, "xl/workbook.xml").contains("<sheet name=\"Tabel\""));
}

/// Python's zipfile and minidom as an independent reader; skipped without
/// python3 unless the whole suite must run.
#[test]
fn python_reads_the_workbook() {
    let path = std::env::temp_dir().join(format!("vangnet-xlsx-{}.xlsx", std::process::id()));
    std::fs::write(&path, to_xlsx(&[table(), table()])).unwrap();
    // The brief's check, plus that the apostrophe survives XML decoding.
    let script = r#"import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; import xml.dom.minidom as m; [m.parseString(z.read(n)) for n in z.namelist()]
t = m.parseString(z.read("xl/worksheets/sheet1.xml")).getElementsByTagName("t")
assert sys.argv[2] in [e.firstChild.data for e in t], [e.firstChild.data for e in t]"#;
    let result = Command::new("python3")
        .args(["-c", script])
        .arg(&path)
        .arg("'=HYPERLINK(\"x\")")
        .output();
    let _ = std::fs::remove_file(&path);
    let out = match result {
        Ok(out) => out,
        Err(_) if std::env::var_os("VANGNET_TEST_REQUIRE_ALL").is_none() => return,
        Err(e) => panic!("python3 is needed: {e}"),
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
