//! The settings form as values by field name, and back: named as the
//! domain's settings types name their fields, so their `validate` errors
//! point at the right input. Every problem is reported at once.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::collections::HashMap;
use vangnet_domain::casework::deadline::DeadlineSettings;
use vangnet_domain::casework::priority::PriorityWeights;
use vangnet_domain::retention::RetentionSettings;
use vangnet_domain::signal::normalise::parse_phone;
use vangnet_domain::user::parse_email;
use vangnet_domain::validation::required_text;
use vangnet_domain::workdays::LiberationDay;
use vangnet_domain::Invalid;
use vangnet_store::casework::{CaseworkSettings, DdasContact};

/// A whole-number setting: its name in the domain type (and the form),
/// its Dutch label, and whether it may be negative.
pub struct NumberField {
    pub name: &'static str,
    pub label: &'static str,
    signed: bool,
}

const fn points(name: &'static str, label: &'static str) -> NumberField {
    NumberField {
        name,
        label,
        signed: true,
    }
}

const fn count(name: &'static str, label: &'static str) -> NumberField {
    NumberField {
        name,
        label,
        signed: false,
    }
}

pub const WEIGHTS: [NumberField; 16] = [
    points("rent_arrears", "Huurachterstand (punten)"),
    points("per_creditor", "Per schuldeiser (punten)"),
    count("max_creditors", "Schuldeisers tellen mee tot (aantal)"),
    points(
        "per_tenth_month_rent",
        "Per tiende maandhuur achterstand (punten)",
    ),
    count(
        "max_rent_tenths",
        "Achterstand telt mee tot (tienden maandhuur)",
    ),
    points("per_month_in_arrears", "Per maand achterstand (punten)"),
    count("max_months_in_arrears", "Maanden tellen mee tot (aantal)"),
    points("crisis", "Crisissituatie (punten)"),
    points("warm_handover", "Warme overdracht (punten)"),
    points("repeat_signal", "Herhaalde melding (punten)"),
    points("fourteen_day_letter", "Veertiendagenbrief (punten)"),
    points("bailiff", "Deurwaarder ingeschakeld (punten)"),
    points("summons", "Dagvaarding (punten)"),
    points("judgment", "Vonnis (punten)"),
    points("eviction_notice", "Ontruimingsaanzegging (punten)"),
    points(
        "top_priority",
        "Topprioriteit vanaf de dagvaarding (punten)",
    ),
];

pub const DEADLINES: [NumberField; 4] = [
    count(
        "pickup_working_days",
        "Besluit over oppakken, na het eerste signaal (werkdagen)",
    ),
    count(
        "first_contact_working_days",
        "Eerste contactpoging, na het oppakken (werkdagen)",
    ),
    count(
        "first_contact_when_eviction_threatens",
        "Oppakken en eerste contactpoging na een melding van ontruiming (werkdagen)",
    ),
    count(
        "due_soon_working_days",
        "Bijna verlopen vanaf (werkdagen vooraf)",
    ),
];

pub const RETENTION: [NumberField; 3] = [
    count(
        "never_picked_up_months",
        "Signaal dat niet is opgepakt, na de signaaldatum (maanden)",
    ),
    count(
        "picked_up_months",
        "Opgepakt signaal, na het oppakken (maanden)",
    ),
    count(
        "closed_case_months",
        "Afgesloten zaak, na het afsluiten (maanden)",
    ),
];

/// The text fields, besides the numbers and the holiday choices.
pub const TEXTS: [(&str, &str); 4] = [
    ("ddas_supplier", "Code gegevensleverancier (van het CBS)"),
    ("ddas_contact_name", "Contactpersoon: naam"),
    ("ddas_contact_email", "Contactpersoon: e-mailadres"),
    ("ddas_contact_phone", "Contactpersoon: telefoonnummer"),
];

pub const GOOD_FRIDAY: &str = "good_friday";
pub const LIBERATION_DAY: &str = "liberation_day";

pub fn label_of(field: &str) -> &'static str {
    let numbers = WEIGHTS.iter().chain(&DEADLINES).chain(&RETENTION);
    if let Some(f) = numbers.into_iter().find(|f| f.name == field) {
        return f.label;
    }
    match field {
        GOOD_FRIDAY => "Goede Vrijdag",
        LIBERATION_DAY => "Bevrijdingsdag",
        _ => TEXTS
            .iter()
            .find(|(name, _)| *name == field)
            .map_or("Invoer", |(_, label)| label),
    }
}

/// The form's values by field name.
pub type Values = HashMap<String, String>;

