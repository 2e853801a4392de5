//! Statistics in the web layer (issue 7, begun): server-rendered SVG charts
//! that need no script, print well and read in grey-scale.

pub mod charts;
