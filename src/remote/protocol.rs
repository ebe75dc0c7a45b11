//! What a client and the klachtdesk that holds the database say to each
//! other over the socket: one JSON message per line. The client starts with a
//! [`Hello`] naming the protocol version; then every request travels in an
//! [`Envelope`] with its id and the moment the client gives up waiting (the
//! desk never carries out a request its client has given up on), and comes
//! back as a [`Reply`] with the same id.

use std::io::{self, BufRead, Read, Write};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::desk::{BadRequest, Request, Response};
use crate::domain::moment;

/// Changes whenever a message changes shape.
pub const VERSION: u32 = 6;

/// How often a desk that has nothing to tell a follower says it is there; a
/// follower that hears nothing for three of these takes the desk for gone.
pub const FOLLOW_HEARTBEAT: std::time::Duration = std::time::Duration::from_secs(5);

/// The longest line the desk reads (2 MiB): real requests are a few
/// kilobytes, the largest (a step with three long texts) well under one.
pub const MAX_LINE: usize = 2 * 1024 * 1024;

/// The first message of a connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hello {
    pub version: u32,
    /// The caller's `--now`, which is only accepted when the desk's clock is
    /// pinned to the same moment: the desk's clock decides every change's time.
    #[serde(with = "moment::option", default)]
    pub pinned: Option<DateTime<Utc>>,
    /// What the connection is for: requests (the command line), or a
    /// terminal that attaches to a board of its own.
    #[serde(default)]
    pub purpose: Purpose,
}

/// What a connection is for.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Purpose {
    /// One request after another, each with its answer.
    #[default]
    Requests,
    /// A board for this terminal; frames follow the welcome (see `frame`).
    Attach(TerminalInfo),
}

/// The terminal that attaches: what the board is drawn for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerminalInfo {
    pub cols: u16,
    pub rows: u16,
    /// `TERM`.
    #[serde(default)]
    pub term: String,
    /// `LANG` (or `LC_ALL`, `LC_MESSAGES`), for the language when the
    /// operator's entry sets none.
    #[serde(default)]
    pub lang: Option<String>,
    /// `NO_COLOR` was set.
    #[serde(default)]
    pub no_color: bool,
    /// The folder the terminal writes letters and exports into, to offer
    /// on the board; none (over SSH): the desk writes them, by name only.
    #[serde(default)]
    pub exports: Option<std::path::PathBuf>,
}

impl TerminalInfo {
    /// Whether the board is drawn in colour: not when `NO_COLOR` is set, nor
    /// for a terminal whose `TERM` says it has none (`dumb`, the VT100 family).
    pub fn colour(&self) -> bool {
        let term = self.term.to_ascii_lowercase();
        !self.no_color && term != "dumb" && !term.starts_with("vt")
    }
}

/// The desk's answer to a hello.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Welcome {
    /// Requests may follow; the changes they make are this operator's.
    Welcome {
        version: u32,
        operator: String,
    },
    Refused(BadRequest),
}

/// One request with what the desk needs to answer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    pub id: u64,
    /// When the caller stops waiting, in milliseconds since 1970 (the
    /// client and the desk share the machine's clock).
    pub deadline_ms: u64,
    pub request: Request,
}

/// The answer to the request with the same id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    pub id: u64,
    pub response: Response,
    /// How many binary parts with the answer's cases follow the line (see
    /// `parts`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub parts: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Milliseconds since 1970 by the system clock (never the pinned one: the
/// deadline is about real waiting).
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// Why a line could not be read.
#[derive(Debug)]
pub enum LineError {
    TooLong,
    Io(io::Error),
}

/// Reads one line of at most `limit` bytes (without its newline); `None` when
/// the other side has closed the connection.
pub fn read_line(reader: &mut impl BufRead, limit: usize) -> Result<Option<Vec<u8>>, LineError> {
    let mut line = Vec::new();
    let read = reader
        .by_ref()
        .take(limit as u64 + 1)
        .read_until(b'\n', &mut line)
        .map_err(LineError::Io)?;
    if read == 0 {
        return Ok(None);
    }
    if line.last() == Some(&b'\n') {
        line.pop();
    } else if line.len() > limit {
        return Err(LineError::TooLong);
    }
    Ok(Some(line))
}

/// Writes `value` as one line of JSON (JSON text never holds a raw newline).
pub fn write_line(writer: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    let mut bytes = serde_json::to_vec(value).map_err(io::Error::other)?;
    bytes.push(b'\n');
    writer.write_all(&bytes)?;
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::CaseId;
    use crate::store::{CommandError, StoreError};

    #[test]
    fn lines_up_to_the_limit_are_read_and_longer_ones_refused() {
        let mut input: &[u8] = b"abc\ndefgh\nxy";
        assert_eq!(read_line(&mut input, 4).unwrap(), Some(b"abc".to_vec()));
        assert!(matches!(read_line(&mut input, 4), Err(LineError::TooLong)));
        let mut input: &[u8] = b"abcd\nxy";
        assert_eq!(read_line(&mut input, 4).unwrap(), Some(b"abcd".to_vec()));
        assert_eq!(read_line(&mut input, 4).unwrap(), Some(b"xy".to_vec()));
        assert_eq!(read_line(&mut input, 4).unwrap(), None);
    }

    #[test]
    fn errors_come_back_as_they_went() {
        use crate::domain::problem::{Field, Problem, Refusal};
        let errors = [
            CommandError::Refused(Refusal(vec![
                Problem::Missing(Field::Name),
                Problem::NotAllowed {
                    step: crate::domain::workflow::Step::Close,
                    from: crate::domain::workflow::State::Received,
                },
                Problem::Conflict {
                    field: Field::Outcome,
                    by: "Bram".into(),
                    at: chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 3, 10, 13, 2, 0).unwrap(),
                    theirs: "Refunded \u{201c}in full\u{201d}\nwith a letter".into(),
                    now: 4,
                },
            ])),
            StoreError::NotFound(CaseId::new(2026, 7)).into(),
            StoreError::Unreadable {
                tree: "events",
                key: "K-2026-0007/3".into(),
                reason: "bad".into(),
            }
            .into(),
        ];
        for error in errors {
            let reply = Reply {
                id: 7,
                response: Response::Failed(error.clone()),
                parts: 0,
            };
            let mut line = Vec::new();
            write_line(&mut line, &reply).unwrap();
            let back: Reply = serde_json::from_slice(&line).unwrap();
            assert_eq!(back, reply);
        }
    }
}
