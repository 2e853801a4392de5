//! Exact outcomes, boundaries and the small helpers.

use super::matrix::{d, states, EDITOR, EDITOR_AUTHOR};
use super::*;
use RevisionStatus::*;

#[test]
fn outcomes_in_detail() {
    let states = states();
    let state = |name: &str| states.iter().find(|(n, _)| *n == name).unwrap().1;
    let seen = |id, status| Seen {
        revision_id: id,
        status,
    };
    type Case = (
        &'static str,
        PracticeState,
        Command,
        WorkflowRole,
        Result<Outcome, Refusal>,
    );
    let cases: Vec<Case> = vec![
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
