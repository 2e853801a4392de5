use super::*;
use RevisionStatus::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const EDITOR: WorkflowRole = WorkflowRole::Editor { is_author: false };
const EDITOR_AUTHOR: WorkflowRole = WorkflowRole::Editor { is_author: true };
const ROLES: [WorkflowRole; 5] = [
    EDITOR,
    EDITOR_AUTHOR,
    WorkflowRole::Author,
    WorkflowRole::Contributor,
    WorkflowRole::Public,
];

fn open(id: i64, status: RevisionStatus, review_by: Option<NaiveDate>) -> Option<OpenRevision> {
    Some(OpenRevision {
        id,
        status,
        review_by,
    })
}

/// The practice's situations that matter, by name.
fn states() -> Vec<(&'static str, PracticeState)> {
    vec![
        ("new", PracticeState::default()),
        (
            "submitted",
            PracticeState {
                revisions: 1,
                published: None,
                open: open(1, Submitted, None),
            },
        ),
        (
            "sent back",
            PracticeState {
                revisions: 1,
                published: None,
                open: open(1, ChangesRequested, None),
            },
        ),
        (
            "published",
            PracticeState {
                revisions: 1,
                published: Some(1),
                open: None,
            },
        ),
        (
            "editing",
            PracticeState {
                revisions: 2,
                published: Some(1),
                open: open(2, Submitted, Some(d(2028, 1, 15))),
            },
        ),
        (
            "rejected",
            PracticeState {
                revisions: 1,
                published: None,
                open: None,
            },
        ),
    ]
}

/// Each command as a person would send it about this state: a decision
/// names the open revision as it is (or revision 1, when none is open).
fn commands(state: &PracticeState) -> Vec<(&'static str, Command)> {
    let seen = state.open.map_or(
        Seen {
            revision_id: 1,
            status: Submitted,
        },
        |o| Seen {
            revision_id: o.id,
            status: o.status,
        },
    );
    let reason = "De bron van het cijfer ontbreekt.".to_string();
    vec![
        ("submit", Command::Submit),
        ("propose", Command::ProposeEdit),
        (
            "comment",
            Command::Comment {
                body: "Mooi voorbeeld.".into(),
            },
        ),
        (
            "request changes",
            Command::RequestChanges {
                seen,
                reason: reason.clone(),
            },
        ),
        (
            "publish",
            Command::Publish {
                seen,
                today: d(2026, 11, 22),
            },
        ),
        ("reject", Command::Reject { seen, reason }),
        (
            "review by",
            Command::SetReviewBy {
                date: d(2027, 6, 1),
            },
        ),
    ]
}

/// O outcome · F forbidden · C conflict · I invalid, per role:
/// editor, editor who wrote the open revision, author, contributor, public.
#[rustfmt::skip]
const MATRIX: [(&str, [&str; 7]); 6] = [
    //               submit   propose  comment  request  publish  reject   review-by
    ("new",        ["OOOOO", "CCCCF", "CCCFF", "CCFFF", "CCFFF", "CCFFF", "CCFFF"]),
    ("submitted",  ["CCCCC", "COOCF", "OOOFF", "OOFFF", "OOFFF", "OOFFF", "CCFFF"]),
    ("sent back",  ["CCCCC", "COOCF", "OOOFF", "CCFFF", "OOFFF", "OOFFF", "CCFFF"]),
    ("published",  ["CCCCC", "OOOOF", "CCCFF", "CCFFF", "CCFFF", "CCFFF", "OOFFF"]),
    ("editing",    ["CCCCC", "COOCF", "OOOFF", "OOFFF", "OOFFF", "OOFFF", "OOFFF"]),
    ("rejected",   ["CCCCC", "CCCCF", "CCCFF", "CCFFF", "CCFFF", "CCFFF", "CCFFF"]),
];

fn letter(result: &Result<Outcome, Refusal>) -> char {
    match result {
        Ok(_) => 'O',
        Err(Refusal::Forbidden(_)) => 'F',
        Err(Refusal::Conflict(_)) => 'C',
        Err(Refusal::Invalid(_)) => 'I',
    }
}

