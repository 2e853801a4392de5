//! A what-if as JSON, the input of `vangnet gate eval` (issue 5, point 7):
//! `{"today":"2026-06-15","step":"dagvaarding","grounds":"huurachterstand",
//! "gemeentecode":"0518","monthly_rent_cents":75000,"arrears_cents":240000,
//! "events":[…],"planned_date":"…","policy":{…}}`. `grounds` defaults to
//! huurachterstand, `events` to none; `policy` holds overrides of a base
//! policy (the defaults for `gate eval`).

use super::{evaluate, GateDecision, GateInput};
use crate::tenancy::event::{Event, Grounds, Step};
use crate::tenancy::json::{self, Fields};
use crate::tenancy::policy::Policy;
use crate::Invalid;
use serde::ser::SerializeMap;
use serde_json::Value;

const KEYS: [&str; 9] = [
    "today",
    "step",
    "grounds",
    "gemeentecode",
    "monthly_rent_cents",
    "arrears_cents",
    "events",
    "planned_date",
    "policy",
];

/// The input and the policy it is decided under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GateRequest {
    pub input: GateInput,
    pub policy: Policy,
}

impl GateRequest {
    /// Reads a document; bad JSON is reported with its line and column.
    pub fn from_json_str(text: &str, base: &Policy) -> Result<GateRequest, Invalid> {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            Invalid::one(
                "invoer",
                format!(
                    "is geen geldige JSON (regel {}, kolom {})",
                    e.line(),
                    e.column()
                ),
            )
        })?;
        GateRequest::from_json(&value, base)
    }

    /// Every problem of the document at once, each under its JSON path.
    /// The document's `policy` is merged onto `base`.
    pub fn from_json(value: &Value, base: &Policy) -> Result<GateRequest, Invalid> {
        let mut invalid = Invalid::default();
        let fields = Fields::of(value, "", &mut invalid).ok_or_else(|| invalid.clone())?;
        fields.reject_unknown(&KEYS, &mut invalid);
        let i = &mut invalid;
        let today = fields.required("today", i, json::date);
        let step = fields.required("step", i, json::slug(Step::parse));
        let grounds = fields.optional("grounds", i, json::slug(Grounds::parse));
        let code = fields.required("gemeentecode", i, |v| json::text(v).map(str::to_string));
        let rent = fields.required("monthly_rent_cents", i, json::whole_number);
        let arrears = fields.required("arrears_cents", i, json::whole_number);
        let planned_date = fields.optional("planned_date", i, json::date);
        let events = fields.list("events", i, Event::from_json);
        let policy = match fields.get("policy") {
            Some(overrides) => Policy::merged_at(base, overrides, "policy", i),
            None => Some(base.clone()),
        };
        // A value given but unreadable is an error here, so absent
        // optional values below really are absent.
        if !invalid.errors.is_empty() {
            return Err(invalid);
        }
        let (Some(today), Some(step), Some(gemeentecode), Some(rent), Some(arrears), Some(policy)) =
            (today, step, code, rent, arrears, policy)
        else {
            return Err(invalid);
        };
        let input = GateInput {
            today,
            step,
            grounds: grounds.unwrap_or_default(),
            gemeentecode,
            monthly_rent_cents: rent,
            arrears_cents: arrears,
            events: events.unwrap_or_default(),
            planned_date,
        };
        Ok(GateRequest { input, policy })
    }

    pub fn evaluate(&self) -> Result<GateDecision, Invalid> {
        evaluate(&self.input, &self.policy)
    }
}

impl serde::Serialize for GateRequest {
    /// The whole policy is written out, so the document decides the same
    /// way whatever the defaults become later.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let input = &self.input;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("today", &input.today)?;
        map.serialize_entry("step", &input.step)?;
        map.serialize_entry("grounds", &input.grounds)?;
        map.serialize_entry("gemeentecode", &input.gemeentecode)?;
        map.serialize_entry("monthly_rent_cents", &input.monthly_rent_cents)?;
        map.serialize_entry("arrears_cents", &input.arrears_cents)?;
        map.serialize_entry("events", &input.events)?;
        if let Some(planned) = input.planned_date {
            map.serialize_entry("planned_date", &planned)?;
        }
        map.serialize_entry("policy", &self.policy)?;
        map.end()
    }
}
