//! `vangnet import signals`: a partner's CSV file through the same pipeline
//! as the API and the upload page. `vangnet import tenancies`: a
//! verhuurder's tenancy file through the same reader and error reporting.

use super::CliResult;
use crate::cli::{ImportSignalsArgs, ImportTenanciesArgs};
use crate::progress::{CountingReader, Progress};
use std::fs::File;
use std::io::BufReader;
use std::sync::Arc;
use vangnet_domain::org::OrgKind;
use vangnet_intake::{MappingProfile, Profile, TenancyProfile};
use vangnet_signals::{
    import_csv, import_tenancies_csv, ImportReport, ReportedError, RunOptions,
    TenancyImportOptions, TenancyImportReport,
};
use vangnet_store::{ImportSource, Store};

pub async fn signals(store: Arc<dyn Store>, args: ImportSignalsArgs) -> CliResult {
    let partner = delivering_org(
        &*store,
        &args.partner,
        &[OrgKind::Verhuurder, OrgKind::Signaalpartner],
        "alleen verhuurders en signaalpartners leveren signalen aan",
    )
    .await?;
    let profile: Profile = load_profile(args.profile.as_deref())?;
    strict_then_import(
        args.strict,
        args.dry_run,
        |dry_run| run(&*store, &partner, &args, &profile, dry_run),
        |report: &ImportReport| report.counts.rejected.max(0) as u64,
        |report, dry_run| print_report(&args, report, dry_run),
    )
    .await
}

/// The organisation that delivers the file, if it exists and is of a kind
/// that may.
async fn delivering_org(
    store: &dyn Store,
    code: &str,
    kinds: &[OrgKind],
    who_may: &str,
) -> CliResult<vangnet_store::Org> {
    let org = store
        .org_by_code(code.trim())
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("organisatie '{code}' bestaat niet (zie: vangnet org list)"))?;
    if !kinds.contains(&org.kind) {
        return Err(format!("{} is een {}; {who_may}", org.code, org.kind));
    }
    Ok(org)
}

/// Under `--strict` the whole file is checked first (a dry run) and
/// nothing is stored if any row has an error; then the real run.
async fn strict_then_import<R, Fut>(
    strict: bool,
    dry_run: bool,
    mut import: impl FnMut(bool) -> Fut,
    rejected: impl Fn(&R) -> u64,
    print: impl Fn(&R, bool),
) -> CliResult
where
    Fut: std::future::Future<Output = CliResult<R>>,
{
    if strict && !dry_run {
        let check = import(true).await?;
        if rejected(&check) > 0 {
            print(&check, true);
            return Err(format!(
                "--strict: {} regel(s) met fouten; er is niets opgeslagen",
                rejected(&check)
            ));
        }
    }
    let report = import(dry_run).await?;
    print(&report, dry_run);
    Ok(())
}

/// The file, read through a counter that drives the progress bar (shown
/// only on a terminal).
fn open_with_progress(
    path: &std::path::Path,
) -> CliResult<(CountingReader<BufReader<File>>, Progress)> {
    let file =
        File::open(path).map_err(|e| format!("kan '{}' niet openen: {e}", path.display()))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let (reader, bytes_read) = CountingReader::new(BufReader::with_capacity(256 * 1024, file));
    Ok((reader, Progress::on_terminal(size, bytes_read)))
}

fn load_profile<F: vangnet_intake::FieldSet>(
    path: Option<&std::path::Path>,
) -> CliResult<MappingProfile<F>> {
    let Some(path) = path else {
        return Ok(MappingProfile::default());
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("kan profiel '{}' niet lezen: {e}", path.display()))?;
    MappingProfile::from_toml(&text).map_err(|e| format!("profiel '{}': {e}", path.display()))
}

async fn run(
    store: &dyn Store,
    partner: &vangnet_store::Org,
    args: &ImportSignalsArgs,
    profile: &Profile,
    dry_run: bool,
) -> CliResult<ImportReport> {
    let (reader, mut progress) = open_with_progress(&args.file)?;
    let options = RunOptions {
        dry_run,
        source: ImportSource::Cli,
        file_name: args
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned()),
        ..RunOptions::default()
    };
    let result = import_csv(store, partner.clone(), reader, profile, options, |rows| {
        progress.update(rows)
    })
    .await;
    progress.finish();
    result.map_err(|e| format!("'{}': {e}", args.file.display()))
}

