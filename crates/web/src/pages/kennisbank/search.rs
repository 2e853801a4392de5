//! `/kennisbank/zoeken`: free text, facets (phase, actor, region) as links
//! that add or remove one filter, and 20 results a page. The query string
//! may repeat `fase` and `actor`; editors may add `concept=1` for drafts.

use super::{actor_label, layout, phase_label};
use crate::auth::SignedIn;
use crate::middleware::CsrfToken;
use crate::pages::layout::Layout;
use crate::pages::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::Extension;
use vangnet_domain::kennisbank::Phase;
use vangnet_domain::permission::{can, Action, Resource};
use vangnet_search::{FacetCount, Query, SnippetPart};

const PAGE_SIZE: usize = 20;

/// What the address asks for; also writes the addresses of its variants.
#[derive(Clone, Default)]
struct Filters {
    text: String,
    phases: Vec<String>,
    actors: Vec<String>,
    region: Option<String>,
    drafts: bool,
    page: usize,
}

impl Filters {
    fn parse(raw: Option<&str>) -> Filters {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(raw.unwrap_or("")).unwrap_or_default();
        let mut filters = Filters {
            page: 1,
            ..Filters::default()
        };
        for (key, value) in pairs {
            let value = value.trim().to_string();
            match key.as_str() {
                "q" => filters.text = value.chars().take(200).collect(),
                "fase" if !value.is_empty() && !filters.phases.contains(&value) => {
                    filters.phases.push(value)
                }
                "actor" if !value.is_empty() && !filters.actors.contains(&value) => {
                    filters.actors.push(value)
                }
                "regio" if !value.is_empty() => filters.region = Some(value),
                "concept" => filters.drafts = value == "1",
                "pagina" => filters.page = value.parse().unwrap_or(1).clamp(1, 10_000),
                _ => {}
            }
        }
        filters
    }

    /// This search's address on page `page`.
    fn href(&self, page: usize) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if !self.text.is_empty() {
            pairs.push(("q", &self.text));
        }
        pairs.extend(self.phases.iter().map(|p| ("fase", p.as_str())));
        pairs.extend(self.actors.iter().map(|a| ("actor", a.as_str())));
        if let Some(region) = &self.region {
            pairs.push(("regio", region));
        }
        if self.drafts {
            pairs.push(("concept", "1"));
        }
        let page = page.to_string();
        if page != "1" {
            pairs.push(("pagina", &page));
        }
        let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        if query.is_empty() {
            "/kennisbank/zoeken".into()
        } else {
            format!("/kennisbank/zoeken?{query}")
        }
    }

    /// The address with `value` toggled in the list `pick` chooses.
    fn toggled(&self, pick: fn(&mut Filters) -> &mut Vec<String>, value: &str) -> String {
        let mut next = self.clone();
        let list = pick(&mut next);
        if let Some(at) = list.iter().position(|v| v == value) {
            list.remove(at);
        } else {
            list.push(value.to_string());
        }
        next.href(1)
    }

    fn with_region(&self, region: Option<&str>) -> String {
        let mut next = self.clone();
        next.region = region.map(str::to_string);
        next.href(1)
    }
}

pub struct FacetLink {
    pub label: String,
    pub count: usize,
    pub href: String,
    pub active: bool,
}

pub struct FacetGroup {
    pub heading: &'static str,
    pub links: Vec<FacetLink>,
}

pub struct ActiveFilter {
    pub label: String,
    pub remove_href: String,
}

pub struct HitView {
    pub slug: String,
    pub title: String,
    pub draft: bool,
    pub phases: String,
    pub actors: String,
    pub region: Option<String>,
    pub snippet: Vec<SnippetPart>,
}

#[derive(Template)]
#[template(path = "kb_search.html")]
struct SearchPage {
    layout: Layout,
    search_text: String,
    total: usize,
    first: usize,
    last: usize,
    hits: Vec<HitView>,
    facet_groups: Vec<FacetGroup>,
    active: Vec<ActiveFilter>,
    previous: Option<String>,
    next: Option<String>,
    page: usize,
    pages: usize,
    drafts: bool,
}

fn facet_links(
    counts: &[FacetCount],
    label: fn(&str) -> String,
    href: impl Fn(&str) -> String,
    active: impl Fn(&str) -> bool,
) -> Vec<FacetLink> {
    counts
        .iter()
        .map(|f| FacetLink {
            label: label(&f.value),
            count: f.count,
            href: href(&f.value),
            active: active(&f.value),
        })
        .collect()
}

