//! The teamleider's DDAS download: a form with the period (the previous
//! month by default) that answers with the delivery as an attachment, or
//! with the form again and what to fix (a date, a missing setting).

use crate::api::ddas::delivery_response;
use crate::auth::{authorize, SignedIn};
use crate::middleware::CsrfToken;
use crate::pages::errors::PageError;
use crate::pages::layout::Layout;
use crate::pages::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use chrono::{Datelike, Days, NaiveDate, Utc};
use serde::Deserialize;
use vangnet_domain::calendar::amsterdam_date;
use vangnet_domain::permission::{Action, Resource};
use vangnet_domain::FieldError;
use vangnet_signals::ddas_export::{parse_period, DdasExport, DdasExportError, AUDIT_ACTION};
use vangnet_store::StoreError;

pub const PATH: &str = "/gemeente/ddas";

#[derive(Deserialize, Default)]
pub struct PeriodForm {
    from: Option<String>,
    to: Option<String>,
}

#[derive(Template)]
#[template(path = "ddas_export.html")]
struct ExportPage {
    layout: Layout,
    gemeente: String,
    from: String,
    to: String,
    errors: Vec<FieldError>,
    notice: Option<String>,
    settings_path: &'static str,
}

impl ExportPage {
    fn field_label(&self, field: &str) -> &'static str {
        match field {
            "from" => "Van",
            "to" => "Tot en met",
            "leverancierscode" | "contactpersoon" | "email" => "Instellingen",
            _ => super::field_label(field),
        }
    }
}

/// The last complete month: what a gemeente usually delivers.
fn previous_month(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first_of_this = today.with_day(1).unwrap_or(today);
    let last = first_of_this - Days::new(1);
    (last.with_day(1).unwrap_or(last), last)
}

/// Without dates the form; with dates the download. A GET, so the browser
/// saves the file and the form keeps working without JavaScript.
pub async fn page(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(form): Query<PeriodForm>,
) -> Result<Response, PageError> {
    let own = Resource::Organisation(who.org.id);
    authorize(&state, &who.actor, Action::ExportDdas, own).await?;
    let form_page = |from: String, to: String, errors| ExportPage {
        layout: Layout::signed_in("DDAS-levering", &csrf.0, &who, PATH),
        gemeente: who.org.name.clone(),
        from,
        to,
        errors,
        notice: None,
        settings_path: super::casework::SETTINGS_PATH,
    };
    let (Some(from), Some(to)) = (form.from, form.to) else {
        let (from, to) = previous_month(amsterdam_date(Utc::now()));
        return Ok(render(&form_page(from.to_string(), to.to_string(), vec![])));
    };
    let prepared = match parse_period(&from, &to) {
        Ok(period) => DdasExport::prepare(&*state.store, &who.org, period, Utc::now()).await,
        Err(invalid) => Err(invalid.into()),
    };
    match prepared {
        Ok(export) => {
            let audit = who.audit(AUDIT_ACTION, "organisation");
            Ok(delivery_response(state.store.clone(), export, audit))
        }
        Err(DdasExportError::Invalid(invalid)) => {
            let page = form_page(from, to, invalid.errors);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
        }
        Err(DdasExportError::Store(error)) => Err(error.into()),
        Err(other) => Err(StoreError::Unsupported(other.to_string()).into()),
    }
}

#[cfg(test)]
mod tests {
    use super::previous_month;
    use chrono::NaiveDate;

    #[test]
    fn the_default_period_is_the_previous_month() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let cases = [
            (day(2025, 3, 15), (day(2025, 2, 1), day(2025, 2, 28))),
            (day(2025, 1, 1), (day(2024, 12, 1), day(2024, 12, 31))),
            (day(2024, 3, 31), (day(2024, 2, 1), day(2024, 2, 29))),
        ];
        for (today, expected) in cases {
            assert_eq!(previous_month(today), expected, "{today}");
        }
    }
}
