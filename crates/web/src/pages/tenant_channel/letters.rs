//! A tenancy's letters and personal link: the page that lists them with
//! the link's state, generating a letter (a new link inside it, shown this
//! once, and e-mailed to the tenant when an address is given and the
//! server has a relay), and a letter as its HTML or its PDF.

use super::{audit_for, base_url, moment, sending};
use crate::auth::SignedIn;
use crate::mail::letter_mail;
use crate::middleware::CsrfToken;
use crate::pages::errors::{render_error_with, PageError};
use crate::pages::layout::Layout;
use crate::pages::render;
use crate::pages::tenancies::allow;
use crate::pages::tenancies::{LIST_PATH, UNPROCESSABLE};
use crate::state::AppState;
use crate::tenancy::TenancyError;
use crate::tenant_channel::mailing::{self, MailOutcome};
use crate::tenant_channel::{letter_html, letter_html_with_notice, letter_pdf, send, ScreenNotice};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use vangnet_domain::money::format_euros;
use vangnet_domain::permission::{can, Action, Resource};
use vangnet_domain::tenant_channel::{LetterKind, LinkRecord, LinkSettings, LinkState};
use vangnet_store::tenant_channel::{ChannelSettings, TenantLink};
use vangnet_store::StoreError;

pub struct LetterRow {
    pub id: i64,
    pub kind: &'static str,
    pub on: String,
    pub amount: String,
    pub costs: String,
    /// "per e-mail verstuurd op …", or empty.
    pub mailed: String,
}

pub struct LinkView {
    pub state: &'static str,
    pub created: String,
    pub expires: String,
    pub opened: String,
    pub locked: String,
    pub usable: bool,
}

/// What one visit of the page shows besides the stored facts.
#[derive(Default)]
pub struct Flash {
    pub notice: Option<&'static str>,
    pub errors: Vec<String>,
    /// The personal link just made: the only time its token is shown.
    pub fresh_link: Option<String>,
    /// The tenant's address as typed, shown again with its error.
    pub email: String,
    /// The kind of letter chosen, selected again with an error.
    pub kind: Option<LetterKind>,
    pub email_error: Option<String>,
}

impl Flash {
    /// Whether the form's kind `slug` was the one chosen.
    pub fn chose(&self, slug: &str) -> bool {
        self.kind.is_some_and(|k| k.slug() == slug)
    }
}

#[derive(Template)]
#[template(path = "tenant_channel_letters.html")]
struct LettersPage {
    layout: Layout,
    tenancy_id: i64,
    reference: String,
    letters: Vec<LetterRow>,
    link: Option<LinkView>,
    kinds: Vec<(&'static str, &'static str)>,
    can_send: bool,
    configured_url: bool,
    /// A relay is configured: the form offers e-mailing the letter.
    can_mail: bool,
    flash: Flash,
}

pub async fn page(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    show(
        &state,
        &who,
        &csrf,
        &headers,
        id,
        StatusCode::OK,
        Flash::default(),
    )
    .await
}

pub(super) async fn show(
    state: &AppState,
    who: &SignedIn,
    csrf: &CsrfToken,
    headers: &HeaderMap,
    id: i64,
    status: StatusCode,
    flash: Flash,
) -> Result<Response, PageError> {
    let own = allow(state, who, Action::ViewTenancies).await?;
    let tenancy = state
        .store
        .tenancy(own, id)
        .await?
        .ok_or_else(PageError::not_found)?;
    let settings = state.store.channel_settings(own).await?;
    let letters = state.store.letters(own, id).await?;
    let links = state.store.links_of_tenancy(own, id).await?;
    let now = chrono::Utc::now();
    let page = LettersPage {
        layout: Layout::signed_in(
            &format!("Brieven {}", tenancy.data.reference),
            &csrf.0,
            who,
            LIST_PATH,
        ),
        tenancy_id: id,
        reference: tenancy.data.reference,
        letters: letters
            .iter()
            .rev()
            .map(|l| LetterRow {
                id: l.id,
                kind: LetterKind::from_slug(&l.kind).map_or("Brief", |k| k.label_nl()),
                on: moment(l.created_at),
                amount: format_euros(l.amount_cents),
                costs: l
                    .collection_costs_cents
                    .map(format_euros)
                    .unwrap_or_else(|| "geen".into()),
                mailed: l
                    .mailed_at
                    .map(|at| format!("per e-mail verstuurd op {}", moment(at)))
                    .unwrap_or_default(),
            })
            .collect(),
        link: links.first().map(|l| link_view(l, &settings, now)),
        kinds: LetterKind::ALL
            .iter()
            .map(|k| (k.slug(), k.label_nl()))
            .collect(),
        can_send: can(
            &who.actor,
            Action::SendTenantLetters,
            Resource::Organisation(own),
        )
        .is_allowed(),
        configured_url: base_url(state, headers).1,
        can_mail: state.config.mail.is_some(),
        flash,
    };
    Ok((status, render(&page)).into_response())
}

