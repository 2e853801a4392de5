//! Demo signals, sent through the real intake pipeline: rent arrears from
//! the housing corporation and energy arrears from the energy company, some
//! for the same households (so cases bundle them), some weeks old (so the
//! queue has history), one Rijswijk address, one postcode no gemeente
//! serves, one objection and one rejected row.

use crate::commands::CliResult;
use chrono::{Duration, NaiveDate, Utc};
use vangnet_domain::calendar::amsterdam_date;
use vangnet_domain::signal::{RawSignal, SignalField as F};
use vangnet_signals::{ImportRun, RunOptions};
use vangnet_store::{ImportSource, Org, Store};

/// (initials, surname, street, number, postcode, city)
pub(crate) type Household<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str, &'a str);

const HOUSEHOLDS: &[Household<'static>] = &[
    ("A.", "Jansen", "Vaillantlaan", "112", "2526 AB", "Den Haag"),
    (
        "M.",
        "El Idrissi",
        "Hobbemastraat",
        "45-B",
        "2526 JR",
        "Den Haag",
    ),
    ("J.P.", "de Vries", "Laakweg", "8", "2521 BE", "Den Haag"),
    ("S.", "Kaya", "Zuiderparklaan", "301", "2574 HR", "Den Haag"),
    ("R.", "Bakker", "Leyweg", "950", "2545 GW", "Den Haag"),
    (
        "F.",
        "Pinas",
        "Troelstrakade",
        "17 II",
        "2531 AA",
        "Den Haag",
    ),
    ("K.", "Nowak", "Moerweg", "212", "2532 AT", "Den Haag"),
    ("L.", "van Dam", "Loosduinseweg", "5", "2571 AA", "Den Haag"),
    (
        "H.",
        "Visser",
        "Generaal Spoorlaan",
        "40",
        "2285 TK",
        "Rijswijk",
    ),
    ("T.", "Mulder", "Vismarkt", "3", "9712 CA", "Groningen"),
    ("B.", "Öztürk", "Hoefkade", "88", "2526 BM", "Den Haag"),
    (
        "E.",
        "de Graaf",
        "Soestdijksekade",
        "14",
        "2574 AE",
        "Den Haag",
    ),
    (
        "W.",
        "Hoekstra",
        "Weimarstraat",
        "201",
        "2562 GX",
        "Den Haag",
    ),
    (
        "N.",
        "Bouzid",
        "Paul Krugerlaan",
        "56",
        "2571 GJ",
        "Den Haag",
    ),
    ("C.", "Smit", "Stationsweg", "30", "2515 BP", "Den Haag"),
];

/// Older signals, weeks back, so the queue has history and deadlines that
/// have passed (`demo_cases` works them): (household, rent?, amount, days ago).
const OLDER: &[(usize, bool, &str, i64)] = &[
    (10, true, "2.340,00", 40),
    (11, true, "1.210,00", 30),
    (12, true, "1.890,40", 22),
    (13, false, "530,15", 26),
    (14, true, "1.095,00", 18),
];

fn date_text(date: NaiveDate) -> String {
    date.format("%d-%m-%Y").to_string()
}

fn row(
    line: u64,
    kenmerk: &str,
    household: usize,
    amount: &str,
    days_ago: i64,
    today: NaiveDate,
) -> RawSignal {
    let signal_date = today - Duration::days(days_ago);
    signal_row(line, kenmerk, HOUSEHOLDS[household], amount, signal_date)
}

/// One delivered row for `household`, signalled on `signal_date`.
pub(crate) fn signal_row(
    line: u64,
    kenmerk: &str,
    household: Household<'_>,
    amount: &str,
    signal_date: NaiveDate,
) -> RawSignal {
    let (initials, surname, street, number, postcode, city) = household;
    let mut raw = RawSignal::new(line);
    for (field, value) in [
        (F::Kenmerk, kenmerk),
        (F::Bedrag, amount),
        (F::Voorletters, initials),
        (F::Achternaam, surname),
        (F::Straatnaam, street),
        (F::Huisnummer, number),
        (F::Postcode, postcode),
        (F::Plaatsnaam, city),
    ] {
        raw.set(field, value);
    }
    raw.set(F::Signaaldatum, &date_text(signal_date));
    raw.set(
        F::Ontstaansdatum,
        &date_text(signal_date - Duration::days(65)),
    );
    raw
}

