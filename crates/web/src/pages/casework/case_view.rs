//! What the case page shows, built from the stored case: the facts, the
//! score explanation, the deadlines, the timeline, and which forms apply.

use super::deadlines::{stage_label, CaseDates, DeadlineView};
use super::{case_ref, day, household_label};
use crate::auth::SignedIn;
use crate::pages::errors::PageError;
use crate::pages::incoming::SignalView;
use crate::state::AppState;
use chrono::NaiveDate;
use vangnet_domain::calendar::{amsterdam_text, to_amsterdam};
use vangnet_domain::casework::priority::score;
use vangnet_domain::casework::state::{apply, Command, Stage};
use vangnet_domain::ddas::{ContactKind, DeclineReason, EndResult, PartOfDay};
use vangnet_domain::money::format_euros;
use vangnet_domain::org::OrgKind;
use vangnet_domain::permission::{can, Action};
use vangnet_store::casework::CaseWork;
use vangnet_store::{OrgScope, User};

pub struct Factor {
    pub label: String,
    pub points: i64,
}

pub struct TimelineEntry {
    /// Sorts the entries: an ISO date and time.
    key: String,
    pub when: String,
    pub what: String,
    pub who: String,
}

pub struct ContactView {
    pub on: String,
    pub part_of_day: String,
    pub kind: String,
    pub reached: bool,
    pub note: String,
    pub who: String,
}

pub struct NoteView {
    pub at: String,
    pub text: String,
    pub who: String,
}

pub struct CaseView {
    pub id: i64,
    pub household: String,
    pub opened_on: String,
    pub status: &'static str,
    /// The decision or result that ended the case, or why it was reopened.
    pub outcome: Option<String>,
    pub assignee: Option<String>,
    pub handed_off: Option<String>,
    pub picked_up_on: Option<String>,
    pub contact_attempts: u32,
    pub total: String,
    pub repeat_of: Option<i64>,
    /// Only the gemeente links to its earlier case; a hulpverlener may not open it.
    pub link_repeat: bool,
    pub score_total: i64,
    pub top_priority: bool,
    pub factors: Vec<Factor>,
    /// The art. 14 melding's date: the reason the deadlines are short.
    pub eviction_notice: Option<String>,
    pub pickup: DeadlineView,
    pub first_contact: Option<DeadlineView>,
    pub signals: Vec<SignalView>,
    pub timeline: Vec<TimelineEntry>,
    pub contacts: Vec<ContactView>,
    pub notes: Vec<NoteView>,
}

fn who_did(actor: Option<&str>, org: &str) -> String {
    match actor {
        Some(name) => format!("{name} ({org})"),
        None => org.to_string(),
    }
}

fn outcome(stage: &Stage) -> Option<String> {
    match stage {
        Stage::NotPickedUp { reason } => Some(format!("Reden: {}", reason.label())),
        Stage::Closed { result, on, .. } => Some(format!(
            "Eindresultaat: {} (afgesloten {})",
            result.label(),
            day(*on)
        )),
        Stage::Reopened { reason, .. } => Some(format!("Heropend. Reden: {reason}")),
        _ => None,
    }
}

