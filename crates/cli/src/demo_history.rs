//! Two years of history for the demo, so every statistics chart has a
//! story: Den Haag's and Rijswijk's signals rising month by month, cases
//! picked up, contacted, handed to Schuldhulp Haaglanden and closed with a
//! spread of DDAS end results (some declined, some repeats), the Haagse
//! Woningstichting's tenancies through reminders, arrangements, the gate
//! and court, with evictions falling and prevented evictions rising, and
//! the kennisbank read more every month.
//!
//! Everything goes through the same services as the pages and the API
//! (the intake pipeline, the case step service, the tenancy service), dated
//! in the past; the gate is asked "as of" each step's day. Deterministic
//! (one seed), added once like the rest of the demo (`demo::run` starts
//! from an empty database and refuses a filled one), and small: about
//! 1,000 signals, so the demo still starts in seconds. All names and
//! addresses are generated, outside the current demo's postcode areas.

mod cases;
mod tenancies;

use crate::commands::CliResult;
use crate::demo_signals::{deliver, energy, rent_on, signal_row};
use chrono::{Datelike, Duration, Months, NaiveDate, Utc};
use vangnet_domain::calendar::amsterdam_date;
use vangnet_intake::generate::Rng;
use vangnet_store::{Org, Store};

const SEED: u64 = 20_240_601;
/// Months of history before the current month (which has history too,
/// up to a few days ago).
const MONTHS: u32 = 24;
/// History ends a few days ago: every case it opens is decided and closed
/// by then, so the queue keeps just the states the current demo shows.
const QUIET_DAYS: i64 = 4;

/// None of the current demo's households or users, so a test that looks
/// for one of those names finds just that one.
const SURNAMES: &[&str] = &[
    "de Jong", "Meijer", "Bos", "Vos", "Peters", "Dekker", "Brink", "Prins", "Willems", "Kok",
    "Jacobs", "Yıldız", "Aydın", "Doğan", "Benali", "Ramdin", "Kowalski", "Wijaya",
];
const STREETS_DEN_HAAG: &[&str] = &[
    "Hoefkade",
    "Loosduinseweg",
    "Vaillantlaan",
    "Zuiderparklaan",
    "Leyweg",
    "Escamplaan",
    "Moerweg",
    "Laakweg",
    "Beeklaan",
    "Thorbeckelaan",
    "Hengelolaan",
    "Goudenregenstraat",
];
const STREETS_RIJSWIJK: &[&str] = &["Herenstraat", "Lindelaan", "Prinses Irenelaan"];
/// First letters of generated postcodes: none of the current demo's
/// addresses use them, so history never joins a case the demo shows.
const LETTERS: &[u8] = b"LNPRVW";
/// The current demo's postcode areas; history stays out of them, so a
/// filter on one of them still finds just the demo's own households.
const DEMO_PC4: &[u64] = &[
    2515, 2517, 2521, 2526, 2531, 2532, 2541, 2545, 2547, 2562, 2565, 2571, 2574, 2282, 2285,
];

/// A generated address and name.
#[derive(Clone)]
pub(crate) struct Household {
    initials: String,
    surname: &'static str,
    street: &'static str,
    number: String,
    postcode: String,
    city: &'static str,
}

impl Household {
    fn generate(rng: &mut Rng, rijswijk: bool) -> Household {
        let (pc4, city, street) = loop {
            let area = match rijswijk {
                true => (2280 + rng.below(10), "Rijswijk", STREETS_RIJSWIJK),
                false => (2491 + rng.below(109), "Den Haag", STREETS_DEN_HAAG),
            };
            if !DEMO_PC4.contains(&area.0) {
                break (area.0, area.1, *rng.pick(area.2));
            }
        };
        let first = char::from(*rng.pick(LETTERS));
        let second = char::from(b'A' + rng.below(26) as u8);
        Household {
            initials: format!("{}.", char::from(b'A' + rng.below(26) as u8)),
            surname: rng.pick::<&str>(SURNAMES),
            street,
            number: (1 + rng.below(320)).to_string(),
            postcode: format!("{pc4} {first}{second}"),
            city,
        }
    }

    fn row(&self) -> crate::demo_signals::Household<'_> {
        (
            &self.initials,
            self.surname,
            self.street,
            &self.number,
            &self.postcode,
            self.city,
        )
    }

    pub fn tenant(&self) -> String {
        format!("{} {}", self.initials, self.surname)
    }

    pub fn address(&self) -> (&str, &str, &str, &str) {
        (self.street, &self.number, &self.postcode, self.city)
    }
}

/// Month `k` of the history (0 = the oldest, `MONTHS` the current one):
/// its first day, and the last day records may have (the month's last
/// day, or the quiet days' start).
pub(crate) fn month(today: NaiveDate, k: i64) -> (NaiveDate, NaiveDate) {
    let this = today.with_day(1).expect("first of the month");
    let back = |m: i64| {
        if m >= 0 {
            this - Months::new(m as u32)
        } else {
            this + Months::new((-m) as u32)
        }
    };
    let first = back(MONTHS as i64 - k);
    let last = back(MONTHS as i64 - k - 1) - Duration::days(1);
    (first, last.min(today - Duration::days(QUIET_DAYS)))
}

/// A value growing linearly from `from` in the first month to `to` in the
/// last, rounded.
pub(crate) fn trend(k: i64, from: f64, to: f64) -> u64 {
    let share = k as f64 / (MONTHS as f64 - 1.0);
    (from + (to - from) * share).round().max(0.0) as u64
}

/// A day in `first..=last`.
pub(crate) fn day_in(rng: &mut Rng, (first, last): (NaiveDate, NaiveDate)) -> NaiveDate {
    let days = (last - first).num_days().max(0) as u64;
    first + Duration::days(rng.below(days + 1) as i64)
}

