//! Organisations, users and tokens from the command line: how an
//! installation gets its first organisation and beheerder.

use super::{cli_event, CliResult};
use crate::cli::{OrgCommand, TokenCommand, UserCommand};
use crate::password_input::read_password;
use chrono::Utc;
use std::sync::Arc;
use vangnet_domain::calendar::amsterdam_text;
use vangnet_domain::org::{NewOrg, OrgKind};
use vangnet_domain::scope::Scope;
use vangnet_domain::user::{parse_email, NewUser};
use vangnet_store::{NewToken, Org, OrgScope, Store, User};
use vangnet_web::{hash_password, new_secret_token, sha256_hex};

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

async fn org_by_code(store: &Arc<dyn Store>, code: &str) -> CliResult<Org> {
    store
        .org_by_code(code.trim())
        .await
        .map_err(err)?
        .ok_or_else(|| format!("organisatie '{code}' bestaat niet (zie: vangnet org list)"))
}

async fn user_by_email(store: &Arc<dyn Store>, email: &str) -> CliResult<User> {
    let email = parse_email(email).map_err(|e| format!("email: {}", e.reason))?;
    store
        .user_by_email(&email)
        .await
        .map_err(err)?
        .ok_or_else(|| format!("gebruiker '{email}' bestaat niet"))
}

pub async fn org(store: Arc<dyn Store>, command: OrgCommand) -> CliResult {
    match command {
        OrgCommand::Add {
            code,
            name,
            kind,
            gemeentecode,
            postcodes,
        } => {
            let new = NewOrg::parse(
                &code,
                &name,
                &kind,
                gemeentecode.as_deref(),
                postcodes.as_deref(),
            )
            .map_err(|e| format!("ongeldige invoer: {e}"))?;
            let event = cli_event("org.create", "organisation");
            let org = vangnet_web::create_org(&*store, &new, event)
                .await
                .map_err(err)?;
            println!(
                "Organisatie toegevoegd: {} ({}, {}).",
                org.code, org.name, org.kind
            );
        }
        OrgCommand::Matching {
            code,
            period_months,
            repeat_months,
        } => {
            matching(&store, &code, period_months, repeat_months).await?;
        }
        OrgCommand::List { json } => {
            let orgs = store.list_orgs(OrgScope::All).await.map_err(err)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&orgs).map_err(err)?);
            } else {
                println!(
                    "{:<28} {:<15} {:<5} {:<20} NAAM",
                    "CODE", "SOORT", "CBS", "POSTCODES"
                );
                for o in orgs {
                    let gc = o.gemeentecode.clone().unwrap_or_default();
                    println!(
                        "{:<28} {:<15} {:<5} {:<20} {}",
                        o.code, o.kind, gc, o.postcodes, o.name
                    );
                }
            }
        }
    }
    Ok(())
}

async fn matching(
    store: &Arc<dyn Store>,
    code: &str,
    period: Option<u32>,
    repeat: Option<u32>,
) -> CliResult {
    let org = org_by_code(store, code).await?;
    if org.kind != OrgKind::Gemeente {
        return Err(format!(
            "{} is geen gemeente; alleen een gemeente koppelt signalen",
            org.code
        ));
    }
    let mut settings = store.match_settings(org.id).await.map_err(err)?;
    if period.is_some() || repeat.is_some() {
        settings.matching_period_months = period.unwrap_or(settings.matching_period_months);
        settings.repeat_window_months = repeat.unwrap_or(settings.repeat_window_months);
        if settings.matching_period_months > 24 || settings.repeat_window_months > 60 {
            return Err("koppeltermijn hoogstens 24 maanden, herhaaltermijn hoogstens 60".into());
        }
        let event = cli_event("gemeente.matching_settings", "organisation");
        store
            .set_match_settings(org.id, settings, event)
            .await
            .map_err(err)?;
        println!("Instellingen van {} gewijzigd.", org.code);
    }
    println!(
        "{}: koppeltermijn {} maand(en), herhaalde melding binnen {} maand(en) na afsluiten.",
        org.code, settings.matching_period_months, settings.repeat_window_months
    );
    Ok(())
}

