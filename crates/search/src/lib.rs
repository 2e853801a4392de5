//! Dutch full-text search for the kennisbank: our own small in-memory inverted index.
//!
//! Why not tantivy: the Dutch parts (decompounding, synonym groups, typo tolerance, diacritic
//! folding) are custom anyway, the kennisbank holds thousands of practices rather than millions,
//! and CI builds on two cores. This crate does no I/O: the caller feeds it documents from the
//! database and gets plain data back.
//!
//! - `analysis`: words, folding, stop words, Dutch Snowball stemming.
//! - `compound`: splitting compounds (`huurachterstand` = `huur` + `achterstand`).
//! - `fuzzy`: typo tolerance by edit distance.
//! - `synonyms`: the editable synonym groups.
//! - `index`: postings, query planning, BM25F ranking, filters and facets.
//! - `snippet`: highlighted text around the matches.
//! - `hash`: a fast hasher for the index's maps.
//!
//! Known limit: a compound indexed by `upsert` is split with the lexicon of that moment; a part
//! that first appears in a later document splits it only after the next `rebuild` (which every
//! node does on start).

mod analysis;
mod compound;
mod fuzzy;
mod hash;
mod index;
mod snippet;
mod synonyms;
mod types;

pub use index::Index;
pub use synonyms::{SynonymError, SynonymProblem, Synonyms};
pub use types::{Document, FacetCount, Facets, Hit, Query, Results, SnippetPart};
