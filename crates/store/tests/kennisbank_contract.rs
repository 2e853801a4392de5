//! The kennisbank's storage contract, on both backends: the workflow from
//! submission to a second publication, at most one open revision per
//! practice, stale decisions and taken slugs as conflicts, the overdue
//! list, idempotent imports by hash, and an audit entry for every change
//! that holds no text. Attachments, synonyms, the rate limit and retention
//! are in `kennisbank_extras_contract.rs`.

use chrono::{Duration, Utc};
use std::sync::Arc;
use vangnet_store::kennisbank::*;
use vangnet_store::*;

#[macro_use]
mod backends;
use backends::kb_world::*;
use backends::world::date;

contract!(
    the_workflow_from_submission_to_a_second_publication,
    only_one_revision_is_open_at_a_time,
    a_stale_decision_is_a_conflict,
    a_slug_is_taken_once,
    overdue_practices_come_most_overdue_first,
    an_import_is_idempotent_by_hash,
    every_change_is_audited_with_ids_only,
    published_practices_never_show_unpublished_content,
    concurrent_proposals_leave_one_open_revision,
    revision_content_cannot_be_changed,
);

async fn statuses(kb: &Kb, practice_id: i64) -> Vec<String> {
    let history = kb.store.practice_for_editor(practice_id).await.unwrap();
    let revisions = history.unwrap().revisions;
    revisions.into_iter().map(|r| r.status).collect()
}

