//! The versioned policy the gate applies: every duration and threshold is
//! a setting (../shared/domain.md: where no statute fixes a number, it is
//! a setting), plus the moratoria and leniency declared for a period and
//! an area.

mod json;
mod strict;
#[cfg(test)]
mod tests;

use super::event::Grounds;
use crate::org::parse_gemeentecode;
use crate::validation::required_text;
use crate::workdays::HolidaySettings;
use crate::Invalid;
use chrono::NaiveDate;
use serde::Serialize;

/// The version of the built-in defaults; a decision names the version it
/// used so it can be shown again exactly as it was.
pub const DEFAULT_VERSION: &str = "vangnet-standaard-1";
/// Art. 6:96(6) BW gives the tenant 14 days; a policy may give more, never less.
pub const STATUTORY_TERM_DAYS: u32 = 14;
/// What a leniency factor may be, in percent of the normal period: below
/// 100 it would shorten waits, above 500 it is taken to be a typo.
pub const LENIENCY_PERCENT: std::ops::RangeInclusive<u32> = 100..=500;
/// The factor of a declared leniency that does not name one.
pub const DEFAULT_LENIENCY_PERCENT: u32 = 150;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Policy {
    pub version: String,
    /// Days after sending that a letter is assumed received.
    pub receipt_days: u32,
    /// The veertiendagenbrief's term, from the day after receipt.
    pub veertiendagen_term_days: u32,
    /// Days the gemeente gets between the signal and a summons (Rotterdam's
    /// court asked for two months).
    pub signal_to_dagvaarding_days: u32,
    /// The arrears a summons needs, in percent of the monthly rent: 300 is
    /// the usual "about 3 months" (percent so 2.5 months can be said too).
    pub dagvaarding_min_arrears_percent_of_rent: u32,
    /// Days between the ontruimingsaanzegging and the eviction.
    pub aanzegging_to_ontruiming_days: u32,
    /// Working days the gemeente must have between the melding and the
    /// eviction (art. 14 Gerechtsdeurwaarderswet: it must know the time).
    pub melding_to_ontruiming_working_days: u32,
    /// The calendar of those working days, as for the case deadlines.
    pub holidays: HolidaySettings,
    pub moratoria: Vec<Moratorium>,
    pub leniency: Vec<Leniency>,
}

impl Default for Policy {
    /// Issue 5's defaults. No moratoria and no leniency: they exist only
    /// when declared.
    fn default() -> Self {
        Policy {
            version: DEFAULT_VERSION.to_string(),
            receipt_days: 2,
            veertiendagen_term_days: STATUTORY_TERM_DAYS,
            signal_to_dagvaarding_days: 60,
            dagvaarding_min_arrears_percent_of_rent: 300,
            aanzegging_to_ontruiming_days: 14,
            melding_to_ontruiming_working_days: 3,
            holidays: HolidaySettings::default(),
            moratoria: Vec::new(),
            leniency: Vec::new(),
        }
    }
}

/// No escalating step while it covers the area and the date, except for
/// the exception grounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moratorium {
    pub from: NaiveDate,
    /// Inclusive.
    pub to: NaiveDate,
    /// `None` covers every gemeente.
    pub gemeentecodes: Option<Vec<String>>,
    pub exceptions: Vec<Grounds>,
}

impl Moratorium {
    /// The exceptions of the 2020 moratorium: crime and extreme nuisance.
    pub fn default_exceptions() -> Vec<Grounds> {
        vec![Grounds::Criminaliteit, Grounds::ErnstigeOverlast]
    }

    /// Whether it blocks a step for these grounds in this area on `date`.
    pub fn blocks(&self, grounds: Grounds, gemeentecode: &str, date: NaiveDate) -> bool {
        self.covers(gemeentecode, date) && !self.exceptions.contains(&grounds)
    }
}

/// While it holds: no collection costs, and the arrears thresholds and
/// waiting periods are multiplied by `factor_percent` / 100 (percent, so
/// the rules stay in whole numbers: 150 is one and a half times).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Leniency {
    pub from: NaiveDate,
    /// Inclusive.
    pub to: NaiveDate,
    pub gemeentecodes: Option<Vec<String>>,
    pub factor_percent: u32,
}

impl Leniency {
    /// A waiting period or threshold extended by the factor, rounded up:
    /// rounding may only ever favour the tenant.
    pub fn extend(&self, value: u32) -> u32 {
        let extended = (u64::from(value) * u64::from(self.factor_percent)).div_ceil(100);
        u32::try_from(extended).unwrap_or(u32::MAX)
    }
}

/// What moratoria and leniency share: a period and an area.
pub trait Declaration {
    fn from(&self) -> NaiveDate;
    fn to(&self) -> NaiveDate;
    fn gemeentecodes(&self) -> Option<&[String]>;

    /// Both ends of the period count.
    fn covers(&self, gemeentecode: &str, date: NaiveDate) -> bool {
        (self.from()..=self.to()).contains(&date)
            && self
                .gemeentecodes()
                .is_none_or(|codes| codes.iter().any(|c| c == gemeentecode))
    }

    /// "van 26-03-2020 t/m 30-06-2020 voor alle gemeenten"
    fn describe_nl(&self) -> String {
        let area = match self.gemeentecodes() {
            None => "voor alle gemeenten".to_string(),
            Some([one]) => format!("voor gemeente {one}"),
            Some(codes) => format!("voor gemeenten {}", codes.join(", ")),
        };
        format!(
            "van {} t/m {} {area}",
            self.from().format("%d-%m-%Y"),
            self.to().format("%d-%m-%Y")
        )
    }
}

