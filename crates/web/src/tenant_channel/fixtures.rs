//! One tenancy's letters for the tests: the same facts as the domain's
//! letter tests, so a figure checked there is the figure checked here.

use super::PostalAddress;
use chrono::NaiveDate;
use vangnet_domain::tenancy::{Leniency, Policy};
use vangnet_domain::tenant_channel::{
    compose, ArrearsLine, DebtHelpContact, Letter, LetterInput, LetterKind, Sender,
};

pub const LINK: &str = "https://vangnet.example/h/Zq3xK9pL2mN8vR4tW7yB";
const GEMEENTE: &str = "0518";

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// A leniency over March and April 2026 for the tenancy's gemeente.
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

pub fn letter(kind: LetterKind, policy: &Policy, tenant_name: &str) -> Letter {
    let month = |day: &str, amount_cents| ArrearsLine {
        month: d(day),
        amount_cents,
    };
    let input = LetterInput {
        kind,
        tenant_name: tenant_name.to_string(),
        sender: Sender {
            name: "Woonstichting Haaglanden".to_string(),
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
    };
    assert_eq!(input.validate(), Ok(()), "the fixture is a valid letter");
    compose(&input)
}

pub fn sender() -> PostalAddress {
    PostalAddress {
        name: "Woonstichting Haaglanden".to_string(),
        lines: vec!["Postbus 1234".to_string(), "2500 AA Den Haag".to_string()],
    }
}

pub fn recipient(name: &str) -> PostalAddress {
    PostalAddress {
        name: name.to_string(),
        lines: vec![
            "Laan van Meerdervoort 12".to_string(),
            "2517 AB Den Haag".to_string(),
        ],
    }
}
