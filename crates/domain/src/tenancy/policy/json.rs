//! A policy from JSON: the keys given override the base policy one by one,
//! and a `moratoria` or `leniency` list replaces the base's list whole (a
//! list merged item by item could not express "no moratorium any more").

use super::{Leniency, Moratorium, Policy, DEFAULT_LENIENCY_PERCENT, RANGES};
use crate::tenancy::event::Grounds;
use crate::tenancy::json::{self, nested, Fields};
use crate::workdays::LiberationDay;
use crate::Invalid;
use serde_json::Value;

/// Marks a version whose settings were changed without a new version
/// name, so a decision never claims the plain defaults it did not use.
pub const CHANGED_SUFFIX: &str = "+aangepast";

impl Policy {
    /// The defaults with `overrides` applied; see the module text.
    pub fn from_json(overrides: &Value) -> Result<Policy, Invalid> {
        Policy::merged(&Policy::default(), overrides)
    }

    /// `base` with `overrides` applied, then validated. Errors are named by
    /// their JSON path (`moratoria[0].to`).
    pub fn merged(base: &Policy, overrides: &Value) -> Result<Policy, Invalid> {
        let mut invalid = Invalid::default();
        let policy = read_onto(base, overrides, "", &mut invalid);
        invalid.into_result()?;
        let policy = policy.expect("no errors means a policy was read");
        policy.validate()?;
        Ok(policy)
    }

    /// `merged` for a policy nested in a larger document at `path`.
    pub(crate) fn merged_at(
        base: &Policy,
        overrides: &Value,
        path: &str,
        invalid: &mut Invalid,
    ) -> Option<Policy> {
        match Policy::merged(base, overrides) {
            Ok(policy) => Some(policy),
            Err(errors) => {
                invalid.errors.extend(nested(errors, path).errors);
                None
            }
        }
    }
}

fn read_onto(base: &Policy, value: &Value, path: &str, invalid: &mut Invalid) -> Option<Policy> {
    let fields = Fields::of(value, path, invalid)?;
    let mut keys: Vec<&str> = vec!["version", "holidays", "moratoria", "leniency"];
    keys.extend(RANGES.iter().map(|(key, _, _)| *key));
    fields.reject_unknown(&keys, invalid);

    let mut policy = base.clone();
    for (key, _, _) in RANGES {
        if let Some(value) = fields.optional(key, invalid, json::count) {
            *policy
                .setting_mut(key)
                .expect("every range names a setting") = value;
        }
    }
    if let Some(holidays) = fields.get("holidays") {
        read_holidays(&mut policy, holidays, &fields.path_of("holidays"), invalid);
    }
    if let Some(list) = fields.list("moratoria", invalid, read_moratorium) {
        policy.moratoria = list;
    }
    if let Some(list) = fields.list("leniency", invalid, read_leniency) {
        policy.leniency = list;
    }
    match fields.optional("version", invalid, |v| json::text(v).map(str::to_string)) {
        Some(version) => policy.version = version,
        None if policy != *base => policy.version = format!("{}{CHANGED_SUFFIX}", base.version),
        None => {}
    }
    Some(policy)
}

fn read_holidays(policy: &mut Policy, value: &Value, path: &str, invalid: &mut Invalid) {
    let Some(fields) = Fields::of(value, path, invalid) else {
        return;
    };
    fields.reject_unknown(&["good_friday", "liberation_day"], invalid);
    if let Some(on) = fields.optional("good_friday", invalid, json::boolean) {
        policy.holidays.good_friday = on;
    }
    if let Some(rule) = fields.optional("liberation_day", invalid, liberation_day) {
        policy.holidays.liberation_day = rule;
    }
}

fn liberation_day(value: &Value) -> Result<LiberationDay, String> {
    match json::text(value)? {
        "every_year" => Ok(LiberationDay::EveryYear),
        "lustrum" => Ok(LiberationDay::Lustrum),
        other => Err(format!(
            "'{other}' is geen keuze; kies uit every_year, lustrum"
        )),
    }
}

/// The period and area both declarations share.
struct Reach {
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    gemeentecodes: Option<Vec<String>>,
}

fn read_reach(fields: &Fields, invalid: &mut Invalid) -> Option<Reach> {
    let from = fields.required("from", invalid, json::date);
    let to = fields.required("to", invalid, json::date);
    let codes = fields.optional("gemeentecodes", invalid, json::texts(|t| Ok(t.to_string())));
    let codes_wrong = fields.has("gemeentecodes") && codes.is_none();
    Some(Reach {
        from: from?,
        to: to?,
        gemeentecodes: codes,
    })
    .filter(|_| !codes_wrong)
}

fn read_moratorium(value: &Value, path: &str, invalid: &mut Invalid) -> Option<Moratorium> {
    let fields = Fields::of(value, path, invalid)?;
    fields.reject_unknown(&["from", "to", "gemeentecodes", "exceptions"], invalid);
    let reach = read_reach(&fields, invalid);
    // An explicit [] means "no exceptions"; only a missing key gets the default.
    let exceptions = match fields.get("exceptions") {
        None => Some(Moratorium::default_exceptions()),
        Some(_) => fields.optional("exceptions", invalid, json::texts(Grounds::parse)),
    };
    let reach = reach?;
    Some(Moratorium {
        from: reach.from,
        to: reach.to,
        gemeentecodes: reach.gemeentecodes,
        exceptions: exceptions?,
    })
}

fn read_leniency(value: &Value, path: &str, invalid: &mut Invalid) -> Option<Leniency> {
    let fields = Fields::of(value, path, invalid)?;
    fields.reject_unknown(&["from", "to", "gemeentecodes", "factor_percent"], invalid);
    let reach = read_reach(&fields, invalid);
    let factor = match fields.get("factor_percent") {
        None => Some(DEFAULT_LENIENCY_PERCENT),
        Some(_) => fields.optional("factor_percent", invalid, json::count),
    };
    let reach = reach?;
    Some(Leniency {
        from: reach.from,
        to: reach.to,
        gemeentecodes: reach.gemeentecodes,
        factor_percent: factor?,
    })
}

impl<'de> serde::Deserialize<'de> for Policy {
    /// A stored policy reads like an override of the defaults, so a key
    /// added in a later version gets its default instead of failing.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Policy::from_json(&value).map_err(serde::de::Error::custom)
    }
}
