//! Realistic test signals in the default header, for benchmarks, demos and
//! property tests. Deterministic for a seed, streaming, fast.
//!
//! What the data looks like:
//! - households mostly in Den Haag (PC4 2490-2599), some in Rijswijk
//!   (2280-2289), about 3% in PC4 9999 that no gemeente serves;
//! - about a third of the rows come from a household seen shortly before,
//!   with another (or the same) partner, so matching has work to do;
//! - about 60% carry a BSN that passes the eleven-test;
//! - about 35% are rent signals (Huur); 2% of those carry an objection
//!   (validate: `Objected`) and 2% lack the contact attempt (`Rejected`
//!   with `rent.no_contact`); every other row is `Accepted`;
//! - signal dates fall in the 184 days up to `LAST_SIGNAL_DATE`, in mixed
//!   but valid notations (amounts, dates, postcodes, house numbers).

use chrono::{Datelike, Duration, NaiveDate};
use std::io::{self, BufWriter, Write};

/// The latest signal date `write_signals` produces, so the data validates
/// against any later "today".
pub const LAST_SIGNAL_DATE: (i32, u32, u32) = (2026, 6, 30);

const RING: usize = 512;

pub fn write_signals(writer: impl Write, n: u64, seed: u64) -> io::Result<()> {
    let (y, m, d) = LAST_SIGNAL_DATE;
    let last = NaiveDate::from_ymd_opt(y, m, d).expect("valid constant date");
    write_signals_until(writer, n, seed, last)
}

/// As `write_signals`, with signal dates in the 184 days up to `last`.
pub fn write_signals_until(
    writer: impl Write,
    n: u64,
    seed: u64,
    last: NaiveDate,
) -> io::Result<()> {
    write_signals_over(writer, n, seed, last, 184)
}

/// As `write_signals`, with signal dates in the `days` days up to `last`
/// (`vangnet bench stats` spreads them over two years).
pub fn write_signals_over(
    writer: impl Write,
    n: u64,
    seed: u64,
    last: NaiveDate,
    days: u64,
) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(64 * 1024, writer);
    writeln!(out, "{}", HEADER)?;
    let mut rng = Rng::new(seed);
    let mut recent: Vec<Household> = Vec::with_capacity(RING);
    for row in 0..n {
        let household = if !recent.is_empty() && rng.chance(33) {
            recent[rng.below(recent.len() as u64) as usize].clone()
        } else {
            let fresh = Household::random(&mut rng);
            if recent.len() < RING {
                recent.push(fresh.clone());
            } else {
                recent[(row % RING as u64) as usize] = fresh.clone();
            }
            fresh
        };
        write_row(&mut out, &mut rng, &household, row, (last, days))?;
    }
    out.flush()
}

const HEADER: &str =
    "kenmerk;soort;bedrag;ontstaansdatum;signaaldatum;crisissignaal;warme_overdracht;\
bsn;voorletters;voorvoegsel;achternaam;geboortedatum;straatnaam;huisnummer;huisnummertoevoeging;\
postcode;plaatsnaam;telefoon;email;maandhuur;contact_gezocht;gewezen_op_schuldhulp;\
herinnering_verstuurd;bezwaar_tegen_doorgeven";

const SURNAMES: [(&str, &str); 24] = [
    ("", "Jansen"),
    ("de", "Vries"),
    ("van den", "Berg"),
    ("", "Bakker"),
    ("van", "Dijk"),
    ("", "Visser"),
    ("", "Smit"),
    ("", "Meijer"),
    ("de", "Boer"),
    ("", "Mulder"),
    ("de", "Groot"),
    ("", "Bos"),
    ("", "Yilmaz"),
    ("", "El Amrani"),
    ("", "Öztürk"),
    ("", "Ramdin"),
    ("", "Nguyen"),
    ("van der", "Linden"),
    ("", "Müller"),
    ("", "Kaya"),
    ("", "Hoekstra"),
    ("", "Brouwer"),
    ("", "Ferreira"),
    ("", "Çelik"),
];

const STREETS: [&str; 12] = [
    "Laan van Meerdervoort",
    "Weimarstraat",
    "Hoefkade",
    "Loosduinseweg",
    "Vaillantlaan",
    "Stationsweg",
    "Goudenregenstraat",
    "Beeklaan",
    "Thorbeckelaan",
    "Zuidlarenstraat",
    "Leyweg",
    "Hengelolaan",
];

const RIJSWIJK_STREETS: [&str; 4] = [
    "Herenstraat",
    "Generaal Spoorlaan",
    "Prinses Irenelaan",
    "Lindelaan",
];

const PARTNERS: [(&str, u64); 8] = [
    ("Huur", 35),
    ("Energie", 20),
    ("Water", 12),
    ("Zorg", 10),
    ("CAK Zorgverzekeringen", 8),
    ("Belastingdienst", 6),
    ("DUO", 5),
    ("Dienst Toeslagen", 4),
];

#[derive(Clone)]
struct Household {
    postcode: String,
    city: &'static str,
    street: &'static str,
    number: u32,
    addition: Option<&'static str>,
    prefix: &'static str,
    surname: &'static str,
    initials: String,
    bsn: Option<String>,
    birth: NaiveDate,
    phone: Option<String>,
    email: bool,
}

