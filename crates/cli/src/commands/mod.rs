//! One function per subcommand. Errors are plain sentences; `main` prints
//! them and exits non-zero.

mod admin;
mod bench;
mod bench_http;
mod bench_queue;
mod bench_report;
mod bench_report_text;
mod bench_search;
mod bench_stats;
mod export;
mod gate;
mod import;
pub mod kb;
mod maintenance;
mod purge;
pub mod serve;

use crate::cli::{AuditCommand, Cli, Command, ExportCommand, ImportCommand};
use crate::cli::{GateCommand, KbCommand};
use std::sync::Arc;
use vangnet_domain::audit::AuditEvent;
use vangnet_store::Store;

pub type CliResult<T = ()> = Result<T, String>;

pub const DEFAULT_DATABASE: &str = "sqlite://vangnet.db";

pub async fn run(cli: Cli) -> CliResult {
    let url = cli.database_url.clone();
    let url = || url.clone().unwrap_or_else(|| DEFAULT_DATABASE.to_string());
    match cli.command {
        Command::Serve(args) => serve::serve(&url(), args).await,
        Command::Demo(args) => crate::demo::run(cli.database_url.as_deref(), args).await,
        Command::Migrate => maintenance::migrate(&url()).await,
        Command::Org(command) => admin::org(open(&url()).await?, command).await,
        Command::User(command) => admin::user(open(&url()).await?, command).await,
        Command::Token(command) => admin::token(open(&url()).await?, command).await,
        Command::Backup { to } => maintenance::backup(open(&url()).await?, &to).await,
        Command::Audit(AuditCommand::Verify) => maintenance::verify(open(&url()).await?).await,
        Command::Purge { dry_run, json } => purge::purge(open(&url()).await?, dry_run, json).await,
        Command::Bench(args) => bench_report::run(args).await,
        Command::Export(ExportCommand::Ddas(args)) => export::ddas(open(&url()).await?, args).await,
        Command::Import(ImportCommand::Tenancies(args)) => {
            import::tenancies(open(&url()).await?, args).await
        }
        Command::Import(ImportCommand::Signals(args)) => {
            import::signals(open(&url()).await?, args).await
        }
        Command::Gate(GateCommand::Eval { file, json }) => gate::eval(&file, json),
        Command::Kb(KbCommand::Import(args)) => kb::import(open(&url()).await?, args).await,
        Command::Kb(KbCommand::Export { dir }) => kb::export(open(&url()).await?, &dir).await,
        Command::Kb(KbCommand::Search(args)) => kb::search(open(&url()).await?, args).await,
    }
}

/// Connects and brings the schema up to date, so every command works on a
/// fresh database too.
pub async fn open(url: &str) -> CliResult<Arc<dyn Store>> {
    let store = vangnet_store::connect(url)
        .await
        .map_err(|e| e.to_string())?;
    store.migrate().await.map_err(|e| e.to_string())?;
    Ok(store)
}

/// Audit entries for work done on the command line.
pub fn cli_event(action: &str, object_type: &str) -> AuditEvent {
    AuditEvent::new(action, object_type, None).by_label("cli")
}
