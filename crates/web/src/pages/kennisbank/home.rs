//! `/kennisbank`: the ontruimingszeef as the way in. Each phase is a step
//! of the funnel with how many published practices it has; below it the
//! search form and the practices updated last.

use super::{layout, phase_label};
use crate::auth::SignedIn;
use crate::middleware::CsrfToken;
use crate::pages::layout::Layout;
use crate::pages::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum::Extension;
use vangnet_domain::kennisbank::Phase;
use vangnet_search::Query;

pub struct Step {
    pub slug: &'static str,
    pub label: &'static str,
    pub explanation: &'static str,
    pub count: usize,
}

pub struct Recent {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub phases: String,
}

#[derive(Template)]
#[template(path = "kb_home.html")]
struct HomePage {
    layout: Layout,
    steps: Vec<Step>,
    total: usize,
    recent: Vec<Recent>,
}

/// What happens to a household in each phase, in one line.
fn explanation(phase: Phase) -> &'static str {
    match phase {
        Phase::Prevention => {
            "Voordat er een achterstand is: voorlichting, betaalbare huur en vroeg contact."
        }
        Phase::Arrears => {
            "De huur is niet betaald: herinneringen, vroegsignalering en een huisbezoek."
        }
        Phase::Bailiff => {
            "De zaak ligt bij de deurwaarder: dagvaarding, laatste kans op een regeling."
        }
        Phase::Judgment => "De rechter heeft gevonnist: de ontruiming kan nog worden voorkomen.",
        Phase::Eviction => "De ontruiming is aangezegd of vindt plaats: opvang en zorg regelen.",
        Phase::Aftercare => "Na de ontruiming of een doorstart: een nieuwe woning en begeleiding.",
        Phase::Horizon => "Verder dan één huishouden: beleid, samenwerking en wetgeving.",
    }
}

pub async fn page(
    State(state): State<AppState>,
    who: Option<SignedIn>,
    Extension(csrf): Extension<CsrfToken>,
) -> Response {
    let results = state.kennisbank.search(&Query {
        limit: 5,
        ..Query::default()
    });
    let count = |slug: &str| {
        results
            .facets
            .phases
            .iter()
            .find(|f| f.value == slug)
            .map_or(0, |f| f.count)
    };
    let steps = Phase::ALL
        .iter()
        .map(|&p| Step {
            slug: p.slug(),
            label: p.label_nl(),
            explanation: explanation(p),
            count: count(p.slug()),
        })
        .collect();
    let recent = results
        .hits
        .into_iter()
        .map(|h| Recent {
            phases: h
                .phases
                .iter()
                .map(|p| phase_label(p))
                .collect::<Vec<_>>()
                .join(", "),
            slug: h.slug,
            title: h.title,
            summary: h.summary,
        })
        .collect();
    render(&HomePage {
        layout: layout("Kennisbank", &csrf.0, who.as_ref()),
        steps,
        total: results.total,
        recent,
    })
}
