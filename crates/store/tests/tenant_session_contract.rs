//! The tenant's sessions on both backends: a session opens only its own
//! link and ends when it expires or is ended; a form's nonce is claimed
//! once (a repeat says what the first led to), can be given back, and
//! dies with its session; expired sessions are purged.

use chrono::Duration;
use std::sync::Arc;
use vangnet_store::tenant_channel::*;
use vangnet_store::*;

#[macro_use]
mod backends;
use backends::channel_world::*;

contract!(
    a_session_opens_only_its_own_link_until_it_ends,
    a_nonce_is_claimed_once_per_session,
);

fn cookie(n: u8) -> String {
    format!("{n:064x}")
}

async fn a_session_opens_only_its_own_link_until_it_ends(store: Arc<dyn Store>) {
    let c = channel(store).await;
    let s = c.store();
    let at = now();
    let mine = c.link(1, at - Duration::days(1), 60).await;
    let other = c.link(2, at - Duration::days(1), 60).await;
    let until = at + Duration::minutes(20);
    s.start_tenant_session(&cookie(1), mine.id, until)
        .await
        .unwrap();
    let found = s.tenant_session_link(&cookie(1), &hash(1), at).await;
    assert_eq!(found.unwrap(), Some(mine.id));
    // Another link's token, an unknown cookie, after the end: nothing.
    let wrong_link = s.tenant_session_link(&cookie(1), &hash(2), at).await;
    assert_eq!(wrong_link.unwrap(), None);
    let unknown = s.tenant_session_link(&cookie(9), &hash(1), at).await;
    assert_eq!(unknown.unwrap(), None);
    let later = s.tenant_session_link(&cookie(1), &hash(1), until).await;
    assert_eq!(later.unwrap(), None);

    // Ending removes it; the purge removes the expired ones only.
    s.start_tenant_session(&cookie(2), other.id, until)
        .await
        .unwrap();
    s.start_tenant_session(&cookie(3), other.id, at + Duration::hours(2))
        .await
        .unwrap();
    s.end_tenant_session(&cookie(2)).await.unwrap();
    let ended = s.tenant_session_link(&cookie(2), &hash(2), at).await;
    assert_eq!(ended.unwrap(), None);
    let removed = s
        .purge_expired(until + Duration::seconds(1), Duration::hours(8))
        .await
        .unwrap();
    assert!(removed >= 1, "{removed}");
    let kept = s.tenant_session_link(&cookie(3), &hash(2), until).await;
    assert_eq!(kept.unwrap(), Some(other.id));
}

async fn a_nonce_is_claimed_once_per_session(store: Arc<dyn Store>) {
    let c = channel(store).await;
    let s = c.store();
    let at = now();
    let link = c.link(1, at - Duration::days(1), 60).await;
    s.start_tenant_session(&cookie(1), link.id, at + Duration::minutes(20))
        .await
        .unwrap();
    let claim = |nonce: &'static str, done: &'static str| {
        let s = s.clone();
        async move {
            s.claim_tenant_nonce(&cookie(1), nonce, done, at)
                .await
                .unwrap()
        }
    };
    assert_eq!(claim("n1", "regeling").await, NonceClaim::Fresh);
    assert_eq!(
        claim("n1", "bezwaar").await,
        NonceClaim::Repeated("regeling".into())
    );
    assert_eq!(claim("n2", "bezwaar").await, NonceClaim::Fresh);
    s.settle_tenant_nonce(&cookie(1), "n2", "hulp_later")
        .await
        .unwrap();
    assert_eq!(
        claim("n2", "hulp").await,
        NonceClaim::Repeated("hulp_later".into())
    );
    s.release_tenant_nonce(&cookie(1), "n1").await.unwrap();
    assert_eq!(claim("n1", "situatie").await, NonceClaim::Fresh);
    // Another session's nonce of the same value is its own.
    s.start_tenant_session(&cookie(2), link.id, at + Duration::minutes(20))
        .await
        .unwrap();
    let theirs = s.claim_tenant_nonce(&cookie(2), "n1", "hulp", at).await;
    assert_eq!(theirs.unwrap(), NonceClaim::Fresh);
    // No session, or an ended one: nothing is claimed.
    let none = s.claim_tenant_nonce(&cookie(9), "n3", "hulp", at).await;
    assert_eq!(none.unwrap(), NonceClaim::NoSession);
    s.end_tenant_session(&cookie(1)).await.unwrap();
    assert_eq!(claim("n1", "hulp").await, NonceClaim::NoSession);
    // A session sends at most MAX_NONCES forms.
    use vangnet_store::tenant_channel::sessions::MAX_NONCES;
    for n in 0..MAX_NONCES {
        let nonce = format!("many-{n}");
        let claimed = s.claim_tenant_nonce(&cookie(2), &nonce, "hulp", at).await;
        let expected = if n < MAX_NONCES - 1 {
            NonceClaim::Fresh
        } else {
            NonceClaim::NoSession
        };
        assert_eq!(claimed.unwrap(), expected, "{nonce}");
    }
    let expired = at + Duration::minutes(21);
    let late = s
        .claim_tenant_nonce(&cookie(2), "n4", "hulp", expired)
        .await;
    assert_eq!(late.unwrap(), NonceClaim::NoSession);
}
