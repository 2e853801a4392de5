//! The printable handreiking: every published practice, grouped by phase
//! in the order of the ontruimingszeef, with a table of contents. A
//! practice in several phases appears in each, as in the printed
//! handreiking, where a reader looks up one phase at a time. One template
//! serves the screen, the browser's print and the PDF (`pdf.rs`).

use askama::Template;

pub struct PrintedPractice {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub organisation: Option<String>,
    pub region: Option<String>,
    /// The actors' Dutch labels, joined.
    pub actors: String,
    /// dd-mm-jjjj
    pub updated: String,
    pub contact: Option<String>,
    /// Already sanitised by `markdown::render`.
    pub body_html: String,
}

pub struct PhaseGroup {
    pub slug: &'static str,
    pub label: &'static str,
    pub practices: Vec<PrintedPractice>,
}

#[derive(Template)]
#[template(path = "kennisbank_handreiking.html")]
struct Handreiking<'a> {
    groups: Vec<&'a PhaseGroup>,
    total: usize,
    as_of: &'a str,
    /// The screen version links back and to the PDF; the PDF does not.
    screen: bool,
}

/// The whole document. Empty phases are left out: a printed chapter with
/// nothing in it helps no one.
pub fn render(groups: &[PhaseGroup], total: usize, as_of: &str, screen: bool) -> String {
    let page = Handreiking {
        groups: groups.iter().filter(|g| !g.practices.is_empty()).collect(),
        total,
        as_of,
        screen,
    };
    page.render().unwrap_or_else(|e| {
        tracing::error!(error = %e, "handreiking template failed");
        String::from(
            "<!doctype html><title>Fout</title><p>De handreiking kon niet worden opgemaakt.</p>",
        )
    })
}
