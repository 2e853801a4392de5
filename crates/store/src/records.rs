//! What the store hands out. Enumerations are the domain's own types.

use chrono::{DateTime, Utc};
use serde::Serialize;
use vangnet_domain::org::{OrgKind, PostcodeRanges};
use vangnet_domain::scope::Scope;
use vangnet_domain::user::Role;

/// Which organisations a query may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgScope {
    All,
    Only(i64),
}

impl OrgScope {
    /// The one organisation a query is limited to, if any; bound as
    /// `CAST($n AS BIGINT) IS NULL OR org_id = $n` so one query serves both.
    pub fn org_id(self) -> Option<i64> {
        match self {
            OrgScope::All => None,
            OrgScope::Only(id) => Some(id),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Org {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: OrgKind,
    pub gemeentecode: Option<String>,
    pub postcodes: PostcodeRanges,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: i64,
    pub org_id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
    pub last_login_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct NewSession {
    pub token_hash: String,
    pub user_id: i64,
    pub org_id: i64,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A live session with the user and organisation it acts for.
#[derive(Debug, Clone)]
pub struct SessionRecord {
    pub user: User,
    pub org: Org,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct NewToken {
    pub org_id: i64,
    pub name: String,
    pub token_hash: String,
    pub scopes: Vec<Scope>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiToken {
    pub id: i64,
    pub org_id: i64,
    pub name: String,
    pub scopes: Vec<Scope>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub org_kind: OrgKind,
}

#[derive(Debug, Clone)]
pub struct LoginFailure {
    pub at: DateTime<Utc>,
    pub account_key: String,
    pub ip_key: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LoginFailureCounts {
    pub account: i64,
    pub ip: i64,
}

/// Which part of a long list to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub limit: i64,
    pub offset: i64,
}

impl Page {
    pub fn first(limit: i64) -> Page {
        Page { limit, offset: 0 }
    }
}

/// The end of an import: its counts, and what went wrong if it failed.
#[derive(Debug, Clone)]
pub struct FinishedImport<'a> {
    pub import_id: i64,
    pub partner_org_id: i64,
    pub counts: crate::ImportCounts,
    pub failure: Option<&'a str>,
    pub rejected_csv: Option<&'a str>,
}
