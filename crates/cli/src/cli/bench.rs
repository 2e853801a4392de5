//! `vangnet bench`: one benchmark by name, or all of them into a report.

use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true, arg_required_else_help = true)]
pub struct BenchArgs {
    #[command(subcommand)]
    pub command: Option<BenchCommand>,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Every benchmark in one run, written as Markdown and JSON.
#[derive(Args, Debug)]
pub struct ReportArgs {
    /// Write the report here (Markdown); the same figures go to the same
    /// name with `.json`.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Small sizes and short load runs: a few minutes instead of half an
    /// hour, to try the report out (the figures mean less).
    #[arg(long, requires = "report")]
    pub quick: bool,
    /// A PostgreSQL server to measure too (queue and dashboard); a
    /// throwaway database is created there and dropped afterwards.
    #[arg(long, requires = "report")]
    pub postgres_url: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum BenchCommand {
    /// Generate N realistic signals, import them into a fresh SQLite file
    /// through the full pipeline, and compare with a plain prepared-insert
    /// loop of the same rows into the same table.
    ImportSignals {
        /// How many signals.
        #[arg(long, default_value_t = 1_000_000)]
        rows: u64,
        /// Print the figures as one JSON object.
        #[arg(long)]
        json: bool,
        /// Keep the generated CSV and both databases in this directory.
        #[arg(long)]
        keep: Option<PathBuf>,
    },
    /// Build a gemeente with about N open cases and time the work queue's
    /// first page and each common filter (p50/p99), on SQLite and, with
    /// --postgres-url, on PostgreSQL.
    Queue {
        /// About how many cases.
        #[arg(long, default_value_t = 100_000)]
        cases: u64,
        /// A PostgreSQL server to measure too; a throwaway database is
        /// created there and dropped afterwards.
        #[arg(long)]
        postgres_url: Option<String>,
        /// Also print the figures as one JSON object.
        #[arg(long)]
        json: bool,
        /// Keep the SQLite file in this directory, to study query plans.
        #[arg(long)]
        keep: Option<PathBuf>,
    },
    /// Fill eight gemeenten with N signals over two years and their case
    /// work, and a verhuurder with N tenancies with rent and track events;
    /// then time the largest gemeente's dashboard for last year
    /// (p50/p95/p99) against a lookup by id, on SQLite and, with
    /// --postgres-url, on PostgreSQL.
    Stats {
        /// How many signals.
        #[arg(long, default_value_t = 1_000_000)]
        signals: u64,
        /// How many tenancies.
        #[arg(long, default_value_t = 100_000)]
        tenancies: u64,
        /// A PostgreSQL server to measure too; a throwaway database is
        /// created there and dropped afterwards.
        #[arg(long)]
        postgres_url: Option<String>,
        /// Also print the figures as one JSON object.
        #[arg(long)]
        json: bool,
        /// Keep the generated CSV and the SQLite file in this directory,
        /// and the PostgreSQL database, to study query plans afterwards.
        #[arg(long)]
        keep: Option<PathBuf>,
        /// Measure PostgreSQL only (needs --postgres-url).
        #[arg(long, requires = "postgres_url")]
        only_postgres: bool,
    },
    /// Index a generated kennisbank of N practices and time the same
    /// queries on vangnet's own search and on SQLite FTS5 (p50/p99).
    Search {
        /// How many practices.
        #[arg(long, default_value_t = 10_000)]
        documents: usize,
        /// Also print the figures as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Start the demo on a throwaway SQLite file and load the login page,
    /// a kennisbank practice, the search page and an authenticated API
    /// read with wrk (127.0.0.1 only), each beside /healthz.
    Http {
        /// Seconds of load per page.
        #[arg(long, default_value_t = 10)]
        seconds: u32,
        /// Also print the figures as one JSON object.
        #[arg(long)]
        json: bool,
    },
}
