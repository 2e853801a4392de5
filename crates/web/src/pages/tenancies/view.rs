//! What the tenancy page shows: the tenancy, its ledger, a timeline of its
//! events and the gate's decisions, and the next-step panel with every
//! rule of the gate's what-if on today's facts.

use super::{address_label, day, kind_label};
use crate::pages::errors::PageError;
use crate::state::AppState;
use crate::tenancy::{self, TenancyError};
use vangnet_domain::money::format_euros;
use vangnet_domain::tenancy::{next_step, DetailsShape, EventKind, Step};
use vangnet_store::tenancy::{LedgerKind, OverrideStatus, TenancyEvent};

pub struct LedgerRow {
    pub on: String,
    pub kind: &'static str,
    pub amount: String,
    pub description: String,
}

pub struct TimelineRow {
    pub on: String,
    pub what: String,
    pub details: String,
    pub who: String,
    pub at: String,
    pub marker: String,
}

#[derive(serde::Deserialize)]
pub struct ReasonRow {
    pub met: bool,
    pub message: String,
}

impl From<vangnet_domain::tenancy::Reason> for ReasonRow {
    fn from(reason: vangnet_domain::tenancy::Reason) -> Self {
        ReasonRow {
            met: reason.met,
            message: reason.message,
        }
    }
}

pub struct NextStep {
    pub slug: &'static str,
    pub label: &'static str,
    pub allowed: bool,
    pub reasons: Vec<ReasonRow>,
    pub policy_version: String,
    /// Why the gate could not be asked at all (no gemeente known, …).
    pub problem: Option<String>,
    pub needs_planned_date: bool,
}

pub struct OverrideRow {
    pub step: String,
    pub status: &'static str,
    pub reason: String,
    pub requested_by: String,
}

pub struct TenancyView {
    pub id: i64,
    pub version: i64,
    pub reference: String,
    pub address: String,
    pub tenants: String,
    pub stage: String,
    pub arrears: String,
    pub months: i64,
    pub rent: String,
    pub ledger: Vec<LedgerRow>,
    pub timeline: Vec<TimelineRow>,
    pub next: Option<NextStep>,
    pub overrides: Vec<OverrideRow>,
    /// Whether collection costs may be charged, once a veertiendagenbrief
    /// was sent (none while a leniency declaration holds).
    pub costs: Option<String>,
}

/// The kinds the "record an event" form offers: everything but the steps
/// the gate guards (those have their own form).
pub fn recordable_kinds() -> Vec<(&'static str, &'static str)> {
    EventKind::ALL
        .into_iter()
        .filter(|k| Step::parse(k.slug()).is_err())
        .map(|k| (k.slug(), k.label_nl()))
        .collect()
}

fn details_text(event: &TenancyEvent) -> String {
    let details = &event.event.details;
    let get = |key: &str| details.get(key).and_then(|v| v.as_str()).unwrap_or("");
    let shape = EventKind::from_slug(&event.event.kind).map(|k| k.details_shape());
    let mut text = match shape {
        Some(DetailsShape::Contact) => {
            let reached = details.get("bereikt").and_then(|v| v.as_bool());
            format!(
                "{}, {}",
                get("soort"),
                if reached == Some(true) {
                    "bereikt"
                } else {
                    "niet bereikt"
                }
            )
        }
        Some(DetailsShape::Agreement) => format!("status: {}", get("status")),
        Some(DetailsShape::Planned) => format!("op {}", get("planned_date")),
        Some(DetailsShape::Prevented) => format!("door: {}", get("hoe")),
        _ => String::new(),
    };
    if let Some(target) = event.event.target_date {
        if shape != Some(DetailsShape::Planned) {
            text = format!("beoogde ontruiming {}", day(target));
        }
    }
    text
}

