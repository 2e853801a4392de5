//! What the API sends and receives. Kept apart from storage records so the
//! public contract changes only on purpose.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vangnet_domain::audit::AuditEntry;
use vangnet_store::{Org, User};

#[derive(Serialize, ToSchema)]
pub struct Organisation {
    pub id: i64,
    pub code: String,
    pub name: String,
    /// gemeente, verhuurder, signaalpartner, hulpverlening, deurwaarder, redactie of beheer
    pub kind: String,
    /// CBS-gemeentecode, alleen bij een gemeente
    pub gemeentecode: Option<String>,
    /// PC4-gebieden, bijvoorbeeld "2490-2599,2612"
    pub postcodes: String,
}

impl From<Org> for Organisation {
    fn from(org: Org) -> Self {
        Organisation {
            id: org.id,
            code: org.code,
            name: org.name,
            kind: org.kind.slug().into(),
            gemeentecode: org.gemeentecode,
            postcodes: org.postcodes.to_string(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Me {
    pub organisation: Organisation,
    pub scopes: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct UserOut {
    pub id: i64,
    pub email: String,
    pub name: String,
    /// medewerker, teamleider, beheerder of redacteur
    pub role: String,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
    pub last_login_at: Option<DateTime<Utc>>,
}

impl From<User> for UserOut {
    fn from(user: User) -> Self {
        UserOut {
            id: user.id,
            email: user.email,
            name: user.name,
            role: user.role.slug().into(),
            disabled: user.disabled,
            created_at: user.created_at,
            last_login_at: user.last_login_at,
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct NewUserIn {
    pub email: String,
    pub name: String,
    pub role: String,
    /// Startwachtwoord, minstens 12 tekens
    pub password: String,
}

#[derive(Serialize, ToSchema)]
pub struct AuditEntryOut {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor_user_id: Option<i64>,
    pub actor_token_id: Option<i64>,
    pub actor_label: String,
    pub action: String,
    pub object_type: String,
    pub object_id: Option<String>,
    pub reason: Option<String>,
    pub hash: String,
}

impl From<AuditEntry> for AuditEntryOut {
    fn from(entry: AuditEntry) -> Self {
        let e = entry.event;
        AuditEntryOut {
            seq: entry.seq,
            at: entry.at,
            actor_user_id: e.actor_user_id,
            actor_token_id: e.actor_token_id,
            actor_label: e.actor_label,
            action: e.action,
            object_type: e.object_type,
            object_id: e.object_id,
            reason: e.reason,
            hash: entry.hash,
        }
    }
}
