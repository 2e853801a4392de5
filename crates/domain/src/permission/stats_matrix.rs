//! The permission matrix for statistics: every organisation kind, role and
//! target, and the same for tokens, one letter per cell.

use super::stats::{NO_DASHBOARD, PLATFORM_ADMINS_ONLY, VERHUURDER_COST_ONLY};
use super::*;
use Action::*;
use OrgKind::*;

fn actor(org_kind: OrgKind, credential: Credential) -> Actor {
    Actor {
        org_id: 1,
        org_kind,
        credential,
    }
}

fn decision(letter: char) -> Decision {
    match letter {
        'A' => Decision::Allow,
        'R' => ROLE_DENIED,
        'S' => MISSING_SCOPE,
        'P' => PERSON_ONLY,
        'N' => Decision::NotFound,
        'D' => NO_DASHBOARD,
        'V' => VERHUURDER_COST_ONLY,
        'X' => PLATFORM_ADMINS_ONLY,
        other => panic!("no decision for '{other}'"),
    }
}

/// A allow · R role · D no dashboard for this kind · V verhuurders only ·
/// X platform admins only · N another organisation's (not found).
/// Cells per role: medewerker, teamleider, beheerder, redacteur. Columns:
/// own figures, another organisation's, the platform's, setting the cost.
#[rustfmt::skip]
const USERS: [(OrgKind, [&str; 4]); 7] = [
    //                own     other   platform cost
    (Gemeente,       ["RAAR", "NNNN", "XXXX", "VVVV"]),
    (Verhuurder,     ["RAAR", "NNNN", "XXXX", "RAAR"]),
    (Signaalpartner, ["DDDD", "NNNN", "XXXX", "VVVV"]),
    (Hulpverlening,  ["DDDD", "NNNN", "XXXX", "VVVV"]),
    (Deurwaarder,    ["DDDD", "NNNN", "XXXX", "VVVV"]),
    (Redactie,       ["DDDD", "NNNN", "XXXX", "VVVV"]),
    (Beheer,         ["DDDD", "NNNN", "XXAX", "VVVV"]),
];

/// Tokens with the scopes org:read, stats:read and all of them; P: a
/// person's act.
#[rustfmt::skip]
const TOKENS: [(OrgKind, [&str; 4]); 3] = [
    //            own    other  platform cost
    (Gemeente,   ["SAA", "NNN", "XXX", "VVV"]),
    (Verhuurder, ["SAA", "NNN", "XXX", "PPP"]),
    (Beheer,     ["DDD", "NNN", "XXX", "VVV"]),
];

fn checks() -> [(Action, Resource); 4] {
    [
        (ViewStatistics, Resource::Organisation(1)),
        (ViewStatistics, Resource::Organisation(2)),
        (ViewStatistics, Resource::Platform),
        (SetEvictionCost, Resource::Organisation(1)),
    ]
}

#[test]
fn stats_permission_matrix_for_people() {
    for (kind, row) in USERS {
        for ((action, target), cells) in checks().into_iter().zip(row) {
            for (role, letter) in Role::ALL.into_iter().zip(cells.chars()) {
                let who = actor(kind, Credential::User { user_id: 10, role });
                assert_eq!(
                    can(&who, action, target),
                    decision(letter),
                    "{action:?} on {target:?} by a {role:?} of a {kind:?}"
                );
            }
        }
    }
}

#[test]
fn stats_permission_matrix_for_tokens() {
    let scope_sets = [
        vec![Scope::OrgRead],
        vec![Scope::StatsRead],
        Scope::ALL.to_vec(),
    ];
    for (kind, row) in TOKENS {
        for ((action, target), cells) in checks().into_iter().zip(row) {
            for (scopes, letter) in scope_sets.iter().zip(cells.chars()) {
                let who = actor(
                    kind,
                    Credential::Token {
                        token_id: 5,
                        scopes: scopes.clone(),
                    },
                );
                assert_eq!(
                    can(&who, action, target),
                    decision(letter),
                    "{action:?} on {target:?} by a {kind:?} token with {scopes:?}"
                );
            }
        }
    }
}
