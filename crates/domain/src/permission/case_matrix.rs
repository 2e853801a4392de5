//! The permission matrix for case work: every case action against every kind
//! of actor, one letter per cell so the table reads like the policy.

use super::case::{ADMIN_NO_CASES, GEMEENTE_ONLY, HANDED_OFF, NO_CASE_WORK};
use super::*;
use Action::*;

const GEMEENTE: i64 = 1;
const OTHER_GEMEENTE: i64 = 2;
const HULP: i64 = 3;
const OTHER_HULP: i64 = 4;
const VERHUURDER: i64 = 5;
const SIGNAALPARTNER: i64 = 6;
const REDACTIE: i64 = 7;
const DEURWAARDER: i64 = 8;
const BEHEER: i64 = 9;

const BEFORE: CaseRef = CaseRef {
    gemeente_org_id: GEMEENTE,
    handed_off_to: None,
};
const AFTER: CaseRef = CaseRef {
    gemeente_org_id: GEMEENTE,
    handed_off_to: Some(HULP),
};

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

/// The scopes that existed before case work: none of them reaches a case.
const OLD_SCOPES: [Scope; 6] = [
    Scope::OrgRead,
    Scope::UsersRead,
    Scope::UsersWrite,
    Scope::AuditRead,
    Scope::SignalsRead,
    Scope::SignalsWrite,
];

/// One column: who asks, and which case they ask about.
fn columns() -> Vec<(&'static str, Actor, CaseRef)> {
    use OrgKind::*;
    use Role::*;
    vec![
        (
            "gemeente medewerker",
            user(GEMEENTE, Gemeente, Medewerker),
            BEFORE,
        ),
        (
            "gemeente teamleider",
            user(GEMEENTE, Gemeente, Teamleider),
            BEFORE,
        ),
        (
            "gemeente beheerder",
            user(GEMEENTE, Gemeente, Beheerder),
            BEFORE,
        ),
        (
            "other gemeente",
            user(OTHER_GEMEENTE, Gemeente, Beheerder),
            BEFORE,
        ),
        (
            "hulp before hand-off",
            user(HULP, Hulpverlening, Beheerder),
            BEFORE,
        ),
        (
            "hulp after, medewerker",
            user(HULP, Hulpverlening, Medewerker),
            AFTER,
        ),
        (
            "hulp after, beheerder",
            user(HULP, Hulpverlening, Beheerder),
            AFTER,
        ),
        (
            "another hulp, after",
            user(OTHER_HULP, Hulpverlening, Beheerder),
            AFTER,
        ),
        ("verhuurder", user(VERHUURDER, Verhuurder, Beheerder), AFTER),
        (
            "signaalpartner",
            user(SIGNAALPARTNER, Signaalpartner, Beheerder),
            AFTER,
        ),
        ("redacteur", user(REDACTIE, Redactie, Redacteur), AFTER),
        ("platform admin", user(BEHEER, Beheer, Beheerder), AFTER),
        ("beheer medewerker", user(BEHEER, Beheer, Medewerker), AFTER),
        (
            "token cases:read",
            token(GEMEENTE, Gemeente, &[Scope::CasesRead]),
            BEFORE,
        ),
        (
            "token cases:write",
            token(GEMEENTE, Gemeente, &[Scope::CasesWrite]),
            BEFORE,
        ),
        (
            "token ddas:export",
            token(GEMEENTE, Gemeente, &[Scope::DdasExport]),
            BEFORE,
        ),
        (
            "token old scopes",
            token(GEMEENTE, Gemeente, &OLD_SCOPES),
            BEFORE,
        ),
        (
            "hulp token, all",
            token(HULP, Hulpverlening, &Scope::ALL),
            AFTER,
        ),
    ]
}

/// Queue, export and settings are asked about the gemeente, the purge about
/// the platform, everything else about the case itself.
fn target(action: Action, case: CaseRef) -> Target {
    match action {
        ViewCaseQueue | ExportDdas | ChangeCaseSettings => Resource::Organisation(GEMEENTE).into(),
        RunPurge => Resource::Platform.into(),
        _ => case.into(),
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
        'B' => ADMIN_NO_CASES,
        'G' => HANDED_OFF,
        other => panic!("no decision for '{other}'"),
    }
}

