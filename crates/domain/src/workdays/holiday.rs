//! The Dutch public holidays (feestdagen), computed per year so the calendar
//! never runs out and no table can hold a typo.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Whether Bevrijdingsdag (5 May) is a day off.
///
/// It is a national holiday every year, but many collective agreements give
/// the day off only in lustrum years (2025, 2030, ...), and most municipal
/// teams work on it otherwise. `Lustrum` is the default because a deadline
/// should not move for a day the team is at work; a gemeente whose staff is
/// off every year picks `EveryYear`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LiberationDay {
    EveryYear,
    #[default]
    Lustrum,
}

/// Which optional holidays a gemeente observes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidaySettings {
    /// Goede Vrijdag is no general day off in the Netherlands, so it is off by default.
    pub good_friday: bool,
    pub liberation_day: LiberationDay,
}

impl Default for HolidaySettings {
    fn default() -> Self {
        HolidaySettings {
            good_friday: false,
            liberation_day: LiberationDay::Lustrum,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Holiday {
    NewYearsDay,
    GoodFriday,
    EasterSunday,
    EasterMonday,
    KingsDay,
    LiberationDay,
    AscensionDay,
    WhitSunday,
    WhitMonday,
    ChristmasDay,
    BoxingDay,
}

impl Holiday {
    pub fn name_nl(self) -> &'static str {
        match self {
            Holiday::NewYearsDay => "Nieuwjaarsdag",
            Holiday::GoodFriday => "Goede Vrijdag",
            Holiday::EasterSunday => "Eerste Paasdag",
            Holiday::EasterMonday => "Tweede Paasdag",
            Holiday::KingsDay => "Koningsdag",
            Holiday::LiberationDay => "Bevrijdingsdag",
            Holiday::AscensionDay => "Hemelvaartsdag",
            Holiday::WhitSunday => "Eerste Pinksterdag",
            Holiday::WhitMonday => "Tweede Pinksterdag",
            Holiday::ChristmasDay => "Eerste Kerstdag",
            Holiday::BoxingDay => "Tweede Kerstdag",
        }
    }
}

/// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
/// Meaningful for Gregorian years (1583 on); Euclidean division keeps it
/// total for any year chrono can represent.
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    NaiveDate::from_ymd_opt(year, (n / 31) as u32, (n % 31 + 1) as u32)
        .expect("Easter is always in March or April")
}

/// Koningsdag as it has been since 2014: 27 April, moved back to the 26th
/// when the 27th is a Sunday.
pub fn kings_day(year: i32) -> NaiveDate {
    let day = NaiveDate::from_ymd_opt(year, 4, 27).expect("27 April exists");
    if day.weekday() == Weekday::Sun {
        day - Duration::days(1)
    } else {
        day
    }
}

/// The holiday on `date`, if the gemeente observes one. When two fall on
/// one day (Hemelvaartsdag on 5 May, as in 2016) the Easter-based one names it.
pub fn holiday(date: NaiveDate, settings: &HolidaySettings) -> Option<Holiday> {
    easter_based(date, settings).or_else(|| fixed(date, settings))
}

fn easter_based(date: NaiveDate, settings: &HolidaySettings) -> Option<Holiday> {
    match (date - easter_sunday(date.year())).num_days() {
        -2 if settings.good_friday => Some(Holiday::GoodFriday),
        0 => Some(Holiday::EasterSunday),
        1 => Some(Holiday::EasterMonday),
        39 => Some(Holiday::AscensionDay),
        49 => Some(Holiday::WhitSunday),
        50 => Some(Holiday::WhitMonday),
        _ => None,
    }
}

fn fixed(date: NaiveDate, settings: &HolidaySettings) -> Option<Holiday> {
    match (date.month(), date.day()) {
        (1, 1) => Some(Holiday::NewYearsDay),
        (5, 5) if liberation_day_off(date.year(), settings) => Some(Holiday::LiberationDay),
        (12, 25) => Some(Holiday::ChristmasDay),
        (12, 26) => Some(Holiday::BoxingDay),
        _ if date == kings_day(date.year()) => Some(Holiday::KingsDay),
        _ => None,
    }
}

fn liberation_day_off(year: i32, settings: &HolidaySettings) -> bool {
    match settings.liberation_day {
        LiberationDay::EveryYear => true,
        LiberationDay::Lustrum => year.rem_euclid(5) == 0,
    }
}

/// Every observed holiday of `year`, in date order, one entry per date.
pub fn holidays_in(year: i32, settings: &HolidaySettings) -> Vec<(NaiveDate, Holiday)> {
    let easter = easter_sunday(year);
    let on = |month, day| NaiveDate::from_ymd_opt(year, month, day).expect("fixed holiday date");
    let mut candidates: Vec<NaiveDate> = [-2, 0, 1, 39, 49, 50]
        .iter()
        .map(|offset| easter + Duration::days(*offset))
        .collect();
    candidates.extend([on(1, 1), kings_day(year), on(5, 5), on(12, 25), on(12, 26)]);
    candidates.sort();
    candidates.dedup();
    // `holiday` decides which dates count and how they are named, so the
    // list and the single-day answer cannot disagree.
    candidates
        .into_iter()
        .filter_map(|date| holiday(date, settings).map(|h| (date, h)))
        .collect()
}