struct Area {
    rijswijk: bool,
    /// Households seen before, with the month of their latest signal.
    seen: Vec<(Household, i64)>,
}

impl Area {
    /// A household for a signal in month `k`: sometimes one signalled a
    /// few months ago again (a repeat), otherwise a new one.
    fn household(&mut self, rng: &mut Rng, k: i64) -> Household {
        let earlier: Vec<usize> = (0..self.seen.len())
            .filter(|i| (3..=7).contains(&(k - self.seen[*i].1)))
            .collect();
        if !earlier.is_empty() && rng.chance(8) {
            let i = earlier[rng.below(earlier.len() as u64) as usize];
            self.seen[i].1 = k;
            return self.seen[i].0.clone();
        }
        let household = Household::generate(rng, self.rijswijk);
        self.seen.push((household.clone(), k));
        household
    }
}

fn amount(cents: u64) -> String {
    format!("{},{:02}", cents / 100, cents % 100)
}

/// Month `k`'s signals, delivered by the corporation (rent) and the
/// energy company, one file each.
async fn deliver_month(
    store: &dyn Store,
    partners: (&Org, &Org),
    rng: &mut Rng,
    areas: &mut [Area; 2],
    k: i64,
    today: NaiveDate,
) -> CliResult {
    let window = month(today, k);
    let winter = matches!(window.0.month(), 12 | 1 | 2);
    // The current month only up to a few days ago.
    let days = ((window.1 - window.0).num_days() + 1).max(0) as u64;
    let share = |n: u64| n * days / 30;
    let mut rents = Vec::new();
    let mut energies = Vec::new();
    for area in areas.iter_mut() {
        let (rent_count, energy_count) = if area.rijswijk {
            (trend(k, 3.0, 5.0), trend(k, 1.0, 3.0))
        } else {
            let energy = trend(k, 8.0, 17.0);
            (
                trend(k, 16.0, 28.0),
                energy + u64::from(winter) * energy / 3,
            )
        };
        let mut this_month = Vec::new();
        for _ in 0..share(rent_count).min(rent_count) {
            let household = area.household(rng, k);
            let on = day_in(rng, window);
            let line = rents.len() as u64 + 2;
            let kenmerk = format!("HWS-H{k:02}-{line:04}");
            let cents = 40_000 + rng.below(260_000);
            let raw = signal_row(line, &kenmerk, household.row(), &amount(cents), on);
            rents.push(rent_on(raw, on, false));
            this_month.push((household, on));
        }
        for _ in 0..share(energy_count).min(energy_count) {
            // Almost half of them for a household the corporation also
            // reported this month: the case bundles both.
            let (household, on) = match this_month.is_empty() || !rng.chance(45) {
                true => (area.household(rng, k), day_in(rng, window)),
                false => this_month[rng.below(this_month.len() as u64) as usize].clone(),
            };
            let line = energies.len() as u64 + 2;
            let kenmerk = format!("EW-H{k:02}-{line:04}");
            let cents = 8_000 + rng.below(90_000);
            energies.push(energy(signal_row(
                line,
                &kenmerk,
                household.row(),
                &amount(cents),
                on,
            )));
        }
    }
    let label = window.0.format("%Y-%m");
    let (corporation, energy_company) = partners;
    deliver(
        store,
        corporation,
        &format!("huurachterstanden-{label}.csv"),
        rents,
    )
    .await?;
    deliver(
        store,
        energy_company,
        &format!("ew-vroegsignalen-{label}.csv"),
        energies,
    )
    .await
}

async fn org(store: &dyn Store, code: &str) -> CliResult<Org> {
    store
        .org_by_code(code)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("demo-organisatie {code} ontbreekt"))
}

/// The history, before the demo's current records are added.
pub async fn seed(store: &dyn Store) -> CliResult {
    let today = amsterdam_date(Utc::now());
    let mut rng = Rng::new(SEED);
    let corporation = org(store, "haagse-woningstichting").await?;
    let energy_company = org(store, "energie-west").await?;
    let helper = org(store, "schuldhulp-haaglanden").await?;
    tenancies::seed(store, &corporation, &mut rng, today).await?;
    let den_haag = org(store, "den-haag").await?;
    let rijswijk = org(store, "rijswijk").await?;
    let mut workers = cases::Workers::load(store, &den_haag, &rijswijk, &helper).await?;
    let mut areas = [
        Area {
            rijswijk: false,
            seen: Vec::new(),
        },
        Area {
            rijswijk: true,
            seen: Vec::new(),
        },
    ];
    for k in 0..=MONTHS as i64 {
        let partners = (&corporation, &energy_company);
        deliver_month(store, partners, &mut rng, &mut areas, k, today).await?;
        workers.work(store, &mut rng, k, today).await?;
    }
    Ok(())
}

/// How often each kennisbank practice was read per month, growing as more
/// people find it; after the kennisbank is seeded.
pub async fn seed_reads(store: &dyn Store) -> CliResult {
    let today = amsterdam_date(Utc::now());
    let mut rng = Rng::new(SEED + 1);
    let practices = store
        .published_practices()
        .await
        .map_err(|e| e.to_string())?;
    let mut reads = Vec::new();
    for k in 0..=MONTHS as i64 {
        let (first, _) = month(today, k);
        for (i, published) in practices.iter().enumerate() {
            // A few practices are read far more than the rest.
            let popularity = 1 + 12 / (1 + i as u64 % 9);
            let count = trend(k, 2.0, 9.0) * popularity + rng.below(6);
            reads.push((published.practice.id, first, count));
        }
    }
    store
        .add_practice_reads(&reads)
        .await
        .map_err(|e| e.to_string())
}