async fn the_workflow_from_submission_to_a_second_publication(store: Arc<dyn Store>) {
    let kb = kb(store).await;
    let s = &kb.store;
    let new = kb.practice("vroeg-eropaf", kb.alice, "eerste");
    let created = s.create_practice(&new, kb.by(kb.alice)).await.unwrap();
    let first = s.revision(created.revision_id).await.unwrap().unwrap();
    assert_eq!((first.number, first.status.as_str()), (1, SUBMITTED));
    assert_eq!(
        first.content.phases,
        ["preventie", "horizon"],
        "phase order"
    );
    assert_eq!(first.content.actors, ["gemeente", "woningcorporatie"]);
    assert_eq!(first.content.figures, new.revision.content.figures);
    assert_eq!(first.content.links, new.revision.content.links);
    assert_eq!(first.content_hash, new.revision.content_hash);
    assert!(s
        .published_practice("vroeg-eropaf")
        .await
        .unwrap()
        .is_none());
    let queue = s.open_revisions().await.unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].slug, "vroeg-eropaf");
    assert_eq!(queue[0].published_revision_id, None);

    // The editor asks for changes; the author proposes again.
    let changes = RevisionDecision::RequestChanges {
        reason: "Redentekst: graag cijfers".into(),
    };
    let decide = s.decide_revision(first.id, SUBMITTED, &changes, kb.editor, kb.by(kb.editor));
    decide.await.unwrap();
    let asked = s.revision(first.id).await.unwrap().unwrap();
    assert_eq!(asked.status, CHANGES_REQUESTED);
    assert_eq!(asked.decided_by_user_id, Some(kb.editor));
    assert_eq!(
        asked.decision_reason.as_deref(),
        Some("Redentekst: graag cijfers")
    );
    let comment = s.add_comment(
        first.id,
        kb.alice,
        "Commentaartekst: komt eraan",
        kb.by(kb.alice),
    );
    let comment_id = comment.await.unwrap();
    let comments = s.comments(first.id).await.unwrap();
    assert_eq!(comments.len(), 1);
    assert_eq!(
        (comments[0].id, comments[0].author_user_id),
        (comment_id, kb.alice)
    );
    assert_eq!(comments[0].body, "Commentaartekst: komt eraan");

    let second = kb.revision(kb.alice, "tweede");
    let by = kb.by(kb.alice);
    let second_id = s
        .propose_revision(created.practice_id, &second, by)
        .await
        .unwrap();
    assert_eq!(
        statuses(&kb, created.practice_id).await,
        [SUPERSEDED, SUBMITTED],
        "the author's own open revision is superseded"
    );

    // Publication.
    let publish = RevisionDecision::Publish {
        review_by: date("2027-11-01"),
    };
    let by = kb.by(kb.editor);
    s.decide_revision(second_id, SUBMITTED, &publish, kb.editor, by)
        .await
        .unwrap();
    let shown = s.published_practice("vroeg-eropaf").await.unwrap().unwrap();
    assert_eq!(shown.revision.id, second_id);
    assert_eq!(shown.revision.status, PUBLISHED);
    assert_eq!(shown.revision.content.title, "Titeltekst tweede");
    assert_eq!(shown.practice.published_revision_id, Some(second_id));
    assert_eq!(shown.practice.review_by, Some(date("2027-11-01")));
    let first_published = shown.practice.first_published_at.expect("set");
    assert_eq!(shown.practice.updated_at, first_published);
    assert!(s.open_revisions().await.unwrap().is_empty());

    // Bob proposes an edit: the published text stays until it is published.
    let third = kb.revision(kb.bob, "derde");
    let by = kb.by(kb.bob);
    let third_id = s
        .propose_revision(created.practice_id, &third, by)
        .await
        .unwrap();
    let still = s.published_practice("vroeg-eropaf").await.unwrap().unwrap();
    assert_eq!(still.revision.id, second_id);
    let queue = s.open_revisions().await.unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].revision.id, third_id);
    assert_eq!(queue[0].published_revision_id, Some(second_id));
    assert_eq!(queue[0].revision.number, 3);

    let publish = RevisionDecision::Publish {
        review_by: date("2028-01-15"),
    };
    let by = kb.by(kb.editor);
    s.decide_revision(third_id, SUBMITTED, &publish, kb.editor, by)
        .await
        .unwrap();
    assert_eq!(
        statuses(&kb, created.practice_id).await,
        [SUPERSEDED, SUPERSEDED, PUBLISHED]
    );
    let now = s.published_practice("vroeg-eropaf").await.unwrap().unwrap();
    assert_eq!(now.revision.id, third_id);
    assert_eq!(
        now.practice.first_published_at,
        Some(first_published),
        "set once"
    );
    assert!(now.practice.updated_at >= first_published);
    assert_eq!(now.practice.review_by, Some(date("2028-01-15")));

    // Everyone's own submissions, newest first.
    let alices = s.submissions_by(kb.alice).await.unwrap();
    let ids: Vec<i64> = alices.iter().map(|r| r.revision.id).collect();
    assert_eq!(ids, [second_id, first.id]);
    assert_eq!(alices[0].slug, "vroeg-eropaf");
    let bobs = s.submissions_by(kb.bob).await.unwrap();
    assert_eq!(bobs.len(), 1);
    assert_eq!(bobs[0].revision.status, PUBLISHED);
    let any = s
        .practice_by_slug_any("vroeg-eropaf")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(any.id, created.practice_id);
    assert!(s
        .practice_by_slug_any("bestaat-niet")
        .await
        .unwrap()
        .is_none());
    assert!(s.practice_for_editor(9_999).await.unwrap().is_none());
}

async fn only_one_revision_is_open_at_a_time(store: Arc<dyn Store>) {
    let kb = kb(store).await;
    let s = &kb.store;
    let created = kb.published("schuldhulp-snel", "2027-06-01").await;
    let mine = kb.revision(kb.alice, "van alice");
    let by = kb.by(kb.alice);
    let open = s
        .propose_revision(created.practice_id, &mine, by)
        .await
        .unwrap();
    let theirs = kb.revision(kb.bob, "van bob");
    let refused = s
        .propose_revision(created.practice_id, &theirs, kb.by(kb.bob))
        .await
        .unwrap_err();
    assert!(
        matches!(&refused, StoreError::Conflict { reason, .. }
            if reason == "er ligt al een wijziging ter beoordeling"),
        "{refused:?}"
    );
    // A public suggestion (no user) is someone else too.
    let by = kb.by(kb.bob);
    let anonymous = suggestion("publiek");
    let public = s.propose_revision(created.practice_id, &anonymous, by);
    assert!(matches!(public.await, Err(StoreError::Conflict { .. })));
    // After a rejection the practice is open to proposals again.
    let reject = RevisionDecision::Reject {
        reason: "Redentekst".into(),
    };
    let by = kb.by(kb.editor);
    s.decide_revision(open, SUBMITTED, &reject, kb.editor, by)
        .await
        .unwrap();
    let by = kb.by(kb.bob);
    s.propose_revision(created.practice_id, &theirs, by)
        .await
        .unwrap();
    assert_eq!(
        statuses(&kb, created.practice_id).await,
        [PUBLISHED, REJECTED, SUBMITTED]
    );
    let missing = s.propose_revision(9_999, &theirs, kb.by(kb.bob)).await;
    assert!(matches!(missing, Err(StoreError::NotFound)));
}

