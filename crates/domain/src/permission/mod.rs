//! The one place that decides who may do what. Handlers ask `can` before
//! they act, and storage queries are scoped by organisation besides, so a
//! mistake in one layer is caught by the other.
//!
//! Case work has its own rules (`case`): a case is seen by its gemeente and,
//! after a hand-off, by one hulpverlener, and by nobody else, not even the
//! platform administrators.

mod case;
#[cfg(test)]
mod case_matrix;
mod kennisbank;
#[cfg(test)]
mod kennisbank_matrix;
mod stats;
#[cfg(test)]
mod stats_matrix;
mod tenancy;
#[cfg(test)]
mod tenancy_matrix;

pub use case::note_visible;

use crate::org::OrgKind;
use crate::scope::Scope;
use crate::user::Role;

/// How the actor proved who they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// A person logged in with a session.
    User { user_id: i64, role: Role },
    /// A machine client with an API token; it can do what its scopes say.
    Token { token_id: i64, scopes: Vec<Scope> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub org_id: i64,
    pub org_kind: OrgKind,
    pub credential: Credential,
}

impl Actor {
    /// Platform administrators are the beheerders of a `beheer`
    /// organisation. Tokens never get platform-wide reach.
    pub fn is_platform_admin(&self) -> bool {
        self.org_kind == OrgKind::Beheer
            && matches!(
                self.credential,
                Credential::User {
                    role: Role::Beheerder,
                    ..
                }
            )
    }

    pub fn user_id(&self) -> Option<i64> {
        match self.credential {
            Credential::User { user_id, .. } => Some(user_id),
            Credential::Token { .. } => None,
        }
    }

