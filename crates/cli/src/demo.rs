//! `vangnet demo`: a fresh database with realistic organisations and users
//! around one municipality (Den Haag), served at once. Grows with every
//! feature so a visitor can try each one.

use crate::cli::DemoArgs;
use crate::commands::serve;
use crate::commands::{cli_event, open, CliResult};
use std::sync::Arc;
use vangnet_domain::org::NewOrg;
use vangnet_domain::user::NewUser;
use vangnet_store::{OrgScope, Store};
use vangnet_web::{hash_password, WebConfig};

pub const DEMO_DATABASE: &str = "sqlite://vangnet-demo.db";
pub const DEMO_PASSWORD: &str = "vangnet-demo-2026";

struct DemoOrg {
    code: &'static str,
    name: &'static str,
    kind: &'static str,
    gemeentecode: Option<&'static str>,
    postcodes: Option<&'static str>,
    users: &'static [(&'static str, &'static str, &'static str)],
}

const ORGS: &[DemoOrg] = &[
    DemoOrg {
        code: "vangnet-beheer",
        name: "vangnet platformbeheer",
        kind: "beheer",
        gemeentecode: None,
        postcodes: None,
        users: &[("beheer@vangnet.example", "Bram Visser", "beheerder")],
    },
    DemoOrg {
        code: "den-haag",
        name: "Gemeente Den Haag",
        kind: "gemeente",
        gemeentecode: Some("0518"),
        postcodes: Some("2490-2599"),
        users: &[
            ("beheerder@denhaag.example", "Fatima el Amrani", "beheerder"),
            ("teamleider@denhaag.example", "Joost de Vries", "teamleider"),
            ("medewerker@denhaag.example", "Sanne Bakker", "medewerker"),
        ],
    },
    DemoOrg {
        code: "rijswijk",
        name: "Gemeente Rijswijk",
        kind: "gemeente",
        gemeentecode: Some("0603"),
        postcodes: Some("2280-2289"),
        users: &[("medewerker@rijswijk.example", "Peter Jansen", "medewerker")],
    },
    DemoOrg {
        code: "haagse-woningstichting",
        name: "Haagse Woningstichting",
        kind: "verhuurder",
        gemeentecode: None,
        postcodes: None,
        users: &[
            (
                "beheerder@woningstichting.example",
                "Ilse Mulder",
                "beheerder",
            ),
            (
                "medewerker@woningstichting.example",
                "Mohamed Yilmaz",
                "medewerker",
            ),
            (
                "teamleider.huur@woningstichting.example",
                "Nadia Bouali",
                "teamleider",
            ),
        ],
    },
    DemoOrg {
        code: "energie-west",
        name: "Energie West",
        kind: "signaalpartner",
        gemeentecode: None,
        postcodes: None,
        users: &[(
            "medewerker@energiewest.example",
            "Linda de Boer",
            "medewerker",
        )],
    },
    DemoOrg {
        code: "schuldhulp-haaglanden",
        name: "Schuldhulp Haaglanden",
        kind: "hulpverlening",
        gemeentecode: None,
        postcodes: None,
        users: &[(
            "medewerker@schuldhulp.example",
            "Kees van Dijk",
            "medewerker",
        )],
    },
    DemoOrg {
        code: "van-dijk-deurwaarders",
        name: "Van Dijk Gerechtsdeurwaarders",
        kind: "deurwaarder",
        gemeentecode: None,
        postcodes: None,
        users: &[("medewerker@vandijk.example", "Annemiek Smit", "medewerker")],
    },
    DemoOrg {
        code: "redactie-handreiking",
        name: "Redactie Handreiking Voorkomen Huisuitzettingen",
        kind: "redactie",
        gemeentecode: None,
        postcodes: None,
        users: &[("redacteur@redactie.example", "Eva Hendriks", "redacteur")],
    },
];

