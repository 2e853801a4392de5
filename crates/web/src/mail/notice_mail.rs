//! The gemeente's e-mail about a new art. 14 notice: who gets it, what it
//! says, and the worker that empties the outbox (`NoticeMailStore`).
//!
//! The mail says only that a notice is waiting, with its dates and a link:
//! the notice is about a household in debt, and e-mail is not a safe
//! channel for that. Names, addresses and amounts stay behind the login.

use super::smtp::{self, SmtpError};
use crate::config::MailConfig;
use chrono::{DateTime, NaiveDate, Utc};
use std::sync::Arc;
use std::time::Duration;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::permission::{can, Action, Actor, Credential, Decision, Resource};
use vangnet_store::tenancy::NoticeToMail;
use vangnet_store::{OrgScope, Store, StoreError};

/// Retries (and notices recorded by another node) wait at most this long.
const RETRY_EVERY: Duration = Duration::from_secs(60);
/// Notices handled per round; the rest follow in the next.
const BATCH: i64 = 50;
pub const SUBJECT: &str = "Nieuwe melding voorgenomen ontruiming in vangnet";

/// Sends the mail of every waiting notice now, then whenever `wake` fires
/// and otherwise every minute, until the process ends.
pub fn spawn_worker(
    store: Arc<dyn Store>,
    mail: MailConfig,
    public_url: Option<String>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if let Err(error) = send_due(store.as_ref(), &mail, public_url.as_deref()).await {
                tracing::warn!(%error, "notice mail: reading the outbox failed");
            }
            tokio::select! {
                _ = super::WAKE.notified() => {}
                _ = tokio::time::sleep(RETRY_EVERY) => {}
            }
        }
    })
}

/// One round over the outbox; each notice gets its own mail.
pub async fn send_due(
    store: &dyn Store,
    mail: &MailConfig,
    public_url: Option<&str>,
) -> Result<(), StoreError> {
    for notice in store.notices_to_mail(Utc::now(), BATCH).await? {
        let id = notice.notice_id;
        let gemeente = notice.gemeente_org_id;
        let recipients = recipients(store, gemeente).await?;
        if recipients.is_empty() {
            tracing::warn!(
                notice_id = id,
                gemeente_org_id = gemeente,
                "notice mail: no active user of the gemeente may view eviction notices"
            );
            store.mark_notice_mail_failed(id, "geen ontvangers").await?;
            continue;
        }
        let message = message(&notice, mail, public_url, Utc::now());
        let sent = smtp::send(&mail.relay, mail.helo(), &mail.from, &recipients, &message).await;
        match sent {
            Ok(delivered) => {
                let audit = AuditEvent::new("eviction_notice.mailed", "eviction_notice", None)
                    .in_org(Some(gemeente));
                store
                    .mark_notice_mailed(id, Utc::now(), delivered.accepted, audit)
                    .await?;
                tracing::info!(
                    notice_id = id,
                    gemeente_org_id = gemeente,
                    accepted = delivered.accepted,
                    refused = delivered.refused,
                    "notice mail sent"
                );
            }
            Err(error) => {
                store
                    .mark_notice_mail_failed(id, &error.to_string())
                    .await?;
                let attempt = notice.mail_attempts + 1;
                tracing::warn!(notice_id = id, attempt, %error, "notice mail failed");
                if matches!(error, SmtpError::Connect(_) | SmtpError::Timeout("connect")) {
                    // The relay is down: the other notices would fail alike.
                    break;
                }
            }
        }
    }
    Ok(())
}

/// The active users of the gemeente who may view its eviction notices, by
/// the same `can` as the page.
pub async fn recipients(store: &dyn Store, gemeente: i64) -> Result<Vec<String>, StoreError> {
    let Some(org) = store.org_by_id(gemeente).await? else {
        return Ok(Vec::new());
    };
    let users = store.list_users(OrgScope::Only(gemeente)).await?;
    Ok(users
        .into_iter()
        .filter(|user| !user.disabled && user.org_id == gemeente)
        .filter(|user| {
            let actor = Actor {
                org_id: org.id,
                org_kind: org.kind,
                credential: Credential::User {
                    user_id: user.id,
                    role: user.role,
                },
            };
            let target = Resource::Organisation(gemeente);
            can(&actor, Action::ViewEvictionNotices, target) == Decision::Allow
        })
        .map(|user| user.email)
        .collect())
}

/// The whole message, headers and body. Recipients are not in it: each is
/// a separate RCPT, so colleagues do not see each other's addresses.
pub fn message(
    notice: &NoticeToMail,
    mail: &MailConfig,
    public_url: Option<&str>,
    now: DateTime<Utc>,
) -> String {
    super::compose(
        mail,
        SUBJECT,
        "undisclosed-recipients:;",
        &body(notice, public_url),
        now,
    )
}

fn body(notice: &NoticeToMail, public_url: Option<&str>) -> String {
    let day = |d: NaiveDate| d.format("%d-%m-%Y").to_string();
    let mut lines = vec![
        "Goedendag,".to_string(),
        String::new(),
        "Er is een nieuwe melding voorgenomen ontruiming (art. 14".to_string(),
        "Gerechtsdeurwaarderswet) voor uw gemeente binnengekomen in vangnet.".to_string(),
        String::new(),
        format!("Gemeld op:                {}", day(notice.notified_on)),
        format!("Beoogde ontruimingsdatum: {}", day(notice.intended_date)),
    ];
    if let Some(planned) = notice.planned_date {
        lines.push(format!("Geplande ontruimingsdatum: {}", day(planned)));
    }
    lines.push(String::new());
    match public_url {
        Some(url) => {
            lines.push("Bekijk de melding:".to_string());
            lines.push(format!("{}/gemeente/meldingen", url.trim_end_matches('/')));
        }
        None => lines.push("Log in bij vangnet en open Meldingen ontruiming.".to_string()),
    }
    lines.extend([
        String::new(),
        "Deze e-mail noemt bewust geen namen, adressen of bedragen: e-mail is".to_string(),
        "geen veilig kanaal voor deze gegevens. U vindt ze na het inloggen.".to_string(),
        String::new(),
        "U krijgt dit bericht omdat u in vangnet de meldingen ontruiming van".to_string(),
        "uw gemeente mag inzien. Dit bericht is automatisch verstuurd.".to_string(),
    ]);
    super::crlf_body(&lines)
}