#[test]
fn every_state_command_and_role() {
    let states = states();
    assert_eq!(states.len(), MATRIX.len());
    for ((name, state), (row_name, row)) in states.iter().zip(MATRIX) {
        assert_eq!(*name, row_name);
        for ((command_name, command), cells) in commands(state).into_iter().zip(row) {
            for (role, expected) in ROLES.into_iter().zip(cells.chars()) {
                let got = apply(state, command.clone(), role);
                assert_eq!(
                    letter(&got),
                    expected,
                    "{command_name} on {name} by {role:?}: {got:?}"
                );
            }
        }
    }
}

#[test]
fn outcomes_in_detail() {
    let states = states();
    let state = |name: &str| states.iter().find(|(n, _)| *n == name).unwrap().1;
    let seen = |id, status| Seen {
        revision_id: id,
        status,
    };
    let cases: Vec<(
        &str,
        PracticeState,
        Command,
        WorkflowRole,
        Result<Outcome, Refusal>,
    )> = vec![
        (
            "a public suggestion is revision 1",
            state("new"),
            Command::Submit,
            WorkflowRole::Public,
            Ok(Outcome::NewRevision {
                number: 1,
                supersedes: None,
            }),
        ),
        (
            "the author's new proposal replaces their open one",
            state("editing"),
            Command::ProposeEdit,
            WorkflowRole::Author,
            Ok(Outcome::NewRevision {
                number: 3,
                supersedes: Some(2),
            }),
        ),
        (
            "someone else's proposal waits",
            state("editing"),
            Command::ProposeEdit,
            WorkflowRole::Contributor,
            Err(Refusal::Conflict(
                "er ligt al een wijziging ter beoordeling",
            )),
        ),
        (
            "an edit of a published practice",
            state("published"),
            Command::ProposeEdit,
            WorkflowRole::Contributor,
            Ok(Outcome::NewRevision {
                number: 2,
                supersedes: None,
            }),
        ),
        (
            "publishing an edit supersedes the published one and keeps the proposed date",
            state("editing"),
            Command::Publish {
                seen: seen(2, Submitted),
                today: d(2026, 11, 22),
            },
            EDITOR,
            Ok(Outcome::Published {
                revision_id: 2,
                supersedes: Some(1),
                review_by: d(2028, 1, 15),
                first_publication: false,
            }),
        ),
        (
            "a first publication on 29 February is due on 28 February",
            state("sent back"),
            Command::Publish {
                seen: seen(1, ChangesRequested),
                today: d(2024, 2, 29),
            },
            EDITOR_AUTHOR,
            Ok(Outcome::Published {
                revision_id: 1,
                supersedes: None,
                review_by: d(2025, 2, 28),
                first_publication: true,
            }),
        ),
        (
            "reasons are kept trimmed",
            state("submitted"),
            Command::Reject {
                seen: seen(1, Submitted),
                reason: "  Dit is geen praktijk.\r\n".into(),
            },
            EDITOR,
            Ok(Outcome::Rejected {
                revision_id: 1,
                reason: "Dit is geen praktijk.".into(),
            }),
        ),
        (
            "a decision on an older view is stale",
            state("editing"),
            Command::Publish {
                seen: seen(2, ChangesRequested),
                today: d(2026, 11, 22),
            },
            EDITOR,
            Err(Refusal::Conflict(STALE)),
        ),
        (
            "a decision on a replaced revision is stale",
            state("editing"),
            Command::Reject {
                seen: seen(1, Submitted),
                reason: "Niet meer actueel genoeg.".into(),
            },
            EDITOR,
            Err(Refusal::Conflict(STALE)),
        ),
        (
            "a short reason is refused before the state is looked at",
            state("published"),
            Command::RequestChanges {
                seen: seen(1, Submitted),
                reason: "  te kort  ".into(),
            },
            EDITOR,
            Err(Refusal::Invalid(Invalid::one(
                "reason",
                "geef een reden van minstens 10 tekens",
            ))),
        ),
        (
            "an empty comment",
            state("submitted"),
            Command::Comment {
                body: " \n ".into(),
            },
            WorkflowRole::Author,
            Err(Refusal::Invalid(Invalid::one("body", "is verplicht"))),
        ),
        (
            "contributors never publish",
            state("submitted"),
            Command::Publish {
                seen: seen(1, Submitted),
                today: d(2026, 11, 22),
            },
            WorkflowRole::Author,
            Err(Refusal::Forbidden(EDITORS_ONLY)),
        ),
        (
            "the public may only suggest",
            state("published"),
            Command::ProposeEdit,
            WorkflowRole::Public,
            Err(Refusal::Forbidden(SIGN_IN)),
        ),
        (
            "editors set the review-by date",
            state("published"),
            Command::SetReviewBy {
                date: d(2026, 12, 1),
            },
            EDITOR,
            Ok(Outcome::ReviewBySet {
                review_by: d(2026, 12, 1),
            }),
        ),
    ];
    for (what, state, command, role, expected) in cases {
        assert_eq!(apply(&state, command, role), expected, "{what}");
    }
}

