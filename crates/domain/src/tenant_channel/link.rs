//! The personal link's rules: when it may be used, the address check the
//! tenant passes before anything personal is shown, and the throttle that
//! locks the link after too many wrong answers. The token itself (random,
//! stored only as a hash) is the store's business: randomness is I/O.
//!
//! `throttle.rs` is not reused: it counts login failures in a fixed window
//! with a flat limit, while a link needs a wait that grows with every wrong
//! answer and a lock that lasts until the verhuurder makes a new link.

#[cfg(test)]
mod tests;

use crate::signal::normalise::{parse_house_number, parse_postcode, HouseNumber, Postcode};
use crate::Invalid;
use chrono::{DateTime, Duration, Utc};

/// The settings of issue 9. None of these numbers comes from a statute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkSettings {
    /// How long a new link lives.
    pub expiry_days: u32,
    /// Wrong address answers after which the link is locked.
    pub max_wrong_answers: u32,
    /// The wait after the first wrong answer; it doubles after each next one.
    pub first_wait_seconds: u32,
}

impl Default for LinkSettings {
    fn default() -> Self {
        LinkSettings {
            expiry_days: 60,
            max_wrong_answers: 5,
            first_wait_seconds: 30,
        }
    }
}

/// The ranges a setting may take; beyond them it is a typo, not a policy.
const SETTING_RANGES: [(&str, u32, u32); 3] = [
    ("expiry_days", 1, 365),
    ("max_wrong_answers", 1, 20),
    ("first_wait_seconds", 0, 3_600),
];

impl LinkSettings {
    /// Every setting out of range, under its key, in Dutch.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut invalid = Invalid::default();
        let values = [
            self.expiry_days,
            self.max_wrong_answers,
            self.first_wait_seconds,
        ];
        for ((key, min, max), value) in SETTING_RANGES.iter().zip(values) {
            if !(*min..=*max).contains(&value) {
                invalid.push(key, format!("moet tussen {min} en {max} liggen"));
            }
        }
        invalid.into_result()
    }

    /// When a link made at `created_at` expires.
    pub fn expires_at(&self, created_at: DateTime<Utc>) -> DateTime<Utc> {
        created_at + Duration::days(i64::from(self.expiry_days))
    }

    /// How long to wait after the `failures`-th wrong answer in a row:
    /// 30 s, 1 min, 2 min, 4 min with the defaults. Doubling makes guessing
    /// slow long before the lock, while a tenant's typo costs seconds.
    pub fn wait_after(&self, failures: u32) -> Duration {
        if failures == 0 {
            return Duration::zero();
        }
        let doublings = (failures - 1).min(20);
        Duration::seconds(i64::from(self.first_wait_seconds) << doublings)
    }
}

/// What the store keeps about one link (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRecord {
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// Wrong address answers in a row since the last right one.
    pub failed_attempts: u32,
    pub last_failed_at: Option<DateTime<Utc>>,
    pub locked: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkState {
    Usable,
    Expired,
    Revoked,
    Locked,
}

impl LinkRecord {
    /// A new link, made at `now`, expiring after the setting.
    pub fn new(now: DateTime<Utc>, settings: &LinkSettings) -> LinkRecord {
        LinkRecord {
            created_at: now,
            expires_at: settings.expires_at(now),
            revoked_at: None,
            failed_attempts: 0,
            last_failed_at: None,
            locked: false,
        }
    }

    /// Revocation wins (the verhuurder's deliberate act), then expiry (the
    /// tenant needs a new link either way), then the lock. A count that
    /// reached the limit locks even if the flag was never written.
    pub fn state(&self, now: DateTime<Utc>, settings: &LinkSettings) -> LinkState {
        if self.revoked_at.is_some_and(|at| at <= now) {
            LinkState::Revoked
        } else if now >= self.expires_at {
            LinkState::Expired
        } else if self.locked || self.failed_attempts >= settings.max_wrong_answers {
            LinkState::Locked
        } else {
            LinkState::Usable
        }
    }

    /// The earliest moment the next answer is looked at.
    pub fn next_answer_at(&self, settings: &LinkSettings) -> Option<DateTime<Utc>> {
        self.last_failed_at
            .map(|at| at + settings.wait_after(self.failed_attempts))
    }
}

/// The outcome of comparing a typed address with the tenancy's address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressCheck {
    Match,
    NoMatch,
}

/// Compares what the tenant typed with the tenancy's address, both
/// normalised by the signal normalisers ("2511 cv" is "2511CV", "12-a" is
/// "12A"). The addition must match too: in a split building a neighbour
/// who got the letter by mistake shares the number, not the addition.
/// Input that is no postcode or house number at all is an error, not a
/// wrong answer: it tells nothing about the address, so it is not counted.
pub fn check_address(
    postcode: &Postcode,
    house_number: &HouseNumber,
    typed_postcode: &str,
    typed_house_number: &str,
) -> Result<AddressCheck, Invalid> {
    let mut invalid = Invalid::default();
    let typed_postcode = parse_postcode(typed_postcode)
        .map_err(|r| invalid.push("postcode", r.message))
        .ok();
    let typed_number = parse_house_number(typed_house_number)
        .map_err(|r| invalid.push("huisnummer", r.message))
        .ok();
    invalid.into_result()?;
    let same =
        typed_postcode.as_ref() == Some(postcode) && typed_number.as_ref() == Some(house_number);
    Ok(if same {
        AddressCheck::Match
    } else {
        AddressCheck::NoMatch
    })
}

/// What happens to one answer, and what the store keeps afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Not looked at: the link is not usable.
    Refused(LinkState),
    /// Not looked at and not counted: the previous wrong answer's wait is
    /// not over.
    TooSoon { until: DateTime<Utc> },
    /// The tenant view may be shown; the count starts again.
    Confirmed { updated: LinkRecord },
    /// Wrong; the next answer is looked at from `until`.
    Wrong {
        updated: LinkRecord,
        until: DateTime<Utc>,
        attempts_left: u32,
    },
    /// Wrong for the last allowed time: the link is locked.
    WrongAndLocked { updated: LinkRecord },
}

/// The throttle-and-lock rule for one answer given at `now`.
pub fn answer(
    link: &LinkRecord,
    check: AddressCheck,
    now: DateTime<Utc>,
    settings: &LinkSettings,
) -> Answer {
    let state = link.state(now, settings);
    if state != LinkState::Usable {
        return Answer::Refused(state);
    }
    if let Some(until) = link.next_answer_at(settings).filter(|until| now < *until) {
        return Answer::TooSoon { until };
    }
    let mut updated = link.clone();
    if check == AddressCheck::Match {
        updated.failed_attempts = 0;
        updated.last_failed_at = None;
        return Answer::Confirmed { updated };
    }
    updated.failed_attempts += 1;
    updated.last_failed_at = Some(now);
    if updated.failed_attempts >= settings.max_wrong_answers {
        updated.locked = true;
        return Answer::WrongAndLocked { updated };
    }
    let until = now + settings.wait_after(updated.failed_attempts);
    let attempts_left = settings.max_wrong_answers - updated.failed_attempts;
    Answer::Wrong {
        updated,
        until,
        attempts_left,
    }
}
