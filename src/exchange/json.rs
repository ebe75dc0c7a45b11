//! The JSON export: complete and versioned.
//!
//! ```json
//! {
//!   "format": "klachtdesk-export",
//!   "version": 1,
//!   "exported_at": "2026-11-23T09:00:00Z",
//!   "cases": [ { "id": "K-2026-0001", "state": "received", …, "events": [ … ] } ]
//! }
//! ```
//!
//! Each case carries every field of the case (see `CaseRecord`) and its whole
//! audit trail, in the domain's JSON: RFC 3339 timestamps in UTC, kebab-case
//! slugs. Pretty-printed, so that a message about a bad file can name a line.
//! Written as it goes, so a large export does not sit in memory twice.

use std::cell::RefCell;
use std::io::{self, Write};

use chrono::{DateTime, Utc};
use serde::ser::{Error as _, SerializeSeq};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::ser::{Formatter, PrettyFormatter};
use serde_json::value::RawValue;

use super::position::{Position, offset_of};
use super::problem::{FileProblem, Located, TrailProblem};
use super::strict::{self, KeyProblem};
use super::{CaseRecord, CaseTrail};
use crate::domain::case::CaseId;
use crate::domain::moment;

/// What the file says it is.
pub const FORMAT: &str = "klachtdesk-export";
/// The version this klachtdesk writes, and the newest it reads. Version 2:
/// the steps that start or stop a clock say when they happened (`at`).
/// Version 3: a case may say the remedy sought and the promises made; an
/// older export, without them, reads as nothing sought and nothing promised.
pub const VERSION: u32 = 3;

#[derive(Serialize)]
struct Envelope<C> {
    format: &'static str,
    version: u32,
    #[serde(with = "moment")]
    exported_at: DateTime<Utc>,
    cases: C,
}

/// Why an export could not be written: the output failed, or a case could not
/// be read from where it came from.
#[derive(Debug)]
pub enum WriteError<E> {
    Io(io::Error),
    Source(E),
}

/// Writes the export of `cases` to `out`, calling `done` after each case;
/// returns how many were written.
pub fn write<W, E, I>(
    out: W,
    exported_at: DateTime<Utc>,
    cases: I,
    done: impl FnMut(),
) -> Result<usize, WriteError<E>>
where
    W: Write,
    I: Iterator<Item = Result<CaseTrail, E>>,
{
    write_with(out, PrettyFormatter::new(), exported_at, cases, done)
}

/// [`write`], laid out by `formatter` (which must pretty-print, so that a
/// message about the file can name a line).
pub fn write_with<W, F, E, I>(
    out: W,
    formatter: F,
    exported_at: DateTime<Utc>,
    cases: I,
    done: impl FnMut(),
) -> Result<usize, WriteError<E>>
where
    W: Write,
    F: Formatter,
    I: Iterator<Item = Result<CaseTrail, E>>,
{
    let stream = Stream {
        state: RefCell::new(StreamState {
            cases,
            done,
            count: 0,
            failure: None,
        }),
    };
    let envelope = Envelope {
        format: FORMAT,
        version: VERSION,
        exported_at,
        cases: &stream,
    };
    let mut out = io::BufWriter::new(out);
    let written = envelope.serialize(&mut serde_json::Serializer::with_formatter(&mut out, formatter));
    let state = stream.state.into_inner();
    if let Some(e) = state.failure {
        return Err(WriteError::Source(e));
    }
    written.map_err(|e| WriteError::Io(e.into()))?;
    out.write_all(b"\n").map_err(WriteError::Io)?;
    out.flush().map_err(WriteError::Io)?;
    Ok(state.count)
}

/// The cases as a JSON array, taken from the iterator while being written.
struct Stream<I, E, F> {
    state: RefCell<StreamState<I, E, F>>,
}

struct StreamState<I, E, F> {
    cases: I,
    done: F,
    count: usize,
    failure: Option<E>,
}

impl<I, E, F> Serialize for &Stream<I, E, F>
where
    I: Iterator<Item = Result<CaseTrail, E>>,
    F: FnMut(),
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut state = self.state.borrow_mut();
        let mut seq = s.serialize_seq(None)?;
        while let Some(item) = state.cases.next() {
            match item {
                Ok(trail) => seq.serialize_element(&CaseRecord::from(trail))?,
                Err(e) => {
                    state.failure = Some(e);
                    return Err(S::Error::custom("a case could not be read"));
                }
            }
            state.count += 1;
            (state.done)();
        }
        seq.end()
    }
}

