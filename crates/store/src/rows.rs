//! Row shapes shared by both backends, and their conversion into records.
//! A value that no longer parses (a hand-edited row) is reported, not
//! papered over.

use crate::records::{ApiToken, Org, User};
use crate::ts::Ts;
use crate::StoreError;
use vangnet_domain::audit::{AuditEntry, AuditEvent};
use vangnet_domain::org::{OrgKind, PostcodeRanges};
use vangnet_domain::scope::Scope;
use vangnet_domain::user::Role;

pub const ORG_COLUMNS: &str = "id, code, name, kind, gemeentecode, postcodes, created_at";
pub const USER_COLUMNS: &str = "id, org_id, email, name, role, disabled, created_at, last_login_at";
pub const AUDIT_COLUMNS: &str = "seq, at, actor_user_id, actor_token_id, actor_label, org_id, \
     action, object_type, object_id, reason, detail, prev_hash, hash";
pub const TOKEN_COLUMNS: &str = "t.id, t.org_id, t.name, t.scopes, t.created_at, \
     t.last_used_at, o.kind AS org_kind";

fn corrupt(what: &str, reason: impl std::fmt::Display) -> StoreError {
    StoreError::Unsupported(format!(
        "onleesbare waarde in de database ({what}): {reason}"
    ))
}

#[derive(sqlx::FromRow)]
pub struct OrgRow {
    id: i64,
    code: String,
    name: String,
    kind: String,
    gemeentecode: Option<String>,
    postcodes: String,
    created_at: Ts,
}

impl TryFrom<OrgRow> for Org {
    type Error = StoreError;
    fn try_from(row: OrgRow) -> Result<Self, Self::Error> {
        Ok(Org {
            id: row.id,
            kind: row
                .kind
                .parse::<OrgKind>()
                .map_err(|e| corrupt("organisations.kind", e.reason))?,
            postcodes: PostcodeRanges::parse(&row.postcodes)
                .map_err(|e| corrupt("organisations.postcodes", e.reason))?,
            code: row.code,
            name: row.name,
            gemeentecode: row.gemeentecode,
            created_at: row.created_at.0,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct UserRow {
    id: i64,
    org_id: i64,
    email: String,
    name: String,
    role: String,
    disabled: bool,
    created_at: Ts,
    last_login_at: Option<Ts>,
}

impl TryFrom<UserRow> for User {
    type Error = StoreError;
    fn try_from(row: UserRow) -> Result<Self, Self::Error> {
        Ok(User {
            id: row.id,
            org_id: row.org_id,
            role: row
                .role
                .parse::<Role>()
                .map_err(|e| corrupt("users.role", e.reason))?,
            email: row.email,
            name: row.name,
            disabled: row.disabled,
            created_at: row.created_at.0,
            last_login_at: row.last_login_at.map(|t| t.0),
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct TokenRow {
    id: i64,
    org_id: i64,
    name: String,
    scopes: String,
    created_at: Ts,
    last_used_at: Option<Ts>,
    org_kind: String,
}

impl TryFrom<TokenRow> for ApiToken {
    type Error = StoreError;
    fn try_from(row: TokenRow) -> Result<Self, Self::Error> {
        Ok(ApiToken {
            id: row.id,
            org_id: row.org_id,
            scopes: Scope::parse_list(&row.scopes)
                .map_err(|e| corrupt("api_tokens.scopes", e.reason))?,
            org_kind: row
                .org_kind
                .parse::<OrgKind>()
                .map_err(|e| corrupt("organisations.kind", e.reason))?,
            name: row.name,
            created_at: row.created_at.0,
            last_used_at: row.last_used_at.map(|t| t.0),
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct SessionRow {
    pub user_id: i64,
    pub org_id: i64,
    pub last_seen_at: Ts,
    pub expires_at: Ts,
}

#[derive(sqlx::FromRow)]
pub struct AuditRow {
    seq: i64,
    at: Ts,
    actor_user_id: Option<i64>,
    actor_token_id: Option<i64>,
    actor_label: String,
    org_id: Option<i64>,
    action: String,
    object_type: String,
    object_id: Option<String>,
    reason: Option<String>,
    detail: String,
    prev_hash: String,
    hash: String,
}

impl From<AuditRow> for AuditEntry {
    fn from(row: AuditRow) -> Self {
        AuditEntry {
            seq: row.seq,
            at: row.at.0,
            event: AuditEvent {
                actor_user_id: row.actor_user_id,
                actor_token_id: row.actor_token_id,
                actor_label: row.actor_label,
                org_id: row.org_id,
                action: row.action,
                object_type: row.object_type,
                object_id: row.object_id,
                reason: row.reason,
                detail: row.detail,
            },
            prev_hash: row.prev_hash,
            hash: row.hash,
        }
    }
}

/// Converts a list of rows, failing on the first unreadable one.
pub fn convert_all<R, T: TryFrom<R, Error = StoreError>>(
    rows: Vec<R>,
) -> Result<Vec<T>, StoreError> {
    rows.into_iter().map(T::try_from).collect()
}
