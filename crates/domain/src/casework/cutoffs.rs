//! Deadlines as date cut-offs a query can use. A deadline falls a number of
//! working days after its start date, and that is monotone in the start
//! date, so "the deadline has passed" is the same as "the start date is on
//! or before some date". The queue filters stored start dates by these
//! cut-offs instead of storing due dates that a settings change would make
//! stale.

use super::deadline::{due_soon_until, DeadlineSettings};
use crate::workdays::{add_working_days, HolidaySettings};
use chrono::{Days, NaiveDate};

/// The latest start date whose deadline, `days` working days on, falls on
/// or before `date`.
pub fn latest_start_due_by(date: NaiveDate, days: u32, holidays: &HolidaySettings) -> NaiveDate {
    let mut start = date;
    while add_working_days(start, days, holidays) > date {
        start = start - Days::new(1);
    }
    start
}

/// Start dates on or before `overdue` have a passed deadline; those after
/// it and on or before `due_soon` fall due soon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StartCutoffs {
    pub overdue: NaiveDate,
    pub due_soon: NaiveDate,
}

impl StartCutoffs {
    fn new(today: NaiveDate, days: u32, settings: &DeadlineSettings) -> StartCutoffs {
        let yesterday = today - Days::new(1);
        StartCutoffs {
            overdue: latest_start_due_by(yesterday, days, &settings.holidays),
            due_soon: latest_start_due_by(
                due_soon_until(today, settings),
                days,
                &settings.holidays,
            ),
        }
    }
}

/// The cut-offs of both deadlines on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueCutoffs {
    /// For the first signal date of cases not yet decided.
    pub pickup: StartCutoffs,
    /// For the pick-up date of cases without a contact attempt.
    pub first_contact: StartCutoffs,
    /// The short term after an art. 14 melding (`deadline::shortened`), for
    /// both steps: the step's start date and the melding's date must both
    /// be on or before these, because the short term runs from the later
    /// of the two.
    pub eviction: StartCutoffs,
}

impl QueueCutoffs {
    pub fn on(today: NaiveDate, settings: &DeadlineSettings) -> QueueCutoffs {
        QueueCutoffs {
            pickup: StartCutoffs::new(today, settings.pickup_working_days, settings),
            first_contact: StartCutoffs::new(today, settings.first_contact_working_days, settings),
            eviction: StartCutoffs::new(
                today,
                settings.first_contact_when_eviction_threatens,
                settings,
            ),
        }
    }
}

/// Where an open step stands by the cut-offs, written as the queue's SQL
/// writes it (`store::casework::queries::queue_query`), so a test can hold
/// that condition against `DeadlineState`. A due date is the earlier of two
/// (`shortened`), so it has passed when either has: overdue is an OR of the
/// normal and the short term, and "due soon" is "not overdue, and one of
/// them is due soon". `notice_on` is the earliest melding; the SQL asks
/// "is there a melding on or before the cut-off", which is the same.
pub fn filter_state(
    normal: StartCutoffs,
    eviction: StartCutoffs,
    start: NaiveDate,
    notice_on: Option<NaiveDate>,
) -> Option<DeadlineFilterState> {
    let short_by = |cut: NaiveDate| start <= cut && notice_on.is_some_and(|n| n <= cut);
    let overdue = start <= normal.overdue || short_by(eviction.overdue);
    let soon = start <= normal.due_soon || short_by(eviction.due_soon);
    if overdue {
        Some(DeadlineFilterState::Overdue)
    } else if soon {
        Some(DeadlineFilterState::DueSoon)
    } else {
        None
    }
}

/// The two states the queue filters by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineFilterState {
    Overdue,
    DueSoon,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::casework::deadline::{first_contact_deadline, pickup_deadline, DeadlineState};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn latest_start_table() {
        let h = HolidaySettings::default();
        let cases = [
            // (date, days, latest start)
            (d(2026, 11, 23), 1, d(2026, 11, 22)), // Monday: a Sunday signal is due
            (d(2026, 11, 22), 1, d(2026, 11, 19)), // Sunday: Thursday's was due Friday
            (d(2026, 11, 24), 5, d(2026, 11, 17)),
            (d(2026, 12, 28), 2, d(2026, 12, 23)), // Christmas in between
        ];
        for (date, days, expected) in cases {
            assert_eq!(
                latest_start_due_by(date, days, &h),
                expected,
                "{date} {days}"
            );
        }
    }

    /// The cut-offs agree with the deadline state of every start date, with
    /// and without a melding (before, on and after the start), for both
    /// steps.
    #[test]
    fn cutoffs_agree_with_deadline_states() {
        let default = DeadlineSettings::default();
        let wide = DeadlineSettings {
            due_soon_working_days: 3,
            pickup_working_days: 10,
            ..default
        };
        for settings in [default, wide] {
            for offset in 0..120u64 {
                let today = d(2026, 3, 1) + Days::new(offset);
                let cut = QueueCutoffs::on(today, &settings);
                for back in 0..30u64 {
                    let start = today - Days::new(back);
                    let notices = std::iter::once(None)
                        .chain((0..12u64).map(|n| Some(start + Days::new(n) - Days::new(4))));
                    for notice in notices {
                        let steps = [
                            (pickup_deadline(start, notice, &settings), cut.pickup),
                            (
                                first_contact_deadline(start, notice, &settings),
                                cut.first_contact,
                            ),
                        ];
                        for (due, normal) in steps {
                            let state = DeadlineState::of(due, None, today, &settings);
                            let expected = match state {
                                DeadlineState::Overdue => Some(DeadlineFilterState::Overdue),
                                DeadlineState::DueSoon => Some(DeadlineFilterState::DueSoon),
                                _ => None,
                            };
                            assert_eq!(
                                filter_state(normal, cut.eviction, start, notice),
                                expected,
                                "{today} {start} {notice:?}"
                            );
                        }
                    }
                }
            }
        }
    }
}
