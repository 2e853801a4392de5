//! A dashboard: the figures of one organisation (or the platform) for one
//! period, as sections. Each section is one `StatTable` (the numbers), the
//! chart drawn from that same table's cells, and a one-sentence summary, so
//! the page, its chart, the CSV, the XLSX and the API's JSON all show the
//! same numbers by construction.

use super::period::Period;
use super::table::{Cell, StatTable};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DashboardKind {
    Gemeente,
    Verhuurder,
    Platform,
}

impl DashboardKind {
    /// The path segment of the pages and the API: /statistieken/{slug}.
    pub fn slug(self) -> &'static str {
        match self {
            DashboardKind::Gemeente => "gemeente",
            DashboardKind::Verhuurder => "verhuurder",
            DashboardKind::Platform => "platform",
        }
    }
}

/// How a section's table is drawn. The values come from the table's
/// cells (`Cell::chart_value`), so a suppressed count is a gap, never a
/// number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Chart {
    /// Only the table.
    None,
    /// A trend: the table's first column holds the x labels, and each
    /// listed column (by index) is one line.
    Line { columns: Vec<usize> },
    /// Bars: the first column labels, the given column the lengths.
    Bars { column: usize },
    /// The funnel: the first column labels, the given column the counts.
    Funnel { column: usize },
}

/// A charted column: its header and one value per row (`None`: suppressed).
pub type ChartSeries = (String, Vec<Option<u64>>);

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// Stable, URL-safe: the anchor on the page and the export's name.
    pub id: &'static str,
    pub table: StatTable,
    pub chart: Chart,
    /// One Dutch sentence a screen reader (and a hurried reader) gets.
    pub summary: String,
    /// How the figure is defined, or its source.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dashboard {
    pub kind: DashboardKind,
    pub title: String,
    /// The period as asked ("2026", "2026-K1", ...).
    pub period: String,
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
    pub sections: Vec<Section>,
}

impl Dashboard {
    pub fn new(kind: DashboardKind, title: String, period: Period, label: &str) -> Dashboard {
        let (from, to) = period.days();
        Dashboard {
            kind,
            title,
            period: label.to_string(),
            from,
            to,
            sections: Vec::new(),
        }
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// Every table, in order, for one workbook.
    pub fn tables(&self) -> Vec<StatTable> {
        self.sections.iter().map(|s| s.table.clone()).collect()
    }
}

impl Section {
    /// The x labels and, per charted column, its header and values: what a
    /// chart renderer needs, read from the table itself.
    pub fn chart_data(&self) -> (Vec<String>, Vec<ChartSeries>) {
        let labels = self
            .table
            .rows
            .iter()
            .map(|row| row.first().map(Cell::display).unwrap_or_default())
            .collect();
        let columns = match &self.chart {
            Chart::None => Vec::new(),
            Chart::Line { columns } => columns.clone(),
            Chart::Bars { column } | Chart::Funnel { column } => vec![*column],
        };
        let series = columns
            .into_iter()
            .map(|c| {
                let name = self.table.columns.get(c).cloned().unwrap_or_default();
                let values = self
                    .table
                    .rows
                    .iter()
                    .map(|row| row.get(c).and_then(Cell::chart_value))
                    .collect();
                (name, values)
            })
            .collect();
        (labels, series)
    }
}
