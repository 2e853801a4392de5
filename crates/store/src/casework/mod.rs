//! Municipal case work: the work queue, a case's timeline, and the steps a
//! team takes on it. The rules live in `domain::casework` (the state
//! machine, deadlines, priority); this module stores their results. A step
//! is saved with the version it was decided on, so two workers editing one
//! case get a conflict instead of a silent overwrite.

pub(crate) mod ddas;
pub(crate) mod load;
pub(crate) mod priority;
pub mod purge;
pub(crate) mod queries;
mod records;

pub(crate) use ddas::ddas_impl;
pub use ddas::{DdasCase, DdasContactAttempt, DdasHorizon, DdasSelection, DdasSignal, DdasStore};
pub use purge::PurgeStore;
pub(crate) use queries::casework_impl;
pub use records::*;

use crate::records::Page;
use crate::Result;
use async_trait::async_trait;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::casework::priority::PriorityWeights;
use vangnet_domain::permission::CaseRef;

#[async_trait]
pub trait CaseStore: Send + Sync {
    /// The gemeente's case-work settings, defaults where none are stored.
    async fn casework_settings(&self, gemeente_org_id: i64) -> Result<CaseworkSettings>;
    /// Stores the settings; new weights make every priority be recomputed.
    async fn set_casework_settings(
        &self,
        gemeente_org_id: i64,
        settings: &CaseworkSettings,
        audit: AuditEvent,
    ) -> Result<()>;
    /// Computes the priority of the gemeente's cases that have none (new,
    /// or changed by a joining signal), a chunk per transaction. Returns
    /// how many it computed.
    async fn refresh_priorities(
        &self,
        gemeente_org_id: i64,
        weights: &PriorityWeights,
    ) -> Result<u64>;
    /// One page of the queue, highest priority first.
    async fn case_queue(
        &self,
        owner: CaseOwner,
        filter: &QueueFilter,
        page: Page,
    ) -> Result<Vec<QueueRow>>;
    /// A case with its signals, timeline, contact attempts and the notes of
    /// the owner's organisation; `None` when the owner may not see it.
    async fn case_work(&self, owner: CaseOwner, case_id: i64) -> Result<Option<CaseWork>>;
    /// Whose case this is: ids only, unscoped, so a refusal to someone
    /// else's case can be decided by `can` (and audited) like any other.
    async fn case_ref(&self, case_id: i64) -> Result<Option<CaseRef>>;
    /// The gemeenten whose cases `owner` works: itself, or those that
    /// handed cases to the hulpverlening organisation.
    async fn case_gemeenten(&self, owner: CaseOwner) -> Result<Vec<i64>>;
    /// Saves one step taken on a case, if nobody saved another since
    /// `expected_version`; returns the new version.
    async fn save_case_step(&self, step: &CaseStep<'_>, audit: AuditEvent) -> Result<i64>;
}
