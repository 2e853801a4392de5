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
        // When it is unclear whether the person objected, keep nothing of
        // them: only the kenmerk, so the partner can find the row.
        let unclear_objection = errors
            .iter()
            .any(|e| e.column == SignalField::BezwaarTegenDoorgeven.name());
        cells.extend(SignalField::ALL.iter().map(|f| {
            if unclear_objection && *f != SignalField::Kenmerk {
                String::new()
            } else {
                raw.get(*f).to_string()
            }
        }));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> RawSignal {
        let mut raw = RawSignal::new(7);
        raw.set(SignalField::Kenmerk, "K-1");
        raw.set(SignalField::Bsn, "123456782");
        raw.set(SignalField::Telefoon, "+31612345678");
        raw
    }

    fn error(column: &'static str) -> RowError {
        RowError {
            column,
            code: "x",
            message: "klopt niet".into(),
        }
    }

    #[test]
    fn rejected_rows_keep_the_row_and_neutralise_formulas() {
        let mut rejected = RejectedRows::default();
        rejected.push(&row(), &[error("bedrag")]);
        let csv = rejected.into_csv().unwrap();
        assert!(csv.starts_with("regel;fouten;kenmerk;"));
        assert!(csv.contains("123456782"));
        assert!(csv.contains("'+31612345678"));
    }

    #[test]
    fn an_unclear_objection_keeps_only_the_kenmerk() {
        let mut rejected = RejectedRows::default();
        rejected.push(&row(), &[error("bezwaar_tegen_doorgeven")]);
        let csv = rejected.into_csv().unwrap();
        assert!(csv.contains("K-1"));
        assert!(
            !csv.contains("123456782") && !csv.contains("31612345678"),
            "{csv}"
        );
    }
}
