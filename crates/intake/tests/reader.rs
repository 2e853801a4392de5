//! Table tests of `SignalReader`: header, delimiter, encoding, quoting,
//! line numbers and profiles.

use vangnet_domain::signal::{RawSignal, SignalField};
use vangnet_intake::{Encoding, Profile, ReadError, SignalReader};

const HEADER: &str = "kenmerk;bedrag;signaaldatum;achternaam;postcode;huisnummer";

/// Each row as "line: field=value ..." (filled fields only) or
/// "line: problem code"; a file-level error as "error: message".
fn read(data: &[u8], profile: &Profile) -> Vec<String> {
    let reader = match SignalReader::new(data, profile) {
        Ok(reader) => reader,
        Err(e) => return vec![format!("error: {e}")],
    };
    reader
        .map(|row| match row {
            Ok(raw) => describe(&raw),
            Err(p) => format!("{}: problem {}", p.line, p.code),
        })
        .collect()
}

fn describe(raw: &RawSignal) -> String {
    let fields: Vec<String> = raw
        .filled()
        .map(|(f, v)| format!("{}={v}", f.name()))
        .collect();
    format!("{}: {}", raw.line, fields.join(" "))
}

fn check(cases: &[(&str, &[u8], &[&str])], profile: &Profile) {
    for (name, data, expected) in cases {
        assert_eq!(read(data, profile), *expected, "{name}");
    }
}

#[test]
fn header_table() {
    check(
        &[
            (
                "default order",
                b"kenmerk;bedrag;signaaldatum;achternaam;postcode;huisnummer\nK1;10;01-01-2026;Bos;2511AB;3\n",
                &["2: kenmerk=K1 bedrag=10 signaaldatum=01-01-2026 achternaam=Bos huisnummer=3 postcode=2511AB"],
            ),
            (
                "free order, any case, padded, unknown columns ignored",
                b" Huisnummer ;POSTCODE;Opmerking;Achternaam;Signaaldatum;Bedrag;Kenmerk\n3;2511AB;x;Bos;01-01-2026;10;K1\n",
                &["2: kenmerk=K1 bedrag=10 signaaldatum=01-01-2026 achternaam=Bos huisnummer=3 postcode=2511AB"],
            ),
            (
                "spaces and dashes for underscores",
                b"kenmerk;bedrag;signaaldatum;achternaam;postcode;huisnummer;Warme Overdracht;contact-gezocht\nK1;10;1-1-2026;Bos;2511AB;3;ja;nee\n",
                &["2: kenmerk=K1 bedrag=10 signaaldatum=1-1-2026 warme_overdracht=ja achternaam=Bos huisnummer=3 postcode=2511AB contact_gezocht=nee"],
            ),
            (
                "values trimmed",
                b"kenmerk;bedrag;signaaldatum;achternaam;postcode;huisnummer\n  K1 ; 10 ;\t01-01-2026; Bos ;\"  2511AB \";3\n",
                &["2: kenmerk=K1 bedrag=10 signaaldatum=01-01-2026 achternaam=Bos huisnummer=3 postcode=2511AB"],
            ),
            (
                "one required column missing",
                b"kenmerk;bedrag;signaaldatum;achternaam;postcode\n",
                &["error: de kopregel mist de verplichte kolom(men): huisnummer"],
            ),
            (
                "several required columns missing",
                b"naam;adres\nBos;Hoefkade 1\n",
                &["error: de kopregel mist de verplichte kolom(men): kenmerk, bedrag, signaaldatum, achternaam, postcode, huisnummer"],
            ),
            (
                "duplicate column",
                b"kenmerk;bedrag;signaaldatum;achternaam;postcode;huisnummer;Postcode\n",
                &["error: de kolom 'Postcode' staat meer dan eens in de kopregel"],
            ),
            (
                "duplicate unknown columns are harmless",
                b"kenmerk;bedrag;signaaldatum;achternaam;postcode;huisnummer;;\nK1;10;01-01-2026;Bos;2511AB;3;;\n",
                &["2: kenmerk=K1 bedrag=10 signaaldatum=01-01-2026 achternaam=Bos huisnummer=3 postcode=2511AB"],
            ),
            ("empty file", b"", &["error: het bestand is leeg: er is geen kopregel"]),
            ("only a BOM and blank lines", b"\xef\xbb\xbf\r\n\r\n", &["error: het bestand is leeg: er is geen kopregel"]),
            ("header only", HEADER.as_bytes(), &[]),
        ],
        &Profile::default(),
    );
}

/// Six commas and six semicolons in the header.
const AMBIGUOUS: &[u8] = b"kenmerk,bedrag,signaaldatum,achternaam,postcode,huisnummer,a;b;c;d;e;f;g\nK1,1,01-01-2026,Bos,2511AB,3,x\n";

