//! The raw counts the store gives for a period, before any rule is applied:
//! grouped so that a year of a large gemeente is a few hundred rows, and so
//! that every figure of the dashboards (`gemeente`, `verhuurder`,
//! `platform`) is computed here, in one place, from these. Counts are
//! exact; suppression happens when they become cells.
//!
//! Months are the first day of the month; a record belongs to the month of
//! the date named in each field's comment.

use crate::ddas::EndResult;
use crate::org::OrgKind;
use crate::signal::PartnerType;
use crate::tenancy::EventKind;
use crate::tenant_channel::LetterKind;
use chrono::NaiveDate;

/// Signals whose `signal_date` falls in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignalCount {
    pub month: NaiveDate,
    pub partner_type: PartnerType,
    pub count: u64,
}

/// Cases opened (`opened_on`) in the period, grouped by what became of
/// them. Declined cases have `picked_up: false` and their DDAS end result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseGroup {
    pub month: NaiveDate,
    pub picked_up: bool,
    /// At least one contact attempt that reached the household.
    pub contact_made: bool,
    /// Handed to a hulpverlening organisation (now or before closing).
    pub handed_off: bool,
    /// Opened as a repeat of an earlier case of the household.
    pub repeat: bool,
    /// Closed or declined with this DDAS end result; `None` while running.
    pub end_result: Option<EndResult>,
    pub count: u64,
}

/// Cases opened in the period by their dates, for deadlines and the median
/// days to first contact. Declined cases are left out: no decision date is
/// kept for them, so their pick-up deadline cannot be judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDates {
    pub opened_on: NaiveDate,
    pub picked_up_on: Option<NaiveDate>,
    /// The first contact attempt, reached or not.
    pub first_contact_on: Option<NaiveDate>,
    pub count: u64,
}

/// Tenancy events dated (`on_date`) in the period. `detail` is the slug an
/// event carries: an agreement's `status` (lopend, nagekomen, verbroken) or
/// how an eviction was prevented (`hoe`); `None` for other kinds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventCount {
    pub month: NaiveDate,
    pub kind: EventKind,
    pub detail: Option<String>,
    /// Events, which is households: one event is one household's step.
    pub count: u64,
}

/// Tenancies with arrears (dues minus payments dated up to the day, above
/// zero) by the furthest step of the track they reached by that day
/// (`EventKind::track_position`); `None`: no step yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageCount {
    pub stage: Option<EventKind>,
    pub count: u64,
}

/// Gate decisions made (`evaluated_on`) in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GateCount {
    pub step: crate::tenancy::Step,
    pub allowed: bool,
    pub count: u64,
}

/// Override requests made (`requested_at`, Amsterdam day) in the period,
/// by status: pending, approved, rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideCount {
    pub status: String,
    pub count: u64,
}

/// Art. 14 meldingen received (`notified_on`) in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeCount {
    pub month: NaiveDate,
    pub count: u64,
}

/// The kennisbank in the period. Practices and reads are not households,
/// so these are shown as they are.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KennisbankActivity {
    /// Revisions created (`created_at`): submissions, edits and suggestions.
    pub contributions: u64,
    /// Of those, by people of an organisation (the rest: public suggestions).
    pub by_partners: u64,
    /// Decisions taken (`decided_at`) by resulting status: published,
    /// changes_requested, rejected.
    pub decisions: Vec<(String, u64)>,
    /// Published practices at the end of the period.
    pub published: u64,
    /// The most-read published practices in the period, most first, at
    /// most ten: slug, title, reads.
    pub most_read: Vec<(String, String, u64)>,
}

/// Active organisations per kind, for the platform's totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgCount {
    pub kind: OrgKind,
    pub count: u64,
}

/// Everything a gemeente's dashboard is computed from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GemeenteFacts {
    pub signals: Vec<SignalCount>,
    pub cases: Vec<CaseGroup>,
    pub case_dates: Vec<CaseDates>,
    pub notices: Vec<NoticeCount>,
    /// Events of tenancies in the gemeente's area (executed and prevented
    /// evictions are what it needs).
    pub area_events: Vec<EventCount>,
}

/// The tenant's own channel (issue 9) in the period, by Amsterdam day:
/// letters made (`created_at`), personal links first opened, i.e. the
/// address confirmed (`confirmed_at`), and the tenant's responses
/// (`created_at`). A kind that is absent counts zero.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChannelCounts {
    pub letters: Vec<(LetterKind, u64)>,
    /// A tenancy counts once per link: a new letter's link is opened anew.
    pub links_opened: u64,
    /// By the event kind the response records (`betalingsregeling_voorgesteld`, ...).
    pub responses: Vec<(EventKind, u64)>,
}

/// Everything a verhuurder's dashboard is computed from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VerhuurderFacts {
    /// On the last day of the period (or today, if that is earlier).
    pub arrears_by_stage: Vec<StageCount>,
    pub events: Vec<EventCount>,
    pub gate: Vec<GateCount>,
    pub overrides: Vec<OverrideCount>,
    /// Integer cents; `None`: the default (`DEFAULT_EVICTION_COST_CENTS`).
    pub eviction_cost_cents: Option<i64>,
    pub channel: ChannelCounts,
}

/// Everything the platform's dashboard is computed from: the same counts,
/// over all organisations.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlatformFacts {
    pub signals: Vec<SignalCount>,
    pub cases: Vec<CaseGroup>,
    pub notices: Vec<NoticeCount>,
    pub events: Vec<EventCount>,
    pub organisations: Vec<OrgCount>,
    pub kennisbank: KennisbankActivity,
}
