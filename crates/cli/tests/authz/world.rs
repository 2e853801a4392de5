//! The callers of the authorization matrix and the example objects its
//! paths are filled with, read from the demo's SQLite database.

use super::support::http::Client;
use super::support::server::{admin, DemoServer, DEMO_PASSWORD};
use std::collections::{BTreeMap, BTreeSet};

/// Who calls: a signed-in person (`login`), an API token (`token`: the
/// organisation's code and its scopes), or nobody.
pub struct Caller {
    pub name: &'static str,
    login: Option<&'static str>,
    token: Option<(&'static str, &'static str)>,
}

const fn person(name: &'static str, email: &'static str) -> Caller {
    Caller {
        name,
        login: Some(email),
        token: None,
    }
}

const fn bearer(name: &'static str, org: &'static str, scopes: &'static str) -> Caller {
    Caller {
        name,
        login: None,
        token: Some((org, scopes)),
    }
}

const ANONYMOUS: Caller = Caller {
    name: "anon",
    login: None,
    token: None,
};

/// Every role of every organisation kind in the demo (`vangnet demo`):
/// platform beheer, two gemeenten (Den Haag with every role, Rijswijk),
/// a verhuurder, a signaalpartner, hulpverlening, a deurwaarder and the
/// redactie of the kennisbank.
const PAGE_CALLERS: [Caller; 13] = [
    ANONYMOUS,
    person("beh.bh", "beheer@vangnet.example"),
    person("gem.bh", "beheerder@denhaag.example"),
    person("gem.tl", "teamleider@denhaag.example"),
    person("gem.mw", "medewerker@denhaag.example"),
    person("gem2.mw", "medewerker@rijswijk.example"),
    person("vh.bh", "beheerder@woningstichting.example"),
    person("vh.tl", "teamleider.huur@woningstichting.example"),
    person("vh.mw", "medewerker@woningstichting.example"),
    person("sp.mw", "medewerker@energiewest.example"),
    person("hv.mw", "medewerker@schuldhulp.example"),
    person("dw.mw", "medewerker@vandijk.example"),
    person("red.rd", "redacteur@redactie.example"),
];

const ALL_SCOPES: &str = "org:read,users:read,users:write,audit:read,signals:read,\
    signals:write,cases:read,cases:write,ddas:export,tenancies:read,tenancies:write,\
    kennisbank:write,kennisbank:review,stats:read";

/// The API: nobody, a session cookie (the API takes tokens only), and per
/// organisation a token with every scope (`+`) and one with `org:read`
/// only (`-`).
const API_CALLERS: [Caller; 18] = [
    ANONYMOUS,
    person("cookie", "beheerder@denhaag.example"),
    bearer("beh+", "vangnet-beheer", ALL_SCOPES),
    bearer("beh-", "vangnet-beheer", "org:read"),
    bearer("gem+", "den-haag", ALL_SCOPES),
    bearer("gem-", "den-haag", "org:read"),
    bearer("gem2+", "rijswijk", ALL_SCOPES),
    bearer("gem2-", "rijswijk", "org:read"),
    bearer("vh+", "haagse-woningstichting", ALL_SCOPES),
    bearer("vh-", "haagse-woningstichting", "org:read"),
    bearer("sp+", "energie-west", ALL_SCOPES),
    bearer("sp-", "energie-west", "org:read"),
    bearer("hv+", "schuldhulp-haaglanden", ALL_SCOPES),
    bearer("hv-", "schuldhulp-haaglanden", "org:read"),
    bearer("dw+", "van-dijk-deurwaarders", ALL_SCOPES),
    bearer("dw-", "van-dijk-deurwaarders", "org:read"),
    bearer("red+", "redactie-handreiking", ALL_SCOPES),
    bearer("red-", "redactie-handreiking", "org:read"),
];

