//! HTTP tests against the real `vangnet demo` server on a free port.

mod support;

use support::http::{vangnet, Client};
use support::server::{token, DemoServer, DEMO_PASSWORD};

fn org_id(client: &mut Client, token: &str) -> i64 {
    client.get_with_token("/api/v1/me", token).json()["organisation"]["id"]
        .as_i64()
        .unwrap()
}

fn assert_problem(reply: &support::http::Reply, status: u16) {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    let body = reply.json();
    assert_eq!(body["status"], status);
    assert!(body["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(body["detail"].as_str().is_some_and(|t| !t.is_empty()));
}

#[test]
fn api_without_or_with_a_wrong_token_answers_401() {
    let server = DemoServer::start();
    let mut client = Client::new(&server.base_url);
    let missing = client.get("/api/v1/me");
    assert_problem(&missing, 401);
    assert_eq!(missing.header("www-authenticate"), Some("Bearer"));
    let wrong = client.get_with_token("/api/v1/me", "vn_0000");
    assert_problem(&wrong, 401);
    assert_eq!(
        wrong.json()["detail"],
        "Dit API-token is onbekend of ingetrokken."
    );
}

#[test]
fn another_organisations_data_answers_404_and_the_denial_is_audited() {
    let server = DemoServer::start();
    let mut client = Client::new(&server.base_url);
    let haag = token(&server, "den-haag", "org:read,users:read,audit:read");
    let rijswijk = token(&server, "rijswijk", "org:read");
    let haag_id = org_id(&mut client, &haag);
    let rijswijk_id = org_id(&mut client, &rijswijk);

    let own = client.get_with_token(&format!("/api/v1/organisations/{haag_id}"), &haag);
    assert_eq!(own.status, 200);
    assert_eq!(own.json()["gemeentecode"], "0518");
    for path in [
        format!("/api/v1/organisations/{rijswijk_id}"),
        format!("/api/v1/organisations/{rijswijk_id}/users"),
        "/api/v1/organisations/999999".to_string(),
    ] {
        assert_problem(&client.get_with_token(&path, &haag), 404);
    }
    let listed = client.get_with_token("/api/v1/organisations", &haag).json();
    assert_eq!(
        listed.as_array().unwrap().len(),
        1,
        "only its own organisation"
    );

    let audit = client.get_with_token("/api/v1/audit", &haag).json();
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"permission.denied"), "{actions:?}");
    assert!(actions.contains(&"token.use"), "{actions:?}");
}

#[test]
fn a_wrong_role_or_missing_scope_answers_403() {
    let server = DemoServer::start();
    let mut client = Client::new(&server.base_url);
    let read_only = token(&server, "den-haag", "org:read");
    let own = org_id(&mut client, &read_only);
    assert_problem(
        &client.get_with_token(&format!("/api/v1/organisations/{own}/users"), &read_only),
        403,
    );
    let new_user = serde_json::json!({
        "email": "nieuw@denhaag.example", "name": "Nieuw", "role": "medewerker",
        "password": "een lang wachtwoord"
    });
    assert_problem(
        &client.post_json_with_token(
            &format!("/api/v1/organisations/{own}/users"),
            &read_only,
            new_user.clone(),
        ),
        403,
    );

    // The same through the pages: a medewerker may not see the audit log.
    let mut web = Client::new(&server.base_url);
    assert_eq!(
        web.login("medewerker@denhaag.example", DEMO_PASSWORD)
            .status,
        303
    );
    let page = web.get("/beheer/audit");
    assert_eq!(page.status, 403);
    assert!(page.body.contains("Geen toegang"));
    assert!(page.body.contains("<html lang=\"nl\">"));

    // With the scope it works, and bad input names the fields.
    let writer = token(&server, "den-haag", "users:write");
    let created = client.post_json_with_token(
        &format!("/api/v1/organisations/{own}/users"),
        &writer,
        new_user.clone(),
    );
    assert_eq!(created.status, 201, "{}", created.body);
    assert_problem(
        &client.post_json_with_token(
            &format!("/api/v1/organisations/{own}/users"),
            &writer,
            new_user,
        ),
        409,
    );
    let bad =
        serde_json::json!({"email": "geen-adres", "name": "", "role": "baas", "password": "kort"});
    let reply =
        client.post_json_with_token(&format!("/api/v1/organisations/{own}/users"), &writer, bad);
    assert_problem(&reply, 422);
    let fields: Vec<String> = reply.json()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, ["email", "name", "role", "password"]);
}

