//! The kennisbank's review reminder: when a published practice's review-by
//! date has passed, its owner gets one e-mail for that date asking to check
//! the text (issue 6). The title and address of a practice are public, so
//! the mail may name them; the owner's address is only the envelope's.

use super::smtp::{self, SmtpError};
use crate::config::MailConfig;
use chrono::{DateTime, Utc};
use std::sync::Arc;
use std::time::Duration;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::calendar::amsterdam_date;
use vangnet_store::kennisbank::reminders::ReviewReminder;
use vangnet_store::{Store, StoreError};

/// Review-by dates are days, so a few rounds a day are plenty; the first
/// round waits a little, so a restart does not mail before the node is up.
const ROUND_EVERY: Duration = Duration::from_secs(6 * 60 * 60);
const FIRST_ROUND_AFTER: Duration = Duration::from_secs(120);
const BATCH: i64 = 100;
pub const SUBJECT: &str = "Herziening van uw goede voorbeeld in de kennisbank";

pub fn spawn_reminders(
    store: Arc<dyn Store>,
    mail: MailConfig,
    public_url: Option<String>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        tokio::time::sleep(FIRST_ROUND_AFTER).await;
        loop {
            let now = Utc::now();
            match send_reminders(store.as_ref(), &mail, public_url.as_deref(), now).await {
                Ok(sent) if sent > 0 => tracing::info!(sent, "review reminders sent"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "review reminders: reading failed"),
            }
            tokio::time::sleep(ROUND_EVERY).await;
        }
    })
}

/// One round: a mail per due practice; how many were sent.
pub async fn send_reminders(
    store: &dyn Store,
    mail: &MailConfig,
    public_url: Option<&str>,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let mut sent = 0;
    for due in store.reviews_to_remind(amsterdam_date(now), BATCH).await? {
        let message = message(&due, mail, public_url, now);
        let to = [due.owner_email.clone()];
        match smtp::send(&mail.relay, mail.helo(), &mail.from, &to, &message).await {
            Ok(_) => {
                let audit = AuditEvent::new("kb_practice.review_reminded", "kb_practice", None);
                if store
                    .mark_review_reminded(due.practice_id, due.review_by, audit)
                    .await?
                {
                    sent += 1;
                }
            }
            Err(error) => {
                tracing::warn!(practice_id = due.practice_id, %error, "review reminder failed");
                if matches!(error, SmtpError::Connect(_) | SmtpError::Timeout("connect")) {
                    break;
                }
            }
        }
    }
    Ok(sent)
}

pub fn message(
    due: &ReviewReminder,
    mail: &MailConfig,
    public_url: Option<&str>,
    now: DateTime<Utc>,
) -> String {
    let mut lines = vec![
        "Goedendag,".to_string(),
        String::new(),
        format!(
            "Uw goede voorbeeld \"{}\" in de kennisbank van vangnet",
            due.title
        ),
        format!(
            "is aan herziening toe: het stond gepland vóór {}.",
            due.review_by.format("%d-%m-%Y")
        ),
        String::new(),
        "Klopt de tekst nog? Stel dan een wijziging voor, of laat de redactie".to_string(),
        "weten dat alles nog klopt; zij zet dan een nieuwe datum.".to_string(),
        String::new(),
    ];
    match public_url {
        Some(url) => {
            let base = url.trim_end_matches('/');
            lines.push(format!(
                "Het goede voorbeeld: {base}/kennisbank/{}",
                due.slug
            ));
            lines.push(format!(
                "Een wijziging voorstellen: {base}/kennisbank/{}/wijzigen",
                due.slug
            ));
        }
        None => lines.push("Log in bij vangnet en open de kennisbank.".to_string()),
    }
    lines.extend([
        String::new(),
        "U krijgt dit bericht omdat u eigenaar bent van dit goede voorbeeld.".to_string(),
        "Dit bericht is automatisch verstuurd.".to_string(),
    ]);
    super::compose(
        mail,
        SUBJECT,
        &due.owner_email,
        &super::crlf_body(&lines),
        now,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_reminder_names_the_practice_and_links_to_the_edit_form() {
        let due = ReviewReminder {
            practice_id: 4,
            slug: "tweede-kans".into(),
            title: "Tweede kans na ontruiming".into(),
            review_by: chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            owner_email: "eigenaar@gemeente.example".into(),
        };
        let mail = MailConfig {
            relay: "127.0.0.1:25".into(),
            from: "vangnet@gemeente.example".into(),
        };
        let now = Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0).unwrap();
        let text = message(&due, &mail, Some("https://vangnet.example.nl/"), now);
        assert!(text.contains("To: eigenaar@gemeente.example\r\n"));
        assert!(text.contains("Subject: Herziening van uw goede voorbeeld in de kennisbank"));
        assert!(text.contains("\"Tweede kans na ontruiming\""));
        assert!(text.contains("vóór 01-10-2026"));
        assert!(text.contains("https://vangnet.example.nl/kennisbank/tweede-kans/wijzigen\r\n"));
        assert!(text.ends_with("automatisch verstuurd.\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'), "CRLF only");
    }
}