#[test]
fn reason_length_boundary() {
    let state = states()[1].1;
    let seen = Seen {
        revision_id: 1,
        status: Submitted,
    };
    for (reason, ok) in [
        ("123456789", false),
        ("1234567890", true),
        ("  123456789  ", false),
    ] {
        let got = apply(
            &state,
            Command::RequestChanges {
                seen,
                reason: reason.into(),
            },
            EDITOR,
        );
        assert_eq!(got.is_ok(), ok, "{reason:?}");
    }
    let long = "x".repeat(MAX_COMMENT + 1);
    let got = apply(&state, Command::Reject { seen, reason: long }, EDITOR);
    assert!(matches!(got, Err(Refusal::Invalid(_))));
}

#[test]
fn status_changes_per_outcome() {
    let cases = [
        (
            Outcome::NewRevision {
                number: 3,
                supersedes: Some(2),
            },
            vec![(2, Superseded)],
        ),
        (
            Outcome::NewRevision {
                number: 1,
                supersedes: None,
            },
            vec![],
        ),
        (
            Outcome::Published {
                revision_id: 2,
                supersedes: Some(1),
                review_by: d(2027, 1, 1),
                first_publication: false,
            },
            vec![(1, Superseded), (2, Published)],
        ),
        (
            Outcome::ChangesRequested {
                revision_id: 2,
                reason: "x".into(),
            },
            vec![(2, ChangesRequested)],
        ),
        (
            Outcome::Rejected {
                revision_id: 2,
                reason: "x".into(),
            },
            vec![(2, Rejected)],
        ),
        (
            Outcome::Commented {
                revision_id: 2,
                body: "x".into(),
            },
            vec![],
        ),
    ];
    for (outcome, changes) in cases {
        assert_eq!(outcome.status_changes(), changes, "{outcome:?}");
    }
}

#[test]
fn roles_from_facts() {
    use WorkflowRole::*;
    let cases = [
        ((true, true, true), Editor { is_author: true }),
        ((true, true, false), Editor { is_author: false }),
        ((false, true, true), Author),
        ((false, true, false), Contributor),
        ((false, false, false), Public),
    ];
    for ((editor, signed_in, wrote), role) in cases {
        assert_eq!(WorkflowRole::of(editor, signed_in, wrote), role);
    }
}

#[test]
fn statuses() {
    let slugs: Vec<&str> = RevisionStatus::ALL.iter().map(|s| s.slug()).collect();
    assert_eq!(
        slugs,
        [
            "submitted",
            "changes_requested",
            "published",
            "superseded",
            "rejected"
        ]
    );
    let open: Vec<bool> = RevisionStatus::ALL.iter().map(|s| s.is_open()).collect();
    assert_eq!(open, [true, true, false, false, false]);
    assert_eq!(
        Refusal::Conflict(OPEN_ELSEWHERE).to_string(),
        "er ligt al een wijziging ter beoordeling"
    );
}
