//! One table of figures, the single source of every output: the page's
//! table (and a chart's data-table alternative), the CSV for Dutch Excel,
//! the XLSX and the API's JSON all render these cells, so their numbers
//! are the same by construction. Counts are suppressed before they get
//! here (`Shown`), and a share of a suppressed count is hidden too.

use super::suppression::{shown, Shown};
use crate::export::csv_cell;
use crate::money::{dutch_thousands, format_euros};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Cell {
    Text(String),
    Count(Shown),
    /// Integer cents, never a float.
    Money(i64),
    /// Per mille (one decimal of a percentage); `None` when it would
    /// reveal a suppressed count.
    Percent(Option<u32>),
    /// A count of things that are not households (practices, page reads,
    /// organisations): the small-cell rule is about people, so it is shown.
    Number(u64),
    /// A number with one decimal, in tenths (a median of days: 35 is 3,5);
    /// `None` when there is nothing to take it from or too few to show.
    Tenths(Option<u32>),
    /// A figure that would reveal a suppressed count, such as an amount
    /// that is a small count times a known price.
    Withheld,
}

impl Cell {
    pub fn count(n: u64) -> Cell {
        Cell::Count(shown(n))
    }

    /// `part` of `whole` as a percentage with one decimal, rounded half up;
    /// hidden when either count is suppressed or there is no whole.
    pub fn share(part: u64, whole: u64) -> Cell {
        let visible = shown(part).count().is_some() && shown(whole).count().is_some();
        Cell::Percent((visible && whole > 0).then(|| {
            let permille = (part * 2000 + whole) / (whole * 2);
            u32::try_from(permille).unwrap_or(u32::MAX)
        }))
    }

    /// `count` times `cents_each`, withheld when the count is suppressed
    /// (the amount divided by the known price would give it away).
    pub fn money_of(count: u64, cents_each: i64) -> Cell {
        match shown(count).count() {
            Some(n) => Cell::Money(
                i64::try_from(n)
                    .unwrap_or(i64::MAX)
                    .saturating_mul(cents_each),
            ),
            None => Cell::Withheld,
        }
    }

    /// The count a chart may draw: `None` for a suppressed one.
    pub fn chart_value(&self) -> Option<u64> {
        match self {
            Cell::Count(count) => count.count(),
            Cell::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// `part` of a whole that is `part + rest`, where both parts are shown
    /// as counts beside it: hidden when either is suppressed, because the
    /// share and one count would give the other away.
    pub fn share_split(part: u64, rest: u64) -> Cell {
        match shown(rest).count() {
            Some(_) => Cell::share(part, part + rest),
            None => Cell::Percent(None),
        }
    }

    /// The counts of the parts of a whole that is shown too. A lone small
    /// part would be the whole minus the others, so the smallest other part
    /// is withheld with it: then only their sum can be worked out.
    pub fn parts(counts: &[u64]) -> Vec<Cell> {
        let mut cells: Vec<Cell> = counts.iter().map(|&n| Cell::count(n)).collect();
        let small = cells.iter().filter(|c| c.chart_value().is_none()).count();
        let next = counts
            .iter()
            .enumerate()
            .filter(|&(_, &n)| shown(n).count().is_some())
            .min_by_key(|&(_, &n)| n);
        if let (1, Some((i, _))) = (small, next) {
            cells[i] = Cell::Withheld;
        }
        cells
    }

    /// `share(part, whole)` beside the part's own cell: hidden when that
    /// cell is, since the share times the whole would give the part away.
    pub fn share_beside(cell: &Cell, part: u64, whole: u64) -> Cell {
        match cell.chart_value() {
            Some(_) => Cell::share(part, whole),
            None => Cell::Percent(None),
        }
    }

    /// As a person reads it on a page: "1.234", "<5", "€ 7.500,00", "12,5%", "–".
    pub fn display(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Count(count) => count.to_string(),
            Cell::Money(cents) => format_euros(*cents),
            Cell::Percent(Some(permille)) => format!("{}%", decimal_comma(*permille)),
            Cell::Number(n) => dutch_thousands(*n),
            Cell::Tenths(Some(tenths)) => decimal_comma(*tenths),
            Cell::Percent(None) | Cell::Tenths(None) | Cell::Withheld => "–".into(),
        }
    }

    /// As Dutch Excel reads a number: no thousands dots, a decimal comma,
    /// no currency sign (the column header says euro).
    fn csv(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Count(Shown::Count(n)) => n.to_string(),
            Cell::Count(Shown::Fewer) => "<5".into(),
            Cell::Money(cents) => {
                let sign = if *cents < 0 { "-" } else { "" };
                let abs = cents.unsigned_abs();
                format!("{sign}{},{:02}", abs / 100, abs % 100)
            }
            Cell::Percent(Some(permille)) | Cell::Tenths(Some(permille)) => {
                decimal_comma(*permille)
            }
            Cell::Number(n) => n.to_string(),
            Cell::Percent(None) | Cell::Tenths(None) | Cell::Withheld => String::new(),
        }
    }
}