impl CaseView {
    pub async fn build(
        state: &AppState,
        who: &SignedIn,
        work: &CaseWork,
        today: NaiveDate,
    ) -> Result<CaseView, PageError> {
        let settings = state.store.casework_settings(work.gemeente_org_id).await?;
        let explained = score(&work.priority_input, &settings.weights);
        let handed_off = match work.state.handed_off {
            Some(h) => {
                let org = state.store.org_by_id(h.org_id).await?;
                let name = org.map_or_else(|| "een hulpverlener".into(), |o| o.name);
                Some(format!("{name}, per {}", day(h.on)))
            }
            None => None,
        };
        let assignee = match work.state.assignee {
            Some(id) => Some(assignee_name(state, work, id).await?),
            None => None,
        };
        let dates = CaseDates {
            stage_slug: work.state.stage.slug().to_string(),
            opened_on: work.opened_on,
            picked_up_on: work.state.picked_up_on(),
            first_contact_on: work.state.first_contact_on,
            eviction_notice_on: work.eviction_notice_on,
        };
        Ok(CaseView {
            id: work.id,
            household: household_label(&work.household_key),
            opened_on: day(work.opened_on),
            status: stage_label(work.state.stage.slug()),
            outcome: outcome(&work.state.stage),
            assignee,
            handed_off,
            picked_up_on: work.state.picked_up_on().map(day),
            contact_attempts: work.state.contact_attempts,
            total: format_euros(work.signals.iter().map(|s| s.amount_cents).sum()),
            repeat_of: work.repeat_of_case_id,
            link_repeat: who.org.kind == OrgKind::Gemeente,
            score_total: explained.total,
            top_priority: explained.is_top_priority(),
            factors: explained
                .factors
                .into_iter()
                .map(|f| Factor {
                    label: f.label_nl,
                    points: f.points,
                })
                .collect(),
            eviction_notice: work.eviction_notice_on.map(day),
            pickup: dates.pickup(today, &settings.deadlines),
            first_contact: dates.first_contact(today, &settings.deadlines),
            signals: work.signals.iter().map(SignalView::from).collect(),
            timeline: timeline(work),
            contacts: work
                .contacts
                .iter()
                .map(|c| ContactView {
                    on: day(c.on_date),
                    part_of_day: c.part_of_day.clone().unwrap_or_default(),
                    kind: c.kind.clone(),
                    reached: c.reached,
                    note: c.note.clone().unwrap_or_default(),
                    who: c.actor_name.clone().unwrap_or_default(),
                })
                .collect(),
            notes: work
                .notes
                .iter()
                .map(|n| NoteView {
                    at: amsterdam_text(n.at),
                    text: n.text.clone(),
                    who: n.author_name.clone().unwrap_or_default(),
                })
                .collect(),
        })
    }
}

/// The signals' arrival and every step, oldest first.
fn timeline(work: &CaseWork) -> Vec<TimelineEntry> {
    let signals = work.signals.iter().map(|s| TimelineEntry {
        key: s.signal_date.format("%Y-%m-%d").to_string(),
        when: day(s.signal_date),
        what: format!(
            "Signaal van {} ({}): {}",
            s.partner_name,
            s.partner_type,
            format_euros(s.amount_cents)
        ),
        who: s.partner_name.clone(),
    });
    let events = work.events.iter().map(|e| TimelineEntry {
        key: to_amsterdam(e.at)
            .format("%Y-%m-%d %H:%M:%S%.6f")
            .to_string(),
        when: amsterdam_text(e.at),
        what: e.summary.clone(),
        who: who_did(e.actor_name.as_deref(), &e.org_name),
    });
    let mut entries: Vec<TimelineEntry> = signals.chain(events).collect();
    // Stable: steps saved in one second keep the order they were saved in.
    entries.sort_by(|a, b| a.key.cmp(&b.key));
    entries
}

/// The forms the reader sees: a step shows when `can` allows it and the
/// domain would accept it now (asked with a sample of the command, so the
/// page never repeats the rules of the state machine).
pub struct CaseForms {
    pub case_id: i64,
    pub version: i64,
    pub today: String,
    pub me: i64,
    /// Assign to anyone in the team (a teamleider), with the team.
    pub assign: Option<Vec<(i64, String, bool)>>,
    /// Take the case oneself.
    pub take: bool,
    pub pick_up: bool,
    pub decline: bool,
    pub contact: bool,
    pub hand_off: Option<Vec<(i64, String)>>,
    pub note: bool,
    pub close: bool,
    pub reopen: bool,
    pub decline_reasons: Vec<&'static str>,
    pub contact_kinds: Vec<&'static str>,
    pub parts_of_day: Vec<&'static str>,
    pub end_results: Vec<&'static str>,
}

