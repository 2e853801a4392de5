//! The signal intake pipeline. The JSON API, the CSV upload page and
//! `vangnet import signals` all hand their rows to an `ImportRun`, so one
//! piece of code validates, routes, matches, stores and reports.
//!
//! `ddas_export` is the other end: the DDAS delivery to CBS, shared by
//! `vangnet export ddas`, the API and the teamleider's download.

mod convert;
mod csv_import;
pub mod ddas_export;
mod gemeenten;
mod rejected;
mod run;
mod tenancy_import;

pub use convert::{content_hash, default_partner_type, to_new_signal};
pub use csv_import::{import_csv, ImportError};
pub use gemeenten::Gemeenten;
pub use rejected::RejectedRows;
pub use run::{
    Checked, ImportReport, ImportRun, ItemResult, ReportedError, RowChecker, RunOptions,
};
pub use tenancy_import::{
    import_tenancies_csv, TenancyImportCounts, TenancyImportOptions, TenancyImportReport,
};
pub use vangnet_intake::{leading_cells, Profile, TenancyProfile};
