//! The payment arrangements a verhuurder's policy allows, offered to the
//! tenant to pick from (issue 9: a maximum term and a minimum instalment,
//! both settings).

#[cfg(test)]
mod tests;

use crate::Invalid;

/// The verhuurder's settings. The defaults are a starting point, not a
/// rule: no statute or source fixes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArrangementPolicy {
    pub max_term_months: u32,
    pub min_instalment_cents: i64,
}

impl Default for ArrangementPolicy {
    fn default() -> Self {
        ArrangementPolicy {
            max_term_months: 12,
            min_instalment_cents: 2_500,
        }
    }
}

/// Beyond five years an arrangement is no arrangement but a new loan.
pub const MAX_TERM_MONTHS: u32 = 60;

impl ArrangementPolicy {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut invalid = Invalid::default();
        if !(1..=MAX_TERM_MONTHS).contains(&self.max_term_months) {
            invalid.push(
                "max_term_months",
                format!("moet tussen 1 en {MAX_TERM_MONTHS} maanden liggen"),
            );
        }
        if self.min_instalment_cents < 1 {
            invalid.push("min_instalment_cents", "moet minstens 1 cent zijn");
        }
        invalid.into_result()
    }
}

/// One arrangement: `term_months` payments, all of `instalment_cents`
/// except the last, which is what is left, so the tenant pays exactly the
/// debt and never a cent more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArrangementOption {
    pub term_months: u32,
    pub instalment_cents: i64,
    pub last_instalment_cents: i64,
}

impl ArrangementOption {
    /// `debt` over `term` months, the instalment rounded up to whole cents
    /// so that the instalments cover the debt. `None` when the debt would
    /// be paid off before the last month (tiny debts over long terms).
    fn new(debt_cents: i64, term_months: u32) -> Option<ArrangementOption> {
        let term = i64::from(term_months);
        let instalment = (debt_cents + term - 1) / term;
        let last = debt_cents - instalment * (term - 1);
        (last > 0).then_some(ArrangementOption {
            term_months,
            instalment_cents: instalment,
            last_instalment_cents: last,
        })
    }
}

/// The terms offered: every three months up to the maximum, and the
/// maximum itself (a policy of 10 months offers 3, 6, 9 and 10).
fn terms(max_term_months: u32) -> Vec<u32> {
    let mut terms: Vec<u32> = (1..=max_term_months / 3).map(|n| n * 3).collect();
    if terms.last() != Some(&max_term_months) {
        terms.push(max_term_months);
    }
    terms
}

/// The options to offer for a debt, shortest first. Terms whose instalment
/// falls below the minimum are dropped. If that drops them all (a debt
/// below a few minimum instalments), one option remains: the longest term
/// no longer than the shortest offered term whose instalment still meets
/// the minimum, or the whole debt in one month when even that is too
/// little. So the list is never empty while something is owed, and never
/// asks for less than the minimum unless it asks for everything.
pub fn arrangement_options(debt_cents: i64, policy: &ArrangementPolicy) -> Vec<ArrangementOption> {
    if debt_cents <= 0 || policy.max_term_months == 0 {
        return Vec::new();
    }
    let terms = terms(policy.max_term_months);
    let minimum = policy.min_instalment_cents;
    let options: Vec<ArrangementOption> = terms
        .iter()
        .filter_map(|term| ArrangementOption::new(debt_cents, *term))
        .filter(|option| option.instalment_cents >= minimum)
        .collect();
    if !options.is_empty() {
        return options;
    }
    let shortest = terms[0];
    let fallback = (1..=shortest)
        .rev()
        .filter_map(|term| ArrangementOption::new(debt_cents, term))
        .find(|option| option.instalment_cents >= minimum || option.term_months == 1);
    fallback.into_iter().collect()
}
