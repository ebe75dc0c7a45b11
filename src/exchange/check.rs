//! Reading a whole export for import: every case parsed and verified, and
//! every problem found, so that one pass tells the operator all that is wrong.
//! Nothing here touches a database.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::json;
use super::problem::{Located, TrailProblem};
use super::replay::{Verified, verify};
use crate::domain::case::CaseId;
use crate::domain::workflow::Rules;

/// The most problems collected: beyond this the file is plainly not importable,
/// and the list only grows in memory.
const MAX_PROBLEMS: usize = 100;

/// Every case of the export in `bytes`, verified against `rules` and `now`; or
/// every problem found (up to a hundred). `progress` is told the number of
/// cases first, then once per case checked.
pub fn check_export(
    bytes: &[u8],
    rules: &Rules,
    now: DateTime<Utc>,
    mut progress: impl FnMut(Progress),
) -> Result<Vec<Verified>, Vec<Located>> {
    let cases = json::read(bytes).map_err(|p| vec![p])?;
    progress(Progress::Total(cases.len()));
    let mut verified = Vec::with_capacity(cases.len());
    let mut problems = Vec::new();
    let mut seen: HashMap<CaseId, usize> = HashMap::new();
    for parsed in cases {
        progress(Progress::Step);
        let checked = parsed.and_then(|parsed| {
            let id = parsed.trail.case.id;
            if let Some(first_line) = seen.get(&id) {
                let duplicate = TrailProblem::Duplicate {
                    first_line: *first_line,
                };
                return Err(Located::trail(Some(parsed.at), Some(id), duplicate));
            }
            seen.insert(id, parsed.at.line);
            verify(parsed.trail, rules, now).map_err(|p| Located::trail(Some(parsed.at), Some(id), p))
        });
        match checked {
            Ok(case) if problems.is_empty() => verified.push(case),
            // Once the file is refused its good cases are of no use.
            Ok(_) => {}
            Err(problem) => {
                verified = Vec::new();
                problems.push(problem);
                if problems.len() == MAX_PROBLEMS {
                    break;
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(verified)
    } else {
        Err(problems)
    }
}

/// How far a long check has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    Total(usize),
    Step,
}