/// A allow · N not found · R role · S scope · T tokens never · P platform
/// admins only · B platform admins never · G the gemeente only, after the
/// hand-off. Columns in the order of `columns()`:
///
///                       gemeente  oth hulp hulp-after  ver sig red adm beh tokens (gemeente)  hulp
///                       M  T  B   gem before M  B  oth                     read wri ddas old  tok
#[rustfmt::skip]
const MATRIX: [(Action, &str); 13] = [
    (ViewCaseQueue,      "A  A  A   N   N    N  N  N    N   N   N   B   N   A    S   S    S    N"),
    (ViewCase,           "A  A  A   N   N    A  A  N    N   N   N   B   N   A    S   S    S    A"),
    (AssignCase,         "R  A  A   N   N    R  A  N    N   N   N   B   N   S    A   S    S    A"),
    (TakeCase,           "A  A  A   N   N    A  A  N    N   N   N   B   N   T    T   T    T    T"),
    (DecideCase,         "A  A  A   N   N    G  G  N    N   N   N   B   N   S    A   S    S    G"),
    (RecordContact,      "A  A  A   N   N    A  A  N    N   N   N   B   N   S    A   S    S    A"),
    (AddNote,            "A  A  A   N   N    A  A  N    N   N   N   B   N   S    A   S    S    A"),
    (HandOffCase,        "A  A  A   N   N    G  G  N    N   N   N   B   N   S    A   S    S    G"),
    (CloseCase,          "A  A  A   N   N    A  A  N    N   N   N   B   N   S    A   S    S    A"),
    (ReopenCase,         "R  A  A   N   N    G  G  N    N   N   N   B   N   S    A   S    S    G"),
    (ExportDdas,         "R  A  A   N   N    N  N  N    N   N   N   B   N   S    S   A    S    N"),
    (ChangeCaseSettings, "R  A  A   N   N    N  N  N    N   N   N   B   N   T    T   T    T    N"),
    (RunPurge,           "P  P  P   P   P    P  P  P    P   P   P   A   P   P    P   P    P    P"),
];

