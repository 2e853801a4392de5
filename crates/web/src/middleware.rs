//! What wraps every request: a request id, security headers, body limits,
//! CSRF protection for forms, and a 500 page instead of a dropped
//! connection when a handler panics. Logs name the method, the route
//! pattern (never ids, query strings or bodies), the status and the id.

use crate::crypto::{constant_time_eq, new_secret_token};
use crate::pages::errors::render_error;
use crate::state::AppState;
use crate::{BODY_LIMIT_BYTES, UPLOAD_LIMIT_BYTES, UPLOAD_PATH};
use axum::body::Body;
use axum::extract::State;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{from_fn, from_fn_with_state, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::time::Instant;
use tower_http::catch_panic::CatchPanicLayer;

pub const CSRF_COOKIE: &str = "vangnet_csrf";
pub const CSRF_FIELD: &str = "csrf_token";

/// The CSRF token a page must put in its forms.
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);

pub fn wrap(router: Router<AppState>, state: AppState) -> Router<AppState> {
    router
        .layer(from_fn(dutch_rejections))
        .layer(from_fn_with_state(state, csrf))
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        .layer(from_fn(refuse_oversized))
        .layer(CatchPanicLayer::custom(|_| {
            render_error(StatusCode::INTERNAL_SERVER_ERROR)
        }))
        .layer(from_fn(security_headers))
        .layer(from_fn(request_id))
}

/// axum answers input it cannot parse (a malformed JSON body, a path id that
/// is not a number) with English plain text. Those answers become a Dutch
/// problem+json (API) or error page, with the parser's own words kept as
/// detail for API clients.
async fn dutch_rejections(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    let plain = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    if !status.is_client_error() || !plain {
        return response;
    }
    if !api {
        return render_error(status);
    }
    let body = axum::body::to_bytes(response.into_body(), 16 * 1024)
        .await
        .unwrap_or_default();
    crate::problem::Problem::unreadable(status, &String::from_utf8_lossy(&body)).into_response()
}

/// Uploads may be larger than anything else.
pub fn body_limit(path: &str) -> usize {
    if path == UPLOAD_PATH {
        UPLOAD_LIMIT_BYTES
    } else if crate::pages::kennisbank_edit::attachments::is_upload_path(path) {
        crate::pages::kennisbank_edit::attachments::UPLOAD_BODY_LIMIT
    } else {
        BODY_LIMIT_BYTES
    }
}

/// A declared length over the limit is refused before a byte is read;
/// bodies without a length are capped where they are read.
async fn refuse_oversized(request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let limit = body_limit(request.uri().path());
    if declared.is_some_and(|length| length > limit) {
        return too_large(request.uri().path());
    }
    next.run(request).await
}

fn too_large(path: &str) -> Response {
    if path.starts_with("/api/") {
        crate::problem::Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Te groot",
            format!(
                "Stuur hoogstens {} kB per verzoek.",
                BODY_LIMIT_BYTES / 1024
            ),
        )
        .into_response()
    } else {
        render_error(StatusCode::PAYLOAD_TOO_LARGE)
    }
}

async fn request_id(request: Request, next: Next) -> Response {
    let id = new_secret_token("")[..16].to_string();
    let method = request.method().clone();
    let route = loggable_path(request.uri().path());
    let started = Instant::now();
    let mut response = next.run(request).await;
    let status = response.status().as_u16();
    tracing::info!(
        request_id = %id,
        %method,
        route = %route,
        status,
        ms = started.elapsed().as_millis() as u64,
        "request"
    );
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

/// No inline script or style anywhere, so the policy can be strict.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = |headers: &mut HeaderMap, name: &'static str, value: &'static str| {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    };
    set(headers, "content-security-policy", CSP);
    set(headers, "x-content-type-options", "nosniff");
    set(headers, "referrer-policy", "same-origin");
    set(headers, "x-frame-options", "DENY");
    set(
        headers,
        "permissions-policy",
        "camera=(), microphone=(), geolocation=()",
    );
    set(headers, "cross-origin-opener-policy", "same-origin");
    set(headers, "cache-control", "no-store");
    response
}

