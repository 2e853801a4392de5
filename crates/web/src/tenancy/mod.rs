//! The eviction track's service: the one way a step, a what-if or an
//! override goes through the gate, shared by the API and the demo (and,
//! later, the pages). It reads the stored facts, merges the policies in
//! force, asks the domain's `evaluate`, keeps the decision, and records the
//! step only when the gate allowed it. Permissions are the caller's
//! `authorize`, except for the two-person override, which asks `can` here
//! so no caller can skip it.

mod event_input;
mod policies;
mod tenancy_input;

pub use event_input::EventInput;
pub use policies::{declare_policy, end_policy, merged_policy, policy_in_force, Declaration};
pub use tenancy_input::{parse_tenancy, route_gemeente, TenancyIn, MAX_TENANTS};

use chrono::NaiveDate;
use serde::Serialize;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::permission::{can, Action, Actor, Decision, Resource};
use vangnet_domain::tenancy::{evaluate, Event, GateDecision, GateInput, Step};
use vangnet_domain::Invalid;
use vangnet_store::tenancy::{
    EventRecording, GateFacts, NewGateDecision, NewGateOverride, NewTenancyEvent, RecordedEvent,
};
use vangnet_store::{Store, StoreError};

/// Why a tenancy operation did not happen.
#[derive(Debug)]
pub enum TenancyError {
    /// No such tenancy for this verhuurder (answered as 404).
    NotFound,
    /// The input (or the stored facts) cannot be decided on; every field.
    Invalid(Invalid),
    /// `can` said no (an override without the right person).
    Refused(Decision),
    Store(StoreError),
}

impl From<StoreError> for TenancyError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => TenancyError::NotFound,
            other => TenancyError::Store(other),
        }
    }
}

impl From<Invalid> for TenancyError {
    fn from(invalid: Invalid) -> Self {
        TenancyError::Invalid(invalid)
    }
}

impl std::fmt::Display for TenancyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TenancyError::NotFound => f.write_str("huurovereenkomst niet gevonden"),
            TenancyError::Invalid(invalid) => write!(f, "{invalid}"),
            TenancyError::Refused(decision) => write!(f, "{decision:?}"),
            TenancyError::Store(error) => write!(f, "{error}"),
        }
    }
}

/// Who acts on a verhuurder's tenancies, and how their audit entries start.
pub struct TenancyActor<'a> {
    pub actor: &'a Actor,
    /// Makes the audit event for an action; ids only go in its detail.
    pub audit: &'a (dyn Fn(&str) -> AuditEvent + Send + Sync),
}

impl TenancyActor<'_> {
    fn verhuurder(&self) -> i64 {
        self.actor.org_id
    }
}

/// The gate's answer on the real data, as it would be (or was) stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluated {
    pub tenancy_id: i64,
    /// The tenancy's version the gate saw.
    pub tenancy_version: i64,
    pub step: Step,
    pub today: NaiveDate,
    pub planned_date: Option<NaiveDate>,
    pub decision: GateDecision,
}

/// What asking for an escalating step did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum StepOutcome {
    /// The gate allowed it; the decision is stored and the step recorded
    /// with it.
    Recorded {
        decision_id: i64,
        decision: GateDecision,
        recorded: RecordedEvent,
    },
    /// The gate blocked it; the decision is stored (an override can name
    /// it), nothing else was written.
    Blocked {
        decision_id: i64,
        decision: GateDecision,
    },
    /// A step the gate does not guard, recorded directly.
    Direct { recorded: RecordedEvent },
}

/// A stored event as the domain reads it: kind, date and its details flat.
pub fn domain_event(event: &NewTenancyEvent) -> Result<Event, Invalid> {
    let mut map = match &event.details {
        serde_json::Value::Object(map) => map.clone(),
        _ => serde_json::Map::new(),
    };
    map.insert("kind".into(), event.kind.clone().into());
    map.insert("date".into(), event.on_date.to_string().into());
    let mut invalid = Invalid::default();
    let parsed = Event::from_json(&serde_json::Value::Object(map), "event", &mut invalid);
    match parsed {
        Some(event) if invalid.errors.is_empty() => Ok(event),
        _ => Err(invalid),
    }
}

