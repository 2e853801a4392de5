//! The CSV reader over arbitrary bytes: a signal export read with the
//! default profile or with the example ERP profile (the first byte
//! chooses), and the same bytes as a tenancy export. Every row that reads
//! goes through the domain's validation. Nothing may panic, a problem's
//! line is never before the header, and reading ends.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use vangnet_domain::signal::{validate, PartnerType};
use vangnet_intake::{Profile, SignalReader, TenancyProfile, TenancyReader};

const ERP_PROFILE: &str = include_str!("../../crates/intake/examples/erp-profiel.toml");

fuzz_target!(|data: &[u8]| {
    let Some((&choice, csv)) = data.split_first() else {
        return;
    };
    let profile = if choice & 1 == 0 {
        Profile::default()
    } else {
        Profile::from_toml(ERP_PROFILE).expect("the example profile reads")
    };
    let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    if let Ok(reader) = SignalReader::new(csv, &profile) {
        let mut rows = 0usize;
        for row in reader {
            rows += 1;
            assert!(rows <= csv.len() + 1, "more rows than bytes");
            match row {
                Ok(raw) => {
                    let _ = validate(&raw, PartnerType::Huur, today);
                }
                Err(problem) => assert!(problem.line >= 1, "{problem:?}"),
            }
        }
    }
    if let Ok(reader) = TenancyReader::new(csv, &TenancyProfile::default()) {
        let mut rows = 0usize;
        for row in reader {
            rows += 1;
            assert!(rows <= csv.len() + 1, "more rows than bytes");
            if let Err(problem) = row {
                assert!(problem.line >= 1, "{problem:?}");
            }
        }
    }
});
