//! How a command ends badly: refused input (exit 2) or anything else (exit 1),
//! each with a one-line message for the operator; or the board ended by a
//! signal (128 + its number, silently: whoever sent it knows).

use std::path::Path;
use std::process::ExitCode;

use crate::config::ConfigError;
use crate::domain::problem::Refusal;
use crate::i18n::Describe;
use crate::i18n::{self, Lang, T};
use crate::private_file::FileError;
use crate::store::{CommandError, StoreError};

#[derive(Debug)]
pub enum Failure {
    /// The input was wrong; the message says what and how to put it right.
    Refused(String),
    /// Something else went wrong.
    Failed(String),
    /// A signal ended the board (after it restored the terminal).
    Ended(i32),
}

impl Failure {
    pub fn refusal(lang: Lang, r: &Refusal) -> Self {
        Failure::Refused(i18n::refusal(lang, r))
    }

    pub fn command(lang: Lang, e: &CommandError) -> Self {
        match e {
            CommandError::Refused(r) => Self::refusal(lang, r),
            CommandError::Store(e) => Self::store(lang, e),
        }
    }

    pub fn store(lang: Lang, e: &StoreError) -> Self {
        match e {
            StoreError::NotFound(_) | StoreError::NotAFolder { .. } | StoreError::NotADatabase { .. } => {
                Failure::Refused(e.describe(lang))
            }
            // A file where a folder above the database should be.
            StoreError::Open { path, .. } => match file_in_the_way(path) {
                Some(file) => Failure::Refused(lang.fill(T::DbIsAFile, &[("path", &file.display())])),
                None => Failure::Failed(e.describe(lang)),
            },
            StoreError::Damaged { path, reason } => {
                Failure::Failed(super::daily::damaged(lang, path, reason))
            }
            _ => Failure::Failed(e.describe(lang)),
        }
    }

    /// A file the operator asked for that was not written: refused when it
    /// would replace a file or write through a link, failed otherwise.
    pub fn file(lang: Lang, e: &FileError) -> Self {
        match e {
            FileError::Exists(path) => {
                Failure::Refused(lang.fill(T::FileExistsUseForce, &[("path", &path.display())]))
            }
            FileError::Symlink(_) => Failure::Refused(e.describe(lang)),
            FileError::Io(..) => Failure::Failed(lang.fill(T::WriteFailed, &[("reason", &e.describe(lang))])),
        }
    }

    pub fn config(lang: Lang, e: &ConfigError) -> Self {
        Failure::Failed(e.describe(lang))
    }

    pub fn report(&self) -> ExitCode {
        let (message, code) = match self {
            Failure::Refused(m) => (m, 2),
            Failure::Failed(m) => (m, 1),
            // The shells' convention for a process a signal ended: 128 + its number.
            Failure::Ended(signal) => return ExitCode::from(u8::try_from(128 + signal).unwrap_or(u8::MAX)),
        };
        eprintln!("klachtdesk: {}", one_line(message));
        ExitCode::from(code)
    }
}

/// The file standing where the database folder, or a folder above it, should
/// be: the system's words for it ("File exists", "Not a directory") do not say
/// what to do.
fn file_in_the_way(path: &Path) -> Option<&Path> {
    path.ancestors().find(|p| p.exists()).filter(|p| !p.is_dir())
}

/// Messages are one line: a multi-line reason is folded.
/// Escape sequences in what the operator gave are shown, never obeyed.
fn one_line(text: &str) -> String {
    crate::sanitize::one_line(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
