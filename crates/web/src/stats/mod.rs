//! Statistics in the web layer (issue 7): gathering a dashboard's facts
//! (`load`) and server-rendered SVG charts that need no script, print well
//! and read in grey-scale (`charts`).

pub mod charts;
pub mod load;