fn rent(raw: RawSignal, today: NaiveDate, days_ago: i64, objection: bool) -> RawSignal {
    rent_on(raw, today - Duration::days(days_ago), objection)
}

/// A rent arrears row signalled on `signal_date`, the reminder 12 days before.
pub(crate) fn rent_on(mut raw: RawSignal, signal_date: NaiveDate, objection: bool) -> RawSignal {
    raw.set(F::Soort, "Huur");
    raw.set(F::Maandhuur, "725,00");
    raw.set(F::ContactGezocht, "ja");
    raw.set(F::GewezenOpSchuldhulp, "ja");
    raw.set(
        F::HerinneringVerstuurd,
        &date_text(signal_date - Duration::days(12)),
    );
    raw.set(
        F::BezwaarTegenDoorgeven,
        if objection { "ja" } else { "nee" },
    );
    raw
}

pub(crate) fn energy(mut raw: RawSignal) -> RawSignal {
    raw.set(F::Soort, "Energie");
    raw
}

pub(crate) async fn deliver(
    store: &dyn Store,
    partner: &Org,
    file: &str,
    rows: Vec<RawSignal>,
) -> CliResult {
    let options = RunOptions {
        source: ImportSource::Upload,
        file_name: Some(file.into()),
        ..RunOptions::default()
    };
    let mut run = ImportRun::start(store, partner.clone(), options)
        .await
        .map_err(|e| e.to_string())?;
    for raw in &rows {
        run.push(raw).await.map_err(|e| e.to_string())?;
    }
    run.finish().await.map_err(|e| e.to_string())?;
    Ok(())
}

pub async fn seed(store: &dyn Store, corporation: &Org, energy_company: &Org) -> CliResult {
    let today = amsterdam_date(Utc::now());
    let (mut older_rents, mut older_energies) = (Vec::new(), Vec::new());
    for (i, (household, is_rent, amount, days_ago)) in OLDER.iter().copied().enumerate() {
        let line = i as u64 + 2;
        if is_rent {
            let kenmerk = format!("HWS-2026-{:04}", 61 + i);
            let raw = row(line, &kenmerk, household, amount, days_ago, today);
            older_rents.push(rent(raw, today, days_ago, false));
        } else {
            let kenmerk = format!("EW-{}", 77_250 + i);
            older_energies.push(energy(row(
                line, &kenmerk, household, amount, days_ago, today,
            )));
        }
    }
    let file = "huurachterstanden-week-41.csv";
    deliver(store, corporation, file, older_rents).await?;
    let file = "ew-vroegsignalen-oktober.csv";
    deliver(store, energy_company, file, older_energies).await?;

    let mut rents = Vec::new();
    for (i, household) in [0, 1, 2, 3, 5, 8, 9].into_iter().enumerate() {
        let days_ago = 3 + i as i64 * 2;
        let amount = [
            "1.450,00", "2.175,50", "980,00", "1.725,00", "3.100,00", "1.180,25", "860,00",
        ][i];
        let raw = row(
            i as u64 + 2,
            &format!("HWS-2026-{:04}", 101 + i),
            household,
            amount,
            days_ago,
            today,
        );
        rents.push(rent(raw, today, days_ago, false));
    }
    // The tenant objected: only counted, nothing stored.
    let objected = row(9, "HWS-2026-0201", 6, "640,00", 4, today);
    rents.push(rent(objected, today, 4, true));
    // No reminder sent yet: refused with the reason.
    let mut early = rent(
        row(10, "HWS-2026-0202", 7, "725,00", 2, today),
        today,
        2,
        false,
    );
    early.set(F::HerinneringVerstuurd, "");
    rents.push(early);
    deliver(store, corporation, "huurachterstanden-week-47.csv", rents).await?;

    let mut energies = Vec::new();
    for (i, household) in [0, 1, 4, 6].into_iter().enumerate() {
        let raw = row(
            i as u64 + 2,
            &format!("EW-{}", 77_310 + i),
            household,
            ["312,40", "198,00", "455,75", "260,10"][i],
            1 + i as i64,
            today,
        );
        energies.push(energy(raw));
    }
    deliver(store, energy_company, "ew-vroegsignalen.csv", energies).await
}
