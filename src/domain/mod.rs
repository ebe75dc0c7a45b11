//! The complaint procedure as pure code: no terminal, no database, no clock reads.

pub mod calendar;
pub mod case;
pub mod clock;
pub mod complainant;
pub mod contact;
pub mod deadlines;
pub mod event;
pub mod explain;
pub mod intake;
pub mod learnings;
pub mod mask;
pub mod merge;
pub mod moment;
pub mod privacy;
pub mod problem;
pub mod query;
pub mod recurrence;
pub mod report;
pub mod service;
pub mod step_time;
mod steps;
pub mod summary;
pub mod template;
pub mod undo;
pub mod when;
pub mod workflow;