async fn a_stale_decision_is_a_conflict(store: Arc<dyn Store>) {
    let kb = kb(store).await;
    let s = &kb.store;
    let new = kb.practice("huisbezoek", kb.alice, "huisbezoek");
    let created = s.create_practice(&new, kb.by(kb.alice)).await.unwrap();
    let id = created.revision_id;
    let changes = RevisionDecision::RequestChanges {
        reason: "Redentekst".into(),
    };
    s.decide_revision(id, SUBMITTED, &changes, kb.editor, kb.by(kb.editor))
        .await
        .unwrap();
    // A second editor decided on the page as it was: submitted.
    let publish = RevisionDecision::Publish {
        review_by: date("2027-01-01"),
    };
    let stale = s.decide_revision(id, SUBMITTED, &publish, kb.editor, kb.by(kb.editor));
    let error = stale.await.unwrap_err();
    assert!(
        matches!(&error, StoreError::Conflict { field, .. } if field == "status"),
        "{error:?}"
    );
    assert!(s.published_practice("huisbezoek").await.unwrap().is_none());
    // On the current status it goes through; a decided revision is closed.
    s.decide_revision(id, CHANGES_REQUESTED, &publish, kb.editor, kb.by(kb.editor))
        .await
        .unwrap();
    let again = s.decide_revision(id, PUBLISHED, &publish, kb.editor, kb.by(kb.editor));
    assert!(matches!(again.await, Err(StoreError::Conflict { .. })));
    let missing = s.decide_revision(9_999, SUBMITTED, &publish, kb.editor, kb.by(kb.editor));
    assert!(matches!(missing.await, Err(StoreError::NotFound)));
}

async fn a_slug_is_taken_once(store: Arc<dyn Store>) {
    let kb = kb(store).await;
    let s = &kb.store;
    let new = kb.practice("budgetcoach", kb.alice, "een");
    s.create_practice(&new, kb.by(kb.alice)).await.unwrap();
    let before = kb.audit_count().await;
    let again = kb.practice("budgetcoach", kb.bob, "twee");
    let error = s.create_practice(&again, kb.by(kb.bob)).await.unwrap_err();
    assert!(
        matches!(&error, StoreError::Conflict { field, reason }
            if field == "slug" && reason.contains("al in gebruik")),
        "{error:?}"
    );
    assert_eq!(kb.audit_count().await, before, "nothing written");
    assert_eq!(s.submissions_by(kb.bob).await.unwrap().len(), 0);
    // Unknown phases are refused before anything is written.
    let mut odd = kb.practice("andere-slug", kb.bob, "drie");
    odd.revision.content.phases = vec!["fase-9".into()];
    let error = s.create_practice(&odd, kb.by(kb.bob)).await.unwrap_err();
    assert!(matches!(error, StoreError::Invalid(_)), "{error:?}");
    assert!(s
        .practice_by_slug_any("andere-slug")
        .await
        .unwrap()
        .is_none());
}

