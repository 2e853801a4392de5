//! A reporting period: a month ("2026-03"), a quarter ("2026-K1", the Dutch
//! kwartaal), a year ("2026") or a custom range ("2026-01-15..2026-03-31"),
//! always whole Europe/Amsterdam calendar days, both ends included.

use chrono::{Datelike, Months, NaiveDate};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Month { year: i32, month: u32 },
    Quarter { year: i32, quarter: u32 },
    Year(i32),
    Range { from: NaiveDate, to: NaiveDate },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodError(pub String);

impl fmt::Display for PeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

const HINT: &str =
    "gebruik 2026 (jaar), 2026-K1 (kwartaal), 2026-03 (maand) of 2026-01-15..2026-03-31";

fn year(text: &str) -> Option<i32> {
    (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
        .filter(|y| (2000..=2100).contains(y))
}

impl Period {
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        let text = text.trim();
        let refused = || PeriodError(format!("'{text}' is geen periode; {HINT}"));
        if let Some((from, to)) = text.split_once("..") {
            let day = |d: &str| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok();
            let (from, to) = (day(from).ok_or_else(refused)?, day(to).ok_or_else(refused)?);
            if from > to {
                return Err(PeriodError(format!(
                    "'{text}': de begindatum ligt na de einddatum"
                )));
            }
            return Ok(Period::Range { from, to });
        }
        if let Some(y) = year(text) {
            return Ok(Period::Year(y));
        }
        let (y, rest) = text.split_once('-').ok_or_else(refused)?;
        let y = year(y).ok_or_else(refused)?;
        if let Some(q) = rest.strip_prefix(['K', 'k', 'Q', 'q']) {
            return match q.parse::<u32>() {
                Ok(quarter @ 1..=4) => Ok(Period::Quarter { year: y, quarter }),
                _ => Err(refused()),
            };
        }
        match rest.parse::<u32>() {
            Ok(month @ 1..=12) if rest.len() == 2 => Ok(Period::Month { year: y, month }),
            _ => Err(refused()),
        }
    }

    /// The first and last day, both included.
    pub fn days(self) -> (NaiveDate, NaiveDate) {
        let first = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1).expect("a valid month");
        let span = |start: NaiveDate, months: u32| {
            let end = start + Months::new(months);
            (start, end.pred_opt().expect("after the epoch"))
        };
        match self {
            Period::Month { year, month } => span(first(year, month), 1),
            Period::Quarter { year, quarter } => span(first(year, quarter * 3 - 2), 3),
            Period::Year(year) => span(first(year, 1), 12),
            Period::Range { from, to } => (from, to),
        }
    }

    /// The period just before, of the same kind (a range: the same number
    /// of days), for "compared with the previous period".
    pub fn previous(self) -> Period {
        match self {
            Period::Month { year, month: 1 } => Period::Month {
                year: year - 1,
                month: 12,
            },
            Period::Month { year, month } => Period::Month {
                year,
                month: month - 1,
            },
            Period::Quarter { year, quarter: 1 } => Period::Quarter {
                year: year - 1,
                quarter: 4,
            },
            Period::Quarter { year, quarter } => Period::Quarter {
                year,
                quarter: quarter - 1,
            },
            Period::Year(year) => Period::Year(year - 1),
            Period::Range { from, to } => {
                let length = to - from;
                let to = from.pred_opt().expect("after the epoch");
                Period::Range {
                    from: to - length,
                    to,
                }
            }
        }
    }

    /// The months the period touches, in order, for a trend line.
    pub fn months(self) -> Vec<Period> {
        let (from, to) = self.days();
        let mut month = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).expect("valid");
        let mut out = Vec::new();
        while month <= to {
            out.push(Period::Month {
                year: month.year(),
                month: month.month(),
            });
            month = month + Months::new(1);
        }
        out
    }
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

impl Period {
    /// As a Dutch reader says it: "2026", "1e kwartaal 2026", "maart 2026",
    /// "15-01-2026 t/m 31-03-2026".
    pub fn dutch(self) -> String {
        match self {
            Period::Month { year, month } => format!("{} {year}", MONTHS[month as usize - 1]),
            Period::Quarter { year, quarter } => format!("{quarter}e kwartaal {year}"),
            Period::Year(year) => year.to_string(),
            Period::Range { from, to } => {
                format!("{} t/m {}", from.format("%d-%m-%Y"), to.format("%d-%m-%Y"))
            }
        }
    }

    /// A month's short label on a chart axis: "mrt 2026".
    pub fn short_month(first_day: NaiveDate) -> String {
        const SHORT: [&str; 12] = [
            "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
        ];
        format!(
            "{} {}",
            SHORT[first_day.month0() as usize],
            first_day.year()
        )
    }
}

impl fmt::Display for Period {
    /// As `parse` reads it, so a period round-trips through an address.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Month { year, month } => write!(f, "{year}-{month:02}"),
            Period::Quarter { year, quarter } => write!(f, "{year}-K{quarter}"),
            Period::Year(year) => write!(f, "{year}"),
            Period::Range { from, to } => write!(f, "{from}..{to}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn periods_parse_to_their_days_and_back() {
        for (text, from, to, previous) in [
            ("2026", "2026-01-01", "2026-12-31", "2025"),
            ("2026-K1", "2026-01-01", "2026-03-31", "2025-K4"),
            ("2024-k4", "2024-10-01", "2024-12-31", "2024-K3"),
            ("2024-02", "2024-02-01", "2024-02-29", "2024-01"),
            ("2026-01", "2026-01-01", "2026-01-31", "2025-12"),
            (
                "2026-01-15..2026-01-24",
                "2026-01-15",
                "2026-01-24",
                "2026-01-05..2026-01-14",
            ),
        ] {
            let period = Period::parse(text).unwrap();
            assert_eq!(period.days(), (d(from), d(to)), "{text}");
            assert_eq!(period.previous().to_string(), previous, "{text}");
            assert_eq!(
                Period::parse(&period.to_string()).unwrap(),
                period,
                "{text}"
            );
        }
    }

    #[test]
    fn a_bad_period_says_what_would_do() {
        for text in [
            "",
            "26",
            "2026-13",
            "2026-K5",
            "2026-3",
            "1999",
            "2026-02-30..2026-03-01",
            "2026-03-01..2026-02-01",
            "vorig jaar",
        ] {
            let error = Period::parse(text).unwrap_err().to_string();
            assert!(error.contains(text.trim()), "{text}: {error}");
        }
        assert!(Period::parse("x")
            .unwrap_err()
            .to_string()
            .contains("2026-K1"));
    }

    #[test]
    fn a_period_lists_the_months_it_touches() {
        let months: Vec<String> = Period::parse("2025-11-20..2026-02-03")
            .unwrap()
            .months()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(months, ["2025-11", "2025-12", "2026-01", "2026-02"]);
        assert_eq!(Period::Year(2026).months().len(), 12);
    }

    #[test]
    fn periods_in_dutch() {
        for (text, dutch) in [
            ("2026", "2026"),
            ("2026-K1", "1e kwartaal 2026"),
            ("2026-03", "maart 2026"),
            ("2026-01-15..2026-03-31", "15-01-2026 t/m 31-03-2026"),
        ] {
            assert_eq!(Period::parse(text).unwrap().dutch(), dutch);
        }
        assert_eq!(Period::short_month(d("2026-03-01")), "mrt 2026");
        assert_eq!(Period::short_month(d("2026-05-01")), "mei 2026");
    }
}
