//! Generating a letter from a tenancy (issue 9, point 1): a new personal
//! link (a random token, kept only as its SHA-256), the letter composed by
//! the domain from the ledger, the policy in force and the verhuurder's
//! channel settings, rendered to HTML and kept with its event in one
//! transaction. The caller has asked `can`; this gathers and writes.

use super::{letter_html, PostalAddress};
use crate::crypto::{new_secret_token, sha256_hex};
use crate::pages::tenancies::address_label;
use crate::tenancy::{merged_policy, TenancyError};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::tenant_channel::{
    arrears_lines, compose, CollectionCosts, DebtHelpContact, LetterInput, LetterKind, Sender,
};
use vangnet_domain::Invalid;
use vangnet_store::tenancy::{DocumentRef, EventRecording, LedgerKind, NewTenancyEvent};
use vangnet_store::tenant_channel::{ChannelSettings, NewLetter, NewLink, TenantLink};
use vangnet_store::{Org, Store};

/// What stands in for a debt-help desk the verhuurder has not entered:
/// the letter still names the gemeente, and says plainly what is missing.
pub const NOT_SET: &str = "contactgegevens nog niet ingesteld";

/// Who generates, in whose name, and where the tenant's link points.
pub struct Sending<'a> {
    pub org: &'a Org,
    pub user_id: Option<i64>,
    pub audit: &'a (dyn Fn(&str) -> AuditEvent + Send + Sync),
    /// The public address without a trailing slash.
    pub base_url: &'a str,
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
}

/// In the kept copy of a letter, where the link stood.
pub const LINK_NOT_KEPT: &str =
    "(de persoonlijke link staat alleen in de verstuurde brief; vangnet bewaart hem niet)";

/// A letter that was generated, with the link it carries; the token is in
/// `link_url` and `letter` and nowhere else.
pub struct Sent {
    pub letter_id: i64,
    pub link_url: String,
    /// The letter with its link, to print or send now.
    pub letter: vangnet_domain::tenant_channel::Letter,
    pub sender: PostalAddress,
    pub recipient: PostalAddress,
}

/// A link made on its own ("Nieuwe link maken"): the URL is shown once.
pub struct NewLinkMade {
    pub link: TenantLink,
    pub link_url: String,
}

/// Makes a personal link for the tenancy, revoking the earlier ones.
pub async fn make_link(
    store: &dyn Store,
    who: &Sending<'_>,
    tenancy_id: i64,
    settings: &ChannelSettings,
) -> Result<NewLinkMade, TenancyError> {
    let token = new_secret_token("");
    let link = NewLink {
        tenancy_id,
        token_hash: sha256_hex(&token),
        created_at: who.now,
        expires_at: who.now + Duration::days(settings.link_valid_days),
        created_by_user_id: who.user_id,
    };
    let audit = (who.audit)("tenant_channel.link_create");
    let link = store.create_link(who.org.id, &link, audit).await?;
    Ok(NewLinkMade {
        link,
        link_url: link_url(who.base_url, &token),
    })
}

pub fn link_url(base_url: &str, token: &str) -> String {
    format!("{}/huurder/{token}", base_url.trim_end_matches('/'))
}