async fn overdue_practices_come_most_overdue_first(store: Arc<dyn Store>) {
    let kb = kb(store).await;
    let s = &kb.store;
    let later = kb.published("later-overdue", "2026-10-01").await;
    let earlier = kb.published("eerder-overdue", "2026-03-01").await;
    kb.published("nog-niet", "2027-03-01").await;
    let draft = kb.practice("concept", kb.alice, "concept");
    s.create_practice(&draft, kb.by(kb.alice)).await.unwrap();
    let overdue = s.overdue_practices(date("2026-11-22")).await.unwrap();
    let ids: Vec<i64> = overdue.iter().map(|p| p.practice.id).collect();
    assert_eq!(ids, [earlier.practice_id, later.practice_id]);
    // Reviewed: the editor sets a new date, audited.
    let before = kb.audit_count().await;
    let by = kb.by(kb.editor);
    s.set_review_by(earlier.practice_id, date("2027-11-22"), kb.editor, by)
        .await
        .unwrap();
    assert_eq!(kb.audit_count().await, before + 1);
    let overdue = s.overdue_practices(date("2026-11-22")).await.unwrap();
    assert_eq!(overdue.len(), 1);
    assert_eq!(overdue[0].practice.id, later.practice_id);
    let missing = s.set_review_by(9_999, date("2027-01-01"), kb.editor, kb.by(kb.editor));
    assert!(matches!(missing.await, Err(StoreError::NotFound)));
}

async fn an_import_is_idempotent_by_hash(store: Arc<dyn Store>) {
    let kb = kb(store).await;
    let s = &kb.store;
    assert!(s
        .latest_revision_hash("geimporteerd")
        .await
        .unwrap()
        .is_none());
    let created = kb.published("geimporteerd", "2027-06-01").await;
    let latest = s
        .latest_revision_hash("geimporteerd")
        .await
        .unwrap()
        .unwrap();
    let same = kb.revision(kb.alice, "geimporteerd");
    assert_eq!(
        latest,
        LatestRevision {
            practice_id: created.practice_id,
            revision_id: created.revision_id,
            status: PUBLISHED.into(),
            content_hash: same.content_hash.clone(),
        }
    );
    // Changed content without --publish: a submission, the latest now.
    let changed = kb.revision(kb.editor, "gewijzigd");
    assert_ne!(changed.content_hash, same.content_hash);
    let by = kb.by(kb.editor);
    let id = s
        .propose_revision(created.practice_id, &changed, by)
        .await
        .unwrap();
    let latest = s
        .latest_revision_hash("geimporteerd")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (latest.revision_id, latest.status.as_str()),
        (id, SUBMITTED)
    );
    assert_eq!(latest.content_hash, changed.content_hash);
    // With --publish: the editor's own open import is replaced and the new
    // text published in one step, with one audit entry.
    let again = kb.revision(kb.editor, "opnieuw gewijzigd");
    let before = kb.audit_count().await;
    let publish = PublishAs {
        editor_user_id: kb.editor,
        review_by: date("2028-02-01"),
    };
    let by = kb.by(kb.editor);
    let published = s
        .propose_and_publish(created.practice_id, &again, publish, by)
        .await
        .unwrap();
    assert_eq!(kb.audit_count().await, before + 1);
    assert_eq!(
        statuses(&kb, created.practice_id).await,
        [SUPERSEDED, SUPERSEDED, PUBLISHED]
    );
    let shown = s.published_practice("geimporteerd").await.unwrap().unwrap();
    assert_eq!(shown.revision.id, published);
    assert_eq!(shown.practice.review_by, Some(date("2028-02-01")));
    let latest = s
        .latest_revision_hash("geimporteerd")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(latest.content_hash, again.content_hash);
    // Someone else's open proposal blocks an import, published or not.
    let bobs = kb.revision(kb.bob, "van bob");
    let by = kb.by(kb.bob);
    s.propose_revision(created.practice_id, &bobs, by)
        .await
        .unwrap();
    let blocked = s.propose_and_publish(created.practice_id, &again, publish, kb.by(kb.editor));
    assert!(matches!(blocked.await, Err(StoreError::Conflict { .. })));
    let shown = s.published_practice("geimporteerd").await.unwrap().unwrap();
    assert_eq!(shown.revision.id, published, "unchanged");
}

