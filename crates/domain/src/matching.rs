//! Bundling a household's signals into one case (vroegsignaalzaak). A
//! household is the normalised address, or the BSN when both signals carry
//! one. Within the matching period before or after a case's first signal,
//! new signals join it; others open a new case, flagged as a repeat signal
//! ("herhaalde melding") when the household had an earlier case that is
//! still open or closed only recently.

use chrono::{Months, NaiveDate};
use serde::Serialize;

/// A gemeente's matching rules; defaults from ../shared/domain.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MatchSettings {
    pub matching_period_months: u32,
    pub repeat_window_months: u32,
}

impl Default for MatchSettings {
    fn default() -> Self {
        MatchSettings {
            matching_period_months: 1,
            repeat_window_months: 6,
        }
    }
}

/// What the rules need to know of an existing case of the same gemeente.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseSummary {
    pub id: i64,
    pub household_key: String,
    /// The BSNs on the case's signals.
    pub bsns: Vec<String>,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy)]
pub struct Incoming<'a> {
    pub household_key: &'a str,
    pub bsn: Option<&'a str>,
    pub signal_date: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum MatchReason {
    SameBsn,
    SameAddress,
}

impl MatchReason {
    pub fn slug(self) -> &'static str {
        match self {
            MatchReason::SameBsn => "zelfde-bsn",
            MatchReason::SameAddress => "zelfde-adres",
        }
    }

    /// Why the signal joined the case, for the case page.
    pub fn explanation(self) -> &'static str {
        match self {
            MatchReason::SameBsn => "zelfde BSN als een eerder signaal in deze zaak",
            MatchReason::SameAddress => "zelfde adres (postcode, huisnummer en toevoeging)",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatchDecision {
    Join { case_id: i64, reason: MatchReason },
    NewCase { repeat_of: Option<i64> },
}

fn same_household(incoming: &Incoming, case: &CaseSummary) -> Option<MatchReason> {
    if let Some(bsn) = incoming.bsn {
        if case.bsns.iter().any(|b| b == bsn) {
            return Some(MatchReason::SameBsn);
        }
    }
    (case.household_key == incoming.household_key).then_some(MatchReason::SameAddress)
}

fn window_end(from: NaiveDate, months: u32) -> NaiveDate {
    from.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

fn window_start(from: NaiveDate, months: u32) -> NaiveDate {
    from.checked_sub_months(Months::new(months))
        .unwrap_or(NaiveDate::MIN)
}

pub fn decide(
    incoming: &Incoming,
    candidates: &[CaseSummary],
    settings: MatchSettings,
) -> MatchDecision {
    let household: Vec<(&CaseSummary, MatchReason)> = candidates
        .iter()
        .filter_map(|case| same_household(incoming, case).map(|reason| (case, reason)))
        .collect();
    // The period reaches both ways from the case's first signal, so the
    // order in which signals arrive does not change how they are bundled.
    let period = settings.matching_period_months;
    let joinable = household.iter().find(|(case, _)| {
        case.closed_on.is_none()
            && window_start(case.opened_on, period) <= incoming.signal_date
            && incoming.signal_date <= window_end(case.opened_on, period)
    });
    if let Some((case, reason)) = joinable {
        return MatchDecision::Join {
            case_id: case.id,
            reason: *reason,
        };
    }
    // Only a case that began before this signal makes it a repeat.
    let repeat_of = household
        .iter()
        .filter(|(case, _)| case.opened_on < incoming.signal_date)
        .filter(|(case, _)| match case.closed_on {
            None => true,
            Some(closed) => {
                closed <= incoming.signal_date
                    && incoming.signal_date <= window_end(closed, settings.repeat_window_months)
            }
        })
        .map(|(case, _)| case.id)
        .max();
    MatchDecision::NewCase { repeat_of }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn case(
        id: i64,
        key: &str,
        bsn: Option<&str>,
        opened: &str,
        closed: Option<&str>,
    ) -> CaseSummary {
        CaseSummary {
            id,
            household_key: key.into(),
            bsns: bsn.map(|b| vec![b.to_string()]).unwrap_or_default(),
            opened_on: date(opened),
            closed_on: closed.map(date),
        }
    }

    /// (name, BSN, signal date, existing cases, expected decision)
    type Row<'a> = (
        &'a str,
        Option<&'a str>,
        &'a str,
        Vec<CaseSummary>,
        MatchDecision,
    );

    #[test]
    fn decide_table() {
        use MatchDecision::*;
        let settings = MatchSettings::default();
        let home = "2511AB|12|A";
        let cases: Vec<Row> = vec![
            (
                "no cases",
                None,
                "2026-03-10",
                vec![],
                NewCase { repeat_of: None },
            ),
            (
                "same address in window",
                None,
                "2026-03-10",
                vec![case(1, home, None, "2026-03-01", None)],
                Join {
                    case_id: 1,
                    reason: MatchReason::SameAddress,
                },
            ),
            (
                "window is one calendar month inclusive",
                None,
                "2026-04-01",
                vec![case(1, home, None, "2026-03-01", None)],
                Join {
                    case_id: 1,
                    reason: MatchReason::SameAddress,
                },
            ),
            (
                "after the window: new case, repeat of the open one",
                None,
                "2026-04-02",
                vec![case(1, home, None, "2026-03-01", None)],
                NewCase { repeat_of: Some(1) },
            ),
            (
                "same BSN at another address",
                Some("123456782"),
                "2026-03-10",
                vec![case(2, "1000AA|1|", Some("123456782"), "2026-03-05", None)],
                Join {
                    case_id: 2,
                    reason: MatchReason::SameBsn,
                },
            ),
            (
                "other household",
                Some("111222333"),
                "2026-03-10",
                vec![case(3, "1000AA|1|", Some("123456782"), "2026-03-05", None)],
                NewCase { repeat_of: None },
            ),
            (
                "closed recently: repeat",
                None,
                "2026-06-01",
                vec![case(4, home, None, "2026-01-01", Some("2026-02-01"))],
                NewCase { repeat_of: Some(4) },
            ),
            (
                "closed long ago: no repeat",
                None,
                "2026-09-02",
                vec![case(4, home, None, "2026-01-01", Some("2026-02-01"))],
                NewCase { repeat_of: None },
            ),
            (
                "closed case is never joined",
                None,
                "2026-01-10",
                vec![case(5, home, None, "2026-01-01", Some("2026-01-05"))],
                NewCase { repeat_of: Some(5) },
            ),
        ];
        for (name, bsn, signal_date, candidates, expected) in cases {
            let incoming = Incoming {
                household_key: home,
                bsn,
                signal_date: date(signal_date),
            };
            assert_eq!(decide(&incoming, &candidates, settings), expected, "{name}");
        }
    }
}
