//! Why a gemeente does not pick up a case: the DDAS signal statuses minus
//! "Nog niet opgepakt". A type of its own, so a declined case cannot carry
//! "not yet decided" as its reason.

use super::enums::{EndResult, SignalStatus};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeclineReason {
    WrongSignal,
    Deceased,
    NotAResident,
    RepeatSignal,
    OtherReason,
}

impl DeclineReason {
    pub const ALL: [DeclineReason; 5] = [
        DeclineReason::WrongSignal,
        DeclineReason::Deceased,
        DeclineReason::NotAResident,
        DeclineReason::RepeatSignal,
        DeclineReason::OtherReason,
    ];

    /// The signal status the partner's signal gets in the DDAS delivery.
    pub fn signal_status(self) -> SignalStatus {
        match self {
            DeclineReason::WrongSignal => SignalStatus::WrongSignal,
            DeclineReason::Deceased => SignalStatus::Deceased,
            DeclineReason::NotAResident => SignalStatus::NotAResident,
            DeclineReason::RepeatSignal => SignalStatus::RepeatSignal,
            DeclineReason::OtherReason => SignalStatus::OtherReason,
        }
    }

    /// The case's end result: DDAS repeats each reason among the results.
    pub fn end_result(self) -> EndResult {
        match self {
            DeclineReason::WrongSignal => EndResult::NotPickedUpWrongSignal,
            DeclineReason::Deceased => EndResult::Deceased,
            DeclineReason::NotAResident => EndResult::NotAResident,
            DeclineReason::RepeatSignal => EndResult::NotPickedUpRepeatSignal,
            DeclineReason::OtherReason => EndResult::NotPickedUpOtherReason,
        }
    }

    pub fn from_signal_status(status: SignalStatus) -> Option<DeclineReason> {
        DeclineReason::ALL
            .into_iter()
            .find(|r| r.signal_status() == status)
    }

    /// The DDAS signal status string.
    pub fn ddas(self) -> &'static str {
        self.signal_status().ddas()
    }

    pub fn label(self) -> &'static str {
        self.ddas()
    }

    pub fn parse(value: &str) -> Option<DeclineReason> {
        SignalStatus::parse(value).and_then(DeclineReason::from_signal_status)
    }
}

impl fmt::Display for DeclineReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.ddas())
    }
}

impl Serialize for DeclineReason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.ddas())
    }
}

impl<'de> Deserialize<'de> for DeclineReason {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        DeclineReason::parse(&text).ok_or_else(|| {
            de::Error::custom(format!("'{text}' is geen reden om niet op te pakken"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_but_not_yet_picked_up_is_a_reason() {
        for status in SignalStatus::ALL {
            let reason = DeclineReason::from_signal_status(status);
            assert_eq!(reason.is_none(), status == SignalStatus::NotYetPickedUp);
            if let Some(reason) = reason {
                assert_eq!(reason.signal_status(), status);
                assert_eq!(DeclineReason::parse(status.ddas()), Some(reason));
            }
        }
        assert_eq!(DeclineReason::parse("Nog niet opgepakt"), None);
    }

    #[test]
    fn each_reason_ends_in_the_result_of_the_same_words() {
        for reason in DeclineReason::ALL {
            assert_eq!(reason.end_result().ddas(), reason.ddas());
            let json = serde_json::to_string(&reason).unwrap();
            assert_eq!(
                serde_json::from_str::<DeclineReason>(&json).unwrap(),
                reason
            );
        }
    }
}
