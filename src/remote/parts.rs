//! Large answers in binary parts. A whole queue as one line of JSON is 17 MB
//! for 10,000 cases, and writing and reading it took longer than opening the
//! database: so an answer with many cases (or summaries) sends its line
//! without them, then the records in parts of [`PART_CASES`], each a length
//! and the store's binary record of them. The caller reads the parts as they
//! come and decodes them on every core.

use std::io::{self, BufRead, Write};
use std::thread;

use super::protocol::{Reply, write_line};
use crate::desk::Response;
use crate::store::{CodecError, decode_cases, decode_summaries, encode_cases, encode_summaries};

/// Records in one part; answers with more go in parts.
pub const PART_CASES: usize = 1_000;

/// The largest part read: far beyond what 1,000 cases take, well below what
/// would hurt to allocate on a wrong length.
const MAX_PART: usize = 64 * 1024 * 1024;

/// Writes the answer to request `id`: one line, and the records in parts
/// after it when there are many.
pub fn write_reply(writer: &mut impl Write, id: u64, response: Response) -> io::Result<()> {
    match response {
        Response::Loaded { cases, unreadable } if cases.len() > PART_CASES => {
            let head = Response::Loaded {
                cases: Vec::new(),
                unreadable,
            };
            write_parted(writer, id, head, encode_all(&cases, encode_cases)?)
        }
        Response::Summaries {
            summaries,
            unreadable,
        } if summaries.len() > PART_CASES => {
            let head = Response::Summaries {
                summaries: Vec::new(),
                unreadable,
            };
            write_parted(writer, id, head, encode_all(&summaries, encode_summaries)?)
        }
        response => write_line(
            writer,
            &Reply {
                id,
                response,
                parts: 0,
            },
        ),
    }
}

fn write_parted(writer: &mut impl Write, id: u64, head: Response, parts: Vec<Vec<u8>>) -> io::Result<()> {
    write_line(
        writer,
        &Reply {
            id,
            response: head,
            parts: parts.len(),
        },
    )?;
    for bytes in parts {
        let len = u32::try_from(bytes.len()).map_err(io::Error::other)?;
        writer.write_all(&len.to_be_bytes())?;
        writer.write_all(&bytes)?;
    }
    writer.flush()
}

/// Reads the parts that follow `reply` into it.
pub fn read_parts(reader: &mut impl BufRead, reply: &mut Reply) -> io::Result<()> {
    if reply.parts == 0 {
        return Ok(());
    }
    let mut raw = Vec::with_capacity(reply.parts);
    for _ in 0..reply.parts {
        let mut len = [0; 4];
        reader.read_exact(&mut len)?;
        let len = u32::from_be_bytes(len) as usize;
        if len > MAX_PART {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "part too long"));
        }
        let mut part = vec![0; len];
        reader.read_exact(&mut part)?;
        raw.push(part);
    }
    match &mut reply.response {
        Response::Loaded { cases, .. } => *cases = decode_all(&raw, decode_cases)?,
        Response::Summaries { summaries, .. } => *summaries = decode_all(&raw, decode_summaries)?,
        _ => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "parts after an answer without records",
            ));
        }
    }
    reply.parts = 0;
    Ok(())
}

/// Every part of `items`, encoded in order on every core.
fn encode_all<T: Sync>(items: &[T], encode: fn(&[T]) -> Vec<u8>) -> io::Result<Vec<Vec<u8>>> {
    let parts: Vec<&[T]> = items.chunks(PART_CASES).collect();
    let per_thread = parts.len().div_ceil(cores()).max(1);
    thread::scope(|scope| {
        let workers: Vec<_> = parts
            .chunks(per_thread)
            .map(|group| scope.spawn(move || group.iter().map(|part| encode(part)).collect::<Vec<_>>()))
            .collect();
        let mut all = Vec::with_capacity(parts.len());
        for worker in workers {
            all.extend(worker.join().map_err(|_| io::Error::other("encoding failed"))?);
        }
        Ok(all)
    })
}

fn cores() -> usize {
    thread::available_parallelism().map_or(1, usize::from)
}

