//! Read + validate throughput on generated signals:
//! `cargo run --release -p vangnet-intake --example throughput [rows]`

use chrono::NaiveDate;
use std::time::Instant;
use vangnet_domain::signal::{validate, PartnerType, RawSignal, Validated};
use vangnet_intake::{generate, Profile, SignalReader};

fn main() {
    let rows: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200_000);
    let mut data = Vec::new();
    let started = Instant::now();
    generate::write_signals(&mut data, rows, 42).expect("writing to memory");
    let generated = started.elapsed();

    let today = NaiveDate::from_ymd_opt(2026, 7, 1).expect("date");
    let started = Instant::now();
    let mut reader = SignalReader::new(&data[..], &Profile::default()).expect("header");
    let mut raw = RawSignal::default();
    let (mut accepted, mut objected, mut rejected, mut problems) = (0u64, 0u64, 0u64, 0u64);
    while let Some(row) = reader.next_into(&mut raw) {
        match row.map(|()| validate(&raw, PartnerType::Overige, today)) {
            Ok(Validated::Accepted(_)) => accepted += 1,
            Ok(Validated::Objected) => objected += 1,
            Ok(Validated::Rejected(_)) => rejected += 1,
            Err(_) => problems += 1,
        }
    }
    let elapsed = started.elapsed();
    let mib = data.len() as f64 / (1024.0 * 1024.0);
    println!(
        "{rows} rijen ({mib:.1} MiB) gegenereerd in {:.2} s",
        generated.as_secs_f64()
    );
    println!(
        "gelezen en gevalideerd in {:.2} s: {:.0} rijen/s, {:.1} MiB/s",
        elapsed.as_secs_f64(),
        rows as f64 / elapsed.as_secs_f64(),
        mib / elapsed.as_secs_f64()
    );
    println!(
        "geaccepteerd {accepted}, bezwaar {objected}, afgewezen {rejected}, onleesbaar {problems}"
    );
}
