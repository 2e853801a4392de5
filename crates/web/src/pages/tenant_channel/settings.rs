//! The verhuurder's tenant-channel settings ("Huurderskanaal"), a
//! beheerder's form: how long a link lives and how many wrong address
//! answers lock it, the arrangements offered (the domain's ranges), the
//! iDEAL link, and what every letter needs: the phone number and IBAN to
//! pay to, and the gemeente's debt-help desk (vangnet has no contact data
//! of gemeenten of its own).

use crate::auth::SignedIn;
use crate::middleware::CsrfToken;
use crate::pages::errors::{form_errors, PageError};
use crate::pages::layout::Layout;
use crate::pages::render;
use crate::pages::tenancies::allow;
use crate::pages::tenancies::UNPROCESSABLE;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use std::collections::BTreeMap;
use vangnet_domain::money::format_euros;
use vangnet_domain::permission::Action;
use vangnet_domain::signal::normalise::parse_amount_cents;
use vangnet_domain::tenant_channel::{ArrangementPolicy, LinkSettings};
use vangnet_domain::Invalid;
use vangnet_store::tenant_channel::{ChannelSettings, DebtHelpDesk};

pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    pub value: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "tenant_channel_settings.html")]
struct SettingsPage {
    layout: Layout,
    numbers: Vec<Field>,
    payment: Vec<Field>,
    desk: Vec<Field>,
    notice: Option<&'static str>,
    errors: Vec<vangnet_domain::FieldError>,
}

impl SettingsPage {
    /// The label of a field, for the error summary's links.
    fn field_label(&self, name: &str) -> &'static str {
        self.numbers
            .iter()
            .chain(&self.payment)
            .chain(&self.desk)
            .find(|f| f.name == name)
            .map_or("Invoer", |f| f.label)
    }
}

/// Every field as text, so a refused form comes back as typed.
#[derive(Deserialize, Default)]
pub struct SettingsForm {
    #[serde(default)]
    geldig_dagen: String,
    #[serde(default)]
    foute_antwoorden: String,
    #[serde(default)]
    max_looptijd: String,
    #[serde(default)]
    min_termijnbedrag: String,
    #[serde(default)]
    ideal_url: String,
    #[serde(default)]
    telefoon: String,
    #[serde(default)]
    iban: String,
    #[serde(default)]
    antwoord_email: String,
    #[serde(default)]
    schuldhulp_naam: String,
    #[serde(default)]
    schuldhulp_telefoon: String,
    #[serde(default)]
    schuldhulp_email: String,
    #[serde(default)]
    schuldhulp_website: String,
}

impl SettingsForm {
    fn from_settings(s: &ChannelSettings) -> Self {
        let desk = s.debt_help.clone().unwrap_or_default();
        SettingsForm {
            geldig_dagen: s.link_valid_days.to_string(),
            foute_antwoorden: s.max_failed_attempts.to_string(),
            max_looptijd: s.max_term_months.to_string(),
            min_termijnbedrag: format_euros(s.min_instalment_cents).replace("€ ", ""),
            ideal_url: s.ideal_url.clone().unwrap_or_default(),
            telefoon: s.sender_phone.clone().unwrap_or_default(),
            iban: s.iban.clone().unwrap_or_default(),
            antwoord_email: s.reply_email.clone().unwrap_or_default(),
            schuldhulp_naam: desk.name,
            schuldhulp_telefoon: desk.phone,
            schuldhulp_email: desk.email,
            schuldhulp_website: desk.website,
        }
    }

    /// The settings, or every problem under its form field.
    fn parse(&self) -> Result<ChannelSettings, Invalid> {
        let mut invalid = Invalid::default();
        let mut number = |field: &str, text: &str| match text.trim().parse::<u32>() {
            Ok(n) => n,
            Err(_) => {
                invalid.push(field, "vul een heel getal in");
                0
            }
        };
        let days = number("geldig_dagen", &self.geldig_dagen);
        let wrong = number("foute_antwoorden", &self.foute_antwoorden);
        let term = number("max_looptijd", &self.max_looptijd);
        let instalment = parse_amount_cents(self.min_termijnbedrag.trim()).unwrap_or_else(|_| {
            invalid.push("min_termijnbedrag", "vul een bedrag in, zoals 25,00");
            0
        });
        if invalid.errors.is_empty() {
            // The domain's ranges, reported under this form's names.
            let link = LinkSettings {
                expiry_days: days,
                max_wrong_answers: wrong,
                ..LinkSettings::default()
            };
            let policy = ArrangementPolicy {
                max_term_months: term,
                min_instalment_cents: instalment,
            };
            for (result, names) in [
                (
                    link.validate(),
                    [
                        ("expiry_days", "geldig_dagen"),
                        ("max_wrong_answers", "foute_antwoorden"),
                    ],
                ),
                (
                    policy.validate(),
                    [
                        ("max_term_months", "max_looptijd"),
                        ("min_instalment_cents", "min_termijnbedrag"),
                    ],
                ),
            ] {
                let renames: BTreeMap<&str, &str> = names.into_iter().collect();
                for e in result.err().map(|i| i.errors).unwrap_or_default() {
                    let field = renames
                        .get(e.field.as_str())
                        .copied()
                        .unwrap_or("geldig_dagen");
                    invalid.push(field, e.reason);
                }
            }
        }
        let text = |value: &str| Some(value.trim().to_string()).filter(|v| !v.is_empty());
        let ideal_url = text(&self.ideal_url);
        if ideal_url
            .as_deref()
            .is_some_and(|u| !u.starts_with("https://"))
        {
            invalid.push("ideal_url", "moet beginnen met https://");
        }
        let iban = text(&self.iban).map(|i| i.replace(' ', "").to_uppercase());
        if iban.as_deref().is_some_and(|i| !plausible_iban(i)) {
            invalid.push("iban", "is geen IBAN, zoals NL91ABNA0417164300");
        }
        let reply_email = text(&self.antwoord_email).and_then(|typed| {
            crate::mail::letter_mail::parse_address(&typed)
                .map_err(|e| invalid.push("antwoord_email", e.reason))
                .ok()
        });
        for (field, value, max) in [
            ("telefoon", &self.telefoon, 40),
            ("schuldhulp_naam", &self.schuldhulp_naam, 200),
            ("schuldhulp_telefoon", &self.schuldhulp_telefoon, 40),
            ("schuldhulp_email", &self.schuldhulp_email, 254),
            ("schuldhulp_website", &self.schuldhulp_website, 500),
            ("ideal_url", &self.ideal_url, 500),
        ] {
            if value.trim().chars().count() > max {
                invalid.push(field, format!("is te lang (maximaal {max} tekens)"));
            }
        }
        invalid.into_result()?;
        Ok(ChannelSettings {
            link_valid_days: i64::from(days),
            max_failed_attempts: i64::from(wrong),
            max_term_months: i64::from(term),
            min_instalment_cents: instalment,
            ideal_url,
            sender_phone: text(&self.telefoon),
            iban,
            reply_email,
            debt_help: text(&self.schuldhulp_naam).map(|name| DebtHelpDesk {
                name,
                phone: self.schuldhulp_telefoon.trim().to_string(),
                email: self.schuldhulp_email.trim().to_string(),
                website: self.schuldhulp_website.trim().to_string(),
            }),
        })
    }
}

