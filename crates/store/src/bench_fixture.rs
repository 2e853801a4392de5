//! Shortcuts that only benchmarks may take: shaping a large fixture with a
//! few set-wide statements instead of a hundred thousand audited steps.
//! Not for application use.

use crate::{PgStore, Result, SqliteStore, Store, StoreError};

async fn execute(store: &dyn Store, sql: &str, binds: &[i64]) -> Result<()> {
    if let Some(s) = store.as_any().downcast_ref::<SqliteStore>() {
        let mut query = sqlx::query(sql);
        for value in binds {
            query = query.bind(*value);
        }
        query.execute(s.pool()).await?;
    } else if let Some(s) = store.as_any().downcast_ref::<PgStore>() {
        let mut query = sqlx::query(sql);
        for value in binds {
            query = query.bind(*value);
        }
        query.execute(s.pool()).await?;
    } else {
        return Err(StoreError::Unsupported("onbekende opslag".into()));
    }
    Ok(())
}

/// A realistic mix of case states for the queue's filters to find: a tenth
/// of the gemeente's cases assigned to `worker`, a third picked up.
pub async fn spread_queue_work(store: &dyn Store, gemeente: i64, worker: i64) -> Result<()> {
    let assign =
        "UPDATE cases SET assignee_user_id = $2 WHERE id % 10 = 0 AND gemeente_org_id = $1";
    let pick_up = "UPDATE cases SET stage = 'opgepakt', picked_up_on = opened_on \
         WHERE id % 3 = 0 AND gemeente_org_id = $1";
    execute(store, assign, &[gemeente, worker]).await?;
    execute(store, pick_up, &[gemeente]).await
}

/// A live database has planner statistics (autovacuum, `PRAGMA optimize`);
/// a freshly filled one must gather them before plans mean anything.
pub async fn analyze(store: &dyn Store) -> Result<()> {
    execute(store, "ANALYZE", &[]).await
}

/// A fresh, empty database next to the one `admin_url` names, for a
/// benchmark to fill; `drop_database` removes it afterwards.
pub async fn create_database(admin_url: &str, name: &str) -> Result<PgStore> {
    let admin = PgStore::connect(admin_url).await?;
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(admin.pool())
        .await?;
    admin.pool().close().await;
    let (base, _) = admin_url
        .rsplit_once('/')
        .ok_or_else(|| StoreError::Unsupported("de PostgreSQL-URL mist een databasenaam".into()))?;
    PgStore::connect(&format!("{base}/{name}")).await
}

pub async fn drop_database(admin_url: &str, store: PgStore, name: &str) -> Result<()> {
    store.pool().close().await;
    let admin = PgStore::connect(admin_url).await?;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
        .execute(admin.pool())
        .await?;
    Ok(())
}
