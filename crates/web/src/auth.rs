//! Who is asking: a person with a session cookie (pages) or a machine client
//! with a bearer token (API). Both end up as a domain `Actor`, and every
//! permission check goes through `authorize`, which audits denials.

use crate::crypto::sha256_hex;
use crate::middleware::cookie;
use crate::pages::errors::PageError;
use crate::problem::Problem;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::permission::{
    can, Action, Actor, CaseRef, Credential, Decision, Resource, Target,
};
use vangnet_store::{Org, User};

pub const SESSION_COOKIE: &str = "vangnet_session";

/// A logged-in person, for pages.
pub struct SignedIn {
    pub actor: Actor,
    pub user: User,
    pub org: Org,
    pub session_hash: String,
    /// Tenant responses waiting for an answer: the navigation's notice for
    /// whoever answers them (`None` for everyone else).
    pub open_responses: Option<i64>,
}

impl SignedIn {
    pub fn audit(&self, action: &str, object_type: &str) -> AuditEvent {
        AuditEvent::new(action, object_type, None).by_user(self.user.id, self.org.id)
    }
}

/// Pages that need a login send anonymous visitors to the login form.
pub enum NotSignedIn {
    Redirect,
    Failed(PageError),
}

impl IntoResponse for NotSignedIn {
    fn into_response(self) -> Response {
        match self {
            NotSignedIn::Redirect => Redirect::to("/inloggen").into_response(),
            NotSignedIn::Failed(error) => error.into_response(),
        }
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = NotSignedIn;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = cookie(&parts.headers, SESSION_COOKIE).ok_or(NotSignedIn::Redirect)?;
        let session_hash = sha256_hex(&token);
        let session = state
            .store
            .active_session(&session_hash, Utc::now(), state.config.session_idle)
            .await
            .map_err(|e| NotSignedIn::Failed(e.into()))?
            .ok_or(NotSignedIn::Redirect)?;
        let actor = Actor {
            org_id: session.org.id,
            org_kind: session.org.kind,
            credential: Credential::User {
                user_id: session.user.id,
                role: session.user.role,
            },
        };
        let answers = vangnet_domain::permission::can(
            &actor,
            vangnet_domain::permission::Action::AnswerTenantResponses,
            vangnet_domain::permission::Resource::Organisation(session.org.id),
        );
        let open_responses = match answers.is_allowed() {
            true => Some(
                state
                    .store
                    .open_response_count(session.org.id)
                    .await
                    .map_err(|e| NotSignedIn::Failed(e.into()))?,
            ),
            false => None,
        };
        Ok(SignedIn {
            actor,
            user: session.user,
            org: session.org,
            session_hash,
            open_responses,
        })
    }
}

/// For pages that look different for visitors who are logged in.
impl axum::extract::OptionalFromRequestParts<AppState> for SignedIn {
    type Rejection = NotSignedIn;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, Self::Rejection> {
        match <SignedIn as FromRequestParts<AppState>>::from_request_parts(parts, state).await {
            Ok(who) => Ok(Some(who)),
            Err(NotSignedIn::Redirect) => Ok(None),
            Err(failed) => Err(failed),
        }
    }
}

/// A machine client, for the API: `Authorization: Bearer <token>`.
pub struct ApiCaller {
    pub actor: Actor,
    pub token_id: i64,
}

