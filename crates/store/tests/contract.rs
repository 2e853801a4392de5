//! The storage contract. Every test here runs twice: once on SQLite and once
//! on PostgreSQL (`VANGNET_TEST_POSTGRES_URL`, started by `./scripts/test`).
//! The test names show which backend ran: `sqlite::…` and `postgres::…`.

use chrono::{Duration, Utc};
use std::sync::Arc;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::org::NewOrg;
use vangnet_domain::org::OrgKind;
use vangnet_domain::scope::Scope;
use vangnet_domain::user::NewUser;
use vangnet_store::*;

#[macro_use]
mod backends;

contract!(
    migrations_run_once_and_say_which,
    organisations_are_unique_by_code_and_scoped,
    users_are_unique_by_email_and_scoped_to_their_organisation,
    a_failed_write_leaves_no_audit_entry,
    sessions_expire_when_idle_or_old,
    disabling_a_user_ends_their_sessions,
    tokens_are_found_by_hash_only_while_not_revoked,
    login_failures_are_counted_per_account_and_per_address,
    every_write_is_audited_and_the_chain_verifies,
    audit_log_rejects_updates_and_deletes,
    parallel_writers_keep_one_unbroken_chain,
);

fn cli() -> AuditEvent {
    AuditEvent::new("test", "test", None).by_label("cli")
}

async fn org(store: &Arc<dyn Store>, code: &str, kind: &str) -> Org {
    let (gc, pcs) = if kind == "gemeente" {
        (Some("0518"), Some("2490-2599"))
    } else {
        (None, None)
    };
    let new = NewOrg::parse(code, &format!("Organisatie {code}"), kind, gc, pcs).unwrap();
    store.create_org(&new, cli()).await.unwrap()
}

async fn user(store: &Arc<dyn Store>, org: &Org, email: &str) -> User {
    let new = NewUser::parse(email, "Ina Jansen", "medewerker", org.kind).unwrap();
    store
        .create_user(org.id, &new, "$argon2id$fake", cli())
        .await
        .unwrap()
}

async fn audit_count(store: &Arc<dyn Store>) -> u64 {
    verify_audit(&**store).await.unwrap().unwrap()
}

async fn migrations_run_once_and_say_which(store: Arc<dyn Store>) {
    // The fixture migrated already; a second run has nothing to do.
    assert_eq!(store.migrate().await.unwrap(), Vec::<String>::new());
    store.ping().await.unwrap();
}

async fn organisations_are_unique_by_code_and_scoped(store: Arc<dyn Store>) {
    let haag = org(&store, "den-haag", "gemeente").await;
    let corp = org(&store, "woonstad", "verhuurder").await;
    assert_eq!(haag.kind, OrgKind::Gemeente);
    assert_eq!(haag.gemeentecode.as_deref(), Some("0518"));
    assert!(haag.postcodes.contains(2500));
    assert_eq!(
        store.org_by_code("den-haag").await.unwrap(),
        Some(haag.clone())
    );
    assert_eq!(store.org_by_id(corp.id).await.unwrap(), Some(corp.clone()));
    assert_eq!(store.org_by_code("bestaat-niet").await.unwrap(), None);

    let all = store.list_orgs(OrgScope::All).await.unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(
        store.list_orgs(OrgScope::Only(corp.id)).await.unwrap(),
        vec![corp]
    );

    let again = NewOrg::parse("den-haag", "Nog eens", "verhuurder", None, None).unwrap();
    match store.create_org(&again, cli()).await {
        Err(StoreError::Conflict { field, .. }) => assert_eq!(field, "code"),
        other => panic!("expected a conflict on code, got {other:?}"),
    }
}

