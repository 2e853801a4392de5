//! The v0.9 Uitwisselmodel as serde types: field names, nesting and
//! optionality exactly as `json_schema_Uitwisselmodel.json` has them, and
//! fields in the order of the official examples. Where the schema forbids
//! extra fields, so does deserialising.

use super::enums::{ContactKind, EndResult, PartOfDay, SignalStatus};
use crate::signal::PartnerType;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Delivery {
    #[serde(rename = "codeGegevensleverancier")]
    pub supplier_code: String,
    #[serde(rename = "startdatumLevering")]
    pub period_from: NaiveDate,
    #[serde(rename = "einddatumLevering")]
    pub period_to: NaiveDate,
    #[serde(rename = "aanleverdatumEnTijd", with = "utc_seconds")]
    pub created_at: DateTime<Utc>,
    /// One per gemeente ("levering").
    #[serde(rename = "leveringen", default, skip_serializing_if = "Vec::is_empty")]
    pub municipalities: Vec<MunicipalityDelivery>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MunicipalityDelivery {
    /// 1-based position in `leveringen`.
    #[serde(rename = "teller")]
    pub counter: u32,
    pub gemeentecode: String,
    #[serde(rename = "aanleverende_organisatie")]
    pub organisation: Organisation,
    #[serde(rename = "vroegsignalen", default)]
    pub signals: Vec<Signal>,
    #[serde(rename = "vroegsignaalzaken", default)]
    pub cases: Vec<Case>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    #[serde(rename = "naam", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "kvk-nummer", skip_serializing_if = "Option::is_none")]
    pub kvk_number: Option<String>,
    /// Spelled "contactpersoonen" by the schema.
    #[serde(
        rename = "contactpersoonen",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub contacts: Vec<Contact>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    #[serde(rename = "naam", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "telefoonnummer", skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(rename = "functietitel", skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
}

/// A vroegsignaal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signal {
    #[serde(rename = "ID")]
    pub id: String,
    #[serde(rename = "crisissignaal", skip_serializing_if = "Option::is_none")]
    pub crisis: Option<bool>,
    #[serde(rename = "warmeOverdracht", skip_serializing_if = "Option::is_none")]
    pub warm_handover: Option<bool>,
    /// Whole euros.
    #[serde(rename = "bedrag", skip_serializing_if = "Option::is_none")]
    pub amount: Option<i64>,
    #[serde(rename = "ontstaansdatum", skip_serializing_if = "Option::is_none")]
    pub arrears_start: Option<NaiveDate>,
    #[serde(rename = "signaaldatum", skip_serializing_if = "Option::is_none")]
    pub signal_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<SignalStatus>,
    #[serde(rename = "signaalpartner")]
    pub partner: Partner,
    pub client: Client,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    /// The DDAS string, not the slug `PartnerType` stores.
    #[serde(rename = "type", default, with = "partner_ddas")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<PartnerType>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Client {
    #[serde(
        rename = "Burgerservicenummer",
        skip_serializing_if = "Option::is_none"
    )]
    pub bsn: Option<String>,
    #[serde(rename = "Voorletters", skip_serializing_if = "Option::is_none")]
    pub initials: Option<String>,
    #[serde(rename = "Voorvoegsel", skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    #[serde(rename = "Achternaam", skip_serializing_if = "Option::is_none")]
    pub surname: Option<String>,
    #[serde(rename = "Geboortedatum", skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<NaiveDate>,
    #[serde(rename = "Straatnaam", skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    #[serde(rename = "Postcode", skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    /// Text in DDAS, so "10" and not 10.
    #[serde(rename = "Huisnummer", skip_serializing_if = "Option::is_none")]
    pub house_number: Option<String>,
    #[serde(
        rename = "Huisnummertoevoeging",
        skip_serializing_if = "Option::is_none"
    )]
    pub addition: Option<String>,
    #[serde(rename = "Plaatsnaam", skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
}

