//! CSV for spreadsheets, written with the `csv` crate (RFC 4180: a cell is
//! quoted when it holds a comma, a double quote or a line break, its quotes
//! doubled), with one guard on top: a cell that starts with `=`, `+`, `-`,
//! `@`, a tab or a carriage return gets a leading `'`, so that a spreadsheet
//! shows it instead of running it as a formula (a complainant's text must
//! never run).

use std::borrow::Cow;
use std::io::{self, Write};

/// How rows end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowEnd {
    CrLf,
    Lf,
}

/// A CSV being written, a row at a time.
pub struct Sheet<W: Write> {
    csv: csv::Writer<W>,
}

impl<W: Write> Sheet<W> {
    pub fn new(out: W, end: RowEnd) -> Self {
        let terminator = match end {
            RowEnd::CrLf => csv::Terminator::CRLF,
            RowEnd::Lf => csv::Terminator::Any(b'\n'),
        };
        Sheet {
            csv: csv::WriterBuilder::new()
                .terminator(terminator)
                .quote_style(csv::QuoteStyle::Necessary)
                .from_writer(out),
        }
    }

    /// One row, every cell guarded.
    pub fn row<I>(&mut self, cells: I) -> io::Result<()>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        self.csv
            .write_record(cells.into_iter().map(|cell| guarded(cell.as_ref()).into_owned()))
            .map_err(io::Error::from)
    }

    /// Writes out what is buffered.
    pub fn flush(&mut self) -> io::Result<()> {
        self.csv.flush()
    }
}

/// A cell as a spreadsheet must get it: never a formula.
pub fn guarded(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// `rows` as CSV text.
pub fn text<R>(rows: impl IntoIterator<Item = R>, end: RowEnd) -> String
where
    R: IntoIterator,
    R::Item: AsRef<str>,
{
    let mut out = Vec::new();
    {
        let mut sheet = Sheet::new(&mut out, end);
        for row in rows {
            // Writing into memory cannot fail.
            let _ = sheet.row(row);
        }
        let _ = sheet.flush();
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(cell: &str) -> String {
        text([[cell, "x"]], RowEnd::CrLf)
    }

    #[test]
    fn cells_are_quoted_only_when_needed() {
        assert_eq!(one("plain"), "plain,x\r\n");
        assert_eq!(one("a, b"), "\"a, b\",x\r\n");
        assert_eq!(one("say \"hi\""), "\"say \"\"hi\"\"\",x\r\n");
        assert_eq!(one("two\nlines"), "\"two\nlines\",x\r\n");
        assert_eq!(one("cr\rhere"), "\"cr\rhere\",x\r\n");
        assert_eq!(one("Zoë Çelik"), "Zoë Çelik,x\r\n");
        assert_eq!(one(""), ",x\r\n");
        assert_eq!(one(" spaced "), " spaced ,x\r\n");
        assert_eq!(text([["a", "b"]], RowEnd::Lf), "a,b\n");
    }

    #[test]
    fn formulas_are_shown_not_run() {
        assert_eq!(one("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\",x\r\n");
        assert_eq!(one("+31 6 1234 5678"), "'+31 6 1234 5678,x\r\n");
        assert_eq!(one("@SUM(A1)"), "'@SUM(A1),x\r\n");
        assert_eq!(one("-1"), "'-1,x\r\n");
        assert_eq!(one("\tx"), "'\tx,x\r\n");
        assert_eq!(one("\rx"), "\"'\rx\",x\r\n");
    }
}
