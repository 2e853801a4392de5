//! E-mailing a letter just made to the address the worker typed (issue 9:
//! letters "as HTML for e-mail"). It happens in the request that made the
//! letter, because the personal link exists only there; so there is no
//! outbox and no retry: a failure is said on the page at once, and the
//! letter (already kept with its event) must then be printed.
//!
//! The address is used for this one message and is not stored, logged or
//! audited: the audit entry (`tenant_letter.mailed`) names the letter and
//! the outcome, and a failure only the SMTP step and reply code.

use super::send::Sent;
use crate::config::MailConfig;
use crate::mail::letter_mail::{self, LetterMail};
use crate::mail::smtp::SmtpError;
use chrono::Utc;
use vangnet_domain::audit::AuditEvent;
use vangnet_store::Store;

pub const AUDIT_ACTION: &str = "tenant_letter.mailed";

/// How sending went; the letter exists either way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailOutcome {
    Sent,
    Failed(SmtpError),
}

/// Sends `sent`'s letter to `to` and records the attempt. `audit` is the
/// caller's entry for `AUDIT_ACTION`; the outcome is added to it. A
/// failure to record is logged, not returned: the letter and its one-time
/// link must still reach the worker's screen.
pub async fn mail_letter(
    store: &dyn Store,
    mail: &MailConfig,
    org_id: i64,
    sent: &Sent,
    to: &str,
    audit: AuditEvent,
) -> MailOutcome {
    // Without the settings the letter still goes, only without Reply-To.
    let reply_to = store
        .channel_settings(org_id)
        .await
        .ok()
        .and_then(|s| s.reply_email);
    let parts = LetterMail {
        letter: &sent.letter,
        sender: &sent.sender,
        recipient: &sent.recipient,
        reply_to: reply_to.as_deref(),
    };
    let now = Utc::now();
    let message = letter_mail::message(mail, to, &parts, now);
    let outcome = match letter_mail::send(mail, to, &message).await {
        Ok(()) => MailOutcome::Sent,
        Err(error) => {
            tracing::warn!(letter_id = sent.letter_id, %error, "letter mail failed");
            MailOutcome::Failed(error)
        }
    };
    let (mailed_at, detail) = match &outcome {
        MailOutcome::Sent => (Some(now), serde_json::json!({"outcome": "sent"})),
        MailOutcome::Failed(error) => (
            None,
            serde_json::json!({"outcome": "failed", "error": error.to_string()}),
        ),
    };
    let audit = audit.with_detail(detail);
    let recorded = store
        .record_letter_mail(org_id, sent.letter_id, mailed_at, audit)
        .await;
    if let Err(error) = recorded {
        tracing::error!(letter_id = sent.letter_id, %error, "letter mail not recorded");
    }
    outcome
}
