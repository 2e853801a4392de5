//! A beheerder reads their own organisation's audit log, newest first.

use crate::auth::{authorize, SignedIn};
use crate::middleware::CsrfToken;
use crate::pages::errors::PageError;
use crate::pages::layout::Layout;
use crate::pages::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::Extension;
use serde::Deserialize;
use vangnet_domain::audit::AuditEntry;
use vangnet_domain::calendar::amsterdam_text;
use vangnet_domain::permission::{Action, Resource};
use vangnet_store::OrgScope;

const PAGE_SIZE: i64 = 50;

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    layout: Layout,
    rows: Vec<Row>,
    next_before: Option<i64>,
}

struct Row {
    seq: i64,
    at: String,
    actor: String,
    action: String,
    object: String,
    reason: String,
}

impl From<&AuditEntry> for Row {
    fn from(entry: &AuditEntry) -> Self {
        let e = &entry.event;
        let actor = match (e.actor_user_id, e.actor_token_id) {
            (Some(id), _) => format!("gebruiker #{id}"),
            (None, Some(id)) => format!("token #{id}"),
            _ => e.actor_label.clone(),
        };
        Row {
            seq: entry.seq,
            at: amsterdam_text(entry.at),
            actor,
            action: e.action.clone(),
            object: match &e.object_id {
                Some(id) => format!("{} #{id}", e.object_type),
                None => e.object_type.clone(),
            },
            reason: e.reason.clone().unwrap_or_default(),
        }
    }
}

#[derive(Deserialize)]
pub struct Paging {
    voor: Option<i64>,
}

pub async fn page(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(paging): Query<Paging>,
) -> Result<Response, PageError> {
    authorize(
        &state,
        &who.actor,
        Action::ViewAuditLog,
        Resource::Organisation(who.org.id),
    )
    .await?;
    let entries = state
        .store
        .list_audit(OrgScope::Only(who.org.id), paging.voor, PAGE_SIZE)
        .await?;
    let next_before = (entries.len() as i64 == PAGE_SIZE)
        .then(|| entries.last().map(|e| e.seq))
        .flatten();
    let page = AuditPage {
        layout: Layout::signed_in("Auditlog", &csrf.0, &who, "/beheer/audit"),
        rows: entries.iter().map(Row::from).collect(),
        next_before,
    };
    Ok(render(&page))
}