/// The link's state by the domain's rule, with the store's moments.
fn link_view(
    link: &TenantLink,
    settings: &ChannelSettings,
    now: chrono::DateTime<chrono::Utc>,
) -> LinkView {
    let rules = LinkSettings {
        expiry_days: u32::try_from(settings.link_valid_days).unwrap_or(u32::MAX),
        max_wrong_answers: u32::try_from(settings.max_failed_attempts).unwrap_or(u32::MAX),
        ..LinkSettings::default()
    };
    let record = LinkRecord {
        created_at: link.created_at,
        expires_at: link.expires_at,
        revoked_at: link.revoked_at,
        failed_attempts: u32::try_from(link.failed_attempts).unwrap_or(u32::MAX),
        last_failed_at: link.last_failed_at,
        locked: link.locked_at.is_some(),
    };
    let state = record.state(now, &rules);
    LinkView {
        state: match state {
            LinkState::Usable => "Bruikbaar",
            LinkState::Expired => "Verlopen",
            LinkState::Revoked => "Ingetrokken",
            LinkState::Locked => "Geblokkeerd na te veel foute antwoorden",
        },
        created: moment(link.created_at),
        expires: moment(link.expires_at),
        opened: link
            .confirmed_at
            .map(moment)
            .unwrap_or_else(|| "nog niet".into()),
        locked: link.locked_at.map(moment).unwrap_or_else(|| "nee".into()),
        usable: state == LinkState::Usable,
    }
}

#[derive(Deserialize)]
pub struct GenerateForm {
    #[serde(default)]
    soort: String,
    /// "pdf" for the letter as a PDF download; otherwise the HTML page.
    #[serde(default)]
    als: String,
    /// The tenant's address to e-mail the letter to; empty for none. Used
    /// for this one message, never stored.
    #[serde(default)]
    email: String,
}

pub async fn generate(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<GenerateForm>,
) -> Result<Response, PageError> {
    allow(&state, &who, Action::SendTenantLetters).await?;
    let Ok(kind) = LetterKind::parse(form.soort.trim()) else {
        let flash = errors(vec![
            "Soort brief: kies herinnering, veertiendagenbrief of aanmaning.".into(),
        ]);
        return show(&state, &who, &csrf, &headers, id, UNPROCESSABLE, flash).await;
    };
    let mail_to = match mail_address(&state, &form.email) {
        Ok(to) => to,
        Err(flash) => {
            let flash = Flash {
                kind: Some(kind),
                ..flash
            };
            return show(&state, &who, &csrf, &headers, id, UNPROCESSABLE, flash).await;
        }
    };
    let (base, _) = base_url(&state, &headers);
    let audit = audit_for(&who);
    let who_sends = sending(&who, &audit, &base);
    let sent = match send::send_letter(&*state.store, &who_sends, id, kind).await {
        Ok(sent) => sent,
        Err(error) => return failed(&state, &who, &csrf, &headers, id, error).await,
    };
    let mailed = match (&state.config.mail, mail_to) {
        (Some(mail), Some(to)) => {
            let entry = who.audit(mailing::AUDIT_ACTION, "tenant_letter");
            let store = &*state.store;
            Some(mailing::mail_letter(store, mail, who.org.id, &sent, &to, entry).await)
        }
        _ => None,
    };
    Ok(letter_once(&state, id, &sent, form.als == "pdf", mailed.as_ref()).await)
}

/// The address to e-mail the letter to: none when the field is empty; the
/// page again, with nothing made, when it is no address or this server
/// sends no mail (then the form has no such field to point at).
fn mail_address(state: &AppState, typed: &str) -> Result<Option<String>, Flash> {
    if typed.trim().is_empty() {
        return Ok(None);
    }
    if state.config.mail.is_none() {
        return Err(errors(vec![
            "E-mail is op deze server niet ingesteld; de brief is niet gemaakt.".into(),
        ]));
    }
    letter_mail::parse_address(typed)
        .map(Some)
        .map_err(|e| Flash {
            email: typed.trim().to_string(),
            email_error: Some(e.reason),
            ..Flash::default()
        })
}

pub(super) fn errors(lines: Vec<String>) -> Flash {
    Flash {
        errors: lines,
        ..Flash::default()
    }
}

/// Input problems (422) and conflicts (409) on the page, the rest as an
/// error page.
pub(super) async fn failed(
    state: &AppState,
    who: &SignedIn,
    csrf: &CsrfToken,
    headers: &HeaderMap,
    id: i64,
    error: TenancyError,
) -> Result<Response, PageError> {
    let (status, lines) = match error {
        TenancyError::Invalid(invalid) | TenancyError::Store(StoreError::Invalid(invalid)) => (
            UNPROCESSABLE,
            invalid.errors.into_iter().map(|e| e.reason).collect(),
        ),
        TenancyError::Store(StoreError::Conflict { reason, .. }) => {
            (StatusCode::CONFLICT, vec![reason])
        }
        other => return Err(other.into()),
    };
    show(state, who, csrf, headers, id, status, errors(lines)).await
}

