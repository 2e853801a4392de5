//! vangnet's rules. Everything here is pure: no I/O, no clock, no randomness.
//! Callers pass in what the rules need (the time, the stored records) and get
//! decisions back, so every rule can be tested with a table.

pub mod audit;
pub mod calendar;
pub mod casework;
pub mod checksum;
pub mod ddas;
pub mod export;
pub mod kennisbank;
pub mod matching;
pub mod money;
pub mod org;
pub mod permission;
pub mod retention;
pub mod routing;
pub mod scope;
pub mod signal;
mod slug_enum;
pub mod stats;
pub mod tenancy;
pub mod tenant_channel;
pub mod throttle;
pub mod user;
pub mod validation;
pub mod workdays;

pub use validation::{FieldError, Invalid};