async fn every_change_is_audited_with_ids_only(store: Arc<dyn Store>) {
    let kb = kb(store).await;
    let s = &kb.store;
    let start = kb.audit_count().await;
    let public = NewPractice {
        slug: "publieke-suggestie".into(),
        owner_user_id: None,
        contributor_org_id: None,
        revision: suggestion("publiek"),
        publish: None,
    };
    let anon = || kennisbank_event().by_label("anoniem");
    let created = s.create_practice(&public, anon()).await.unwrap();
    let id = created.revision_id;
    let by = kb.by(kb.editor);
    s.add_comment(id, kb.editor, "Commentaartekst", by)
        .await
        .unwrap();
    let reject = RevisionDecision::Reject {
        reason: "Redentekst dubbel".into(),
    };
    let by = kb.by(kb.editor);
    s.decide_revision(id, SUBMITTED, &reject, kb.editor, by)
        .await
        .unwrap();
    let published = kb.published("gepubliceerd", "2027-01-01").await;
    let by = kb.by(kb.editor);
    s.set_review_by(published.practice_id, date("2027-06-01"), kb.editor, by)
        .await
        .unwrap();
    let bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    let attachment = NewAttachment {
        practice_id: published.practice_id,
        revision_id: published.revision_id,
        filename: "bestandsnaam.png".into(),
        content_type: "image/png".into(),
        size_bytes: bytes.len() as i64,
        sha256: "ab".repeat(32),
        bytes,
        uploaded_by_user_id: Some(kb.editor),
    };
    let attachment_id = s
        .add_attachment(&attachment, kb.by(kb.editor))
        .await
        .unwrap();
    s.remove_attachment(attachment_id, kb.by(kb.editor))
        .await
        .unwrap();
    s.set_kb_synonyms("Synoniemtekst, ander", Some(kb.editor), kb.by(kb.editor))
        .await
        .unwrap();
    let edit = kb.revision(kb.alice, "bewerking");
    let by = kb.by(kb.alice);
    s.propose_revision(published.practice_id, &edit, by)
        .await
        .unwrap();
    // A rate-limit attempt is not an audited act.
    assert!(s
        .record_suggestion_attempt("client", Utc::now(), Duration::hours(1), 5)
        .await
        .unwrap());

    let entries = s.audit_page(0, 10_000).await.unwrap();
    assert_eq!(entries.len() - start, 9, "one entry per change");
    for entry in &entries[start..] {
        let text = serde_json::to_string(&entry.event).unwrap();
        for marker in MARKERS {
            assert!(!text.contains(marker), "{marker} in the audit log: {text}");
        }
        assert!(entry.event.object_id.is_some(), "{text}");
    }
    let decision = &entries[start + 2].event;
    let detail: serde_json::Value = serde_json::from_str(&decision.detail).unwrap();
    assert_eq!(detail["revision_id"], id);
    assert_eq!(detail["status"], REJECTED);
    assert_eq!(detail["reason_sha256"].as_str().unwrap().len(), 64);
    assert_eq!(
        decision.object_id.as_deref(),
        Some(&*created.practice_id.to_string())
    );
    assert_eq!(decision.actor_user_id, Some(kb.editor));
    assert!(vangnet_store::verify_audit(s.as_ref())
        .await
        .unwrap()
        .is_ok());
}

