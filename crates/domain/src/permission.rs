//! The one place that decides who may do what. Handlers ask `can` before
//! they act, and storage queries are scoped by organisation besides, so a
//! mistake in one layer is caught by the other.

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    /// Something that belongs to no single organisation.
    Platform,
    /// Anything owned by this organisation.
    Organisation(i64),
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

pub fn can(actor: &Actor, action: Action, resource: Resource) -> Decision {
    if actor.is_platform_admin() {
        return Decision::Allow;
    }
    match resource {
        Resource::Platform => Decision::Forbidden("alleen platformbeheerders mogen dit"),
        Resource::Organisation(org_id) if org_id != actor.org_id => Decision::NotFound,
        Resource::Organisation(_) => within_own_org(actor, action),
    }
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

fn within_own_org(actor: &Actor, action: Action) -> Decision {
    if let Err(decision) = kind_allows(actor.org_kind, action) {
        return decision;
    }
    match &actor.credential {
        Credential::User { role, .. } => match (action, role) {
            (Action::ViewOrganisation, _) => Decision::Allow,
            (Action::ViewUsers, Role::Beheerder | Role::Teamleider) => Decision::Allow,
            (Action::ManageUsers | Action::ViewAuditLog, Role::Beheerder) => Decision::Allow,
            (
                Action::SubmitSignals | Action::ViewOwnSignals | Action::ViewIncomingSignals,
                Role::Medewerker | Role::Teamleider | Role::Beheerder,
            ) => Decision::Allow,
            (Action::CreateOrganisation | Action::ViewUnroutable, _) => {
                Decision::Forbidden("alleen platformbeheerders mogen dit")
            }
            _ => Decision::Forbidden("uw rol geeft geen toegang tot deze functie"),
        },
        Credential::Token { scopes, .. } => {
            let needed = match action {
                Action::ViewOrganisation => Scope::OrgRead,
                Action::ViewUsers => Scope::UsersRead,
                Action::ManageUsers => Scope::UsersWrite,
                Action::ViewAuditLog => Scope::AuditRead,
                Action::SubmitSignals => Scope::SignalsWrite,
                Action::ViewOwnSignals | Action::ViewIncomingSignals => Scope::SignalsRead,
                Action::CreateOrganisation | Action::ViewUnroutable => {
                    return Decision::Forbidden("alleen platformbeheerders mogen dit")
                }
            };
            if scopes.contains(&needed) {
                Decision::Allow
            } else {
                Decision::Forbidden("het token mist de benodigde scope")
            }
        }
    }
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
}
