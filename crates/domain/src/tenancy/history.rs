//! A tenancy's events as the rules read them, and where its track stands.
//!
//! Events count in date order; events of one date count in the order they
//! were given, so a status update listed last is the latest. A `voorkomen`
//! closes a track: prevention done for earlier arrears does not carry over
//! to a new track, so the rules read only the events after the latest one.

#[cfg(test)]
mod tests;

use super::event::{AgreementStatus, Details, Event, EventKind, Step};
use crate::casework::EvictionStage;
use chrono::NaiveDate;

/// The events of the current track, in the order they count.
#[derive(Debug, Clone)]
pub struct History<'a> {
    track: Vec<&'a Event>,
    closed_by: Option<&'a Event>,
}

/// Whether debt help (schuldhulp) stands in the way of escalation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DebtHelp {
    /// No trajectory is running.
    None,
    /// Running since `since`; `agreed` is the date the counsellor agreed
    /// that collection may go on, if they did after this start.
    Active {
        since: NaiveDate,
        agreed: Option<NaiveDate>,
    },
}

impl<'a> History<'a> {
    pub fn new(events: &'a [Event]) -> History<'a> {
        let mut sorted: Vec<&Event> = events.iter().collect();
        // Stable: the given order breaks ties between events of one date.
        sorted.sort_by_key(|e| e.date);
        let cut = sorted.iter().rposition(|e| e.kind == EventKind::Voorkomen);
        let closed_by = cut.map(|i| sorted[i]);
        let track = sorted.split_off(cut.map_or(0, |i| i + 1));
        History { track, closed_by }
    }

    pub fn all(&self, kind: EventKind) -> impl Iterator<Item = &'a Event> + '_ {
        self.track.iter().copied().filter(move |e| e.kind == kind)
    }

    pub fn first(&self, kind: EventKind) -> Option<&'a Event> {
        self.all(kind).next()
    }

    pub fn has(&self, kind: EventKind) -> bool {
        self.first(kind).is_some()
    }

    /// The latest update of an agreement (`betalingsregeling` or
    /// `laatste_kans_overeenkomst`) whose latest status is `lopend`, if
    /// any. Updates without an id are one agreement; each id is another.
    pub fn honoured(&self, kind: EventKind) -> Option<&'a Event> {
        let mut latest: Vec<(Option<&str>, &'a Event)> = Vec::new();
        for event in self.all(kind) {
            let Details::Agreement { id, .. } = &event.details else {
                continue;
            };
            let id = id.as_deref();
            match latest.iter_mut().find(|(known, _)| *known == id) {
                Some(slot) => slot.1 = event,
                None => latest.push((id, event)),
            }
        }
        latest.into_iter().map(|(_, e)| e).find(|e| {
            matches!(
                e.details,
                Details::Agreement {
                    status: AgreementStatus::Lopend,
                    ..
                }
            )
        })
    }

    /// Schuldhulp runs from `schuldhulp_gestart` until
    /// `schuldhulp_beeindigd`; an agreement to escalate counts only for the
    /// trajectory it was given in, so a new start needs a new agreement.
    pub fn debt_help(&self) -> DebtHelp {
        let mut state = DebtHelp::None;
        for event in &self.track {
            state = match (event.kind, state) {
                (EventKind::SchuldhulpGestart, _) => DebtHelp::Active {
                    since: event.date,
                    agreed: None,
                },
                (EventKind::SchuldhulpBeeindigd, _) => DebtHelp::None,
                (EventKind::SchuldhulpAkkoordEscalatie, DebtHelp::Active { since, .. }) => {
                    DebtHelp::Active {
                        since,
                        agreed: Some(event.date),
                    }
                }
                (_, state) => state,
            };
        }
        state
    }

    /// The furthest step of the current track; `voorkomen` when the last
    /// track was closed and nothing moved since; `None` before any step.
    pub fn stage(&self) -> Option<EventKind> {
        self.track
            .iter()
            .filter_map(|e| e.kind.track_position().map(|p| (p, e.kind)))
            .max()
            .map(|(_, kind)| kind)
            .or(self.closed_by.map(|e| e.kind))
    }
}

/// Where a tenancy's track stands (see `History::stage`).
pub fn current_stage(events: &[Event]) -> Option<EventKind> {
    History::new(events).stage()
}

/// The next step the gate stands before, for the UI's next-step panel;
/// `None` once the eviction is planned or done, or the track was closed.
pub fn next_step(events: &[Event]) -> Option<Step> {
    use EventKind::*;
    match current_stage(events) {
        None | Some(Herinnering | Veertiendagenbrief | Aanmaning) => Some(Step::Deurwaarder),
        Some(Deurwaarder) => Some(Step::Dagvaarding),
        Some(Dagvaarding | Vonnis | Betekening) => Some(Step::Ontruimingsaanzegging),
        Some(Ontruimingsaanzegging | MeldingGemeenteOntruiming) => Some(Step::OntruimingGepland),
        Some(_) => None,
    }
}

/// The stage as case work's priority knows it. A closed track threatens
/// nothing (`None`); an eviction that happened counts as the furthest
/// stage, because the household needs help at once.
pub fn eviction_stage(events: &[Event]) -> Option<EvictionStage> {
    use EventKind::*;
    match current_stage(events)? {
        Veertiendagenbrief | Aanmaning => Some(EvictionStage::FourteenDayLetter),
        Deurwaarder => Some(EvictionStage::Bailiff),
        Dagvaarding => Some(EvictionStage::Summons),
        Vonnis | Betekening => Some(EvictionStage::Judgment),
        Ontruimingsaanzegging | MeldingGemeenteOntruiming | OntruimingGepland | Ontruimd => {
            Some(EvictionStage::EvictionNotice)
        }
        _ => None,
    }
}
