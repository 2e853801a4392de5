//! The three declaration forms (a moratorium, a leniency policy, changed
//! settings) as one version of policy JSON, and their values back for a
//! form shown again. Field names are the forms'; the domain's and the
//! store's error paths are mapped onto them so every message points at
//! its input.

use crate::tenancy::Declaration;
use chrono::NaiveDate;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use vangnet_domain::org::parse_gemeentecode;
use vangnet_domain::signal::normalise::parse_date;
use vangnet_domain::tenancy::policy::DEFAULT_LENIENCY_PERCENT;
use vangnet_domain::tenancy::{Grounds, Policy};
use vangnet_domain::workdays::LiberationDay;
use vangnet_domain::{FieldError, Invalid};
use vangnet_store::tenancy::{PolicyArea, PolicyScope};

/// Which form was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Moratorium,
    Leniency,
    Settings,
}

impl FormKind {
    /// The prefix of the form's input ids, so one page holds all three.
    pub fn prefix(self) -> &'static str {
        match self {
            FormKind::Moratorium => "m",
            FormKind::Leniency => "c",
            FormKind::Settings => "i",
        }
    }

    fn default_label(self, today: NaiveDate) -> String {
        let what = match self {
            FormKind::Moratorium => "moratorium",
            FormKind::Leniency => "coulance",
            FormKind::Settings => "termijnen",
        };
        format!("{what}-{today}")
    }
}

/// The settings by their JSON key with their Dutch label.
pub const SETTINGS: [(&str, &str); 6] = [
    (
        "receipt_days",
        "Dagen na verzending dat een brief als ontvangen geldt",
    ),
    (
        "veertiendagen_term_days",
        "Termijn van de veertiendagenbrief (dagen, minstens 14)",
    ),
    (
        "signal_to_dagvaarding_days",
        "Dagen tussen het signaal aan de gemeente en de dagvaarding",
    ),
    (
        "dagvaarding_min_arrears_percent_of_rent",
        "Achterstand voor een dagvaarding (procent van de maandhuur)",
    ),
    (
        "aanzegging_to_ontruiming_days",
        "Dagen tussen ontruimingsaanzegging en ontruiming",
    ),
    (
        "melding_to_ontruiming_working_days",
        "Werkdagen tussen de melding aan de gemeente en de ontruiming",
    ),
];

pub fn setting_label(key: &str) -> &'static str {
    SETTINGS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or("Instelling", |(_, label)| label)
}

/// The grounds a moratorium may make an exception for (arrears never).
pub fn exception_grounds() -> impl Iterator<Item = Grounds> {
    Grounds::ALL
        .into_iter()
        .filter(|g| *g != Grounds::Huurachterstand)
}

/// A sent form, by input name (checkboxes are present or absent).
pub type Sent = HashMap<String, String>;

fn text<'a>(form: &'a Sent, name: &str) -> &'a str {
    form.get(name).map_or("", |v| v.trim())
}

fn date(form: &Sent, name: &str, required: bool, invalid: &mut Invalid) -> Option<NaiveDate> {
    let value = text(form, name);
    if value.is_empty() {
        if required {
            invalid.push(name, "vul een datum in als dd-mm-jjjj");
        }
        return None;
    }
    match parse_date(value) {
        Ok(date) => Some(date),
        Err(_) => {
            invalid.push(name, "vul een datum in als dd-mm-jjjj");
            None
        }
    }
}

/// Empty is every gemeente; otherwise codes separated by commas or spaces.
fn gemeenten(form: &Sent, invalid: &mut Invalid) -> Option<Vec<String>> {
    let value = text(form, "gemeenten");
    if value.is_empty() {
        return None;
    }
    let mut codes = Vec::new();
    for part in value.split([',', ' ', ';']).filter(|p| !p.is_empty()) {
        match parse_gemeentecode(part) {
            Ok(code) => codes.push(code),
            Err(e) => invalid.push("gemeenten", format!("'{part}': {}", e.reason)),
        }
    }
    codes.sort();
    codes.dedup();
    Some(codes)
}

/// The version a form declares. A moratorium or leniency version is in
/// force from today (or its start, if earlier) until its end, so a gate
/// asked today about a planned date already knows a declared moratorium.
pub fn declaration(
    kind: FormKind,
    form: &Sent,
    scope: PolicyScope,
    today: NaiveDate,
    in_force: &Policy,
) -> Result<Declaration, Invalid> {
    let mut invalid = Invalid::default();
    let label = text(form, "naam");
    if label.is_empty() {
        invalid.push("naam", "geef de versie een naam");
    }
    let declared = kind != FormKind::Settings;
    let from = date(form, "van", true, &mut invalid);
    let to = date(form, "tot", declared, &mut invalid);
    let codes = gemeenten(form, &mut invalid);
    let policy = match kind {
        FormKind::Moratorium => json!({"moratoria": [reach(from, to, &codes, moratorium(form))]}),
        FormKind::Leniency => {
            let factor = match text(form, "factor").parse::<u32>() {
                Ok(factor) => factor,
                Err(_) => {
                    invalid.push("factor", "vul een geheel percentage in, zoals 150");
                    0
                }
            };
            json!({"leniency": [reach(from, to, &codes, json!({"factor_percent": factor}))]})
        }
        FormKind::Settings => changed_settings(form, in_force, &mut invalid),
    };
    invalid.into_result()?;
    let from = from.expect("checked above");
    Ok(Declaration {
        scope,
        version_label: label.to_string(),
        valid_from: if declared { from.min(today) } else { from },
        valid_to: to,
        area: codes.map_or(PolicyArea::All, PolicyArea::Gemeenten),
        policy,
    })
}

