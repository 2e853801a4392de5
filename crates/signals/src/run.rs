//! One import from start to finish. Rows go in one at a time (so a file
//! streams in constant memory); accepted rows are stored in batches, each
//! batch in one transaction.

use crate::convert::{default_partner_type, to_new_signal};
use crate::rejected::RejectedRows;
use chrono::{NaiveDate, Utc};
use serde::Serialize;
use std::sync::Arc;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::calendar::amsterdam_date;
use vangnet_domain::routing::Route;
use vangnet_domain::signal::{validate, PartnerType, RawSignal, RowError, Validated};
use vangnet_store::{
    FinishedImport, ImportCounts, ImportSource, NewImport, NewSignal, Org, SignalOutcome, Store,
    StoreError,
};

/// Reports keep at most this many errors; the counts stay exact.
pub const MAX_REPORTED_ERRORS: usize = 50_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportedError {
    pub line: u64,
    pub column: String,
    pub code: String,
    pub message: String,
}

/// What happened to one item, for callers that answer per item (the API).
/// It says nothing about cases: a partner must not learn whether other
/// creditors reported the same household.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemResult {
    /// The line (CSV) or the position in the batch (API), from 1.
    pub line: u64,
    /// accepted, duplicate, updated, objected or rejected.
    pub outcome: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signal_id: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ReportedError>,
}

/// What an import did; serialises to the CLI's `--json` object.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    #[serde(flatten)]
    pub counts: ImportCounts,
    pub errors: Vec<ReportedError>,
    #[serde(skip)]
    pub import_id: Option<i64>,
    #[serde(skip)]
    pub rows: u64,
    #[serde(skip)]
    pub items: Vec<ItemResult>,
}

#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Check and route only; store nothing and record no import.
    pub dry_run: bool,
    pub batch_size: usize,
    pub source: ImportSource,
    pub file_name: Option<String>,
    /// Who started it, for the audit log (None for the CLI).
    pub actor_user_id: Option<i64>,
    pub actor_token_id: Option<i64>,
    /// Who started it when it is neither a user nor a token (a tenant
    /// asking for help through their personal link); "cli" otherwise.
    pub actor_label: Option<&'static str>,
    /// Keep a result per item (for the API; a file import only counts).
    pub per_item: bool,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            dry_run: false,
            // Each commit writes back every index page the batch touched,
            // and the signals' date indexes are touched all over: 25,000
            // rows per transaction write them a fifth as often as 5,000 did
            // (import-signals benchmark: ratio 0.36 → 0.45), and hold the
            // write lock for about a second.
            batch_size: 25_000,
            source: ImportSource::Cli,
            file_name: None,
            actor_user_id: None,
            actor_token_id: None,
            actor_label: None,
            per_item: false,
        }
    }
}

/// A row after its checks: what storing it needs, or why it is refused.
// Not boxed: almost every row is accepted, and a box would cost an
// allocation on the reading thread and a free on the storing one per row.
#[allow(clippy::large_enum_variant)]
pub enum Checked {
    Accepted {
        line: u64,
        signal: NewSignal,
    },
    /// The tenant objected: nothing of the row may be kept but the count.
    Objected {
        line: u64,
    },
    Rejected {
        raw: Box<RawSignal>,
        errors: Vec<RowError>,
    },
}

/// The part of a run that checks rows. It touches no storage, so a file
/// import runs it on the reading thread while the previous batch is stored.
#[derive(Clone)]
pub struct RowChecker {
    routing: Arc<crate::Gemeenten>,
    default_type: PartnerType,
    today: NaiveDate,
}

impl RowChecker {
    pub fn check(&self, raw: &RawSignal) -> Checked {
        match validate(raw, self.default_type, self.today) {
            Validated::Accepted(input) => {
                let route = self.routing.route(input.address.pc4());
                let signal = to_new_signal(&input, route);
                Checked::Accepted {
                    line: raw.line,
                    signal,
                }
            }
            Validated::Objected => Checked::Objected { line: raw.line },
            Validated::Rejected(errors) => Checked::Rejected {
                raw: Box::new(raw.clone()),
                errors,
            },
        }
    }
}

