//! The log of backups and exports written (see `store::writings`), at the
//! command line: noting a file written, and naming those that may still hold
//! data `purge` or `subject erase` just removed.

use crate::desk::Desk;
use crate::i18n::{Describe, Lang, T, datetime};
use crate::store::writings::{Writing, WritingKind};

/// Notes `writing` in the database's log, through whichever klachtdesk
/// holds it; says so when it cannot be noted.
pub fn note(lang: Lang, desk: &dyn Desk, writing: &Writing) {
    if let Err(e) = desk.note_writing(writing) {
        let path = writing.path.as_ref().map_or_else(
            || lang.t(T::WritingStdout).to_string(),
            |p| p.display().to_string(),
        );
        let message = lang.fill(
            T::WritingNotNoted,
            &[("path", &path), ("reason", &e.describe(lang))],
        );
        eprintln!("klachtdesk: {}", crate::sanitize::one_line(&message));
    }
}

/// The lines that name `earlier` backups and exports as holding what was
/// removed; none when there are none.
pub fn earlier(lang: Lang, earlier: &[Writing]) -> Vec<String> {
    if earlier.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![lang.t(T::WritingsHeader).to_string()];
    for w in earlier {
        let what = match w.kind {
            WritingKind::DailyBackup => T::WritingDailyBackup,
            WritingKind::Backup => T::WritingBackup,
            WritingKind::Export => T::WritingExport,
            WritingKind::SubjectExport => T::WritingSubjectExport,
        };
        let path = w.path.as_ref().map_or_else(
            || lang.t(T::WritingStdout).to_string(),
            |p| p.display().to_string(),
        );
        lines.push(format!(
            "  {}",
            lang.fill(
                T::WritingLine,
                &[
                    ("when", &datetime(lang, w.at)),
                    ("what", &lang.t(what)),
                    ("count", &w.cases),
                    ("path", &path),
                ],
            )
        ));
    }
    lines
}
