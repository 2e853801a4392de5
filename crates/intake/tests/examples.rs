//! The example files shipped in `examples/` read and validate, so they can
//! be handed to partners as templates.

use chrono::NaiveDate;
use vangnet_domain::signal::{validate, PartnerType, SignalInput, Validated};
use vangnet_intake::{Profile, SignalReader};

fn accepted(data: &[u8], profile: &Profile) -> Vec<SignalInput> {
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    SignalReader::new(data, profile)
        .expect("header")
        .map(|row| {
            let raw = row.expect("readable row");
            match validate(&raw, PartnerType::Overige, today) {
                Validated::Accepted(signal) => signal,
                other => panic!("line {}: {other:?}", raw.line),
            }
        })
        .collect()
}

#[test]
fn default_header_example_validates() {
    let signals = accepted(
        include_bytes!("../examples/signalen.csv"),
        &Profile::default(),
    );
    assert_eq!(signals.len(), 7);
    let rent = signals
        .iter()
        .filter(|s| s.partner_type == PartnerType::Huur)
        .count();
    assert_eq!(rent, 3);
    // One household signalled by its landlord and its water company.
    let vries: Vec<String> = signals
        .iter()
        .filter(|s| s.person.surname == "Vries")
        .map(SignalInput::household_key)
        .collect();
    assert_eq!(vries, ["2517AB|112|A", "2517AB|112|A"]);
    assert!(signals
        .iter()
        .all(|s| (2490..=2599).contains(&s.address.pc4())));
}

#[test]
fn erp_example_validates_with_its_profile() {
    let profile = Profile::from_toml(include_str!("../examples/erp-profiel.toml")).unwrap();
    let signals = accepted(include_bytes!("../examples/erp-export.csv"), &profile);
    assert_eq!(signals.len(), 4);
    assert!(signals.iter().all(|s| s.partner_type == PartnerType::Huur));
    assert_eq!(signals[0].person.surname, "Müller");
    assert_eq!(signals[0].amount_cents, 148_725);
    assert_eq!(signals[3].amount_cents, 64_550);
    assert_eq!(signals[3].household_key(), "2565EW|98|A");
    let rent = signals[0].rent.as_ref().unwrap();
    assert!(rent.contact_tried, "filled in from the profile's defaults");
    assert_eq!(rent.monthly_rent_cents, Some(67_640));
}

#[test]
fn tenancy_example_validates() {
    use vangnet_domain::tenancy::{validate_tenancy, Grounds};
    use vangnet_intake::{TenancyProfile, TenancyReader};
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let rows: Vec<_> = TenancyReader::new(
        &include_bytes!("../examples/huurovereenkomsten.csv")[..],
        &TenancyProfile::default(),
    )
    .expect("header")
    .map(|row| {
        let raw = row.expect("readable row");
        validate_tenancy(&raw, today).unwrap_or_else(|e| panic!("line {}: {e:?}", raw.line))
    })
    .collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0].tenants.len(), 2);
    assert_eq!(rows[0].address.household_key(), "2517AB|112|A");
    assert_eq!(rows[1].address.household_key(), "2562GK|45|B");
    assert_eq!(rows[1].monthly_rent_cents, 61_250);
    assert_eq!(rows[2].grounds, Grounds::Overlast);
    assert_eq!(rows[2].arrears, None);
    assert_eq!(rows[3].arrears.map(|a| a.amount_cents), Some(0));
}
