//! Following the desk: every change to the queue as it happens, over one
//! connection that carries nothing else. The desk numbers its changes; a
//! follower that lost its connection asks again from the last number it saw
//! and gets what it missed, or is told to read the queue anew.

use std::io::{self, BufReader};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;

use super::client::{Client, open_failed};
use super::protocol::{FOLLOW_HEARTBEAT, LineError, Reply, read_line};
use crate::desk::{Desk, Followed, Mark, Request, Response};
use crate::i18n::{Describe, Lang, T};
use crate::store::{CommandError, StoreError};

/// The changes of one desk, as they come; ends with an error when the desk
/// goes away (ask again from [`Following::at`]).
#[derive(Debug)]
pub struct Following {
    db: PathBuf,
    lang: Lang,
    reader: BufReader<UnixStream>,
    /// Keeps the connection open.
    _writer: UnixStream,
    id: u64,
    at: Mark,
    first: Option<Followed>,
    ended: bool,
}

impl Client {
    /// Follows the desk's changes from `since` (none: from now); this
    /// connection carries nothing else from then on.
    pub fn follow(self, since: Option<Mark>) -> Result<Following, StoreError> {
        let (db, lang) = (self.path().to_path_buf(), self.lang());
        let broken =
            |e: &dyn std::fmt::Display| open_failed(&db, lang.fill(T::RemoteBroken, &[("reason", e)]));
        let (db, lang, mut reader, mut writer, id) = self.into_parts().map_err(|e| broken(&e))?;
        let patience = FOLLOW_HEARTBEAT * 3;
        super::protocol::write_line(
            &mut writer,
            &super::client::envelope(id, patience, Request::Follow { since }),
        )
        .map_err(|e| broken(&e))?;
        writer.set_read_timeout(Some(patience)).map_err(|e| broken(&e))?;
        let (at, first) = match next_reply(&mut reader, id).map_err(|e| broken(&e))? {
            Response::Following { mark } => (mark, None),
            Response::ReadAnew { mark } => (mark, Some(Followed::ReadAnew(mark))),
            Response::BadRequest(bad) => return Err(open_failed(&db, bad.describe(lang))),
            Response::Failed(CommandError::Store(e)) => return Err(e),
            other => return Err(StoreError::Misunderstood(format!("{other:?}"))),
        };
        Ok(Following {
            db,
            lang,
            reader,
            _writer: writer,
            id,
            at,
            first,
            ended: false,
        })
    }
}

impl Following {
    /// The mark of the last change told (or where following started): ask
    /// from here after a lost connection.
    pub fn at(&self) -> Mark {
        self.at
    }
}

impl Iterator for Following {
    type Item = Result<Followed, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(first) = self.first.take() {
            return Some(Ok(first));
        }
        if self.ended {
            return None;
        }
        loop {
            let followed = match next_reply(&mut self.reader, self.id) {
                Ok(Response::Heartbeat) => continue,
                Ok(Response::Changed(stamped)) => Followed::Changed(stamped),
                Ok(Response::ReadAnew { mark }) => Followed::ReadAnew(mark),
                Ok(other) => {
                    self.ended = true;
                    return Some(Err(StoreError::Misunderstood(format!("{other:?}"))));
                }
                Err(e) => {
                    self.ended = true;
                    let reason = self.lang.fill(T::RemoteBroken, &[("reason", &e)]);
                    return Some(Err(open_failed(&self.db, reason)));
                }
            };
            self.at = match &followed {
                Followed::Changed(stamped) => stamped.mark,
                Followed::ReadAnew(mark) => *mark,
            };
            return Some(Ok(followed));
        }
    }
}

/// The next reply to request `id`; a desk silent past the read timeout (three
/// heartbeats) or gone is an error.
fn next_reply(reader: &mut BufReader<UnixStream>, id: u64) -> io::Result<Response> {
    loop {
        let line = match read_line(reader, usize::MAX - 1) {
            Ok(Some(line)) => line,
            Ok(None) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Err(LineError::Io(e)) => return Err(e),
            Err(LineError::TooLong) => return Err(io::ErrorKind::InvalidData.into()),
        };
        let reply: Reply =
            serde_json::from_slice(&line).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        if reply.id == id {
            return Ok(reply.response);
        }
    }
}
