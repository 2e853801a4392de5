//! A fresh database in the test cluster (`VANGNET_TEST_POSTGRES_URL`, which
//! `./scripts/test` provides), dropped again when the test is done.

use super::webdriver::require_all;
use sqlx::{Connection, Executor, PgConnection};
use std::sync::atomic::{AtomicU32, Ordering};

pub struct FreshDatabase {
    pub url: String,
    admin_url: String,
    name: String,
}

fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime for the database set-up")
        .block_on(future)
}

async fn execute(admin_url: &str, sql: &str) -> Result<(), sqlx::Error> {
    let mut connection = PgConnection::connect(admin_url).await?;
    connection.execute(sql).await?;
    connection.close().await
}

impl FreshDatabase {
    pub fn create() -> Option<FreshDatabase> {
        let Ok(admin_url) = std::env::var("VANGNET_TEST_POSTGRES_URL") else {
            if require_all() {
                panic!("VANGNET_TEST_POSTGRES_URL is not set; run ./scripts/test");
            }
            eprintln!("SKIPPED: no PostgreSQL (VANGNET_TEST_POSTGRES_URL); run ./scripts/test");
            return None;
        };
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!(
            "vangnet_demo_{}_{}_{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        block_on(execute(&admin_url, &format!("CREATE DATABASE {name}")))
            .expect("create a test database");
        let (base, _) = admin_url.rsplit_once('/').expect("a URL with a database");
        Some(FreshDatabase {
            url: format!("{base}/{name}"),
            admin_url,
            name,
        })
    }
}

impl Drop for FreshDatabase {
    fn drop(&mut self) {
        let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        if let Err(error) = block_on(execute(&self.admin_url, &sql)) {
            eprintln!("could not drop test database {}: {error}", self.name);
        }
    }
}
