//! A dashboard as HTML: per section its heading, the one-sentence summary,
//! the chart drawn from the section's own table, a visible link to the
//! figures as a table (`#tabel-{id}`), the table itself (caption, header
//! cells with a scope), the note, and the section's CSV and XLSX downloads.
//! A pure function of the `Dashboard`, so the page, the benchmark and the
//! tests render exactly the same thing.

use super::charts::{bar_chart, funnel, line_chart, Series};
use askama::Template;
use vangnet_domain::stats::{Cell, Chart, Dashboard, Section};

/// One cell as shown: the text and whether it is a number (right-aligned).
pub struct CellView {
    pub text: String,
    pub numeric: bool,
}

pub struct SectionView {
    pub id: &'static str,
    pub title: String,
    pub summary: String,
    /// The SVG from `charts`, whose text is escaped there; empty without a chart.
    pub chart_svg: String,
    pub note: Option<String>,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<CellView>>,
    pub csv_href: String,
    pub xlsx_href: String,
}

#[derive(Template)]
#[template(path = "stats_sections.html")]
struct Sections<'a> {
    sections: &'a [SectionView],
}

/// The address of a dashboard's page (and, with an extension, its exports).
pub fn dashboard_path(dashboard: &Dashboard) -> String {
    format!("/statistieken/{}", dashboard.kind.slug())
}

/// `?periode=…`, the period as it was asked, for links that keep it.
pub fn period_query(dashboard: &Dashboard) -> String {
    let encoded: String = form_urlencoded_value(&dashboard.period);
    format!("?periode={encoded}")
}

fn form_urlencoded_value(value: &str) -> String {
    serde_urlencoded::to_string([("v", value)])
        .map(|s| s.trim_start_matches("v=").to_string())
        .unwrap_or_default()
}

fn cell_view(cell: &Cell) -> CellView {
    CellView {
        text: cell.display(),
        numeric: !matches!(cell, Cell::Text(_)),
    }
}

/// The chart of one section as SVG, or an empty string for `Chart::None`.
pub fn chart_svg(section: &Section) -> String {
    let id = format!("grafiek-{}", section.id);
    let title = &section.table.title;
    let (labels, series) = section.chart_data();
    match &section.chart {
        Chart::None => String::new(),
        Chart::Line { .. } => {
            let series: Vec<Series> = series
                .iter()
                .map(|(label, values)| Series {
                    label,
                    values: values.clone(),
                })
                .collect();
            line_chart(&id, title, &labels, &series)
        }
        Chart::Bars { .. } | Chart::Funnel { .. } => {
            let values = series
                .into_iter()
                .next()
                .map(|(_, v)| v)
                .unwrap_or_default();
            // A total next to its parts would only squash their bars; the
            // summary and the table give it.
            let is_bars = matches!(section.chart, Chart::Bars { .. });
            let bars: Vec<(&str, Option<u64>)> = labels
                .iter()
                .map(String::as_str)
                .zip(values)
                .filter(|(label, _)| !(is_bars && *label == "Totaal"))
                .collect();
            if matches!(section.chart, Chart::Funnel { .. }) {
                funnel(&id, title, &bars)
            } else {
                bar_chart(&id, title, &bars)
            }
        }
    }
}

/// Everything the template needs of each section.
pub fn section_views(dashboard: &Dashboard) -> Vec<SectionView> {
    let base = dashboard_path(dashboard);
    let query = period_query(dashboard);
    dashboard
        .sections
        .iter()
        .map(|section| SectionView {
            id: section.id,
            title: section.table.title.clone(),
            summary: section.summary.clone(),
            chart_svg: chart_svg(section),
            note: section.note.clone(),
            columns: section.table.columns.clone(),
            rows: section
                .table
                .rows
                .iter()
                .map(|row| row.iter().map(cell_view).collect())
                .collect(),
            csv_href: format!("{base}/{}.csv{query}", section.id),
            xlsx_href: format!("{base}/{}.xlsx{query}", section.id),
        })
        .collect()
}