/// The stored settings as form values, named as the domain types name them.
pub fn values_of(settings: &CaseworkSettings) -> Values {
    let mut values = Values::new();
    let json = [
        serde_json::to_value(settings.weights),
        serde_json::to_value(settings.deadlines),
        serde_json::to_value(settings.retention),
    ];
    for object in json.into_iter().flatten() {
        for (name, value) in object.as_object().into_iter().flatten() {
            if let Some(number) = value.as_i64() {
                values.insert(name.clone(), number.to_string());
            }
        }
    }
    let holidays = settings.deadlines.holidays;
    if holidays.good_friday {
        values.insert(GOOD_FRIDAY.into(), "ja".into());
    }
    let liberation = serde_json::to_value(holidays.liberation_day).unwrap_or_default();
    values.insert(
        LIBERATION_DAY.into(),
        liberation.as_str().unwrap_or_default().into(),
    );
    let contact = settings.ddas_contact.clone().unwrap_or_default();
    for (name, value) in [
        ("ddas_supplier", settings.ddas_supplier.clone()),
        ("ddas_contact_name", Some(contact.name)),
        ("ddas_contact_email", contact.email),
        ("ddas_contact_phone", contact.phone),
    ] {
        values.insert(name.into(), value.unwrap_or_default());
    }
    values
}

pub fn text<'a>(values: &'a Values, name: &str) -> &'a str {
    values.get(name).map_or("", |v| v.trim())
}

/// Reads one group of numbers into the JSON object its domain type reads.
fn numbers(fields: &[NumberField], values: &Values, invalid: &mut Invalid) -> Map<String, Value> {
    let mut object = Map::new();
    for field in fields {
        let raw = text(values, field.name);
        match raw.parse::<i64>() {
            Ok(n) if field.signed || (0..=i64::from(u32::MAX)).contains(&n) => {
                object.insert(field.name.into(), n.into());
            }
            Ok(_) => invalid.push(field.name, "moet 0 of meer zijn"),
            Err(_) if raw.is_empty() => invalid.push(field.name, "is verplicht"),
            Err(_) => invalid.push(field.name, "moet een geheel getal zijn"),
        }
    }
    object
}

/// One group of numbers (plus `extra` fields) as its domain type, checked
/// by the type's own `validate`; `None` when a number could not be read.
fn group<T: DeserializeOwned>(
    fields: &[NumberField],
    values: &Values,
    extra: Option<(&str, Value)>,
    validate: fn(&T) -> Result<(), Invalid>,
    invalid: &mut Invalid,
) -> Option<T> {
    let before = invalid.errors.len();
    let mut object = numbers(fields, values, invalid);
    if invalid.errors.len() > before {
        return None;
    }
    if let Some((name, value)) = extra {
        object.insert(name.into(), value);
    }
    let typed: T = match serde_json::from_value(Value::Object(object)) {
        Ok(typed) => typed,
        Err(error) => {
            invalid.push(fields[0].name, format!("kon niet worden gelezen: {error}"));
            return None;
        }
    };
    if let Err(errors) = validate(&typed) {
        invalid.errors.extend(errors.errors);
    }
    Some(typed)
}

/// The holiday choices; an unknown Bevrijdingsdag choice is reported and
/// read as the default, so the other deadline fields are still checked.
fn holidays(values: &Values, invalid: &mut Invalid) -> Value {
    let choice = Value::String(text(values, LIBERATION_DAY).into());
    let liberation = match serde_json::from_value::<LiberationDay>(choice.clone()) {
        Ok(_) => choice,
        Err(_) => {
            invalid.push(LIBERATION_DAY, "kies elk jaar of alleen in lustrumjaren");
            serde_json::to_value(LiberationDay::default()).unwrap_or_default()
        }
    };
    let mut holidays = Map::new();
    holidays.insert(
        GOOD_FRIDAY.into(),
        (text(values, GOOD_FRIDAY) == "ja").into(),
    );
    holidays.insert(LIBERATION_DAY.into(), liberation);
    Value::Object(holidays)
}