/// Example values per kind of object: (variant label, id), the label
/// naming whose object it is (`@gem`: Den Haag's, `@gem2`: Rijswijk's,
/// `@vh`: the verhuurder's, `@sp`: the signaalpartner's, `@beh`: the
/// platform's, `@red`: published by the redactie). `@none` when the demo
/// has no such object (then every caller should see 404).
type Examples = Vec<(&'static str, Option<i64>)>;

/// Which kind of object a path's `{id}` names, by the path's start.
const OBJECTS: &[(&str, &str)] = &[
    ("/beheer/gebruikers/", "user"),
    ("/signalen/imports/", "import"),
    ("/gemeente/zaken/", "case"),
    ("/huur/dossiers/", "tenancy"),
    ("/huur/doorbraken/", "override"),
    ("/huur/brieven/", "letter"),
    ("/reacties/", "response"),
    ("/beheer/poortbeleid/", "policy"),
    ("/huur/beleid/", "policy"),
    ("/kennisbank/bijlagen/", "attachment"),
    ("/kennisbank/mijn/", "revision"),
    ("/redactie/versies/", "revision"),
    ("/redactie/bijlagen/", "revision"),
    ("/redactie/historie/", "practice"),
    ("/redactie/verlopen/", "practice"),
    ("/kennisbank/", "slug"),
    ("/api/v1/organisations/", "org"),
    ("/api/v1/tenancies/", "tenancy"),
    ("/api/v1/kennisbank/", "slug"),
];

pub struct World {
    base: String,
    agent: ureq::Agent,
    /// Per caller name: its cookies, CSRF token and bearer token.
    cookies: BTreeMap<&'static str, (String, String)>,
    tokens: BTreeMap<&'static str, String>,
    objects: BTreeMap<&'static str, Examples>,
    slug: String,
}

impl World {
    pub fn prepare(server: &DemoServer) -> World {
        let objects = read_objects(server);
        let slug = objects["slug"][0].1.map(|id| slug_of(server, id)).unwrap();
        let mut world = World {
            base: server.base_url.clone(),
            // A fresh connection per request: the server may close one
            // after answering before it read a body, and a reused one then
            // ends in an unexpected EOF.
            agent: ureq::AgentBuilder::new()
                .redirects(0)
                .max_idle_connections(0)
                .build(),
            cookies: BTreeMap::new(),
            tokens: BTreeMap::new(),
            objects,
            slug,
        };
        for caller in PAGE_CALLERS.iter().chain(&API_CALLERS) {
            let mut client = Client::new(&server.base_url);
            match (caller.login, caller.token) {
                (Some(email), _) => {
                    let reply = client.login(email, DEMO_PASSWORD);
                    assert_eq!(reply.status, 303, "login {email}");
                }
                (None, Some((org, scopes))) => {
                    world
                        .tokens
                        .insert(caller.name, new_token(server, caller.name, org, scopes));
                }
                // Anonymous, but with a CSRF cookie, so its posts reach
                // the door instead of the CSRF check.
                (None, None) => drop(client.get("/inloggen")),
            }
            let jar: Vec<String> = client
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            let csrf = client
                .cookies
                .get("vangnet_csrf")
                .cloned()
                .unwrap_or_default();
            world.cookies.insert(caller.name, (jar.join("; "), csrf));
        }
        world
    }

    pub fn is_api(pattern: &str) -> bool {
        pattern.starts_with("/api/")
    }

    pub fn callers_for(&self, pattern: &str) -> &'static [Caller] {
        if Self::is_api(pattern) {
            &API_CALLERS
        } else {
            &PAGE_CALLERS
        }
    }

    /// The pattern filled in: one concrete path per example object, or
    /// the path itself (`-`) when it has no parameters.
    pub fn variants(&self, pattern: &str) -> Vec<(String, String)> {
        if !pattern.contains('{') {
            return vec![("-".into(), pattern.to_string())];
        }
        if pattern.starts_with("/statistieken/") || pattern.starts_with("/api/v1/stats/") {
            return stats_variants(pattern);
        }
        if pattern.starts_with("/huurder/") {
            // The demo makes no personal links: an unknown token, which
            // every caller, signed in or not, gets the same calm 404 for.
            let path = pattern.replace("{token}", "onbekende-link-0123456789abcdefghijklmn");
            return vec![("@none".into(), path)];
        }
        let (_, kind) = OBJECTS
            .iter()
            .find(|(start, _)| pattern.starts_with(start))
            .unwrap_or_else(|| panic!("{pattern}: add its object to OBJECTS in authz/world.rs"));
        if *kind == "slug" {
            return vec![("@red".into(), fill(pattern, "slug", &self.slug, self))];
        }
        self.objects[kind]
            .iter()
            .map(|(label, id)| {
                let id = id.unwrap_or(999_999).to_string();
                (label.to_string(), fill(pattern, "id", &id, self))
            })
            .collect()
    }

    /// One request; (status, Location).
    pub fn call(&self, caller: &Caller, method: &str, path: &str) -> (u16, Option<String>) {
        let response = self.send(caller, method, path, true);
        let location = response.header("location").map(str::to_string);
        (response.status(), location)
    }

    /// One request as `caller` (its cookies or token), with an empty or
    /// minimal body for anything but GET, and the CSRF token in the
    /// `X-CSRF-Token` header when `with_csrf`.
    pub fn send(
        &self,
        caller: &Caller,
        method: &str,
        path: &str,
        with_csrf: bool,
    ) -> ureq::Response {
        let mut request = self.agent.request(method, &format!("{}{path}", self.base));
        if let Some((jar, csrf)) = self.cookies.get(caller.name) {
            if !jar.is_empty() {
                request = request.set("Cookie", jar);
            }
            if with_csrf && !csrf.is_empty() {
                request = request.set("X-CSRF-Token", csrf);
            }
        }
        if let Some(token) = self.tokens.get(caller.name) {
            request = request.set("Authorization", &format!("Bearer {token}"));
        }
        // File uploads read a multipart body (an empty one here).
        let upload = path.ends_with("/upload")
            || path.ends_with("/bijlagen")
            || (path.starts_with("/redactie/bijlagen/") && !path.ends_with("/verwijderen"));
        let result = match (method, Self::is_api(path)) {
            ("GET", _) => request.call(),
            (_, true) => request
                .set("Content-Type", "application/json")
                .send_string(api_body(path)),
            (_, false) if upload => request
                .set("Content-Type", "multipart/form-data; boundary=leeg")
                .send_string("--leeg--\r\n"),
            (_, false) => request
                .set("Content-Type", "application/x-www-form-urlencoded")
                .send_string(""),
        };
        match result {
            Ok(response) => response,
            Err(ureq::Error::Status(_, response)) => response,
            Err(other) => panic!("{method} {path}: {other}"),
        }
    }

    /// Every (method, path pattern) the application serves. The patterns
    /// come from the router's own list; the methods from the `Allow` header
    /// axum sends with a 405 to an OPTIONS request (no route answers
    /// OPTIONS).
    pub fn routes(&self) -> Vec<(String, String)> {
        let mut routes = Vec::new();
        let patterns: BTreeSet<String> = vangnet_web::route_paths().into_iter().collect();
        for pattern in patterns {
            let (_, path) = self.variants(&pattern).remove(0);
            let response = self.send(&ANONYMOUS, "OPTIONS", &path, false);
            assert_eq!(response.status(), 405, "OPTIONS {path} (from {pattern})");
            let allow = response.header("allow").unwrap_or_default().to_string();
            let methods: BTreeSet<&str> = allow
                .split(',')
                .map(str::trim)
                .filter(|m| !m.is_empty() && *m != "HEAD")
                .collect();
            assert!(!methods.is_empty(), "{pattern}: no Allow header");
            for method in methods {
                routes.push((method.to_string(), pattern.clone()));
            }
        }
        routes
    }

    /// The API token of the caller called `name` (`gem+`, …).
    pub fn token_of(&self, name: &str) -> &str {
        &self.tokens[name]
    }

    /// The page caller called `name`.
    pub fn page_caller(name: &str) -> &'static Caller {
        PAGE_CALLERS
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("no caller {name}"))
    }
}