#[test]
fn delimiter_table() {
    let row = "2: kenmerk=K1 bedrag=1,50 signaaldatum=01-01-2026 achternaam=Bos, J. huisnummer=3 postcode=2511AB";
    check(
        &[
            ("semicolon", b"kenmerk;bedrag;signaaldatum;achternaam;postcode;huisnummer\nK1;1,50;01-01-2026;Bos, J.;2511AB;3\n", &[row]),
            ("comma", b"kenmerk,bedrag,signaaldatum,achternaam,postcode,huisnummer\nK1,\"1,50\",01-01-2026,\"Bos, J.\",2511AB,3\n", &[row]),
            ("tab", b"kenmerk\tbedrag\tsignaaldatum\tachternaam\tpostcode\thuisnummer\nK1\t1,50\t01-01-2026\tBos, J.\t2511AB\t3\n", &[row]),
            ("Excel sep line", b"sep=,\r\nkenmerk,bedrag,signaaldatum,achternaam,postcode,huisnummer\r\nK1,\"1,50\",01-01-2026,\"Bos, J.\",2511AB,3\r\n", &["3: kenmerk=K1 bedrag=1,50 signaaldatum=01-01-2026 achternaam=Bos, J. huisnummer=3 postcode=2511AB"]),
        ],
        &Profile::default(),
    );
    let mut forced = Profile::default();
    forced.delimiter = Some(b',');
    check(
        &[("profile wins over detection", AMBIGUOUS,
            &["2: kenmerk=K1 bedrag=1 signaaldatum=01-01-2026 achternaam=Bos huisnummer=3 postcode=2511AB"])],
        &forced,
    );
    check(
        &[("a tie goes to the semicolon", AMBIGUOUS,
            &["error: de kopregel mist de verplichte kolom(men): kenmerk, bedrag, signaaldatum, achternaam, postcode, huisnummer"])],
        &Profile::default(),
    );
}

#[test]
fn encoding_table() {
    let row = "2: kenmerk=K1 bedrag=€ 5 signaaldatum=01-01-2026 achternaam=Müller huisnummer=3 postcode=2511AB";
    let header = "kenmerk;bedrag;signaaldatum;achternaam;postcode;huisnummer\r\n";
    let body = "K1;€ 5;01-01-2026;Müller;2511AB;3\r\n";
    let utf8 = format!("{header}{body}").into_bytes();
    let bom = [b"\xef\xbb\xbf".as_slice(), &utf8].concat();
    let cp1252 = vangnet_intake::encode_windows_1252(&format!("{header}{body}")).unwrap();
    check(
        &[
            ("utf-8", &utf8, &[row]),
            ("utf-8 with BOM", &bom, &[row]),
            ("windows-1252", &cp1252, &[row]),
        ],
        &Profile::default(),
    );
    let mut utf8_only = Profile::default();
    utf8_only.encoding = Some(Encoding::Utf8);
    check(
        &[
            ("forced utf-8 on utf-8", &utf8, &[row]),
            (
                "forced utf-8 on windows-1252",
                &cp1252,
                &["2: problem row.encoding"],
            ),
        ],
        &utf8_only,
    );
    let mut cp1252_only = Profile::default();
    cp1252_only.encoding = Some(Encoding::Windows1252);
    check(&[("forced windows-1252", &cp1252, &[row])], &cp1252_only);
}

#[test]
fn lines_table() {
    let r = |line: u64, k: &str| {
        format!("{line}: kenmerk={k} bedrag=1 signaaldatum=01-01-2026 achternaam=Bos huisnummer=3 postcode=2511AB")
    };
    let cases: &[(&str, &[u8], Vec<String>)] = &[
        ("LF", b"kenmerk;bedrag;signaaldatum;achternaam;postcode;huisnummer\nA;1;01-01-2026;Bos;2511AB;3\nB;1;01-01-2026;Bos;2511AB;3\n", vec![r(2, "A"), r(3, "B")]),
        ("CRLF, no final line end", b"kenmerk;bedrag;signaaldatum;achternaam;postcode;huisnummer\r\nA;1;01-01-2026;Bos;2511AB;3\r\nB;1;01-01-2026;Bos;2511AB;3", vec![r(2, "A"), r(3, "B")]),
        ("blank lines skipped but counted", b"\r\n\r\nkenmerk;bedrag;signaaldatum;achternaam;postcode;huisnummer\r\n\r\nA;1;01-01-2026;Bos;2511AB;3\r\n   \r\n;;;;;\r\n\r\nB;1;01-01-2026;Bos;2511AB;3\r\n\r\n", vec![r(5, "A"), r(9, "B")]),
        ("quoted line break moves the next row", b"kenmerk;bedrag;signaaldatum;achternaam;postcode;huisnummer\n\"A\nvervolg;\nnog\";1;01-01-2026;Bos;2511AB;3\nB;1;01-01-2026;Bos;2511AB;3\n",
            vec!["2: kenmerk=A\nvervolg;\nnog bedrag=1 signaaldatum=01-01-2026 achternaam=Bos huisnummer=3 postcode=2511AB".to_string(), r(5, "B")]),
        ("escaped quotes", b"kenmerk;bedrag;signaaldatum;achternaam;postcode;huisnummer\n\"A \"\"x\"\"\";1;01-01-2026;Bos;2511AB;3\n",
            vec!["2: kenmerk=A \"x\" bedrag=1 signaaldatum=01-01-2026 achternaam=Bos huisnummer=3 postcode=2511AB".to_string()]),
        ("short and long rows are problems, reading goes on", b"kenmerk;bedrag;signaaldatum;achternaam;postcode;huisnummer\nA;1;01-01-2026\nB;1;01-01-2026;Bos;2511AB;3;x\nC;1;01-01-2026;Bos;2511AB;3;;\n",
            vec!["2: problem row.columns".to_string(), "3: problem row.columns".to_string(), r(4, "C")]),
    ];
    for (name, data, expected) in cases {
        assert_eq!(read(data, &Profile::default()), *expected, "{name}");
    }
}