/// A vroegsignaalzaak.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    #[serde(rename = "resultaat", skip_serializing_if = "Option::is_none")]
    pub result: Option<EndResult>,
    #[serde(rename = "matchingsdatum", skip_serializing_if = "Option::is_none")]
    pub matched_on: Option<NaiveDate>,
    /// The schema's spelling, typo included.
    #[serde(
        rename = "startdatum_matchtingperiode",
        skip_serializing_if = "Option::is_none"
    )]
    pub matching_start: Option<NaiveDate>,
    #[serde(rename = "datum_opgepakt", skip_serializing_if = "Option::is_none")]
    pub picked_up_on: Option<NaiveDate>,
    #[serde(
        rename = "einddatum_matchingperiode",
        skip_serializing_if = "Option::is_none"
    )]
    pub matching_end: Option<NaiveDate>,
    /// At least one, each once, when present.
    #[serde(
        rename = "vroegsignalen",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub signals: Vec<SignalRef>,
    #[serde(rename = "contactpogingen", default)]
    pub contact_attempts: Vec<ContactAttempt>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignalRef {
    #[serde(rename = "ID")]
    pub id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactAttempt {
    #[serde(rename = "soort", skip_serializing_if = "Option::is_none")]
    pub kind: Option<ContactKind>,
    #[serde(rename = "bereikt", skip_serializing_if = "Option::is_none")]
    pub reached: Option<bool>,
    #[serde(rename = "datum", skip_serializing_if = "Option::is_none")]
    pub on: Option<NaiveDate>,
    #[serde(rename = "dagdeel", skip_serializing_if = "Option::is_none")]
    pub part_of_day: Option<PartOfDay>,
}

/// "2025-02-05T10:30:00Z": whole seconds, as the schema describes the format.
pub(super) mod utc_seconds {
    use chrono::{DateTime, SecondsFormat, Utc};
    use serde::{de, Deserialize, Deserializer, Serializer};

    pub fn text(at: &DateTime<Utc>) -> String {
        at.to_rfc3339_opts(SecondsFormat::Secs, true)
    }

    pub fn serialize<S: Serializer>(at: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&text(at))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DateTime<Utc>, D::Error> {
        let text = String::deserialize(deserializer)?;
        DateTime::parse_from_rfc3339(&text)
            .map(|at| at.with_timezone(&Utc))
            .map_err(de::Error::custom)
    }
}

mod partner_ddas {
    use crate::signal::PartnerType;
    use serde::{de, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        kind: &Option<PartnerType>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match kind {
            Some(kind) => serializer.serialize_str(kind.ddas()),
            None => serializer.serialize_none(),
        }
    }

    /// Only the exact DDAS strings: the slugs `PartnerType::parse` also
    /// accepts are not DDAS.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<PartnerType>, D::Error> {
        let text = String::deserialize(deserializer)?;
        PartnerType::ALL
            .into_iter()
            .find(|p| p.ddas() == text)
            .map(Some)
            .ok_or_else(|| de::Error::custom(format!("'{text}' is geen DDAS-signaalpartner")))
    }
}

#[cfg(test)]
mod tests {
    use super::Delivery;
    use serde_json::Value;

    fn example(name: &str) -> String {
        let path = format!(
            "{}/../../specs/ddas-vroegsignalering-v0.9/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// The model is complete if the official examples survive a round trip.
    #[test]
    fn the_official_examples_round_trip_unchanged() {
        for name in ["enkelvoudigVoorbeeld.json", "meervoudigVoorbeeld.json"] {
            let text = example(name);
            let delivery: Delivery = serde_json::from_str(&text).expect(name);
            let original: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(serde_json::to_value(&delivery).unwrap(), original, "{name}");
        }
    }

    #[test]
    fn fields_the_schema_forbids_are_refused() {
        let text =
            example("enkelvoudigVoorbeeld.json").replace("\"teller\"", "\"extra\": 1, \"teller\"");
        assert!(serde_json::from_str::<Delivery>(&text).is_err());
    }
}