/// The domain's input for one step on the stored facts.
pub fn gate_input(
    facts: &GateFacts,
    step: Step,
    planned_date: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<GateInput, Invalid> {
    let mut invalid = Invalid::default();
    let mut events = Vec::with_capacity(facts.events.len());
    for (i, stored) in facts.events.iter().enumerate() {
        match domain_event(&stored.event) {
            Ok(event) => events.push(event),
            Err(errors) => {
                for e in errors.errors {
                    invalid.push(&format!("events[{i}]"), e.reason);
                }
            }
        }
    }
    let data = &facts.tenancy.data;
    let Some(gemeentecode) = data.gemeentecode.clone() else {
        invalid.push(
            "gemeentecode",
            "geen gemeente bekend voor dit adres; de poort kan moratoria niet toetsen",
        );
        return Err(invalid);
    };
    invalid.into_result()?;
    Ok(GateInput {
        today,
        step,
        grounds: vangnet_domain::tenancy::Grounds::parse(&data.grounds)
            .ok()
            .unwrap_or_default(),
        gemeentecode,
        monthly_rent_cents: data.monthly_rent_cents,
        arrears_cents: facts.tenancy.arrears.arrears_cents.max(0),
        events,
        planned_date,
    })
}

/// Loads the facts and asks the gate, without storing anything (the
/// what-if on the real data).
pub async fn evaluate_step(
    store: &dyn Store,
    verhuurder_org_id: i64,
    tenancy_id: i64,
    step: Step,
    planned_date: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Evaluated, TenancyError> {
    let facts = store
        .gate_facts(verhuurder_org_id, tenancy_id, today)
        .await?
        .ok_or(TenancyError::NotFound)?;
    let policy = merged_policy(&facts.policies)?;
    let input = gate_input(&facts, step, planned_date, today)?;
    let decision = evaluate(&input, &policy)?;
    Ok(Evaluated {
        tenancy_id,
        tenancy_version: facts.tenancy.version,
        step,
        today,
        planned_date,
        decision,
    })
}

/// Records one event: a step the gate guards goes through it (decision
/// stored, the step recorded with it only when allowed), any other kind is
/// recorded directly. `expected_version` guards against deciding on facts
/// someone changed meanwhile.
pub async fn record_event(
    store: &dyn Store,
    who: &TenancyActor<'_>,
    tenancy_id: i64,
    input: &EventInput,
    expected_version: Option<i64>,
    today: NaiveDate,
) -> Result<StepOutcome, TenancyError> {
    let (event, step) = input.validate(today)?;
    let verhuurder = who.verhuurder();
    let Some(step) = step else {
        if store.tenancy(verhuurder, tenancy_id).await?.is_none() {
            return Err(TenancyError::NotFound);
        }
        let recording = EventRecording {
            recorded_by_user_id: who.actor.user_id(),
            expected_version,
            gate_decision_id: None,
        };
        let audit = (who.audit)("tenancy.event");
        let recorded = store
            .record_tenancy_event(verhuurder, tenancy_id, &event, &recording, audit)
            .await?;
        wake_mail_if_notified(&recorded);
        return Ok(StepOutcome::Direct { recorded });
    };
    let evaluated = evaluate_step(
        store,
        verhuurder,
        tenancy_id,
        step,
        input.planned_date(),
        today,
    )
    .await?;
    if let Some(expected) = expected_version {
        if expected != evaluated.tenancy_version {
            return Err(TenancyError::Store(StoreError::conflict(
                "version",
                "iemand anders heeft deze huurovereenkomst intussen gewijzigd; \
                 laad de gegevens opnieuw en probeer het nog eens",
            )));
        }
    }
    let decision_id = store_decision(store, who, &evaluated).await?;
    let decision = evaluated.decision;
    if !decision.allowed {
        return Ok(StepOutcome::Blocked {
            decision_id,
            decision,
        });
    }
    let recording = EventRecording {
        recorded_by_user_id: who.actor.user_id(),
        expected_version: Some(evaluated.tenancy_version),
        gate_decision_id: Some(decision_id),
    };
    let audit = (who.audit)("tenancy.event")
        .with_detail(serde_json::json!({ "gate_decision_id": decision_id }));
    let recorded = store
        .record_tenancy_event(verhuurder, tenancy_id, &event, &recording, audit)
        .await?;
    wake_mail_if_notified(&recorded);
    Ok(StepOutcome::Recorded {
        decision_id,
        decision,
        recorded,
    })
}

async fn store_decision(
    store: &dyn Store,
    who: &TenancyActor<'_>,
    evaluated: &Evaluated,
) -> Result<i64, TenancyError> {
    let reasons = serde_json::to_value(&evaluated.decision.reasons)
        .map_err(|e| TenancyError::Store(StoreError::Unsupported(e.to_string())))?;
    let decision = NewGateDecision {
        tenancy_id: evaluated.tenancy_id,
        tenancy_version: evaluated.tenancy_version,
        step: evaluated.step.slug().to_string(),
        evaluated_on: evaluated.today,
        planned_date: evaluated.planned_date,
        allowed: evaluated.decision.allowed,
        reasons,
        policy_version: evaluated.decision.policy_version.clone(),
        decided_by_user_id: who.actor.user_id(),
    };
    let audit = (who.audit)("tenancy.gate_decision").with_detail(serde_json::json!({
        "tenancy_id": evaluated.tenancy_id,
        "step": evaluated.step.slug(),
        "allowed": evaluated.decision.allowed,
    }));
    Ok(store
        .record_gate_decision(who.verhuurder(), &decision, audit)
        .await?)
}

fn check(actor: &Actor, action: Action) -> Result<(), TenancyError> {
    match can(actor, action, Resource::Organisation(actor.org_id)) {
        Decision::Allow => Ok(()),
        refused => Err(TenancyError::Refused(refused)),
    }
}

/// Asks for a blocked step anyway, with a written reason; a person only.
/// It stays pending until a second person, a teamleider, approves.
pub async fn request_override(
    store: &dyn Store,
    who: &TenancyActor<'_>,
    tenancy_id: i64,
    decision_id: i64,
    input: &EventInput,
    reason: &str,
    today: NaiveDate,
) -> Result<i64, TenancyError> {
    check(who.actor, Action::RequestOverride)?;
    let Some(user_id) = who.actor.user_id() else {
        return Err(TenancyError::Refused(Decision::Forbidden(
            "een doorbraak vraagt een persoon aan",
        )));
    };
    let reason = reason.trim();
    if reason.chars().count() < 10 {
        return Err(Invalid::one(
            "reason",
            "schrijf op waarom deze stap toch nodig is (minstens 10 tekens)",
        )
        .into());
    }
    let (event, step) = input.validate(today)?;
    if step.is_none() {
        return Err(Invalid::one(
            "kind",
            "alleen een tegengehouden stap kan een doorbraak krijgen",
        )
        .into());
    }
    let request = NewGateOverride {
        tenancy_id,
        decision_id,
        event,
        reason: reason.to_string(),
        requested_by_user_id: user_id,
    };
    let audit = (who.audit)("tenancy.override_request")
        .with_detail(serde_json::json!({ "tenancy_id": tenancy_id, "decision_id": decision_id }));
    Ok(store
        .request_gate_override(who.verhuurder(), &request, audit)
        .await?)
}

/// Approves a pending override and records its step: a teamleider who did
/// not ask for it (the store refuses the requester too).
pub async fn approve_override(
    store: &dyn Store,
    who: &TenancyActor<'_>,
    override_id: i64,
    expected_version: Option<i64>,
) -> Result<RecordedEvent, TenancyError> {
    check(who.actor, Action::ApproveOverride)?;
    let user_id = who
        .actor
        .user_id()
        .ok_or(TenancyError::Refused(Decision::Forbidden(
            "een doorbraak keurt een persoon goed",
        )))?;
    let audit = (who.audit)("tenancy.override_approve");
    let recorded = store
        .approve_gate_override(
            who.verhuurder(),
            override_id,
            user_id,
            expected_version,
            audit,
        )
        .await?;
    wake_mail_if_notified(&recorded);
    Ok(recorded)
}

/// A new art. 14 notice is in the outbox; its mail need not wait for the
/// worker's next round.
fn wake_mail_if_notified(recorded: &RecordedEvent) {
    if recorded.notice.is_some() {
        crate::mail::wake();
    }
}

/// Declines a pending override: the same people as an approval.
pub async fn reject_override(
    store: &dyn Store,
    who: &TenancyActor<'_>,
    override_id: i64,
) -> Result<(), TenancyError> {
    check(who.actor, Action::ApproveOverride)?;
    let user_id = who
        .actor
        .user_id()
        .ok_or(TenancyError::Refused(Decision::Forbidden(
            "een doorbraak wijst een persoon af",
        )))?;
    let audit = (who.audit)("tenancy.override_reject");
    Ok(store
        .reject_gate_override(who.verhuurder(), override_id, user_id, audit)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_stored_event_reads_as_the_domains() {
        let event = NewTenancyEvent {
            kind: "contactpoging".into(),
            on_date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            target_date: None,
            details: json!({"soort": "Huisbezoek", "bereikt": false}),
            document: None,
        };
        let domain = domain_event(&event).unwrap();
        assert_eq!(
            serde_json::to_value(&domain).unwrap(),
            json!({"kind": "contactpoging", "date": "2026-03-02", "soort": "Huisbezoek", "bereikt": false})
        );
        let input: EventInput = serde_json::from_value(json!({
            "kind": "contactpoging", "date": "2026-03-02", "soort": "Huisbezoek",
            "bereikt": false, "expected_version": 3
        }))
        .unwrap();
        let (stored, step) = input
            .validate(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap())
            .unwrap();
        assert_eq!(stored, event);
        assert_eq!(step, None);
        assert_eq!(input.expected_version, Some(3));
    }
}