pub struct ImportRun<'a> {
    store: &'a dyn Store,
    partner: Org,
    options: RunOptions,
    import_id: Option<i64>,
    checker: RowChecker,
    pending: Vec<NewSignal>,
    counts: ImportCounts,
    errors: Vec<ReportedError>,
    rejected: RejectedRows,
    rows: u64,
    items: Vec<ItemResult>,
    /// Positions in `items` of the queued signals, filled in at flush.
    pending_items: Vec<usize>,
}

fn audit_event(options: &RunOptions, action: &str, partner: &Org) -> AuditEvent {
    let event = AuditEvent::new(action, "import", None);
    let event = match (options.actor_user_id, options.actor_token_id) {
        (Some(user), _) => event.by_user(user, partner.id),
        (None, Some(token)) => event.by_token(token, partner.id),
        _ => event.by_label(options.actor_label.unwrap_or("cli")),
    };
    event.in_org(Some(partner.id))
}

impl<'a> ImportRun<'a> {
    pub async fn start(
        store: &'a dyn Store,
        partner: Org,
        options: RunOptions,
    ) -> Result<Self, StoreError> {
        let routing = crate::Gemeenten::load(store).await?;
        let import_id = if options.dry_run {
            None
        } else {
            let new = NewImport {
                partner_org_id: partner.id,
                source: options.source,
                file_name: options.file_name.clone(),
                actor_user_id: options.actor_user_id,
            };
            Some(
                store
                    .start_import(&new, audit_event(&options, "import.start", &partner))
                    .await?,
            )
        };
        let checker = RowChecker {
            routing: Arc::new(routing),
            default_type: default_partner_type(partner.kind),
            today: amsterdam_date(Utc::now()),
        };
        Ok(ImportRun {
            store,
            partner,
            import_id,
            checker,
            pending: Vec::with_capacity(options.batch_size),
            options,
            counts: ImportCounts::default(),
            errors: Vec::new(),
            rejected: RejectedRows::default(),
            rows: 0,
            items: Vec::new(),
            pending_items: Vec::new(),
        })
    }

    pub fn rows(&self) -> u64 {
        self.rows
    }

    pub fn counts(&self) -> &ImportCounts {
        &self.counts
    }

    /// Accepted rows per stored batch (one transaction each).
    pub fn batch_size(&self) -> usize {
        self.options.batch_size
    }

    pub fn checker(&self) -> RowChecker {
        self.checker.clone()
    }

    /// Validates one row and queues it; stores a batch when one is full.
    pub async fn push(&mut self, raw: &RawSignal) -> Result<(), StoreError> {
        let checked = self.checker.check(raw);
        self.take(checked).await
    }

    /// Queues a checked row; stores a batch when one is full.
    pub async fn take(&mut self, checked: Checked) -> Result<(), StoreError> {
        self.rows += 1;
        match checked {
            Checked::Accepted { line, signal } => {
                self.pending.push(signal);
                if self.options.per_item {
                    self.pending_items.push(self.items.len());
                    self.item(line, "accepted", Vec::new());
                }
                if self.pending.len() >= self.options.batch_size {
                    self.flush().await?;
                }
            }
            Checked::Objected { line } => {
                self.counts.objected += 1;
                self.item(line, "objected", Vec::new());
            }
            Checked::Rejected { raw, errors } => self.reject(&raw, &errors),
        }
        Ok(())
    }

    fn reject(&mut self, raw: &RawSignal, errors: &[RowError]) {
        self.counts.rejected += 1;
        self.rejected.push(raw, errors);
        let reported: Vec<ReportedError> = errors
            .iter()
            .map(|e| reported(raw.line, e.column, e.code, &e.message))
            .collect();
        if self.options.per_item {
            self.item(raw.line, "rejected", reported.clone());
        }
        for error in reported {
            self.report(error);
        }
    }

    fn item(&mut self, line: u64, outcome: &'static str, errors: Vec<ReportedError>) {
        if self.options.per_item {
            self.items.push(ItemResult {
                line,
                outcome,
                signal_id: None,
                errors,
            });
        }
    }

