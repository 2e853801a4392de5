//! A small delivery for the unit tests of the export.

use super::enums::{ContactKind, EndResult, PartOfDay};
use super::input::{
    ContactPerson, DeliveringOrganisation, DeliveryHeader, ExportCase, ExportClient,
    ExportContactAttempt, ExportSignal, MatchingPeriod,
};
use crate::signal::PartnerType;
use chrono::{DateTime, NaiveDate};

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn header() -> DeliveryHeader {
    DeliveryHeader {
        supplier_code: "VANGNET".into(),
        gemeentecode: "0518".into(),
        period_from: date(2025, 1, 1),
        period_to: date(2025, 1, 31),
        // 2025-02-05T10:30:00Z
        created_at: DateTime::from_timestamp(1_738_751_400, 0).unwrap(),
        organisation: DeliveringOrganisation {
            name: "Gemeente Den Haag".into(),
            kvk_number: Some("27370000".into()),
            contact: ContactPerson {
                name: "J. de Vries".into(),
                phone: Some("070-3537000".into()),
                email: Some("j.devries@denhaag.nl".into()),
                job_title: None,
            },
        },
    }
}

/// A picked-up, closed case `n` with signals `n0` and `n1`.
pub fn case(n: i64) -> ExportCase {
    let signal = |id, partner_type, amount_cents| ExportSignal {
        id,
        partner_type,
        amount_cents,
        crisis: false,
        warm_handover: id % 2 == 1,
        arrears_start: Some(date(2024, 12, 1)),
        signal_date: date(2025, 1, 5),
        client: ExportClient {
            surname: Some("Jansen".into()),
            postcode: Some("2511AB".into()),
            house_number: Some(12),
            ..ExportClient::default()
        },
    };
    ExportCase {
        matched_on: Some(date(2025, 1, 6)),
        matching_period: Some(MatchingPeriod {
            start: date(2024, 12, 5),
            end: date(2025, 2, 5),
        }),
        picked_up_on: Some(date(2025, 1, 10)),
        signal_status: None,
        result: Some(EndResult::AdviceOrQuickFix),
        signals: vec![
            signal(n * 10, PartnerType::CakZorgverzekeringen, 150),
            signal(n * 10 + 1, PartnerType::Huur, 123_449),
        ],
        contact_attempts: vec![ExportContactAttempt {
            kind: ContactKind::HomeVisit,
            reached: true,
            on: date(2025, 1, 11),
            part_of_day: Some(PartOfDay::Evening),
        }],
    }
}
