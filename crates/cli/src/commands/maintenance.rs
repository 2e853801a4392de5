//! Keeping a database healthy: migrations, backups, the audit check.

use super::CliResult;
use std::path::Path;
use std::sync::Arc;
use vangnet_store::{redact_url, verify_audit, Store};

pub async fn migrate(url: &str) -> CliResult {
    let store = vangnet_store::connect(url)
        .await
        .map_err(|e| e.to_string())?;
    let ran = store.migrate().await.map_err(|e| e.to_string())?;
    if ran.is_empty() {
        println!(
            "Database {} is al bijgewerkt; geen migraties uitgevoerd.",
            redact_url(url)
        );
    } else {
        for name in &ran {
            println!("Migratie uitgevoerd: {name}");
        }
        println!(
            "{} migratie(s) uitgevoerd op {}.",
            ran.len(),
            redact_url(url)
        );
    }
    Ok(())
}

pub async fn backup(store: Arc<dyn Store>, to: &Path) -> CliResult {
    store.backup_to(to).await.map_err(|e| e.to_string())?;
    println!(
        "Back-up geschreven naar {} (een consistente kopie).",
        to.display()
    );
    Ok(())
}

pub async fn verify(store: Arc<dyn Store>) -> CliResult {
    match verify_audit(&*store).await.map_err(|e| e.to_string())? {
        Ok(count) => {
            println!("Auditketen in orde: {count} regels gecontroleerd.");
            Ok(())
        }
        Err(broken) => Err(format!(
            "auditketen verbroken bij regel {}: {}",
            broken.seq, broken.reason
        )),
    }
}
