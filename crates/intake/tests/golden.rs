//! A deliberately messy export (Windows-1252, CRLF, `;`, mixed notations,
//! a quoted line break, blank lines, broken rows) against a summary that was
//! reviewed by hand. A change here is a change in behaviour: review the diff
//! and edit `rommelig.expected` by hand, do not regenerate it blindly.

use chrono::NaiveDate;
use vangnet_domain::signal::{validate, PartnerType, Validated};
use vangnet_intake::{Profile, SignalReader};

fn summary(data: &[u8]) -> String {
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let reader = SignalReader::new(data, &Profile::default()).expect("header");
    let mut out = String::new();
    for row in reader {
        let line = match row {
            Err(problem) => format!("{} problem {}", problem.line, problem.code),
            Ok(raw) => match validate(&raw, PartnerType::Overige, today) {
                Validated::Accepted(s) => format!(
                    "{} accepted {} {} {}",
                    raw.line,
                    s.partner_type.slug(),
                    s.amount_cents,
                    s.household_key()
                ),
                Validated::Objected => format!("{} objected", raw.line),
                Validated::Rejected(errors) => {
                    let codes: Vec<String> = errors
                        .iter()
                        .map(|e| format!("{}:{}", e.column, e.code))
                        .collect();
                    format!("{} rejected {}", raw.line, codes.join(" "))
                }
            },
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[test]
fn messy_file_matches_the_reviewed_summary() {
    let data = include_bytes!("data/rommelig.csv");
    let expected = include_str!("data/rommelig.expected");
    let actual = summary(data);
    assert!(
        actual == expected,
        "summary changed; actual:\n{actual}\nexpected:\n{expected}"
    );
}
