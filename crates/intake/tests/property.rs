//! Properties over many generated inputs, with a small deterministic PRNG
//! (no property-testing dependency): the reader never panics, and the same
//! data gives the same validated rows whatever encoding, delimiter, line
//! ending or column order it was written in.

use chrono::NaiveDate;
use vangnet_domain::signal::{validate, PartnerType, RawSignal, SignalField, Validated};
use vangnet_intake::{encode_windows_1252, generate, Encoding, Profile, SignalReader};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

/// Reads everything and validates every row; a panic fails the test.
fn consume(data: &[u8], profile: &Profile) -> Vec<(u64, Result<Validated, &'static str>)> {
    let Ok(reader) = SignalReader::new(data, profile) else {
        return Vec::new();
    };
    reader
        .map(|row| match row {
            Ok(raw) => (raw.line, Ok(validate(&raw, PartnerType::Huur, today()))),
            Err(problem) => (problem.line, Err(problem.code)),
        })
        .collect()
}

fn header(delimiter: char) -> String {
    let names: Vec<&str> = SignalField::ALL.iter().map(|f| f.name()).collect();
    names.join(&delimiter.to_string())
}

const NOISE: &[u8] = b";,\"\n\r\t =sep\xef\xbb\xbf\x80\x81\xc3\xa9\xff0123456789-/.,ja";

#[test]
fn arbitrary_bytes_never_panic() {
    let mut rng = Rng(7);
    let mut forced = Profile::default();
    forced.encoding = Some(Encoding::Utf8);
    forced.delimiter = Some(b',');
    let profiles = [Profile::default(), forced];
    for round in 0..4_000 {
        let mut data = if round % 2 == 0 {
            format!("{}\n", header(';')).into_bytes()
        } else {
            Vec::new()
        };
        for _ in 0..rng.below(800) {
            let byte = if rng.below(10) < 7 {
                *rng.pick(NOISE)
            } else {
                rng.next() as u8
            };
            data.push(byte);
        }
        consume(&data, &profiles[round % 2]);
    }
}

/// Cells that stress the normalisers, valid and not.
const CELLS: &[&str] = &[
    "",
    "ja",
    "nee",
    "J",
    "0",
    "1.234,56",
    "€ 450,-",
    "-5",
    "1,234",
    "99999999999999999999999",
    "31-02-2026",
    "2026-01-01",
    "1-1-2026",
    "01/13/2026",
    "2511 AB",
    "0000AA",
    "1234 SA",
    "12-A",
    "0",
    "100000",
    "123456782",
    "12345678",
    "A.B.",
    "ij",
    "Huur",
    "CAK Eigen bijdrage",
    "onbekend",
    "€",
    "ë",
    "\u{0}",
    "a\u{7}b",
    "ÿÿÿÿ",
    "    ",
    "\"",
    "x@y.nl",
    "+31 6 1234 5678",
    "07-07-2999",
];