impl Household {
    fn random(rng: &mut Rng) -> Household {
        let (pc4, city, street) = match rng.below(100) {
            0..=84 => (2490 + rng.below(110), "Den Haag", *rng.pick(&STREETS)),
            85..=96 => (
                2280 + rng.below(10),
                "Rijswijk",
                *rng.pick(&RIJSWIJK_STREETS),
            ),
            _ => (9999, "Onbekend", *rng.pick(&STREETS)),
        };
        let (prefix, surname) = *rng.pick(&SURNAMES);
        Household {
            postcode: format!("{pc4}{}", letters(rng)),
            city,
            street,
            number: 1 + rng.below(250) as u32,
            addition: rng
                .chance(20)
                .then(|| *rng.pick(&["A", "B", "BIS", "1", "II"])),
            prefix,
            surname,
            initials: initials(rng),
            bsn: rng.chance(60).then(|| bsn(rng)),
            birth: NaiveDate::from_ymd_opt(1940 + rng.below(65) as i32, 1, 1).expect("date")
                + Duration::days(rng.below(365) as i64),
            phone: rng
                .chance(50)
                .then(|| format!("06-{:08}", rng.below(100_000_000))),
            email: rng.chance(30),
        }
    }
}

fn letters(rng: &mut Rng) -> String {
    loop {
        let a = char::from(b'A' + rng.below(26) as u8);
        let b = char::from(b'A' + rng.below(26) as u8);
        if !(a == 'S' && matches!(b, 'A' | 'D' | 'S')) {
            return format!("{a}{b}");
        }
    }
}

fn initials(rng: &mut Rng) -> String {
    (0..1 + rng.below(3))
        .map(|_| format!("{}.", char::from(b'A' + rng.below(26) as u8)))
        .collect()
}

/// Eight random digits and the check digit that makes the eleven-test pass.
fn bsn(rng: &mut Rng) -> String {
    loop {
        let digits: Vec<u64> = (0..8).map(|_| rng.below(10)).collect();
        let sum: u64 = digits.iter().zip((2..=9).rev()).map(|(d, w)| d * w).sum();
        let check = sum % 11;
        if check < 10 && sum > 0 {
            return digits.iter().map(|d| d.to_string()).collect::<String>() + &check.to_string();
        }
    }
}

fn write_row(
    out: &mut impl Write,
    rng: &mut Rng,
    h: &Household,
    row: u64,
    (last, days): (NaiveDate, u64),
) -> io::Result<()> {
    let partner = weighted(rng);
    let rent = partner == "Huur";
    let signal = last - Duration::days(rng.below(days) as i64);
    let start = signal - Duration::days(30 + rng.below(90) as i64);
    let cents = if rent {
        30_000 + rng.below(300_000)
    } else {
        5_000 + rng.below(150_000)
    };
    write!(
        out,
        "{}-{:08};{partner};{};",
        &partner[..3].to_uppercase(),
        row + 1,
        amount(rng, cents)
    )?;
    write!(out, "{};{};", date(rng, start), date(rng, signal))?;
    write!(out, "{};{};", yes_no(rng.chance(2)), yes_no(rng.chance(5)))?;
    write!(
        out,
        "{};{};{};{};",
        h.bsn.as_deref().unwrap_or(""),
        h.initials,
        h.prefix,
        h.surname
    )?;
    write!(out, "{};{};", date(rng, h.birth), h.street)?;
    match (h.addition, rng.chance(50)) {
        (Some(a), true) => write!(out, "{}{a};;", h.number)?,
        (Some(a), false) => write!(out, "{};{a};", h.number)?,
        (None, _) => write!(out, "{};;", h.number)?,
    }
    let postcode = if rng.chance(70) {
        format!("{} {}", &h.postcode[..4], &h.postcode[4..])
    } else {
        h.postcode.clone()
    };
    write!(
        out,
        "{postcode};{};{};",
        h.city,
        h.phone.as_deref().unwrap_or("")
    )?;
    if h.email {
        write!(
            out,
            "{}.{}@example.nl",
            h.initials.replace('.', "").to_lowercase(),
            h.number
        )?;
    }
    if rent {
        let reminder = signal - Duration::days(5 + rng.below(20) as i64);
        let contact = if rng.chance(2) { "nee" } else { "ja" };
        let objection = if rng.chance(2) { "ja" } else { "nee" };
        let rent_cents = 45_000 + rng.below(65_000);
        let monthly = amount(rng, rent_cents);
        writeln!(
            out,
            ";{monthly};{contact};ja;{};{objection}",
            date(rng, reminder)
        )
    } else {
        writeln!(out, ";;;;;")
    }
}

fn weighted(rng: &mut Rng) -> &'static str {
    let mut pick = rng.below(PARTNERS.iter().map(|(_, w)| w).sum());
    for (name, weight) in PARTNERS {
        if pick < weight {
            return name;
        }
        pick -= weight;
    }
    "Overige"
}

fn amount(rng: &mut Rng, cents: u64) -> String {
    let (euros, rest) = (cents / 100, cents % 100);
    match rng.below(4) {
        0 => format!("{euros}"),
        1 => format!("€ {},{rest:02}", thousands(euros)),
        _ => format!("{},{rest:02}", thousands(euros)),
    }
}

fn thousands(euros: u64) -> String {
    if euros >= 1000 {
        format!("{}.{:03}", euros / 1000, euros % 1000)
    } else {
        euros.to_string()
    }
}

fn date(rng: &mut Rng, date: NaiveDate) -> String {
    if rng.chance(10) {
        date.format("%Y-%m-%d").to_string()
    } else {
        format!("{:02}-{:02}-{}", date.day(), date.month(), date.year())
    }
}

fn yes_no(yes: bool) -> &'static str {
    if yes {
        "ja"
    } else {
        "nee"
    }
}

/// SplitMix64: tiny, fast and good enough for test data; no dependency.
/// Also for the demo's history, so it is the same on every start.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// In `0..n`; `n` must be above zero.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}
