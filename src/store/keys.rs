//! Keys are big-endian, so sled's byte order is the ids' numeric order.

use crate::domain::case::CaseId;

pub const FORMAT: &[u8] = b"format";

pub fn case(id: CaseId) -> [u8; 8] {
    id.as_u64().to_be_bytes()
}

pub fn event(id: CaseId, seq: u32) -> [u8; 12] {
    let mut key = [0; 12];
    key[..8].copy_from_slice(&case(id));
    key[8..].copy_from_slice(&seq.to_be_bytes());
    key
}

pub fn sequence(year: u16) -> Vec<u8> {
    let mut key = b"seq/".to_vec();
    key.extend_from_slice(&year.to_be_bytes());
    key
}

/// The record of a registration made with a request id: the case it made.
pub fn request(id: &str) -> Vec<u8> {
    let mut key = b"req/".to_vec();
    key.extend_from_slice(id.as_bytes());
    key
}

/// The case a request record names, if it is one.
pub fn request_case(bytes: &[u8]) -> Option<CaseId> {
    <[u8; 8]>::try_from(bytes)
        .ok()
        .and_then(|b| CaseId::from_u64(u64::from_be_bytes(b)))
}

/// The number a sequence record holds, if it is one.
pub fn sequence_number(bytes: &[u8]) -> Option<u32> {
    <[u8; 4]>::try_from(bytes).ok().map(u32::from_be_bytes)
}

/// A case key as the case number it stands for, or its bytes if it is not one.
pub fn describe_case(key: &[u8]) -> String {
    <[u8; 8]>::try_from(key)
        .ok()
        .and_then(|b| CaseId::from_u64(u64::from_be_bytes(b)))
        .map_or_else(|| format!("{key:02x?}"), |id| id.to_string())
}

pub fn describe_event(key: &[u8]) -> String {
    match key.split_at_checked(8) {
        Some((case, seq)) if seq.len() == 4 => {
            let seq = u32::from_be_bytes(seq.try_into().unwrap_or_default());
            format!("{} #{seq}", describe_case(case))
        }
        _ => format!("{key:02x?}"),
    }
}