#[test]
fn random_cells_never_panic_and_always_explain_rejections() {
    let mut rng = Rng(11);
    for _ in 0..20_000 {
        let mut raw = RawSignal::new(2);
        for field in SignalField::ALL {
            if rng.below(3) > 0 {
                raw.set(field, rng.pick::<&str>(CELLS));
            }
        }
        if let Validated::Rejected(errors) = validate(&raw, PartnerType::Huur, today()) {
            assert!(!errors.is_empty());
            assert!(errors.iter().all(|e| !e.message.is_empty()));
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Written {
    Utf8,
    Utf8Bom,
    Windows1252,
}

/// Writes rows as a spreadsheet would: quoting where needed.
fn write(
    rows: &[RawSignal],
    order: &[SignalField],
    delimiter: char,
    eol: &str,
    enc: Written,
) -> Vec<u8> {
    let cell = |value: &str| {
        if value.contains([delimiter, '"', '\n', '\r']) {
            format!("\"{}\"", value.replace('"', "\"\""))
        } else {
            value.to_string()
        }
    };
    let names: Vec<String> = order.iter().map(|f| f.name().to_uppercase()).collect();
    let mut text = names.join(&delimiter.to_string()) + eol;
    for row in rows {
        let cells: Vec<String> = order.iter().map(|f| cell(row.get(*f))).collect();
        text.push_str(&cells.join(&delimiter.to_string()));
        text.push_str(eol);
    }
    match enc {
        Written::Utf8 => text.into_bytes(),
        Written::Utf8Bom => [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat(),
        Written::Windows1252 => encode_windows_1252(&text).expect("representable"),
    }
}

fn sample_rows() -> Vec<RawSignal> {
    let mut data = Vec::new();
    generate::write_signals(&mut data, 300, 99).unwrap();
    let mut rows: Vec<RawSignal> = SignalReader::new(&data[..], &Profile::default())
        .unwrap()
        .map(Result::unwrap)
        .collect();
    // Values that need quoting, including a line break.
    for (i, row) in rows.iter_mut().enumerate().filter(|(i, _)| i % 10 == 0) {
        row.set(
            SignalField::Straatnaam,
            &format!("Laan; van \"Meer\",\r\ndervoort {i}"),
        );
    }
    rows
}

#[test]
fn same_data_same_result_in_every_format() {
    let rows = sample_rows();
    let mut rng = Rng(5);
    let identity = SignalField::ALL.to_vec();
    let reversed: Vec<SignalField> = SignalField::ALL.iter().rev().copied().collect();
    let mut shuffled = identity.clone();
    for i in (1..shuffled.len()).rev() {
        shuffled.swap(i, rng.below(i + 1));
    }
    let reference = consume(
        &write(&rows, &identity, ';', "\n", Written::Utf8),
        &Profile::default(),
    );
    assert_eq!(reference.len(), rows.len());
    assert!(reference
        .iter()
        .any(|(_, v)| matches!(v, Ok(Validated::Accepted(_)))));
    assert!(reference.iter().all(|(_, v)| v.is_ok()));
    for enc in [Written::Utf8, Written::Utf8Bom, Written::Windows1252] {
        for delimiter in [';', ','] {
            for order in [&identity, &reversed, &shuffled] {
                for eol in ["\n", "\r\n"] {
                    let data = write(&rows, order, delimiter, eol, enc);
                    let got = consume(&data, &Profile::default());
                    assert!(
                        got == reference,
                        "{enc:?} {delimiter:?} {eol:?} order {:?}",
                        order[0]
                    );
                }
            }
        }
    }
}

/// Hands out the data in pieces of random size, as a socket or a slow disk
/// would.
struct Trickle<'a> {
    data: &'a [u8],
    rng: Rng,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = (1 + self.rng.below(300))
            .min(buf.len())
            .min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

#[test]
fn piecemeal_reads_give_the_same_rows() {
    let mut rows = sample_rows();
    rows.extend(sample_rows().into_iter().cycle().take(2_000));
    let data = write(&rows, &SignalField::ALL, ';', "\r\n", Written::Windows1252);
    assert!(
        data.len() > 200 * 1024,
        "crosses the reader's buffer several times"
    );
    let whole = consume(&data, &Profile::default());
    for seed in 0..5 {
        let trickle = Trickle {
            data: &data,
            rng: Rng(seed),
        };
        let pieces: Vec<_> = SignalReader::new(trickle, &Profile::default())
            .unwrap()
            .map(|row| row.map(|raw| (raw.line, validate(&raw, PartnerType::Huur, today()))))
            .collect();
        let expected: Vec<_> = whole
            .iter()
            .map(|(line, v)| v.clone().map(|v| (*line, v)).map_err(|_| ()))
            .collect();
        let got: Vec<_> = pieces.into_iter().map(|r| r.map_err(|_| ())).collect();
        assert!(got == expected, "seed {seed}");
    }
}
