//! One event as a client sends it: `{"kind":"contactpoging",
//! "date":"2026-03-02","soort":"Huisbezoek","bereikt":false}`, the same
//! flat form as `vangnet gate eval`, plus `target_date` (the intended
//! eviction of a `melding_gemeente_ontruiming`) and an optional `document`.

use chrono::NaiveDate;
use serde::Deserialize;
use vangnet_domain::tenancy::{Details, Event, Step};
use vangnet_domain::Invalid;
use vangnet_store::tenancy::{DocumentRef, NewTenancyEvent};

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct EventInput {
    /// The event's fields as the domain reads them (kind, date, details).
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub fields: serde_json::Map<String, serde_json::Value>,
    /// The intended eviction date of a `melding_gemeente_ontruiming`.
    #[serde(default)]
    pub target_date: Option<NaiveDate>,
    /// The tenancy's version the step was decided on; a newer one is a
    /// conflict (409).
    #[serde(default)]
    pub expected_version: Option<i64>,
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    pub document: Option<DocumentRefIn>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DocumentRefIn {
    pub name: String,
    pub sha256: String,
}

impl EventInput {
    /// The planned date of an `ontruiming_gepland`, as the gate asks it.
    pub fn planned_date(&self) -> Option<NaiveDate> {
        self.fields
            .get("planned_date")
            .and_then(|v| v.as_str())
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
    }

    /// The event checked by the domain (every problem at once, in Dutch),
    /// as the store keeps it, and the gate's step if the kind is one.
    pub fn validate(&self, today: NaiveDate) -> Result<(NewTenancyEvent, Option<Step>), Invalid> {
        let value = serde_json::Value::Object(self.fields.clone());
        let mut invalid = Invalid::default();
        let event = Event::from_json(&value, "", &mut invalid);
        let Some(event) = event.filter(|_| invalid.errors.is_empty()) else {
            return Err(invalid);
        };
        if event.date > today {
            invalid.push(
                "date",
                "ligt na vandaag; leg alleen stappen vast die al zijn gezet",
            );
        }
        let step = Step::parse(event.kind.slug()).ok();
        let target_date = match &event.details {
            Details::Planned { date } => Some(*date),
            _ => self.target_date,
        };
        invalid.into_result()?;
        let mut details = self.fields.clone();
        details.remove("kind");
        details.remove("date");
        let stored = NewTenancyEvent {
            kind: event.kind.slug().to_string(),
            on_date: event.date,
            target_date,
            details: serde_json::Value::Object(details),
            document: self.document.as_ref().map(|d| DocumentRef {
                name: d.name.clone(),
                sha256: d.sha256.clone(),
            }),
        };
        Ok((stored, step))
    }
}
