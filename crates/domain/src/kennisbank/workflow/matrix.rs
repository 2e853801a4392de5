//! Every command in every situation by every role, one letter per cell.

use super::*;
use RevisionStatus::*;

pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub(super) const EDITOR: WorkflowRole = WorkflowRole::Editor { is_author: false };
pub(super) const EDITOR_AUTHOR: WorkflowRole = WorkflowRole::Editor { is_author: true };
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
pub(super) fn states() -> Vec<(&'static str, PracticeState)> {
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