fn decimal_comma(permille: u32) -> String {
    format!("{},{}", permille / 10, permille % 10)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatTable {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl StatTable {
    /// CSV for Dutch Excel: UTF-8 with a BOM (so Excel reads the accents),
    /// `;` between cells, decimal commas, CRLF line ends, and every cell
    /// safe against formula injection, numbers too: a negative amount gets
    /// the apostrophe like any cell starting with `-` (the rule has no
    /// exceptions, so no one has to reason about which cells are safe).
    pub fn to_csv(&self) -> String {
        let mut out = String::from("\u{FEFF}");
        let line = |cells: Vec<String>| cells.join(";") + "\r\n";
        out.push_str(&line(
            self.columns.iter().map(|c| csv_cell(c, ';')).collect(),
        ));
        for row in &self.rows {
            out.push_str(&line(row.iter().map(csv_text).collect()));
        }
        out
    }
}

fn csv_text(cell: &Cell) -> String {
    csv_cell(&cell.csv(), ';')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> StatTable {
        StatTable {
            title: "Signalen per soort".into(),
            columns: vec![
                "Soort".into(),
                "Aantal".into(),
                "Aandeel".into(),
                "Kosten (euro)".into(),
            ],
            rows: vec![
                vec![
                    Cell::Text("Huur".into()),
                    Cell::count(1234),
                    Cell::share(1234, 1500),
                    Cell::Money(750_000),
                ],
                vec![
                    Cell::Text("=HYPERLINK(\"x\")".into()),
                    Cell::count(3),
                    Cell::share(3, 1500),
                    Cell::Money(-2_550),
                ],
                vec![
                    Cell::Text("Energie; water".into()),
                    Cell::count(263),
                    Cell::share(263, 1500),
                    Cell::Money(0),
                ],
            ],
        }
    }

    #[test]
    fn the_csv_is_for_dutch_excel_and_safe() {
        assert_eq!(
            table().to_csv(),
            "\u{FEFF}Soort;Aantal;Aandeel;Kosten (euro)\r\n\
             Huur;1234;82,3;7500,00\r\n\
             \"'=HYPERLINK(\"\"x\"\")\";<5;;'-25,50\r\n\
             \"Energie; water\";263;17,5;0,00\r\n"
        );
    }

    #[test]
    fn shares_of_suppressed_counts_are_hidden() {
        for (part, whole, shown) in [
            (1234, 1500, "82,3%"),
            (5, 5, "100,0%"),
            (1, 3, "–"),
            (3, 1500, "–"),
            (7, 4, "–"),
            (0, 0, "–"),
            (2, 3_000_000, "–"),
            (5, 3, "–"),
            (1, 8, "–"),
            (5, 8, "62,5%"),
        ] {
            assert_eq!(Cell::share(part, whole).display(), shown, "{part}/{whole}");
        }
        for (part, rest, shown) in [(7, 3, "–"), (3, 7, "–"), (7, 5, "58,3%"), (0, 9, "–")] {
            assert_eq!(
                Cell::share_split(part, rest).display(),
                shown,
                "{part}+{rest}"
            );
        }
    }

    #[test]
    fn a_lone_small_part_takes_the_next_smallest_with_it() {
        let show = |cells: Vec<Cell>| -> Vec<String> { cells.iter().map(Cell::display).collect() };
        for (counts, expected) in [
            (vec![40, 12, 3], vec!["40", "–", "<5"]),
            (vec![40, 12, 0], vec!["40", "–", "<5"]),
            (vec![3, 40, 12, 9], vec!["<5", "40", "12", "–"]),
            (vec![40, 2, 3], vec!["40", "<5", "<5"]),
            (vec![40, 12, 9], vec!["40", "12", "9"]),
            (vec![0, 0, 0], vec!["<5", "<5", "<5"]),
            (vec![3], vec!["<5"]),
            (vec![], vec![]),
        ] {
            assert_eq!(show(Cell::parts(&counts)), expected, "{counts:?}");
        }
        let cells = Cell::parts(&[40, 12, 3]);
        let shares: Vec<String> = [40, 12, 3]
            .iter()
            .zip(&cells)
            .map(|(&n, cell)| Cell::share_beside(cell, n, 55).display())
            .collect();
        assert_eq!(shares, ["72,7%", "–", "–"]);
    }

    #[test]
    fn the_json_has_the_same_numbers() {
        let json = serde_json::to_value(table()).unwrap();
        assert_eq!(
            json["rows"][0][1],
            serde_json::json!({"kind": "count", "value": 1234})
        );
        assert_eq!(
            json["rows"][1][1],
            serde_json::json!({"kind": "count", "value": "<5"})
        );
        assert_eq!(
            json["rows"][0][2],
            serde_json::json!({"kind": "percent", "value": 823})
        );
        assert_eq!(
            json["rows"][1][3],
            serde_json::json!({"kind": "money", "value": -2550})
        );
    }
}
