//! Cases leaving and entering the desk as files: a complete, versioned JSON
//! export that `klachtdesk import` reads back exactly, and a CSV with one row
//! per case for spreadsheets.
//!
//! This layer knows file formats and the procedure, not the database: it turns
//! cases with their audit trails into bytes and back, and checks each case read
//! from a file the way the desk would have checked it ([`replay`]). Writing the
//! checked cases is the store's job (`Store::import`).

mod added_fields;
mod check;
pub mod csv;
pub mod json;
mod position;
pub mod problem;
mod record;
pub mod replay;
pub mod report_csv;
pub mod sheet;
mod step_times;
mod strict;

use crate::domain::case::Case;
use crate::domain::event::Event;

pub use check::{Progress, check_export};
pub use position::Position;
pub use problem::{FileProblem, Located, Problem as ImportProblem, TrailProblem};
pub use record::CaseRecord;
pub use replay::Verified;
pub use strict::Difference;

/// One case with its whole audit trail, oldest event first.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CaseTrail {
    pub case: Case,
    pub events: Vec<Event>,
}
