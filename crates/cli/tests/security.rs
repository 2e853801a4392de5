//! Web security checks (issue 8, part 9) against the real demo server.
//! What `http.rs` already proves is not repeated here: the session cookie's
//! flags and its end at logout (`sessions_use_safe_cookies_and_end_at_logout`),
//! the login throttle (also under parallel guesses), CSRF on the login and
//! user forms, the headers of four responses, body limits. This file adds
//! the checks over *every* route (from the router's own list, as the
//! authorization matrix reads it), session fixation, the CSRF cookie,
//! signal uploads of the wrong type or size, redirects after login, and
//! error pages that must not show internals.

mod support;

#[path = "authz/world.rs"]
#[allow(dead_code)]
mod world;

use support::http::Client;
use support::server::{DemoServer, DEMO_PASSWORD};
use world::World;

/// Who posts the forms: between them every kind of form has someone
/// allowed to use it, so a missing check would show as a change.
const FORM_USERS: [&str; 5] = ["beh.bh", "gem.bh", "vh.tl", "vh.mw", "red.rd"];

fn audit_entries(server: &DemoServer) -> i64 {
    world::query_i64(server, "SELECT COUNT(*) FROM audit_log").unwrap_or_default()
}

#[test]
fn every_form_refuses_a_post_without_a_valid_csrf_token_and_changes_nothing() {
    let server = DemoServer::start();
    let world = World::prepare(&server);
    let forms: Vec<(String, String)> = world
        .routes()
        .into_iter()
        .filter(|(method, pattern)| method != "GET" && !World::is_api(pattern))
        .collect();
    assert!(forms.len() > 30, "only {} forms found", forms.len());
    let before = audit_entries(&server);
    let mut accepted = Vec::new();
    for (method, pattern) in &forms {
        for (_, path) in world.variants(pattern) {
            for name in FORM_USERS {
                let status = world
                    .send(World::page_caller(name), method, &path, false)
                    .status();
                if status != 403 {
                    accepted.push(format!("{method} {path} as {name}: {status}"));
                }
            }
            // The anonymous public forms (login, suggestions) too.
            let status = world
                .send(World::page_caller("anon"), method, &path, false)
                .status();
            if status != 403 {
                accepted.push(format!("{method} {path} anonymously: {status}"));
            }
        }
    }
    assert!(
        accepted.is_empty(),
        "posted without a CSRF token and not refused with 403:\n{}",
        accepted.join("\n")
    );
    assert_eq!(
        audit_entries(&server),
        before,
        "nothing was done or audited"
    );
}