pub async fn page(
    State(state): State<AppState>,
    who: Option<SignedIn>,
    Extension(csrf): Extension<CsrfToken>,
    RawQuery(raw): RawQuery,
) -> Response {
    let mut filters = Filters::parse(raw.as_deref());
    let editor = who
        .as_ref()
        .is_some_and(|w| can(&w.actor, Action::ReviewPractices, Resource::Platform).is_allowed());
    filters.drafts &= editor;
    let results = state.kennisbank.search(&Query {
        text: filters.text.clone(),
        phases: filters.phases.clone(),
        actors: filters.actors.clone(),
        region: filters.region.clone(),
        include_drafts: filters.drafts,
        offset: (filters.page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
    });
    let pages = results.total.div_ceil(PAGE_SIZE).max(1);
    let f = &filters;
    // Phases read in the zeef's order, like the home page; the others by count.
    let mut phase_counts = results.facets.phases.clone();
    phase_counts.sort_by_key(|f| Phase::ALL.iter().position(|p| p.slug() == f.value));
    let phase_facets = facet_links(
        &phase_counts,
        |v| phase_label(v).to_string(),
        |v| f.toggled(|x| &mut x.phases, v),
        |v| f.phases.iter().any(|p| p == v),
    );
    let actor_facets = facet_links(
        &results.facets.actors,
        |v| actor_label(v).to_string(),
        |v| f.toggled(|x| &mut x.actors, v),
        |v| f.actors.iter().any(|a| a == v),
    );
    let region_facets = facet_links(
        &results.facets.regions,
        |v| v.to_string(),
        |v| f.with_region((f.region.as_deref() != Some(v)).then_some(v)),
        |v| f.region.as_deref() == Some(v),
    );
    let mut active: Vec<ActiveFilter> = Vec::new();
    for p in &f.phases {
        active.push(ActiveFilter {
            label: format!("Fase: {}", phase_label(p)),
            remove_href: f.toggled(|x| &mut x.phases, p),
        });
    }
    for a in &f.actors {
        active.push(ActiveFilter {
            label: format!("Betrokken: {}", actor_label(a)),
            remove_href: f.toggled(|x| &mut x.actors, a),
        });
    }
    if let Some(region) = &f.region {
        active.push(ActiveFilter {
            label: format!("Regio: {region}"),
            remove_href: f.with_region(None),
        });
    }
    let first = (f.page - 1) * PAGE_SIZE + 1;
    let hits: Vec<HitView> = results
        .hits
        .into_iter()
        .map(|h| HitView {
            draft: h.id < 0,
            phases: h
                .phases
                .iter()
                .map(|p| phase_label(p))
                .collect::<Vec<_>>()
                .join(", "),
            actors: h
                .actors
                .iter()
                .map(|a| actor_label(a))
                .collect::<Vec<_>>()
                .join(", "),
            region: h.region,
            snippet: if h.snippet.is_empty() {
                vec![SnippetPart {
                    text: h.summary,
                    highlight: false,
                }]
            } else {
                h.snippet
            },
            slug: h.slug,
            title: h.title,
        })
        .collect();
    let title = if f.text.is_empty() {
        "Zoeken in de kennisbank".to_string()
    } else {
        format!("Zoekresultaten voor ‘{}’", f.text)
    };
    render(&SearchPage {
        layout: layout(&title, &csrf.0, who.as_ref()),
        search_text: f.text.clone(),
        total: results.total,
        first,
        last: first + hits.len().saturating_sub(1),
        hits,
        facet_groups: [
            ("Fase", phase_facets),
            ("Betrokken", actor_facets),
            ("Regio", region_facets),
        ]
        .into_iter()
        .filter(|(_, links)| !links.is_empty())
        .map(|(heading, links)| FacetGroup { heading, links })
        .collect(),
        active,
        previous: (f.page > 1).then(|| f.href(f.page - 1)),
        next: (f.page < pages).then(|| f.href(f.page + 1)),
        page: f.page,
        pages,
        drafts: f.drafts,
    })
}

#[cfg(test)]
mod tests {
    use super::Filters;

    #[test]
    fn filters_round_trip_through_the_address() {
        let f = Filters::parse(Some(
            "q=huur+%26+schuld&fase=preventie&fase=horizon&actor=gemeente&regio=Den+Haag&pagina=3",
        ));
        assert_eq!(f.text, "huur & schuld");
        assert_eq!(f.phases, ["preventie", "horizon"]);
        assert_eq!(f.page, 3);
        assert_eq!(
            f.href(2),
            "/kennisbank/zoeken?q=huur+%26+schuld&fase=preventie&fase=horizon&actor=gemeente&regio=Den+Haag&pagina=2"
        );
        let without = Filters::parse(Some(&f.toggled(|x| &mut x.phases, "preventie")[19..]));
        assert_eq!(without.phases, ["horizon"]);
        assert_eq!(without.page, 1);
        assert_eq!(Filters::parse(Some("pagina=nope")).page, 1);
        assert_eq!(Filters::parse(None).href(1), "/kennisbank/zoeken");
    }
}
