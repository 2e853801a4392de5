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

mod with_a_store {
    use super::super::*;
    use crate::config::WebConfig;
    use chrono::NaiveDate;
    use vangnet_domain::kennisbank::{ActorKind, Phase};
    use vangnet_domain::org::{NewOrg, OrgKind};
    use vangnet_domain::user::NewUser;
    use vangnet_search::Query;

    async fn editor(state: &AppState) -> Actor {
        let audit = || AuditEvent::new("test", "org", None).by_label("test");
        let org = NewOrg::parse("redactie", "Redactie", "redactie", None, None).unwrap();
        let org = state.store.create_org(&org, audit()).await.unwrap();
        let user = NewUser::parse("r@redactie.example", "Eva", "redacteur", OrgKind::Redactie);
        let user = state
            .store
            .create_user(org.id, &user.unwrap(), "x", audit())
            .await
            .unwrap();
        Actor {
            org_id: org.id,
            org_kind: OrgKind::Redactie,
            credential: Credential::User {
                user_id: user.id,
                role: user.role,
            },
        }
    }

    fn content(title: &str) -> PracticeContent {
        PracticeContent {
            title: title.into(),
            summary: "Een korte samenvatting over schuldhulp.".into(),
            body_md: "De consulent belt binnen een week.".into(),
            phases: vec![Phase::Prevention],
            actors: vec![ActorKind::ALL[0]],
            ..PracticeContent::default()
        }
    }

    fn hits(state: &AppState, words: &str) -> Vec<i64> {
        let query = Query {
            text: words.into(),
            include_drafts: true,
            limit: 10,
            ..Query::default()
        };
        state
            .kennisbank
            .search(&query)
            .hits
            .iter()
            .map(|h| h.id)
            .collect()
    }

    #[tokio::test]
    async fn the_index_follows_a_suggestion_to_publication() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("kb.db").display());
        let store = vangnet_store::connect(&url).await.unwrap();
        store.migrate().await.unwrap();
        let state = AppState::new(store, WebConfig::default());
        let editor = editor(&state).await;
        let suggester = Suggester {
            name: "Jan".into(),
            email: "jan@example.org".into(),
        };
        let written = submit(
            &state,
            Caller::public(),
            content("Bellen na een signaal"),
            Some(suggester),
        )
        .await
        .unwrap();
        assert_eq!(hits(&state, "consulent"), [-written.revision_id]);
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let publish = Decide::Publish { review_by: None };
        let caller = Caller::of(&editor);
        decide(
            &state,
            caller,
            written.revision_id,
            "submitted",
            publish.clone(),
            today,
        )
        .await
        .unwrap();
        assert_eq!(hits(&state, "consulent"), [written.practice_id]);
        // The same decision again is stale.
        let again = decide(
            &state,
            caller,
            written.revision_id,
            "submitted",
            publish,
            today,
        )
        .await;
        assert!(
            matches!(again, Err(WorkflowError::Conflict(_))),
            "{again:?}"
        );
        // The public may not decide at all.
        let reject = Decide::Reject {
            reason: "Niet over huisuitzetting.".into(),
        };
        let refused = decide(
            &state,
            Caller::public(),
            written.revision_id,
            "published",
            reject,
            today,
        )
        .await;
        assert!(matches!(refused, Err(WorkflowError::Forbidden(_))));
    }
}
