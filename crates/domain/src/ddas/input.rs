//! What the store hands the export: the delivery's header from settings and,
//! per case, its state, matching dates, signals and contact attempts. Amounts
//! stay in cents here; the export rounds them.

use super::enums::{ContactKind, EndResult, PartOfDay, SignalStatus};
use crate::casework::state::{CaseState, Stage};
use crate::matching::MatchSettings;
use crate::org::parse_gemeentecode;
use crate::signal::PartnerType;
use crate::signal::{Address, Person};
use crate::user::parse_email;
use crate::validation::{required_text, Invalid};
use chrono::{DateTime, Months, NaiveDate, Utc};

/// One delivery covers one gemeente over one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryHeader {
    /// `codeGegevensleverancier`: the code CBS gave the software supplier or host.
    pub supplier_code: String,
    pub gemeentecode: String,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    /// `aanleverdatumEnTijd`; passed in because the domain reads no clock.
    pub created_at: DateTime<Utc>,
    pub organisation: DeliveringOrganisation,
}

/// Who delivers for the gemeente: the gemeente itself or an executing party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveringOrganisation {
    pub name: String,
    pub kvk_number: Option<String>,
    pub contact: ContactPerson,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactPerson {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub job_title: Option<String>,
}

impl DeliveryHeader {
    /// Checks what the schema or CBS would refuse, so settings are fixed
    /// before an export is attempted rather than after CBS rejects it.
    pub fn check(&self) -> Result<(), Invalid> {
        let mut invalid = Invalid::default();
        invalid.check(required_text("leverancierscode", &self.supplier_code, 100));
        invalid.check(parse_gemeentecode(&self.gemeentecode));
        if self.period_from > self.period_to {
            invalid.push("periode", "de begindatum ligt na de einddatum");
        }
        let organisation = &self.organisation;
        invalid.check(required_text("organisatie", &organisation.name, 200));
        invalid.check(required_text(
            "contactpersoon",
            &organisation.contact.name,
            200,
        ));
        if let Some(email) = &organisation.contact.email {
            invalid.check(parse_email(email));
        }
        invalid.into_result()
    }
}

/// A case with everything the delivery reports of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportCase {
    /// `matchingsdatum`: when matching bundled the signals into this case.
    pub matched_on: Option<NaiveDate>,
    pub matching_period: Option<MatchingPeriod>,
    pub picked_up_on: Option<NaiveDate>,
    /// The status each of the case's signals gets: vangnet decides per
    /// case, so all signals of a case share it.
    pub signal_status: Option<SignalStatus>,
    pub result: Option<EndResult>,
    pub signals: Vec<ExportSignal>,
    pub contact_attempts: Vec<ExportContactAttempt>,
}

impl ExportCase {
    /// Reads pick-up date, signal status and result off the case's state, so
    /// the export says what the state machine decided.
    pub fn from_state(
        state: &CaseState,
        signals: Vec<ExportSignal>,
        contact_attempts: Vec<ExportContactAttempt>,
    ) -> ExportCase {
        ExportCase {
            matched_on: None,
            matching_period: None,
            picked_up_on: state.picked_up_on(),
            signal_status: signal_status(state),
            result: end_result(state),
            signals,
            contact_attempts,
        }
    }
}

/// DDAS has no status for a picked-up signal; its pick-up shows as the
/// case's `datum_opgepakt`, so the status is left out.
fn signal_status(state: &CaseState) -> Option<SignalStatus> {
    match &state.stage {
        Stage::NotPickedUp { reason } => Some(reason.signal_status()),
        _ if state.picked_up_on().is_some() => None,
        _ => Some(SignalStatus::NotYetPickedUp),
    }
}

/// Only an ended case has a result; a reopened one is in progress again.
fn end_result(state: &CaseState) -> Option<EndResult> {
    match &state.stage {
        Stage::NotPickedUp { reason } => Some(reason.end_result()),
        Stage::Closed { result, .. } => Some(*result),
        _ => None,
    }
}

