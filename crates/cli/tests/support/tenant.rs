//! A tenancy with a personal link for the tenant-view tests: the tenancy
//! through the API (as a verhuurder sends it), the link through the
//! store's `create_link` with the SHA-256 of a token the test chooses, as
//! the letter code would make it.

use super::http::Client;
use super::server::{token, DemoServer};
use chrono::{Duration, Utc};
use serde_json::{json, Value};
use vangnet_domain::audit::AuditEvent;
use vangnet_store::tenant_channel::NewLink;
use vangnet_store::{OrgScope, Page};

pub const VERHUURDER: &str = "haagse-woningstichting";
pub const POSTCODE: &str = "2517 AB";
pub const HOUSE_NUMBER: &str = "12A";
pub const RENT: i64 = 75_000;

pub fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

pub fn today() -> chrono::NaiveDate {
    vangnet_domain::calendar::amsterdam_date(Utc::now())
}

pub fn ago(days: i64) -> String {
    (today() - Duration::days(days)).to_string()
}

pub struct World {
    pub database_url: String,
    pub writer: String,
    pub api: Client,
    pub verhuurder_id: i64,
}

impl World {
    pub fn new(server: &DemoServer) -> World {
        let writer = token(server, VERHUURDER, "tenancies:read,tenancies:write");
        let verhuurder_id = block_on(async {
            let store = vangnet_store::connect(&server.database_url).await.unwrap();
            let orgs = store.list_orgs(OrgScope::All).await.unwrap();
            orgs.into_iter().find(|o| o.code == VERHUURDER).unwrap().id
        });
        World {
            database_url: server.database_url.clone(),
            writer,
            api: Client::new(&server.base_url),
            verhuurder_id,
        }
    }

    /// A tenancy with three months of rent due and `events` recorded.
    pub fn tenancy(&mut self, reference: &str, events: &[Value]) -> i64 {
        let body = json!({
            "reference": reference,
            "tenants": ["J. de Wit"],
            "street": "Laan van Meerdervoort",
            "house_number": "12",
            "addition": "A",
            "postcode": POSTCODE,
            "city": "Den Haag",
            "monthly_rent_cents": RENT,
            "start_date": "2019-05-01"
        });
        let reply = self
            .api
            .post_json_with_token("/api/v1/tenancies", &self.writer, body);
        assert_eq!(reply.status, 200, "{}", reply.body);
        let id = reply.json()["items"][0]["tenancy_id"].as_i64().unwrap();
        let ledger: Vec<Value> = (1..=3)
            .map(|m| {
                json!({"kind": "due", "on_date": ago(30 * m), "amount_cents": RENT,
                       "reference": format!("huur-{m}")})
            })
            .collect();
        let path = format!("/api/v1/tenancies/{id}/ledger");
        let reply = self
            .api
            .post_json_with_token(&path, &self.writer, Value::Array(ledger));
        assert_eq!(reply.status, 200, "{}", reply.body);
        for event in events {
            let path = format!("/api/v1/tenancies/{id}/events");
            let reply = self
                .api
                .post_json_with_token(&path, &self.writer, event.clone());
            assert_eq!(reply.status, 201, "{}", reply.body);
        }
        id
    }
}

/// Makes a link for the tenancy with `token`, created `age_days` ago and
/// living `valid_days`; returns its id.
pub fn link(
    server: &DemoServer,
    verhuurder_id: i64,
    tenancy_id: i64,
    token: &str,
    age_days: i64,
    valid_days: i64,
) -> i64 {
    block_on(async {
        let store = vangnet_store::connect(&server.database_url).await.unwrap();
        let created_at = Utc::now() - Duration::days(age_days);
        let link = NewLink {
            tenancy_id,
            token_hash: vangnet_web::sha256_hex(token),
            created_at,
            expires_at: created_at + Duration::days(valid_days),
            created_by_user_id: None,
        };
        let audit = AuditEvent::new("tenant_link.create", "tenant_link", None).by_label("test");
        store
            .create_link(verhuurder_id, &link, audit)
            .await
            .unwrap()
            .id
    })
}

/// The value of input `name` inside the form posting to `action_end`.
pub fn form_value(body: &str, action_end: &str, name: &str) -> String {
    let start = body
        .find(&format!("{action_end}\""))
        .unwrap_or_else(|| panic!("no form posting to {action_end} in:\n{body}"));
    let form = &body[start..];
    let form = &form[..form.find("</form>").unwrap()];
    let marker = format!("name=\"{name}\"");
    let at = form
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in the form {action_end}"));
    let value_at = form[at..].find("value=\"").unwrap() + at + 7;
    let end = form[value_at..].find('"').unwrap() + value_at;
    form[value_at..end].to_string()
}

/// Opens the link and passes the address check; the client then holds
/// the tenant session.
pub fn confirm(client: &mut Client, token: &str) {
    let page = client.get(&format!("/huurder/{token}"));
    assert_eq!(page.status, 200, "{}", page.body);
    let csrf = page.csrf_field();
    let reply = client.post_form(
        &format!("/huurder/{token}/controle"),
        &[
            ("csrf_token", &csrf),
            ("postcode", POSTCODE),
            ("huisnummer", HOUSE_NUMBER),
        ],
    );
    assert_eq!(reply.status, 303, "{}", reply.body);
    let cookie = reply
        .all("set-cookie")
        .into_iter()
        .find(|c| c.starts_with("vangnet_huurder="))
        .expect("a tenant cookie")
        .to_string();
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/huurder", "Max-Age="] {
        assert!(cookie.contains(flag), "{cookie}");
    }
}

pub async fn store_of(database_url: &str) -> std::sync::Arc<dyn vangnet_store::Store> {
    vangnet_store::connect(database_url).await.unwrap()
}

/// The work list's responses of one tenancy: (kind, detail).
pub fn responses(server: &DemoServer, verhuurder: i64, tenancy: i64) -> Vec<(String, Value)> {
    block_on(async {
        let store = store_of(&server.database_url).await;
        let all = store
            .responses(
                verhuurder,
                None,
                Page {
                    limit: 500,
                    offset: 0,
                },
            )
            .await
            .unwrap();
        all.into_iter()
            .filter(|r| r.tenancy_id == tenancy)
            .map(|r| (r.kind, r.detail))
            .collect()
    })
}

pub fn event_kinds(world: &mut World, tenancy: i64) -> Vec<String> {
    let verhuurder = world.verhuurder_id;
    block_on(async {
        let store = store_of(&world.database_url).await;
        let events = store.tenancy_events(verhuurder, tenancy).await.unwrap();
        events.into_iter().map(|e| e.event.kind).collect()
    })
}