fn pdf_download(bytes: Vec<u8>, name: &str) -> Response {
    let disposition = format!("attachment; filename=\"{name}\"");
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}

/// The letter with its link, the only time it exists: as a PDF download
/// when asked and Chromium is there, else as the page, whose on-screen
/// notice says to print or keep it now. Never cached.
async fn letter_once(
    state: &AppState,
    tenancy_id: i64,
    sent: &send::Sent,
    pdf: bool,
    mailed: Option<&MailOutcome>,
) -> Response {
    let no_store = (header::CACHE_CONTROL, "no-store".to_string());
    let mut text = String::from(
        "De brief is gemaakt en vastgelegd op de tijdlijn; de vorige link werkt niet meer. \
         Print of bewaar de brief nu: alleen nu staat de persoonlijke link erin.",
    );
    // A failed e-mail must be read: the page says so first, and a PDF
    // download, which shows no page, is not made.
    let mail_failed = matches!(mailed, Some(MailOutcome::Failed(_)));
    match mailed {
        Some(failed @ MailOutcome::Failed(_)) => text = format!("{} {text}", mail_notice(failed)),
        Some(sent) => text = format!("{text} {}", mail_notice(sent)),
        None => {}
    }
    if pdf && mail_failed {
        text.push_str(" U vroeg om een PDF: druk deze pagina af of bewaar hem als PDF.");
    }
    if pdf && !mail_failed {
        let html = letter_html(&sent.letter, &sent.sender, &sent.recipient);
        match letter_pdf(&state.config.chromium, &html).await {
            Ok(bytes) => {
                let name = format!("{}-{}.pdf", sent.letter.kind.slug(), sent.letter_id);
                return ([no_store], pdf_download(bytes, &name)).into_response();
            }
            Err(error) => {
                tracing::warn!(%error, "letter PDF not made");
                text.push_str(&format!(
                    " Een PDF kon niet worden gemaakt ({error}); print deze pagina."
                ));
            }
        }
    }
    let notice = ScreenNotice {
        text,
        back_href: format!("/huur/dossiers/{tenancy_id}/brieven"),
    };
    let html = letter_html_with_notice(&sent.letter, &sent.sender, &sent.recipient, Some(&notice));
    let policy = crate::pages::kennisbank::handreiking::policy_for(&html);
    (
        [(header::CONTENT_SECURITY_POLICY, policy), no_store],
        Html(html),
    )
        .into_response()
}

/// What the page says about the e-mail: a failure in plain Dutch (the
/// relay's step and reply code are in the audit log); the worker's task
/// is to print.
fn mail_notice(outcome: &MailOutcome) -> String {
    match outcome {
        MailOutcome::Sent => "De brief is ook per e-mail naar de huurder verstuurd.".into(),
        MailOutcome::Failed(error) => format!(
            "Let op: de e-mail is NIET verstuurd ({}). De brief is wel gemaakt. Print of \
             bewaar de brief nu en geef of stuur hem zelf aan de huurder.",
            error.dutch()
        ),
    }
}

/// The letter as it was sent, in the browser: its own stylesheet is
/// allowed by hash, like the handreiking's print page.
pub async fn html(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let letter = stored_letter(&state, &who, id).await?;
    let policy = crate::pages::kennisbank::handreiking::policy_for(&letter.html);
    Ok((
        [(header::CONTENT_SECURITY_POLICY, policy)],
        Html(letter.html),
    )
        .into_response())
}

/// The letter printed by Chromium; without Chromium a Dutch page says why.
pub async fn pdf(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let letter = stored_letter(&state, &who, id).await?;
    match letter_pdf(&state.config.chromium, &letter.html).await {
        Ok(bytes) => {
            let name = format!("{}-{}.pdf", letter.kind, letter.id);
            Ok(pdf_download(bytes, &name))
        }
        Err(error) => {
            tracing::warn!(%error, "letter PDF not made");
            let message = format!(
                "De PDF van deze brief is nu niet beschikbaar: {error}. De brief zelf kunt u wel \
                 openen en afdrukken via /huur/brieven/{}.",
                letter.id
            );
            Ok(render_error_with(
                StatusCode::SERVICE_UNAVAILABLE,
                Some(message),
            ))
        }
    }
}

/// Reading a letter is reading the tenancy's file: audited like the page.
async fn stored_letter(
    state: &AppState,
    who: &SignedIn,
    id: i64,
) -> Result<vangnet_store::tenant_channel::TenantLetter, PageError> {
    let own = allow(state, who, Action::ViewTenancies).await?;
    let letter = state
        .store
        .letter(own, id)
        .await?
        .ok_or_else(PageError::not_found)?;
    let event = who
        .audit("tenant_channel.letter_view", "tenancy")
        .with_object(letter.tenancy_id);
    state.store.append_audit(event).await?;
    Ok(letter)
}