#[test]
fn case_permission_matrix() {
    let columns = columns();
    let mut checked = 0;
    for (action, row) in MATRIX {
        let cells: Vec<char> = row.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(
            cells.len(),
            columns.len(),
            "row {action:?} has a cell per column"
        );
        for ((who, actor, case), letter) in columns.iter().zip(cells) {
            assert_eq!(
                can(actor, action, target(action, *case)),
                decision(letter),
                "{action:?} by {who}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 13 * 18);
}

#[test]
fn matrix_covers_every_case_action() {
    let rows: Vec<Action> = MATRIX.iter().map(|(action, _)| *action).collect();
    assert_eq!(rows, Action::CASE_WORK.to_vec());
}

/// Handing a case off shares it; it never takes it away from the gemeente.
#[test]
fn the_gemeente_keeps_its_rights_after_a_hand_off() {
    let elsewhere = CaseRef {
        handed_off_to: Some(OTHER_HULP),
        ..AFTER
    };
    for role in [Role::Medewerker, Role::Teamleider, Role::Beheerder] {
        let actor = user(GEMEENTE, OrgKind::Gemeente, role);
        for action in Action::CASE_WORK {
            let before = can(&actor, action, BEFORE);
            assert_eq!(can(&actor, action, AFTER), before, "{action:?} {role:?}");
            assert_eq!(
                can(&actor, action, elsewhere),
                before,
                "{action:?} {role:?}"
            );
        }
    }
}

#[test]
fn own_organisation_and_odd_targets() {
    use OrgKind::*;
    use Role::*;
    let hulp = user(HULP, Hulpverlening, Medewerker);
    let own_hulp = Resource::Organisation(HULP);
    let gemeente = user(GEMEENTE, Gemeente, Medewerker);
    let own_gemeente = Resource::Organisation(GEMEENTE);
    let admin = user(BEHEER, Beheer, Beheerder);
    let bailiff_case = CaseRef {
        handed_off_to: Some(DEURWAARDER),
        ..BEFORE
    };
    let rows: Vec<(&str, Actor, Action, Target, Decision)> = vec![
        (
            "hulp's own queue",
            hulp.clone(),
            ViewCaseQueue,
            own_hulp.into(),
            Decision::Allow,
        ),
        (
            "hulp decides nothing",
            hulp.clone(),
            DecideCase,
            own_hulp.into(),
            HANDED_OFF,
        ),
        (
            "hulp exports no DDAS",
            user(HULP, Hulpverlening, Beheerder),
            ExportDdas,
            own_hulp.into(),
            GEMEENTE_ONLY,
        ),
        (
            "hulp token reads its queue",
            token(HULP, Hulpverlening, &[Scope::CasesRead]),
            ViewCaseQueue,
            own_hulp.into(),
            Decision::Allow,
        ),
        (
            "verhuurder has no queue",
            user(VERHUURDER, Verhuurder, Beheerder),
            ViewCaseQueue,
            Resource::Organisation(VERHUURDER).into(),
            NO_CASE_WORK,
        ),
        (
            "redactie has no queue",
            user(REDACTIE, Redactie, Redacteur),
            ViewCaseQueue,
            Resource::Organisation(REDACTIE).into(),
            NO_CASE_WORK,
        ),
        (
            "beheer medewerker has no queue",
            user(BEHEER, Beheer, Medewerker),
            ViewCaseQueue,
            Resource::Organisation(BEHEER).into(),
            NO_CASE_WORK,
        ),
        (
            "admin's own queue",
            admin.clone(),
            ViewCaseQueue,
            Resource::Organisation(BEHEER).into(),
            ADMIN_NO_CASES,
        ),
        (
            "the gemeente's cases in general",
            gemeente.clone(),
            RecordContact,
            own_gemeente.into(),
            Decision::Allow,
        ),
        (
            "reopening stays a lead's",
            gemeente.clone(),
            ReopenCase,
            own_gemeente.into(),
            ROLE_DENIED,
        ),
        (
            "a case is not the platform",
            gemeente.clone(),
            ViewCase,
            Resource::Platform.into(),
            PLATFORM_ONLY,
        ),
        (
            "a hand-off to a bailiff shows it nothing",
            user(DEURWAARDER, Deurwaarder, Beheerder),
            ViewCase,
            bailiff_case.into(),
            Decision::NotFound,
        ),
        (
            "admin purges one gemeente",
            admin.clone(),
            RunPurge,
            own_gemeente.into(),
            Decision::Allow,
        ),
        (
            "a gemeente token never purges",
            token(GEMEENTE, Gemeente, &Scope::ALL),
            RunPurge,
            Resource::Platform.into(),
            PLATFORM_ONLY,
        ),
        // Other actions asked about a case are asked about its gemeente.
        (
            "gemeente sees its org",
            gemeente.clone(),
            ViewOrganisation,
            AFTER.into(),
            Decision::Allow,
        ),
        (
            "hulp's org question about a case",
            hulp.clone(),
            ViewOrganisation,
            AFTER.into(),
            Decision::NotFound,
        ),
        (
            "admin keeps org reach",
            admin.clone(),
            ViewAuditLog,
            AFTER.into(),
            Decision::Allow,
        ),
    ];
    for (name, actor, action, target, expected) in rows {
        assert_eq!(can(&actor, action, target), expected, "{name}");
    }
}

/// Existing platform-admin powers are untouched by the case rules.
#[test]
fn platform_admins_keep_their_other_powers() {
    let admin = user(BEHEER, OrgKind::Beheer, Role::Beheerder);
    let other = Resource::Organisation(GEMEENTE);
    for action in [ViewOrganisation, ViewUsers, ManageUsers, ViewAuditLog] {
        assert_eq!(can(&admin, action, other), Decision::Allow, "{action:?}");
    }
    // Signals are a gemeente's to receive (`platform_admins_neither_deliver_nor_receive_signals`).
    assert!(matches!(
        can(&admin, ViewIncomingSignals, other),
        Decision::Forbidden(_)
    ));
    for action in [CreateOrganisation, ViewUnroutable, RunPurge] {
        assert_eq!(can(&admin, action, Resource::Platform), Decision::Allow);
    }
}

#[test]
fn notes_stay_within_the_writing_organisation() {
    use OrgKind::*;
    let rows = [
        (user(GEMEENTE, Gemeente, Role::Medewerker), GEMEENTE, true),
        (user(GEMEENTE, Gemeente, Role::Medewerker), HULP, false),
        (user(HULP, Hulpverlening, Role::Medewerker), HULP, true),
        (user(HULP, Hulpverlening, Role::Medewerker), GEMEENTE, false),
        (
            token(GEMEENTE, Gemeente, &[Scope::CasesRead]),
            GEMEENTE,
            true,
        ),
        (user(BEHEER, Beheer, Role::Beheerder), BEHEER, false),
    ];
    for (i, (actor, author_org, expected)) in rows.into_iter().enumerate() {
        assert_eq!(note_visible(&actor, author_org), expected, "row {i}");
    }
}
