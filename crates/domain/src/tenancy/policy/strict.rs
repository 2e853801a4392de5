//! "A verhuurder may only be stricter than the platform" (issue 5, point
//! 4). Stricter means more protective of the tenant: waits at least as
//! long, thresholds at least as high, at least the platform's holidays
//! (more days off make a working-day wait longer), every platform
//! moratorium kept (at least as long, as wide, with no extra exceptions)
//! and every platform leniency kept (as long, as wide, as generous).

use super::{Declaration, Leniency, Moratorium, Policy, RANGES};
use crate::workdays::LiberationDay;
use crate::Invalid;

impl Policy {
    pub fn is_at_least_as_strict_as(&self, platform: &Policy) -> bool {
        self.check_at_least_as_strict_as(platform).is_ok()
    }

    /// This policy with every setting and holiday at least the platform's:
    /// a verhuurder's version checked against the platform when it was
    /// declared stays no laxer when the platform asks more later.
    /// Moratoria and leniency are not touched; the caller adds the
    /// platform's to the verhuurder's rather than letting one replace the
    /// other.
    pub fn tightened_to(mut self, platform: &Policy) -> Policy {
        for ((key, _, _), theirs) in RANGES.iter().zip(platform.settings()) {
            if let Some(mine) = self.setting_mut(key) {
                *mine = (*mine).max(theirs);
            }
        }
        self.holidays.good_friday |= platform.holidays.good_friday;
        if platform.holidays.liberation_day == LiberationDay::EveryYear {
            self.holidays.liberation_day = LiberationDay::EveryYear;
        }
        self
    }

    /// Every way this policy is laxer than `platform`, in Dutch, under the
    /// key that is laxer.
    pub fn check_at_least_as_strict_as(&self, platform: &Policy) -> Result<(), Invalid> {
        let mut invalid = Invalid::default();
        for (((key, _, _), mine), theirs) in
            RANGES.iter().zip(self.settings()).zip(platform.settings())
        {
            if mine < theirs {
                invalid.push(
                    key,
                    format!("is {mine}; het platform vraagt minstens {theirs}"),
                );
            }
        }
        if platform.holidays.good_friday && !self.holidays.good_friday {
            invalid.push(
                "holidays.good_friday",
                "het platform telt Goede Vrijdag als vrije dag; dat moet hier ook",
            );
        }
        if platform.holidays.liberation_day == LiberationDay::EveryYear
            && self.holidays.liberation_day != LiberationDay::EveryYear
        {
            invalid.push(
                "holidays.liberation_day",
                "het platform telt Bevrijdingsdag elk jaar als vrije dag; dat moet hier ook",
            );
        }
        for m in &platform.moratoria {
            if !self.moratoria.iter().any(|mine| keeps_moratorium(mine, m)) {
                invalid.push(
                    "moratoria",
                    format!(
                        "het moratorium van het platform ({}) ontbreekt of is beperkt",
                        m.describe_nl()
                    ),
                );
            }
        }
        for l in &platform.leniency {
            if !self.leniency.iter().any(|mine| keeps_leniency(mine, l)) {
                invalid.push(
                    "leniency",
                    format!(
                        "de coulanceregeling van het platform ({}, {}%) ontbreekt of is beperkt",
                        l.describe_nl(),
                        l.factor_percent
                    ),
                );
            }
        }
        invalid.into_result()
    }
}

/// One declaration of ours covers all of theirs: a platform moratorium
/// split over two of ours is refused too, which only asks the verhuurder
/// to copy the platform's declaration as it is.
fn reaches(mine: &impl Declaration, theirs: &impl Declaration) -> bool {
    let area = match (mine.gemeentecodes(), theirs.gemeentecodes()) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(mine), Some(theirs)) => theirs.iter().all(|code| mine.contains(code)),
    };
    area && mine.from() <= theirs.from() && mine.to() >= theirs.to()
}

fn keeps_moratorium(mine: &Moratorium, theirs: &Moratorium) -> bool {
    reaches(mine, theirs)
        && mine
            .exceptions
            .iter()
            .all(|grounds| theirs.exceptions.contains(grounds))
}

fn keeps_leniency(mine: &Leniency, theirs: &Leniency) -> bool {
    reaches(mine, theirs) && mine.factor_percent >= theirs.factor_percent
}
