//! A report as CSV for a spreadsheet: the header and the rows laid out in
//! `domain::report::csv`, rows ending in a line feed.

use super::sheet::{self, RowEnd};
use crate::domain::report::Report;
use crate::domain::report::csv::{HEADER, rows};

pub fn csv(report: &Report) -> String {
    let header = HEADER.map(String::from);
    sheet::text(std::iter::once(header).chain(rows(report)), RowEnd::Lf)
}
