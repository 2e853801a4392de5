//! The DDAS delivery by API: `GET /api/v1/organisations/{id}/ddas?from=&to=`
//! (scope `ddas:export`). The gemeente is addressed by organisation id like
//! every other resource of the API, so another gemeente's id is simply "not
//! found". The body streams while the cases are read, so a delivery of any
//! size costs the server one page of memory; the teamleider's download
//! (`pages::ddas`) answers with the same response.

use crate::auth::{authorize, ApiCaller};
use crate::problem::Problem;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::Deserialize;
use std::io;
use std::sync::Arc;
use tokio::sync::mpsc;
use utoipa::IntoParams;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::permission::{Action, Resource};
use vangnet_signals::ddas_export::{
    parse_period, DdasExport, DdasExportError, DeliverySink, AUDIT_ACTION,
};
use vangnet_store::Store;

/// Both as text, so a missing or malformed date is answered as a field
/// error in problem+json rather than by the extractor.
#[derive(Deserialize, IntoParams)]
pub struct PeriodQuery {
    /// Eerste dag van de periode, JJJJ-MM-DD
    from: Option<String>,
    /// Laatste dag van de periode (inbegrepen), JJJJ-MM-DD
    to: Option<String>,
}

/// The gemeente's DDAS delivery (vroegsignalering v0.9, Uitwisselmodel) for
/// CBS over a period: its signals and the cases in progress in it, with
/// contact attempts, statuses and results (scope `ddas:export`).
#[utoipa::path(get, path = "/organisations/{id}/ddas", tag = "ddas", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Organisatie-id van de gemeente"), PeriodQuery),
    responses(
        (status = 200, content_type = "application/json",
            description = "De levering als bijlage, volgens json_schema_Uitwisselmodel.json"),
        (status = 400, body = Problem, content_type = "application/problem+json",
            description = "Het verzoek is niet te lezen: geen geldige JSON, of een parameter van het verkeerde soort"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json",
            description = "Een ongeldige periode, of de DDAS-instellingen van de gemeente ontbreken"),
    ))]
pub async fn export(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, Problem> {
    let gemeente = Resource::Organisation(id);
    authorize(&state, &caller.actor, Action::ExportDdas, gemeente).await?;
    let period = parse_period(
        query.from.as_deref().unwrap_or_default(),
        query.to.as_deref().unwrap_or_default(),
    )
    .map_err(Problem::invalid)?;
    let org = state
        .store
        .org_by_id(id)
        .await?
        .ok_or_else(Problem::not_found)?;
    let export = DdasExport::prepare(&*state.store, &org, period, Utc::now()).await?;
    let who = caller.audit(AUDIT_ACTION, "organisation");
    Ok(delivery_response(state.store.clone(), export, who))
}

impl From<DdasExportError> for Problem {
    fn from(error: DdasExportError) -> Self {
        match error {
            DdasExportError::Invalid(invalid) => Problem::invalid(invalid),
            DdasExportError::UnknownGemeente(_) => Problem::not_found(),
            DdasExportError::Store(error) => error.into(),
            other => {
                tracing::error!(error = %other, "DDAS export failed");
                Problem::internal()
            }
        }
    }
}

/// Sends each chunk to the response body; waits while the client is slow.
struct ChannelSink(mpsc::Sender<io::Result<Vec<u8>>>);

impl DeliverySink for ChannelSink {
    async fn write_chunk(&mut self, chunk: Vec<u8>) -> io::Result<()> {
        if chunk.is_empty() {
            return Ok(());
        }
        self.0
            .send(Ok(chunk))
            .await
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "de ontvanger brak af"))
    }
}

/// The delivery as an attachment, written by a task while the body streams.
/// A failure half-way ends the body with an error, so the client sees a
/// broken transfer instead of a short file that looks complete.
pub(crate) fn delivery_response(
    store: Arc<dyn Store>,
    export: DdasExport,
    who: AuditEvent,
) -> Response {
    let (sender, receiver) = mpsc::channel(4);
    let file_name = export.file_name();
    tokio::spawn(async move {
        let mut sink = ChannelSink(sender.clone());
        if let Err(error) = export.write(&*store, &mut sink, who).await {
            tracing::warn!(%error, "DDAS export stopped");
            let _ = sender
                .send(Err(io::Error::other("export afgebroken")))
                .await;
        }
    });
    let body = Body::from_stream(tokio_stream::wrappers::ReceiverStream::new(receiver));
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/json".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}