#[test]
fn a_form_post_without_the_csrf_token_is_refused() {
    let server = DemoServer::start();
    let mut client = Client::new(&server.base_url);
    client.get("/inloggen");
    let no_token = client.post_form(
        "/inloggen",
        &[
            ("email", "beheerder@denhaag.example"),
            ("password", DEMO_PASSWORD),
        ],
    );
    assert_eq!(no_token.status, 403);
    assert!(!client.cookies.contains_key("vangnet_session"));

    assert_eq!(
        client
            .login("beheerder@denhaag.example", DEMO_PASSWORD)
            .status,
        303
    );
    let fields = [
        ("name", "Nieuw"),
        ("email", "nieuw@denhaag.example"),
        ("role", "medewerker"),
        ("password", "een lang wachtwoord"),
    ];
    assert_eq!(client.post_form("/beheer/gebruikers", &fields).status, 403);
    let wrong: Vec<(&str, &str)> = fields
        .iter()
        .copied()
        .chain([("csrf_token", "vervalst")])
        .collect();
    assert_eq!(client.post_form("/beheer/gebruikers", &wrong).status, 403);

    // A cross-site origin is refused even with the right token.
    let csrf = client.csrf();
    let mut with_token: Vec<(&str, &str)> = fields.to_vec();
    with_token.push(("csrf_token", &csrf));
    client
        .extra_headers
        .push(("Origin".into(), "https://aanvaller.example".into()));
    assert_eq!(
        client.post_form("/beheer/gebruikers", &with_token).status,
        403
    );
    client.extra_headers.clear();

    let accepted = client.post_form("/beheer/gebruikers", &with_token);
    assert_eq!(accepted.status, 303);
    assert!(client
        .get("/beheer/gebruikers")
        .body
        .contains("nieuw@denhaag.example"));
}

#[test]
fn the_login_throttle_kicks_in_after_repeated_failures() {
    let server = DemoServer::start();
    let mut client = Client::new(&server.base_url);
    for attempt in 1..=5 {
        let reply = client.login("medewerker@denhaag.example", "fout-wachtwoord-123");
        assert_eq!(reply.status, 401, "attempt {attempt}");
        assert!(reply.body.contains("E-mailadres of wachtwoord is onjuist."));
    }
    // Now even the right password is refused for a while.
    let blocked = client.login("medewerker@denhaag.example", DEMO_PASSWORD);
    assert_eq!(blocked.status, 429);
    assert!(blocked.body.contains("Te veel mislukte pogingen"));
    assert!(!client.cookies.contains_key("vangnet_session"));
    // Another account from the same address is not yet affected.
    assert_eq!(
        client
            .login("teamleider@denhaag.example", DEMO_PASSWORD)
            .status,
        303
    );
}

