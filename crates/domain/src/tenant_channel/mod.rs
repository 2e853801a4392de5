//! The tenant's own channel (issue 9), the pure part: what the letters say,
//! the statutory collection costs they name, when a personal link may be
//! used, and what a tenant can answer through it. Storage, tokens, PDFs and
//! pages live elsewhere; they call these rules and decide nothing themselves.

pub mod collection_costs;
pub mod letter;
pub mod link;
pub mod response;

pub use collection_costs::{
    collection_costs, statutory_scale_cents, CollectionCosts, CostsCharged,
};
pub use letter::{
    compose, costs_charged, payment_term, ArrearsLine, Block, DebtHelpContact, Letter, LetterInput,
    LetterKind, PaymentTerm, Sender,
};
pub use link::{answer, check_address, AddressCheck, Answer, LinkRecord, LinkSettings, LinkState};
pub use response::{
    arrangement_options, ArrangementOption, ArrangementPolicy, ContactBy, ProposalDecision,
    Recorded, SituationKind, TenantAction,
};
