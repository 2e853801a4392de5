//! The permission matrix for the kennisbank: every organisation kind, role
//! and action, and the same for tokens by scope, one letter per cell.

use super::kennisbank::{NOT_FROM_BEHEER, REDACTIE_ONLY};
use super::*;
use Action::*;
use OrgKind::*;

fn user(org_kind: OrgKind, role: Role) -> Actor {
    Actor {
        org_id: 1,
        org_kind,
        credential: Credential::User { user_id: 10, role },
    }
}

fn token(org_kind: OrgKind, scopes: &[Scope]) -> Actor {
    Actor {
        org_id: 1,
        org_kind,
        credential: Credential::Token {
            token_id: 5,
            scopes: scopes.to_vec(),
        },
    }
}

fn decision(letter: char) -> Decision {
    match letter {
        'A' => Decision::Allow,
        'R' => ROLE_DENIED,
        'S' => MISSING_SCOPE,
        'K' => REDACTIE_ONLY,
        'B' => NOT_FROM_BEHEER,
        other => panic!("no decision for '{other}'"),
    }
}

const ACTIONS: [Action; 3] = [SubmitPractice, ReviewPractices, EditSynonyms];

/// A allow · R role · S scope · K redactie only · B not from platformbeheer.
/// Per action, the roles medewerker, teamleider, beheerder, redacteur.
#[rustfmt::skip]
const USERS: [(OrgKind, [&str; 3]); 7] = [
    //                submit   review   synonyms
    (Gemeente,       ["AAAA", "KKKK", "KKKK"]),
    (Verhuurder,     ["AAAA", "KKKK", "KKKK"]),
    (Signaalpartner, ["AAAA", "KKKK", "KKKK"]),
    (Hulpverlening,  ["AAAA", "KKKK", "KKKK"]),
    (Deurwaarder,    ["AAAA", "KKKK", "KKKK"]),
    (Redactie,       ["AAAA", "RRRA", "RRRA"]),
    (Beheer,         ["BBBB", "KKKK", "KKKK"]),
];

/// Per action, tokens with the scopes org:read, kennisbank:write,
/// kennisbank:review, and all of them.
#[rustfmt::skip]
const TOKENS: [(OrgKind, [&str; 3]); 7] = [
    //                submit   review   synonyms
    (Gemeente,       ["SASA", "KKKK", "KKKK"]),
    (Verhuurder,     ["SASA", "KKKK", "KKKK"]),
    (Signaalpartner, ["SASA", "KKKK", "KKKK"]),
    (Hulpverlening,  ["SASA", "KKKK", "KKKK"]),
    (Deurwaarder,    ["SASA", "KKKK", "KKKK"]),
    (Redactie,       ["SASA", "SSAA", "SSAA"]),
    (Beheer,         ["BBBB", "KKKK", "KKKK"]),
];

const PLATFORM: Resource = Resource::Platform;

#[test]
fn kennisbank_permission_matrix_for_people() {
    for (kind, row) in USERS {
        for (action, cells) in ACTIONS.into_iter().zip(row) {
            assert_eq!(cells.len(), Role::ALL.len());
            for (role, letter) in Role::ALL.into_iter().zip(cells.chars()) {
                assert_eq!(
                    can(&user(kind, role), action, PLATFORM),
                    decision(letter),
                    "{action:?} by a {role:?} of a {kind:?}"
                );
            }
        }
    }
}

#[test]
fn kennisbank_permission_matrix_for_tokens() {
    let scope_sets: [&[Scope]; 4] = [
        &[Scope::OrgRead],
        &[Scope::KennisbankWrite],
        &[Scope::KennisbankReview],
        &Scope::ALL,
    ];
    for (kind, row) in TOKENS {
        for (action, cells) in ACTIONS.into_iter().zip(row) {
            for (scopes, letter) in scope_sets.into_iter().zip(cells.chars()) {
                assert_eq!(
                    can(&token(kind, scopes), action, PLATFORM),
                    decision(letter),
                    "{action:?} by a {kind:?} token with {scopes:?}"
                );
            }
        }
    }
}

#[test]
fn the_tables_cover_every_kind_and_action() {
    for kind in OrgKind::ALL {
        assert!(USERS.iter().any(|(k, _)| *k == kind), "{kind:?}");
        assert!(TOKENS.iter().any(|(k, _)| *k == kind), "{kind:?}");
    }
    assert_eq!(ACTIONS, Action::KENNISBANK_WORK);
}

#[test]
fn the_kennisbank_is_asked_about_the_platform() {
    let editor = user(Redactie, Role::Redacteur);
    let case = CaseRef {
        gemeente_org_id: 1,
        handed_off_to: None,
    };
    for action in ACTIONS {
        assert_eq!(
            can(&editor, action, Resource::Organisation(1)),
            Decision::NotFound
        );
        assert_eq!(can(&editor, action, case), Decision::NotFound);
    }
}

#[test]
fn a_platform_admin_is_no_editor() {
    let admin = user(Beheer, Role::Beheerder);
    assert!(admin.is_platform_admin());
    assert_eq!(can(&admin, ReviewPractices, PLATFORM), REDACTIE_ONLY);
    assert_eq!(can(&admin, SubmitPractice, PLATFORM), NOT_FROM_BEHEER);
    // A redacteur has no other reach: the kennisbank is all they may do.
    let editor = user(Redactie, Role::Redacteur);
    assert_eq!(
        can(&editor, ViewUsers, Resource::Organisation(1)),
        ROLE_DENIED
    );
}
