//! How long a household's personal data is kept. No statutory period was
//! confirmed, so the periods are a gemeente's settings; the defaults follow one
//! municipality's register (../shared/domain.md): 6 months for a signal nobody
//! picked up, 12 months once picked up, 18 months after the case closed.
//!
//! Which period applies to a signal:
//! - its case was never picked up (undecided, or declined): the signal date
//!   plus `never_picked_up_months`, whether or not the case was closed. The
//!   data only ever served matching, and closing or declining a case must not
//!   keep it longer than leaving it alone would.
//! - its case was picked up and is open: the pick-up date (or the last
//!   reopening, if later) plus `picked_up_months`, see `RetentionFacts::clock`.
//! - its case was picked up and is closed: the closing date plus
//!   `closed_case_months`, for every signal in the case.
//!
//! Periods are calendar months: 31 August plus 6 months is 28 February (29 in
//! a leap year). The purge date is the first day the data must be gone: kept
//! up to and including the day before.

use crate::validation::Invalid;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

pub const MIN_MONTHS: u32 = 1;
pub const MAX_MONTHS: u32 = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionSettings {
    pub never_picked_up_months: u32,
    pub picked_up_months: u32,
    pub closed_case_months: u32,
}

impl Default for RetentionSettings {
    fn default() -> Self {
        RetentionSettings {
            never_picked_up_months: 6,
            picked_up_months: 12,
            closed_case_months: 18,
        }
    }
}

