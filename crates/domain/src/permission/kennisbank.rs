//! Who may work on the kennisbank. It belongs to the whole platform, not to
//! one organisation, so its actions are asked about `Resource::Platform`.
//! Every partner organisation may contribute; only the redactie's
//! redacteuren review. Platform administrators run the platform, they are
//! not editors, and they contribute no practices under the platform's name.

use super::{credential_allows, Action, Actor, Decision, Resource, Target, ROLE_DENIED};
use crate::org::OrgKind;
use crate::user::Role;

pub(super) const REDACTIE_ONLY: Decision =
    Decision::Forbidden("alleen de redactie van de kennisbank mag dit");
pub(super) const NOT_FROM_BEHEER: Decision =
    Decision::Forbidden("platformbeheer draagt geen praktijken aan de kennisbank bij");

impl Action {
    pub const KENNISBANK_WORK: [Action; 3] = [
        Action::SubmitPractice,
        Action::ReviewPractices,
        Action::EditSynonyms,
    ];

    pub fn is_kennisbank_work(self) -> bool {
        Action::KENNISBANK_WORK.contains(&self)
    }
}

/// The organisation kind first (so a wrong kind is told so, whatever its
/// role or scopes), then the role or the token's scope. A token's scope
/// `kennisbank:review` is worth nothing outside a redactie organisation.
pub(super) fn decide(actor: &Actor, action: Action, target: Target) -> Decision {
    if target != Target::Resource(Resource::Platform) {
        return Decision::NotFound;
    }
    let kind_fits = match action {
        Action::SubmitPractice => actor.org_kind != OrgKind::Beheer,
        _ => actor.org_kind == OrgKind::Redactie,
    };
    match (kind_fits, action) {
        (false, Action::SubmitPractice) => NOT_FROM_BEHEER,
        (false, _) => REDACTIE_ONLY,
        (true, _) => credential_allows(actor, action),
    }
}

/// Contributing is every worker's; reviewing the redacteur's alone.
pub(super) fn role_allows(role: Role, action: Action) -> Decision {
    match (action, role) {
        (Action::SubmitPractice, _) => Decision::Allow,
        (Action::ReviewPractices | Action::EditSynonyms, Role::Redacteur) => Decision::Allow,
        _ => ROLE_DENIED,
    }
}