pub async fn run(database_url: Option<&str>, args: DemoArgs) -> CliResult {
    let url = database_url.unwrap_or(DEMO_DATABASE);
    remove_sqlite_file(url)?;
    let store = open(url).await?;
    if !store
        .list_orgs(OrgScope::All)
        .await
        .map_err(|e| e.to_string())?
        .is_empty()
    {
        return Err("de demo heeft een lege database nodig; deze bevat al organisaties".into());
    }
    let (logins, tenant_token) = seed(&store, !args.no_history).await?;
    serve::run(store, WebConfig::default(), args.listen, move |address| {
        print_logins(&logins);
        print_tenant_link(address, &tenant_token);
    })
    .await
}

/// A demo always starts fresh; only an SQLite file is removed, never a
/// PostgreSQL database.
fn remove_sqlite_file(url: &str) -> CliResult {
    if url.starts_with("postgres") {
        return Ok(());
    }
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    for suffix in ["", "-wal", "-shm"] {
        let file = format!("{path}{suffix}");
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(format!(
                    "kan oude demodatabase '{file}' niet verwijderen: {e}"
                ))
            }
        }
    }
    Ok(())
}

/// The demo logins, and the token of the tenant link the demo prints.
type Seeded = (Vec<(String, String, String)>, String);

async fn seed(store: &Arc<dyn Store>, history: bool) -> CliResult<Seeded> {
    let logins = seed_orgs(store).await?;
    if history {
        crate::demo_history::seed(&**store).await?;
    }
    let corporation = demo_org(store, "haagse-woningstichting").await?;
    let energy = demo_org(store, "energie-west").await?;
    crate::demo_signals::seed(&**store, &corporation, &energy).await?;
    let gemeente = demo_org(store, "den-haag").await?;
    let helper = demo_org(store, "schuldhulp-haaglanden").await?;
    crate::demo_cases::seed(&**store, &gemeente, &helper).await?;
    let tenant_token = crate::demo_tenancies::seed(&**store, &corporation).await?;
    crate::demo_policies::seed(&**store).await?;
    crate::demo_kennisbank::seed(&**store).await?;
    if history {
        crate::demo_history::seed_reads(&**store).await?;
    }
    Ok((logins, tenant_token))
}

async fn demo_org(store: &Arc<dyn Store>, code: &str) -> CliResult<vangnet_store::Org> {
    store
        .org_by_code(code)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("demo-organisatie {code} ontbreekt"))
}

async fn seed_orgs(store: &Arc<dyn Store>) -> CliResult<Vec<(String, String, String)>> {
    let hash = hash_password(DEMO_PASSWORD)?;
    let mut logins = Vec::new();
    for demo in ORGS {
        let new = NewOrg::parse(
            demo.code,
            demo.name,
            demo.kind,
            demo.gemeentecode,
            demo.postcodes,
        )
        .map_err(|e| e.to_string())?;
        let org = store
            .create_org(
                &new,
                cli_event("org.create", "organisation").by_label("demo"),
            )
            .await
            .map_err(|e| e.to_string())?;
        for (email, name, role) in demo.users {
            let user = NewUser::parse(email, name, role, org.kind).map_err(|e| e.to_string())?;
            let event = cli_event("user.create", "user").by_label("demo");
            store
                .create_user(org.id, &user, &hash, event)
                .await
                .map_err(|e| e.to_string())?;
            logins.push((email.to_string(), role.to_string(), org.name.clone()));
        }
    }
    Ok(logins)
}

fn print_logins(logins: &[(String, String, String)]) {
    println!();
    println!("Demo-logins (wachtwoord voor iedereen: {DEMO_PASSWORD}):");
    for (email, role, org) in logins {
        println!("  {email:<38} {role:<11} {org}");
    }
}

/// The tenant's side needs no login: a personal link and the address.
fn print_tenant_link(address: std::net::SocketAddr, token: &str) {
    use crate::demo_tenant_channel::{LINK_HOUSE_NUMBER, LINK_POSTCODE, LINK_TENANCY};
    println!();
    println!("Als huurder ({LINK_TENANCY}), zonder account:");
    println!("  http://{address}/huurder/{token}");
    println!("  controle: postcode {LINK_POSTCODE}, huisnummer {LINK_HOUSE_NUMBER}");
    println!();
    println!("Stoppen: Ctrl+C. De demo begint bij elke start opnieuw.");
}
