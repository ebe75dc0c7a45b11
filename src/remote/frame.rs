//! An attached terminal's conversation with the desk, after the hello: bytes
//! both ways in frames, a tag and a length before each. The terminal sends
//! what was typed and its new size; the desk sends what to show, and at the
//! end the exit code (as `ssh` passes on a remote command's).

use std::io::{self, Read, Write};

pub use crate::private_file::Written;

/// The most a frame from a terminal carries (a paste is the largest).
pub const MAX_INPUT: usize = 1024 * 1024;

/// The most a frame from the desk carries (a whole screen, redrawn).
pub const MAX_OUTPUT: usize = 16 * 1024 * 1024;

const INPUT: u8 = 1;
const RESIZE: u8 = 2;
const OUTPUT: u8 = 3;
const EXIT: u8 = 4;
const HEARTBEAT: u8 = 5;
const FILE: u8 = 6;
const WRITTEN: u8 = 7;

/// A file the operator asked for (a letter, an export), written at the
/// terminal's end: in the operator's own folder, as their own user.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileToWrite {
    pub id: u32,
    /// A bare name (into the operator's exports folder) or a full path.
    pub path: std::path::PathBuf,
    pub contents: String,
    /// Replace a file that is there (the operator said yes).
    pub replace: bool,
}

/// What a terminal sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToDesk {
    /// Bytes typed (or pasted, or the mouse) as the terminal sends them.
    Input(Vec<u8>),
    Resize {
        cols: u16,
        rows: u16,
    },
    /// Still here.
    Heartbeat,
    /// How writing the file `id` went.
    Written {
        id: u32,
        written: Written,
    },
}

/// What the desk sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToTerminal {
    /// Bytes to write to the terminal as they are.
    Output(Vec<u8>),
    /// The session is over; the terminal's process exits with `code`,
    /// saying `message` if there is one.
    Exit {
        code: u8,
        message: String,
    },
    Heartbeat,
    /// A file to write at the terminal's end; answered with `ToDesk::Written`.
    File(FileToWrite),
}

fn write_frame(w: &mut impl Write, tag: u8, payload: &[u8]) -> io::Result<()> {
    let len = u32::try_from(payload.len()).map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))?;
    let mut head = [0u8; 5];
    head[0] = tag;
    head[1..].copy_from_slice(&len.to_be_bytes());
    w.write_all(&head)?;
    w.write_all(payload)?;
    w.flush()
}

/// A frame's tag and payload; `None` at the end of the stream.
fn read_frame(r: &mut impl Read, max: usize) -> io::Result<Option<(u8, Vec<u8>)>> {
    let mut head = [0u8; 5];
    match r.read_exact(&mut head) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let len = u32::from_be_bytes([head[1], head[2], head[3], head[4]]) as usize;
    if len > max {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "frame too large"));
    }
    let mut payload = vec![0u8; len];
    r.read_exact(&mut payload)?;
    Ok(Some((head[0], payload)))
}

fn invalid() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "not a frame")
}

impl ToDesk {
    pub fn write(&self, w: &mut impl Write) -> io::Result<()> {
        match self {
            ToDesk::Input(bytes) => write_frame(w, INPUT, bytes),
            ToDesk::Resize { cols, rows } => {
                let mut size = [0u8; 4];
                size[..2].copy_from_slice(&cols.to_be_bytes());
                size[2..].copy_from_slice(&rows.to_be_bytes());
                write_frame(w, RESIZE, &size)
            }
            ToDesk::Heartbeat => write_frame(w, HEARTBEAT, &[]),
            ToDesk::Written { id, written } => {
                let json = serde_json::to_vec(&(id, written)).map_err(io::Error::other)?;
                write_frame(w, WRITTEN, &json)
            }
        }
    }

    pub fn read(r: &mut impl Read) -> io::Result<Option<ToDesk>> {
        let Some((tag, payload)) = read_frame(r, MAX_INPUT)? else {
            return Ok(None);
        };
        Ok(Some(match (tag, payload.as_slice()) {
            (INPUT, _) => ToDesk::Input(payload),
            (RESIZE, [c0, c1, r0, r1]) => ToDesk::Resize {
                cols: u16::from_be_bytes([*c0, *c1]),
                rows: u16::from_be_bytes([*r0, *r1]),
            },
            (HEARTBEAT, []) => ToDesk::Heartbeat,
            (WRITTEN, json) => {
                let (id, written) = serde_json::from_slice(json).map_err(|_| invalid())?;
                ToDesk::Written { id, written }
            }
            _ => return Err(invalid()),
        }))
    }
}

impl ToTerminal {
    pub fn write(&self, w: &mut impl Write) -> io::Result<()> {
        match self {
            ToTerminal::Output(bytes) => write_frame(w, OUTPUT, bytes),
            ToTerminal::Exit { code, message } => {
                let mut payload = vec![*code];
                payload.extend_from_slice(message.as_bytes());
                write_frame(w, EXIT, &payload)
            }
            ToTerminal::Heartbeat => write_frame(w, HEARTBEAT, &[]),
            ToTerminal::File(file) => {
                let json = serde_json::to_vec(file).map_err(io::Error::other)?;
                write_frame(w, FILE, &json)
            }
        }
    }

    pub fn read(r: &mut impl Read) -> io::Result<Option<ToTerminal>> {
        let Some((tag, payload)) = read_frame(r, MAX_OUTPUT)? else {
            return Ok(None);
        };
        Ok(Some(match tag {
            OUTPUT => ToTerminal::Output(payload),
            EXIT if !payload.is_empty() => ToTerminal::Exit {
                code: payload[0],
                message: String::from_utf8_lossy(&payload[1..]).into_owned(),
            },
            HEARTBEAT if payload.is_empty() => ToTerminal::Heartbeat,
            FILE => ToTerminal::File(serde_json::from_slice(&payload).map_err(|_| invalid())?),
            _ => return Err(invalid()),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_come_back_as_they_went() {
        let to_desk = [
            ToDesk::Input(b"q\x1b[A".to_vec()),
            ToDesk::Resize { cols: 120, rows: 35 },
            ToDesk::Heartbeat,
        ];
        let mut wire = Vec::new();
        for f in &to_desk {
            f.write(&mut wire).unwrap();
        }
        let mut r = wire.as_slice();
        for f in &to_desk {
            assert_eq!(ToDesk::read(&mut r).unwrap().as_ref(), Some(f));
        }
        assert_eq!(ToDesk::read(&mut r).unwrap(), None);

        let to_terminal = [
            ToTerminal::Output(b"\x1b[2J".to_vec()),
            ToTerminal::Exit {
                code: 0,
                message: "bye".into(),
            },
        ];
        let mut wire = Vec::new();
        for f in &to_terminal {
            f.write(&mut wire).unwrap();
        }
        let mut r = wire.as_slice();
        for f in &to_terminal {
            assert_eq!(ToTerminal::read(&mut r).unwrap().as_ref(), Some(f));
        }
    }

    #[test]
    fn a_frame_larger_than_allowed_is_refused_before_it_is_read() {
        let mut wire = vec![INPUT];
        wire.extend_from_slice(&((MAX_INPUT + 1) as u32).to_be_bytes());
        let e = ToDesk::read(&mut wire.as_slice()).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidData);
    }
}