/// Just enough of the file to tell whether it is an export, and which version.
#[derive(Deserialize)]
struct Probe {
    format: Option<String>,
    version: Option<u32>,
}

/// The file with its cases still unparsed, each borrowed from the text.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Contents<'a> {
    // Read (and checked) by the probe; named here so that the file may hold them.
    #[allow(dead_code)]
    format: String,
    #[allow(dead_code)]
    version: u32,
    #[serde(with = "moment")]
    exported_at: DateTime<Utc>,
    #[serde(borrow)]
    cases: Vec<&'a RawValue>,
}

/// An export being read: its cases, parsed one at a time.
pub struct Cases<'a> {
    text: &'a str,
    raw: std::vec::IntoIter<&'a RawValue>,
    /// The start of the case read last, and its place.
    cursor: (usize, Position),
    pub exported_at: DateTime<Utc>,
}

/// One case as read, and the line where it starts.
#[derive(Debug)]
pub struct Parsed {
    pub at: Position,
    pub trail: CaseTrail,
}

/// Opens an export: checks that it is UTF-8 JSON, an export of a version this
/// klachtdesk reads, and of the right shape; the cases are parsed as the
/// result is iterated.
pub fn read(bytes: &[u8]) -> Result<Cases<'_>, Located> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Located::file(
            Some(Position::of_offset(bytes, e.valid_up_to())),
            FileProblem::NotUtf8,
        )
    })?;
    let probe: Probe = serde_json::from_str(text).map_err(|e| {
        if e.is_data() {
            Located::file(None, FileProblem::NotAnExport)
        } else {
            json_error(None, &e)
        }
    })?;
    match (probe.format.as_deref(), probe.version) {
        (Some(FORMAT), Some(found @ 1..)) if found > VERSION => {
            return Err(Located::file(
                None,
                FileProblem::TooNew {
                    found,
                    supported: VERSION,
                },
            ));
        }
        (Some(FORMAT), Some(1..)) => {}
        _ => return Err(Located::file(None, FileProblem::NotAnExport)),
    }
    let contents: Contents = serde_json::from_str(text).map_err(|e| json_error(None, &e))?;
    Ok(Cases {
        text,
        raw: contents.cases.into_iter(),
        cursor: (0, Position { line: 1, column: 1 }),
        exported_at: contents.exported_at,
    })
}

impl Iterator for Cases<'_> {
    type Item = Result<Parsed, Located>;

    fn next(&mut self) -> Option<Self::Item> {
        let raw = self.raw.next()?.get();
        let (from, place) = self.cursor;
        let offset = offset_of(self.text, raw);
        let at = place.advance(self.text.as_bytes(), from, offset);
        self.cursor = (offset, at);
        Some(parse_case(at, raw))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.raw.size_hint()
    }
}

impl ExactSizeIterator for Cases<'_> {}

/// One case, `raw`, which starts at `at`.
fn parse_case(at: Position, raw: &str) -> Result<Parsed, Located> {
    let given: serde_json::Value = serde_json::from_str(raw).map_err(|e| json_error(Some(at), &e))?;
    let id = given
        .get("id")
        .and_then(|v| v.as_str())
        .and_then(|s| CaseId::parse(s).ok());
    let record: CaseRecord = serde_json::from_str(raw).map_err(|e| {
        let mut located = json_error(Some(at), &e);
        located.case = id;
        located
    })?;
    let mut canonical = serde_json::to_value(&record).unwrap_or_default();
    super::step_times::allow_missing(&given, &mut canonical);
    super::added_fields::allow_missing(&given, &mut canonical);
    if let Some(problem) = strict::keys(&given, &canonical) {
        let problem = match problem {
            KeyProblem::Unknown(field) => TrailProblem::UnknownField(field),
            KeyProblem::Missing(field) => TrailProblem::MissingField(field),
        };
        return Err(Located::trail(Some(at), Some(record.id), problem));
    }
    Ok(Parsed {
        at,
        trail: record.into(),
    })
}

/// serde_json's error at its place: within the part starting at `base`, or
/// in the whole file.
fn json_error(base: Option<Position>, e: &serde_json::Error) -> Located {
    let here = (e.line() > 0).then(|| match base {
        Some(base) => base.then(e.line(), e.column()),
        None => Position {
            line: e.line(),
            column: e.column(),
        },
    });
    let at = here.or(base);
    let reason = bare(e);
    match base {
        None => Located::file(at, FileProblem::Json(reason)),
        Some(_) => Located::trail(at, None, TrailProblem::Json(reason)),
    }
}

/// serde_json's message without its own " at line L column C", which would be
/// wrong for a part of the file.
fn bare(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_string()
}
