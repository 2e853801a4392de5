//! Statistics in the web layer (issue 7): server-rendered SVG charts that
//! need no script, print well and read in grey-scale; a dashboard rendered
//! as HTML sections; its CSV and XLSX downloads; and the kennisbank's page
//! reads, counted in memory and flushed to the store.

pub mod charts;
pub mod exports;
pub mod reads;
pub mod render;
