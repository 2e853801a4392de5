//! Fresh, migrated databases for each test: a temporary SQLite file, or a
//! new database in the PostgreSQL cluster named by
//! `VANGNET_TEST_POSTGRES_URL`.
#![allow(dead_code)]

pub mod channel_world;
pub mod kb_world;
pub mod stats_world;
pub mod tenancy_world;
pub mod world;

use std::sync::Arc;
use vangnet_store::{PgStore, SqliteStore, Store};

pub async fn sqlite_concrete() -> (Arc<SqliteStore>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("test.db");
    let store = SqliteStore::open(path.to_str().unwrap()).await.unwrap();
    assert_eq!(store.migrate().await.unwrap()[0], "0001_foundation");
    (Arc::new(store), dir)
}

pub async fn sqlite() -> (Arc<dyn Store>, tempfile::TempDir) {
    let (store, dir) = sqlite_concrete().await;
    (store, dir)
}

/// None (with a note) when no PostgreSQL was provided, unless the run
/// demands every backend (`VANGNET_TEST_REQUIRE_ALL=1`, set by `./scripts/test`).
pub async fn postgres_concrete() -> Option<Arc<PgStore>> {
    let Ok(admin_url) = std::env::var("VANGNET_TEST_POSTGRES_URL") else {
        if std::env::var_os("VANGNET_TEST_REQUIRE_ALL").is_some() {
            panic!("VANGNET_TEST_POSTGRES_URL is not set; run ./scripts/test");
        }
        eprintln!("SKIPPED: no PostgreSQL (VANGNET_TEST_POSTGRES_URL); run ./scripts/test");
        return None;
    };
    let mut bytes = [0u8; 8];
    getrandom::getrandom(&mut bytes).unwrap();
    let name = format!("vangnet_test_{}", hex::encode(bytes));
    let admin = PgStore::connect(&admin_url)
        .await
        .expect("connect to the test cluster");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(admin.pool())
        .await
        .unwrap();
    admin.pool().close().await;
    let (base, _) = admin_url
        .rsplit_once('/')
        .expect("URL with a database name");
    let store = PgStore::connect(&format!("{base}/{name}")).await.unwrap();
    assert_eq!(store.migrate().await.unwrap()[0], "0001_foundation");
    Some(Arc::new(store))
}

pub async fn postgres() -> Option<Arc<dyn Store>> {
    postgres_concrete().await.map(|s| s as Arc<dyn Store>)
}

/// Tries to change and delete audit rows through the normal connection.
pub async fn expect_append_only(store: &Arc<dyn Store>) {
    let attempts = ["UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"];
    for sql in attempts {
        let result = match store.backend() {
            "sqlite" => {
                let any = store_as_sqlite(store);
                sqlx::query(sql).execute(any.pool()).await.map(|_| ())
            }
            _ => {
                let pg = store_as_pg(store);
                sqlx::query(sql).execute(pg.pool()).await.map(|_| ())
            }
        };
        let error = result.expect_err(sql).to_string();
        assert!(error.contains("append-only"), "{sql}: {error}");
    }
}

/// Runs a statement through the raw pool, as someone with database access
/// would; the error's text when the database refuses it.
pub async fn raw_execute(store: &Arc<dyn Store>, sql: &str) -> Result<u64, String> {
    let result = match store.backend() {
        "sqlite" => sqlx::query(sql)
            .execute(store_as_sqlite(store).pool())
            .await
            .map(|r| r.rows_affected()),
        _ => sqlx::query(sql)
            .execute(store_as_pg(store).pool())
            .await
            .map(|r| r.rows_affected()),
    };
    result.map_err(|e| e.to_string())
}

fn store_as_sqlite(store: &Arc<dyn Store>) -> &SqliteStore {
    store.as_any().downcast_ref().expect("an SQLite store")
}

fn store_as_pg(store: &Arc<dyn Store>) -> &PgStore {
    store.as_any().downcast_ref().expect("a PostgreSQL store")
}

/// Generates each listed test twice, as `sqlite::NAME` and
/// `postgres::NAME`, each with a fresh migrated database.
macro_rules! contract {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let (store, _dir) = crate::backends::sqlite().await;
                    super::$name(store).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(store) = crate::backends::postgres().await else { return };
                    super::$name(store).await;
                }
            )*
        }
    };
}