#[test]
fn sessions_use_safe_cookies_and_end_at_logout() {
    let server = DemoServer::start();
    let mut client = Client::new(&server.base_url);
    let login = client.login("beheerder@denhaag.example", DEMO_PASSWORD);
    assert_eq!(login.status, 303);
    assert_eq!(login.header("location"), Some("/start"));
    let cookie = login
        .all("set-cookie")
        .into_iter()
        .find(|c| c.starts_with("vangnet_session="))
        .unwrap()
        .to_string();
    for part in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(part), "{cookie}");
    }
    assert!(!cookie.contains("Secure"), "plain http on localhost");
    let start = client.get("/start");
    assert_eq!(start.status, 200);
    assert!(start.body.contains("Welkom, Fatima"));
    assert!(start.body.contains("Gebruikers beheren"));

    let stolen = client.cookies.clone();
    let csrf = client.csrf();
    assert_eq!(
        client
            .post_form("/uitloggen", &[("csrf_token", &csrf)])
            .status,
        303
    );
    assert_eq!(client.get("/start").header("location"), Some("/inloggen"));
    // The old cookie no longer works: the session is gone on the server.
    client.cookies = stolen;
    assert_eq!(client.get("/start").status, 303);

    // Behind an https proxy the cookie is Secure.
    let mut proxied = Client::new(&server.base_url);
    proxied
        .extra_headers
        .push(("X-Forwarded-Proto".into(), "https".into()));
    let login = proxied.login("beheerder@denhaag.example", DEMO_PASSWORD);
    assert!(login
        .all("set-cookie")
        .iter()
        .any(|c| c.starts_with("vangnet_session=") && c.contains("Secure")));
}

#[test]
fn a_blocked_user_can_no_longer_log_in() {
    let server = DemoServer::start();
    let mut admin = Client::new(&server.base_url);
    admin.login("beheerder@denhaag.example", DEMO_PASSWORD);
    let mut worker = Client::new(&server.base_url);
    assert_eq!(
        worker
            .login("medewerker@denhaag.example", DEMO_PASSWORD)
            .status,
        303
    );

    let (_, out, _) = vangnet(
        &["user", "list", "--org", "den-haag", "--json"],
        &server.db_path,
        None,
    );
    let users: serde_json::Value = serde_json::from_str(&out).unwrap();
    let id = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "medewerker@denhaag.example")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let csrf = admin.csrf();
    let reply = admin.post_form(
        &format!("/beheer/gebruikers/{id}/blokkeren"),
        &[("csrf_token", &csrf)],
    );
    assert_eq!(
        reply.header("location"),
        Some("/beheer/gebruikers?melding=geblokkeerd")
    );

    assert_eq!(worker.get("/start").status, 303, "the open session ended");
    let mut again = Client::new(&server.base_url);
    assert_eq!(
        again
            .login("medewerker@denhaag.example", DEMO_PASSWORD)
            .status,
        401
    );
}

#[test]
fn pages_scope_users_to_the_own_organisation() {
    let server = DemoServer::start();
    let mut admin = Client::new(&server.base_url);
    admin.login("beheerder@denhaag.example", DEMO_PASSWORD);
    let page = admin.get("/beheer/gebruikers");
    assert!(page.body.contains("medewerker@denhaag.example"));
    assert!(
        !page.body.contains("rijswijk.example"),
        "no other organisation's users"
    );

    let (_, out, _) = vangnet(
        &["user", "list", "--org", "rijswijk", "--json"],
        &server.db_path,
        None,
    );
    let users: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rijswijk_user = users[0]["id"].as_i64().unwrap();
    let csrf = admin.csrf();
    let reply = admin.post_form(
        &format!("/beheer/gebruikers/{rijswijk_user}/blokkeren"),
        &[("csrf_token", &csrf)],
    );
    assert_eq!(reply.status, 404);
    let mut other = Client::new(&server.base_url);
    assert_eq!(
        other
            .login("medewerker@rijswijk.example", DEMO_PASSWORD)
            .status,
        303,
        "still active"
    );
}

