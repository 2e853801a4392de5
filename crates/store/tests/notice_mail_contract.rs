//! The outbox of the gemeente's e-mail about an art. 14 notice, on both
//! backends: a melding queues its mail, a sent mail leaves the queue once
//! (audited with ids only), failures are counted until the notice gives
//! up, and old notices are never mailed.

use chrono::{Duration, Utc};
use std::sync::Arc;
use vangnet_domain::audit::AuditEvent;
use vangnet_store::tenancy::notice_mail::{MAIL_WINDOW_DAYS, MAX_MAIL_ATTEMPTS};
use vangnet_store::tenancy::*;
use vangnet_store::*;

#[macro_use]
mod backends;
use backends::tenancy_world::*;
use backends::world::date;

contract!(
    a_melding_waits_for_its_mail_until_it_is_sent,
    failures_are_counted_until_the_notice_gives_up,
    old_notices_are_not_mailed,
);

fn mailed_event(gemeente: i64) -> AuditEvent {
    AuditEvent::new("eviction_notice.mailed", "eviction_notice", None).in_org(Some(gemeente))
}

/// Two tenancies with a melding each; their notice ids, oldest first.
async fn two_meldingen(t: &Track) -> Vec<i64> {
    let mut ids = Vec::new();
    for (reference, postcode) in [("H-1", "2511AB"), ("H-2", "2512CD")] {
        let id = stored(t, tenancy(reference, postcode, Some(t.w.haag))).await;
        let melding = aimed_at(MELDING_KIND, "2026-03-02", "2026-04-15");
        let recorded = record(t, id, &melding).await.unwrap();
        ids.push(recorded.notice.unwrap().notice_id);
    }
    ids
}

async fn a_melding_waits_for_its_mail_until_it_is_sent(store: Arc<dyn Store>) {
    let t = track(store).await;
    let s = &t.w.store;
    assert!(s.notices_to_mail(Utc::now(), 10).await.unwrap().is_empty());
    let ids = two_meldingen(&t).await;
    let due = s.notices_to_mail(Utc::now(), 10).await.unwrap();
    assert_eq!(
        due.iter().map(|n| n.notice_id).collect::<Vec<_>>(),
        ids,
        "oldest first"
    );
    assert_eq!(
        due[0],
        NoticeToMail {
            notice_id: ids[0],
            gemeente_org_id: t.w.haag,
            notified_on: date("2026-03-02"),
            intended_date: date("2026-04-15"),
            planned_date: None,
            mail_attempts: 0,
        }
    );
    assert_eq!(s.notices_to_mail(Utc::now(), 1).await.unwrap().len(), 1);

    let sent = s
        .mark_notice_mailed(ids[0], Utc::now(), 3, mailed_event(t.w.haag))
        .await
        .unwrap();
    assert!(sent);
    let due = s.notices_to_mail(Utc::now(), 10).await.unwrap();
    assert_eq!(
        due.iter().map(|n| n.notice_id).collect::<Vec<_>>(),
        [ids[1]]
    );
    let audit = s.list_audit(OrgScope::All, None, 1).await.unwrap();
    let entry = &audit[0];
    assert_eq!(
        (
            entry.event.action.as_str(),
            entry.event.object_id.as_deref(),
            entry.event.org_id,
        ),
        (
            "eviction_notice.mailed",
            Some(ids[0].to_string().as_str()),
            Some(t.w.haag)
        )
    );
    assert_eq!(entry.event.detail, r#"{"recipients":3}"#);

    // A second node that sent it too is told so, and nothing is audited.
    let again = s
        .mark_notice_mailed(ids[0], Utc::now(), 3, mailed_event(t.w.haag))
        .await
        .unwrap();
    assert!(!again);
    let audit = s.list_audit(OrgScope::All, None, 1).await.unwrap();
    assert_eq!(audit[0].seq, entry.seq);
    // A late failure report does not bring a sent notice back.
    s.mark_notice_mail_failed(ids[0], "QUIT: 421")
        .await
        .unwrap();
    let due = s.notices_to_mail(Utc::now(), 10).await.unwrap();
    assert_eq!(
        due.iter().map(|n| n.notice_id).collect::<Vec<_>>(),
        [ids[1]]
    );
    verify_audit(s.as_ref()).await.unwrap().unwrap();
}

async fn failures_are_counted_until_the_notice_gives_up(store: Arc<dyn Store>) {
    let t = track(store).await;
    let s = &t.w.store;
    let ids = two_meldingen(&t).await;
    for attempt in 1..MAX_MAIL_ATTEMPTS {
        s.mark_notice_mail_failed(ids[0], "RCPT TO: 451")
            .await
            .unwrap();
        let due = s.notices_to_mail(Utc::now(), 10).await.unwrap();
        assert_eq!(due[0].notice_id, ids[0]);
        assert_eq!(due[0].mail_attempts, attempt);
    }
    s.mark_notice_mail_failed(ids[0], "RCPT TO: 451")
        .await
        .unwrap();
    let due = s.notices_to_mail(Utc::now(), 10).await.unwrap();
    assert_eq!(
        due.iter().map(|n| n.notice_id).collect::<Vec<_>>(),
        [ids[1]]
    );
    // A mail that went through after failures is no longer due either.
    s.mark_notice_mail_failed(ids[1], "verbinden mislukt")
        .await
        .unwrap();
    assert!(s
        .mark_notice_mailed(ids[1], Utc::now(), 1, mailed_event(t.w.haag))
        .await
        .unwrap());
    assert!(s.notices_to_mail(Utc::now(), 10).await.unwrap().is_empty());
}

async fn old_notices_are_not_mailed(store: Arc<dyn Store>) {
    let t = track(store).await;
    let s = &t.w.store;
    let ids = two_meldingen(&t).await;
    let inside = Utc::now() + Duration::days(MAIL_WINDOW_DAYS) - Duration::hours(1);
    assert_eq!(
        s.notices_to_mail(inside, 10).await.unwrap().len(),
        ids.len()
    );
    let later = Utc::now() + Duration::days(MAIL_WINDOW_DAYS) + Duration::hours(1);
    assert!(s.notices_to_mail(later, 10).await.unwrap().is_empty());
}
