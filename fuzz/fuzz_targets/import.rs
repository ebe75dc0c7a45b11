//! `klachtdesk import`'s reading of an export file: any bytes are refused
//! with located problems that can be described, or read as verified cases;
//! never a panic.

#![no_main]

use std::path::Path;

use chrono::{TimeZone, Utc};
use klachtdesk::domain::workflow::Rules;
use klachtdesk::exchange::check_export;
use klachtdesk::i18n::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
    match check_export(bytes, &Rules::default(), now, |_| {}) {
        Ok(verified) => {
            for case in &verified {
                let _ = case.case().id;
            }
        }
        Err(problems) => {
            for problem in &problems {
                let _ = problem.describe(Lang::En, Path::new("export.json"));
            }
        }
    }
});