/// Decodes the parts in order, on every core.
fn decode_all<T: Send>(
    raw: &[Vec<u8>],
    decode: fn(&[u8]) -> Result<Vec<T>, CodecError>,
) -> io::Result<Vec<T>> {
    let per_thread = raw.len().div_ceil(cores()).max(1);
    let decoded: Vec<io::Result<Vec<T>>> = thread::scope(|scope| {
        let workers: Vec<_> = raw
            .chunks(per_thread)
            .map(|parts| {
                scope.spawn(move || {
                    let mut items = Vec::new();
                    for part in parts {
                        let mut more =
                            decode(part).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
                        items.append(&mut more);
                    }
                    Ok(items)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|_| Err(io::Error::other("decoding failed")))
            })
            .collect()
    });
    let mut items = Vec::new();
    for part in decoded {
        items.append(&mut part?);
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{Case, CaseId};
    use crate::domain::intake::Intake;
    use crate::domain::summary::Summary;
    use crate::domain::workflow::{Ctx, Rules, register};

    fn cases(n: u32) -> Vec<Case> {
        let rules: Rules = crate::config::Config::default().rules();
        let ctx = Ctx {
            now: chrono::DateTime::UNIX_EPOCH + chrono::Duration::days(20_600),
            actor: "anna",
            rules: &rules,
        };
        (1..=n)
            .map(|seq| {
                let intake = Intake {
                    name: format!("Klant {seq}"),
                    email: "klant@example.nl".into(),
                    service: rules.services.services()[0].clone(),
                    description: "Te laat.".into(),
                    ..Intake::default()
                };
                register(CaseId::new(2026, seq), &intake, &ctx).unwrap().0
            })
            .collect()
    }

    #[test]
    fn many_cases_go_in_parts_and_come_back_whole_and_in_order() {
        let sent = cases(PART_CASES as u32 * 2 + 7);
        let mut wire = Vec::new();
        let loaded = Response::Loaded {
            cases: sent.clone(),
            unreadable: Vec::new(),
        };
        write_reply(&mut wire, 9, loaded.clone()).unwrap();
        write_reply(&mut wire, 10, Response::Done).unwrap();
        let first_line = wire.split(|b| *b == b'\n').next().unwrap();
        assert!(first_line.len() < 200, "the line holds no cases");

        let mut reader = &wire[..];
        let line = super::super::protocol::read_line(&mut reader, usize::MAX - 1)
            .unwrap()
            .unwrap();
        let mut reply: Reply = serde_json::from_slice(&line).unwrap();
        assert_eq!(reply.parts, 3);
        read_parts(&mut reader, &mut reply).unwrap();
        assert_eq!(reply.response, loaded);
        let line = super::super::protocol::read_line(&mut reader, usize::MAX - 1)
            .unwrap()
            .unwrap();
        let next: Reply = serde_json::from_slice(&line).unwrap();
        assert_eq!(
            (next.id, next.response),
            (10, Response::Done),
            "the next answer follows"
        );
    }

    #[test]
    fn a_few_cases_stay_in_the_line() {
        let mut wire = Vec::new();
        let loaded = Response::Loaded {
            cases: cases(3),
            unreadable: Vec::new(),
        };
        write_reply(&mut wire, 1, loaded.clone()).unwrap();
        let reply: Reply = serde_json::from_slice(wire.strip_suffix(b"\n").unwrap()).unwrap();
        assert_eq!((reply.parts, reply.response), (0, loaded));
    }

    #[test]
    fn many_summaries_go_in_parts_and_come_back_whole_and_in_order() {
        let sent: Vec<Summary> = cases(PART_CASES as u32 + 1).iter().map(Summary::of).collect();
        let mut wire = Vec::new();
        let answer = Response::Summaries {
            summaries: sent,
            unreadable: Vec::new(),
        };
        write_reply(&mut wire, 4, answer.clone()).unwrap();
        let mut reader = &wire[..];
        let line = super::super::protocol::read_line(&mut reader, usize::MAX - 1)
            .unwrap()
            .unwrap();
        assert!(line.len() < 200, "the line holds no summaries");
        let mut reply: Reply = serde_json::from_slice(&line).unwrap();
        assert_eq!(reply.parts, 2);
        read_parts(&mut reader, &mut reply).unwrap();
        assert_eq!(reply.response, answer);
    }
}