async fn users_are_unique_by_email_and_scoped_to_their_organisation(store: Arc<dyn Store>) {
    let a = org(&store, "org-a", "gemeente").await;
    let b = org(&store, "org-b", "verhuurder").await;
    let ina = user(&store, &a, "ina@a.example").await;
    let _bob = user(&store, &b, "bob@b.example").await;

    assert_eq!(
        store.user_in_org(a.id, ina.id).await.unwrap(),
        Some(ina.clone())
    );
    assert_eq!(store.user_in_org(b.id, ina.id).await.unwrap(), None);
    assert_eq!(
        store.list_users(OrgScope::Only(a.id)).await.unwrap(),
        vec![ina.clone()]
    );
    assert_eq!(store.list_users(OrgScope::All).await.unwrap().len(), 2);
    assert_eq!(
        store.user_by_email("ina@a.example").await.unwrap(),
        Some(ina.clone())
    );

    store
        .set_password(ina.id, "$argon2id$new", cli())
        .await
        .unwrap();
    assert_eq!(
        store.password_hash(ina.id).await.unwrap().as_deref(),
        Some("$argon2id$new")
    );

    let dup = NewUser::parse("ina@a.example", "Ander", "medewerker", b.kind).unwrap();
    match store.create_user(b.id, &dup, "x", cli()).await {
        Err(StoreError::Conflict { field, .. }) => assert_eq!(field, "email"),
        other => panic!("expected a conflict on email, got {other:?}"),
    }
    assert!(matches!(
        store.set_password(999_999, "x", cli()).await,
        Err(StoreError::NotFound)
    ));
}

async fn a_failed_write_leaves_no_audit_entry(store: Arc<dyn Store>) {
    let a = org(&store, "org-a", "gemeente").await;
    user(&store, &a, "ina@a.example").await;
    let before = audit_count(&store).await;
    let dup = NewUser::parse("ina@a.example", "Ander", "medewerker", a.kind).unwrap();
    assert!(store.create_user(a.id, &dup, "x", cli()).await.is_err());
    assert_eq!(audit_count(&store).await, before);
}

async fn sessions_expire_when_idle_or_old(store: Arc<dyn Store>) {
    let a = org(&store, "org-a", "gemeente").await;
    let ina = user(&store, &a, "ina@a.example").await;
    let now = Utc::now();
    let idle = Duration::minutes(30);
    let session = NewSession {
        token_hash: "hash-1".into(),
        user_id: ina.id,
        org_id: a.id,
        created_at: now,
        expires_at: now + Duration::hours(8),
    };
    store.create_session(&session, cli()).await.unwrap();

    let live = store
        .active_session("hash-1", now, idle)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(live.user.id, ina.id);
    assert_eq!(live.org.id, a.id);
    assert!(live.user.last_login_at.is_some());
    assert!(store
        .active_session("other", now, idle)
        .await
        .unwrap()
        .is_none());
    // Used 20 minutes later: still alive, and that use counts as activity.
    let later = now + Duration::minutes(20);
    assert!(store
        .active_session("hash-1", later, idle)
        .await
        .unwrap()
        .is_some());
    assert!(store
        .active_session("hash-1", later + Duration::minutes(25), idle)
        .await
        .unwrap()
        .is_some());
    // Idle for longer than the limit.
    let idle_out = later + Duration::minutes(25) + Duration::minutes(31);
    assert!(store
        .active_session("hash-1", idle_out, idle)
        .await
        .unwrap()
        .is_none());
    // Past the absolute expiry, however active.
    let long = Duration::days(1);
    assert!(store
        .active_session("hash-1", now + Duration::hours(9), long)
        .await
        .unwrap()
        .is_none());

    assert!(
        store
            .purge_expired(now + Duration::hours(9), idle)
            .await
            .unwrap()
            >= 1
    );
    assert!(store
        .active_session("hash-1", now, long)
        .await
        .unwrap()
        .is_none());

    let second = NewSession {
        token_hash: "hash-2".into(),
        ..session
    };
    store.create_session(&second, cli()).await.unwrap();
    store.delete_session("hash-2", cli()).await.unwrap();
    assert!(store
        .active_session("hash-2", now, idle)
        .await
        .unwrap()
        .is_none());
}

async fn disabling_a_user_ends_their_sessions(store: Arc<dyn Store>) {
    let a = org(&store, "org-a", "gemeente").await;
    let ina = user(&store, &a, "ina@a.example").await;
    let now = Utc::now();
    let session = NewSession {
        token_hash: "hash-1".into(),
        user_id: ina.id,
        org_id: a.id,
        created_at: now,
        expires_at: now + Duration::hours(8),
    };
    store.create_session(&session, cli()).await.unwrap();
    store
        .set_password(ina.id, "$argon2id$new", cli())
        .await
        .unwrap();
    assert!(
        store
            .active_session("hash-1", now, Duration::hours(1))
            .await
            .unwrap()
            .is_none(),
        "a new password ends the sessions"
    );
    store.create_session(&session, cli()).await.unwrap();
    store.set_user_disabled(ina.id, true, cli()).await.unwrap();
    assert!(store
        .active_session("hash-1", now, Duration::hours(1))
        .await
        .unwrap()
        .is_none());
    assert!(
        store
            .user_in_org(a.id, ina.id)
            .await
            .unwrap()
            .unwrap()
            .disabled
    );
    store.set_user_disabled(ina.id, false, cli()).await.unwrap();
    assert!(
        !store
            .user_in_org(a.id, ina.id)
            .await
            .unwrap()
            .unwrap()
            .disabled
    );
}

