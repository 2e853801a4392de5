//! Who may work a case. A case holds personal data about a household in
//! debt, so it is seen by as few people as the work allows: the gemeente that
//! received its signals and, after a hand-off, the one hulpverlener it was
//! handed to. Everyone else, signal partners included, is told the case does
//! not exist; a partner learns only the DDAS status of its own signals.
//!
//! Platform administrators run the purge but never read or change a case:
//! keeping the platform running does not need the contents, and a gemeente
//! must be able to tell its residents who can read their file.

use super::{credential_allows, Action, Actor, CaseRef, Decision, Resource, Target, PLATFORM_ONLY};
use crate::org::OrgKind;

pub(super) const ADMIN_NO_CASES: Decision =
    Decision::Forbidden("platformbeheerders kunnen geen dossiers inzien of bewerken");
pub(super) const HANDED_OFF: Decision =
    Decision::Forbidden("na de overdracht doet alleen de gemeente dit");
pub(super) const GEMEENTE_ONLY: Decision = Decision::Forbidden("alleen een gemeente mag dit");
pub(super) const NO_CASE_WORK: Decision =
    Decision::Forbidden("uw organisatie werkt niet aan dossiers");

/// How the actor's organisation stands to the cases in question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    /// The gemeente the case belongs to.
    Owner,
    /// The hulpverlener the case was handed off to.
    Recipient,
}

pub(super) fn decide(actor: &Actor, action: Action, target: Target) -> Decision {
    if action == Action::RunPurge {
        return purge(actor);
    }
    if actor.is_platform_admin() {
        return ADMIN_NO_CASES;
    }
    let standing = match standing(actor, target) {
        Ok(standing) => standing,
        Err(decision) => return decision,
    };
    if let Err(decision) = standing_allows(standing, action) {
        return decision;
    }
    credential_allows(actor, action)
}

/// The purge deletes without reading, and for every gemeente at once, so it
/// is the one case action that belongs to the platform.
fn purge(actor: &Actor) -> Decision {
    if actor.is_platform_admin() {
        Decision::Allow
    } else {
        PLATFORM_ONLY
    }
}

fn standing(actor: &Actor, target: Target) -> Result<Standing, Decision> {
    match target {
        Target::Case(case) => case_standing(actor, case),
        Target::Resource(Resource::Organisation(org_id)) if org_id == actor.org_id => {
            own_org_standing(actor.org_kind)
        }
        Target::Resource(Resource::Organisation(_)) => Err(Decision::NotFound),
        Target::Resource(Resource::Platform) => Err(PLATFORM_ONLY),
    }
}

/// The organisation kind is checked as well as the id, so a hand-off that
/// somehow names a landlord or a bailiff still shows them nothing.
fn case_standing(actor: &Actor, case: CaseRef) -> Result<Standing, Decision> {
    let own = actor.org_id;
    match actor.org_kind {
        OrgKind::Gemeente if case.gemeente_org_id == own => Ok(Standing::Owner),
        OrgKind::Hulpverlening if case.handed_off_to == Some(own) => Ok(Standing::Recipient),
        _ => Err(Decision::NotFound),
    }
}

/// Asked about one's own organisation ("may I see our queue?"): a gemeente
/// works its own cases, a hulpverlener the ones handed to it.
fn own_org_standing(kind: OrgKind) -> Result<Standing, Decision> {
    match kind {
        OrgKind::Gemeente => Ok(Standing::Owner),
        OrgKind::Hulpverlening => Ok(Standing::Recipient),
        _ => Err(NO_CASE_WORK),
    }
}

/// A hulpverlener helps the household and puts its own worker on the case
/// (a hand-off clears the gemeente's); the gemeente keeps the decisions it
/// answers for: whether it is picked up, passing the data on again,
/// reopening, the DDAS delivery and its own settings.
fn standing_allows(standing: Standing, action: Action) -> Result<(), Decision> {
    use Action::*;
    match (standing, action) {
        (Standing::Owner, _) => Ok(()),
        (
            Standing::Recipient,
            ViewCaseQueue | ViewCase | RecordContact | AddNote | CloseCase | AssignCase | TakeCase,
        ) => Ok(()),
        (Standing::Recipient, ExportDdas | ChangeCaseSettings) => Err(GEMEENTE_ONLY),
        (Standing::Recipient, _) => Err(HANDED_OFF),
    }
}

/// Notes are the team's own working notes: only the organisation that wrote
/// a note reads it, so the gemeente and the hulpverlener each keep theirs.
/// Ask this only for a case the actor may view.
pub fn note_visible(actor: &Actor, author_org_id: i64) -> bool {
    !actor.is_platform_admin() && actor.org_id == author_org_id
}