fn print_report(args: &ImportSignalsArgs, report: &ImportReport, dry_run: bool) {
    let c = &report.counts;
    if args.json {
        // Exactly the documented object; objections are counted in the
        // import record and mentioned on stderr.
        let json = serde_json::json!({
            "accepted": c.accepted,
            "rejected": c.rejected,
            "duplicates": c.duplicates,
            "updated": c.updated,
            "cases_created": c.cases_created,
            "cases_joined": c.cases_joined,
            "unroutable": c.unroutable,
            "errors": report.errors,
        });
        println!("{json}");
        if c.objected > 0 {
            eprintln!(
                "{} signaal/signalen niet opgeslagen: bezwaar tegen doorgeven.",
                c.objected
            );
        }
        return;
    }
    let what = if dry_run {
        "Proefimport (niets opgeslagen)"
    } else {
        "Import"
    };
    println!(
        "{what} van {}: {} regels gelezen.",
        args.file.display(),
        report.rows
    );
    println!(
        "  geaccepteerd {}, afgewezen {}, dubbel {}, bijgewerkt {}, bezwaar (niet opgeslagen) {}",
        c.accepted, c.rejected, c.duplicates, c.updated, c.objected
    );
    if !dry_run {
        println!(
            "  zaken: {} nieuw, {} aangevuld; onrouteerbaar: {}",
            c.cases_created, c.cases_joined, c.unroutable
        );
    }
    print_errors(&report.errors);
}

fn print_errors(errors: &[ReportedError]) {
    if !errors.is_empty() {
        println!("Fouten:");
        for e in errors.iter().take(50) {
            let column = if e.column.is_empty() {
                String::new()
            } else {
                format!(", {}", e.column)
            };
            println!("  regel {}{column}: {} [{}]", e.line, e.message, e.code);
        }
        if errors.len() > 50 {
            println!(
                "  … en nog {} (gebruik --json voor alles)",
                errors.len() - 50
            );
        }
    }
}

pub async fn tenancies(store: Arc<dyn Store>, args: ImportTenanciesArgs) -> CliResult {
    let verhuurder = delivering_org(
        &*store,
        &args.verhuurder,
        &[OrgKind::Verhuurder],
        "alleen verhuurders leveren huurovereenkomsten aan",
    )
    .await?;
    let profile: TenancyProfile = load_profile(args.profile.as_deref())?;
    strict_then_import(
        args.strict,
        args.dry_run,
        |dry_run| run_tenancies(&*store, &verhuurder, &args, &profile, dry_run),
        |report: &TenancyImportReport| report.counts.rejected,
        |report, dry_run| print_tenancy_report(&args, report, dry_run),
    )
    .await
}

async fn run_tenancies(
    store: &dyn Store,
    verhuurder: &vangnet_store::Org,
    args: &ImportTenanciesArgs,
    profile: &TenancyProfile,
    dry_run: bool,
) -> CliResult<TenancyImportReport> {
    let (reader, mut progress) = open_with_progress(&args.file)?;
    let options = TenancyImportOptions {
        dry_run,
        actor_user_id: None,
    };
    let result = import_tenancies_csv(store, verhuurder, reader, profile, options, |rows| {
        progress.update(rows)
    })
    .await;
    progress.finish();
    result.map_err(|e| format!("'{}': {e}", args.file.display()))
}

fn print_tenancy_report(args: &ImportTenanciesArgs, report: &TenancyImportReport, dry_run: bool) {
    let c = &report.counts;
    if args.json {
        // Exactly one object: the counts and every error.
        let json = serde_json::json!({
            "accepted": c.accepted,
            "rejected": c.rejected,
            "created": c.created,
            "updated": c.updated,
            "unchanged": c.unchanged,
            "unroutable": c.unroutable,
            "ledger_entries": c.ledger_entries,
            "errors": report.errors,
        });
        println!("{json}");
        return;
    }
    let what = if dry_run {
        "Proefimport (niets opgeslagen)"
    } else {
        "Import"
    };
    println!(
        "{what} van {}: {} regels gelezen.",
        args.file.display(),
        report.rows
    );
    println!(
        "  geaccepteerd {}, afgewezen {}; zonder gemeente (postcode niet gedekt) {}",
        c.accepted, c.rejected, c.unroutable
    );
    if !dry_run {
        println!(
            "  huurovereenkomsten: {} nieuw, {} bijgewerkt, {} ongewijzigd; boekingen achterstand: {}",
            c.created, c.updated, c.unchanged, c.ledger_entries
        );
    }
    print_errors(&report.errors);
}
