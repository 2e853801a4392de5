//! What the policy page shows: the policy in force today, and each
//! declared version with its period, area, contents and state.

use super::form::setting_label;
use crate::pages::tenancies::day;
use chrono::NaiveDate;
use vangnet_domain::tenancy::policy::Declaration as _;
use vangnet_domain::tenancy::{Grounds, Moratorium, Policy};
use vangnet_domain::workdays::LiberationDay;
use vangnet_store::tenancy::{GatePolicy, PolicyArea};

pub struct InForce {
    pub version: String,
    /// label, value
    pub settings: Vec<(&'static str, String)>,
    pub holidays: String,
    pub moratoria: Vec<String>,
    pub leniency: Vec<String>,
}

impl InForce {
    pub fn of(policy: &Policy) -> InForce {
        InForce {
            version: policy.version.clone(),
            settings: policy
                .settings_by_key()
                .into_iter()
                .map(|(key, value)| (setting_label(key), value.to_string()))
                .collect(),
            holidays: holidays(policy),
            moratoria: policy.moratoria.iter().map(moratorium_line).collect(),
            leniency: policy
                .leniency
                .iter()
                .map(|l| format!("{}: factor {}%", l.describe_nl(), l.factor_percent))
                .collect(),
        }
    }
}

fn holidays(policy: &Policy) -> String {
    let good_friday = match policy.holidays.good_friday {
        true => "Goede Vrijdag is een vrije dag",
        false => "Goede Vrijdag is een werkdag",
    };
    let liberation = match policy.holidays.liberation_day {
        LiberationDay::EveryYear => "Bevrijdingsdag elk jaar",
        LiberationDay::Lustrum => "Bevrijdingsdag alleen in lustrumjaren",
    };
    format!("{good_friday}; {liberation}")
}

fn moratorium_line(m: &Moratorium) -> String {
    let exceptions = match m.exceptions.as_slice() {
        [] => "zonder uitzonderingen".to_string(),
        list => {
            let labels: Vec<&str> = list.iter().map(|g: &Grounds| g.label_nl()).collect();
            format!("behalve bij {}", labels.join(", ").to_lowercase())
        }
    };
    format!("{}, {exceptions}", m.describe_nl())
}

pub struct VersionRow {
    pub id: i64,
    pub label: String,
    pub period: String,
    pub area: String,
    pub contents: Vec<String>,
    pub state: &'static str,
    /// Whether it can still be ended early.
    pub open: bool,
}

impl VersionRow {
    pub fn of(stored: &GatePolicy, today: NaiveDate) -> VersionRow {
        let data = &stored.data;
        let period = match data.valid_to {
            Some(to) => format!("{} t/m {}", day(data.valid_from), day(to)),
            None => format!("vanaf {}", day(data.valid_from)),
        };
        let state = match (data.valid_from > today, data.valid_to) {
            (true, _) => "gepland",
            (false, Some(to)) if to < today => "afgelopen",
            _ => "van kracht",
        };
        VersionRow {
            id: stored.id,
            label: data.version_label.clone(),
            period,
            area: match &data.area {
                PolicyArea::All => "alle gemeenten".into(),
                PolicyArea::Gemeenten(codes) => codes.join(", "),
            },
            contents: contents(&data.policy),
            state,
            open: data.valid_to.is_none_or(|to| to >= today),
        }
    }
}

/// A version's contents in Dutch, read as the gate reads them.
fn contents(policy: &serde_json::Value) -> Vec<String> {
    let Ok(read) = Policy::from_json(policy) else {
        return vec!["(ongeldige inhoud)".into()];
    };
    let mut lines: Vec<String> = Vec::new();
    for (key, value) in read.settings_by_key() {
        if policy.get(key).is_some() {
            lines.push(format!("{}: {value}", setting_label(key)));
        }
    }
    if policy.get("holidays").is_some() {
        lines.push(holidays(&read));
    }
    if policy.get("moratoria").is_some() {
        match read.moratoria.as_slice() {
            [] => lines.push("Geen moratorium".into()),
            list => lines.extend(
                list.iter()
                    .map(|m| format!("Moratorium {}", moratorium_line(m))),
            ),
        }
    }
    for l in &read.leniency {
        lines.push(format!(
            "Coulance {}: factor {}%, geen incassokosten",
            l.describe_nl(),
            l.factor_percent
        ));
    }
    if lines.is_empty() {
        lines.push("Geen wijzigingen".into());
    }
    lines
}