pub async fn user(store: Arc<dyn Store>, command: UserCommand) -> CliResult {
    match command {
        UserCommand::Add {
            org,
            email,
            name,
            role,
            password_stdin,
        } => {
            let org = org_by_code(&store, &org).await?;
            let new = NewUser::parse(&email, &name, &role, org.kind)
                .map_err(|e| format!("ongeldige invoer: {e}"))?;
            let hash = hash_password(&read_password(password_stdin)?)?;
            let event = cli_event("user.create", "user");
            let user = store
                .create_user(org.id, &new, &hash, event)
                .await
                .map_err(err)?;
            println!(
                "Gebruiker toegevoegd: {} ({}) bij {}.",
                user.email, user.role, org.code
            );
        }
        UserCommand::List { org, json } => {
            let scope = match org {
                Some(code) => OrgScope::Only(org_by_code(&store, &code).await?.id),
                None => OrgScope::All,
            };
            let users = store.list_users(scope).await.map_err(err)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&users).map_err(err)?);
            } else {
                print_users(&store, &users).await?;
            }
        }
        UserCommand::SetPassword {
            email,
            password_stdin,
        } => {
            let user = user_by_email(&store, &email).await?;
            let hash = hash_password(&read_password(password_stdin)?)?;
            let event = cli_event("user.set_password", "user").in_org(Some(user.org_id));
            store
                .set_password(user.id, &hash, event)
                .await
                .map_err(err)?;
            println!("Wachtwoord van {} is gewijzigd.", user.email);
        }
        UserCommand::Disable { email, reason } => {
            let user = user_by_email(&store, &email).await?;
            let mut event = cli_event("user.disable", "user").in_org(Some(user.org_id));
            if let Some(reason) = reason {
                event = event.because(reason);
            }
            store
                .set_user_disabled(user.id, true, event)
                .await
                .map_err(err)?;
            println!("{} is geblokkeerd en overal uitgelogd.", user.email);
        }
    }
    Ok(())
}

async fn print_users(store: &Arc<dyn Store>, users: &[User]) -> CliResult {
    let orgs = store.list_orgs(OrgScope::All).await.map_err(err)?;
    println!(
        "{:<36} {:<12} {:<24} {:<9} {:<17} NAAM",
        "E-MAIL", "ROL", "ORGANISATIE", "STATUS", "LAATST INGELOGD"
    );
    for u in users {
        let org = orgs
            .iter()
            .find(|o| o.id == u.org_id)
            .map(|o| o.code.as_str())
            .unwrap_or("?");
        let status = if u.disabled { "geblokt" } else { "actief" };
        let last = u
            .last_login_at
            .map(amsterdam_text)
            .unwrap_or_else(|| "nog niet".into());
        println!(
            "{:<36} {:<12} {:<24} {:<9} {:<17} {}",
            u.email, u.role, org, status, last, u.name
        );
    }
    Ok(())
}

pub async fn token(store: Arc<dyn Store>, command: TokenCommand) -> CliResult {
    let TokenCommand::Create { org, name, scopes } = command;
    let org = org_by_code(&store, &org).await?;
    let scopes = Scope::parse_list(&scopes).map_err(|e| format!("scopes: {}", e.reason))?;
    let name = vangnet_domain::validation::required_text("name", &name, 80)
        .map_err(|e| format!("name: {}", e.reason))?;
    let secret = new_secret_token("vn_");
    let new = NewToken {
        org_id: org.id,
        name,
        token_hash: sha256_hex(&secret),
        scopes,
        created_at: Utc::now(),
    };
    let event = cli_event("token.create", "api_token").in_org(Some(org.id));
    let token = store.create_token(&new, event).await.map_err(err)?;
    eprintln!(
        "Token '{}' voor {} aangemaakt met scopes {}. Bewaar het nu: het wordt niet nog eens getoond.",
        token.name,
        org.code,
        Scope::join(&token.scopes)
    );
    println!("{secret}");
    Ok(())
}