/// The DDAS details: all optional, but what is filled in must be usable.
fn ddas(values: &Values, invalid: &mut Invalid) -> (Option<String>, Option<DdasContact>) {
    let supplier = text(values, "ddas_supplier");
    let supplier = (!supplier.is_empty())
        .then(|| invalid.check(required_text("ddas_supplier", supplier, 100)))
        .flatten();
    let (name, email, phone) = (
        text(values, "ddas_contact_name"),
        text(values, "ddas_contact_email"),
        text(values, "ddas_contact_phone"),
    );
    if name.is_empty() && email.is_empty() && phone.is_empty() {
        return (supplier, None);
    }
    let name = invalid.check(required_text("ddas_contact_name", name, 200));
    let email = (!email.is_empty())
        .then(|| match parse_email(email) {
            Ok(email) => Some(email),
            Err(error) => {
                invalid.push("ddas_contact_email", error.reason);
                None
            }
        })
        .flatten();
    let phone = (!phone.is_empty())
        .then(|| match parse_phone(phone) {
            Ok(phone) => Some(phone),
            Err(reject) => {
                invalid.push("ddas_contact_phone", reject.message);
                None
            }
        })
        .flatten();
    let contact = name.map(|name| DdasContact { name, email, phone });
    (supplier, contact)
}

/// Every problem of the form at once, named by field.
pub fn parse(values: &Values) -> Result<CaseworkSettings, Invalid> {
    let mut invalid = Invalid::default();
    let weights = group(
        &WEIGHTS,
        values,
        None,
        PriorityWeights::validate,
        &mut invalid,
    );
    let holidays = holidays(values, &mut invalid);
    let deadlines = group(
        &DEADLINES,
        values,
        Some(("holidays", holidays)),
        DeadlineSettings::validate,
        &mut invalid,
    );
    let retention = group(
        &RETENTION,
        values,
        None,
        RetentionSettings::validate,
        &mut invalid,
    );
    let (ddas_supplier, ddas_contact) = ddas(values, &mut invalid);
    match (weights, deadlines, retention) {
        (Some(weights), Some(deadlines), Some(retention)) if invalid.errors.is_empty() => {
            Ok(CaseworkSettings {
                weights,
                deadlines,
                retention,
                ddas_supplier,
                ddas_contact,
            })
        }
        _ => Err(invalid),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> Values {
        values_of(&CaseworkSettings::default())
    }

    fn fields_of(invalid: Invalid) -> Vec<String> {
        invalid.errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn the_defaults_survive_the_form() {
        assert_eq!(parse(&defaults()).unwrap(), CaseworkSettings::default());
        let mut values = defaults();
        values.insert(GOOD_FRIDAY.into(), "ja".into());
        values.insert(LIBERATION_DAY.into(), "every_year".into());
        values.insert("ddas_supplier".into(), " VNG-42 ".into());
        values.insert("ddas_contact_name".into(), "J. de Vries".into());
        values.insert(
            "ddas_contact_email".into(),
            "J.deVries@denhaag.example".into(),
        );
        let parsed = parse(&values).unwrap();
        assert!(parsed.deadlines.holidays.good_friday);
        assert_eq!(
            parsed.deadlines.holidays.liberation_day,
            LiberationDay::EveryYear
        );
        assert_eq!(parsed.ddas_supplier.as_deref(), Some("VNG-42"));
        let contact = parsed.ddas_contact.unwrap();
        assert_eq!(contact.email.as_deref(), Some("j.devries@denhaag.example"));
        assert_eq!(values_of(&parse(&values).unwrap())[GOOD_FRIDAY], "ja");
    }

    #[test]
    fn every_problem_is_named_by_its_field() {
        // (changed fields, the fields named in the errors)
        type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str]);
        let cases: &[Case] = &[
            (&[("crisis", "veel")], &["crisis"]),
            (&[("max_creditors", "-1")], &["max_creditors"]),
            (&[("pickup_working_days", "")], &["pickup_working_days"]),
            // The domain's rules: a top priority too low, a period too long.
            (&[("top_priority", "5")], &["top_priority"]),
            (&[("closed_case_months", "500")], &["closed_case_months"]),
            (&[(LIBERATION_DAY, "nooit")], &[LIBERATION_DAY]),
            (
                &[("ddas_contact_email", "geen-adres")],
                &["ddas_contact_name", "ddas_contact_email"],
            ),
            (
                &[("ddas_contact_name", "A"), ("ddas_contact_phone", "bel me")],
                &["ddas_contact_phone"],
            ),
            // Problems in different groups are all reported together; the
            // retention rule then also finds 6 months unopened > 0 picked up.
            (
                &[("crisis", "x"), ("picked_up_months", "0")],
                &["crisis", "picked_up_months", "never_picked_up_months"],
            ),
        ];
        for (changes, expected) in cases {
            let mut values = defaults();
            for (name, value) in *changes {
                values.insert(name.to_string(), value.to_string());
            }
            let got = fields_of(parse(&values).unwrap_err());
            assert_eq!(got, *expected, "{changes:?}");
            for field in got {
                assert_ne!(label_of(&field), "Invoer", "{field} has a label");
            }
        }
    }
}
