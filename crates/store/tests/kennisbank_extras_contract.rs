//! The kennisbank's storage contract beside the workflow, on both
//! backends: attachments byte for byte, the synonym text, the public
//! form's rate limit (also under concurrent attempts) and the retention of
//! public suggesters' names and addresses.

use chrono::{Duration, Utc};
use std::sync::Arc;
use vangnet_store::kennisbank::*;
use vangnet_store::*;

#[macro_use]
mod backends;
use backends::kb_world::*;
use backends::world::date;

contract!(
    the_change_marker_moves_with_what_search_is_built_from,
    attachments_keep_their_bytes_exactly,
    synonyms_are_one_edited_text,
    the_public_form_is_rate_limited,
    suggesters_are_cleared_after_retention,
    concurrent_attempts_are_counted_one_by_one,
);

async fn attachments_keep_their_bytes_exactly(store: Arc<dyn Store>) {
    let kb = kb(store).await;
    let s = &kb.store;
    let created = kb.published("met-bijlage", "2027-06-01").await;
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend((0..=255u8).cycle().take(70_000));
    bytes.extend([0, 0, 0xff, 0xfe]);
    let sha = {
        use sha2::Digest;
        format!("{:x}", sha2::Sha256::digest(&bytes))
    };
    let new = NewAttachment {
        practice_id: created.practice_id,
        revision_id: created.revision_id,
        filename: "bestandsnaam.pdf".into(),
        content_type: "application/pdf".into(),
        size_bytes: bytes.len() as i64,
        sha256: sha.clone(),
        bytes: bytes.clone(),
        uploaded_by_user_id: Some(kb.editor),
    };
    let id = s.add_attachment(&new, kb.by(kb.editor)).await.unwrap();
    let listed = s.attachments(created.practice_id).await.unwrap();
    assert_eq!(listed.len(), 1);
    let meta = &listed[0];
    assert_eq!((meta.id, meta.revision_id), (id, created.revision_id));
    assert_eq!(meta.filename, "bestandsnaam.pdf");
    assert_eq!(
        (meta.size_bytes, meta.sha256.as_str()),
        (bytes.len() as i64, sha.as_str())
    );
    let (read_meta, read) = s.attachment(id).await.unwrap().unwrap();
    assert_eq!(&read_meta, meta);
    assert_eq!(read, bytes, "byte for byte");

    // Wrong size, type or revision are refused.
    let mut wrong = new.clone();
    wrong.size_bytes += 1;
    let error = s
        .add_attachment(&wrong, kb.by(kb.editor))
        .await
        .unwrap_err();
    assert!(matches!(error, StoreError::Invalid(_)), "{error:?}");
    let mut wrong = new.clone();
    wrong.content_type = "text/html".into();
    let error = s
        .add_attachment(&wrong, kb.by(kb.editor))
        .await
        .unwrap_err();
    assert!(matches!(error, StoreError::Invalid(_)), "{error:?}");
    let other = kb.published("andere", "2027-06-01").await;
    let mut wrong = new.clone();
    wrong.revision_id = other.revision_id;
    let error = s
        .add_attachment(&wrong, kb.by(kb.editor))
        .await
        .unwrap_err();
    assert!(matches!(error, StoreError::NotFound), "{error:?}");

    s.remove_attachment(id, kb.by(kb.editor)).await.unwrap();
    assert!(s.attachment(id).await.unwrap().is_none());
    assert!(s.attachments(created.practice_id).await.unwrap().is_empty());
    let again = s.remove_attachment(id, kb.by(kb.editor)).await;
    assert!(matches!(again, Err(StoreError::NotFound)));
}

async fn synonyms_are_one_edited_text(store: Arc<dyn Store>) {
    let kb = kb(store).await;
    let s = &kb.store;
    assert!(s.kb_synonyms().await.unwrap().is_none());
    let seed = "huurachterstand, betalingsachterstand\nSynoniemtekst, deurwaarder\n";
    s.set_kb_synonyms(seed, None, kb.by(kb.editor))
        .await
        .unwrap();
    let seeded = s.kb_synonyms().await.unwrap().unwrap();
    assert_eq!(
        (seeded.text.as_str(), seeded.updated_by_user_id),
        (seed, None)
    );
    let edited = "ontruiming, uitzetting";
    s.set_kb_synonyms(edited, Some(kb.editor), kb.by(kb.editor))
        .await
        .unwrap();
    let stored = s.kb_synonyms().await.unwrap().unwrap();
    assert_eq!(stored.text, edited);
    assert_eq!(stored.updated_by_user_id, Some(kb.editor));
    assert!(stored.updated_at >= seeded.updated_at);
}

