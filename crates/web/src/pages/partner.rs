//! A signal partner's side: upload a CSV export, see each import's result,
//! download the rejected rows to fix and resend, and follow the status of
//! its own signals (only the feedback DDAS allows: picked up or not).

use crate::auth::{authorize, SignedIn};
use crate::middleware::CsrfToken;
use crate::pages::errors::PageError;
use crate::pages::layout::Layout;
use crate::pages::{render, Paging};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use vangnet_domain::calendar::amsterdam_text;
use vangnet_domain::money::format_euros;
use vangnet_domain::permission::{Action, Resource};
use vangnet_signals::Profile;
use vangnet_signals::{import_csv, ImportError, RunOptions};
use vangnet_store::{ImportRecord, ImportSource, PartnerSignal};

struct ImportView {
    id: i64,
    when: String,
    file: String,
    source: &'static str,
    record: ImportRecord,
}

impl From<ImportRecord> for ImportView {
    fn from(record: ImportRecord) -> Self {
        ImportView {
            id: record.id,
            when: amsterdam_text(record.started_at),
            file: record
                .file_name
                .clone()
                .unwrap_or_else(|| "(geen bestand)".into()),
            source: match record.source.as_str() {
                "api" => "API",
                "upload" => "upload",
                _ => "opdrachtregel",
            },
            record,
        }
    }
}

struct OwnSignal {
    kenmerk: String,
    partner_type: String,
    amount: String,
    signal_date: String,
    status: String,
    version: i64,
}

impl From<PartnerSignal> for OwnSignal {
    fn from(s: PartnerSignal) -> Self {
        OwnSignal {
            amount: format_euros(s.amount_cents),
            signal_date: s.signal_date.format("%d-%m-%Y").to_string(),
            kenmerk: s.kenmerk,
            partner_type: s.partner_type,
            status: s.status,
            version: s.version,
        }
    }
}

#[derive(Template)]
#[template(path = "partner_signals.html")]
struct PartnerPage {
    layout: Layout,
    error: Option<String>,
    imports: Vec<ImportView>,
    signals: Vec<OwnSignal>,
    paging: Paging,
}

#[derive(Template)]
#[template(path = "partner_import.html")]
struct ImportPage {
    layout: Layout,
    import: ImportView,
    rejected: Vec<(String, String)>,
}

async fn allowed(state: &AppState, who: &SignedIn, action: Action) -> Result<(), PageError> {
    Ok(authorize(
        state,
        &who.actor,
        action,
        Resource::Organisation(who.org.id),
    )
    .await?)
}

async fn partner_page(
    state: &AppState,
    who: &SignedIn,
    csrf: &CsrfToken,
    paging: Paging,
    error: Option<String>,
) -> Result<Response, PageError> {
    let imports = state.store.list_imports(who.org.id, 20).await?;
    let signals = state
        .store
        .partner_signals(who.org.id, paging.page())
        .await?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = PartnerPage {
        layout: Layout::signed_in("Signalen", &csrf.0, who, "/signalen"),
        error,
        imports: imports.into_iter().map(ImportView::from).collect(),
        paging: paging.after(signals.len()),
        signals: signals.into_iter().map(OwnSignal::from).collect(),
    };
    Ok((status, render(&page)).into_response())
}

pub async fn overview(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(paging): Query<Paging>,
) -> Result<Response, PageError> {
    allowed(&state, &who, Action::ViewOwnSignals).await?;
    partner_page(&state, &who, &csrf, paging, None).await
}

/// The upload, spooled to an anonymous temporary file so memory stays
/// flat whatever its size, and the optional mapping profile.
struct UploadForm {
    file_name: String,
    file: std::fs::File,
    profile: Option<String>,
}

const MAX_PROFILE_BYTES: usize = 64 * 1024;

async fn spool(mut field: axum::extract::multipart::Field<'_>) -> Result<std::fs::File, String> {
    use std::io::{Seek, Write};
    let failed = |e: std::io::Error| format!("de upload kon niet worden opgeslagen: {e}");
    let mut file = tempfile::tempfile().map_err(failed)?;
    let mut size = 0;
    while let Some(chunk) = field
        .chunk()
        .await
        .map_err(|e| format!("upload mislukt: {e}"))?
    {
        size += chunk.len();
        file.write_all(&chunk).map_err(failed)?;
    }
    if size == 0 {
        return Err("Het gekozen bestand is leeg.".into());
    }
    file.rewind().map_err(failed)?;
    Ok(file)
}

