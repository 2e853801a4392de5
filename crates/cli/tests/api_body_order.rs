//! The door before the body: every API write route decides access (401,
//! 403, 404 for another organisation's object) before it reads the body, so
//! a caller who may not use the route learns nothing from a body error
//! about the route or the shape it wants. Only a permitted caller gets a
//! body error (400, 415 or 422), as problem+json.
//!
//! The routes come from `/api/v1/openapi.json`: a write route without a row
//! in `DOORS` fails the test by name.

mod support;

use serde_json::{json, Value};
use std::collections::BTreeSet;
use support::http::{Client, Reply};
use support::server::{admin, DemoServer};

/// Every scope, so a refusal can only come from the organisation's kind or
/// the object's owner.
const ALL_SCOPES: &str = "org:read,users:read,users:write,audit:read,signals:read,\
    signals:write,cases:read,cases:write,ddas:export,tenancies:read,tenancies:write,\
    kennisbank:write,kennisbank:review,stats:read";

/// Bodies no route can read, with what a permitted caller may get for
/// them (a truncated object is a syntax error, or for a route that wants a
/// list already the wrong type).
const UNREADABLE: &[(&str, &str, &[u16])] = &[
    ("application/json", "{", &[400, 422]),
    ("text/plain", "{}", &[415]),
];

#[derive(Clone, Copy, Debug)]
enum Caller {
    Anonymous,
    /// Den Haag, every scope.
    Gemeente,
    /// Den Haag, `org:read` only.
    GemeenteReader,
    /// The demo's verhuurder, every scope.
    Verhuurder,
    /// The demo's verhuurder, `org:read` only.
    VerhuurderReader,
    /// A second verhuurder, every scope: not the tenancy's owner.
    OtherVerhuurder,
}

/// What fills the route's one path parameter.
#[derive(Clone, Copy, Debug)]
enum Object {
    Nothing,
    Haag,
    Rijswijk,
    /// The demo verhuurder's tenancy.
    Tenancy,
    /// A published practice.
    Practice,
}

/// One write route: the permitted caller on its object, and who must be
/// refused (on which object, with which status) whatever the body.
struct Door {
    route: &'static str,
    object: Object,
    allowed: Caller,
    refused: &'static [(Caller, Object, u16)],
}

const TENANCY_REFUSALS: &[(Caller, Object, u16)] = &[
    (Caller::OtherVerhuurder, Object::Tenancy, 404),
    (Caller::Gemeente, Object::Tenancy, 403),
    (Caller::VerhuurderReader, Object::Tenancy, 403),
];

const DOORS: &[Door] = &[
    Door {
        route: "POST /api/v1/signals",
        object: Object::Nothing,
        allowed: Caller::Verhuurder,
        refused: &[
            (Caller::Gemeente, Object::Nothing, 403),
            (Caller::VerhuurderReader, Object::Nothing, 403),
        ],
    },
    Door {
        route: "POST /api/v1/organisations/{id}/users",
        object: Object::Haag,
        allowed: Caller::Gemeente,
        refused: &[
            (Caller::Gemeente, Object::Rijswijk, 404),
            (Caller::GemeenteReader, Object::Haag, 403),
        ],
    },
    Door {
        route: "POST /api/v1/tenancies",
        object: Object::Nothing,
        allowed: Caller::Verhuurder,
        refused: &[
            (Caller::Gemeente, Object::Nothing, 403),
            (Caller::VerhuurderReader, Object::Nothing, 403),
        ],
    },
    Door {
        route: "PUT /api/v1/tenancies",
        object: Object::Nothing,
        allowed: Caller::Verhuurder,
        refused: &[
            (Caller::Gemeente, Object::Nothing, 403),
            (Caller::VerhuurderReader, Object::Nothing, 403),
        ],
    },
    Door {
        route: "POST /api/v1/tenancies/{id}/ledger",
        object: Object::Tenancy,
        allowed: Caller::Verhuurder,
        refused: TENANCY_REFUSALS,
    },
    Door {
        route: "POST /api/v1/tenancies/{id}/events",
        object: Object::Tenancy,
        allowed: Caller::Verhuurder,
        refused: TENANCY_REFUSALS,
    },
    Door {
        route: "POST /api/v1/tenancies/{id}/gate",
        object: Object::Tenancy,
        allowed: Caller::Verhuurder,
        refused: TENANCY_REFUSALS,
    },
    Door {
        route: "POST /api/v1/kennisbank/inzendingen",
        object: Object::Nothing,
        allowed: Caller::Gemeente,
        refused: &[(Caller::GemeenteReader, Object::Nothing, 403)],
    },
    Door {
        route: "POST /api/v1/kennisbank/{slug}/wijzigingen",
        object: Object::Practice,
        allowed: Caller::Gemeente,
        refused: &[(Caller::GemeenteReader, Object::Practice, 403)],
    },
];

