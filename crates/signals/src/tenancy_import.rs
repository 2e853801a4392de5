//! A verhuurder's tenancy file through the same reader and error reporting
//! as the signal import: `TenancyReader` splits the file (encoding,
//! delimiter, quoting, header mapping, physical lines), the domain's
//! `validate_tenancy` judges each row, routing finds the gemeente by PC4,
//! and `TenancyStore::upsert_tenancies` stores a batch in one transaction,
//! idempotent by the verhuurder's reference.
//!
//! A stated arrears amount (`achterstand`, on `achterstand_peildatum`, else
//! today) is brought into the ledger as the difference with the ledger's
//! balance: a `due` entry when more is owed, a `payment` entry when less,
//! nothing when they agree. Its reference is `achterstand:<date>:<cents>`,
//! so importing the same file again (or two imports at once) adds nothing.

use crate::csv_import::ImportError;
use crate::run::{ReportedError, MAX_REPORTED_ERRORS};
use chrono::Utc;
use serde::Serialize;
use std::io::Read;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::calendar::amsterdam_date;
use vangnet_domain::tenancy::{validate_tenancy, RawTenancy, TenancyRow};
use vangnet_intake::{TenancyProfile, TenancyReader};
use vangnet_store::tenancy::{
    LedgerKind, LedgerOutcome, NewLedgerEntry, TenancyData, TenancyOutcome,
};
use vangnet_store::{Org, Store};

/// Rows stored per transaction.
const BATCH: usize = 1000;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TenancyImportCounts {
    /// Rows that passed every check (in a dry run: would be stored).
    pub accepted: u64,
    pub rejected: u64,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// Accepted tenancies whose postcode no gemeente serves (stored
    /// without a gemeente: no art. 14 melding can go through vangnet).
    pub unroutable: u64,
    /// Ledger entries added to bring the arrears to the stated amount.
    pub ledger_entries: u64,
}

/// What an import did; serialises to the CLI's `--json` object.
#[derive(Debug, Clone, Serialize)]
pub struct TenancyImportReport {
    #[serde(flatten)]
    pub counts: TenancyImportCounts,
    pub errors: Vec<ReportedError>,
    #[serde(skip)]
    pub rows: u64,
}

#[derive(Debug, Clone, Default)]
pub struct TenancyImportOptions {
    /// Check and route every row; store nothing.
    pub dry_run: bool,
    /// Who started it, for the audit log (`None`: the CLI).
    pub actor_user_id: Option<i64>,
}

struct Run<'a> {
    store: &'a dyn Store,
    verhuurder: &'a Org,
    options: TenancyImportOptions,
    gemeenten: crate::Gemeenten,
    pending: Vec<TenancyRow>,
    report: TenancyImportReport,
}

/// Reads `reader` as a tenancy file of `verhuurder` and stores the valid
/// rows (unless `dry_run`). `progress` gets the number of rows read so far.
pub async fn import_tenancies_csv<R: Read>(
    store: &dyn Store,
    verhuurder: &Org,
    reader: R,
    profile: &TenancyProfile,
    options: TenancyImportOptions,
    mut progress: impl FnMut(u64),
) -> Result<TenancyImportReport, ImportError> {
    let mut rows = TenancyReader::new(reader, profile)?;
    let gemeenten = crate::Gemeenten::load(store).await?;
    let mut run = Run {
        store,
        verhuurder,
        options,
        gemeenten,
        pending: Vec::with_capacity(BATCH),
        report: TenancyImportReport {
            counts: TenancyImportCounts::default(),
            errors: Vec::new(),
            rows: 0,
        },
    };
    let today = amsterdam_date(Utc::now());
    let mut raw = RawTenancy::new(0);
    while let Some(next) = rows.next_into(&mut raw) {
        match next {
            Err(problem) if problem.ends_reading() => {
                run.flush().await?;
                return Err(ImportError::Stopped {
                    line: problem.line,
                    message: problem.message,
                });
            }
            Err(problem) => {
                run.report.rows += 1;
                run.reject(problem.line, "", problem.code, problem.message);
            }
            Ok(()) => {
                run.report.rows += 1;
                match validate_tenancy(&raw, today) {
                    Ok(row) => {
                        run.report.counts.accepted += 1;
                        if run.gemeente(&row).is_none() {
                            run.report.counts.unroutable += 1;
                        }
                        if !run.options.dry_run {
                            run.pending.push(row);
                        }
                    }
                    Err(errors) => {
                        let line = raw.line;
                        run.report.counts.rejected += 1;
                        for e in errors {
                            run.push_error(line, e.column, e.code, e.message);
                        }
                    }
                }
            }
        }
        if run.pending.len() >= BATCH {
            run.flush().await?;
        }
        progress(run.report.rows);
    }
    run.flush().await?;
    Ok(run.report)
}