/// The statistics are per kind of dashboard, not per object: each kind
/// is asked for (a page, its workbook, a section's CSV, the API).
fn stats_variants(pattern: &str) -> Vec<(String, String)> {
    let mut variants = Vec::new();
    for kind in ["gemeente", "verhuurder", "platform"] {
        let file = if pattern.contains("{kind}") {
            "trechter.csv".to_string()
        } else {
            kind.to_string()
        };
        let path = pattern.replace("{kind}", kind).replace("{file}", &file);
        variants.push((format!("@{kind}"), path));
    }
    if pattern == "/statistieken/{file}" {
        variants.push((
            "@gemeente.xlsx".into(),
            "/statistieken/gemeente.xlsx".into(),
        ));
    }
    variants
}

/// The smallest JSON body the route's input type accepts, so the handler
/// (and its door) runs instead of the JSON reader refusing the body for
/// everyone alike; the values are invalid, so nothing is written.
fn api_body(path: &str) -> &'static str {
    if path.ends_with("/users") {
        r#"{"email": "geen-adres", "name": "", "role": "medewerker", "password": "kort"}"#
    } else if path.ends_with("/ledger") {
        "[]"
    } else if path.ends_with("/gate") {
        r#"{"step": "geen-stap"}"#
    } else if path.contains("/kennisbank/") {
        r#"{"title": "", "summary": "", "body_md": "", "phases": [], "actors": []}"#
    } else {
        "{}"
    }
}

/// Fills `{name}` with `value` and the other parameters from their fixed
/// examples.
fn fill(pattern: &str, name: &str, value: &str, world: &World) -> String {
    let attachment = world.objects["attachment"][0].1.unwrap_or(999_999);
    let mut path = pattern.replace(&format!("{{{name}}}"), value);
    let step = if pattern.starts_with("/redactie/") {
        "reactie"
    } else {
        "notitie"
    };
    path = path.replace("{step}", step);
    path = path.replace("{attachment}", &attachment.to_string());
    assert!(
        !path.contains('{'),
        "{pattern}: add an example value for its parameters to authz/world.rs"
    );
    path
}

