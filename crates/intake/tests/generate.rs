//! The generator: deterministic, in the default header, and realistic in
//! the ways the benchmark and matching rely on.

use chrono::NaiveDate;
use std::collections::HashMap;
use vangnet_domain::signal::{validate, PartnerType, SignalField, Validated};
use vangnet_intake::{generate, Profile, SignalReader};

fn generated(n: u64, seed: u64) -> Vec<u8> {
    let mut data = Vec::new();
    generate::write_signals(&mut data, n, seed).unwrap();
    data
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    assert_eq!(generated(500, 1), generated(500, 1));
    assert_ne!(generated(500, 1), generated(500, 2));
    assert_eq!(generated(0, 1).iter().filter(|b| **b == b'\n').count(), 1);
}

#[test]
fn rows_are_realistic() {
    let today = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    let data = generated(5_000, 3);
    let mut outcomes: HashMap<&str, u32> = HashMap::new();
    let mut households: HashMap<String, u32> = HashMap::new();
    let (mut den_haag, mut rijswijk, mut unroutable, mut bsn) = (0, 0, 0, 0);
    for (i, row) in SignalReader::new(&data[..], &Profile::default())
        .unwrap()
        .enumerate()
    {
        let raw = row.unwrap();
        assert_eq!(raw.line, i as u64 + 2);
        bsn += u32::from(!raw.get(SignalField::Bsn).is_empty());
        let outcome = match validate(&raw, PartnerType::Overige, today) {
            Validated::Accepted(signal) => {
                *households.entry(signal.household_key()).or_default() += 1;
                match signal.address.pc4() {
                    2490..=2599 => den_haag += 1,
                    2280..=2289 => rijswijk += 1,
                    9999 => unroutable += 1,
                    other => panic!("unexpected PC4 {other}"),
                }
                "accepted"
            }
            Validated::Objected => "objected",
            Validated::Rejected(errors) => {
                assert_eq!(errors.len(), 1);
                assert_eq!(errors[0].code, "rent.no_contact");
                "rejected"
            }
        };
        *outcomes.entry(outcome).or_default() += 1;
    }
    let between = |n: u32, low: u32, high: u32| (low..=high).contains(&n);
    assert!(between(outcomes["accepted"], 4_850, 4_990), "{outcomes:?}");
    assert!(between(outcomes["objected"], 10, 70), "{outcomes:?}");
    assert!(between(outcomes["rejected"], 10, 70), "{outcomes:?}");
    assert!(between(bsn, 2_700, 3_300), "{bsn}");
    assert!(den_haag > 3_800 && rijswijk > 400 && unroutable > 50);
    let repeated = households.values().filter(|n| **n > 1).count();
    assert!(
        repeated > 500,
        "households signalled more than once: {repeated}"
    );
}