    pub fn role(&self) -> Option<Role> {
        match self.credential {
            Credential::User { role, .. } => Some(role),
            Credential::Token { .. } => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ViewOrganisation,
    CreateOrganisation,
    ViewUsers,
    ManageUsers,
    ViewAuditLog,
    /// Deliver arrears signals (a verhuurder or signaalpartner).
    SubmitSignals,
    /// See one's own delivered signals and their DDAS status.
    ViewOwnSignals,
    /// See the signals and cases routed to one's gemeente.
    ViewIncomingSignals,
    /// See signals no gemeente could take (platform admins).
    ViewUnroutable,
    /// See a work queue: a gemeente's cases, or the cases handed off to a
    /// hulpverlener. Asked about `Resource::Organisation`.
    ViewCaseQueue,
    /// Open one person's case page; every opening is audited.
    ViewCase,
    /// Assign a case to a worker, or move it to another one.
    AssignCase,
    /// Assign a case to oneself, from the queue.
    TakeCase,
    /// Decide to pick a case up or not.
    DecideCase,
    /// Record a contact attempt and its result.
    RecordContact,
    /// Add a note, read only by the writer's own organisation.
    AddNote,
    /// Hand a case to a hulpverlening organisation.
    HandOffCase,
    /// Close a case with a DDAS end result.
    CloseCase,
    /// Reopen a closed case, with a reason.
    ReopenCase,
    /// Produce a gemeente's DDAS delivery for CBS.
    ExportDdas,
    /// Change a gemeente's case settings: priority weights, deadlines,
    /// retention periods.
    ChangeCaseSettings,
    /// Delete personal data past its retention period, for every gemeente.
    RunPurge,
    /// See a verhuurder's tenancies, their ledger, track and gate decisions.
    ViewTenancies,
    /// Import tenancies and ledger entries, and record collection steps
    /// (an escalating step only as the gate allows).
    ManageTenancies,
    /// Ask to record a step the gate blocked, with a written reason.
    RequestOverride,
    /// Approve (or reject) another person's override request: the second
    /// pair of eyes, a teamleider.
    ApproveOverride,
    /// Set the verhuurder's own gate policy (only stricter than the platform's).
    SetTenancyPolicy,
    /// Declare moratoria and leniency for the whole platform or an area.
    DeclareMoratorium,
    /// See the evictions announced to one's gemeente (art. 14 meldingen).
    ViewEvictionNotices,
    /// Generate a tenancy's letters (herinnering, veertiendagenbrief,
    /// aanmaning) with a new personal link, and make or revoke that link.
    SendTenantLetters,
    /// See the tenants' responses and accept, counter or close them.
    AnswerTenantResponses,
    /// Set the verhuurder's tenant channel: link validity, the lock, the
    /// arrangements offered, payment and contact details in the letters.
    SetTenantChannel,
    /// Submit a practice to the kennisbank, propose an edit, comment on and
    /// follow one's own submissions. Reading published practices is no
    /// action: it needs no actor at all.
    SubmitPractice,
    /// The editors' work: see drafts and every revision, comment on any,
    /// request changes, publish, reject, set review-by dates, the overdue
    /// list, attachments, bulk import.
    ReviewPractices,
    /// Edit the search synonyms of the kennisbank.
    EditSynonyms,
    /// See an organisation's statistics (asked about the organisation), or
    /// the platform's totals (asked about `Resource::Platform`).
    ViewStatistics,
    /// Set the cost per eviction a verhuurder's "costs avoided" uses.
    SetEvictionCost,
}

impl Action {
    /// The actions on cases, decided by the case rules.
    pub const CASE_WORK: [Action; 13] = [
        Action::ViewCaseQueue,
        Action::ViewCase,
        Action::AssignCase,
        Action::TakeCase,
        Action::DecideCase,
        Action::RecordContact,
        Action::AddNote,
        Action::HandOffCase,
        Action::CloseCase,
        Action::ReopenCase,
        Action::ExportDdas,
        Action::ChangeCaseSettings,
        Action::RunPurge,
    ];

    pub fn is_case_work(self) -> bool {
        Action::CASE_WORK.contains(&self)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    /// Something that belongs to no single organisation.
    Platform,
    /// Anything owned by this organisation.
    Organisation(i64),
}

/// What the rules need to know of one case: who owns it and who it was
/// handed to. A separate type rather than a `Resource` variant, so that
/// code matching on `Resource` keeps compiling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseRef {
    pub gemeente_org_id: i64,
    pub handed_off_to: Option<i64>,
}

/// Anything `can` decides about; callers pass a `Resource` or a `CaseRef`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Resource(Resource),
    Case(CaseRef),
}

impl From<Resource> for Target {
    fn from(resource: Resource) -> Self {
        Target::Resource(resource)
    }
}

impl From<CaseRef> for Target {
    fn from(case: CaseRef) -> Self {
        Target::Case(case)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// Allowed to know the resource exists, not to do this with it.
    Forbidden(&'static str),
    /// Another organisation's resource: answer as if it does not exist, so
    /// its existence is not leaked.
    NotFound,
}

impl Decision {
    pub fn is_allowed(self) -> bool {
        self == Decision::Allow
    }
}

const PLATFORM_ONLY: Decision = Decision::Forbidden("alleen platformbeheerders mogen dit");
const ROLE_DENIED: Decision = Decision::Forbidden("uw rol geeft geen toegang tot deze functie");
const MISSING_SCOPE: Decision = Decision::Forbidden("het token mist de benodigde scope");
const PERSON_ONLY: Decision =
    Decision::Forbidden("dit doet een medewerker zelf, niet een koppeling met een token");

/// Asked about a `Resource` or a `CaseRef`. Case actions follow the case
/// rules, where a platform admin's reach ends; everything else the
/// organisation rules, where it does not.
pub fn can(actor: &Actor, action: Action, target: impl Into<Target>) -> Decision {
    let target = target.into();
    if action.is_case_work() {
        return case::decide(actor, action, target);
    }
    if action.is_tenancy_work() {
        return tenancy::decide(actor, action, target);
    }
    if action.is_kennisbank_work() {
        return kennisbank::decide(actor, action, target);
    }
    if action.is_stats_work() {
        return stats::decide(actor, action, target);
    }
    // A platform admin's reach is the platform's own work; delivering or
    // receiving signals stays with the kinds of organisation that do it,
    // even on the admin's own (beheer) organisation.
    if actor.is_platform_admin() {
        return match kind_allows(actor.org_kind, action) {
            Ok(()) => Decision::Allow,
            Err(decision) => decision,
        };
    }
    match target {
        Target::Resource(Resource::Platform) => PLATFORM_ONLY,
        Target::Resource(Resource::Organisation(org_id)) => within_org(actor, action, org_id),
        // Anything else asked about a case is a question about its gemeente.
        Target::Case(case) => within_org(actor, action, case.gemeente_org_id),
    }
}

fn within_org(actor: &Actor, action: Action, org_id: i64) -> Decision {
    if org_id != actor.org_id {
        return Decision::NotFound;
    }
    if let Err(decision) = kind_allows(actor.org_kind, action) {
        return decision;
    }
    credential_allows(actor, action)
}

/// Which kind of organisation an action belongs to, if any.
fn kind_allows(kind: OrgKind, action: Action) -> Result<(), Decision> {
    let partner = matches!(kind, OrgKind::Verhuurder | OrgKind::Signaalpartner);
    match action {
        Action::SubmitSignals | Action::ViewOwnSignals if !partner => Err(Decision::Forbidden(
            "alleen verhuurders en signaalpartners leveren signalen aan",
        )),
        Action::ViewIncomingSignals if kind != OrgKind::Gemeente => {
            Err(Decision::Forbidden("alleen een gemeente ontvangt signalen"))
        }
        _ => Ok(()),
    }
}

/// The last check, once the organisation is right: the person's role or
/// the token's scopes.
fn credential_allows(actor: &Actor, action: Action) -> Decision {
    match &actor.credential {
        Credential::User { role, .. } => role_allows(*role, action),
        Credential::Token { scopes, .. } => match scope_for(action) {
            Ok(needed) if scopes.contains(&needed) => Decision::Allow,
            Ok(_) => MISSING_SCOPE,
            Err(decision) => decision,
        },
    }
}

fn role_allows(role: Role, action: Action) -> Decision {
    use Action::*;
    use Role::*;
    match (action, role) {
        (ViewOrganisation, _) => Decision::Allow,
        (ViewUsers, Beheerder | Teamleider) => Decision::Allow,
        (ManageUsers | ViewAuditLog, Beheerder) => Decision::Allow,
        (
            SubmitSignals | ViewOwnSignals | ViewIncomingSignals,
            Medewerker | Teamleider | Beheerder,
        ) => Decision::Allow,
        // The daily work on a case is every worker's.
        (
            ViewCaseQueue | ViewCase | TakeCase | DecideCase | RecordContact | AddNote
            | HandOffCase | CloseCase,
            Medewerker | Teamleider | Beheerder,
        ) => Decision::Allow,
        // Steering the team's work, undoing a closure, reporting to CBS and
        // setting the gemeente's policy are for whoever leads the team.
        (AssignCase | ReopenCase | ExportDdas | ChangeCaseSettings, Teamleider | Beheerder) => {
            Decision::Allow
        }
        (CreateOrganisation | ViewUnroutable | RunPurge | DeclareMoratorium, _) => PLATFORM_ONLY,
        _ if action.is_kennisbank_work() => kennisbank::role_allows(role, action),
        _ if action.is_stats_work() => stats::role_allows(role, action),
        _ => tenancy::role_allows(role, action),
    }
}

/// The scope a token needs for an action, or why no scope is enough.
fn scope_for(action: Action) -> Result<Scope, Decision> {
    use Action::*;
    Ok(match action {
        ViewOrganisation => Scope::OrgRead,
        ViewUsers => Scope::UsersRead,
        ManageUsers => Scope::UsersWrite,
        ViewAuditLog => Scope::AuditRead,
        SubmitSignals => Scope::SignalsWrite,
        ViewOwnSignals | ViewIncomingSignals => Scope::SignalsRead,
        ViewCaseQueue | ViewCase => Scope::CasesRead,
        AssignCase | DecideCase | RecordContact | AddNote | HandOffCase | CloseCase
        | ReopenCase => Scope::CasesWrite,
        ExportDdas => Scope::DdasExport,
        ViewTenancies => Scope::TenanciesRead,
        ManageTenancies => Scope::TenanciesWrite,
        ViewEvictionNotices => Scope::CasesRead,
        SubmitPractice => Scope::KennisbankWrite,
        ReviewPractices | EditSynonyms => Scope::KennisbankReview,
        ViewStatistics => Scope::StatsRead,
        // Taking a case needs a person to take it; the settings are the
        // gemeente's policy, decided and audited under a person's name; an
        // override is two people's written decision.
        // A letter and an answer to a tenant are sent in a person's name.
        TakeCase
        | ChangeCaseSettings
        | RequestOverride
        | ApproveOverride
        | SetTenancyPolicy
        | SetEvictionCost
        | SendTenantLetters
        | AnswerTenantResponses
        | SetTenantChannel => return Err(PERSON_ONLY),
        CreateOrganisation | ViewUnroutable | RunPurge | DeclareMoratorium => {
            return Err(PLATFORM_ONLY)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::*;

    fn user(org_kind: OrgKind, role: Role) -> Actor {
        Actor {
            org_id: 1,
            org_kind,
            credential: Credential::User { user_id: 10, role },
        }
    }

    fn token(scopes: &[Scope]) -> Actor {
        Actor {
            org_id: 1,
            org_kind: OrgKind::Verhuurder,
            credential: Credential::Token {
                token_id: 5,
                scopes: scopes.to_vec(),
            },
        }
    }

    const OWN: Resource = Resource::Organisation(1);
    const OTHER: Resource = Resource::Organisation(2);

    #[test]
    fn permission_table() {
        use Decision::*;
        use OrgKind::*;
        use Role::*;
        let role_denied = Forbidden("uw rol geeft geen toegang tot deze functie");
        let platform_only = Forbidden("alleen platformbeheerders mogen dit");
        let cases = [
            (user(Gemeente, Medewerker), ViewOrganisation, OWN, Allow),
            (
                user(Gemeente, Medewerker),
                ViewOrganisation,
                OTHER,
                NotFound,
            ),
            (user(Gemeente, Medewerker), ViewUsers, OWN, role_denied),
            (user(Gemeente, Teamleider), ViewUsers, OWN, Allow),
            (user(Gemeente, Teamleider), ManageUsers, OWN, role_denied),
            (user(Gemeente, Beheerder), ManageUsers, OWN, Allow),
            (user(Gemeente, Beheerder), ManageUsers, OTHER, NotFound),
            (user(Gemeente, Beheerder), ViewAuditLog, OWN, Allow),
            (user(Gemeente, Beheerder), ViewAuditLog, OTHER, NotFound),
            (
                user(Gemeente, Beheerder),
                CreateOrganisation,
                Resource::Platform,
                platform_only,
            ),
            (
                user(Beheer, Medewerker),
                CreateOrganisation,
                Resource::Platform,
                platform_only,
            ),
            (
                user(Beheer, Beheerder),
                CreateOrganisation,
                Resource::Platform,
                Allow,
            ),
            (user(Beheer, Beheerder), ManageUsers, OTHER, Allow),
            (user(Redactie, Redacteur), ViewAuditLog, OWN, role_denied),
            (token(&[Scope::OrgRead]), ViewOrganisation, OWN, Allow),
            (token(&[Scope::OrgRead]), ViewOrganisation, OTHER, NotFound),
            (
                token(&[Scope::OrgRead]),
                ViewUsers,
                OWN,
                Forbidden("het token mist de benodigde scope"),
            ),
            (token(&[Scope::UsersRead]), ViewUsers, OWN, Allow),
            (token(&[Scope::UsersWrite]), ManageUsers, OWN, Allow),
            (token(&[Scope::AuditRead]), ViewAuditLog, OWN, Allow),
            (
                token(&Scope::ALL),
                CreateOrganisation,
                Resource::Platform,
                platform_only,
            ),
        ];
        for (i, (actor, action, resource, expected)) in cases.into_iter().enumerate() {
            assert_eq!(
                can(&actor, action, resource),
                expected,
                "case {i}: {action:?}"
            );
        }
    }

    #[test]
    fn beheer_tokens_get_no_platform_reach() {
        let mut actor = token(&Scope::ALL);
        actor.org_kind = OrgKind::Beheer;
        assert!(!actor.is_platform_admin());
        assert_eq!(can(&actor, ViewOrganisation, OTHER), Decision::NotFound);
    }

    #[test]
    fn platform_admins_neither_deliver_nor_receive_signals() {
        let admin = user(OrgKind::Beheer, Role::Beheerder);
        assert!(admin.is_platform_admin());
        for action in [SubmitSignals, ViewOwnSignals, ViewIncomingSignals] {
            for target in [OWN, OTHER] {
                assert!(
                    matches!(can(&admin, action, target), Decision::Forbidden(_)),
                    "{action:?} on {target:?}"
                );
            }
        }
        assert_eq!(
            can(&admin, ViewUnroutable, Resource::Platform),
            Decision::Allow
        );
        assert_eq!(can(&admin, ViewAuditLog, OTHER), Decision::Allow);
    }
}