/// The example objects, read from the demo database; two users made for
/// this test, since blocking one is a real change.
fn read_objects(server: &DemoServer) -> BTreeMap<&'static str, Examples> {
    for (org, email) in [
        ("den-haag", "doelwit@denhaag.example"),
        ("rijswijk", "doelwit@rijswijk.example"),
    ] {
        let args = [
            "user",
            "add",
            "--org",
            org,
            "--email",
            email,
            "--name",
            "Doelwit",
            "--role",
            "medewerker",
            "--password-stdin",
        ];
        let (ok, _, err) = admin(server, &args, Some("een lang wachtwoord 2026\n"));
        assert!(ok, "user add {email}: {err}");
    }
    let org = |code: &str| format!("(SELECT id FROM organisations WHERE code = '{code}')");
    let queries: Vec<(&'static str, &'static str, String)> = vec![
        (
            "user",
            "@gem",
            "SELECT id FROM users WHERE email = 'doelwit@denhaag.example'".into(),
        ),
        (
            "user",
            "@gem2",
            "SELECT id FROM users WHERE email = 'doelwit@rijswijk.example'".into(),
        ),
        (
            "import",
            "@vh",
            format!(
                "SELECT MIN(id) FROM imports WHERE partner_org_id = {}",
                org("haagse-woningstichting")
            ),
        ),
        (
            "import",
            "@sp",
            format!(
                "SELECT MIN(id) FROM imports WHERE partner_org_id = {}",
                org("energie-west")
            ),
        ),
        (
            "case",
            "@gem",
            format!(
                "SELECT MIN(id) FROM cases WHERE gemeente_org_id = {}",
                org("den-haag")
            ),
        ),
        (
            "case",
            "@gem2",
            format!(
                "SELECT MIN(id) FROM cases WHERE gemeente_org_id = {}",
                org("rijswijk")
            ),
        ),
        ("tenancy", "@vh", "SELECT MIN(id) FROM tenancies".into()),
        // The demo's first letter, and its first response (a proposal).
        ("letter", "@vh", "SELECT MIN(id) FROM tenant_letters".into()),
        (
            "response",
            "@vh",
            "SELECT MIN(id) FROM tenant_responses".into(),
        ),
        (
            "override",
            "@vh",
            "SELECT MIN(id) FROM gate_overrides WHERE status = 'pending'".into(),
        ),
        (
            "policy",
            "@beh",
            "SELECT MIN(id) FROM gate_policies WHERE verhuurder_org_id IS NULL".into(),
        ),
        (
            "policy",
            "@vh",
            "SELECT MIN(id) FROM gate_policies WHERE verhuurder_org_id IS NOT NULL".into(),
        ),
        (
            "attachment",
            "@red",
            "SELECT MIN(id) FROM kb_attachments".into(),
        ),
        (
            "revision",
            "@vh",
            "SELECT MIN(id) FROM kb_revisions WHERE status = 'submitted'".into(),
        ),
        (
            "revision",
            "@red",
            "SELECT MIN(id) FROM kb_revisions WHERE status = 'published'".into(),
        ),
        (
            "practice",
            "@red",
            "SELECT MIN(id) FROM kb_practices WHERE published_revision_id IS NOT NULL".into(),
        ),
        (
            "slug",
            "@red",
            "SELECT MIN(id) FROM kb_practices WHERE published_revision_id IS NOT NULL".into(),
        ),
        ("org", "@gem", org("den-haag")),
        ("org", "@gem2", org("rijswijk")),
    ];
    let mut objects: BTreeMap<&'static str, Examples> = BTreeMap::new();
    for (kind, label, sql) in queries {
        let id = query_i64(server, &sql);
        let label = if id.is_some() { label } else { "@none" };
        objects.entry(kind).or_default().push((label, id));
    }
    objects
}

fn new_token(server: &DemoServer, name: &str, org: &str, scopes: &str) -> String {
    let args = [
        "token", "create", "--org", org, "--name", name, "--scopes", scopes,
    ];
    let (ok, out, err) = admin(server, &args, None);
    assert!(ok, "token create {name}: {err}");
    out.trim().to_string()
}

fn slug_of(server: &DemoServer, practice: i64) -> String {
    query_text(
        server,
        &format!("SELECT slug FROM kb_practices WHERE id = {practice}"),
    )
}

pub fn query_i64(server: &DemoServer, sql: &str) -> Option<i64> {
    let sql = format!("SELECT CAST(({sql}) AS TEXT)");
    let text = query_text_opt(server, &sql)?;
    text.parse().ok()
}

fn query_text(server: &DemoServer, sql: &str) -> String {
    query_text_opt(server, sql).unwrap_or_else(|| panic!("no row for {sql}"))
}

fn query_text_opt(server: &DemoServer, sql: &str) -> Option<String> {
    use sqlx::Connection;
    let url = server.database_url.clone();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async move {
        let mut connection = sqlx::SqliteConnection::connect(&url)
            .await
            .expect("connect");
        let row: (Option<String>,) = sqlx::query_as(sql)
            .fetch_one(&mut connection)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        row.0
    })
}
