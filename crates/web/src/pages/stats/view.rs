//! What the dashboard page shows besides the sections: the period form
//! (choices for recent years, quarters and months, and a free field), the
//! error summary, and a verhuurder's cost-per-eviction form.

use crate::pages::layout::Layout;
use askama::Template;
use chrono::{Datelike, Months, NaiveDate};
use vangnet_domain::money::format_euros;
use vangnet_domain::stats::Period;
use vangnet_domain::FieldError;

fn month(day: NaiveDate) -> Period {
    Period::Month {
        year: day.year(),
        month: day.month(),
    }
}

/// "1 januari 2026".
pub fn long_day(day: NaiveDate) -> String {
    format!("{} {}", day.day(), month(day).dutch())
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub struct ChoiceGroup {
    pub label: &'static str,
    pub choices: Vec<Choice>,
}

/// The last three years, this year's quarters so far and last year's, and
/// the last thirteen months, newest first; `current` is selected.
pub fn period_choices(today: NaiveDate, current: &str) -> Vec<ChoiceGroup> {
    let choice = |value: String, label: String| Choice {
        selected: value == current,
        value,
        label,
    };
    let year = today.year();
    let years = (0..3)
        .map(|back| {
            let y = year - back;
            choice(y.to_string(), y.to_string())
        })
        .collect();
    let this_quarter = (today.month() - 1) / 3 + 1;
    let quarters = (1..=this_quarter)
        .rev()
        .map(|q| (year, q))
        .chain((1..=4).rev().map(|q| (year - 1, q)))
        .map(|(year, quarter)| Period::Quarter { year, quarter })
        .map(|p| choice(p.to_string(), p.dutch()))
        .collect();
    let first = today.with_day(1).unwrap_or(today);
    let months = (0..13)
        .filter_map(|back| first.checked_sub_months(Months::new(back)))
        .map(|m| choice(month(m).to_string(), month(m).dutch()))
        .collect();
    vec![
        ChoiceGroup {
            label: "Jaar",
            choices: years,
        },
        ChoiceGroup {
            label: "Kwartaal",
            choices: quarters,
        },
        ChoiceGroup {
            label: "Maand",
            choices: months,
        },
    ]
}

/// The label of a field in the error summary (`form_errors.html`).
pub fn field_label(field: &str) -> &'static str {
    match field {
        "anders" => "Andere periode",
        "bedrag" => "Kosten per ontruiming",
        _ => "Periode",
    }
}

/// A verhuurder's cost per eviction: what holds now and the form's value.
pub struct CostForm {
    pub current: String,
    pub is_default: bool,
    pub default_text: String,
    pub value: String,
}

impl CostForm {
    /// `sent` keeps what was typed when the form comes back with an error.
    pub fn new(cents: Option<i64>, default_cents: i64, sent: Option<&str>) -> CostForm {
        let amount = cents.unwrap_or(default_cents);
        CostForm {
            current: format_euros(amount),
            is_default: cents.is_none(),
            default_text: format_euros(default_cents),
            value: sent.map_or_else(
                || format_euros(amount).trim_start_matches("€ ").to_string(),
                String::from,
            ),
        }
    }
}

#[derive(Template)]
#[template(path = "stats_dashboard.html")]
pub struct DashboardPage {
    pub layout: Layout,
    pub heading: String,
    pub kind: &'static str,
    /// "1 januari 2026 tot en met 31 december 2026", when the period is valid.
    pub span: Option<String>,
    pub groups: Vec<ChoiceGroup>,
    /// The free field's value.
    pub other: String,
    pub errors: Vec<FieldError>,
    pub notice: Option<&'static str>,
    /// The whole dashboard as one workbook.
    pub workbook_href: Option<String>,
    /// From `stats::render::sections_html`, escaped there.
    pub sections: String,
    pub cost: Option<CostForm>,
    /// The period to come back to after the cost form.
    pub label: String,
}

impl DashboardPage {
    fn field_label(&self, field: &str) -> &'static str {
        field_label(field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_choices_cover_recent_years_quarters_and_months() {
        let today: NaiveDate = "2026-05-20".parse().unwrap();
        let groups = period_choices(today, "2026-K1");
        let values = |g: &ChoiceGroup| {
            g.choices
                .iter()
                .map(|c| c.value.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(values(&groups[0]), ["2026", "2025", "2024"]);
        assert_eq!(
            values(&groups[1]),
            ["2026-K2", "2026-K1", "2025-K4", "2025-K3", "2025-K2", "2025-K1"]
        );
        assert_eq!(groups[2].choices.len(), 13);
        assert_eq!(groups[2].choices[0].value, "2026-05");
        assert_eq!(groups[2].choices[12].label, "mei 2025");
        let selected: Vec<_> = groups
            .iter()
            .flat_map(|g| &g.choices)
            .filter(|c| c.selected)
            .map(|c| c.label.as_str())
            .collect();
        assert_eq!(selected, ["1e kwartaal 2026"]);
        assert_eq!(long_day(today), "20 mei 2026");
    }

    #[test]
    fn the_cost_form_shows_the_default_or_the_own_amount() {
        let form = CostForm::new(None, 750_000, None);
        assert!(form.is_default);
        assert_eq!(form.current, "€ 7.500,00");
        assert_eq!(form.value, "7.500,00");
        let own = CostForm::new(Some(820_050), 750_000, Some("abc"));
        assert!(!own.is_default);
        assert_eq!(own.current, "€ 8.200,50");
        assert_eq!(own.value, "abc");
    }
}