/// Two letters, two check digits, then letters and digits: enough to
/// catch a phone number in the wrong field; the bank checks the rest.
fn plausible_iban(iban: &str) -> bool {
    let bytes = iban.as_bytes();
    (15..=34).contains(&bytes.len())
        && bytes[..2].iter().all(u8::is_ascii_uppercase)
        && bytes[2..4].iter().all(u8::is_ascii_digit)
        && bytes[4..].iter().all(u8::is_ascii_alphanumeric)
}

fn fields(form: &SettingsForm, errors: &[vangnet_domain::FieldError]) -> [Vec<Field>; 3] {
    let field = |name: &'static str, label: &'static str, value: &str| Field {
        name,
        label,
        value: value.to_string(),
        error: errors
            .iter()
            .find(|e| e.field == name)
            .map(|e| e.reason.clone()),
    };
    [
        vec![
            field(
                "geldig_dagen",
                "Geldigheid van een link (dagen)",
                &form.geldig_dagen,
            ),
            field(
                "foute_antwoorden",
                "Foute antwoorden voordat de link blokkeert",
                &form.foute_antwoorden,
            ),
            field(
                "max_looptijd",
                "Langste betalingsregeling (maanden)",
                &form.max_looptijd,
            ),
            field(
                "min_termijnbedrag",
                "Laagste termijnbedrag (euro)",
                &form.min_termijnbedrag,
            ),
        ],
        vec![
            field("telefoon", "Telefoonnummer voor huurders", &form.telefoon),
            field("iban", "Rekeningnummer (IBAN)", &form.iban),
            field(
                "ideal_url",
                "iDEAL-link (https://…, mag leeg)",
                &form.ideal_url,
            ),
            field(
                "antwoord_email",
                "E-mailadres voor antwoorden van huurders (mag leeg)",
                &form.antwoord_email,
            ),
        ],
        vec![
            field(
                "schuldhulp_naam",
                "Naam van het loket",
                &form.schuldhulp_naam,
            ),
            field(
                "schuldhulp_telefoon",
                "Telefoonnummer",
                &form.schuldhulp_telefoon,
            ),
            field("schuldhulp_email", "E-mailadres", &form.schuldhulp_email),
            field("schuldhulp_website", "Website", &form.schuldhulp_website),
        ],
    ]
}

fn page(
    who: &SignedIn,
    csrf: &CsrfToken,
    form: &SettingsForm,
    errors: Vec<vangnet_domain::FieldError>,
    notice: Option<&'static str>,
    status: StatusCode,
) -> Response {
    let [numbers, payment, desk] = fields(form, &errors);
    let page = SettingsPage {
        layout: Layout::signed_in("Huurderskanaal", &csrf.0, who, super::SETTINGS_PATH),
        numbers,
        payment,
        desk,
        notice,
        errors,
    };
    (status, render(&page)).into_response()
}

pub async fn form(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Response, PageError> {
    let own = allow(&state, &who, Action::SetTenantChannel).await?;
    let settings = state.store.channel_settings(own).await?;
    let form = SettingsForm::from_settings(&settings);
    Ok(page(&who, &csrf, &form, Vec::new(), None, StatusCode::OK))
}

pub async fn save(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Form(form): Form<SettingsForm>,
) -> Result<Response, PageError> {
    let own = allow(&state, &who, Action::SetTenantChannel).await?;
    let settings = match form.parse() {
        Ok(settings) => settings,
        Err(invalid) => {
            return Ok(page(
                &who,
                &csrf,
                &form,
                invalid.errors,
                None,
                UNPROCESSABLE,
            ));
        }
    };
    let audit = who.audit("tenant_channel.settings", "organisation");
    match state
        .store
        .set_channel_settings(own, &settings, audit)
        .await
    {
        Ok(()) => {
            let saved = SettingsForm::from_settings(&settings);
            let notice = Some("De instellingen zijn opgeslagen.");
            Ok(page(
                &who,
                &csrf,
                &saved,
                Vec::new(),
                notice,
                StatusCode::OK,
            ))
        }
        Err(error) => {
            let errors = form_errors(error)?;
            Ok(page(&who, &csrf, &form, errors, None, UNPROCESSABLE))
        }
    }
}
