//! The only place that knows how records are encoded: one format-version byte,
//! then bincode 2 (through serde). Moving to another encoding is a change to
//! this file, and records of older versions stay readable by upgrading them here.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::domain::case::Case;
use crate::domain::event::Event;
use crate::domain::summary::Summary;

/// The format this version writes, and the newest it reads. Format 2: the
/// steps that start or stop a clock say when they happened. Format 3: a case
/// holds the remedy sought and the promises made to the complainant.
pub const FORMAT: u8 = 3;

/// A type stored as a record, and what records of formats 1 and 2 hold of it.
pub trait Record: Serialize + DeserializeOwned {
    type V1: DeserializeOwned + Into<Self>;
    type V2: DeserializeOwned + Into<Self>;
}

impl Record for Case {
    type V1 = super::case_v2::CaseV2;
    type V2 = super::case_v2::CaseV2;
}

/// Cases sent at once between a desk and its clients, which speak the same
/// protocol version: never stored, so never of an older format.
impl Record for Vec<Case> {
    type V1 = Vec<Case>;
    type V2 = Vec<Case>;
}

impl Record for Vec<Summary> {
    type V1 = Vec<Summary>;
    type V2 = Vec<Summary>;
}

impl Record for Summary {
    type V1 = Summary;
    type V2 = Summary;
}

/// A summary record: the case in brief, when it last changed (in
/// microseconds), then its description, which the board reads only when
/// someone first searches. (The summaries are made anew when their layout
/// changes, whatever the record format.)
impl Record for (Summary, Option<i64>, String) {
    type V1 = (Summary, Option<i64>, String);
    type V2 = (Summary, Option<i64>, String);
}

/// Format 3 added commands at the end of the list, so a format-2 event reads
/// as it is.
impl Record for Event {
    type V1 = super::legacy::EventV1;
    type V2 = Event;
}

/// Records larger than this are refused rather than decoded: a corrupt length
/// must not make us allocate gigabytes.
const LIMIT: usize = 64 * 1024 * 1024;

fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<LIMIT>()
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodecError {
    #[error("empty record")]
    Empty,
    #[error("written in format {0}, newer than this version reads ({FORMAT})")]
    TooNew(u8),
    #[error("unknown format {0}")]
    UnknownFormat(u8),
    #[error("malformed record: {0}")]
    Malformed(String),
}

pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = vec![FORMAT];
    // Encoding our own types into a Vec cannot fail: they hold no maps with
    // non-string keys and no sequences of unknown length.
    bincode::serde::encode_into_std_write(value, &mut bytes, config())
        .expect("encoding a record into memory");
    bytes
}

pub fn decode<T: Record>(bytes: &[u8]) -> Result<T, CodecError> {
    let (&version, body) = bytes.split_first().ok_or(CodecError::Empty)?;
    match version {
        FORMAT => whole(body),
        2 => whole::<T::V2>(body).map(Into::into),
        1 => whole::<T::V1>(body).map(Into::into),
        v if v > FORMAT => Err(CodecError::TooNew(v)),
        v => Err(CodecError::UnknownFormat(v)),
    }
}

/// What leads a record of type `T`, decoded without decoding the rest: `P`
/// holds the same leading fields as `T`, in the same order (bincode writes
/// a struct's fields one after another), and `from_part` takes what is
/// wanted of it. A record of an older format is decoded whole and upgraded,
/// and `from_whole` takes what is wanted of that.
pub fn decode_leading<T: Record, P: DeserializeOwned, O>(
    bytes: &[u8],
    from_part: impl FnOnce(P) -> O,
    from_whole: impl FnOnce(T) -> O,
) -> Result<O, CodecError> {
    match bytes.split_first() {
        Some((&FORMAT, body)) => bincode::serde::decode_from_slice(body, config())
            .map(|(part, _)| from_part(part))
            .map_err(|e| CodecError::Malformed(e.to_string())),
        _ => decode::<T>(bytes).map(from_whole),
    }
}

/// `body` decoded, with nothing left over.
fn whole<T: DeserializeOwned>(body: &[u8]) -> Result<T, CodecError> {
    let (value, used) = bincode::serde::decode_from_slice(body, config())
        .map_err(|e| CodecError::Malformed(e.to_string()))?;
    if used != body.len() {
        return Err(CodecError::Malformed(format!(
            "{} bytes left over",
            body.len() - used
        )));
    }
    Ok(value)
}

/// Cases as one record, for sending many at once (a whole queue as JSON is
/// twice the size and three times the work to write and read).
pub fn encode_cases(cases: &[Case]) -> Vec<u8> {
    encode(&cases)
}

/// Summaries, in one record: how the desk sends many at once.
pub fn encode_summaries(summaries: &[Summary]) -> Vec<u8> {
    encode(&summaries)
}

/// Summaries sent by [`encode_summaries`].
pub fn decode_summaries(bytes: &[u8]) -> Result<Vec<Summary>, CodecError> {
    decode(bytes)
}

/// Cases sent by [`encode_cases`].
pub fn decode_cases(bytes: &[u8]) -> Result<Vec<Case>, CodecError> {
    decode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Sample {
        name: String,
        n: u32,
    }

    impl Record for Sample {
        type V1 = Sample;
        type V2 = Sample;
    }

    #[test]
    fn round_trip_carries_the_format_byte() {
        let s = Sample {
            name: "Jan".into(),
            n: 7,
        };
        let bytes = encode(&s);
        assert_eq!(bytes[0], FORMAT);
        assert_eq!(decode::<Sample>(&bytes), Ok(s));
    }

    #[test]
    fn newer_formats_are_refused_not_misread() {
        let mut bytes = encode(&Sample {
            name: "Jan".into(),
            n: 7,
        });
        bytes[0] = FORMAT + 1;
        assert_eq!(decode::<Sample>(&bytes), Err(CodecError::TooNew(FORMAT + 1)));
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct NameOnly {
        name: String,
    }

    #[test]
    fn the_leading_fields_decode_alone() {
        let bytes = encode(&Sample {
            name: "Jan".into(),
            n: 7,
        });
        let part = |p: NameOnly| p.name;
        let whole = |s: Sample| format!("{} (whole)", s.name);
        assert_eq!(decode_leading(&bytes, part, whole), Ok("Jan".to_string()));
        let mut older = bytes.clone();
        older[0] = 1;
        assert_eq!(
            decode_leading(&older, part, whole),
            Ok("Jan (whole)".to_string()),
            "an older format is decoded whole"
        );
        assert_eq!(
            decode_leading(&[FORMAT + 1, 0], part, whole),
            Err(CodecError::TooNew(FORMAT + 1))
        );
        assert!(matches!(
            decode_leading(&[FORMAT, 0xff], part, whole),
            Err(CodecError::Malformed(_))
        ));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert_eq!(decode::<Sample>(&[]), Err(CodecError::Empty));
        assert_eq!(decode::<Sample>(&[0, 1, 2]), Err(CodecError::UnknownFormat(0)));
        assert!(matches!(
            decode::<Sample>(&[1, 0xff]),
            Err(CodecError::Malformed(_))
        ));
        assert!(matches!(
            decode::<Sample>(&[FORMAT, 0xff, 0xff, 0xff]),
            Err(CodecError::Malformed(_))
        ));
        let mut bytes = encode(&Sample {
            name: "Jan".into(),
            n: 7,
        });
        bytes.push(0);
        assert!(matches!(decode::<Sample>(&bytes), Err(CodecError::Malformed(_))));
    }
}
