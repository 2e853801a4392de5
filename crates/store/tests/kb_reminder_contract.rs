//! Review reminders, on both backends: one per review-by date for each
//! published practice past it whose owner is active, most overdue first;
//! a new date from an editor starts a new one; a second mark (another node)
//! is refused without an audit entry.

use std::sync::Arc;
use vangnet_store::*;

#[macro_use]
mod backends;
use backends::kb_world::*;
use backends::world::date;

contract!(one_reminder_per_review_by_date);

async fn one_reminder_per_review_by_date(store: Arc<dyn Store>) {
    let kb = kb(store).await;
    let s = &kb.store;
    let later = kb.published("later-overdue", "2026-10-01").await;
    let earlier = kb.published("eerder-overdue", "2026-03-01").await;
    kb.published("nog-niet", "2027-03-01").await;
    let draft = kb.practice("concept", kb.alice, "concept");
    s.create_practice(&draft, kb.by(kb.alice)).await.unwrap();

    let today = date("2026-11-22");
    let due = s.reviews_to_remind(today, 10).await.unwrap();
    let ids: Vec<i64> = due.iter().map(|r| r.practice_id).collect();
    assert_eq!(ids, [earlier.practice_id, later.practice_id]);
    assert_eq!(due[0].owner_email, "alice@den-haag.example");
    assert_eq!(due[0].review_by, date("2026-03-01"));
    assert!(due[0].title.contains("eerder-overdue"));
    assert_eq!(
        s.reviews_to_remind(today, 1).await.unwrap().len(),
        1,
        "limit"
    );

    let before = s.audit_page(0, 10_000).await.unwrap().len();
    let audit = kb.by(kb.editor);
    assert!(s
        .mark_review_reminded(earlier.practice_id, date("2026-03-01"), audit.clone())
        .await
        .unwrap());
    assert!(
        !s.mark_review_reminded(earlier.practice_id, date("2026-03-01"), audit)
            .await
            .unwrap(),
        "already reminded"
    );
    assert_eq!(s.audit_page(0, 10_000).await.unwrap().len(), before + 1);
    let due = s.reviews_to_remind(today, 10).await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].practice_id, later.practice_id);

    // The editor sets a new date; once that passes, a new reminder is due.
    s.set_review_by(
        earlier.practice_id,
        date("2026-11-01"),
        kb.editor,
        kb.by(kb.editor),
    )
    .await
    .unwrap();
    let due = s.reviews_to_remind(today, 10).await.unwrap();
    assert_eq!(due.len(), 2);
    assert_eq!(due[0].review_by, date("2026-10-01"));
    assert_eq!(due[1].review_by, date("2026-11-01"));

    // A disabled owner gets nothing.
    s.set_user_disabled(kb.alice, true, kb.by(kb.editor))
        .await
        .unwrap();
    assert!(s.reviews_to_remind(today, 10).await.unwrap().is_empty());
}
