//! The public shapes: what goes into the index and what a search returns.

use serde::{Deserialize, Serialize};

/// A good practice as the index sees it. The database stays the source of truth; this is a
/// copy the caller hands over on start and on every publish.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// Plain text: the caller strips the Markdown, so no markup ends up in a snippet.
    pub body: String,
    pub phases: Vec<String>,
    pub actors: Vec<String>,
    pub region: Option<String>,
    /// A day number (days since 1970-01-01, for example); only its order matters.
    pub updated: i32,
    pub published: bool,
}

/// A search: free text plus filters. An empty text lists the matching documents, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Query {
    pub text: String,
    /// Any of these phases (none: no filter).
    pub phases: Vec<String>,
    /// Any of these actors (none: no filter).
    pub actors: Vec<String>,
    /// Exactly this region.
    pub region: Option<String>,
    /// Editors see drafts; everyone else only published practices.
    pub include_drafts: bool,
    pub offset: usize,
    pub limit: usize,
}

impl Default for Query {
    fn default() -> Self {
        Self {
            text: String::new(),
            phases: Vec::new(),
            actors: Vec::new(),
            region: None,
            include_drafts: false,
            offset: 0,
            limit: 20,
        }
    }
}

impl Query {
    /// A query for `text` with no filters and the default page.
    pub fn text(text: &str) -> Self {
        Self {
            text: text.to_string(),
            ..Self::default()
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Results {
    /// All matches, before paging.
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Facets,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub score: f32,
    pub phases: Vec<String>,
    pub actors: Vec<String>,
    pub region: Option<String>,
    pub updated: i32,
    pub snippet: Vec<SnippetPart>,
}

/// A piece of a snippet. Plain text: the caller escapes it and marks the highlighted parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnippetPart {
    pub text: String,
    pub highlight: bool,
}

/// Counts over all matches (after the filters, before paging), most frequent first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facets {
    pub phases: Vec<FacetCount>,
    pub actors: Vec<FacetCount>,
    pub regions: Vec<FacetCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    pub value: String,
    pub count: usize,
}