async fn published_practices_never_show_unpublished_content(store: Arc<dyn Store>) {
    let kb = kb(store).await;
    let s = &kb.store;
    let draft = kb.practice("alleen-concept", kb.alice, "concept");
    let draft = s.create_practice(&draft, kb.by(kb.alice)).await.unwrap();
    let rejected = kb.practice("afgewezen", kb.bob, "afgewezen");
    let rejected = s.create_practice(&rejected, kb.by(kb.bob)).await.unwrap();
    let reject = RevisionDecision::Reject {
        reason: "Redentekst".into(),
    };
    let by = kb.by(kb.editor);
    s.decide_revision(rejected.revision_id, SUBMITTED, &reject, kb.editor, by)
        .await
        .unwrap();
    let older = kb.published("ouder", "2027-01-01").await;
    let newer = kb.published("nieuwer", "2027-01-01").await;
    // An open edit of a published practice stays out of sight.
    let edit = kb.revision(kb.bob, "onzichtbare bewerking");
    let by = kb.by(kb.bob);
    s.propose_revision(older.practice_id, &edit, by)
        .await
        .unwrap();

    let all = s.published_practices().await.unwrap();
    let slugs: Vec<&str> = all.iter().map(|p| p.practice.slug.as_str()).collect();
    assert_eq!(slugs, ["nieuwer", "ouder"], "latest publication first");
    for shown in &all {
        assert_eq!(shown.revision.status, PUBLISHED);
        assert_eq!(
            shown.practice.published_revision_id,
            Some(shown.revision.id)
        );
        assert!(!shown.revision.content.title.contains("onzichtbare"));
    }
    assert_eq!(all[0].revision.id, newer.revision_id);
    assert!(s
        .published_practice("alleen-concept")
        .await
        .unwrap()
        .is_none());
    assert!(s.published_practice("afgewezen").await.unwrap().is_none());
    let history = s
        .practice_for_editor(draft.practice_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(history.revisions.len(), 1, "editors see drafts");
    assert_eq!(s.open_revisions().await.unwrap().len(), 2);
}

async fn concurrent_proposals_leave_one_open_revision(store: Arc<dyn Store>) {
    let kb = Arc::new(kb(store).await);
    let created = kb.published("gelijktijdig", "2027-06-01").await;
    let mut tasks = Vec::new();
    for i in 0..8 {
        let kb = kb.clone();
        tasks.push(tokio::spawn(async move {
            let author = if i % 2 == 0 { kb.alice } else { kb.bob };
            let revision = kb.revision(author, &format!("poging {i}"));
            let by = kb.by(author);
            let result = kb
                .store
                .propose_revision(created.practice_id, &revision, by);
            (author, result.await)
        }));
    }
    let mut succeeded = Vec::new();
    for task in tasks {
        match task.await.unwrap() {
            (author, Ok(_)) => succeeded.push(author),
            (_, Err(StoreError::Conflict { .. })) => {}
            (_, Err(other)) => panic!("{other:?}"),
        }
    }
    assert!(!succeeded.is_empty());
    assert!(
        succeeded.iter().all(|a| *a == succeeded[0]),
        "one author only"
    );
    let open = kb.store.open_revisions().await.unwrap();
    assert_eq!(open.len(), 1, "at most one open revision");
    assert_eq!(open[0].revision.author_user_id, Some(succeeded[0]));
}

async fn revision_content_cannot_be_changed(store: Arc<dyn Store>) {
    let kb = kb(store).await;
    let created = kb.published("vast", "2027-06-01").await;
    let id = created.revision_id;
    for column in [
        "title = 'anders'",
        "body_md = 'anders'",
        "content_hash = 'x'",
    ] {
        let sql = format!("UPDATE kb_revisions SET {column} WHERE id = {id}");
        let error = backends::raw_execute(&kb.store, &sql).await.unwrap_err();
        assert!(error.contains("never changed"), "{column}: {error}");
    }
    // A second open revision is refused by the database itself too.
    let number = "(SELECT MAX(number) + 1 FROM kb_revisions)";
    let open = |status: &str| {
        format!(
            "INSERT INTO kb_revisions (practice_id, number, title, summary, body_md, phases, \
             actors, content_hash, status, created_at) SELECT {}, {number}, 't', 's', 'b', \
             'horizon', 'rijk', '{}', '{status}', created_at FROM kb_revisions WHERE id = {id}",
            created.practice_id,
            "a".repeat(64)
        )
    };
    backends::raw_execute(&kb.store, &open(SUBMITTED))
        .await
        .unwrap();
    let error = backends::raw_execute(&kb.store, &open(CHANGES_REQUESTED))
        .await
        .unwrap_err();
    assert!(error.to_lowercase().contains("unique"), "{error}");
    let published = kb.store.published_practice("vast").await.unwrap().unwrap();
    assert_eq!(published.revision.id, id);
}
