//! Records as the store reads them back: one format-version byte, then
//! bincode 2 (serde) under a 64 MiB limit, with nothing left over. Any bytes
//! must decode to a case or an event, or be refused; never panic, never
//! allocate past the limit.
//!
//! `src/store/codec.rs` is private, so this mirrors its `decode` (the format
//! byte, the configuration, the leftover check). Keep the two in step; better,
//! expose a `#[doc(hidden)] pub fn` in `klachtdesk::store` that decodes a case
//! and an event record, and call that here instead.

#![no_main]

use klachtdesk::domain::case::Case;
use klachtdesk::domain::event::Event;
use klachtdesk::store::FORMAT;
use libfuzzer_sys::fuzz_target;

const LIMIT: usize = 64 * 1024 * 1024;

fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    let (&version, body) = bytes.split_first()?;
    if version != FORMAT {
        return None;
    }
    let config = bincode::config::standard().with_limit::<LIMIT>();
    let (value, used): (T, usize) = bincode::serde::decode_from_slice(body, config).ok()?;
    (used == body.len()).then_some(value)
}

fuzz_target!(|bytes: &[u8]| {
    if let Some(case) = decode::<Case>(bytes) {
        // What decodes must be usable as a case.
        let _ = klachtdesk::domain::workflow::missing_for_state(&case);
        let _ = case.id.to_string();
    }
    let _ = decode::<Event>(bytes);
});