#[test]
fn every_get_route_carries_the_security_headers() {
    let server = DemoServer::start();
    let world = World::prepare(&server);
    let mut missing = Vec::new();
    for (method, pattern) in world.routes() {
        if method != "GET" {
            continue;
        }
        for (_, path) in world.variants(&pattern) {
            for name in ["anon", "gem.bh"] {
                let response = world.send(World::page_caller(name), "GET", &path, true);
                let header = |h: &str| response.header(h).unwrap_or_default().to_string();
                let csp = header("content-security-policy");
                let checks = [
                    (
                        "frame-ancestors 'none'",
                        csp.contains("frame-ancestors 'none'"),
                    ),
                    (
                        "script-src 'self' or 'none'",
                        csp.contains("script-src 'self'") || csp.contains("script-src 'none'"),
                    ),
                    ("object-src 'none'", csp.contains("object-src 'none'")),
                    ("no unsafe-inline", !csp.contains("unsafe-inline")),
                    ("nosniff", header("x-content-type-options") == "nosniff"),
                    (
                        "referrer-policy",
                        header("referrer-policy") == "same-origin",
                    ),
                    ("x-frame-options", header("x-frame-options") == "DENY"),
                    ("request id", header("x-request-id").len() == 16),
                    ("no server banner", response.header("server").is_none()),
                ];
                for (what, ok) in checks {
                    if !ok {
                        missing.push(format!("GET {path} as {name}: {what}"));
                    }
                }
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

fn session_cookie(reply: &support::http::Reply) -> Option<String> {
    reply
        .all("set-cookie")
        .into_iter()
        .find_map(|c| c.strip_prefix("vangnet_session="))
        .map(|c| c.split(';').next().unwrap_or_default().to_string())
}

#[test]
fn a_session_id_is_new_at_every_login_and_a_planted_one_is_never_adopted() {
    let server = DemoServer::start();
    let mut victim = Client::new(&server.base_url);
    // An attacker plants a session id before the victim logs in.
    let planted = "aanvaller-gekozen-sessie-0123456789abcdef";
    victim
        .cookies
        .insert("vangnet_session".into(), planted.into());
    let login = victim.login("teamleider@denhaag.example", DEMO_PASSWORD);
    assert_eq!(login.status, 303);
    let issued = session_cookie(&login).expect("a new session cookie at login");
    assert_ne!(issued, planted);
    assert!(issued.len() >= 32, "a long random id: {issued}");
    assert_eq!(victim.get("/start").status, 200);

    // The planted id is not a session, before or after the login.
    let mut attacker = Client::new(&server.base_url);
    attacker
        .cookies
        .insert("vangnet_session".into(), planted.into());
    assert_eq!(attacker.get("/start").header("location"), Some("/inloggen"));

    // Logging in again, already signed in (a second tab's form), gives
    // yet another id, and the session it replaces ends.
    let old = victim.cookies.clone();
    let csrf = victim.csrf();
    let again = victim.post_form(
        "/inloggen",
        &[
            ("csrf_token", &csrf),
            ("email", "teamleider@denhaag.example"),
            ("password", DEMO_PASSWORD),
        ],
    );
    let second = session_cookie(&again).expect("a session cookie");
    assert_ne!(second, issued);
    let mut replay = Client::new(&server.base_url);
    replay.cookies = old;
    let replayed = replay.get("/start");
    assert_eq!(
        replayed.header("location"),
        Some("/inloggen"),
        "the replaced session still works: {}",
        replayed.status
    );
}

#[test]
fn the_csrf_cookie_is_httponly_samesite_and_secure_behind_https() {
    let server = DemoServer::start();
    let csrf_cookie = |reply: &support::http::Reply| {
        reply
            .all("set-cookie")
            .into_iter()
            .find(|c| c.starts_with("vangnet_csrf="))
            .map(str::to_string)
            .expect("a CSRF cookie")
    };
    let plain = csrf_cookie(&Client::new(&server.base_url).get("/inloggen"));
    for part in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(plain.contains(part), "{plain}");
    }
    assert!(
        !plain.contains("Secure"),
        "plain http on localhost: {plain}"
    );
    let mut proxied = Client::new(&server.base_url);
    proxied
        .extra_headers
        .push(("X-Forwarded-Proto".into(), "https".into()));
    let secure = csrf_cookie(&proxied.get("/inloggen"));
    assert!(secure.contains("Secure"), "{secure}");

    // Logging out clears the session cookie in the browser as well.
    let mut client = Client::new(&server.base_url);
    client.login("medewerker@denhaag.example", DEMO_PASSWORD);
    let csrf = client.csrf();
    let out = client.post_form("/uitloggen", &[("csrf_token", &csrf)]);
    assert!(
        out.all("set-cookie")
            .iter()
            .any(|c| c.starts_with("vangnet_session=") && c.contains("Max-Age=0")),
        "{:?}",
        out.all("set-cookie")
    );
}

#[test]
fn login_never_redirects_off_the_site() {
    let server = DemoServer::start();
    let targets = [
        "https://evil.example",
        "//evil.example",
        "/\\evil.example",
        "%2F%2Fevil.example",
        "https%3A%2F%2Fevil.example",
        "%2F%5Cevil.example",
    ];
    for target in targets {
        for name in ["next", "redirect"] {
            let path = format!("/inloggen?{name}={target}");
            let mut client = Client::new(&server.base_url);
            let form = client.get(&path);
            assert_eq!(form.status, 200, "{path}");
            assert!(
                !form.body.contains("evil.example"),
                "{path} echoes the target"
            );
            let csrf = form.csrf_field();
            let reply = client.post_form(
                &path,
                &[
                    ("csrf_token", &csrf),
                    ("email", "medewerker@denhaag.example"),
                    ("password", DEMO_PASSWORD),
                ],
            );
            assert_eq!(reply.status, 303, "{path}");
            assert_eq!(reply.header("location"), Some("/start"), "{path}");
            // Signed in, the login page sends one home, not away.
            let signed_in = client.get(&path);
            assert_eq!(signed_in.header("location"), Some("/start"), "{path}");
        }
    }
    // A page that needs a login sends to the bare login page.
    let mut anonymous = Client::new(&server.base_url);
    let reply = anonymous.get("/start?next=//evil.example");
    assert_eq!(reply.header("location"), Some("/inloggen"));
}

fn count(server: &DemoServer, table: &str) -> i64 {
    world::query_i64(server, &format!("SELECT COUNT(*) FROM {table}")).unwrap_or_default()
}

#[test]
fn signal_uploads_of_the_wrong_type_or_size_are_refused_in_dutch_and_store_nothing() {
    use std::io::{Read, Write};
    let server = DemoServer::start();
    let mut partner = Client::new(&server.base_url);
    partner.login("medewerker@woningstichting.example", DEMO_PASSWORD);
    let csrf = partner.csrf();
    let path = format!("/signalen/upload?csrf_token={csrf}");
    let stored = |server: &DemoServer| (count(server, "imports"), count(server, "signals"));
    let before = stored(&server);

    let mut pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n".to_vec();
    pdf.extend((0..4096u32).map(|i| (i * 7919 % 251) as u8));
    let binary: Vec<u8> = (0..8192u32).map(|i| (i * 31 % 256) as u8).collect();
    for (name, bytes) in [("brief.pdf", &pdf), ("signalen.csv", &binary)] {
        let reply = partner.post_multipart(&path, &[("bestand", Some(name), bytes)]);
        assert!(
            reply.status == 400 || reply.status == 415 || reply.status == 422,
            "{name}: {} {}",
            reply.status,
            reply.body
        );
        assert!(reply.body.contains("<html lang=\"nl\">"), "{name}");
        assert!(
            reply.body.contains("CSV") || reply.body.contains("tekst"),
            "{name}: no Dutch reason: {}",
            reply.body
        );
        assert_eq!(stored(&server), before, "{name}: something was stored");
    }

    // Larger than the upload limit: refused from the declared length,
    // before a byte of the body is read.
    let address = server.base_url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    let cookies: Vec<String> = partner
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nCookie: {}\r\n\
         Content-Type: multipart/form-data; boundary=x\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        cookies.join("; "),
        vangnet_web::UPLOAD_LIMIT_BYTES + 1
    );
    stream.write_all(head.as_bytes()).unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("Wat u verstuurde is te groot."), "{answer}");
    assert_eq!(
        stored(&server),
        before,
        "the oversized upload stored something"
    );
}

/// Words that would tell an attacker about the inside: a stack trace, the
/// database, file paths, crate or library names, versions.
/// Matched as written: "SELECT " is SQL, "<select " a form field.
const INTERNALS: [&str; 26] = [
    "panicked",
    "backtrace",
    "sqlx",
    "sqlite",
    "SQLite",
    "SQLITE",
    "postgres",
    "Postgres",
    "syntax error",
    "SELECT ",
    "FROM ",
    "/src/",
    ".rs:",
    "/home/",
    "/work/",
    "/root/",
    "vangnet_",
    "vangnet-web",
    "axum",
    "tokio",
    "hyper",
    "tower",
    "askama",
    "thread '",
    "RUST_",
    "0.1.0",
];

#[test]
fn error_pages_do_not_show_internals() {
    let server = DemoServer::start();
    let world = World::prepare(&server);
    let worker = World::page_caller("gem.mw");
    let anonymous = World::page_caller("anon");
    let requests: [(&world::Caller, &str, &str, u16); 16] = [
        (anonymous, "GET", "/bestaat-niet", 404),
        (anonymous, "GET", "/api/v1/bestaat-niet", 404),
        (anonymous, "GET", "/kennisbank/..%2F..%2Fetc%2Fpasswd", 404),
        (anonymous, "DELETE", "/inloggen", 405),
        (anonymous, "PUT", "/api/v1/me", 405),
        (worker, "POST", "/start", 405),
        (worker, "GET", "/gemeente/zaken/geen-getal", 400),
        (
            worker,
            "GET",
            "/gemeente/zaken/99999999999999999999999",
            400,
        ),
        (worker, "GET", "/gemeente/zaken/1'%20OR%20'1'='1", 400),
        (worker, "GET", "/gemeente/zaken/-1", 404),
        (
            worker,
            "GET",
            "/gemeente/zaken?zoek=%27%20OR%201%3D1%3B--",
            200,
        ),
        (
            worker,
            "GET",
            "/gemeente/zaken?pagina=%27%3B%20DROP%20TABLE%20cases",
            400,
        ),
        (
            anonymous,
            "GET",
            "/kennisbank/zoeken?q=%27%22%3B--%20DROP%20TABLE",
            200,
        ),
        (
            anonymous,
            "GET",
            "/api/v1/kennisbank?q=%27%20OR%201%3D1--",
            200,
        ),
        (
            anonymous,
            "GET",
            "/api/v1/organisations/1%27%20OR%201=1",
            401,
        ),
        (anonymous, "GET", "/signalen/imports/1%00", 303),
    ];
    let mut leaks = Vec::new();
    for (caller, method, path, status) in requests {
        let mut response = world.send(caller, method, path, true);
        if response.status() != status {
            leaks.push(format!(
                "{method} {path}: status {} not {status}",
                response.status()
            ));
        }
        if let Some(server_header) = response.header("server") {
            leaks.push(format!("{method} {path}: Server: {server_header}"));
        }
        let body = std::mem::replace(
            &mut response,
            world.send(anonymous, "GET", "/healthz", false),
        )
        .into_string()
        .unwrap_or_default();
        for word in INTERNALS {
            if body.contains(word) {
                leaks.push(format!(
                    "{method} {path}: the answer shows {word:?}:\n{body}"
                ));
            }
        }
    }
    // Malformed API bodies: a Dutch problem, not the parser's internals.
    let token = world.token_of("gem+");
    for body in ["{", "{\"email\": 5}", "[1, 2", "\u{0}"] {
        let reply = ureq::post(&server.url("/api/v1/signals"))
            .set("Authorization", &format!("Bearer {token}"))
            .set("Content-Type", "application/json")
            .send_string(body);
        let response = match reply {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("{e}"),
        };
        let status = response.status();
        let text = response.into_string().unwrap_or_default();
        assert!((400..500).contains(&status), "{body}: {status}");
        for word in INTERNALS {
            if text.contains(word) {
                leaks.push(format!(
                    "POST /api/v1/signals {body:?}: shows {word:?}: {text}"
                ));
            }
        }
    }
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
}
