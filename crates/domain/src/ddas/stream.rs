//! The delivery written case by case to any `io::Write`, so a month of a
//! large gemeente is exported in constant memory. DDAS lists all signals
//! before all cases, so the writer has two sections, in that order:
//!
//! ```text
//! start_delivery(out, header)  ->  SignalSection  (write_signals_of, per case)
//!     .into_cases()            ->  CaseSection    (write_case, per case)
//!     .finish()
//! ```
//!
//! The types make the order impossible to get wrong. The output is
//! byte-for-byte what `serde_json::to_writer(build_delivery(..))` gives.

use super::build::{case_record, envelope, municipality, signals_of};
use super::input::{DeliveryHeader, ExportCase};
use super::model::utc_seconds;
use serde::Serialize;
use std::io::{self, Write};

/// How much a delivery held, for the audit entry of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DeliveryCounts {
    pub signals: u64,
    pub cases: u64,
}

pub struct SignalSection<W: Write> {
    out: W,
    counts: DeliveryCounts,
}

pub struct CaseSection<W: Write> {
    out: W,
    counts: DeliveryCounts,
}

/// Writes everything up to the first signal.
pub fn start_delivery<W: Write>(
    mut out: W,
    header: &DeliveryHeader,
) -> io::Result<SignalSection<W>> {
    let delivery = envelope(header);
    let levering = municipality(header);
    out.write_all(b"{")?;
    field(&mut out, "codeGegevensleverancier", &delivery.supplier_code)?;
    out.write_all(b",")?;
    field(&mut out, "startdatumLevering", &delivery.period_from)?;
    out.write_all(b",")?;
    field(&mut out, "einddatumLevering", &delivery.period_to)?;
    out.write_all(b",")?;
    field(
        &mut out,
        "aanleverdatumEnTijd",
        &utc_seconds::text(&delivery.created_at),
    )?;
    out.write_all(b",\"leveringen\":[{")?;
    field(&mut out, "teller", &levering.counter)?;
    out.write_all(b",")?;
    field(&mut out, "gemeentecode", &levering.gemeentecode)?;
    out.write_all(b",")?;
    field(&mut out, "aanleverende_organisatie", &levering.organisation)?;
    out.write_all(b",\"vroegsignalen\":[")?;
    Ok(SignalSection {
        out,
        counts: DeliveryCounts::default(),
    })
}

fn field<W: Write, T: Serialize + ?Sized>(out: &mut W, key: &str, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, key)?;
    out.write_all(b":")?;
    serde_json::to_writer(&mut *out, value)?;
    Ok(())
}

/// One array element, with the comma before all but the first.
fn element<W: Write, T: Serialize>(out: &mut W, written: u64, value: &T) -> io::Result<()> {
    if written > 0 {
        out.write_all(b",")?;
    }
    serde_json::to_writer(&mut *out, value)?;
    Ok(())
}

impl<W: Write> SignalSection<W> {
    pub fn write_signals_of(&mut self, case: &ExportCase) -> io::Result<()> {
        for signal in signals_of(case) {
            element(&mut self.out, self.counts.signals, &signal)?;
            self.counts.signals += 1;
        }
        Ok(())
    }

    pub fn into_cases(mut self) -> io::Result<CaseSection<W>> {
        self.out.write_all(b"],\"vroegsignaalzaken\":[")?;
        Ok(CaseSection {
            out: self.out,
            counts: self.counts,
        })
    }
}

impl<W: Write> CaseSection<W> {
    pub fn write_case(&mut self, case: &ExportCase) -> io::Result<()> {
        element(&mut self.out, self.counts.cases, &case_record(case))?;
        self.counts.cases += 1;
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<DeliveryCounts> {
        self.out.write_all(b"]}]}")?;
        self.out.flush()?;
        Ok(self.counts)
    }
}

/// The whole delivery from a source of cases that can be read twice (once
/// for the signals, once for the cases), such as a query run twice in one
/// read transaction. Both passes must yield the same cases.
pub fn write_delivery<W, I, F>(
    out: W,
    header: &DeliveryHeader,
    mut cases: F,
) -> io::Result<DeliveryCounts>
where
    W: Write,
    I: IntoIterator<Item = ExportCase>,
    F: FnMut() -> I,
{
    let mut signals = start_delivery(out, header)?;
    for case in cases() {
        signals.write_signals_of(&case)?;
    }
    let mut section = signals.into_cases()?;
    for case in cases() {
        section.write_case(&case)?;
    }
    section.finish()
}

#[cfg(test)]
mod tests {
    use super::super::build::build_delivery;
    use super::super::fixtures::{case, header};
    use super::*;

    #[test]
    fn streaming_gives_the_same_bytes_as_building() {
        for count in [0, 1, 3] {
            let cases = || (1..=count).map(case);
            let mut streamed = Vec::new();
            let counts = write_delivery(&mut streamed, &header(), cases).unwrap();
            let built = serde_json::to_vec(&build_delivery(&header(), cases())).unwrap();
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(built).unwrap()
            );
            assert_eq!(
                counts,
                DeliveryCounts {
                    signals: 2 * count as u64,
                    cases: count as u64
                }
            );
        }
    }

    /// Counts bytes without keeping them: what a file or stdout would get.
    struct Sink(u64);

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0 += buf.len() as u64;
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn twenty_thousand_cases_stream_through_a_sink_that_keeps_nothing() {
        let mut sink = Sink(0);
        let cases = || (1..=20_000).map(case);
        let counts = write_delivery(&mut sink, &header(), cases).unwrap();
        assert_eq!(counts.cases, 20_000);
        assert!(sink.0 > 10_000_000, "{} bytes", sink.0);
    }

    #[test]
    fn write_errors_reach_the_caller() {
        struct Broken;
        impl Write for Broken {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::other("schijf vol"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let error = write_delivery(Broken, &header(), || [case(1)])
            .err()
            .unwrap();
        assert_eq!(error.to_string(), "schijf vol");
    }
}