    /// A row the reader could not even split into fields.
    pub fn push_unreadable(&mut self, line: u64, code: &str, message: &str) {
        self.rows += 1;
        self.counts.rejected += 1;
        let error = reported(line, "", code, message);
        self.item(line, "rejected", vec![error.clone()]);
        self.report(error);
    }

    fn report(&mut self, error: ReportedError) {
        if self.errors.len() < MAX_REPORTED_ERRORS {
            self.errors.push(error);
        }
    }

    async fn flush(&mut self) -> Result<(), StoreError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let Some(import_id) = self.import_id else {
            for signal in self.pending.drain(..) {
                self.counts.accepted += 1;
                if !matches!(signal.route, Route::Gemeente(_)) {
                    self.counts.unroutable += 1;
                }
            }
            return Ok(());
        };
        let outcomes = self
            .store
            .store_signals(import_id, self.partner.id, &self.pending)
            .await?;
        for (signal, outcome) in self.pending.iter().zip(&outcomes) {
            self.counts
                .add(outcome, matches!(signal.route, Route::Gemeente(_)));
        }
        for (position, outcome) in self.pending_items.drain(..).zip(&outcomes) {
            let item = &mut self.items[position];
            (item.outcome, item.signal_id) = describe(outcome);
        }
        let stored = std::mem::replace(
            &mut self.pending,
            Vec::with_capacity(self.options.batch_size),
        );
        drop_elsewhere(stored);
        Ok(())
    }

    /// Stores what is left and records the import's result.
    pub async fn finish(mut self) -> Result<ImportReport, StoreError> {
        self.flush().await?;
        let rejected = std::mem::take(&mut self.rejected).into_csv();
        if let Some(import_id) = self.import_id {
            let finished = FinishedImport {
                import_id,
                partner_org_id: self.partner.id,
                counts: self.counts,
                failure: None,
                rejected_csv: rejected.as_deref(),
            };
            let event = audit_event(&self.options, "import.finish", &self.partner);
            self.store.finish_import(&finished, event).await?;
        }
        Ok(ImportReport {
            counts: self.counts,
            errors: self.errors,
            import_id: self.import_id,
            rows: self.rows,
            items: self.items,
        })
    }

    /// Records that the import stopped part-way (the file became unreadable,
    /// or the database failed); the batches already stored stay, the queued
    /// rows are dropped, and importing the file again completes it.
    pub async fn fail(&mut self, reason: &str) -> Result<(), StoreError> {
        self.pending.clear();
        self.pending_items.clear();
        if let Some(import_id) = self.import_id {
            let finished = FinishedImport {
                import_id,
                partner_org_id: self.partner.id,
                counts: self.counts,
                failure: Some(reason),
                rejected_csv: None,
            };
            let event = audit_event(&self.options, "import.fail", &self.partner).because(reason);
            self.store.finish_import(&finished, event).await?;
        }
        Ok(())
    }
}

/// Frees a stored batch on a blocking thread: a batch is hundreds of
/// thousands of strings, allocated by the reading thread, and freeing them
/// here would keep the one database writer from the next batch.
fn drop_elsewhere(batch: Vec<NewSignal>) {
    match tokio::runtime::Handle::try_current() {
        Ok(handle) => drop(handle.spawn_blocking(move || drop(batch))),
        Err(_) => drop(batch),
    }
}

fn reported(line: u64, column: &str, code: &str, message: &str) -> ReportedError {
    ReportedError {
        line,
        column: column.to_string(),
        code: code.to_string(),
        message: message.to_string(),
    }
}

fn describe(outcome: &SignalOutcome) -> (&'static str, Option<i64>) {
    match *outcome {
        SignalOutcome::Created { signal_id, .. } => ("accepted", Some(signal_id)),
        SignalOutcome::Updated { signal_id } => ("updated", Some(signal_id)),
        SignalOutcome::Duplicate { signal_id } => ("duplicate", Some(signal_id)),
    }
}
