//! `vangnet kb …`: the kennisbank's commands.

use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum KbCommand {
    /// Import every *.md file of a directory (README.md excepted), in name
    /// order. Per file: aangemaakt, ongewijzigd (same text as the latest
    /// version), bijgewerkt (a new version) or geweigerd (with the
    /// reason). A file with errors is named with line and field and is not
    /// imported; the others still are. Exits 0 when the directory was
    /// processed, non-zero when it cannot be read.
    Import(KbImportArgs),
    /// Write every published practice as <slug>.md into a directory.
    Export {
        /// The directory; it is created when missing.
        dir: PathBuf,
    },
    /// Search the published practices as the public search does.
    Search(KbSearchArgs),
}

#[derive(Args, Debug)]
pub struct KbImportArgs {
    /// The directory with the files.
    pub dir: PathBuf,
    /// Publish at once, as the editor named by --editor; without it the
    /// practices become submissions that wait for the editors.
    #[arg(long, requires = "editor")]
    pub publish: bool,
    /// E-mail address of a redacteur of the redactie (with --publish).
    #[arg(long)]
    pub editor: Option<String>,
    /// E-mail address of the contributor the submissions are from (without
    /// --publish; optional).
    #[arg(long, conflicts_with = "publish")]
    pub author: Option<String>,
    /// Print exactly one JSON object with the counts, errors and files.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct KbSearchArgs {
    /// The search words.
    pub query: String,
    /// Only practices in this phase (slug; may be repeated).
    #[arg(long = "phase")]
    pub phases: Vec<String>,
    /// Only practices about this actor (slug; may be repeated).
    #[arg(long = "actor")]
    pub actors: Vec<String>,
    /// At most this many hits.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Print exactly one JSON object: total, hits, facets.
    #[arg(long)]
    pub json: bool,
}