fn moratorium(form: &Sent) -> Value {
    let exceptions: Vec<&str> = exception_grounds()
        .filter(|g| form.contains_key(&format!("uitzondering_{}", g.slug())))
        .map(|g| g.slug())
        .collect();
    json!({ "exceptions": exceptions })
}

fn reach(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    codes: &Option<Vec<String>>,
    extra: Value,
) -> Value {
    let mut item = Map::new();
    item.insert("from".into(), json!(from.map(|d| d.to_string())));
    item.insert("to".into(), json!(to.map(|d| d.to_string())));
    item.insert("gemeentecodes".into(), json!(codes));
    if let Value::Object(extra) = extra {
        item.extend(extra);
    }
    Value::Object(item)
}

/// Only what differs from the policy in force: a version says what it
/// changes, and the form starts from the values in force.
fn changed_settings(form: &Sent, in_force: &Policy, invalid: &mut Invalid) -> Value {
    let mut changed = Map::new();
    for (key, current) in in_force.settings_by_key() {
        match text(form, key).parse::<u32>() {
            Ok(value) if value != current => {
                changed.insert(key.into(), value.into());
            }
            Ok(_) => {}
            Err(_) => invalid.push(key, "vul een geheel getal van 0 of meer in"),
        }
    }
    let mut holidays = Map::new();
    let good_friday = form.contains_key("goede_vrijdag");
    if good_friday != in_force.holidays.good_friday {
        holidays.insert("good_friday".into(), good_friday.into());
    }
    let every_year = text(form, "bevrijdingsdag") == "every_year";
    if every_year != (in_force.holidays.liberation_day == LiberationDay::EveryYear) {
        let rule = if every_year { "every_year" } else { "lustrum" };
        holidays.insert("liberation_day".into(), rule.into());
    }
    if !holidays.is_empty() {
        changed.insert("holidays".into(), Value::Object(holidays));
    }
    if changed.is_empty() && invalid.errors.is_empty() {
        invalid.push(
            "naam",
            "er is niets gewijzigd ten opzichte van het beleid dat nu geldt",
        );
    }
    Value::Object(changed)
}

/// The form input an error of the domain, the store or this module is
/// about.
pub fn input_of(path: &str) -> &'static str {
    let path = path.trim_start_matches('.');
    if let Some((key, _)) = SETTINGS.iter().find(|(k, _)| path.ends_with(k)) {
        return key;
    }
    match path {
        p if p.ends_with("good_friday") => "goede_vrijdag",
        p if p.ends_with("liberation_day") => "bevrijdingsdag",
        p if p.ends_with(".from") || p == "valid_from" || p == "van" => "van",
        p if p.ends_with(".to") || p == "valid_to" || p == "tot" => "tot",
        p if p.contains("gemeentecodes") || p == "area" || p == "gemeenten" => "gemeenten",
        p if p.contains("exceptions") => "uitzondering_criminaliteit",
        p if p.contains("factor") => "factor",
        _ => "naam",
    }
}

pub fn input_label(input: &str) -> &'static str {
    match input {
        "naam" => "Naam van de versie",
        "van" => "Van",
        "tot" => "Tot en met",
        "gemeenten" => "Gemeenten",
        "uitzondering_criminaliteit" => "Uitzonderingen",
        "factor" => "Factor",
        "goede_vrijdag" => "Goede Vrijdag",
        "bevrijdingsdag" => "Bevrijdingsdag",
        key => setting_label(key),
    }
}

/// One line of the error summary, linked to its input.
pub struct ErrorLine {
    pub anchor: String,
    pub label: &'static str,
    pub reason: String,
}

pub fn error_lines(kind: FormKind, errors: &[FieldError]) -> Vec<ErrorLine> {
    errors
        .iter()
        .map(|e| {
            let input = input_of(&e.field);
            ErrorLine {
                anchor: format!("{}-{input}", kind.prefix()),
                label: input_label(input),
                reason: e.reason.clone(),
            }
        })
        .collect()
}

/// A form's values: the defaults, or what was sent when it comes back.
pub struct Values {
    pub naam: String,
    pub van: String,
    pub tot: String,
    pub gemeenten: String,
    pub factor: String,
    /// slug, label, checked
    pub exceptions: Vec<(&'static str, &'static str, bool)>,
    /// key, label, value
    pub settings: Vec<(&'static str, &'static str, String)>,
    pub good_friday: bool,
    pub liberation_every_year: bool,
}