/// The period over which signals were bundled into the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchingPeriod {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl MatchingPeriod {
    /// vangnet's matching reaches both ways from the case's first signal
    /// (see `crate::matching`), so that is the period it reports.
    pub fn around(first_signal: NaiveDate, settings: MatchSettings) -> MatchingPeriod {
        let months = Months::new(settings.matching_period_months);
        MatchingPeriod {
            start: first_signal
                .checked_sub_months(months)
                .unwrap_or(first_signal),
            end: first_signal
                .checked_add_months(months)
                .unwrap_or(first_signal),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSignal {
    /// Unique within the delivery: the case refers to its signals by it.
    pub id: i64,
    pub partner_type: PartnerType,
    pub amount_cents: i64,
    pub crisis: bool,
    pub warm_handover: bool,
    pub arrears_start: Option<NaiveDate>,
    pub signal_date: NaiveDate,
    pub client: ExportClient,
}

/// The person a signal is about. Every field is optional in DDAS, and a
/// purged household still counts: it is exported with an empty client.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExportClient {
    pub bsn: Option<String>,
    pub initials: Option<String>,
    pub prefix: Option<String>,
    pub surname: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub street: Option<String>,
    pub postcode: Option<String>,
    pub house_number: Option<u32>,
    pub addition: Option<String>,
    pub city: Option<String>,
}

impl ExportClient {
    pub fn from_signal(person: &Person, address: &Address) -> ExportClient {
        ExportClient {
            bsn: person.bsn.clone(),
            initials: person.initials.clone(),
            prefix: person.prefix.clone(),
            surname: Some(person.surname.clone()),
            birth_date: person.birth_date,
            street: address.street.clone(),
            postcode: Some(address.postcode.clone()),
            house_number: Some(address.house_number),
            addition: address.addition.clone(),
            city: address.city.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportContactAttempt {
    pub kind: ContactKind,
    pub reached: bool,
    pub on: NaiveDate,
    pub part_of_day: Option<PartOfDay>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ddas::DeclineReason;

    fn header() -> DeliveryHeader {
        DeliveryHeader {
            supplier_code: "VANGNET".into(),
            gemeentecode: "0518".into(),
            period_from: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            period_to: NaiveDate::from_ymd_opt(2025, 1, 31).unwrap(),
            created_at: DateTime::from_timestamp(1_738_751_400, 0).unwrap(),
            organisation: DeliveringOrganisation {
                name: "Gemeente Den Haag".into(),
                kvk_number: None,
                contact: ContactPerson {
                    name: "J. de Vries".into(),
                    phone: None,
                    email: Some("j.devries@denhaag.nl".into()),
                    job_title: None,
                },
            },
        }
    }

    #[test]
    fn header_check_names_every_problem() {
        assert_eq!(header().check(), Ok(()));
        let mut bad = header();
        bad.supplier_code = " ".into();
        bad.gemeentecode = "GM0518".into();
        bad.period_to = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
        bad.organisation.contact.email = Some("geen-adres".into());
        let fields: Vec<String> = bad
            .check()
            .unwrap_err()
            .errors
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            ["leverancierscode", "gemeentecode", "periode", "email"]
        );
    }

    #[test]
    fn status_result_and_pick_up_follow_the_state() {
        let day = |d| NaiveDate::from_ymd_opt(2025, 1, d).unwrap();
        let with = |stage| CaseState {
            stage,
            ..CaseState::new()
        };
        let cases = [
            (
                with(Stage::Open),
                Some(SignalStatus::NotYetPickedUp),
                None,
                None,
            ),
            (
                with(Stage::PickedUp { on: day(3) }),
                None,
                None,
                Some(day(3)),
            ),
            (
                with(Stage::NotPickedUp {
                    reason: DeclineReason::Deceased,
                }),
                Some(SignalStatus::Deceased),
                Some(EndResult::Deceased),
                None,
            ),
            (
                with(Stage::Closed {
                    picked_up_on: day(3),
                    result: EndResult::AlreadyPaid,
                    on: day(9),
                }),
                None,
                Some(EndResult::AlreadyPaid),
                Some(day(3)),
            ),
            (
                with(Stage::Reopened {
                    reason: "x".into(),
                    picked_up_on: None,
                }),
                Some(SignalStatus::NotYetPickedUp),
                None,
                None,
            ),
        ];
        for (state, status, result, picked_up_on) in cases {
            let case = ExportCase::from_state(&state, vec![], vec![]);
            assert_eq!(case.signal_status, status, "{state:?}");
            assert_eq!(case.result, result, "{state:?}");
            assert_eq!(case.picked_up_on, picked_up_on, "{state:?}");
        }
    }

    #[test]
    fn the_matching_period_reaches_both_ways() {
        let first = NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
        let period = MatchingPeriod::around(first, MatchSettings::default());
        assert_eq!(period.start, NaiveDate::from_ymd_opt(2025, 2, 28).unwrap());
        assert_eq!(period.end, NaiveDate::from_ymd_opt(2025, 4, 30).unwrap());
    }
}
