//! How a gemeente kept its own deadlines (in working days, with its
//! holiday settings), and the median days from signal to first contact.
//! A deadline counts once it is decided (acted on) or has passed: a case
//! still within its term is neither on time nor late yet.

use super::dashboard::{Chart, Section};
use super::facts::CaseDates;
use super::sections::{say, section, text};
use super::suppression::shown;
use super::table::Cell;
use crate::casework::deadline::DeadlineSettings;
use crate::workdays::{add_working_days, HolidaySettings};
use chrono::NaiveDate;
use std::collections::HashMap;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Kept {
    pub on_time: u64,
    pub late: u64,
    /// Not acted on, and the term has not passed yet.
    pub running: u64,
}

impl Kept {
    fn add(&mut self, done: Option<NaiveDate>, due: NaiveDate, today: NaiveDate, n: u64) {
        match done {
            Some(done) if done <= due => self.on_time += n,
            Some(_) => self.late += n,
            None if today > due => self.late += n,
            None => self.running += n,
        }
    }
}

/// Working-day deadlines, remembered per start date: a year of cases has
/// a few hundred distinct days, not one per case.
struct Due<'a> {
    holidays: &'a HolidaySettings,
    cache: HashMap<(NaiveDate, u32), NaiveDate>,
}

impl Due<'_> {
    fn after(&mut self, start: NaiveDate, days: u32) -> NaiveDate {
        let holidays = self.holidays;
        *self
            .cache
            .entry((start, days))
            .or_insert_with(|| add_working_days(start, days, holidays))
    }
}

/// (pick-up, first contact) for the cases opened in the period.
pub fn kept(dates: &[CaseDates], settings: &DeadlineSettings, today: NaiveDate) -> (Kept, Kept) {
    let mut due = Due {
        holidays: &settings.holidays,
        cache: HashMap::new(),
    };
    let (mut pickup, mut contact) = (Kept::default(), Kept::default());
    for d in dates {
        let pickup_due = due.after(d.opened_on, settings.pickup_working_days);
        pickup.add(d.picked_up_on, pickup_due, today, d.count);
        if let Some(picked) = d.picked_up_on {
            let contact_due = due.after(picked, settings.first_contact_working_days);
            contact.add(d.first_contact_on, contact_due, today, d.count);
        }
    }
    (pickup, contact)
}

pub fn deadline_section(
    dates: &[CaseDates],
    settings: &DeadlineSettings,
    today: NaiveDate,
) -> Section {
    let (pickup, contact) = kept(dates, settings, today);
    let row = |label: String, k: Kept| {
        vec![
            text(label),
            Cell::count(k.on_time),
            Cell::count(k.late),
            Cell::count(k.running),
            Cell::share(k.on_time, k.on_time + k.late),
        ]
    };
    let rows = vec![
        row(
            format!(
                "Besluit over oppakken binnen {} werkdagen na het signaal",
                settings.pickup_working_days
            ),
            pickup,
        ),
        row(
            format!(
                "Eerste contactpoging binnen {} werkdagen na oppakken",
                settings.first_contact_working_days
            ),
            contact,
        ),
    ];
    let share = |k: Kept| Cell::share(k.on_time, k.on_time + k.late).display();
    let mut out = section(
        "termijnen",
        "Termijnen gehaald",
        &["Termijn", "Op tijd", "Te laat", "Termijn loopt nog", "Aandeel op tijd"],
        rows,
        Chart::None,
        format!(
            "Het besluit over oppakken was in {} van de gevallen op tijd, de eerste contactpoging in {}.",
            share(pickup),
            share(contact)
        ),
    );
    out.note = Some(
        "De termijnen zijn de instellingen van de gemeente, in werkdagen met de feestdagen. \
         Niet-opgepakte zaken tellen niet mee: van hun besluit is geen datum bewaard. De korte \
         termijn bij een melding van een ontruiming is hier niet apart geteld."
            .into(),
    );
    out
}

/// The median in tenths of a day, of (days, how many) pairs; `None` when
/// fewer than five cases would make it.
pub fn median_tenths(mut values: Vec<(i64, u64)>) -> Option<u32> {
    let total: u64 = values.iter().map(|&(_, n)| n).sum();
    shown(total).count()?;
    values.sort_unstable();
    let nth = |k: u64| -> i64 {
        let mut seen = 0;
        for &(days, n) in &values {
            seen += n;
            if seen > k {
                return days;
            }
        }
        values.last().map_or(0, |&(d, _)| d)
    };
    let (low, high) = (nth((total - 1) / 2), nth(total / 2));
    u32::try_from((low + high) * 5).ok()
}

pub fn first_contact_section(dates: &[CaseDates]) -> Section {
    let days: Vec<(i64, u64)> = dates
        .iter()
        .filter_map(|d| Some(((d.first_contact_on? - d.opened_on).num_days(), d.count)))
        .collect();
    let with_contact: u64 = days.iter().map(|&(_, n)| n).sum();
    let median = median_tenths(days);
    let rows = vec![
        vec![
            text("Mediaan aantal dagen van signaal tot eerste contactpoging"),
            Cell::Tenths(median),
        ],
        vec![
            text("Zaken met een contactpoging"),
            Cell::count(with_contact),
        ],
    ];
    let summary = match median {
        Some(t) => format!(
            "De helft van de huishoudens kreeg binnen {} dagen na het signaal een eerste contactpoging ({} zaken).",
            Cell::Tenths(Some(t)).display(),
            say(with_contact)
        ),
        None => "Te weinig zaken met een contactpoging om een mediaan te tonen.".into(),
    };
    let mut out = section(
        "doorlooptijd",
        "Dagen tot het eerste contact",
        &["Maat", "Waarde"],
        rows,
        Chart::None,
        summary,
    );
    out.note =
        Some("Kalenderdagen, van de opening van de zaak tot de eerste contactpoging.".into());
    out
}