impl TenancyView {
    pub async fn build(
        state: &AppState,
        own: i64,
        id: i64,
        today: chrono::NaiveDate,
    ) -> Result<TenancyView, PageError> {
        let store = &state.store;
        let tenancy = store
            .tenancy(own, id)
            .await?
            .ok_or_else(PageError::not_found)?;
        let events = store.tenancy_events(own, id).await?;
        let ledger = store.ledger(own, id).await?;
        let decisions = store.gate_decisions(own, id).await?;
        let overrides = store
            .gate_overrides(own, vangnet_store::tenancy::OverrideFilter::Tenancy(id))
            .await?;
        let domain_events: Vec<_> = events
            .iter()
            .filter_map(|e| tenancy::domain_event(&e.event).ok())
            .collect();
        let mut timeline: Vec<(chrono::NaiveDate, TimelineRow)> = events
            .iter()
            .map(|e| {
                let marker = match (e.override_id, e.gate_decision_id) {
                    (Some(o), _) => format!("Doorbraak {o} (goedgekeurd)"),
                    (None, Some(d)) => format!("Poort toegestaan (besluit {d})"),
                    _ => String::new(),
                };
                (
                    e.event.on_date,
                    TimelineRow {
                        on: day(e.event.on_date),
                        what: kind_label(&e.event.kind),
                        details: details_text(e),
                        who: e
                            .recorded_by_name
                            .clone()
                            .unwrap_or_else(|| "import".into()),
                        at: e.recorded_at.format("%d-%m-%Y %H:%M").to_string(),
                        marker,
                    },
                )
            })
            .collect();
        for d in decisions.iter().filter(|d| !d.data.allowed) {
            timeline.push((
                d.data.evaluated_on,
                TimelineRow {
                    on: day(d.data.evaluated_on),
                    what: format!("Gevraagd: {}", kind_label(&d.data.step)),
                    details: String::new(),
                    who: String::new(),
                    at: d.decided_at.format("%d-%m-%Y %H:%M").to_string(),
                    marker: format!("Poort tegengehouden (besluit {})", d.id),
                },
            ));
        }
        timeline.sort_by_key(|(on, _)| *on);
        let costs = collection_costs(state, own, id, &tenancy, &domain_events, today).await?;
        let next = match next_step(&domain_events) {
            None => None,
            Some(step) => Some(next_panel(state, own, id, step, today).await?),
        };
        Ok(TenancyView {
            id,
            version: tenancy.version,
            reference: tenancy.data.reference.clone(),
            address: address_label(&tenancy.data.address),
            tenants: tenancy.data.tenants.join(", "),
            stage: tenancy
                .stage
                .as_deref()
                .map(kind_label)
                .unwrap_or_else(|| "Nog geen stap".into()),
            arrears: format_euros(tenancy.arrears.arrears_cents.max(0)),
            months: tenancy.arrears.months_in_arrears,
            rent: format_euros(tenancy.data.monthly_rent_cents),
            ledger: ledger
                .into_iter()
                .map(|l| LedgerRow {
                    on: day(l.entry.on_date),
                    kind: match l.entry.kind {
                        LedgerKind::Due => "Verschuldigd",
                        LedgerKind::Payment => "Betaling",
                    },
                    amount: format_euros(l.entry.amount_cents),
                    description: l.entry.description.unwrap_or_default(),
                })
                .collect(),
            timeline: timeline.into_iter().map(|(_, row)| row).collect(),
            next,
            costs,
            overrides: overrides
                .into_iter()
                .map(|o| OverrideRow {
                    step: kind_label(&o.event.kind),
                    status: match o.status {
                        OverrideStatus::Pending => "Wacht op een teamleider",
                        OverrideStatus::Approved => "Goedgekeurd",
                        OverrideStatus::Rejected => "Afgewezen",
                    },
                    reason: o.reason,
                    requested_by: o.requested_by_name.unwrap_or_default(),
                })
                .collect(),
        })
    }
}

async fn next_panel(
    state: &AppState,
    own: i64,
    id: i64,
    step: Step,
    today: chrono::NaiveDate,
) -> Result<NextStep, PageError> {
    let mut panel = NextStep {
        slug: step.slug(),
        label: step.label_nl(),
        allowed: false,
        reasons: Vec::new(),
        policy_version: String::new(),
        problem: None,
        needs_planned_date: step == Step::OntruimingGepland,
    };
    // A planned eviction is judged on the date asked for, in the form.
    if panel.needs_planned_date {
        return Ok(panel);
    }
    match tenancy::evaluate_step(&*state.store, own, id, step, None, today).await {
        Ok(evaluated) => {
            panel.allowed = evaluated.decision.allowed;
            panel.policy_version = evaluated.decision.policy_version;
            panel.reasons = evaluated
                .decision
                .reasons
                .into_iter()
                .map(ReasonRow::from)
                .collect();
        }
        Err(TenancyError::Invalid(invalid)) => panel.problem = Some(invalid.to_string()),
        Err(other) => return Err(other.into()),
    }
    Ok(panel)
}

/// What the policies in force say about collection costs after the
/// veertiendagenbrief: from which day, and never while leniency holds.
async fn collection_costs(
    state: &AppState,
    own: i64,
    id: i64,
    tenancy: &vangnet_store::tenancy::Tenancy,
    events: &[vangnet_domain::tenancy::Event],
    today: chrono::NaiveDate,
) -> Result<Option<String>, PageError> {
    let Some(letter) = events
        .iter()
        .find(|e| e.kind == EventKind::Veertiendagenbrief)
    else {
        return Ok(None);
    };
    let Some(code) = tenancy.data.gemeentecode.as_deref() else {
        return Ok(None);
    };
    let Some(facts) = state.store.gate_facts(own, id, today).await? else {
        return Ok(None);
    };
    let Ok(policy) = tenancy::merged_policy(&facts.policies) else {
        return Ok(None);
    };
    let first = policy.first_cost_day(letter.date);
    let text = if policy.leniency_on(code, today).is_some() {
        "Er geldt een coulanceregeling: er mogen nu geen incassokosten in rekening worden gebracht."
            .to_string()
    } else if policy.collection_costs_allowed(letter.date, code, today) {
        format!(
            "Incassokosten mogen in rekening worden gebracht sinds {}.",
            day(first)
        )
    } else {
        format!(
            "Incassokosten mogen pas vanaf {} in rekening worden gebracht.",
            day(first)
        )
    };
    Ok(Some(text))
}
