//! One tenancy's letter facts for tests, here and in the web crate (feature
//! `fixtures`), so a figure checked in the domain is the figure checked in
//! the printed letter.

use super::{ArrearsLine, DebtHelpContact, LetterInput, LetterKind, Sender};
use crate::tenancy::{Leniency, Policy};
use chrono::NaiveDate;

pub const LINK: &str = "https://vangnet.example/h/Zq3xK9pL2mN8vR4tW7yB";
pub const GEMEENTE: &str = "0518";
pub const SENDER: &str = "Woonstichting Haaglanden";

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// A letter of `kind` sent on 2 March 2026 for € 1.750,00 over three
/// months, in Den Haag.
pub fn input<'a>(kind: LetterKind, policy: &'a Policy, tenant_name: &str) -> LetterInput<'a> {
    let month = |day: &str, amount_cents| ArrearsLine {
        month: d(day),
        amount_cents,
    };
    LetterInput {
        kind,
        tenant_name: tenant_name.to_string(),
        sender: Sender {
            name: SENDER.to_string(),
            phone: "070 123 45 67".to_string(),
        },
        sent_on: d("2026-03-02"),
        arrears: vec![
            month("2026-01-01", 25_000),
            month("2026-02-01", 75_000),
            month("2026-03-01", 75_000),
        ],
        iban: "NL91 ABNA 0417 1643 00".to_string(),
        payment_reference: "HUUR-2026-00417".to_string(),
        personal_link: LINK.to_string(),
        debt_help: DebtHelpContact {
            gemeente: "Den Haag".to_string(),
            name: "Schuldhulp Den Haag".to_string(),
            phone: "14070".to_string(),
            email: "schuldhulp@denhaag.example".to_string(),
            website: "https://www.denhaag.example/geldzorgen".to_string(),
        },
        gemeentecode: GEMEENTE.to_string(),
        policy,
    }
}

/// A leniency over March and April 2026 for the tenancy's gemeente, 150%.
pub fn lenient() -> Policy {
    Policy {
        leniency: vec![Leniency {
            from: d("2026-03-01"),
            to: d("2026-04-30"),
            gemeentecodes: Some(vec![GEMEENTE.to_string()]),
            factor_percent: 150,
        }],
        ..Policy::default()
    }
}
