//! `vangnet export ddas`: a gemeente's DDAS delivery for CBS, to stdout or
//! to a file that appears only when it is complete.

use crate::cli::ExportDdasArgs;
use crate::commands::{cli_event, CliResult};
use chrono::Utc;
use std::path::Path;
use std::sync::Arc;
use vangnet_domain::ddas::DeliveryCounts;
use vangnet_signals::ddas_export::{
    find_gemeente, parse_period, BlockingSink, DdasExport, DdasExportError, AUDIT_ACTION,
};
use vangnet_store::Store;

pub async fn ddas(store: Arc<dyn Store>, args: ExportDdasArgs) -> CliResult {
    let period =
        parse_period(&args.from, &args.to).map_err(|e| DdasExportError::from(e).to_string())?;
    let store = &*store;
    let gemeente = find_gemeente(store, &args.gemeente)
        .await
        .map_err(|e| e.to_string())?;
    let export = DdasExport::prepare(store, &gemeente, period, Utc::now())
        .await
        .map_err(|e| e.to_string())?;
    // Filed under the gemeente, so its own audit log shows the export.
    let who = cli_event(AUDIT_ACTION, "organisation").in_org(Some(gemeente.id));
    let Some(out) = args.out else {
        // Standard output carries the delivery, so the summary goes to stderr.
        let mut sink = BlockingSink(std::io::stdout());
        let counts = export
            .write(store, &mut sink, who)
            .await
            .map_err(|e| e.to_string())?;
        eprintln!("{}", summary(&gemeente.name, counts));
        return Ok(());
    };
    let counts = write_file(store, &export, &out, who).await?;
    println!(
        "{} Geschreven naar {}.",
        summary(&gemeente.name, counts),
        out.display()
    );
    Ok(())
}

/// Writes next to the target and renames at the end: a failure leaves no
/// half-written delivery that someone might send to CBS.
async fn write_file(
    store: &dyn Store,
    export: &DdasExport,
    out: &Path,
    who: vangnet_domain::audit::AuditEvent,
) -> CliResult<DeliveryCounts> {
    let dir = match out.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let temp = tempfile::Builder::new()
        .prefix(".ddas-")
        .suffix(".part")
        .tempfile_in(dir)
        .map_err(|e| format!("kan geen bestand maken in '{}': {e}", dir.display()))?;
    let mut sink = BlockingSink(temp);
    let counts = export
        .write(store, &mut sink, who)
        .await
        .map_err(|e| e.to_string())?;
    let BlockingSink(temp) = sink;
    temp.as_file()
        .sync_all()
        .map_err(|e| format!("kan '{}' niet wegschrijven: {e}", out.display()))?;
    temp.persist(out)
        .map_err(|e| format!("kan '{}' niet schrijven: {}", out.display(), e.error))?;
    Ok(counts)
}

fn summary(gemeente: &str, counts: DeliveryCounts) -> String {
    format!(
        "DDAS-levering voor {gemeente}: {} signalen in {} zaken.",
        counts.signals, counts.cases
    )
}