async fn tokens_are_found_by_hash_only_while_not_revoked(store: Arc<dyn Store>) {
    let corp = org(&store, "woonstad", "verhuurder").await;
    let token = NewToken {
        org_id: corp.id,
        name: "boekhouding".into(),
        token_hash: "token-hash".into(),
        scopes: vec![Scope::OrgRead, Scope::UsersRead],
        created_at: Utc::now(),
    };
    let created = store.create_token(&token, cli()).await.unwrap();
    assert_eq!(created.scopes, vec![Scope::OrgRead, Scope::UsersRead]);
    assert_eq!(created.org_kind, OrgKind::Verhuurder);
    assert!(created.last_used_at.is_none());

    let used = store
        .use_token("token-hash", Utc::now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(used.id, created.id);
    assert!(used.last_used_at.is_some());
    assert!(store
        .use_token("wrong", Utc::now())
        .await
        .unwrap()
        .is_none());
    assert_eq!(store.list_tokens(corp.id).await.unwrap().len(), 1);

    match store
        .create_token(
            &NewToken {
                token_hash: "other".into(),
                ..token
            },
            cli(),
        )
        .await
    {
        Err(StoreError::Conflict { field, .. }) => assert_eq!(field, "name"),
        other => panic!("expected a conflict on name, got {other:?}"),
    }
}

async fn login_failures_are_counted_per_account_and_per_address(store: Arc<dyn Store>) {
    let now = Utc::now();
    for (account, ip) in [("acc-1", "ip-1"), ("acc-1", "ip-2"), ("acc-2", "ip-1")] {
        let failure = LoginFailure {
            at: now,
            account_key: account.into(),
            ip_key: ip.into(),
        };
        store.record_login_failure(&failure).await.unwrap();
    }
    let since = now - Duration::minutes(15);
    let counts = store
        .count_login_failures("acc-1", "ip-1", since)
        .await
        .unwrap();
    assert_eq!(counts, LoginFailureCounts { account: 2, ip: 2 });
    let later = store
        .count_login_failures("acc-1", "ip-1", now + Duration::seconds(1))
        .await
        .unwrap();
    assert_eq!(later, LoginFailureCounts::default());
    store.clear_login_failures("acc-1").await.unwrap();
    let cleared = store
        .count_login_failures("acc-1", "ip-1", since)
        .await
        .unwrap();
    assert_eq!(cleared, LoginFailureCounts { account: 0, ip: 1 });
}

async fn every_write_is_audited_and_the_chain_verifies(store: Arc<dyn Store>) {
    let a = org(&store, "org-a", "gemeente").await;
    let b = org(&store, "org-b", "verhuurder").await;
    let ina = user(&store, &a, "ina@a.example").await;
    store
        .append_audit(
            AuditEvent::new("login.success", "user", Some(ina.id.to_string()))
                .by_user(ina.id, a.id),
        )
        .await
        .unwrap();
    assert_eq!(audit_count(&store).await, 4);

    let own = store
        .list_audit(OrgScope::Only(a.id), None, 50)
        .await
        .unwrap();
    assert_eq!(
        own.len(),
        3,
        "org creation, user creation and login of org a"
    );
    assert!(own.iter().all(|e| e.event.org_id == Some(a.id)));
    assert_eq!(own[0].event.action, "login.success", "newest first");
    let b_only = store
        .list_audit(OrgScope::Only(b.id), None, 50)
        .await
        .unwrap();
    assert_eq!(b_only.len(), 1);
    let paged = store
        .list_audit(OrgScope::All, Some(own[0].seq), 2)
        .await
        .unwrap();
    assert_eq!(paged.len(), 2);
    assert!(paged.iter().all(|e| e.seq < own[0].seq));
}

async fn audit_log_rejects_updates_and_deletes(store: Arc<dyn Store>) {
    org(&store, "org-a", "gemeente").await;
    backends::expect_append_only(&store).await;
    assert_eq!(audit_count(&store).await, 1);
}

async fn parallel_writers_keep_one_unbroken_chain(store: Arc<dyn Store>) {
    let corp = org(&store, "woonstad", "verhuurder").await;
    let mut tasks = Vec::new();
    for worker in 0..8 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..25 {
                let event = AuditEvent::new("test.write", "test", Some(format!("{worker}-{i}")))
                    .in_org(Some(corp.id));
                store.append_audit(event).await.expect("no write may fail");
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    assert_eq!(audit_count(&store).await, 1 + 8 * 25);
}

/// Someone with raw database access edits a row behind the triggers' back;
/// `verify_audit` must name the entry.
#[tokio::test]
async fn sqlite_tampering_is_detected() {
    let (store, _dir) = backends::sqlite_concrete().await;
    let dyn_store: Arc<dyn Store> = store.clone();
    org(&dyn_store, "org-a", "gemeente").await;
    org(&dyn_store, "org-b", "gemeente").await;
    assert_eq!(audit_count(&dyn_store).await, 2);
    sqlx::query("DROP TRIGGER audit_log_no_update")
        .execute(store.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE audit_log SET action = 'org.delete' WHERE seq = 2")
        .execute(store.pool())
        .await
        .unwrap();
    let broken = verify_audit(&*dyn_store).await.unwrap().unwrap_err();
    assert_eq!(broken.seq, 2);
}

#[tokio::test]
async fn postgres_tampering_is_detected() {
    let Some(store) = backends::postgres_concrete().await else {
        return;
    };
    let dyn_store: Arc<dyn Store> = store.clone();
    org(&dyn_store, "org-a", "gemeente").await;
    org(&dyn_store, "org-b", "gemeente").await;
    org(&dyn_store, "org-c", "gemeente").await;
    sqlx::query("ALTER TABLE audit_log DISABLE TRIGGER USER")
        .execute(store.pool())
        .await
        .unwrap();
    sqlx::query("DELETE FROM audit_log WHERE seq = 2")
        .execute(store.pool())
        .await
        .unwrap();
    let broken = verify_audit(&*dyn_store).await.unwrap().unwrap_err();
    assert_eq!(broken.seq, 3);
}

#[tokio::test]
async fn sqlite_two_processes_writing_at_once_never_see_locked() {
    // Two independent pools on one file behave like two processes.
    let (first, dir) = backends::sqlite_concrete().await;
    let second: Arc<dyn Store> = Arc::new(
        SqliteStore::open(first.path().to_str().unwrap())
            .await
            .unwrap(),
    );
    let first: Arc<dyn Store> = first;
    let mut tasks = Vec::new();
    for (n, store) in [first.clone(), second.clone()].into_iter().enumerate() {
        for worker in 0..4 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                for i in 0..25 {
                    let new = NewOrg::parse(
                        &format!("org-{n}-{worker}-{i}"),
                        "Naam",
                        "verhuurder",
                        None,
                        None,
                    )
                    .unwrap();
                    store
                        .create_org(&new, cli())
                        .await
                        .expect("no 'database is locked'");
                }
            }));
        }
    }
    for task in tasks {
        task.await.unwrap();
    }
    assert_eq!(audit_count(&first).await, 200);
    drop(dir);
}

#[tokio::test]
async fn sqlite_backup_is_a_consistent_copy() {
    let (store, dir) = backends::sqlite_concrete().await;
    let dyn_store: Arc<dyn Store> = store.clone();
    org(&dyn_store, "org-a", "gemeente").await;
    let target = dir.path().join("backup.db");
    dyn_store.backup_to(&target).await.unwrap();
    assert!(matches!(
        dyn_store.backup_to(&target).await,
        Err(StoreError::Conflict { .. })
    ));
    let copy: Arc<dyn Store> = Arc::new(SqliteStore::open(target.to_str().unwrap()).await.unwrap());
    assert_eq!(copy.list_orgs(OrgScope::All).await.unwrap().len(), 1);
    assert_eq!(audit_count(&copy).await, 1);
}