/// The HTML of every section, in order.
pub fn sections_html(dashboard: &Dashboard) -> Result<String, askama::Error> {
    let sections = section_views(dashboard);
    Sections {
        sections: &sections,
    }
    .render()
}

#[cfg(test)]
mod tests {
    use super::*;
    use vangnet_domain::stats::{DashboardKind, Period, StatTable};

    pub(crate) fn sample() -> Dashboard {
        let mut dashboard = Dashboard::new(
            DashboardKind::Gemeente,
            "Gemeente Den Haag".into(),
            Period::Year(2025),
            "2025",
        );
        dashboard.sections.push(Section {
            id: "trechter",
            table: StatTable {
                title: "Van signaal tot hulp".into(),
                columns: vec!["Stap".into(), "Huishoudens".into()],
                rows: vec![
                    vec![Cell::Text("Signalen".into()), Cell::count(120)],
                    vec![Cell::Text("Zaken <b>".into()), Cell::count(80)],
                    vec![Cell::Text("Hulp aanvaard".into()), Cell::count(3)],
                ],
            },
            chart: Chart::Funnel { column: 1 },
            summary: "Van de 120 signalen werden er 80 een zaak.".into(),
            note: Some("Huishoudens, niet personen.".into()),
        });
        dashboard.sections.push(Section {
            id: "per-maand",
            table: StatTable {
                title: "Signalen per maand".into(),
                columns: vec!["Maand".into(), "Signalen".into(), "Zaken".into()],
                rows: vec![
                    vec![Cell::Text("jan".into()), Cell::count(40), Cell::count(30)],
                    vec![Cell::Text("feb".into()), Cell::count(2), Cell::count(50)],
                ],
            },
            chart: Chart::Line {
                columns: vec![1, 2],
            },
            summary: "De meeste signalen kwamen in januari.".into(),
            note: None,
        });
        dashboard.sections.push(Section {
            id: "kosten",
            table: StatTable {
                title: "Kosten".into(),
                columns: vec!["Wat".into(), "Bedrag".into()],
                rows: vec![vec![Cell::Text("Vermeden".into()), Cell::Money(750_000)]],
            },
            chart: Chart::None,
            summary: "Geen grafiek.".into(),
            note: None,
        });
        dashboard
    }

    #[test]
    fn every_section_has_its_chart_summary_table_and_downloads() {
        let html = sections_html(&sample()).unwrap();
        for id in ["trechter", "per-maand", "kosten"] {
            assert!(html.contains(&format!("id=\"tabel-{id}\"")), "{id}");
            assert!(
                html.contains(&format!(
                    "href=\"/statistieken/gemeente/{id}.csv?periode=2025\""
                )),
                "{id}"
            );
            assert!(html.contains(&format!(
                "href=\"/statistieken/gemeente/{id}.xlsx?periode=2025\""
            )));
        }
        assert_eq!(html.matches("Bekijk de cijfers als tabel").count(), 2);
        assert!(html.contains("href=\"#tabel-trechter\""));
        assert!(html.contains("<caption id=\"bijschrift-trechter\">Van signaal tot hulp</caption>"));
        assert!(html.contains("<th scope=\"col\">Stap</th>"));
        assert!(
            html.contains("<th scope=\"row\">Zaken &#60;b&#62;</th>")
                || html.contains("<th scope=\"row\">Zaken &lt;b&gt;</th>"),
            "{html}"
        );
        assert!(
            html.contains(">&#60;5</td>") || html.contains(">&lt;5</td>"),
            "{html}"
        );
        assert!(html.contains("Trechter Van signaal tot hulp"));
        assert!(html.contains("Lijngrafiek Signalen per maand"));
        assert!(html.contains("Huishoudens, niet personen."));
        assert!(html.contains("€ 7.500,00"));
        assert!(!html.contains("<b>"), "text is escaped");
        assert!(!html.contains("style="), "no inline style (CSP)");
    }
}