async fn the_public_form_is_rate_limited(store: Arc<dyn Store>) {
    let kb = kb(store).await;
    let s = &kb.store;
    let hour = Duration::hours(1);
    let t0 = Utc::now();
    for minute in 0..5 {
        let at = t0 + Duration::minutes(minute);
        assert!(s
            .record_suggestion_attempt("client-a", at, hour, 5)
            .await
            .unwrap());
    }
    let at = t0 + Duration::minutes(10);
    assert!(!s
        .record_suggestion_attempt("client-a", at, hour, 5)
        .await
        .unwrap());
    assert!(!s
        .record_suggestion_attempt("client-a", at, hour, 5)
        .await
        .unwrap());
    // Another client is counted on its own.
    assert!(s
        .record_suggestion_attempt("client-b", at, hour, 5)
        .await
        .unwrap());
    // An hour after the first attempt, one slot is free again.
    let later = t0 + Duration::minutes(60) + Duration::seconds(1);
    assert!(s
        .record_suggestion_attempt("client-a", later, hour, 5)
        .await
        .unwrap());
    assert!(!s
        .record_suggestion_attempt("client-a", later, hour, 5)
        .await
        .unwrap());
    // Two hours on, everything has left the window.
    let much_later = t0 + Duration::hours(3);
    for _ in 0..5 {
        let allowed = s.record_suggestion_attempt("client-a", much_later, hour, 5);
        assert!(allowed.await.unwrap());
    }
}

async fn suggesters_are_cleared_after_retention(store: Arc<dyn Store>) {
    let kb = kb(store).await;
    let s = &kb.store;
    let mut ids = Vec::new();
    for slug in ["suggestie-een", "suggestie-twee", "suggestie-open"] {
        let new = NewPractice {
            slug: slug.into(),
            owner_user_id: None,
            contributor_org_id: None,
            revision: suggestion(slug),
            publish: None,
        };
        let anon = kennisbank_event().by_label("anoniem");
        ids.push(s.create_practice(&new, anon).await.unwrap().revision_id);
    }
    let reject = RevisionDecision::Reject {
        reason: "Redentekst".into(),
    };
    let by = kb.by(kb.editor);
    s.decide_revision(ids[0], SUBMITTED, &reject, kb.editor, by)
        .await
        .unwrap();
    let publish = RevisionDecision::Publish {
        review_by: date("2027-01-01"),
    };
    let by = kb.by(kb.editor);
    s.decide_revision(ids[1], SUBMITTED, &publish, kb.editor, by)
        .await
        .unwrap();
    let purge = || kennisbank_event().by_label("system");
    // Nothing is old enough yet.
    let a_year_ago = Utc::now() - Duration::days(365);
    assert_eq!(s.purge_kb_suggesters(a_year_ago, purge()).await.unwrap(), 0);
    let before = kb.audit_count().await;
    // Publishing a public suggestion makes the editor its owner.
    let owned = s
        .practice_by_slug_any("suggestie-twee")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(owned.owner_user_id, Some(kb.editor));
    let unowned = s
        .practice_by_slug_any("suggestie-open")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(unowned.owner_user_id, None);
    let cleared = s.purge_kb_suggesters(Utc::now() + Duration::seconds(1), purge());
    assert_eq!(cleared.await.unwrap(), 2, "decided ones only");
    assert_eq!(kb.audit_count().await, before + 1);
    for (id, kept) in [(ids[0], false), (ids[1], false), (ids[2], true)] {
        let revision = s.revision(id).await.unwrap().unwrap();
        assert_eq!(revision.suggester_email.is_some(), kept, "revision {id}");
        assert_eq!(revision.suggester_name.is_some(), kept, "revision {id}");
        assert!(
            revision.content.title.starts_with("Titeltekst"),
            "content stays"
        );
    }
    let again = s.purge_kb_suggesters(Utc::now() + Duration::seconds(1), purge());
    assert_eq!(again.await.unwrap(), 0, "idempotent");
}

async fn concurrent_attempts_are_counted_one_by_one(store: Arc<dyn Store>) {
    let at = Utc::now();
    let mut tasks = Vec::new();
    for _ in 0..12 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let attempt = store.record_suggestion_attempt("client", at, Duration::hours(1), 5);
            attempt.await.unwrap()
        }));
    }
    let mut allowed = 0;
    for task in tasks {
        allowed += usize::from(task.await.unwrap());
    }
    assert_eq!(allowed, 5);
}

async fn the_change_marker_moves_with_what_search_is_built_from(store: Arc<dyn Store>) {
    let kb = kb(store).await;
    let s = &kb.store;
    let empty = s.kb_change_marker().await.unwrap();
    assert_eq!(s.kb_change_marker().await.unwrap(), empty, "stable");
    let draft = kb.practice("markering", kb.alice, "markering");
    let created = s.create_practice(&draft, kb.by(kb.alice)).await.unwrap();
    let submitted = s.kb_change_marker().await.unwrap();
    assert_ne!(submitted, empty, "a new revision");
    let publish = RevisionDecision::Publish {
        review_by: date("2027-11-22"),
    };
    s.decide_revision(
        created.revision_id,
        "submitted",
        &publish,
        kb.editor,
        kb.by(kb.editor),
    )
    .await
    .unwrap();
    let published = s.kb_change_marker().await.unwrap();
    assert_ne!(published, submitted, "a decision");
    s.set_kb_synonyms("huis, woning", Some(kb.editor), kb.by(kb.editor))
        .await
        .unwrap();
    assert_ne!(
        s.kb_change_marker().await.unwrap(),
        published,
        "the synonyms"
    );
}