/// A path fit for logs: segments that could identify a person or carry a
/// secret (ids, tokens, anything with a digit or long) become `:x`.
fn loggable_path(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            let api_version = segment.len() <= 3 && segment.starts_with('v');
            let has_digit = segment.chars().any(|c| c.is_ascii_digit());
            if segment.len() > 24 || segment.contains('@') || (has_digit && !api_version) {
                ":x"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_string())
        .filter(|v| !v.is_empty())
}

/// A cookie only the server reads: HttpOnly, SameSite=Lax, Secure behind
/// https (by setting or by the proxy's `X-Forwarded-Proto`).
pub fn set_cookie(
    response: &mut Response,
    https: bool,
    name: &str,
    value: &str,
    max_age_secs: i64,
) {
    let secure = if https { "; Secure" } else { "" };
    let text =
        format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}");
    if let Ok(header_value) = HeaderValue::from_str(&text) {
        response
            .headers_mut()
            .append(header::SET_COOKIE, header_value);
    }
}

pub fn behind_https(headers: &HeaderMap, configured_https: bool) -> bool {
    configured_https
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// Double-submit check for every state-changing request outside the API:
/// the form's `csrf_token` (or an `X-CSRF-Token` header) must equal the
/// `vangnet_csrf` cookie, and a cross-site `Origin` is refused outright.
/// The API is exempt because it authenticates with bearer tokens, not
/// cookies.
async fn csrf(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let existing = cookie(request.headers(), CSRF_COOKIE);
    let token = existing
        .clone()
        .unwrap_or_else(|| new_secret_token("")[..40].to_string());
    let state_changing = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let mut request = if state_changing && !request.uri().path().starts_with("/api/") {
        let public_host = state.config.public_url.as_deref().and_then(url_host);
        match checked_form(request, existing.as_deref(), public_host).await {
            Ok(request) => request,
            Err(response) => return response,
        }
    } else {
        request
    };
    let https = behind_https(request.headers(), state.config.https());
    request.extensions_mut().insert(CsrfToken(token.clone()));
    let mut response = next.run(request).await;
    if existing.is_none() {
        set_cookie(&mut response, https, CSRF_COOKIE, &token, 60 * 60 * 12);
    }
    response
}

async fn checked_form(
    request: Request,
    cookie_token: Option<&str>,
    public_host: Option<&str>,
) -> Result<Request, Response> {
    let refused = || {
        tracing::warn!("form refused: missing or wrong CSRF token");
        // The refusal comes before the body is read, so the server drops
        // the connection after it; saying so keeps a client from sending
        // its next request down a connection that is already closing.
        let mut response = render_error(StatusCode::FORBIDDEN).into_response();
        response.headers_mut().insert(
            axum::http::header::CONNECTION,
            axum::http::HeaderValue::from_static("close"),
        );
        response
    };
    if cross_site_origin(request.headers(), public_host) {
        return Err(refused());
    }
    let cookie_token = cookie_token.ok_or_else(refused)?;
    let header_token = request
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    // A file upload is not read here: its token travels in the form's
    // action URL, so the body can stream to disk after the checks.
    if is_multipart(request.headers()) {
        let query_token = query_value(request.uri().query().unwrap_or(""), CSRF_FIELD);
        let sent = query_token.or(header_token).ok_or_else(refused)?;
        return if constant_time_eq(&sent, cookie_token) {
            Ok(request)
        } else {
            Err(refused())
        };
    }
    // Ordinary forms are small whatever the route; only a multipart upload
    // (which is not read here) may be large.
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, BODY_LIMIT_BYTES)
        .await
        .map_err(|_| too_large(parts.uri.path()))?;
    let form_token = query_value(&String::from_utf8_lossy(&bytes), CSRF_FIELD);
    let sent = form_token.or(header_token).ok_or_else(refused)?;
    if !constant_time_eq(&sent, cookie_token) {
        return Err(refused());
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

fn is_multipart(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"))
}

/// One value of an `application/x-www-form-urlencoded` text (a body or a
/// query string).
fn query_value(encoded: &str, name: &str) -> Option<String> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(encoded)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// The host (and port) of a URL such as `https://vangnet.example.nl/`.
fn url_host(url: &str) -> Option<&str> {
    let rest = url.split("://").nth(1)?;
    Some(rest.split('/').next().unwrap_or(rest))
}

/// A form posted from another site. Our own origin is the request's Host,
/// the proxy's `X-Forwarded-Host`, or the configured public URL, since a
/// proxy may rewrite Host.
fn cross_site_origin(headers: &HeaderMap, public_host: Option<&str>) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    if origin == "null" {
        return true;
    }
    let origin_host = url_host(origin).unwrap_or(origin);
    let header_host = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let ours = [
        header_host(header::HOST.as_str()),
        header_host("x-forwarded-host"),
        public_host,
    ];
    !ours
        .into_iter()
        .flatten()
        .any(|host| host.eq_ignore_ascii_case(origin_host))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.append(*k, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn loggable_path_table() {
        let cases = [
            (
                "/api/v1/organisations/12/users",
                "/api/v1/organisations/:x/users",
            ),
            ("/inloggen", "/inloggen"),
            ("/huurder/0123456789abcdef0123456789abcdef", "/huurder/:x"),
            ("/zoek/ina@example.nl", "/zoek/:x"),
        ];
        for (path, expected) in cases {
            assert_eq!(loggable_path(path), expected);
        }
    }

    #[test]
    fn query_value_table() {
        assert_eq!(
            query_value("a=1&csrf_token=abc", "csrf_token").as_deref(),
            Some("abc")
        );
        assert_eq!(
            query_value("csrf_token=a%2Bb", "csrf_token").as_deref(),
            Some("a+b")
        );
        assert_eq!(query_value("a=1", "csrf_token"), None);
        assert!(is_multipart(&headers(&[(
            "content-type",
            "multipart/form-data; boundary=x"
        )])));
        assert!(!is_multipart(&headers(&[(
            "content-type",
            "application/x-www-form-urlencoded"
        )])));
    }

    #[test]
    fn cookie_parsing_table() {
        let h = headers(&[("cookie", "a=1; vangnet_csrf=abc"), ("cookie", "b=2")]);
        assert_eq!(cookie(&h, "vangnet_csrf").as_deref(), Some("abc"));
        assert_eq!(cookie(&h, "b").as_deref(), Some("2"));
        assert_eq!(cookie(&h, "c"), None);
        assert_eq!(cookie(&headers(&[("cookie", "x=")]), "x"), None);
    }

    #[test]
    fn cross_site_origin_table() {
        let cases = [
            (
                vec![
                    ("origin", "http://127.0.0.1:8080"),
                    ("host", "127.0.0.1:8080"),
                ],
                false,
            ),
            (
                vec![
                    ("origin", "https://evil.example"),
                    ("host", "127.0.0.1:8080"),
                ],
                true,
            ),
            (vec![("origin", "null"), ("host", "127.0.0.1:8080")], true),
            (vec![("host", "127.0.0.1:8080")], false),
            (
                vec![
                    ("origin", "https://vangnet.example.nl"),
                    ("host", "127.0.0.1:8080"),
                    ("x-forwarded-host", "vangnet.example.nl"),
                ],
                false,
            ),
        ];
        for (pairs, expected) in cases {
            assert_eq!(
                cross_site_origin(&headers(&pairs), None),
                expected,
                "{pairs:?}"
            );
        }
        let behind_proxy = headers(&[
            ("origin", "https://vangnet.example.nl"),
            ("host", "127.0.0.1:8080"),
        ]);
        assert!(cross_site_origin(&behind_proxy, None));
        assert!(!cross_site_origin(
            &behind_proxy,
            Some("vangnet.example.nl")
        ));
        assert_eq!(
            url_host("https://vangnet.example.nl/pad"),
            Some("vangnet.example.nl")
        );
    }
}
