use std::time::Instant;
use vangnet_domain::signal::RawSignal;
use vangnet_intake::{generate, Profile, SignalReader};
fn main() {
    let mut data = Vec::new();
    generate::write_signals(&mut data, 200_000, 42).unwrap();
    let started = Instant::now();
    let mut reader = SignalReader::new(&data[..], &Profile::default()).unwrap();
    let mut raw = RawSignal::default();
    let mut n = 0;
    while let Some(r) = reader.next_into(&mut raw) {
        r.unwrap();
        n += 1;
    }
    println!(
        "read only: {:.0} rows/s",
        n as f64 / started.elapsed().as_secs_f64()
    );
}