impl RetentionSettings {
    /// Every problem at once, in Dutch, named by the field it belongs to.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut invalid = Invalid::default();
        for (field, months) in [
            ("never_picked_up_months", self.never_picked_up_months),
            ("picked_up_months", self.picked_up_months),
            ("closed_case_months", self.closed_case_months),
        ] {
            if !(MIN_MONTHS..=MAX_MONTHS).contains(&months) {
                invalid.push(
                    field,
                    format!("moet tussen {MIN_MONTHS} en {MAX_MONTHS} maanden liggen"),
                );
            }
        }
        // A signal nobody acted on serves the least purpose, so it may never
        // outlive one the gemeente took up.
        if self.never_picked_up_months > self.picked_up_months {
            invalid.push(
                "never_picked_up_months",
                "mag niet langer zijn dan de bewaartermijn voor opgepakte signalen",
            );
        }
        invalid.into_result()
    }

    pub fn months(&self, rule: RetentionRule) -> u32 {
        match rule {
            RetentionRule::NeverPickedUp => self.never_picked_up_months,
            RetentionRule::PickedUpOpen => self.picked_up_months,
            RetentionRule::ClosedCase => self.closed_case_months,
        }
    }

    /// Per rule, the latest clock date that is due on `today`, for selecting
    /// in storage what `is_due` would select: due exactly when the rule's
    /// clock date is on or before its cutoff.
    pub fn cutoffs(&self, today: NaiveDate) -> Cutoffs {
        Cutoffs {
            never_picked_up: latest_due_clock(today, self.never_picked_up_months),
            picked_up_open: latest_due_clock(today, self.picked_up_months),
            closed_case: latest_due_clock(today, self.closed_case_months),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cutoffs {
    /// Compared with the signal date.
    pub never_picked_up: NaiveDate,
    /// Compared with the later of the pick-up and the last reopening.
    pub picked_up_open: NaiveDate,
    /// Compared with the closing date.
    pub closed_case: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RetentionRule {
    NeverPickedUp,
    PickedUpOpen,
    ClosedCase,
}

impl RetentionRule {
    /// Why the data goes, for the dry run's list.
    pub fn explanation(self) -> &'static str {
        match self {
            RetentionRule::NeverPickedUp => "signaal niet opgepakt: termijn na de signaaldatum",
            RetentionRule::PickedUpOpen => "zaak opgepakt en nog open: termijn na het oppakken",
            RetentionRule::ClosedCase => "zaak afgesloten: termijn na het afsluiten",
        }
    }
}

/// What retention needs to know of one signal and the case it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionFacts {
    pub signal_date: NaiveDate,
    /// When the case was picked up; `None` when undecided or declined.
    pub picked_up_on: Option<NaiveDate>,
    /// The last reopening, if any.
    pub reopened_on: Option<NaiveDate>,
    /// The last closing, if any. A reopening on or after it means the case
    /// is open again, so storage may keep the old closing date.
    pub closed_on: Option<NaiveDate>,
}

impl RetentionFacts {
    fn closed(&self) -> Option<NaiveDate> {
        match (self.closed_on, self.reopened_on) {
            (Some(closed), Some(reopened)) if reopened >= closed => None,
            (closed, _) => closed,
        }
    }

    pub fn rule(&self) -> RetentionRule {
        match (self.picked_up_on, self.closed()) {
            (None, _) => RetentionRule::NeverPickedUp,
            (Some(_), None) => RetentionRule::PickedUpOpen,
            (Some(_), Some(_)) => RetentionRule::ClosedCase,
        }
    }

    /// The date the rule's period runs from.
    ///
    /// An open case counts from its pick-up, not from the signal date: the
    /// 12 months are for helping, which starts at the pick-up, so a slow
    /// decision must not eat into them; the signal date is the partner's and
    /// can lie weeks before the gemeente even had the signal; and all signals
    /// of the case then leave together, so a case being worked never loses
    /// its oldest signals. A reopening restarts the period, because a
    /// reopened case is being worked again.
    pub fn clock(&self) -> NaiveDate {
        match (self.picked_up_on, self.closed()) {
            (None, _) => self.signal_date,
            (Some(picked_up), None) => self.reopened_on.map_or(picked_up, |r| r.max(picked_up)),
            (Some(_), Some(closed)) => closed,
        }
    }
}

/// The first day on which the signal's personal data must be gone.
pub fn purge_date(facts: &RetentionFacts, settings: &RetentionSettings) -> NaiveDate {
    add_months(facts.clock(), settings.months(facts.rule()))
}

pub fn is_due(facts: &RetentionFacts, settings: &RetentionSettings, today: NaiveDate) -> bool {
    purge_date(facts, settings) <= today
}

/// Past the end of the calendar the data is simply never due.
fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// The latest `clock` with `add_months(clock, months) <= today`. Subtracting
/// the months alone is not enough: on the last day of a month every later
/// day of the earlier month is due too (31 August + 6 months = 28 February).
fn latest_due_clock(today: NaiveDate, months: u32) -> NaiveDate {
    let back = today
        .checked_sub_months(Months::new(months))
        .unwrap_or(NaiveDate::MIN);
    if is_last_of_month(today) {
        last_of_month(back)
    } else {
        back
    }
}

fn is_last_of_month(date: NaiveDate) -> bool {
    date.succ_opt()
        .is_none_or(|next| next.month() != date.month())
}

fn last_of_month(date: NaiveDate) -> NaiveDate {
    let mut last = date;
    while !is_last_of_month(last) {
        last = last.succ_opt().unwrap_or(last);
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn facts(
        signal: &str,
        picked_up: Option<&str>,
        reopened: Option<&str>,
        closed: Option<&str>,
    ) -> RetentionFacts {
        RetentionFacts {
            signal_date: date(signal),
            picked_up_on: picked_up.map(date),
            reopened_on: reopened.map(date),
            closed_on: closed.map(date),
        }
    }

    #[test]
    fn defaults_are_valid() {
        let settings = RetentionSettings::default();
        assert_eq!(
            (
                settings.never_picked_up_months,
                settings.picked_up_months,
                settings.closed_case_months
            ),
            (6, 12, 18)
        );
        assert_eq!(settings.validate(), Ok(()));
    }

    /// (never picked up, picked up, closed) months, and the expected errors.
    type ValidateRow = ((u32, u32, u32), Vec<(&'static str, &'static str)>);

    #[test]
    fn validate_table() {
        let range = "moet tussen 1 en 120 maanden liggen";
        let longer = "mag niet langer zijn dan de bewaartermijn voor opgepakte signalen";
        let rows: [ValidateRow; 7] = [
            ((1, 1, 1), vec![]),
            ((120, 120, 120), vec![]),
            ((6, 6, 1), vec![]),
            ((0, 12, 18), vec![("never_picked_up_months", range)]),
            ((6, 121, 18), vec![("picked_up_months", range)]),
            ((13, 12, 18), vec![("never_picked_up_months", longer)]),
            (
                (0, 0, 121),
                vec![
                    ("never_picked_up_months", range),
                    ("picked_up_months", range),
                    ("closed_case_months", range),
                ],
            ),
        ];
        for ((never, picked, closed), expected) in rows {
            let settings = RetentionSettings {
                never_picked_up_months: never,
                picked_up_months: picked,
                closed_case_months: closed,
            };
            let errors: Vec<(String, String)> = match settings.validate() {
                Ok(()) => vec![],
                Err(invalid) => invalid
                    .errors
                    .into_iter()
                    .map(|e| (e.field, e.reason))
                    .collect(),
            };
            let expected: Vec<(String, String)> = expected
                .into_iter()
                .map(|(f, r)| (f.into(), r.into()))
                .collect();
            assert_eq!(errors, expected, "{never}/{picked}/{closed}");
        }
    }

    #[test]
    fn purge_date_table() {
        use RetentionRule::*;
        let rows = [
            (
                "never picked up: signal date + 6",
                facts("2026-01-15", None, None, None),
                NeverPickedUp,
                "2026-07-15",
            ),
            (
                "end of month clamps",
                facts("2025-08-31", None, None, None),
                NeverPickedUp,
                "2026-02-28",
            ),
            (
                "end of month clamps to a leap day",
                facts("2027-08-31", None, None, None),
                NeverPickedUp,
                "2028-02-29",
            ),
            (
                "declined and closed: still the 6 months",
                facts("2026-01-15", None, None, Some("2026-01-20")),
                NeverPickedUp,
                "2026-07-15",
            ),
            (
                "picked up and open: pick-up + 12",
                facts("2026-01-15", Some("2026-02-03"), None, None),
                PickedUpOpen,
                "2027-02-03",
            ),
            (
                "a signal joining after the pick-up leaves with the case",
                facts("2026-02-20", Some("2026-02-03"), None, None),
                PickedUpOpen,
                "2027-02-03",
            ),
            (
                "closed: closing + 18",
                facts("2026-01-15", Some("2026-02-03"), None, Some("2026-05-31")),
                ClosedCase,
                "2027-11-30",
            ),
            (
                "reopened: reopening + 12",
                facts(
                    "2025-01-10",
                    Some("2025-01-20"),
                    Some("2026-03-01"),
                    Some("2025-04-01"),
                ),
                PickedUpOpen,
                "2027-03-01",
            ),
            (
                "reopened and closed again: the new closing + 18",
                facts(
                    "2025-01-10",
                    Some("2025-01-20"),
                    Some("2026-03-01"),
                    Some("2026-04-01"),
                ),
                ClosedCase,
                "2027-10-01",
            ),
            (
                "reopened the day it closed: open",
                facts(
                    "2026-01-10",
                    Some("2026-01-12"),
                    Some("2026-03-01"),
                    Some("2026-03-01"),
                ),
                PickedUpOpen,
                "2027-03-01",
            ),
        ];
        let settings = RetentionSettings::default();
        for (name, facts, rule, expected) in rows {
            assert_eq!(facts.rule(), rule, "{name}");
            assert_eq!(purge_date(&facts, &settings), date(expected), "{name}");
        }
    }

    #[test]
    fn is_due_boundaries() {
        let settings = RetentionSettings::default();
        let never = facts("2025-08-31", None, None, None);
        let open = facts("2026-01-15", Some("2026-02-03"), None, None);
        let closed = facts("2026-01-15", Some("2026-02-03"), None, Some("2026-03-10"));
        let rows = [
            (never, "2026-02-27", false),
            (never, "2026-02-28", true),
            (never, "2026-03-01", true),
            (open, "2027-02-02", false),
            (open, "2027-02-03", true),
            (closed, "2027-09-09", false),
            (closed, "2027-09-10", true),
        ];
        for (facts, today, expected) in rows {
            assert_eq!(is_due(&facts, &settings, date(today)), expected, "{today}");
        }
    }

    #[test]
    fn settings_change_the_periods() {
        let settings = RetentionSettings {
            never_picked_up_months: 1,
            picked_up_months: 2,
            closed_case_months: 3,
        };
        let rows = [
            (facts("2026-01-31", None, None, None), "2026-02-28"),
            (
                facts("2026-01-31", Some("2026-01-31"), None, None),
                "2026-03-31",
            ),
            (
                facts("2026-01-31", Some("2026-01-31"), None, Some("2026-01-31")),
                "2026-04-30",
            ),
        ];
        for (facts, expected) in rows {
            assert_eq!(purge_date(&facts, &settings), date(expected));
        }
    }

    #[test]
    fn cutoff_table() {
        let rows = [
            ("2026-02-28", 6, "2025-08-31"),
            ("2026-02-27", 6, "2025-08-27"),
            ("2028-02-29", 6, "2027-08-31"),
            ("2028-02-28", 6, "2027-08-28"),
            ("2026-04-30", 2, "2026-02-28"),
            ("2026-08-30", 6, "2026-02-28"),
        ];
        for (today, months, expected) in rows {
            assert_eq!(
                latest_due_clock(date(today), months),
                date(expected),
                "{today}"
            );
        }
    }

    /// The cutoffs select exactly what `is_due` selects, for every day of
    /// four years (two leap days) and every period in use.
    #[test]
    fn cutoffs_agree_with_is_due() {
        let first = date("2025-01-01");
        for months in [1, 2, 6, 12, 18, 120] {
            let mut today = first;
            while today < date("2029-01-01") {
                let cutoff = latest_due_clock(today, months);
                let mut clock = cutoff - chrono::Duration::days(40);
                while clock <= cutoff + chrono::Duration::days(40) {
                    let due = add_months(clock, months) <= today;
                    assert_eq!(due, clock <= cutoff, "{clock} + {months} on {today}");
                    clock = clock.succ_opt().unwrap();
                }
                today = today.succ_opt().unwrap();
            }
        }
    }

    #[test]
    fn cutoffs_per_rule() {
        let cutoffs = RetentionSettings::default().cutoffs(date("2026-02-28"));
        assert_eq!(
            cutoffs,
            Cutoffs {
                never_picked_up: date("2025-08-31"),
                picked_up_open: date("2025-02-28"),
                closed_case: date("2024-08-31"),
            }
        );
    }
}
