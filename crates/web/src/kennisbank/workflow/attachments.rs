//! Attachments on a practice (issue 6): a PDF or image checked by the
//! domain (type by magic bytes, 10 MiB, a harmless name) and stored on one
//! revision. The public page shows an attachment once a revision no older
//! than its own is published, so an author's file on their open revision
//! stays unseen until that revision is; an editor's file on the published
//! revision is public at once. The store audits ids only, never the name.

use super::{Caller, Result, WorkflowError};
use crate::auth::authorize;
use crate::state::AppState;
use vangnet_domain::kennisbank::check_attachment;
use vangnet_domain::permission::{Action, Resource};
use vangnet_store::kennisbank::NewAttachment;

/// Stores a file on a revision: an editor on any revision, the author only
/// on their own open revision. Returns the attachment's id.
pub async fn add_attachment(
    state: &AppState,
    caller: Caller<'_>,
    revision_id: i64,
    filename: &str,
    bytes: Vec<u8>,
) -> Result<i64> {
    let (practice_id, user_id) = may_attach(state, caller, revision_id).await?;
    let checked = check_attachment(filename, None, &bytes).map_err(WorkflowError::Invalid)?;
    let attachment = NewAttachment {
        practice_id,
        revision_id,
        filename: checked.filename,
        content_type: checked.content_type.to_string(),
        size_bytes: checked.size_bytes,
        sha256: checked.sha256,
        bytes,
        uploaded_by_user_id: Some(user_id),
    };
    Ok(state
        .store
        .add_attachment(&attachment, caller.audit("kennisbank.attachment.add"))
        .await?)
}

/// Whether `caller` may add a file to the revision: an editor always, its
/// author while it is open. Asked before an upload is read, so a stranger's
/// file is refused unread. (The practice's id, the uploader's user id.)
pub async fn may_attach(
    state: &AppState,
    caller: Caller<'_>,
    revision_id: i64,
) -> Result<(i64, i64)> {
    let actor = caller.actor.ok_or(WorkflowError::Forbidden(
        "log in om een bijlage toe te voegen".into(),
    ))?;
    let revision = state
        .store
        .revision(revision_id)
        .await?
        .ok_or(WorkflowError::NotFound)?;
    let user_id = if caller.is_editor() {
        caller.editor(state, Action::ReviewPractices).await?
    } else {
        authorize(state, actor, Action::SubmitPractice, Resource::Platform).await?;
        let me = caller.user_id();
        if me.is_none() || revision.author_user_id != me {
            return Err(WorkflowError::Forbidden(
                "alleen de auteur of de redactie voegt bijlagen toe".into(),
            ));
        }
        if !revision.is_open() {
            return Err(WorkflowError::Conflict(
                "deze versie is al beoordeeld; een bijlage kan alleen bij een open versie".into(),
            ));
        }
        me.unwrap_or_default()
    };
    Ok((revision.practice_id, user_id))
}

/// Removes an attachment: editors only.
pub async fn remove_attachment(
    state: &AppState,
    caller: Caller<'_>,
    attachment_id: i64,
) -> Result<()> {
    caller.editor(state, Action::ReviewPractices).await?;
    state
        .store
        .remove_attachment(attachment_id, caller.audit("kennisbank.attachment.remove"))
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_domain_and_the_store_agree_on_the_limit() {
        assert_eq!(
            vangnet_domain::kennisbank::MAX_ATTACHMENT_BYTES as i64,
            vangnet_store::kennisbank::MAX_ATTACHMENT_BYTES
        );
    }
}
