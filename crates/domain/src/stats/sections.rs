//! Section builders more than one dashboard uses: signals by partner type,
//! the prevention funnel and its counts, and monthly trends. Each returns a
//! finished `Section`, so a figure is defined once for the gemeente and the
//! platform alike.

use super::dashboard::{Chart, Section};
use super::facts::{CaseGroup, EventCount, SignalCount};
use super::period::Period;
use super::suppression::shown;
use super::table::{Cell, StatTable};
use crate::ddas::EndResult;
use crate::signal::PartnerType;
use crate::tenancy::EventKind;
use chrono::NaiveDate;

/// The end results that mean the household took up help: advice or a
/// quick fix, or a follow-up (financial or not). A hand-off counts too.
pub fn is_help(result: EndResult) -> bool {
    matches!(
        result,
        EndResult::AdviceOrQuickFix
            | EndResult::FinancialFollowUp
            | EndResult::NonFinancialFollowUp
    )
}

/// The funnel's counts over a set of case groups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FunnelCounts {
    pub cases: u64,
    pub picked_up: u64,
    pub contact_made: u64,
    pub help_accepted: u64,
    pub repeats: u64,
}

impl FunnelCounts {
    pub fn of<'a>(groups: impl IntoIterator<Item = &'a CaseGroup>) -> FunnelCounts {
        let mut counts = FunnelCounts::default();
        for group in groups {
            let n = group.count;
            counts.cases += n;
            counts.picked_up += u64::from(group.picked_up) * n;
            counts.contact_made += u64::from(group.contact_made) * n;
            let helped = group.handed_off || group.end_result.is_some_and(is_help);
            counts.help_accepted += u64::from(helped) * n;
            counts.repeats += u64::from(group.repeat) * n;
        }
        counts
    }
}

pub fn text(value: impl Into<String>) -> Cell {
    Cell::Text(value.into())
}

fn table(title: &str, columns: &[&str], rows: Vec<Vec<Cell>>) -> StatTable {
    StatTable {
        title: title.into(),
        columns: columns.iter().map(|c| c.to_string()).collect(),
        rows,
    }
}

pub fn section(
    id: &'static str,
    title: &str,
    columns: &[&str],
    rows: Vec<Vec<Cell>>,
    chart: Chart,
    summary: String,
) -> Section {
    Section {
        id,
        table: table(title, columns, rows),
        chart,
        summary,
        note: None,
    }
}

/// "12.345", or "minder dan 5" in a sentence.
pub fn say(count: u64) -> String {
    match shown(count).count() {
        Some(_) => shown(count).to_string(),
        None => "minder dan 5".into(),
    }
}

/// Every partner type, in the DDAS order, so an absent type reads "<5"
/// like a small one and the rows never tell which is which.
pub fn signals_by_partner(signals: &[SignalCount], period: Period) -> Section {
    let count = |t: PartnerType| -> u64 {
        signals
            .iter()
            .filter(|s| s.partner_type == t)
            .map(|s| s.count)
            .sum()
    };
    let total: u64 = signals.iter().map(|s| s.count).sum();
    let mut rows: Vec<Vec<Cell>> = PartnerType::ALL
        .iter()
        .map(|&t| {
            let n = count(t);
            vec![text(t.ddas()), Cell::count(n), Cell::share(n, total)]
        })
        .collect();
    let largest = PartnerType::ALL
        .iter()
        .copied()
        .max_by_key(|&t| count(t))
        .filter(|&t| shown(count(t)).count().is_some());
    rows.push(vec![
        text("Totaal"),
        Cell::count(total),
        Cell::share(total, total),
    ]);
    let mut summary = format!(
        "In {} kwamen {} signalen binnen",
        period.dutch(),
        say(total)
    );
    if let Some(t) = largest {
        summary += &format!("; de meeste van {} ({})", t.ddas(), say(count(t)));
    }
    section(
        "signalen-per-soort",
        "Signalen per soort signaalpartner",
        &["Soort signaalpartner", "Signalen", "Aandeel"],
        rows,
        Chart::Bars { column: 1 },
        summary + ".",
    )
}

/// Signals → cases → picked up → contact made → help accepted, each with
/// its share of the step before.
pub fn funnel(signals: u64, counts: FunnelCounts, period: Period) -> Section {
    let steps = [
        ("Signalen", signals),
        ("Zaken (huishoudens)", counts.cases),
        ("Opgepakt", counts.picked_up),
        ("Contact gelegd", counts.contact_made),
        ("Hulp aanvaard", counts.help_accepted),
    ];
    let rows = steps
        .iter()
        .enumerate()
        .map(|(i, &(label, n))| {
            let share = match i {
                0 => Cell::Percent(None),
                _ => Cell::share(n, steps[i - 1].1),
            };
            vec![text(label), Cell::count(n), share]
        })
        .collect();
    let mut out = section(
        "trechter",
        "Van signaal tot hulp",
        &["Stap", "Aantal", "Aandeel van de stap ervoor"],
        rows,
        Chart::Funnel { column: 1 },
        format!(
            "In {} leidden {} signalen tot {} zaken; met {} huishoudens is contact gelegd en {} \
             aanvaardden hulp.",
            period.dutch(),
            say(signals),
            say(counts.cases),
            say(counts.contact_made),
            say(counts.help_accepted)
        ),
    );
    out.note = Some(
        "Zaken, opgepakt, contact en hulp gaan over zaken geopend in de periode. Contact gelegd: \
         minstens één contactpoging waarbij het huishouden is bereikt. Hulp aanvaard: \
         overgedragen aan hulpverlening, of afgesloten met (budget)advies of quick fix, of \
         vervolghulp (financieel of niet)."
            .into(),
    );
    out
}

/// One row per month of the period: the label, then each series' count in
/// that month. `series` are (column header, count of a month).
pub fn monthly(
    period: Period,
    series: &[(&str, &dyn Fn(NaiveDate) -> u64)],
) -> (Vec<String>, Vec<Vec<Cell>>) {
    let mut columns = vec!["Maand".to_string()];
    columns.extend(series.iter().map(|(name, _)| name.to_string()));
    let rows = period
        .months()
        .into_iter()
        .map(|month| {
            let first = month.days().0;
            let mut row = vec![text(Period::short_month(first))];
            row.extend(series.iter().map(|(_, count)| Cell::count(count(first))));
            row
        })
        .collect();
    (columns, rows)
}

pub fn signals_in(signals: &[SignalCount], month: NaiveDate) -> u64 {
    signals
        .iter()
        .filter(|s| s.month == month)
        .map(|s| s.count)
        .sum()
}

pub fn events_in(events: &[EventCount], kind: EventKind, month: Option<NaiveDate>) -> u64 {
    events
        .iter()
        .filter(|e| e.kind == kind && month.is_none_or(|m| e.month == m))
        .map(|e| e.count)
        .sum()
}

pub fn events_with(events: &[EventCount], kind: EventKind, detail: &str) -> u64 {
    events
        .iter()
        .filter(|e| e.kind == kind && e.detail.as_deref() == Some(detail))
        .map(|e| e.count)
        .sum()
}

/// A trend section from `monthly` rows, every series a line.
pub fn trend(
    id: &'static str,
    title: &str,
    (columns, rows): (Vec<String>, Vec<Vec<Cell>>),
    summary: String,
) -> Section {
    let lines = (1..columns.len()).collect();
    Section {
        id,
        table: StatTable {
            title: title.into(),
            columns,
            rows,
        },
        chart: Chart::Line { columns: lines },
        summary,
        note: None,
    }
}