macro_rules! declaration {
    ($type:ty) => {
        impl Declaration for $type {
            fn from(&self) -> NaiveDate {
                self.from
            }
            fn to(&self) -> NaiveDate {
                self.to
            }
            fn gemeentecodes(&self) -> Option<&[String]> {
                self.gemeentecodes.as_deref()
            }
        }
    };
}
declaration!(Moratorium);
declaration!(Leniency);

/// The ranges a setting may take. Beyond them a value is a typo, not a
/// policy; the lower bounds keep what the law or the issue requires.
const RANGES: [(&str, u32, u32); 6] = [
    ("receipt_days", 0, 14),
    ("veertiendagen_term_days", STATUTORY_TERM_DAYS, 90),
    ("signal_to_dagvaarding_days", 0, 365),
    ("dagvaarding_min_arrears_percent_of_rent", 0, 2400),
    ("aanzegging_to_ontruiming_days", 0, 180),
    ("melding_to_ontruiming_working_days", 1, 60),
];

impl Policy {
    /// The numeric settings by their JSON key, in `RANGES` order.
    pub(crate) fn settings(&self) -> [u32; 6] {
        [
            self.receipt_days,
            self.veertiendagen_term_days,
            self.signal_to_dagvaarding_days,
            self.dagvaarding_min_arrears_percent_of_rent,
            self.aanzegging_to_ontruiming_days,
            self.melding_to_ontruiming_working_days,
        ]
    }

    /// Each numeric setting with its JSON key, as forms and overviews list
    /// them.
    pub fn settings_by_key(&self) -> [(&'static str, u32); 6] {
        let values = self.settings();
        std::array::from_fn(|i| (RANGES[i].0, values[i]))
    }

    pub(crate) fn setting_mut(&mut self, key: &str) -> Option<&mut u32> {
        Some(match key {
            "receipt_days" => &mut self.receipt_days,
            "veertiendagen_term_days" => &mut self.veertiendagen_term_days,
            "signal_to_dagvaarding_days" => &mut self.signal_to_dagvaarding_days,
            "dagvaarding_min_arrears_percent_of_rent" => {
                &mut self.dagvaarding_min_arrears_percent_of_rent
            }
            "aanzegging_to_ontruiming_days" => &mut self.aanzegging_to_ontruiming_days,
            "melding_to_ontruiming_working_days" => &mut self.melding_to_ontruiming_working_days,
            _ => return None,
        })
    }

    /// Every problem at once, each under its JSON key, in Dutch.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut invalid = Invalid::default();
        invalid.check(required_text("version", &self.version, 64));
        for ((key, min, max), value) in RANGES.iter().zip(self.settings()) {
            if !(*min..=*max).contains(&value) {
                invalid.push(key, format!("moet tussen {min} en {max} liggen"));
            }
        }
        for (i, m) in self.moratoria.iter().enumerate() {
            check_declaration(m, &format!("moratoria[{i}]"), &mut invalid);
        }
        for (i, l) in self.leniency.iter().enumerate() {
            let path = format!("leniency[{i}]");
            check_declaration(l, &path, &mut invalid);
            if !LENIENCY_PERCENT.contains(&l.factor_percent) {
                invalid.push(
                    &format!("{path}.factor_percent"),
                    format!(
                        "moet tussen {} en {} procent liggen",
                        LENIENCY_PERCENT.start(),
                        LENIENCY_PERCENT.end()
                    ),
                );
            }
        }
        invalid.into_result()
    }

    /// The leniency holding in this area on `date`; with several, the most
    /// lenient, so overlapping declarations never make it stricter.
    pub fn leniency_on(&self, gemeentecode: &str, date: NaiveDate) -> Option<&Leniency> {
        self.leniency
            .iter()
            .filter(|l| l.covers(gemeentecode, date))
            .max_by_key(|l| l.factor_percent)
    }

    /// The first moratorium that blocks a step for these grounds here on
    /// `date`, if any.
    pub fn blocking_moratorium(
        &self,
        grounds: Grounds,
        gemeentecode: &str,
        date: NaiveDate,
    ) -> Option<&Moratorium> {
        self.moratoria
            .iter()
            .find(|m| m.blocks(grounds, gemeentecode, date))
    }

    /// The first day collection costs may be charged for a
    /// veertiendagenbrief sent on `sent` (see `first_cost_day`).
    pub fn first_cost_day(&self, sent: NaiveDate) -> NaiveDate {
        super::first_cost_day(sent, self.receipt_days, self.veertiendagen_term_days)
    }

    /// Whether collection costs may be charged on `today`: the letter's term
    /// is over and no leniency holds (the UI says so next to the letter).
    pub fn collection_costs_allowed(
        &self,
        sent: NaiveDate,
        gemeentecode: &str,
        today: NaiveDate,
    ) -> bool {
        today >= self.first_cost_day(sent) && self.leniency_on(gemeentecode, today).is_none()
    }
}

fn check_declaration(d: &impl Declaration, path: &str, invalid: &mut Invalid) {
    if d.from() > d.to() {
        invalid.push(&format!("{path}.to"), "ligt vóór de begindatum (from)");
    }
    match d.gemeentecodes() {
        Some([]) => invalid.push(
            &format!("{path}.gemeentecodes"),
            "is leeg; gebruik null voor alle gemeenten",
        ),
        Some(codes) => {
            for (i, code) in codes.iter().enumerate() {
                // Compared as stored, so a padded code would never match.
                match parse_gemeentecode(code) {
                    Ok(parsed) if parsed == *code => {}
                    Ok(_) => invalid.push(
                        &format!("{path}.gemeentecodes[{i}]"),
                        "mag geen spaties bevatten",
                    ),
                    Err(e) => invalid.push(&format!("{path}.gemeentecodes[{i}]"), e.reason),
                }
            }
        }
        None => {}
    }
}
