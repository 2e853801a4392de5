//! Downloads of a dashboard: one section's table as CSV for Dutch Excel or
//! as XLSX, or every table in one workbook. The cells are the domain's
//! (`StatTable::to_csv`, `stats::to_xlsx`), so the numbers are the page's.
//! File names say what is in them: `vangnet-gemeente-den-haag-2025-trechter.csv`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use vangnet_domain::kennisbank::Slug;
use vangnet_domain::stats::{to_xlsx, Dashboard, DashboardKind, Section};

pub const CSV_TYPE: &str = "text/csv; charset=utf-8";
pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    /// "trechter.csv" → ("trechter", Csv).
    pub fn split(file: &str) -> Option<(&str, Format)> {
        if let Some(stem) = file.strip_suffix(".csv") {
            return Some((stem, Format::Csv));
        }
        file.strip_suffix(".xlsx").map(|stem| (stem, Format::Xlsx))
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }
}

/// `vangnet-{kind}-{organisation}-{period}[-{section}].{ext}`: lowercase
/// ASCII, digits and dashes only, so it is safe in a header and on any
/// file system. The organisation's name is left out of the platform's.
pub fn file_name(
    dashboard: &Dashboard,
    org_name: Option<&str>,
    section: Option<&str>,
    format: Format,
) -> String {
    let kind = dashboard.kind.slug();
    let mut parts = vec!["vangnet".to_string(), kind.to_string()];
    if let Some(name) = org_name.filter(|_| dashboard.kind != DashboardKind::Platform) {
        if let Ok(slug) = Slug::from_title(name) {
            let slug = slug.as_str();
            let rest = slug
                .strip_prefix(kind)
                .and_then(|r| r.strip_prefix('-'))
                .unwrap_or(slug);
            parts.push(rest.to_string());
        }
    }
    let period: String = dashboard
        .period
        .replace("..", "-tot-")
        .to_ascii_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    parts.push(period);
    if let Some(section) = section {
        parts.push(section.to_string());
    }
    format!("{}.{}", parts.join("-"), format.extension())
}

fn download(bytes: Vec<u8>, content_type: &'static str, name: &str) -> Response {
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        bytes,
    )
        .into_response()
}

/// One section's table.
pub fn section_file(
    dashboard: &Dashboard,
    section: &Section,
    org_name: Option<&str>,
    format: Format,
) -> Response {
    let name = file_name(dashboard, org_name, Some(section.id), format);
    match format {
        Format::Csv => download(section.table.to_csv().into_bytes(), CSV_TYPE, &name),
        Format::Xlsx => download(
            to_xlsx(std::slice::from_ref(&section.table)),
            XLSX_TYPE,
            &name,
        ),
    }
}

/// Every table of the dashboard, one sheet each.
pub fn workbook(dashboard: &Dashboard, org_name: Option<&str>) -> Response {
    let name = file_name(dashboard, org_name, None, Format::Xlsx);
    download(to_xlsx(&dashboard.tables()), XLSX_TYPE, &name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use vangnet_domain::stats::Period;

    fn dashboard(kind: DashboardKind, period: Period, label: &str) -> Dashboard {
        Dashboard::new(kind, "x".into(), period, label)
    }

    #[test]
    fn file_names_say_whose_figures_for_when() {
        let gemeente = dashboard(DashboardKind::Gemeente, Period::Year(2025), "2025");
        assert_eq!(
            file_name(
                &gemeente,
                Some("Gemeente Den Haag"),
                Some("trechter"),
                Format::Csv
            ),
            "vangnet-gemeente-den-haag-2025-trechter.csv"
        );
        let verhuurder = dashboard(
            DashboardKind::Verhuurder,
            Period::Quarter {
                year: 2026,
                quarter: 1,
            },
            "2026-K1",
        );
        assert_eq!(
            file_name(
                &verhuurder,
                Some("Haagse Woningstichting"),
                None,
                Format::Xlsx
            ),
            "vangnet-verhuurder-haagse-woningstichting-2026-k1.xlsx"
        );
        let from = "2026-01-15".parse().unwrap();
        let to = "2026-03-31".parse().unwrap();
        let platform = dashboard(
            DashboardKind::Platform,
            Period::Range { from, to },
            "2026-01-15..2026-03-31",
        );
        assert_eq!(
            file_name(&platform, Some("\"; evil"), Some("totalen"), Format::Csv),
            "vangnet-platform-2026-01-15-tot-2026-03-31-totalen.csv"
        );
        assert_eq!(
            Format::split("trechter.csv"),
            Some(("trechter", Format::Csv))
        );
        assert_eq!(Format::split("a.xlsx"), Some(("a", Format::Xlsx)));
        assert_eq!(Format::split("a.pdf"), None);
    }
}
