//! DDAS vroegsignalering v0.9 (VNG): the vocabulary of case work and the
//! delivery (Uitwisselmodel) every gemeente owes CBS. The schema and its
//! examples are in `specs/ddas-vroegsignalering-v0.9/` (a copy of the public standard).
//!
//! - `enums`: the enumerations, with the schema's exact strings.
//! - `input`: what the store fills: header, cases, signals, attempts.
//! - `model`: the Uitwisselmodel as serde types.
//! - `build_delivery` (in memory) and `write_delivery` / `start_delivery`
//!   (streaming, constant memory) turn the input into the model.

mod amount;
mod build;
pub mod enums;
pub mod input;
pub mod model;
mod reason;
mod stream;

#[cfg(test)]
mod fixtures;

pub use amount::cents_to_whole_euros_half_up;
pub use build::build_delivery;
pub use enums::{ContactKind, EndResult, PartOfDay, SignalStatus};
pub use input::{
    ContactPerson, DeliveringOrganisation, DeliveryHeader, ExportCase, ExportClient,
    ExportContactAttempt, ExportSignal, MatchingPeriod,
};
pub use model::Delivery;
pub use reason::DeclineReason;
pub use stream::{start_delivery, write_delivery, CaseSection, DeliveryCounts, SignalSection};