#[test]
fn an_unclosed_quote_ends_reading_with_a_problem() {
    let mut data = format!("{HEADER}\nA;1;01-01-2026;Bos;2511AB;3\nB;\"open").into_bytes();
    data.extend(std::iter::repeat_n(b'x', 2 * 1024 * 1024));
    data.extend(b"\nC;1;01-01-2026;Bos;2511AB;3\n");
    let rows: Vec<_> = SignalReader::new(&data[..], &Profile::default())
        .unwrap()
        .collect();
    assert_eq!(rows.len(), 2);
    let problem = rows[1].as_ref().unwrap_err();
    assert_eq!((problem.line, problem.code), (3, "file.record_too_large"));
    assert!(problem.ends_reading());
}

#[test]
fn profile_maps_columns_and_fills_defaults() {
    let profile = Profile::from_toml(
        r#"
        [columns]
        kenmerk = "Dossiernr"
        bedrag = "Openstaand saldo"
        achternaam = "Naam huurder"
        [defaults]
        soort = "Huur"
        contact_gezocht = "ja"
        signaaldatum = "01-11-2026"
        "#,
    )
    .unwrap();
    check(
        &[
            (
                "mapped headers, defaults for absent and empty cells",
                b"Dossiernr;Openstaand saldo;Naam huurder;postcode;huisnummer;contact_gezocht;kenmerk\nD1;10;Bos;2511AB;3;;genegeerd\nD2;10;Bos;2511AB;3;nee;\n",
                &[
                    "2: kenmerk=D1 soort=Huur bedrag=10 signaaldatum=01-11-2026 achternaam=Bos huisnummer=3 postcode=2511AB contact_gezocht=ja",
                    "3: kenmerk=D2 soort=Huur bedrag=10 signaaldatum=01-11-2026 achternaam=Bos huisnummer=3 postcode=2511AB contact_gezocht=nee",
                ],
            ),
            (
                "missing mapped column is named by its header",
                b"Dossiernr;bedrag;Naam huurder;postcode;huisnummer\n",
                &["error: de kopregel mist de verplichte kolom(men): Openstaand saldo"],
            ),
        ],
        &profile,
    );
}

#[test]
fn read_errors_are_distinguishable() {
    let err = SignalReader::new(&b"kenmerk;kenmerk"[..], &Profile::default())
        .err()
        .unwrap();
    assert!(matches!(err, ReadError::DuplicateColumn(ref c) if c == "kenmerk"));
    let err = SignalReader::new(&b"kenmerk"[..], &Profile::default())
        .err()
        .unwrap();
    assert!(matches!(err, ReadError::MissingColumns(ref c) if c.len() == 5));
}

#[test]
fn next_into_reuses_one_row() {
    let data = format!("{HEADER}\nA;1;01-01-2026;Bos;2511AB;3\nB;2;;Bos;2511AB;3\n");
    let mut reader = SignalReader::new(data.as_bytes(), &Profile::default()).unwrap();
    let mut raw = RawSignal::default();
    assert_eq!(reader.next_into(&mut raw), Some(Ok(())));
    assert_eq!(raw.get(SignalField::Signaaldatum), "01-01-2026");
    assert_eq!(reader.next_into(&mut raw), Some(Ok(())));
    assert_eq!((raw.line, raw.get(SignalField::Signaaldatum)), (3, ""));
    assert_eq!(reader.next_into(&mut raw), None);
    assert_eq!(reader.next_into(&mut raw), None);
}