#[test]
fn every_response_carries_security_headers_and_a_request_id() {
    let server = DemoServer::start();
    let mut client = Client::new(&server.base_url);
    for path in ["/inloggen", "/healthz", "/api/v1/me", "/bestaat-niet"] {
        let reply = client.get(path);
        let csp = reply.header("content-security-policy").unwrap_or_default();
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"),
            "{path}"
        );
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(
            reply.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(
            reply.header("referrer-policy"),
            Some("same-origin"),
            "{path}"
        );
        assert_eq!(
            reply.header("x-request-id").map(str::len),
            Some(16),
            "{path}"
        );
    }
    let missing = client.get("/bestaat-niet");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Pagina niet gevonden"));
    assert_problem(&client.get("/api/v1/bestaat-niet"), 404);
    assert_eq!(client.get("/healthz").json()["status"], "ok");
    assert_eq!(client.get("/readyz").json()["database"], "sqlite");
    let css = client.get("/static/vangnet.css");
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").unwrap().starts_with("text/css"));
}

#[test]
fn the_openapi_document_describes_every_api_route() {
    let server = DemoServer::start();
    let mut client = Client::new(&server.base_url);
    let doc = client.get("/api/v1/openapi.json").json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    for expected in [
        "/api/v1/me",
        "/api/v1/organisations",
        "/api/v1/organisations/{id}",
        "/api/v1/organisations/{id}/users",
        "/api/v1/audit",
    ] {
        assert!(
            paths.iter().any(|p| p.as_str() == expected),
            "{expected} missing from {paths:?}"
        );
    }
    assert!(doc["paths"]["/api/v1/organisations/{id}/users"]["post"].is_object());
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

#[test]
fn oversized_bodies_are_refused_before_they_are_read() {
    use std::io::{Read, Write};
    let server = DemoServer::start();
    let address = server.base_url.trim_start_matches("http://");
    for path in ["/inloggen", "/api/v1/organisations/1/users"] {
        let mut stream = std::net::TcpStream::connect(address).unwrap();
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
             Content-Length: 2000000\r\nConnection: close\r\n\r\n"
        );
        stream.write_all(head.as_bytes()).unwrap();
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        assert!(answer.starts_with("HTTP/1.1 413"), "{path}: {answer}");
    }
}

#[test]
fn parallel_guesses_cannot_slip_under_the_throttle() {
    let server = DemoServer::start();
    let base = server.base_url.clone();
    let guesses: Vec<_> = (0..16)
        .map(|i| {
            let base = base.clone();
            std::thread::spawn(move || {
                let mut client = Client::new(&base);
                client
                    .login("teamleider@denhaag.example", &format!("gok-nummer-{i:04}"))
                    .status
            })
        })
        .collect();
    let statuses: Vec<u16> = guesses.into_iter().map(|g| g.join().unwrap()).collect();
    let checked = statuses.iter().filter(|s| **s == 401).count();
    assert!(
        checked <= 5,
        "at most 5 passwords checked, got {checked}: {statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 401 || *s == 429),
        "{statuses:?}"
    );
}

#[test]
fn unreadable_input_gets_a_dutch_answer() {
    let server = DemoServer::start();
    let mut client = Client::new(&server.base_url);
    let corporation = {
        let (ok, out, err) = vangnet(
            &[
                "token",
                "create",
                "--org",
                "haagse-woningstichting",
                "--name",
                "t",
                "--scopes",
                "signals:write",
            ],
            &server.db_path,
            None,
        );
        assert!(ok, "{err}");
        out.trim().to_string()
    };
    let reply = client.post_json_with_token(
        "/api/v1/signals",
        &corporation,
        serde_json::json!("geen signaal"),
    );
    assert_problem(&reply, 422);
    assert_eq!(reply.json()["title"], "Ongeldige invoer");
    assert!(reply.json()["detail"]
        .as_str()
        .unwrap()
        .starts_with("Het verzoek kon niet worden gelezen"));

    client.login("medewerker@denhaag.example", DEMO_PASSWORD);
    let page = client.get("/gemeente/zaken/geen-getal");
    assert_eq!(page.status, 400);
    assert!(page.body.contains("Ongeldig verzoek") && page.body.contains("<html lang=\"nl\">"));
}
