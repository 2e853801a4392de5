//! The DDAS export checked by a real JSON Schema validator: Python's
//! `jsonschema` (Draft 2020-12, with format checking) against the official
//! v0.9 schema. The official examples must pass and broken deliveries must
//! fail, so a test that validates nothing cannot pass.
//!
//! Without python3 and jsonschema the tests are skipped with a note, unless
//! VANGNET_TEST_REQUIRE_ALL=1, in which case they fail.

use chrono::{DateTime, Days, NaiveDate};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use vangnet_domain::casework::state::{apply, CaseState};
use vangnet_domain::ddas::{
    build_delivery, write_delivery, ContactKind, ContactPerson, DeliveringOrganisation,
    DeliveryHeader, EndResult, ExportCase, ExportClient, ExportContactAttempt, ExportSignal,
    MatchingPeriod, PartOfDay, SignalStatus,
};
use vangnet_domain::matching::MatchSettings;
use vangnet_domain::signal::PartnerType;

#[path = "support/ddas_support.rs"]
mod ddas_support;
use ddas_support::{journeys, spec_dir, validate, validator_available};

/// A file in the temp dir that is removed again when the test ends.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str) -> TempFile {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let unique = NEXT.fetch_add(1, Ordering::Relaxed);
        let file = format!("vangnet-ddas-{}-{unique}-{name}.json", std::process::id());
        TempFile(std::env::temp_dir().join(file))
    }

    fn with_json(name: &str, json: &Value) -> TempFile {
        let file = TempFile::new(name);
        std::fs::write(&file.0, serde_json::to_vec_pretty(json).unwrap()).unwrap();
        file
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn header() -> DeliveryHeader {
    DeliveryHeader {
        supplier_code: "VANGNET-01".into(),
        gemeentecode: "0518".into(),
        period_from: date(2025, 1, 1),
        period_to: date(2025, 1, 31),
        created_at: DateTime::from_timestamp(1_738_751_400, 0).unwrap(),
        organisation: DeliveringOrganisation {
            name: "Gemeente 's-Gravenhage".into(),
            kvk_number: Some("27370000".into()),
            contact: ContactPerson {
                name: "J. de Vries".into(),
                phone: Some("070-3537000".into()),
                email: Some("j.devries@denhaag.nl".into()),
                job_title: Some("Consulent vroegsignalering".into()),
            },
        },
    }
}

fn demo_cases() -> Vec<ExportCase> {
    let mut next_signal = 1000;
    let mut next_attempt = 0usize;
    let partners = PartnerType::ALL;
    journeys()
        .into_iter()
        .enumerate()
        .map(|(n, journey)| {
            let state = journey.iter().fold(CaseState::new(), |state, command| {
                apply(&state, command).unwrap()
            });
            let signals = (0..=n % 2)
                .map(|_| {
                    next_signal += 1;
                    signal(next_signal, partners[next_signal as usize % partners.len()])
                })
                .collect();
            let attempts = (0..n % 3 + 1)
                .map(|_| {
                    next_attempt += 1;
                    attempt(next_attempt)
                })
                .collect();
            let mut case = ExportCase::from_state(&state, signals, attempts);
            case.matched_on = Some(date(2025, 1, 6));
            case.matching_period = Some(MatchingPeriod::around(
                date(2025, 1, 5),
                MatchSettings::default(),
            ));
            case
        })
        .collect()
}

fn signal(id: i64, partner_type: PartnerType) -> ExportSignal {
    let purged = id % 7 == 0;
    ExportSignal {
        id,
        partner_type,
        amount_cents: [45_050, 149, 150, 0, 123_456_789][id as usize % 5],
        crisis: id % 3 == 0,
        warm_handover: id % 4 == 0,
        arrears_start: (id % 5 != 0).then(|| date(2024, 11, 20)),
        signal_date: date(2025, 1, 2) + Days::new(id as u64 % 20),
        client: if purged {
            ExportClient::default()
        } else {
            ExportClient {
                bsn: Some("123456782".into()),
                initials: Some("A.".into()),
                prefix: (id % 2 == 0).then(|| "van".into()),
                surname: Some("Dijk".into()),
                birth_date: Some(date(1985, 6, 15)),
                street: Some("Spui".into()),
                postcode: Some("2511BT".into()),
                house_number: Some(70),
                addition: (id % 3 == 0).then(|| "A".into()),
                city: Some("Den Haag".into()),
            }
        },
    }
}

fn attempt(n: usize) -> ExportContactAttempt {
    let part_of_day = match n % 4 {
        3 => None,
        i => Some(PartOfDay::ALL[i]),
    };
    ExportContactAttempt {
        kind: ContactKind::ALL[n % ContactKind::ALL.len()],
        reached: n.is_multiple_of(2),
        on: date(2025, 1, 6) + Days::new(n as u64 % 20),
        part_of_day,
    }
}

/// Every string value anywhere in the delivery.
fn strings(json: &Value, into: &mut BTreeSet<String>) {
    match json {
        Value::String(s) => {
            into.insert(s.clone());
        }
        Value::Array(items) => items.iter().for_each(|v| strings(v, into)),
        Value::Object(map) => map.values().for_each(|v| strings(v, into)),
        _ => {}
    }
}

fn demo_delivery() -> Value {
    serde_json::to_value(build_delivery(&header(), demo_cases())).unwrap()
}

#[test]
fn the_demo_delivery_uses_every_enumeration_value() {
    let mut seen = BTreeSet::new();
    strings(&demo_delivery(), &mut seen);
    let mut wanted: Vec<&str> = Vec::new();
    wanted.extend(ContactKind::ALL.map(ContactKind::ddas));
    wanted.extend(PartOfDay::ALL.map(PartOfDay::ddas));
    wanted.extend(EndResult::ALL.map(EndResult::ddas));
    wanted.extend(SignalStatus::ALL.map(SignalStatus::ddas));
    wanted.extend(PartnerType::ALL.map(PartnerType::ddas));
    let missing: Vec<&&str> = wanted.iter().filter(|v| !seen.contains(**v)).collect();
    assert!(missing.is_empty(), "not covered: {missing:?}");
}

#[test]
fn the_official_examples_pass_the_validator() {
    if !validator_available() {
        return;
    }
    for name in ["enkelvoudigVoorbeeld.json", "meervoudigVoorbeeld.json"] {
        let result = validate(&spec_dir().join(name));
        assert_eq!(result, Ok(()), "{name}");
    }
}

#[test]
fn the_built_delivery_passes_the_validator() {
    if !validator_available() {
        return;
    }
    let file = TempFile::with_json("gebouwd", &demo_delivery());
    if let Err(report) = validate(&file.0) {
        panic!("de DDAS-levering voldoet niet aan het schema:\n{report}");
    }
}

#[test]
fn the_streamed_delivery_passes_the_validator() {
    if !validator_available() {
        return;
    }
    let file = TempFile::new("gestreamd");
    let out = std::io::BufWriter::new(std::fs::File::create(&file.0).unwrap());
    let counts = write_delivery(out, &header(), demo_cases).unwrap();
    assert_eq!(counts.cases, demo_cases().len() as u64);
    if let Err(report) = validate(&file.0) {
        panic!("de gestreamde DDAS-levering voldoet niet aan het schema:\n{report}");
    }
}

/// A name, what it breaks, and what the validator must say about it.
type Breakage = (&'static str, fn(&mut Value), &'static str);

/// Each breaks one rule of the schema; the validator must say so.
#[test]
fn broken_deliveries_are_rejected() {
    if !validator_available() {
        return;
    }
    let breakages: [Breakage; 5] = [
        (
            "enum",
            |d| {
                d["leveringen"][0]["vroegsignaalzaken"][0]["contactpogingen"][0]["soort"] =
                    "Telefoontje".into()
            },
            "is not one of",
        ),
        (
            "format",
            |d| d["startdatumLevering"] = "2025-13-01".into(),
            "is not a 'date'",
        ),
        (
            "required",
            |d| {
                drop(
                    d["leveringen"][0]
                        .as_object_mut()
                        .unwrap()
                        .remove("gemeentecode"),
                )
            },
            "is a required property",
        ),
        (
            "extra field",
            |d| d["leveringen"][0]["vroegsignalen"][0]["telefoon"] = "0612345678".into(),
            "Additional properties",
        ),
        (
            "type",
            |d| d["leveringen"][0]["vroegsignalen"][0]["bedrag"] = "450".into(),
            "is not of type 'integer'",
        ),
    ];
    for (name, break_it, expected) in breakages {
        let mut delivery = demo_delivery();
        break_it(&mut delivery);
        let file = TempFile::with_json(name, &delivery);
        match validate(&file.0) {
            Ok(()) => panic!("{name}: a broken delivery passed the validator"),
            Err(report) => assert!(report.contains(expected), "{name}: {report}"),
        }
    }
}
