//! The demo's tenant channel (issue 9): the verhuurder's letter details,
//! letters made through the app's own `send_letter`, two tenant responses
//! waiting in the work list (a proposal to accept or counter, and lost
//! income, which asks the verhuurder to decide on leniency), and one
//! personal link the demo prints, so the tenant's side can be tried at once.

use crate::commands::{cli_event, CliResult};
use chrono::Utc;
use serde_json::json;
use std::collections::HashMap;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::calendar::amsterdam_date;
use vangnet_domain::tenant_channel::{
    arrangement_options, ArrangementPolicy, LetterKind, SituationKind, TenantAction,
};
use vangnet_store::tenancy::{EventRecording, NewTenancyEvent};
use vangnet_store::tenant_channel::{ChannelSettings, DebtHelpDesk, NewResponse};
use vangnet_store::{Org, Store};
use vangnet_web::tenant_channel::send::{send_letter, Sending};

/// The tenancy whose link the demo prints, and what its address check asks.
pub const LINK_TENANCY: &str = "HWS-1001";
pub const LINK_POSTCODE: &str = "2562 HD";
pub const LINK_HOUSE_NUMBER: &str = "101";

/// Where the letters' kept copies say the link pointed; the printed link
/// uses the address the demo really listens on.
const LETTER_BASE_URL: &str = "http://localhost:8080";

/// Sets the channel up, makes the letters and responses; returns the
/// token of `LINK_TENANCY`'s personal link.
pub async fn seed(
    store: &dyn Store,
    verhuurder: &Org,
    tenancies: &HashMap<&'static str, i64>,
) -> CliResult<String> {
    let settings = set_up(store, verhuurder).await?;
    let id = |reference: &str| {
        tenancies
            .get(reference)
            .copied()
            .ok_or_else(|| format!("demo: tenancy {reference} is missing"))
    };
    let token = letter(
        store,
        verhuurder,
        id(LINK_TENANCY)?,
        LetterKind::Herinnering,
    )
    .await?;
    let policy = ArrangementPolicy {
        max_term_months: u32::try_from(settings.max_term_months).unwrap_or(12),
        min_instalment_cents: settings.min_instalment_cents,
    };
    let proposer = id("HWS-1002")?;
    let token_2 = letter(store, verhuurder, proposer, LetterKind::Aanmaning).await?;
    let debt = store
        .tenancy(verhuurder.id, proposer)
        .await
        .map_err(|e| e.to_string())?
        .map_or(0, |t| t.arrears.arrears_cents);
    let Some(option) = arrangement_options(debt, &policy).into_iter().last() else {
        return Err("demo: no arrangement can be offered for HWS-1002".into());
    };
    let proposal = TenantAction::ProposeArrangement {
        term_months: option.term_months,
        instalment_cents: option.instalment_cents,
    };
    let detail =
        json!({"term_months": option.term_months, "instalment_cents": option.instalment_cents});
    respond(store, &token_2, &proposal, detail).await?;
    let token_5 = letter(store, verhuurder, id("HWS-1005")?, LetterKind::Herinnering).await?;
    let lost_income = TenantAction::TellSituation {
        kind: SituationKind::LostIncome,
        text: Some(
            "Mijn tijdelijke contract is niet verlengd. Ik heb een uitkering aangevraagd.".into(),
        ),
    };
    let detail = json!({
        "situation": SituationKind::LostIncome.slug(),
        "text": "Mijn tijdelijke contract is niet verlengd. Ik heb een uitkering aangevraagd.",
        "leniency": lost_income.flags_leniency(),
    });
    respond(store, &token_5, &lost_income, detail).await?;
    Ok(token)
}

/// The letters' payment details and the debt-help desk they name.
async fn set_up(store: &dyn Store, verhuurder: &Org) -> CliResult<ChannelSettings> {
    let settings = ChannelSettings {
        sender_phone: Some("070 123 45 67".into()),
        iban: Some("NL91 ABNA 0417 1643 00".into()),
        reply_email: Some("huurincasso@woningstichting.example".into()),
        debt_help: Some(DebtHelpDesk {
            name: "Schuldhulp Den Haag".into(),
            phone: "14070".into(),
            email: "schuldhulp@denhaag.example".into(),
            website: "https://denhaag.example/geldzorgen".into(),
        }),
        ..ChannelSettings::default()
    };
    let audit = cli_event("tenant_channel.settings", "organisation").in_org(Some(verhuurder.id));
    store
        .set_channel_settings(verhuurder.id, &settings, audit)
        .await
        .map_err(|e| e.to_string())?;
    Ok(settings)
}

/// A letter as the letters page makes it; returns its link's token.
async fn letter(
    store: &dyn Store,
    verhuurder: &Org,
    tenancy_id: i64,
    kind: LetterKind,
) -> CliResult<String> {
    let org_id = verhuurder.id;
    let audit = move |action: &str| cli_event(action, "tenant_letter").in_org(Some(org_id));
    let now = Utc::now();
    let who = Sending {
        org: verhuurder,
        user_id: None,
        audit: &audit,
        base_url: LETTER_BASE_URL,
        today: amsterdam_date(now),
        now,
    };
    let sent = send_letter(store, &who, tenancy_id, kind)
        .await
        .map_err(|e| format!("demo letter: {e}"))?;
    let token = sent.link_url.rsplit('/').next().unwrap_or_default();
    Ok(token.to_string())
}

/// What the tenant pages keep when the tenant sends `action`.
async fn respond(
    store: &dyn Store,
    token: &str,
    action: &TenantAction,
    detail: serde_json::Value,
) -> CliResult {
    let link = store
        .link_by_token_hash(&vangnet_web::sha256_hex(token))
        .await
        .map_err(|e| e.to_string())?
        .ok_or("demo: the letter's link is missing")?;
    let kind = action
        .response_kind()
        .ok_or("demo: this action leaves no response")?
        .slug();
    let event = NewTenancyEvent {
        kind: kind.to_string(),
        on_date: amsterdam_date(Utc::now()),
        target_date: None,
        details: json!({}),
        document: None,
    };
    let response = NewResponse {
        kind: kind.to_string(),
        detail,
    };
    let audit = AuditEvent::new("tenant.response", "tenant_link", Some(link.id.to_string()))
        .by_label("demo")
        .in_org(Some(link.verhuurder_org_id));
    store
        .add_response(
            link.id,
            &response,
            Some((&event, &EventRecording::default())),
            audit,
        )
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}
