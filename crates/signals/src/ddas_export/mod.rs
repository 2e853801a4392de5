//! The DDAS delivery of one gemeente over one period, for the command line,
//! the API and the teamleider's download alike.
//!
//! `DdasExport::prepare` checks everything a person can fix (the period, the
//! settings) before a byte is written; `write` then streams the delivery
//! page by page in constant memory and audits it. DDAS lists all signals
//! before all cases, so the pages are read twice; which cases belong to the
//! period, and how the two passes stay consistent, is described at
//! `vangnet_store::casework::DdasStore`.

mod convert;
mod header;
mod period;
mod sink;

pub use period::{find_gemeente, parse_period, Period};
pub use sink::{BlockingSink, DeliverySink};

use chrono::{DateTime, Utc};
use sink::ChunkBuffer;
use std::io;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::ddas::{start_delivery, DeliveryCounts, DeliveryHeader, ExportCase};
use vangnet_domain::matching::MatchSettings;
use vangnet_domain::Invalid;
use vangnet_store::casework::DdasSelection;
use vangnet_store::{Org, Store, StoreError};

/// Cases per page: enough to keep the number of queries low, few enough
/// that a page of signals and attempts stays small.
const PAGE: i64 = 500;

pub const AUDIT_ACTION: &str = "ddas.export";

#[derive(Debug, thiserror::Error)]
pub enum DdasExportError {
    /// The period or the settings: the person asking can fix it. Shown as
    /// its sentences only, which name the date or setting themselves.
    #[error("{}", sentences(.0))]
    Invalid(Invalid),
    #[error(
        "onbekende gemeente '{0}'; geef de organisatiecode (bijvoorbeeld den-haag) \
         of de CBS-gemeentecode (bijvoorbeeld 0518) van een gemeente"
    )]
    UnknownGemeente(String),
    #[error("{0}")]
    Store(#[from] StoreError),
    /// Stored data the delivery cannot express; a bug or a damaged database.
    #[error("de DDAS-levering kan niet worden gemaakt: {0}")]
    Unreadable(String),
    #[error("de DDAS-levering kon niet worden geschreven: {0}")]
    Write(#[from] io::Error),
}

fn sentences(invalid: &Invalid) -> String {
    let reasons: Vec<&str> = invalid.errors.iter().map(|e| e.reason.as_str()).collect();
    reasons.join("; ")
}

impl From<Invalid> for DdasExportError {
    fn from(invalid: Invalid) -> Self {
        DdasExportError::Invalid(invalid)
    }
}

/// A checked request, ready to be written.
#[derive(Debug, Clone)]
pub struct DdasExport {
    header: DeliveryHeader,
    selection: DdasSelection,
    matching: MatchSettings,
}

impl DdasExport {
    /// Reads the gemeente's settings and fixes the horizon; fails with
    /// `Invalid` when a setting is missing.
    pub async fn prepare(
        store: &dyn Store,
        gemeente: &Org,
        period: Period,
        now: DateTime<Utc>,
    ) -> Result<DdasExport, DdasExportError> {
        let settings = store.casework_settings(gemeente.id).await?;
        let header = header::header(gemeente, &settings, period, now)?;
        Ok(DdasExport {
            header,
            matching: store.match_settings(gemeente.id).await?,
            selection: DdasSelection {
                gemeente_org_id: gemeente.id,
                from: period.from,
                to: period.to,
                horizon: store.ddas_horizon().await?,
            },
        })
    }

    /// `ddas-0518-2025-01-01-2025-01-31.json`: gemeente and period, so
    /// downloads of different months do not overwrite each other.
    pub fn file_name(&self) -> String {
        let h = &self.header;
        format!(
            "ddas-{}-{}-{}.json",
            h.gemeentecode, h.period_from, h.period_to
        )
    }

    /// Writes the delivery to `sink` and appends `who` (the actor's event,
    /// any action) as a `ddas.export` audit entry with the gemeente, the
    /// period and the counts, also when writing failed half-way, because
    /// part of the data may have left by then.
    pub async fn write(
        &self,
        store: &dyn Store,
        sink: &mut impl DeliverySink,
        who: AuditEvent,
    ) -> Result<DeliveryCounts, DdasExportError> {
        let result = self.stream(store, sink).await;
        let h = &self.header;
        let mut detail = serde_json::json!({
            "gemeentecode": h.gemeentecode,
            "from": h.period_from,
            "to": h.period_to,
            "completed": result.is_ok(),
        });
        if let Ok(counts) = &result {
            detail["signals"] = counts.signals.into();
            detail["cases"] = counts.cases.into();
        }
        let event = AuditEvent {
            action: AUDIT_ACTION.into(),
            object_type: "organisation".into(),
            ..who
        }
        .with_object(self.selection.gemeente_org_id)
        .with_detail(detail);
        store.append_audit(event).await?;
        result
    }

    async fn stream(
        &self,
        store: &dyn Store,
        sink: &mut impl DeliverySink,
    ) -> Result<DeliveryCounts, DdasExportError> {
        let buffer = ChunkBuffer::default();
        let mut signals = start_delivery(buffer.clone(), &self.header)?;
        self.each_page(store, &buffer, sink, |case| signals.write_signals_of(case))
            .await?;
        let mut cases = signals.into_cases()?;
        self.each_page(store, &buffer, sink, |case| cases.write_case(case))
            .await?;
        let counts = cases.finish()?;
        sink.write_chunk(buffer.take()).await?;
        Ok(counts)
    }

    /// One pass over the cases, page by page; after each page the buffered
    /// bytes go to the sink, so memory holds one page at most.
    async fn each_page(
        &self,
        store: &dyn Store,
        buffer: &ChunkBuffer,
        sink: &mut impl DeliverySink,
        mut write: impl FnMut(&ExportCase) -> io::Result<()> + Send,
    ) -> Result<(), DdasExportError> {
        let mut after = 0;
        loop {
            let page = store.ddas_cases(&self.selection, after, PAGE).await?;
            let Some(last) = page.last() else {
                return Ok(());
            };
            after = last.id;
            for case in &page {
                write(&convert::export_case(case, self.matching)?)?;
            }
            sink.write_chunk(buffer.take()).await?;
        }
    }
}
