//! Statistics (issue 7), the pure part, growing: the small-cell rule, the
//! reporting periods, and one table shape every output is rendered from,
//! so the page, the CSV, the XLSX and the API cannot disagree.

pub mod dashboard;
pub mod facts;
pub mod period;
pub mod suppression;
pub mod table;
pub mod xlsx;

pub use dashboard::{Chart, Dashboard, DashboardKind, Section};
pub use period::{Period, PeriodError};
pub use suppression::{shown, Shown, SMALL_CELL};
pub use table::{Cell, StatTable};
pub use xlsx::to_xlsx;
