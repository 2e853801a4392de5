//! Statistics in the web layer (issue 7): gathering a dashboard's facts
//! (`load`); server-rendered SVG charts that need no script, print well and
//! read in grey-scale (`charts`); a dashboard rendered as HTML sections
//! (`render`); its CSV and XLSX downloads (`exports`); and the kennisbank's
//! page reads, counted in memory and flushed to the store (`reads`).

pub mod charts;
pub mod exports;
pub mod load;
pub mod reads;
pub mod render;
