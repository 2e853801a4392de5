//! The DDAS v0.9 enumerations. CBS rejects any other spelling, so each value
//! is written exactly once, here, and a test compares the lists with the
//! schema file. `PartnerType` (EnumSignaalpartner) lives with the signals in
//! `crate::signal`, where intake needs it.

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Defines an enumeration whose serde form is the exact DDAS string.
macro_rules! ddas_enum {
    (
        $(#[$meta:meta])*
        $name:ident = $schema:literal {
            $($(#[$vmeta:meta])* $variant:ident => $text:literal,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in the schema's order (also the order of pick lists).
            pub const ALL: [$name; [$($text),+].len()] = [$($name::$variant),+];

            /// The name of the enumeration in the schema's `$defs`.
            pub const SCHEMA_NAME: &'static str = $schema;

            /// The exact string of the schema.
            pub fn ddas(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// The Dutch label people see: the DDAS string, which is the
            /// vocabulary workers and CBS share.
            pub fn label(self) -> &'static str {
                self.ddas()
            }

            /// Reads a DDAS string; surrounding spaces and letter case are
            /// forgiven, because form values and stored text pass through here.
            pub fn parse(value: &str) -> Option<Self> {
                let value = value.trim();
                Self::ALL.into_iter().find(|v| v.ddas().eq_ignore_ascii_case(value))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.ddas())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.ddas())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                $name::parse(&text).ok_or_else(|| {
                    let expected: Vec<&str> = $name::ALL.iter().map(|v| v.ddas()).collect();
                    de::Error::custom(format!(
                        "'{text}' is geen waarde van {}; kies uit {}",
                        $schema,
                        expected.join(", ")
                    ))
                })
            }
        }
    };
}

ddas_enum! {
    /// How the gemeente tried to reach the person (EnumContactsoort).
    ContactKind = "EnumContactsoort" {
        Mail => "Mail",
        Letter => "Brief",
        SmsWhatsapp => "SMS/Whatsapp",
        Phone => "Telefoon",
        HomeVisit => "Huisbezoek",
        /// A card left at the door after a home visit without answer.
        Card => "Kaartje",
        Other => "Overige",
        Administrative => "Administratief",
    }
}

ddas_enum! {
    /// The part of the day of a contact attempt (EnumDagdeel).
    PartOfDay = "EnumDagdeel" {
        Morning => "Ochtend",
        Afternoon => "Middag",
        Evening => "Avond",
    }
}

ddas_enum! {
    /// The status of a signal (EnumSignaalstatus): not yet decided, or why
    /// it was not picked up. DDAS has no value for "picked up"; that shows
    /// as the case's `datum_opgepakt`.
    SignalStatus = "EnumSignaalstatus" {
        NotYetPickedUp => "Nog niet opgepakt",
        WrongSignal => "Niet opgepakt: onterecht signaal",
        Deceased => "Inwoner is overleden",
        NotAResident => "Persoon is geen inwoner (meer) in de gemeente",
        RepeatSignal => "Niet opgepakt: herhaalde melding",
        OtherReason => "Niet opgepakt: andere reden",
    }
}

ddas_enum! {
    /// How a case ended (EnumEindresultaat).
    EndResult = "EnumEindresultaat" {
        NotPickedUpRepeatSignal => "Niet opgepakt: herhaalde melding",
        NotPickedUpWrongSignal => "Niet opgepakt: onterecht signaal",
        Deceased => "Inwoner is overleden",
        NotAResident => "Persoon is geen inwoner (meer) in de gemeente",
        NotPickedUpOtherReason => "Niet opgepakt: andere reden",
        KnownToDebtHelp => "Inwoner al bekend bij schuldhulpverlening",
        OtherTrajectory => "Inwoner heeft al een ander lopend traject",
        NoContactPossible => "Definitief geen contact kunnen krijgen",
        NoResponseAfterContact => "Geen reactie na eerder contact",
        NoHelpWanted => "Inwoner hoeft geen hulp vanuit vroegsignalering",
        AlreadyPaid => "Inwoner heeft zelf al betaald/betalingsregeling getroffen",
        AdviceOrQuickFix => "(Budget)advies en/of quick fix",
        FinancialFollowUp => "Vervolghulp en/of verwijzing financieel",
        ReferralWithoutContact => "Verwijzing zonder contact",
        NonFinancialFollowUp => "Vervolghulp en/of verwijzing niet financieel",
    }
}

impl EndResult {
    /// The results that mean the case was never picked up. They are reached
    /// by declining a case, not by closing a picked-up one.
    pub fn means_not_picked_up(self) -> bool {
        matches!(
            self,
            EndResult::NotPickedUpRepeatSignal
                | EndResult::NotPickedUpWrongSignal
                | EndResult::NotPickedUpOtherReason
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signal::PartnerType;

    fn schema() -> serde_json::Value {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../specs/ddas-vroegsignalering-v0.9/json_schema_Uitwisselmodel.json"
        );
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("het DDAS-schema {path} is niet te lezen: {e}"));
        serde_json::from_str(&text).expect("het DDAS-schema is geen geldige JSON")
    }

    fn ours(name: &str) -> Option<Vec<&'static str>> {
        fn strings<T: Copy>(all: &[T], ddas: fn(T) -> &'static str) -> Vec<&'static str> {
            all.iter().map(|v| ddas(*v)).collect()
        }
        Some(match name {
            ContactKind::SCHEMA_NAME => strings(&ContactKind::ALL, ContactKind::ddas),
            PartOfDay::SCHEMA_NAME => strings(&PartOfDay::ALL, PartOfDay::ddas),
            SignalStatus::SCHEMA_NAME => strings(&SignalStatus::ALL, SignalStatus::ddas),
            EndResult::SCHEMA_NAME => strings(&EndResult::ALL, EndResult::ddas),
            "EnumSignaalpartner" => strings(&PartnerType::ALL, PartnerType::ddas),
            _ => return None,
        })
    }

    #[test]
    fn every_schema_enumeration_is_ours_value_for_value() {
        let schema = schema();
        let defs = schema["$defs"].as_object().expect("$defs");
        let mut seen = 0;
        for (name, def) in defs {
            let Some(values) = def.get("enum").and_then(|v| v.as_array()) else {
                continue;
            };
            let theirs: Vec<&str> = values.iter().map(|v| v.as_str().unwrap()).collect();
            let ours = ours(name).unwrap_or_else(|| panic!("{name} heeft geen Rust-type"));
            assert_eq!(ours, theirs, "{name}");
            seen += 1;
        }
        assert_eq!(seen, 5, "het schema had vijf enumeraties");
    }

    #[test]
    fn serde_and_parse_use_the_exact_string() {
        for kind in ContactKind::ALL {
            assert_eq!(ContactKind::parse(kind.ddas()), Some(kind));
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, serde_json::to_string(kind.ddas()).unwrap());
            assert_eq!(serde_json::from_str::<ContactKind>(&json).unwrap(), kind);
        }
        for result in EndResult::ALL {
            let json = serde_json::to_string(&result).unwrap();
            assert_eq!(serde_json::from_str::<EndResult>(&json).unwrap(), result);
        }
        assert_eq!(EndResult::ALL.len(), 15);
    }

    #[test]
    fn parse_table() {
        let cases: &[(&str, Option<ContactKind>)] = &[
            ("Telefoon", Some(ContactKind::Phone)),
            (" telefoon ", Some(ContactKind::Phone)),
            ("sms/whatsapp", Some(ContactKind::SmsWhatsapp)),
            ("SMS", None),
            ("Phone", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(ContactKind::parse(input), *expected, "{input:?}");
        }
        assert_eq!(PartOfDay::parse("avond"), Some(PartOfDay::Evening));
        assert_eq!(
            SignalStatus::parse("Nog niet opgepakt"),
            Some(SignalStatus::NotYetPickedUp)
        );
    }

    #[test]
    fn unknown_strings_are_rejected_with_the_choices() {
        let error = serde_json::from_str::<PartOfDay>("\"Nacht\"").unwrap_err();
        assert!(error
            .to_string()
            .contains("kies uit Ochtend, Middag, Avond"));
    }

    #[test]
    fn only_the_three_niet_opgepakt_results_mean_not_picked_up() {
        let not: Vec<_> = EndResult::ALL
            .into_iter()
            .filter(|r| r.means_not_picked_up())
            .map(EndResult::ddas)
            .collect();
        assert!(not.iter().all(|r| r.starts_with("Niet opgepakt: ")));
        let prefixed = EndResult::ALL
            .iter()
            .filter(|r| r.ddas().starts_with("Niet opgepakt"))
            .count();
        assert_eq!(not.len(), prefixed);
    }
}
