//! The command line, described once with clap; `--help` comes from here.

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

mod bench;
mod kb;
pub use bench::{BenchArgs, BenchCommand, ReportArgs};
pub use kb::{KbCommand, KbImportArgs, KbSearchArgs};

/// vangnet: samen huisuitzettingen voorkomen.
#[derive(Parser, Debug)]
#[command(name = "vangnet", version, about, long_about = None)]
pub struct Cli {
    /// Database: an SQLite file (`sqlite://vangnet.db`, the default) or
    /// `postgres://user:password@host/database`.
    #[arg(long, global = true, env = "VANGNET_DATABASE_URL")]
    pub database_url: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the web app and the API (applies pending migrations first).
    Serve(ServeArgs),
    /// Start with a fresh demo database full of example organisations and
    /// users, and print the address and the demo logins.
    Demo(DemoArgs),
    /// Apply pending database migrations and say which ran.
    Migrate,
    /// Manage organisations.
    #[command(subcommand)]
    Org(OrgCommand),
    /// Manage users.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage API tokens for machine clients.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Write a consistent copy of an SQLite database while it is in use.
    Backup {
        /// The file to write; it must not exist yet.
        #[arg(long)]
        to: PathBuf,
    },
    /// Check the audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Remove personal data whose retention period (bewaartermijn) has
    /// ended; anonymous counts stay. `serve` also does this every night.
    Purge {
        /// Only list what would go, per gemeente, rule and case.
        #[arg(long)]
        dry_run: bool,
        /// Print the report as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Import data from files.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Export data for other parties.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Benchmarks that compare vangnet with a baseline in one run; with
    /// --report FILE all of them, written to one report.
    Bench(BenchArgs),
    /// The eviction gate (ontruimingspoort): may an escalating step be taken?
    #[command(subcommand)]
    Gate(GateCommand),
    /// The kennisbank: import, export and search practices (goede
    /// voorbeelden) as Markdown files with front matter (see the README).
    #[command(subcommand)]
    Kb(KbCommand),
}

#[derive(Subcommand, Debug)]
pub enum GateCommand {
    /// Evaluate a what-if scenario from a JSON file (format in the README,
    /// "De poort"): every rule of the step, met or not, and the decision.
    /// Touches no database. Exits 0 whatever the decision; non-zero when
    /// the file cannot be read or its input is invalid.
    Eval {
        /// The JSON file.
        file: PathBuf,
        /// Print exactly one JSON object: allowed, reasons, policy_version.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// Write a gemeente's DDAS delivery (vroegsignalering v0.9) for CBS:
    /// the signals and cases of the period, with contact attempts, statuses
    /// and results. Needs the gemeente's DDAS settings (supplier code and
    /// contact person).
    Ddas(ExportDdasArgs),
}

#[derive(Args, Debug)]
pub struct ExportDdasArgs {
    /// The gemeente: its organisation code (den-haag) or CBS code (0518).
    #[arg(long)]
    pub gemeente: String,
    /// First day of the period, JJJJ-MM-DD.
    #[arg(long)]
    pub from: String,
    /// Last day of the period (included), JJJJ-MM-DD.
    #[arg(long)]
    pub to: String,
    /// Write to this file instead of stdout; it appears only once complete.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// Import arrears signals (vroegsignalen) from a CSV file.
    ///
    /// The file uses the default header (see the README) or another
    /// export's columns mapped by --profile. It exits 0 when the file was
    /// processed, even with rejected rows; non-zero when the file cannot be
    /// read, or under --strict with any error (then nothing is stored).
    Signals(ImportSignalsArgs),
    /// Import a verhuurder's tenancies (huurovereenkomsten) from a CSV file.
    ///
    /// The same reader as the signal import (encoding, delimiter, quoting,
    /// --profile); the default header is in the README. Importing a file
    /// again changes nothing. It exits 0 when the file was processed, even
    /// with rejected rows; non-zero when the file cannot be read, or under
    /// --strict with any error (then nothing is stored).
    Tenancies(ImportTenanciesArgs),
}

#[derive(Args, Debug)]
pub struct ImportTenanciesArgs {
    /// The CSV file.
    pub file: PathBuf,
    /// Code of the verhuurder whose tenancies these are.
    #[arg(long)]
    pub verhuurder: String,
    /// A mapping profile (TOML) for another export's column names.
    #[arg(long)]
    pub profile: Option<PathBuf>,
    /// Check and route every row, but store nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Store nothing at all if any row has an error.
    #[arg(long)]
    pub strict: bool,
    /// Print exactly one JSON object with the counts and the errors.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ImportSignalsArgs {
    /// The CSV file.
    pub file: PathBuf,
    /// Code of the delivering organisation (verhuurder or signaalpartner).
    #[arg(long)]
    pub partner: String,
    /// A mapping profile (TOML) for another export's column names.
    #[arg(long)]
    pub profile: Option<PathBuf>,
    /// Check and route every row, but store nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Store nothing at all if any row has an error.
    #[arg(long)]
    pub strict: bool,
    /// Print exactly one JSON object with the counts and the errors.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", env = "VANGNET_LISTEN")]
    pub listen: SocketAddr,
    /// Public address, e.g. https://vangnet.example.nl; an https address
    /// makes cookies Secure.
    #[arg(long, env = "VANGNET_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Minutes without activity after which a session ends.
    #[arg(long, default_value_t = 30, env = "VANGNET_SESSION_IDLE_MINUTES")]
    pub session_idle_minutes: i64,
    /// Seconds after the start before the first retention purge; later
    /// ones run every night at 03:30 (Amsterdam).
    #[arg(long, default_value_t = 60, env = "VANGNET_PURGE_DELAY_SECONDS")]
    pub purge_delay_seconds: u64,
    /// HOST:PORT of a mail relay that takes plain SMTP without login
    /// (postfix on this machine, or the organisation's internal relay; it
    /// does TLS onward). With it, a gemeente's users get an e-mail without
    /// personal data when an eviction is announced (art. 14), editors get
    /// their review reminders, and a verhuurder can e-mail a letter with its
    /// personal link to the tenant (in the verhuurder's name).
    #[arg(long, env = "VANGNET_SMTP_RELAY")]
    pub smtp_relay: Option<String>,
    /// Sender address of those e-mails.
    #[arg(long, default_value = "vangnet@localhost", env = "VANGNET_MAIL_FROM")]
    pub mail_from: String,
    /// The Chromium (or Chrome) binary that prints the kennisbank's
    /// handreiking as PDF; without one the PDF download says so.
    #[arg(long, default_value = "chromium", env = "VANGNET_CHROMIUM")]
    pub chromium: String,
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Address and port to listen on (port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Leave out the two years of history behind the statistics: starts
    /// faster (the tests that do not look at statistics use this).
    #[arg(long, env = "VANGNET_DEMO_NO_HISTORY")]
    pub no_history: bool,
}

#[derive(Subcommand, Debug)]
pub enum OrgCommand {
    /// Add an organisation.
    Add {
        /// Short stable code, e.g. gemeente-den-haag.
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        /// gemeente, verhuurder, signaalpartner, hulpverlening, deurwaarder,
        /// redactie or beheer.
        #[arg(long)]
        kind: String,
        /// CBS municipality code (gemeente only), e.g. 0518.
        #[arg(long)]
        gemeentecode: Option<String>,
        /// PC4 areas served (gemeente only), e.g. 2490-2599,2612.
        #[arg(long)]
        postcodes: Option<String>,
    },
    /// List organisations.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show or change a gemeente's matching settings.
    Matching {
        /// Code of the gemeente.
        #[arg(long)]
        code: String,
        /// Months after a case opens in which a household's new signals
        /// join it (default 1).
        #[arg(long)]
        period_months: Option<u32>,
        /// Months after a case closed in which a new signal counts as a
        /// repeat signal (default 6).
        #[arg(long)]
        repeat_months: Option<u32>,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Add a user; asks for the password, or reads it from stdin.
    Add {
        /// Code of the user's organisation.
        #[arg(long)]
        org: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// medewerker, teamleider, beheerder or redacteur.
        #[arg(long)]
        role: String,
        /// Read the password from the first line of stdin.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List users.
    List {
        /// Only this organisation's users.
        #[arg(long)]
        org: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Set a new password.
    SetPassword {
        #[arg(long)]
        email: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Block a user from logging in and end their sessions.
    Disable {
        #[arg(long)]
        email: String,
        /// Why, for the audit log.
        #[arg(long)]
        reason: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum TokenCommand {
    /// Create a token and print it once; only its hash is stored.
    Create {
        /// Code of the organisation the token acts for.
        #[arg(long)]
        org: String,
        /// A name that says which system uses it.
        #[arg(long)]
        name: String,
        /// Comma-separated scopes; see the README for the list (e.g. org:read,
        /// signals:write, cases:read, tenancies:write).
        #[arg(long)]
        scopes: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Check the hash chain and report the first broken entry.
    Verify,
}
