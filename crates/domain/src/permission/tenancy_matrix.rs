//! The permission matrix for the eviction track: every tenancy action
//! against every kind of actor, one letter per cell.

use super::tenancy::{ADMIN_NO_TENANCIES, GEMEENTE_ONLY, VERHUURDER_ONLY};
use super::*;
use Action::*;

const VERHUURDER: i64 = 1;
const OTHER_VERHUURDER: i64 = 2;
const GEMEENTE: i64 = 3;
const BEHEER: i64 = 4;

fn user(org_id: i64, org_kind: OrgKind, role: Role) -> Actor {
    Actor {
        org_id,
        org_kind,
        credential: Credential::User { user_id: 10, role },
    }
}

fn token(org_id: i64, org_kind: OrgKind, scopes: &[Scope]) -> Actor {
    Actor {
        org_id,
        org_kind,
        credential: Credential::Token {
            token_id: 5,
            scopes: scopes.to_vec(),
        },
    }
}

/// Who asks, and about which organisation (notices about the gemeente,
/// moratoria about the platform, the rest about the verhuurder).
fn columns() -> Vec<(&'static str, Actor)> {
    use OrgKind::*;
    use Role::*;
    vec![
        (
            "verhuurder medewerker",
            user(VERHUURDER, Verhuurder, Medewerker),
        ),
        (
            "verhuurder teamleider",
            user(VERHUURDER, Verhuurder, Teamleider),
        ),
        (
            "verhuurder beheerder",
            user(VERHUURDER, Verhuurder, Beheerder),
        ),
        (
            "other verhuurder",
            user(OTHER_VERHUURDER, Verhuurder, Teamleider),
        ),
        ("gemeente medewerker", user(GEMEENTE, Gemeente, Medewerker)),
        ("platform admin", user(BEHEER, Beheer, Beheerder)),
        (
            "token tenancies:read",
            token(VERHUURDER, Verhuurder, &[Scope::TenanciesRead]),
        ),
        (
            "token tenancies:write",
            token(VERHUURDER, Verhuurder, &[Scope::TenanciesWrite]),
        ),
        (
            "gemeente token cases:read",
            token(GEMEENTE, Gemeente, &[Scope::CasesRead]),
        ),
    ]
}

fn target(action: Action) -> Target {
    match action {
        DeclareMoratorium => Resource::Platform.into(),
        ViewEvictionNotices => Resource::Organisation(GEMEENTE).into(),
        // Everyone, the other verhuurder too, asks about the first
        // verhuurder's tenancies.
        _ => Resource::Organisation(VERHUURDER).into(),
    }
}

fn decision(letter: char) -> Decision {
    match letter {
        'A' => Decision::Allow,
        'N' => Decision::NotFound,
        'R' => ROLE_DENIED,
        'S' => MISSING_SCOPE,
        'T' => PERSON_ONLY,
        'P' => PLATFORM_ONLY,
        'B' => ADMIN_NO_TENANCIES,
        'V' => VERHUURDER_ONLY,
        'G' => GEMEENTE_ONLY,
        other => panic!("no decision for '{other}'"),
    }
}

/// A allow · N not found · R role · S scope · T tokens never · P platform
/// admins only · B platform admins never · V verhuurders only · G gemeenten only.
///
///                          verhuurder  oth  gem  adm  tokens
///                          M  T  B     ver  M         read wri gem
#[rustfmt::skip]
const MATRIX: [(Action, &str); 10] = [
    (ViewTenancies,       "A  A  A     N    N    B    A    S   N"),
    (ManageTenancies,     "A  A  A     N    N    B    S    A   N"),
    (RequestOverride,     "A  A  A     N    N    B    T    T   N"),
    (ApproveOverride,     "R  A  R     N    N    B    T    T   N"),
    (SetTenancyPolicy,    "R  A  A     N    N    B    T    T   N"),
    (DeclareMoratorium,   "P  P  P     P    P    A    P    P   P"),
    (ViewEvictionNotices, "N  N  N     N    A    B    N    N   A"),
    (SendTenantLetters,   "A  A  A     N    N    B    T    T   N"),
    (AnswerTenantResponses, "A  A  A   N    N    B    T    T   N"),
    (SetTenantChannel,    "R  R  A     N    N    B    T    T   N"),
];

#[test]
fn tenancy_permission_matrix() {
    let columns = columns();
    for (action, row) in MATRIX {
        let cells: Vec<char> = row.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(cells.len(), columns.len(), "row {action:?}");
        for ((who, actor), letter) in columns.iter().zip(cells) {
            assert_eq!(
                can(actor, action, target(action)),
                decision(letter),
                "{action:?} by {who}"
            );
        }
    }
}

#[test]
fn the_matrix_covers_every_tenancy_action() {
    for action in Action::TENANCY_WORK {
        assert!(MATRIX.iter().any(|(a, _)| *a == action), "{action:?}");
    }
}

#[test]
fn a_gemeente_asking_about_its_own_tenancies_is_told_it_has_none() {
    let gemeente = user(GEMEENTE, OrgKind::Gemeente, Role::Beheerder);
    let own = Resource::Organisation(GEMEENTE);
    assert_eq!(can(&gemeente, ViewTenancies, own), VERHUURDER_ONLY);
    let verhuurder = user(VERHUURDER, OrgKind::Verhuurder, Role::Beheerder);
    let notices = Resource::Organisation(VERHUURDER);
    assert_eq!(
        can(&verhuurder, ViewEvictionNotices, notices),
        GEMEENTE_ONLY
    );
}
