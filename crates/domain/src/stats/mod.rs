//! Statistics (issue 7), the pure part: the small-cell rule, the reporting
//! periods, one table shape every output is rendered from (so the page, the
//! CSV, the XLSX and the API cannot disagree), and the three dashboards
//! computed from the store's grouped counts (`facts`).

pub mod channel;
pub mod dashboard;
pub mod deadlines;
pub mod facts;
pub mod gemeente;
#[cfg(test)]
mod golden_rules_tests;
#[cfg(test)]
mod golden_tests;
pub mod period;
pub mod platform;
pub mod sections;
pub mod suppression;
pub mod table;
pub mod verhuurder;
pub mod xlsx;

pub use dashboard::{Chart, Dashboard, DashboardKind, Section};
pub use gemeente::gemeente_dashboard;
pub use period::{Period, PeriodError};
pub use platform::platform_dashboard;
pub use suppression::{shown, Shown, SMALL_CELL};
pub use table::{Cell, StatTable};
pub use verhuurder::{verhuurder_dashboard, DEFAULT_EVICTION_COST_CENTS};
pub use xlsx::to_xlsx;