impl Run<'_> {
    fn reject(&mut self, line: u64, column: &str, code: &str, message: String) {
        self.report.counts.rejected += 1;
        self.push_error(line, column, code, message);
    }

    fn push_error(&mut self, line: u64, column: &str, code: &str, message: String) {
        if self.report.errors.len() < MAX_REPORTED_ERRORS {
            self.report.errors.push(ReportedError {
                line,
                column: column.to_string(),
                code: code.to_string(),
                message,
            });
        }
    }

    fn gemeente(&self, row: &TenancyRow) -> Option<&Org> {
        self.gemeenten.serving(row.address.pc4())
    }

    fn audit(&self, action: &str) -> AuditEvent {
        let event = AuditEvent::new(action, "tenancy", None);
        let event = match self.options.actor_user_id {
            Some(user) => event.by_user(user, self.verhuurder.id),
            None => event.by_label("cli"),
        };
        event.in_org(Some(self.verhuurder.id))
    }

    async fn flush(&mut self) -> Result<(), ImportError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.pending);
        let batch: Vec<TenancyData> = rows
            .iter()
            .map(|row| {
                let gemeente = self.gemeente(row);
                TenancyData {
                    reference: row.reference.clone(),
                    tenants: row.tenants.clone(),
                    address: row.address.clone(),
                    gemeente_org_id: gemeente.map(|g| g.id),
                    gemeentecode: gemeente.and_then(|g| g.gemeentecode.clone()),
                    grounds: row.grounds.slug().to_string(),
                    monthly_rent_cents: row.monthly_rent_cents,
                    start_date: row.start_date,
                }
            })
            .collect();
        let audit = self
            .audit("tenancy.import")
            .with_detail(serde_json::json!({ "rows": batch.len() }));
        let outcomes = self
            .store
            .upsert_tenancies(self.verhuurder.id, &batch, audit)
            .await?;
        for (row, outcome) in rows.iter().zip(outcomes) {
            match outcome {
                TenancyOutcome::Created { .. } => self.report.counts.created += 1,
                TenancyOutcome::Updated { .. } => self.report.counts.updated += 1,
                TenancyOutcome::Unchanged { .. } => self.report.counts.unchanged += 1,
            }
            if let Some(stated) = row.arrears {
                self.settle_arrears(outcome.tenancy_id(), stated).await?;
            }
        }
        Ok(())
    }

    /// Adds the entry that makes the ledger's balance the stated arrears.
    async fn settle_arrears(
        &mut self,
        tenancy_id: i64,
        stated: vangnet_domain::tenancy::StatedArrears,
    ) -> Result<(), ImportError> {
        let Some(tenancy) = self.store.tenancy(self.verhuurder.id, tenancy_id).await? else {
            return Ok(());
        };
        let difference = stated.amount_cents - tenancy.arrears.arrears_cents;
        if difference == 0 {
            return Ok(());
        }
        let entry = NewLedgerEntry {
            kind: if difference > 0 {
                LedgerKind::Due
            } else {
                LedgerKind::Payment
            },
            on_date: stated.on_date,
            amount_cents: difference.abs(),
            description: Some("achterstand volgens import".to_string()),
            reference: Some(format!(
                "achterstand:{}:{}",
                stated.on_date, stated.amount_cents
            )),
        };
        let audit = self.audit("tenancy.ledger.import").with_object(tenancy_id);
        let outcomes = self
            .store
            .add_ledger_entries(self.verhuurder.id, tenancy_id, &[entry], audit)
            .await?;
        self.report.counts.ledger_entries += outcomes
            .iter()
            .filter(|o| matches!(o, LedgerOutcome::Added { .. }))
            .count() as u64;
        Ok(())
    }
}
