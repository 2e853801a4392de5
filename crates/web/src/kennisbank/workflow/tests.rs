use super::*;
use chrono::NaiveDate;
use chrono::{TimeZone, Utc};
use vangnet_store::kennisbank::{Practice, Revision, RevisionContent};

fn revision(id: i64, status: &str) -> Revision {
    Revision {
        id,
        practice_id: 1,
        number: id,
        content: RevisionContent {
            title: "t".into(),
            summary: "s".into(),
            body_md: "b".into(),
            phases: vec!["preventie".into()],
            actors: vec!["gemeente".into()],
            region: None,
            organisation: None,
            contact: None,
            results: None,
            figures: vec![],
            links: vec![],
            review_by: NaiveDate::from_ymd_opt(2027, 1, 1),
        },
        content_hash: "0".repeat(64),
        status: status.into(),
        author_user_id: Some(7),
        author_org_id: Some(3),
        suggester_name: None,
        suggester_email: None,
        created_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        decided_by_user_id: None,
        decided_at: None,
        decision_reason: None,
    }
}

fn history(revisions: Vec<Revision>, published: Option<i64>) -> PracticeHistory {
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    PracticeHistory {
        practice: Practice {
            id: 1,
            slug: "p".into(),
            owner_user_id: Some(7),
            contributor_org_id: Some(3),
            published_revision_id: published,
            review_by: None,
            first_published_at: None,
            updated_at: at,
            created_at: at,
        },
        revisions,
    }
}

#[test]
fn the_state_names_the_open_revision_and_the_published_one() {
    let h = history(
        vec![
            revision(1, "superseded"),
            revision(2, "published"),
            revision(3, "changes_requested"),
        ],
        Some(2),
    );
    let state = practice_state(&h);
    assert_eq!(state.revisions, 3);
    assert_eq!(state.published, Some(2));
    let open = state.open.expect("an open revision");
    assert_eq!(open.id, 3);
    assert_eq!(open.status, RevisionStatus::ChangesRequested);
    assert_eq!(open.review_by, NaiveDate::from_ymd_opt(2027, 1, 1));
    let closed = practice_state(&history(vec![revision(1, "rejected")], None));
    assert_eq!(closed.open, None);
}

#[test]
fn store_and_domain_refusals_map_to_the_pages_answers() {
    assert!(matches!(
        WorkflowError::from(StoreError::NotFound),
        WorkflowError::NotFound
    ));
    assert!(matches!(
        WorkflowError::from(StoreError::conflict("status", "al beslist")),
        WorkflowError::Conflict(m) if m == "al beslist"
    ));
    assert!(matches!(
        WorkflowError::from(Refusal::Forbidden("nee")),
        WorkflowError::Forbidden(_)
    ));
    assert!(!Caller::public().is_editor());
}