impl CaseForms {
    pub fn any(&self) -> bool {
        self.assign.is_some()
            || self.take
            || self.pick_up
            || self.decline
            || self.contact
            || self.hand_off.is_some()
            || self.note
            || self.close
            || self.reopen
    }

    pub async fn build(
        state: &AppState,
        who: &SignedIn,
        work: &CaseWork,
        today: NaiveDate,
    ) -> Result<CaseForms, PageError> {
        let target = case_ref(work);
        let me = who.user.id;
        let allowed = |action| can(&who.actor, action, target).is_allowed();
        let fits = |command: Command| apply(&work.state, &command).is_ok();
        // 0 is no organisation's id, so this never asks about the current one.
        let hand_off_sample = Command::HandOff {
            to_org: 0,
            on: today,
        };
        let assign = if allowed(Action::AssignCase)
            && (fits(Command::Assign { worker: None })
                || fits(Command::Assign { worker: Some(me) }))
        {
            let team = state.store.list_users(OrgScope::Only(who.org.id)).await?;
            Some(team_choices(team, work.state.assignee))
        } else {
            None
        };
        let hand_off = if allowed(Action::HandOffCase) && fits(hand_off_sample) {
            let orgs = state.store.list_orgs(OrgScope::All).await?;
            let helpers = orgs
                .into_iter()
                .filter(|o| o.kind == OrgKind::Hulpverlening)
                .map(|o| (o.id, o.name))
                .collect();
            Some(helpers)
        } else {
            None
        };
        Ok(CaseForms {
            case_id: work.id,
            version: work.version,
            today: today.format("%Y-%m-%d").to_string(),
            me,
            assign,
            take: allowed(Action::TakeCase) && fits(Command::Assign { worker: Some(me) }),
            pick_up: allowed(Action::DecideCase) && fits(Command::PickUp { on: today }),
            decline: allowed(Action::DecideCase)
                && fits(Command::Decline {
                    reason: DeclineReason::OtherReason,
                }),
            contact: allowed(Action::RecordContact)
                && fits(Command::RecordContact {
                    kind: ContactKind::Phone,
                    reached: false,
                    on: today,
                    part_of_day: None,
                    note: None,
                }),
            hand_off,
            note: allowed(Action::AddNote),
            close: allowed(Action::CloseCase)
                && fits(Command::Close {
                    result: EndResult::AdviceOrQuickFix,
                    on: today,
                }),
            reopen: allowed(Action::ReopenCase)
                && fits(Command::Reopen {
                    reason: "reden".into(),
                }),
            decline_reasons: DeclineReason::ALL.iter().map(|r| r.ddas()).collect(),
            contact_kinds: ContactKind::ALL.iter().map(|k| k.ddas()).collect(),
            parts_of_day: PartOfDay::ALL.iter().map(|p| p.ddas()).collect(),
            // The "niet opgepakt" results are reached by declining instead.
            end_results: EndResult::ALL
                .iter()
                .filter(|r| !r.means_not_picked_up())
                .map(|r| r.ddas())
                .collect(),
        })
    }
}

/// The worker's name: from the gemeente or, after a hand-off, from the
/// hulpverlener, who puts its own worker on the case.
async fn assignee_name(state: &AppState, work: &CaseWork, id: i64) -> Result<String, PageError> {
    let orgs = std::iter::once(work.gemeente_org_id).chain(work.state.handed_off.map(|h| h.org_id));
    for org in orgs {
        if let Some(user) = state.store.user_in_org(org, id).await? {
            return Ok(user.name);
        }
    }
    Ok("een medewerker".into())
}

/// Active colleagues, with the current assignee marked.
fn team_choices(team: Vec<User>, assignee: Option<i64>) -> Vec<(i64, String, bool)> {
    team.into_iter()
        .filter(|u| !u.disabled)
        .map(|u| (u.id, u.name, Some(u.id) == assignee))
        .collect()
}
