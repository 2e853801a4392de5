//! Who may work a tenancy's eviction track. A tenancy is the verhuurder's
//! file on a household, so only the verhuurder's own people see and work
//! it; a gemeente learns of an eviction only through the art. 14 melding.
//! Platform administrators declare moratoria and leniency but never read a
//! tenancy, for the same reason they never read a case.

use super::{
    credential_allows, Action, Actor, Decision, Resource, Target, PLATFORM_ONLY, ROLE_DENIED,
};
use crate::org::OrgKind;
use crate::user::Role;

pub(super) const ADMIN_NO_TENANCIES: Decision =
    Decision::Forbidden("platformbeheerders kunnen geen huurdossiers inzien of bewerken");
pub(super) const VERHUURDER_ONLY: Decision =
    Decision::Forbidden("alleen een verhuurder werkt aan huurdossiers");
pub(super) const GEMEENTE_ONLY: Decision =
    Decision::Forbidden("alleen een gemeente ontvangt meldingen van ontruimingen");

impl Action {
    pub const TENANCY_WORK: [Action; 10] = [
        Action::ViewTenancies,
        Action::ManageTenancies,
        Action::RequestOverride,
        Action::ApproveOverride,
        Action::SetTenancyPolicy,
        Action::DeclareMoratorium,
        Action::ViewEvictionNotices,
        Action::SendTenantLetters,
        Action::AnswerTenantResponses,
        Action::SetTenantChannel,
    ];

    pub fn is_tenancy_work(self) -> bool {
        Action::TENANCY_WORK.contains(&self)
    }
}

/// Tenancy actions are asked about the verhuurder (or, for notices, the
/// gemeente) as an organisation; moratoria about the platform.
pub(super) fn decide(actor: &Actor, action: Action, target: Target) -> Decision {
    if action == Action::DeclareMoratorium {
        return match actor.is_platform_admin() {
            true => Decision::Allow,
            false => PLATFORM_ONLY,
        };
    }
    if actor.is_platform_admin() {
        return ADMIN_NO_TENANCIES;
    }
    let org_id = match target {
        Target::Resource(Resource::Organisation(id)) => id,
        Target::Resource(Resource::Platform) => return PLATFORM_ONLY,
        Target::Case(_) => return Decision::NotFound,
    };
    if org_id != actor.org_id {
        return Decision::NotFound;
    }
    let kind_fits = match action {
        Action::ViewEvictionNotices => actor.org_kind == OrgKind::Gemeente,
        _ => actor.org_kind == OrgKind::Verhuurder,
    };
    match (kind_fits, action) {
        (false, Action::ViewEvictionNotices) => GEMEENTE_ONLY,
        (false, _) => VERHUURDER_ONLY,
        (true, _) => credential_allows(actor, action),
    }
}

/// The roles for tenancy work: the daily track is every worker's; the
/// second pair of eyes on an override and the verhuurder's own policy are
/// the teamleider's (and the beheerder's, for the policy).
pub(super) fn role_allows(role: Role, action: Action) -> Decision {
    use Action::*;
    use Role::*;
    match (action, role) {
        (
            ViewTenancies | ManageTenancies | RequestOverride | ViewEvictionNotices,
            Medewerker | Teamleider | Beheerder,
        ) => Decision::Allow,
        (ApproveOverride, Teamleider) => Decision::Allow,
        (SetTenancyPolicy, Teamleider | Beheerder) => Decision::Allow,
        // Writing to a tenant and answering them is daily collection work.
        (SendTenantLetters | AnswerTenantResponses, Medewerker | Teamleider | Beheerder) => {
            Decision::Allow
        }
        // What every letter says about payment and help is the
        // organisation's own setting, like its users.
        (SetTenantChannel, Beheerder) => Decision::Allow,
        _ => ROLE_DENIED,
    }
}
