//! The `vangnet` binary: one command for the web app and for running it.
//! Each subcommand lives in `commands/`; this file parses arguments and
//! turns every error into a plain message and a non-zero exit code.

mod cli;
mod commands;
mod demo;
mod demo_cases;
mod demo_history;
mod demo_kennisbank;
mod demo_policies;
mod demo_signals;
mod demo_tenancies;
mod demo_tenant_channel;
mod password_input;
mod progress;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // A bug should still end in a sentence, not a backtrace.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("vangnet: interne fout: {info}");
    }));
    let args = cli::Cli::parse();
    init_logging();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("vangnet: kan niet starten: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(commands::run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("vangnet: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Logs go to stderr; `RUST_LOG` overrides the level.
fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}