struct World {
    base: String,
    api: Client,
    gemeente: String,
    gemeente_reader: String,
    verhuurder: String,
    verhuurder_reader: String,
    other_verhuurder: String,
    haag: i64,
    rijswijk: i64,
    tenancy: i64,
    practice: String,
}

impl World {
    fn prepare(server: &DemoServer) -> World {
        let (ok, _, err) = admin(
            server,
            &[
                "org",
                "add",
                "--code",
                "tweede-verhuurder",
                "--name",
                "Tweede Verhuurder",
                "--kind",
                "verhuurder",
            ],
            None,
        );
        assert!(ok, "{err}");
        let mut api = Client::new(&server.base_url);
        let gemeente = token(server, "den-haag", ALL_SCOPES);
        let verhuurder = token(server, "haagse-woningstichting", ALL_SCOPES);
        let rijswijk = token(server, "rijswijk", "org:read");
        let haag = org_id(&mut api, &gemeente);
        let rijswijk = org_id(&mut api, &rijswijk);
        let tenancy = new_tenancy(&mut api, &verhuurder);
        let practice = published_practice(&mut api);
        World {
            base: server.base_url.clone(),
            api,
            gemeente,
            gemeente_reader: token(server, "den-haag", "org:read"),
            verhuurder,
            verhuurder_reader: token(server, "haagse-woningstichting", "org:read"),
            other_verhuurder: token(server, "tweede-verhuurder", ALL_SCOPES),
            haag,
            rijswijk,
            tenancy,
            practice,
        }
    }

    fn token(&self, caller: Caller) -> Option<&str> {
        let token = match caller {
            Caller::Anonymous => return None,
            Caller::Gemeente => &self.gemeente,
            Caller::GemeenteReader => &self.gemeente_reader,
            Caller::Verhuurder => &self.verhuurder,
            Caller::VerhuurderReader => &self.verhuurder_reader,
            Caller::OtherVerhuurder => &self.other_verhuurder,
        };
        Some(token)
    }

    /// The route's pattern with its one parameter filled in.
    fn path(&self, pattern: &str, object: Object) -> String {
        let value = match object {
            Object::Nothing => return pattern.to_string(),
            Object::Haag => self.haag.to_string(),
            Object::Rijswijk => self.rijswijk.to_string(),
            Object::Tenancy => self.tenancy.to_string(),
            Object::Practice => self.practice.clone(),
        };
        let start = pattern.find('{').expect("a parameter");
        let end = pattern[start..].find('}').expect("a closed parameter") + start;
        format!("{}{value}{}", &pattern[..start], &pattern[end + 1..])
    }

    /// Each call on its own connection: hyper closes a kept-alive one when
    /// it answers before the body has arrived (a 401 never reads it), and a
    /// pooled client would then fail the next call with an early EOF.
    fn send(&self, route: &str, caller: Caller, object: Object, body: (&str, &str)) -> Reply {
        let (method, pattern) = route.split_once(' ').expect("METHOD /path");
        let path = self.path(pattern, object);
        let (content_type, text) = body;
        Client::new(&self.base).send_raw(method, &path, self.token(caller), content_type, text)
    }
}

