//! What the tenant-channel tests of the verhuurder's side share: the demo
//! people and tenancy, the channel settings a beheerder saves, a second
//! verhuurder, and reads straight from the store.

use super::http::Client;
use super::server::{admin, DemoServer, DEMO_PASSWORD};
use super::signals::logged_in;
use std::sync::Arc;
use vangnet_store::Store;

pub const WORKER: &str = "medewerker@woningstichting.example";
pub const LEAD: &str = "teamleider.huur@woningstichting.example";
pub const BEHEERDER: &str = "beheerder@woningstichting.example";
pub const VERHUURDER: &str = "haagse-woningstichting";
/// The demo's tenancy whose summons waits for a home visit, in Den Haag,
/// with months of arrears and no arrangement offered yet.
pub const TENANCY: &str = "HWS-1004";

pub fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .unwrap()
        })
        .block_on(future)
}

/// The tenancy's id, from the verhuurder's list page.
pub fn tenancy_id(client: &mut Client, reference: &str) -> i64 {
    let list = client.get("/huur/dossiers");
    list.body
        .split("<a href=\"/huur/dossiers/")
        .skip(1)
        .find(|part| part.contains(&format!(">{reference}</a>")))
        .and_then(|part| part.split('"').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("{reference} is not listed"))
}

/// The beheerder's channel settings: what every letter needs.
pub fn set_channel(beheerder: &mut Client) {
    save_channel(beheerder, "070 123 45 67", "NL91 ABNA 0417 1643 00");
}

/// The channel settings with these payment details (empty: none).
pub fn save_channel(beheerder: &mut Client, phone: &str, iban: &str) {
    let saved = post_channel(beheerder, phone, iban, "");
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert!(saved.body.contains("opgeslagen"), "{}", saved.body);
}

/// Posts the channel settings form with these payment details and reply
/// address; the answer is the caller's to check.
pub fn post_channel(
    beheerder: &mut Client,
    phone: &str,
    iban: &str,
    reply_email: &str,
) -> super::http::Reply {
    let form = beheerder.get("/huur/huurderskanaal");
    assert_eq!(form.status, 200, "{}", form.body);
    let csrf = beheerder.csrf();
    beheerder.post_form(
        "/huur/huurderskanaal",
        &[
            ("csrf_token", &csrf),
            ("geldig_dagen", "30"),
            ("foute_antwoorden", "5"),
            ("max_looptijd", "12"),
            ("min_termijnbedrag", "25,00"),
            ("ideal_url", ""),
            ("telefoon", phone),
            ("iban", iban),
            ("schuldhulp_naam", "Schuldhulp Den Haag"),
            ("schuldhulp_telefoon", "14070"),
            ("schuldhulp_email", "schuldhulp@denhaag.example"),
            ("schuldhulp_website", "https://denhaag.example/geldzorgen"),
            ("antwoord_email", reply_email),
        ],
    )
}

/// The link shown once after generating.
pub fn fresh_link(body: &str) -> String {
    let start = body.find("<code id=\"fresh-link\">").expect("a fresh link") + 22;
    let end = body[start..].find("</code>").unwrap() + start;
    body[start..end].to_string()
}

/// The personal link in a letter shown right after it was made.
pub fn link_in_letter(body: &str) -> String {
    let start = body.find("href=\"http").expect("a link in the letter") + 6;
    let end = body[start..].find('"').unwrap() + start;
    body[start..end].to_string()
}

pub fn verhuurder_id(store: &Arc<dyn Store>) -> i64 {
    block_on(store.org_by_code(VERHUURDER)).unwrap().unwrap().id
}

pub fn event_kinds(store: &Arc<dyn Store>, org: i64, tenancy: i64) -> Vec<String> {
    block_on(store.tenancy_events(org, tenancy))
        .unwrap()
        .into_iter()
        .map(|e| e.event.kind)
        .collect()
}

/// A second verhuurder with a medewerker, signed in.
pub fn other_verhuurder(server: &DemoServer) -> Client {
    let (ok, _, err) = admin(
        server,
        &[
            "org",
            "add",
            "--code",
            "andere-woningen",
            "--name",
            "Andere Woningen",
            "--kind",
            "verhuurder",
        ],
        None,
    );
    assert!(ok, "org add: {err}");
    let email = "medewerker@anderewoningen.example";
    let (ok, _, err) = admin(
        server,
        &[
            "user",
            "add",
            "--org",
            "andere-woningen",
            "--email",
            email,
            "--name",
            "Ander",
            "--role",
            "medewerker",
            "--password-stdin",
        ],
        Some(&format!("{DEMO_PASSWORD}\n")),
    );
    assert!(ok, "user add: {err}");
    logged_in(server, email)
}
