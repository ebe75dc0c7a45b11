//! What the command line and the board say to each other: one JSON request per
//! line, one JSON response per line. The caller's name and clock travel with
//! every change, so `--now` and the operator apply as they would locally; the
//! board's rules (services, deadlines) are the ones in force.

use std::io::{self, BufRead, Read, Write};
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::case::{Case, CaseId};
use crate::domain::event::Event;
use crate::domain::intake::Intake;
use crate::domain::moment;
use crate::domain::workflow::{Command, Ctx, Rules};
use crate::exchange::CaseTrail;
use crate::store::backup::BackupError;
use crate::store::{CommandError, StoreError};

/// The longest request the board reads (16 MiB), so that no client can make it
/// hold an endless line in memory. Real requests are a few kilobytes.
pub const MAX_LINE: usize = 16 * 1024 * 1024;

/// Who makes a change, and when by their clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caller {
    pub actor: String,
    #[serde(with = "moment")]
    pub now: DateTime<Utc>,
}

impl Caller {
    pub fn of(ctx: &Ctx) -> Caller {
        Caller {
            actor: ctx.actor.to_string(),
            now: ctx.now,
        }
    }

    /// The caller's context under the board's rules.
    pub fn ctx<'a>(&'a self, rules: &'a Rules) -> Ctx<'a> {
        Ctx {
            now: self.now,
            actor: &self.actor,
            rules,
        }
    }
}

/// One call on the board's store; the same calls `Store` offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Request {
    Register {
        caller: Caller,
        intake: Intake,
    },
    Execute {
        caller: Caller,
        id: CaseId,
        expected_version: Option<u32>,
        commands: Vec<Command>,
    },
    Get {
        id: CaseId,
    },
    Load,
    Events {
        id: CaseId,
    },
    /// Each case with its audit trail as they stand together, for an export.
    Trails {
        ids: Vec<CaseId>,
    },
    /// A consistent copy of the database into the new folder `path`, which
    /// must be absolute: the board's working folder is not the caller's.
    Backup {
        path: PathBuf,
    },
}

/// The board's answer to one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Response {
    Case(Box<Case>),
    Loaded {
        cases: Vec<Case>,
        unreadable: Vec<StoreError>,
    },
    Events(Vec<Event>),
    Trails(Vec<CaseTrail>),
    /// The backup is complete and holds this many cases.
    BackedUp {
        cases: usize,
    },
    BackupFailed(BackupError),
    /// The store or the procedure said no, exactly as it would have locally.
    Failed(CommandError),
    /// The request could not be read; the text says why.
    BadRequest(String),
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
            let mut line = Vec::new();
            write_line(&mut line, &Response::Failed(error.clone())).unwrap();
            let back: Response = serde_json::from_slice(&line).unwrap();
            assert_eq!(back, Response::Failed(error));
        }
    }
}