/// Generates, renders and keeps one letter with its event.
pub async fn send_letter(
    store: &dyn Store,
    who: &Sending<'_>,
    tenancy_id: i64,
    kind: LetterKind,
) -> Result<Sent, TenancyError> {
    let own = who.org.id;
    let settings = store.channel_settings(own).await?;
    let facts = store
        .gate_facts(own, tenancy_id, who.today)
        .await?
        .ok_or(TenancyError::NotFound)?;
    let policy = merged_policy(&facts.policies)?;
    let tenancy = &facts.tenancy;
    let (Some(phone), Some(iban)) = (&settings.sender_phone, &settings.iban) else {
        return Err(Invalid::one(
            "instellingen",
            "stel eerst het telefoonnummer en het rekeningnummer voor de brieven in \
             (Huurderskanaal, door een beheerder)",
        )
        .into());
    };
    let Some(gemeentecode) = tenancy.data.gemeentecode.clone() else {
        return Err(Invalid::one(
            "gemeente",
            "geen gemeente bekend voor dit adres; de brief kan geen schuldhulp noemen",
        )
        .into());
    };
    let ledger = store.ledger(own, tenancy_id).await?;
    let dues: Vec<(NaiveDate, i64)> = ledger
        .iter()
        .filter(|e| e.entry.kind == LedgerKind::Due)
        .map(|e| (e.entry.on_date, e.entry.amount_cents))
        .collect();
    let paid: i64 = ledger
        .iter()
        .filter(|e| e.entry.kind == LedgerKind::Payment)
        .map(|e| e.entry.amount_cents)
        .sum();
    let gemeente = gemeente_name(store, tenancy.data.gemeente_org_id).await?;
    // The token first, so the letter is checked with its real link before
    // anything is written: a refused letter leaves the old link alone.
    let token = new_secret_token("");
    let url = link_url(who.base_url, &token);
    let input = LetterInput {
        kind,
        tenant_name: tenancy.data.tenants.join(" en "),
        sender: Sender {
            name: who.org.name.clone(),
            phone: phone.clone(),
        },
        sent_on: who.today,
        arrears: arrears_lines(&dues, paid),
        iban: iban.clone(),
        payment_reference: tenancy.data.reference.clone(),
        personal_link: url.clone(),
        debt_help: debt_help(&settings, gemeente),
        gemeentecode,
        policy: &policy,
    };
    input.validate()?;
    let link = NewLink {
        tenancy_id,
        token_hash: sha256_hex(&token),
        created_at: who.now,
        expires_at: who.now + Duration::days(settings.link_valid_days),
        created_by_user_id: who.user_id,
    };
    let link = store
        .create_link(own, &link, (who.audit)("tenant_channel.link_create"))
        .await?;
    let letter = compose(&input);
    let sender = PostalAddress {
        name: who.org.name.clone(),
        lines: vec![format!("Telefoon {}", input.sender.phone)],
    };
    let recipient = recipient(&tenancy.data);
    let kept = compose(&LetterInput {
        personal_link: LINK_NOT_KEPT.into(),
        ..input
    });
    let html = letter_html(&kept, &sender, &recipient);
    let event = NewTenancyEvent {
        kind: letter.event_kind.slug().to_string(),
        on_date: who.today,
        target_date: None,
        details: serde_json::json!({}),
        // The event names the letter by its content's hash.
        document: Some(DocumentRef {
            name: format!("{}-{}.html", kind.slug(), who.today),
            sha256: sha256_hex(&html),
        }),
    };
    let new_letter = NewLetter {
        kind: kind.slug().to_string(),
        link_id: Some(link.id),
        amount_cents: letter.total_cents,
        collection_costs_cents: match letter.costs {
            Some(CollectionCosts::Charged { cents }) => Some(cents),
            _ => None,
        },
        html,
        created_by_user_id: who.user_id,
    };
    let recording = EventRecording {
        recorded_by_user_id: who.user_id,
        expected_version: None,
        gate_decision_id: None,
    };
    let audit = (who.audit)("tenant_channel.letter");
    let recorded = store
        .record_letter(own, tenancy_id, &new_letter, &event, &recording, audit)
        .await?;
    Ok(Sent {
        letter_id: recorded.letter_id,
        link_url: url,
        letter,
        sender,
        recipient,
    })
}

/// "Den Haag" for the organisation "Gemeente Den Haag", as the letter
/// says "de gemeente Den Haag".
async fn gemeente_name(store: &dyn Store, org_id: Option<i64>) -> Result<String, TenancyError> {
    let org = match org_id {
        Some(id) => store.org_by_id(id).await?,
        None => None,
    };
    let name = org.map(|o| o.name).unwrap_or_else(|| "uw gemeente".into());
    let short = name
        .strip_prefix("Gemeente ")
        .or_else(|| name.strip_prefix("gemeente "))
        .unwrap_or(&name);
    Ok(short.to_string())
}

fn debt_help(settings: &ChannelSettings, gemeente: String) -> DebtHelpContact {
    match &settings.debt_help {
        Some(desk) => DebtHelpContact {
            gemeente,
            name: desk.name.clone(),
            phone: or_not_set(&desk.phone),
            email: or_not_set(&desk.email),
            website: or_not_set(&desk.website),
        },
        None => DebtHelpContact {
            name: format!("Schuldhulp gemeente {gemeente}"),
            gemeente,
            phone: NOT_SET.into(),
            email: NOT_SET.into(),
            website: NOT_SET.into(),
        },
    }
}

fn or_not_set(value: &str) -> String {
    match value.trim() {
        "" => NOT_SET.into(),
        text => text.into(),
    }
}

fn recipient(data: &vangnet_store::tenancy::TenancyData) -> PostalAddress {
    let full = address_label(&data.address);
    // "Straat 12-A, 2517AB Den Haag" on two envelope lines.
    let lines = full.split(", ").map(str::to_string).collect();
    PostalAddress {
        name: data.tenants.join(" en "),
        lines,
    }
}