/// The profile is small; reading stops as soon as it is too large.
async fn read_profile(
    mut field: axum::extract::multipart::Field<'_>,
) -> Result<Option<String>, String> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field
        .chunk()
        .await
        .map_err(|e| format!("upload mislukt: {e}"))?
    {
        if bytes.len() + chunk.len() > MAX_PROFILE_BYTES {
            return Err("Het koppelprofiel is te groot (hoogstens 64 kB).".into());
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok((!bytes.is_empty()).then(|| String::from_utf8_lossy(&bytes).into_owned()))
}

async fn read_form(multipart: &mut Multipart) -> Result<UploadForm, String> {
    let mut file = None;
    let mut profile = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| format!("het formulier kon niet worden gelezen: {e}"))?
    {
        match field.name() {
            Some("bestand") => {
                let name = field.file_name().unwrap_or("upload.csv").to_string();
                file = Some((name, spool(field).await?));
            }
            Some("profiel") => profile = read_profile(field).await?,
            _ => {}
        }
    }
    let (file_name, file) = file.ok_or("Kies een CSV-bestand om te uploaden.")?;
    Ok(UploadForm {
        file_name,
        file,
        profile,
    })
}

pub async fn upload(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    allowed(&state, &who, Action::SubmitSignals).await?;
    let fail =
        |message: String| partner_page(&state, &who, &csrf, Paging::default(), Some(message));
    let form = match read_form(&mut multipart).await {
        Ok(form) => form,
        Err(message) => return fail(message).await,
    };
    let profile = match form.profile.as_deref().map(Profile::from_toml).transpose() {
        Ok(profile) => profile.unwrap_or_default(),
        Err(e) => return fail(format!("Het profiel klopt niet: {e}")).await,
    };
    let options = RunOptions {
        source: ImportSource::Upload,
        file_name: Some(form.file_name),
        actor_user_id: Some(who.user.id),
        ..RunOptions::default()
    };
    let reader = std::io::BufReader::with_capacity(256 * 1024, form.file);
    let report = import_csv(
        &*state.store,
        who.org.clone(),
        reader,
        &profile,
        options,
        |_| {},
    )
    .await;
    match report {
        Ok(report) => {
            let id = report.import_id.unwrap_or_default();
            Ok(Redirect::to(&format!("/signalen/imports/{id}")).into_response())
        }
        Err(ImportError::Store(error)) => Err(error.into()),
        Err(error) => fail(format!("Het bestand kon niet worden ingelezen: {error}.")).await,
    }
}

async fn own_import(state: &AppState, who: &SignedIn, id: i64) -> Result<ImportRecord, PageError> {
    state
        .store
        .import_record(who.org.id, id)
        .await?
        .ok_or_else(PageError::not_found)
}

/// Line and reasons of each rejected row, read back from the stored CSV.
fn rejected_summary(csv: &str) -> Vec<(String, String)> {
    vangnet_signals::leading_cells(csv, b';', 2)
        .into_iter()
        .skip(1)
        .filter_map(|cells| match cells.as_slice() {
            [line, reasons] => Some((line.clone(), reasons.clone())),
            _ => None,
        })
        .take(200)
        .collect()
}

pub async fn import_detail(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    allowed(&state, &who, Action::ViewOwnSignals).await?;
    let record = own_import(&state, &who, id).await?;
    let csv = state
        .store
        .rejected_rows(who.org.id, id)
        .await?
        .unwrap_or_default();
    let page = ImportPage {
        layout: Layout::signed_in(&format!("Import {id}"), &csrf.0, &who, "/signalen"),
        import: ImportView::from(record),
        rejected: rejected_summary(&csv),
    };
    Ok(render(&page))
}

/// The rejected rows, Excel-friendly: UTF-8 with a byte-order mark and `;`.
pub async fn rejected_download(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    allowed(&state, &who, Action::ViewOwnSignals).await?;
    let csv = state
        .store
        .rejected_rows(who.org.id, id)
        .await?
        .ok_or_else(PageError::not_found)?;
    let disposition = format!("attachment; filename=\"afgewezen-import-{id}.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        format!("\u{feff}{csv}"),
    )
        .into_response())
}