impl ApiCaller {
    pub fn audit(&self, action: &str, object_type: &str) -> AuditEvent {
        AuditEvent::new(action, object_type, None).by_token(self.token_id, self.actor.org_id)
    }
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = Problem;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let Some(secret) = bearer else {
            return Err(Problem::unauthorized(
                "Geef een API-token mee in de header 'Authorization: Bearer <token>'.",
            ));
        };
        let token = state
            .store
            .use_token(&sha256_hex(secret), Utc::now())
            .await?;
        let Some(token) = token else {
            if let Some(attempts) = state.invalid_tokens.due() {
                let event = AuditEvent::new("token.invalid", "api_token", None)
                    .by_label("anoniem")
                    .with_detail(serde_json::json!({ "attempts": attempts }));
                state.store.append_audit(event).await?;
            }
            return Err(Problem::unauthorized(
                "Dit API-token is onbekend of ingetrokken.",
            ));
        };
        let event = AuditEvent::new("token.use", "api_token", Some(token.id.to_string()))
            .by_token(token.id, token.org_id)
            .with_detail(serde_json::json!({ "method": parts.method.as_str() }));
        state.store.append_audit(event).await?;
        Ok(ApiCaller {
            actor: Actor {
                org_id: token.org_id,
                org_kind: token.org_kind,
                credential: Credential::Token {
                    token_id: token.id,
                    scopes: token.scopes,
                },
            },
            token_id: token.id,
        })
    }
}

/// Unknown bearer tokens are audited at most once a second, with the number
/// of attempts since the last entry: a flood of bad tokens must not grow the
/// append-only log without bound or queue every writer behind its lock.
#[derive(Default)]
pub struct InvalidTokenTally {
    inner: std::sync::Mutex<(u64, Option<std::time::Instant>)>,
}

impl InvalidTokenTally {
    /// Counts one attempt; returns the total to audit when an entry is due.
    pub fn due(&self) -> Option<u64> {
        let mut guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let (count, last) = &mut *guard;
        *count += 1;
        let now = std::time::Instant::now();
        if last.is_some_and(|t| now.duration_since(t) < std::time::Duration::from_secs(1)) {
            return None;
        }
        *last = Some(now);
        Some(std::mem::take(count))
    }
}

/// Asks `can` about an organisation's resource or a case; a refusal is
/// written to the audit log before it is returned.
pub async fn authorize(
    state: &AppState,
    actor: &Actor,
    action: Action,
    target: impl Into<Target>,
) -> Result<(), Decision> {
    authorize_on(state, actor, action, target.into(), None).await
}

/// `authorize` for one case, so that a refusal's entry names the case.
pub async fn authorize_case(
    state: &AppState,
    actor: &Actor,
    action: Action,
    case_id: i64,
    case: CaseRef,
) -> Result<(), Decision> {
    authorize_on(state, actor, action, Target::Case(case), Some(case_id)).await
}

async fn authorize_on(
    state: &AppState,
    actor: &Actor,
    action: Action,
    target: Target,
    case_id: Option<i64>,
) -> Result<(), Decision> {
    let decision = can(actor, action, target);
    if decision.is_allowed() {
        return Ok(());
    }
    // Ids only: the log must not tell whose case it is.
    let (object_type, object) = match target {
        Target::Resource(Resource::Platform) => ("organisation", None),
        Target::Resource(Resource::Organisation(id)) => ("organisation", Some(id.to_string())),
        Target::Case(_) => ("case", case_id.map(|id| id.to_string())),
    };
    let mut event = AuditEvent::new("permission.denied", object_type, object).with_detail(
        serde_json::json!({ "action": format!("{action:?}"), "decision": format!("{decision:?}") }),
    );
    event = match &actor.credential {
        Credential::User { user_id, .. } => event.by_user(*user_id, actor.org_id),
        Credential::Token { token_id, .. } => event.by_token(*token_id, actor.org_id),
    };
    if let Err(error) = state.store.append_audit(event).await {
        tracing::error!(%error, "could not audit a permission denial");
    }
    Err(decision)
}

#[cfg(test)]
mod tests {
    use super::InvalidTokenTally;

    #[test]
    fn invalid_tokens_are_audited_at_most_once_a_second() {
        let tally = InvalidTokenTally::default();
        assert_eq!(tally.due(), Some(1), "the first is audited at once");
        for _ in 0..99 {
            assert_eq!(tally.due(), None);
        }
        *tally.inner.lock().unwrap() = (
            99,
            Some(std::time::Instant::now() - std::time::Duration::from_secs(2)),
        );
        assert_eq!(tally.due(), Some(100), "then the attempts since, together");
    }
}
