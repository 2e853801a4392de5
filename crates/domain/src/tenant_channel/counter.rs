//! A verhuurder's counter-proposal to a tenant's arrangement: any term and
//! instalment the verhuurder's own policy allows, as long as the
//! instalments pay exactly the debt (the last one what is left).

use super::response::ArrangementPolicy;
use crate::money::format_euros;
use crate::Invalid;

/// Checks `term_months` × `instalment_cents` for `debt_cents` against the
/// policy; every problem in Dutch under the form's field names.
pub fn check_counter(
    debt_cents: i64,
    term_months: u32,
    instalment_cents: i64,
    policy: &ArrangementPolicy,
) -> Result<(), Invalid> {
    let mut invalid = Invalid::default();
    if debt_cents <= 0 {
        invalid.push(
            "looptijd",
            "Er is geen achterstand om een regeling voor te maken.",
        );
        return invalid.into_result();
    }
    if !(1..=policy.max_term_months).contains(&term_months) {
        let max = policy.max_term_months;
        invalid.push(
            "looptijd",
            format!("Looptijd: kies 1 tot en met {max} maanden."),
        );
    }
    // The whole debt at once is always allowed, even below the minimum.
    if instalment_cents < policy.min_instalment_cents && instalment_cents < debt_cents {
        let min = format_euros(policy.min_instalment_cents);
        invalid.push("termijnbedrag", format!("Termijnbedrag: minstens {min}."));
    }
    if invalid.errors.is_empty() {
        let term = i64::from(term_months);
        if instalment_cents.saturating_mul(term) < debt_cents {
            invalid.push(
                "termijnbedrag",
                "Termijnbedrag: te laag om de achterstand in deze looptijd af te lossen.",
            );
        } else if instalment_cents.saturating_mul(term - 1) >= debt_cents {
            invalid.push(
                "looptijd",
                "Looptijd: te lang voor dit termijnbedrag; de achterstand is eerder afgelost.",
            );
        }
    }
    invalid.into_result()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_counter_stays_within_the_policy_and_pays_the_debt() {
        let policy = ArrangementPolicy {
            max_term_months: 12,
            min_instalment_cents: 2_500,
        };
        // (debt, term, instalment, fields refused)
        let cases: [(i64, u32, i64, &[&str]); 9] = [
            (60_000, 6, 10_000, &[]),
            (60_000, 12, 5_000, &[]),
            (60_000, 5, 12_000, &[]),
            (60_000, 13, 5_000, &["looptijd"]),
            (60_000, 0, 60_000, &["looptijd"]),
            (60_000, 12, 2_000, &["termijnbedrag"]),
            (60_000, 4, 10_000, &["termijnbedrag"]),
            (60_000, 8, 10_000, &["looptijd"]),
            (2_000, 1, 2_000, &[]),
        ];
        for (debt, term, instalment, refused) in cases {
            let fields: Vec<String> = match check_counter(debt, term, instalment, &policy) {
                Ok(()) => Vec::new(),
                Err(invalid) => invalid.errors.into_iter().map(|e| e.field).collect(),
            };
            assert_eq!(fields, refused, "{debt} over {term} × {instalment}");
        }
    }
}