/// A token made as an administrator would (the shared helper names it
/// after its scopes, too long for every scope).
fn token(server: &DemoServer, org: &str, scopes: &str) -> String {
    // Names are unique per organisation; each of its tokens here has
    // another set of scopes.
    let name = format!("deur-{}", scopes.len());
    let args = [
        "token", "create", "--org", org, "--name", &name, "--scopes", scopes,
    ];
    let (ok, out, err) = admin(server, &args, None);
    assert!(ok, "token create for {org} failed: {err}");
    out.trim().to_string()
}

fn org_id(api: &mut Client, token: &str) -> i64 {
    let me = api.get_with_token("/api/v1/me", token);
    me.json()["organisation"]["id"].as_i64().expect("own id")
}

fn new_tenancy(api: &mut Client, verhuurder: &str) -> i64 {
    let tenancy = json!({
        "reference": "DEUR-1",
        "tenants": ["J. de Wit"],
        "street": "Laan van Meerdervoort",
        "house_number": "12",
        "postcode": "2517 AB",
        "city": "Den Haag",
        "monthly_rent_cents": 85_000,
        "start_date": "2019-05-01"
    });
    let reply = api.post_json_with_token("/api/v1/tenancies", verhuurder, tenancy);
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()["items"][0]["tenancy_id"]
        .as_i64()
        .expect("tenancy id")
}

fn published_practice(api: &mut Client) -> String {
    let found = api.get("/api/v1/kennisbank?limit=1").json();
    found["hits"][0]["slug"]
        .as_str()
        .expect("a published practice")
        .to_string()
}

/// "METHOD /path" of every write operation the document describes.
fn write_routes(api: &mut Client) -> BTreeSet<String> {
    let doc: Value = api.get("/api/v1/openapi.json").json();
    let mut routes = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("operations").keys() {
            if matches!(method.as_str(), "post" | "put" | "patch") {
                routes.insert(format!("{} {path}", method.to_uppercase()));
            }
        }
    }
    routes
}

/// What is wrong with an answer, if anything: one of the expected
/// statuses, always as problem+json.
fn wrong(reply: &Reply, expected: &[u16]) -> Option<String> {
    let problem = reply
        .header("content-type")
        .is_some_and(|v| v.starts_with("application/problem+json"));
    if expected.contains(&reply.status) && problem {
        return None;
    }
    Some(format!(
        "expected {expected:?} as problem+json, got {} ({:?}): {}",
        reply.status,
        reply.header("content-type"),
        reply.body
    ))
}

#[test]
fn every_write_route_decides_access_before_reading_the_body() {
    let server = DemoServer::start();
    let mut world = World::prepare(&server);
    let routes = write_routes(&mut world.api);
    let listed: BTreeSet<String> = DOORS.iter().map(|d| d.route.to_string()).collect();
    let mut problems: Vec<String> = routes
        .difference(&listed)
        .map(|r| format!("{r}: add it to DOORS in api_body_order.rs"))
        .chain(
            listed
                .difference(&routes)
                .map(|r| format!("{r}: in DOORS but not in the OpenAPI document")),
        )
        .collect();
    for door in DOORS {
        for &(content_type, text, parsed) in UNREADABLE {
            let body = (content_type, text);
            let refused = door
                .refused
                .iter()
                .map(|(c, o, s)| (*c, *o, std::slice::from_ref(s)));
            let calls = std::iter::once((Caller::Anonymous, door.object, &[401][..]))
                .chain(refused)
                .chain([(door.allowed, door.object, parsed)]);
            for (caller, object, expected) in calls {
                let reply = world.send(door.route, caller, object, body);
                if let Some(why) = wrong(&reply, expected) {
                    problems.push(format!(
                        "{} as {caller:?} on {object:?} with {content_type} {text:?}: {why}",
                        door.route
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
