//! How the queue and the case page show a case's stage and its two
//! deadlines (deciding on the pick-up, the first contact attempt).

use super::day;
use chrono::NaiveDate;
use vangnet_domain::casework::deadline::{Deadline, DeadlineSettings, DeadlineState};
use vangnet_domain::casework::state::Stage;
use vangnet_domain::ddas::{DeclineReason, EndResult};

/// One deadline as text: its date and where it stands, in words, so the
/// state never depends on colour alone.
pub struct DeadlineView {
    pub due: String,
    pub label: &'static str,
    /// For the CSS class `deadline-<slug>`.
    pub slug: &'static str,
}

impl DeadlineView {
    /// `ended`: the case was closed or declined. A step that was never taken
    /// then no longer falls due, and showing it as overdue forever would
    /// bury the deadlines that still matter.
    fn of(deadline: Deadline, ended: bool) -> DeadlineView {
        let (label, slug) = match deadline.state {
            DeadlineState::Met { .. } => (deadline.state.label_nl(), deadline.state.slug()),
            _ if ended => ("vervallen", "vervallen"),
            state => (state.label_nl(), state.slug()),
        };
        DeadlineView {
            due: day(deadline.due),
            label,
            slug,
        }
    }
}

/// What the deadlines of one case depend on.
pub struct CaseDates {
    pub stage_slug: String,
    pub opened_on: NaiveDate,
    pub picked_up_on: Option<NaiveDate>,
    pub first_contact_on: Option<NaiveDate>,
    /// The earliest art. 14 melding: eviction threatens and both deadlines
    /// may be short (`deadline::shortened`). The queue and the case page
    /// both take it from the store, so they show the same dates.
    pub eviction_notice_on: Option<NaiveDate>,
}

impl CaseDates {
    /// Declining is the decision the pick-up deadline asks for, but its
    /// date is not kept, so it is shown as decided rather than as on time.
    pub fn pickup(&self, today: NaiveDate, settings: &DeadlineSettings) -> DeadlineView {
        let deadline = Deadline::pickup(
            self.opened_on,
            self.eviction_notice_on,
            self.picked_up_on,
            today,
            settings,
        );
        if self.picked_up_on.is_none() && stage_is(&self.stage_slug, Stage::is_declined) {
            return DeadlineView {
                due: day(deadline.due),
                label: "besloten: niet oppakken",
                slug: "besloten",
            };
        }
        DeadlineView::of(deadline, stage_is(&self.stage_slug, Stage::has_ended))
    }

    /// Only a case that was picked up has a first-contact deadline.
    pub fn first_contact(
        &self,
        today: NaiveDate,
        settings: &DeadlineSettings,
    ) -> Option<DeadlineView> {
        let picked_up_on = self.picked_up_on?;
        let deadline = Deadline::first_contact(
            picked_up_on,
            self.eviction_notice_on,
            self.first_contact_on,
            today,
            settings,
        );
        Some(DeadlineView::of(
            deadline,
            stage_is(&self.stage_slug, Stage::has_ended),
        ))
    }
}

/// Every stage once, in the order a case goes through them, for the status
/// filter and for labelling a stored stage slug. The dates and reasons are
/// placeholders: only `slug` and `label` are read.
fn stages() -> [Stage; 6] {
    let any_day = NaiveDate::MIN;
    [
        Stage::Open,
        Stage::PickedUp { on: any_day },
        Stage::HandedOff {
            picked_up_on: any_day,
        },
        Stage::Reopened {
            reason: String::new(),
            picked_up_on: None,
        },
        Stage::Closed {
            picked_up_on: any_day,
            result: EndResult::ALL[0],
            on: any_day,
        },
        Stage::NotPickedUp {
            reason: DeclineReason::ALL[0],
        },
    ]
}

/// (slug, label) of every stage.
pub fn stage_options() -> Vec<(&'static str, &'static str)> {
    stages().iter().map(|s| (s.slug(), s.label())).collect()
}

/// Asks `test` about the stage a stored slug stands for.
fn stage_is(slug: &str, test: fn(&Stage) -> bool) -> bool {
    stages().iter().any(|s| s.slug() == slug && test(s))
}

trait StageKind {
    fn is_declined(&self) -> bool;
    fn has_ended(&self) -> bool;
}

impl StageKind for Stage {
    fn is_declined(&self) -> bool {
        matches!(self, Stage::NotPickedUp { .. })
    }

    fn has_ended(&self) -> bool {
        matches!(self, Stage::Closed { .. } | Stage::NotPickedUp { .. })
    }
}

pub fn stage_label(slug: &str) -> &'static str {
    stages()
        .iter()
        .find(|s| s.slug() == slug)
        .map_or("Onbekend", |s| s.label())
}
