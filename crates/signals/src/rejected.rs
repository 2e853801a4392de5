//! The rejected rows of an import as a CSV the partner can fix and resend:
//! the default header, plus the line and the reasons in front. Cells that a
//! spreadsheet would run as a formula are neutralised.

use vangnet_domain::export::csv_cell;
use vangnet_domain::signal::{RawSignal, RowError, SignalField};

/// Keeps memory bounded on a file that is rejected whole.
pub const MAX_REJECTED_ROWS: usize = 10_000;

#[derive(Debug, Default)]
pub struct RejectedRows {
    csv: String,
    rows: usize,
    dropped: usize,
}

impl RejectedRows {
    pub fn push(&mut self, raw: &RawSignal, errors: &[RowError]) {
        if self.rows >= MAX_REJECTED_ROWS {
            self.dropped += 1;
            return;
        }
        if self.csv.is_empty() {
            self.csv.push_str(&header());
        }
        let reasons: Vec<String> = errors
            .iter()
            .map(|e| format!("{}: {}", e.column, e.message))
            .collect();
        let mut cells = vec![raw.line.to_string(), reasons.join(" | ")];
        cells.extend(SignalField::ALL.iter().map(|f| raw.get(*f).to_string()));
        self.csv.push_str(&line(&cells));
        self.rows += 1;
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// None when nothing was rejected.
    pub fn into_csv(self) -> Option<String> {
        (!self.is_empty()).then_some(self.csv)
    }

    pub fn dropped(&self) -> usize {
        self.dropped
    }
}

fn header() -> String {
    let mut cells = vec!["regel".to_string(), "fouten".to_string()];
    cells.extend(SignalField::ALL.iter().map(|f| f.name().to_string()));
    line(&cells)
}

fn line(cells: &[String]) -> String {
    let cells: Vec<String> = cells.iter().map(|c| csv_cell(c, ';')).collect();
    format!("{}\r\n", cells.join(";"))
}
