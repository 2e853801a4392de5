//! An event as JSON, the way `gate eval` and the API write it:
//! `{"kind":"contactpoging","date":"2026-03-02","soort":"Huisbezoek","bereikt":false}`.
//! The kind-specific keys sit next to `kind` and `date`, flat.

use super::event::{AgreementStatus, Details, DetailsShape, Event, EventKind, PreventedBy};
use super::json::{self, Fields};
use crate::ddas::ContactKind;
use crate::Invalid;
use serde::ser::SerializeMap;
use serde_json::Value;

/// An agreement's own reference; longer is a pasted document, not an id.
pub const MAX_ID_CHARS: usize = 64;

impl Event {
    /// Reads one event; every problem goes to `invalid` under `path`.
    pub fn from_json(value: &Value, path: &str, invalid: &mut Invalid) -> Option<Event> {
        let fields = Fields::of(value, path, invalid)?;
        let kind = fields.required("kind", invalid, json::slug(EventKind::parse));
        let date = fields.required("date", invalid, json::date);
        // Without a kind the allowed keys are unknown; report the kind only.
        let kind = kind?;
        let (allowed, details) = read_details(kind, &fields, invalid);
        let mut keys = vec!["kind", "date"];
        keys.extend_from_slice(allowed);
        fields.reject_unknown(&keys, invalid);
        Some(Event {
            kind,
            date: date?,
            details: details?,
        })
    }
}

fn read_details(
    kind: EventKind,
    fields: &Fields,
    invalid: &mut Invalid,
) -> (&'static [&'static str], Option<Details>) {
    match kind.details_shape() {
        DetailsShape::None => (&[], Some(Details::None)),
        DetailsShape::Contact => {
            let contact = fields.required("soort", invalid, contact_kind);
            let reached = fields.required("bereikt", invalid, json::boolean);
            let details = contact
                .zip(reached)
                .map(|(kind, reached)| Details::Contact { kind, reached });
            (&["soort", "bereikt"], details)
        }
        DetailsShape::Agreement => {
            let status = fields.required("status", invalid, json::slug(AgreementStatus::parse));
            let id = fields.optional("id", invalid, agreement_id);
            let given_but_wrong = fields.has("id") && id.is_none();
            let details = status
                .filter(|_| !given_but_wrong)
                .map(|status| Details::Agreement { status, id });
            (&["status", "id"], details)
        }
        DetailsShape::Planned => {
            let date = fields.required("planned_date", invalid, json::date);
            (
                &["planned_date"],
                date.map(|date| Details::Planned { date }),
            )
        }
        DetailsShape::Prevented => {
            let by = fields.required("hoe", invalid, json::slug(PreventedBy::parse));
            (&["hoe"], by.map(|by| Details::Prevented { by }))
        }
    }
}

fn contact_kind(value: &Value) -> Result<ContactKind, String> {
    let text = json::text(value)?;
    ContactKind::parse(text).ok_or_else(|| {
        let kinds: Vec<&str> = ContactKind::ALL.iter().map(|k| k.ddas()).collect();
        format!(
            "'{text}' is geen DDAS-contactsoort; kies uit {}",
            kinds.join(", ")
        )
    })
}

/// Also the check the gate applies to events built in code.
pub(crate) fn check_agreement_id(id: &str) -> Result<(), String> {
    if id.trim().is_empty() {
        Err("mag niet leeg zijn; laat het veld weg als er maar één regeling is".into())
    } else if id.chars().count() > MAX_ID_CHARS {
        Err(format!("is te lang (maximaal {MAX_ID_CHARS} tekens)"))
    } else if id.chars().any(char::is_control) {
        Err("bevat ongeldige tekens".into())
    } else {
        Ok(())
    }
}

fn agreement_id(value: &Value) -> Result<String, String> {
    let id = json::text(value)?;
    check_agreement_id(id)?;
    Ok(id.to_string())
}

impl serde::Serialize for Event {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("kind", &self.kind)?;
        map.serialize_entry("date", &self.date)?;
        match &self.details {
            Details::None => {}
            Details::Contact { kind, reached } => {
                map.serialize_entry("soort", kind)?;
                map.serialize_entry("bereikt", reached)?;
            }
            Details::Agreement { status, id } => {
                map.serialize_entry("status", status)?;
                if let Some(id) = id {
                    map.serialize_entry("id", id)?;
                }
            }
            Details::Planned { date } => map.serialize_entry("planned_date", date)?,
            Details::Prevented { by } => map.serialize_entry("hoe", by)?,
        }
        map.end()
    }
}

impl<'de> serde::Deserialize<'de> for Event {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let mut invalid = Invalid::default();
        match Event::from_json(&value, "", &mut invalid) {
            Some(event) if invalid.errors.is_empty() => Ok(event),
            _ => Err(serde::de::Error::custom(invalid)),
        }
    }
}
