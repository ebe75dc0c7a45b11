//! Large answers in binary parts. A whole queue as one line of JSON is 17 MB
//! for 10,000 cases, and writing and reading it took longer than opening the
//! database: so an answer with many cases sends its line without them, then
//! the cases in parts of [`PART_CASES`], each a length and the store's binary
//! record of them. The caller reads the parts as they come and decodes them on
//! every core.

use std::io::{self, BufRead, Write};
use std::thread;

use super::protocol::{Reply, write_line};
use crate::desk::Response;
use crate::domain::case::Case;
use crate::store::{decode_cases, encode_cases};

/// Cases in one part; answers with more go in parts.
pub const PART_CASES: usize = 1_000;

/// The largest part read: far beyond what 1,000 cases take, well below what
/// would hurt to allocate on a wrong length.
const MAX_PART: usize = 64 * 1024 * 1024;

/// Writes the answer to request `id`: one line, and the cases in parts after
/// it when there are many.
pub fn write_reply(writer: &mut impl Write, id: u64, response: Response) -> io::Result<()> {
    match response {
        Response::Loaded { cases, unreadable } if cases.len() > PART_CASES => {
            let parts = cases.len().div_ceil(PART_CASES);
            let head = Reply {
                id,
                response: Response::Loaded {
                    cases: Vec::new(),
                    unreadable,
                },
                parts,
            };
            let encoded = encode_all(&cases)?;
            write_line(writer, &head)?;
            for bytes in encoded {
                let len = u32::try_from(bytes.len()).map_err(io::Error::other)?;
                writer.write_all(&len.to_be_bytes())?;
                writer.write_all(&bytes)?;
            }
            writer.flush()
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
    let cases = decode_all(&raw)?;
    if let Response::Loaded { cases: into, .. } = &mut reply.response {
        *into = cases;
    }
    reply.parts = 0;
    Ok(())
}

/// Every part of `cases`, encoded in order on every core.
fn encode_all(cases: &[Case]) -> io::Result<Vec<Vec<u8>>> {
    let parts: Vec<&[Case]> = cases.chunks(PART_CASES).collect();
    let per_thread = parts.len().div_ceil(cores()).max(1);
    thread::scope(|scope| {
        let workers: Vec<_> = parts
            .chunks(per_thread)
            .map(|group| scope.spawn(move || group.iter().map(|part| encode_cases(part)).collect::<Vec<_>>()))
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
fn decode_all(raw: &[Vec<u8>]) -> io::Result<Vec<Case>> {
    let per_thread = raw.len().div_ceil(cores()).max(1);
    let decoded: Vec<io::Result<Vec<Case>>> = thread::scope(|scope| {
        let workers: Vec<_> = raw
            .chunks(per_thread)
            .map(|parts| {
                scope.spawn(move || {
                    let mut cases = Vec::new();
                    for part in parts {
                        let mut more =
                            decode_cases(part).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
                        cases.append(&mut more);
                    }
                    Ok(cases)
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
    let mut cases = Vec::new();
    for part in decoded {
        cases.append(&mut part?);
    }
    Ok(cases)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::CaseId;
    use crate::domain::intake::Intake;
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
}