impl Values {
    pub fn defaults(kind: FormKind, today: NaiveDate, in_force: &Policy) -> Values {
        let day = today.format("%d-%m-%Y").to_string();
        Values {
            naam: kind.default_label(today),
            van: day,
            tot: String::new(),
            gemeenten: String::new(),
            factor: DEFAULT_LENIENCY_PERCENT.to_string(),
            exceptions: exception_grounds()
                .map(|g| {
                    let default = vangnet_domain::tenancy::Moratorium::default_exceptions();
                    (g.slug(), g.label_nl(), default.contains(&g))
                })
                .collect(),
            settings: in_force
                .settings_by_key()
                .into_iter()
                .map(|(key, value)| (key, setting_label(key), value.to_string()))
                .collect(),
            good_friday: in_force.holidays.good_friday,
            liberation_every_year: in_force.holidays.liberation_day == LiberationDay::EveryYear,
        }
    }

    pub fn sent(kind: FormKind, form: &Sent, today: NaiveDate, in_force: &Policy) -> Values {
        let mut values = Values::defaults(kind, today, in_force);
        values.naam = text(form, "naam").to_string();
        values.van = text(form, "van").to_string();
        values.tot = text(form, "tot").to_string();
        values.gemeenten = text(form, "gemeenten").to_string();
        values.factor = text(form, "factor").to_string();
        for (slug, _, checked) in &mut values.exceptions {
            *checked = form.contains_key(&format!("uitzondering_{slug}"));
        }
        for (key, _, value) in &mut values.settings {
            *value = text(form, key).to_string();
        }
        values.good_friday = form.contains_key("goede_vrijdag");
        values.liberation_every_year = text(form, "bevrijdingsdag") == "every_year";
        values
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(pairs: &[(&str, &str)]) -> Sent {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_moratorium_is_in_force_from_today_with_its_own_period() {
        let form = sent(&[
            ("naam", "winterstop"),
            ("van", "01-12-2026"),
            ("tot", "31-01-2027"),
            ("gemeenten", "0518, 0363"),
            ("uitzondering_criminaliteit", "ja"),
        ]);
        let today = day("2026-11-22");
        let d = declaration(
            FormKind::Moratorium,
            &form,
            PolicyScope::Platform,
            today,
            &Policy::default(),
        )
        .unwrap();
        assert_eq!(d.valid_from, today);
        assert_eq!(d.valid_to, Some(day("2027-01-31")));
        assert_eq!(
            d.area,
            PolicyArea::Gemeenten(vec!["0363".into(), "0518".into()])
        );
        assert_eq!(
            d.policy,
            json!({"moratoria": [{"from": "2026-12-01", "to": "2027-01-31",
                "gemeentecodes": ["0363", "0518"], "exceptions": ["criminaliteit"]}]})
        );
        assert!(Policy::from_json(&d.policy).is_ok());
    }

    #[test]
    fn every_mistake_is_named_by_its_input() {
        let form = sent(&[("van", "morgen"), ("gemeenten", "518x"), ("factor", "veel")]);
        let errors = declaration(
            FormKind::Leniency,
            &form,
            PolicyScope::Platform,
            day("2026-11-22"),
            &Policy::default(),
        )
        .unwrap_err();
        let inputs: Vec<&str> = errors.errors.iter().map(|e| input_of(&e.field)).collect();
        assert_eq!(inputs, ["naam", "van", "tot", "gemeenten", "factor"]);
    }

    #[test]
    fn settings_declare_only_what_changed() {
        let policy = Policy::default();
        let mut pairs: Vec<(String, String)> = policy
            .settings_by_key()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        pairs.push(("naam".into(), "strenger".into()));
        pairs.push(("van".into(), "2027-01-01".into()));
        let mut form: Sent = pairs.into_iter().collect();
        let unchanged = declaration(
            FormKind::Settings,
            &form,
            PolicyScope::Verhuurder(3),
            day("2026-11-22"),
            &policy,
        )
        .unwrap_err();
        assert!(unchanged.to_string().contains("niets gewijzigd"));
        form.insert("signal_to_dagvaarding_days".into(), "90".into());
        form.insert("goede_vrijdag".into(), "ja".into());
        let d = declaration(
            FormKind::Settings,
            &form,
            PolicyScope::Verhuurder(3),
            day("2026-11-22"),
            &policy,
        )
        .unwrap();
        assert_eq!(d.valid_from, day("2027-01-01"), "settings start when said");
        assert_eq!(d.valid_to, None);
        assert_eq!(
            d.policy,
            json!({"signal_to_dagvaarding_days": 90, "holidays": {"good_friday": true}})
        );
    }

    #[test]
    fn error_paths_map_onto_inputs() {
        for (path, input) in [
            ("moratoria[0].to", "tot"),
            ("leniency[0].from", "van"),
            ("leniency[0].factor_percent", "factor"),
            ("moratoria[0].gemeentecodes[1]", "gemeenten"),
            ("version_label", "naam"),
            ("area", "gemeenten"),
            ("signal_to_dagvaarding_days", "signal_to_dagvaarding_days"),
            ("holidays.good_friday", "goede_vrijdag"),
        ] {
            assert_eq!(input_of(path), input, "{path}");
        }
    }
}
