//! Running the web app until SIGINT or SIGTERM, then finishing in-flight
//! requests.

use super::{open, CliResult};
use crate::cli::ServeArgs;
use chrono::{Duration, Utc};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use vangnet_store::Store;
use vangnet_web::kennisbank::documents;
use vangnet_web::{MailConfig, WebConfig};

pub async fn serve(url: &str, args: ServeArgs) -> CliResult {
    if args.session_idle_minutes < 1 {
        return Err("--session-idle-minutes moet minstens 1 zijn".into());
    }
    let store = open(url).await?;
    let delay = std::time::Duration::from_secs(args.purge_delay_seconds);
    super::purge::spawn_nightly(store.clone(), delay);
    let mail = match args.smtp_relay {
        Some(relay) => Some(mail_config(relay, args.mail_from)?),
        None => None,
    };
    let config = WebConfig {
        public_url: args.public_url,
        session_idle: Duration::minutes(args.session_idle_minutes),
        mail,
        chromium: args.chromium,
        ..WebConfig::default()
    };
    run(store, config, args.listen, |_| ()).await
}

/// Checked before serving, so a typo stops the start instead of every mail.
fn mail_config(relay: String, from: String) -> Result<MailConfig, String> {
    let port = relay.rsplit_once(':').map(|(_, port)| port.parse::<u16>());
    if !matches!(port, Some(Ok(p)) if p > 0) || relay.starts_with(':') {
        return Err(format!(
            "--smtp-relay is HOST:POORT, bijvoorbeeld localhost:25 (niet {relay:?})"
        ));
    }
    let plain = |c: char| !c.is_whitespace() && !c.is_control() && !"<>,;\"".contains(c);
    let well_formed = match from.split_once('@') {
        Some((local, domain)) => !local.is_empty() && !domain.is_empty(),
        None => false,
    };
    if !well_formed || !from.chars().all(plain) {
        return Err(format!("--mail-from is geen e-mailadres: {from:?}"));
    }
    Ok(MailConfig { relay, from })
}

/// Binds, prints the address (and whatever `after_bind` prints), and serves.
pub async fn run(
    store: Arc<dyn Store>,
    config: WebConfig,
    listen: SocketAddr,
    after_bind: impl FnOnce(SocketAddr),
) -> CliResult {
    let shutdown = shutdown_signal().map_err(|e| format!("kan signalen niet afvangen: {e}"))?;
    // Before the address is printed, so the first search already finds
    // every published practice.
    let state = vangnet_web::AppState::new(store.clone(), config);
    let (indexed, marker) = documents::rebuild_marked(&*store, &state.kennisbank)
        .await
        .map_err(|e| format!("kan de zoekindex van de kennisbank niet opbouwen: {e}"))?;
    tracing::info!(documents = indexed, "kennisbank search index rebuilt");
    documents::spawn_refresh(store.clone(), state.kennisbank.clone(), marker);
    let listener = TcpListener::bind(listen)
        .await
        .map_err(|e| format!("kan niet luisteren op {listen}: {e}"))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    println!("vangnet draait op http://{address}");
    after_bind(address);
    let config = &state.config;
    spawn_purge(store.clone(), config.session_idle);
    if let Some(mail) = &config.mail {
        println!(
            "e-mail over meldingen ontruiming, herzieningen in de kennisbank en brieven aan huurders \
             gaat via {}",
            mail.relay
        );
        vangnet_web::mail::spawn_worker(store.clone(), mail.clone(), config.public_url.clone());
        vangnet_web::mail::spawn_reminders(store.clone(), mail.clone(), config.public_url.clone());
    }
    vangnet_web::serve_state(listener, state, shutdown)
        .await
        .map_err(|e| format!("de server stopte met een fout: {e}"))?;
    println!("vangnet is gestopt.");
    Ok(())
}

/// Expired sessions and old login failures are removed every ten minutes.
fn spawn_purge(store: Arc<dyn Store>, idle: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            tick.tick().await;
            if let Err(error) = store.purge_expired(Utc::now(), idle).await {
                tracing::warn!(%error, "purge of expired sessions failed");
            }
        }
    });
}

/// Listens for SIGINT and SIGTERM from the moment it is called, so a
/// signal that arrives while the server starts still stops it gracefully.
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()> + Send + 'static> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut terminate = signal(SignalKind::terminate())?;
        let mut interrupt = signal(SignalKind::interrupt())?;
        Ok(async move {
            tokio::select! {
                _ = terminate.recv() => {},
                _ = interrupt.recv() => {},
            }
            println!("Afsluiten: lopende verzoeken worden afgemaakt…");
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async move {
            let _ = tokio::signal::ctrl_c().await;
            println!("Afsluiten: lopende verzoeken worden afgemaakt…");
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn mail_settings_are_checked_before_serving() {
        let ok = super::mail_config("localhost:25".into(), "vangnet@localhost".into()).unwrap();
        assert_eq!(
            (ok.relay.as_str(), ok.from.as_str()),
            ("localhost:25", "vangnet@localhost")
        );
        assert!(super::mail_config("relay.intern:587".into(), "a@b.nl".into()).is_ok());
        for relay in [
            "localhost",
            "localhost:",
            "localhost:0",
            ":25",
            "localhost:smtp",
        ] {
            assert!(
                super::mail_config(relay.into(), "a@b".into()).is_err(),
                "{relay}"
            );
        }
        for from in [
            "vangnet",
            "@b",
            "a@",
            "a b@c",
            "a@b>\r\nRCPT TO:<x@y",
            "<a@b>",
        ] {
            assert!(
                super::mail_config("h:25".into(), from.into()).is_err(),
                "{from}"
            );
        }
    }
}
