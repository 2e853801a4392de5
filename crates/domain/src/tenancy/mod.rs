//! Tenancies (huurovereenkomsten) and their eviction track (issue 5): the
//! collection steps as dated events, the versioned policy with its
//! moratoria and leniency, and the gate that allows an escalating step
//! only when prevention was really tried.

mod event;
mod event_json;
mod fourteen_day_letter;
pub mod gate;
mod history;
mod import;
mod json;
pub mod policy;

pub use event::{
    AgreementStatus, Details, DetailsShape, Event, EventKind, Grounds, PreventedBy, Step,
};
pub use event_json::MAX_ID_CHARS;
pub use fourteen_day_letter::first_cost_day;
pub use gate::{evaluate, GateDecision, GateInput, GateRequest, Reason};
pub use history::{current_stage, eviction_stage, next_step, DebtHelp, History};
pub use import::{
    check_tenancy_value, parse_grounds, validate_tenancy, RawTenancy, StatedArrears, TenancyField,
    TenancyRow,
};
pub use policy::{Leniency, Moratorium, Policy};
