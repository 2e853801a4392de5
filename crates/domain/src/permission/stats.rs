//! Who sees which statistics. Figures hold no personal data, but an
//! organisation's own figures are still its own: a gemeente sees its
//! gemeente's, a verhuurder its own, and nobody another organisation's,
//! not even a platform administrator (`NotFound`, as for any other
//! organisation's data). The platform's totals over all organisations are
//! for platform administrators only, and never for a token.

use super::{credential_allows, Action, Actor, Decision, Resource, Target, ROLE_DENIED};
use crate::org::OrgKind;
use crate::user::Role;

pub(super) const NO_DASHBOARD: Decision =
    Decision::Forbidden("voor dit soort organisatie zijn er geen statistieken");
pub(super) const PLATFORM_ADMINS_ONLY: Decision =
    Decision::Forbidden("alleen platformbeheerders zien de cijfers van het hele platform");
pub(super) const VERHUURDER_COST_ONLY: Decision =
    Decision::Forbidden("alleen een verhuurder stelt de kosten van een ontruiming in");

impl Action {
    pub const STATS_WORK: [Action; 2] = [Action::ViewStatistics, Action::SetEvictionCost];

    pub fn is_stats_work(self) -> bool {
        Action::STATS_WORK.contains(&self)
    }
}

/// Which organisation kinds have a dashboard of their own.
pub fn has_dashboard(kind: OrgKind) -> bool {
    matches!(kind, OrgKind::Gemeente | OrgKind::Verhuurder)
}

pub(super) fn decide(actor: &Actor, action: Action, target: Target) -> Decision {
    match target {
        Target::Resource(Resource::Platform) => match action {
            Action::ViewStatistics if actor.is_platform_admin() => Decision::Allow,
            _ => PLATFORM_ADMINS_ONLY,
        },
        Target::Resource(Resource::Organisation(org_id)) if org_id == actor.org_id => {
            own_org(actor, action)
        }
        // Another organisation's figures, or a case: not the stats' business.
        _ => Decision::NotFound,
    }
}

fn own_org(actor: &Actor, action: Action) -> Decision {
    let kind_fits = match action {
        Action::SetEvictionCost => actor.org_kind == OrgKind::Verhuurder,
        _ => has_dashboard(actor.org_kind),
    };
    match (kind_fits, action) {
        (false, Action::SetEvictionCost) => VERHUURDER_COST_ONLY,
        (false, _) => NO_DASHBOARD,
        (true, _) => credential_allows(actor, action),
    }
}

/// Figures are for whoever accounts for the results: the team's lead and
/// the organisation's beheerder, not every worker.
pub(super) fn role_allows(role: Role, action: Action) -> Decision {
    match (action, role) {
        (Action::ViewStatistics | Action::SetEvictionCost, Role::Teamleider | Role::Beheerder) => {
            Decision::Allow
        }
        _ => ROLE_DENIED,
    }
}
