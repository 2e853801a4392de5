//! The deadlines of case work, in working days. No statute sets a deadline
//! for acting on a signal (../shared/domain.md), so every period is a
//! setting per gemeente; the defaults follow issue 4 and the general Wgs
//! rule of 3 working days when eviction threatens.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::workdays::{add_working_days, HolidaySettings};
use crate::Invalid;

/// The longest period a setting may have: beyond twelve weeks a "deadline"
/// no longer protects anyone, so a larger value is taken to be a typo.
pub const MAX_PERIOD_WORKING_DAYS: u32 = 60;
/// Warning earlier than two weeks ahead would flag most of the queue.
pub const MAX_DUE_SOON_WORKING_DAYS: u32 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineSettings {
    /// Deciding to pick a case up, counted from its first signal.
    pub pickup_working_days: u32,
    /// The first contact attempt, counted from the pick-up.
    pub first_contact_working_days: u32,
    /// The short term when eviction threatens (an art. 14 melding): for the
    /// first contact and for deciding on the pick-up alike (`shortened`).
    pub first_contact_when_eviction_threatens: u32,
    /// An open deadline at most this many working days away is due soon.
    pub due_soon_working_days: u32,
    pub holidays: HolidaySettings,
}

impl Default for DeadlineSettings {
    /// `due_soon_working_days` is 1: the deadline is today or the next
    /// working day, so acting today is the last safe moment. A wider window
    /// would mark most of a 3-day eviction deadline as due soon and the
    /// warning would stop meaning anything.
    fn default() -> Self {
        DeadlineSettings {
            pickup_working_days: 5,
            first_contact_working_days: 5,
            first_contact_when_eviction_threatens: 3,
            due_soon_working_days: 1,
            holidays: HolidaySettings::default(),
        }
    }
}

impl DeadlineSettings {
    /// Every out-of-range value at once, with a Dutch reason.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut invalid = Invalid::default();
        for (field, value) in [
            ("pickup_working_days", self.pickup_working_days),
            (
                "first_contact_working_days",
                self.first_contact_working_days,
            ),
            (
                "first_contact_when_eviction_threatens",
                self.first_contact_when_eviction_threatens,
            ),
        ] {
            if !(1..=MAX_PERIOD_WORKING_DAYS).contains(&value) {
                invalid.push(
                    field,
                    format!("moet tussen 1 en {MAX_PERIOD_WORKING_DAYS} werkdagen liggen"),
                );
            }
        }
        if self.first_contact_when_eviction_threatens > self.first_contact_working_days {
            invalid.push(
                "first_contact_when_eviction_threatens",
                "mag niet langer zijn dan de gewone termijn voor het eerste contact",
            );
        }
        if self.due_soon_working_days > MAX_DUE_SOON_WORKING_DAYS {
            invalid.push(
                "due_soon_working_days",
                format!("moet tussen 0 en {MAX_DUE_SOON_WORKING_DAYS} werkdagen liggen"),
            );
        }
        invalid.into_result()
    }
}

pub fn pickup_deadline(
    first_signal_on: NaiveDate,
    eviction_notice_on: Option<NaiveDate>,
    settings: &DeadlineSettings,
) -> NaiveDate {
    shortened(
        first_signal_on,
        settings.pickup_working_days,
        eviction_notice_on,
        settings,
    )
}

/// `eviction_notice_on`: see `shortened`; a case with a notice is one where
/// eviction threatens.
pub fn first_contact_deadline(
    picked_up_on: NaiveDate,
    eviction_notice_on: Option<NaiveDate>,
    settings: &DeadlineSettings,
) -> NaiveDate {
    shortened(
        picked_up_on,
        settings.first_contact_working_days,
        eviction_notice_on,
        settings,
    )
}

/// The rule for an art. 14 melding (issue 5: "the household's case goes to
/// the top with the short 3-working-day deadline"): a step is due at the
/// earlier of its normal term from `start` and the eviction term
/// (`first_contact_when_eviction_threatens`) from the later of `start` and
/// the melding.
///
/// - The melding's date is the event date the verhuurder records
///   (`eviction_notices.notified_on`), the legal date of the notice, not
///   when it was typed in.
/// - With several meldingen the earliest counts (the store passes the
///   minimum): the gemeente has known since then, and a later melding must
///   not move a deadline that may already have passed.
/// - The short term never runs from before `start`: a melding that came
///   after the pick-up gives the first contact three days from the melding,
///   not three days from a pick-up long ago (which would be overdue the
///   moment it arrives, with no day left to act). Likewise a melding dated
///   before the case was opened counts from the opening.
/// - It only ever shortens: the earlier of the two dates.
///
/// There is no separate setting for deciding on the pick-up after a
/// melding: both steps have to happen within the one period the Wgs rule
/// sets when eviction threatens, so one setting keeps them from drifting
/// apart.
fn shortened(
    start: NaiveDate,
    normal_working_days: u32,
    eviction_notice_on: Option<NaiveDate>,
    settings: &DeadlineSettings,
) -> NaiveDate {
    let normal = add_working_days(start, normal_working_days, &settings.holidays);
    match eviction_notice_on {
        Some(notice) => normal.min(add_working_days(
            start.max(notice),
            settings.first_contact_when_eviction_threatens,
            &settings.holidays,
        )),
        None => normal,
    }
}

/// The last due date that counts as due soon on `today`. Lets a query
/// filter stored due dates: due soon is `today <= due <= due_soon_until`,
/// overdue is `due < today`, both for steps not yet taken.
pub fn due_soon_until(today: NaiveDate, settings: &DeadlineSettings) -> NaiveDate {
    add_working_days(today, settings.due_soon_working_days, &settings.holidays)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum DeadlineState {
    /// The step was taken; on the due date itself still counts as on time.
    Met {
        on_time: bool,
    },
    Open,
    DueSoon,
    Overdue,
}

impl DeadlineState {
    pub fn of(
        due: NaiveDate,
        done_on: Option<NaiveDate>,
        today: NaiveDate,
        settings: &DeadlineSettings,
    ) -> Self {
        match done_on {
            Some(done) => DeadlineState::Met {
                on_time: done <= due,
            },
            None if due < today => DeadlineState::Overdue,
            None if due <= due_soon_until(today, settings) => DeadlineState::DueSoon,
            None => DeadlineState::Open,
        }
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            DeadlineState::Met { on_time: true } => "op tijd",
            DeadlineState::Met { on_time: false } => "te laat gehaald",
            DeadlineState::Open => "open",
            DeadlineState::DueSoon => "bijna verlopen",
            DeadlineState::Overdue => "verlopen",
        }
    }

    /// Stable text for CSS classes and filter parameters.
    pub fn slug(self) -> &'static str {
        match self {
            DeadlineState::Met { on_time: true } => "op-tijd",
            DeadlineState::Met { on_time: false } => "te-laat-gehaald",
            DeadlineState::Open => "open",
            DeadlineState::DueSoon => "bijna-verlopen",
            DeadlineState::Overdue => "verlopen",
        }
    }

    /// Whether the queue should draw the worker's eye to it.
    pub fn needs_attention(self) -> bool {
        matches!(self, DeadlineState::DueSoon | DeadlineState::Overdue)
    }
}

/// One step's due date and where it stands, as the queue and the case show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub due: NaiveDate,
    pub state: DeadlineState,
}

impl Deadline {
    pub fn pickup(
        first_signal_on: NaiveDate,
        eviction_notice_on: Option<NaiveDate>,
        picked_up_on: Option<NaiveDate>,
        today: NaiveDate,
        settings: &DeadlineSettings,
    ) -> Self {
        let due = pickup_deadline(first_signal_on, eviction_notice_on, settings);
        Deadline {
            due,
            state: DeadlineState::of(due, picked_up_on, today, settings),
        }
    }

    /// Only a case that was picked up has a first-contact deadline.
    pub fn first_contact(
        picked_up_on: NaiveDate,
        eviction_notice_on: Option<NaiveDate>,
        first_attempt_on: Option<NaiveDate>,
        today: NaiveDate,
        settings: &DeadlineSettings,
    ) -> Self {
        let due = first_contact_deadline(picked_up_on, eviction_notice_on, settings);
        Deadline {
            due,
            state: DeadlineState::of(due, first_attempt_on, today, settings),
        }
    }
}

#[cfg(test)]
mod tests;
