//! Errors from below (the store, the desk's protocol) in the operator's
//! words: translated here, at the edge, so that the layers that raise them
//! know nothing of languages.

use super::{Lang, T, refusal};
use crate::desk::BadRequest;
use crate::private_file::FileError;
use crate::store::backup::BackupError;
use crate::store::{CommandError, StoreError};

/// A message for the operator, in their language.
pub trait Describe {
    fn describe(&self, lang: Lang) -> String;
}

impl Describe for StoreError {
    /// The message for the operator, in their language.
    fn describe(&self, lang: Lang) -> String {
        match self {
            StoreError::InUse { path } => lang.fill(T::DbInUse, &[("path", &path.display())]),
            StoreError::TooNew {
                path,
                found,
                supported,
            } => lang.fill(
                T::DbTooNew,
                &[
                    ("path", &path.display()),
                    ("found", found),
                    ("supported", supported),
                ],
            ),
            StoreError::Open { path, reason } => {
                lang.fill(T::DbOpenFailed, &[("path", &path.display()), ("reason", reason)])
            }
            StoreError::Write(reason) => lang.fill(T::DbWriteFailed, &[("reason", reason)]),
            StoreError::Unreadable { tree, key, reason } => lang.fill(
                T::DbUnreadable,
                &[("tree", tree), ("key", key), ("reason", reason)],
            ),
            StoreError::NotFound(id) => lang.fill(T::CaseNotFound, &[("id", id)]),
            StoreError::NotFlushed(reason) => lang.fill(T::DbNotFlushed, &[("reason", reason)]),
            StoreError::Failed => lang.t(T::DbFailed).to_string(),
            StoreError::Busy { path } => lang.fill(T::DbBusy, &[("path", &path.display())]),
            StoreError::NotAFolder { path } => lang.fill(T::DbIsAFile, &[("path", &path.display())]),
            StoreError::NotADatabase { path } => lang.fill(T::DbNotADatabase, &[("path", &path.display())]),
            StoreError::Damaged { path, reason } => {
                lang.fill(T::DbDamaged, &[("path", &path.display()), ("reason", reason)])
            }
            StoreError::Unanswered { path, seconds } => lang.fill(
                T::DbUnanswered,
                &[("path", &path.display()), ("seconds", seconds)],
            ),
            StoreError::Away { by, job } => {
                let key = match job.as_str() {
                    "import" => T::AwayImport,
                    "restore" => T::AwayRestore,
                    "purge" => T::AwayPurge,
                    "doctor" => T::AwayDoctor,
                    _ => T::AwayErase,
                };
                lang.fill(key, &[("by", by)])
            }
            StoreError::Misunderstood(reason) => lang.fill(T::RemoteMisunderstood, &[("reason", reason)]),
            StoreError::Leftover {
                path,
                leftover,
                reason,
            } => lang.fill(
                T::DbLeftover,
                &[
                    ("path", &path.display()),
                    ("leftover", &leftover.display()),
                    ("reason", reason),
                ],
            ),
        }
    }
}

impl Describe for CommandError {
    fn describe(&self, lang: Lang) -> String {
        match self {
            CommandError::Refused(r) => refusal(lang, r),
            CommandError::Store(e) => e.describe(lang),
        }
    }
}

impl Describe for BackupError {
    /// The message for the operator, in their language.
    fn describe(&self, lang: Lang) -> String {
        match self {
            BackupError::Exists(path) => lang.fill(T::BackupExists, &[("path", &path.display())]),
            BackupError::NotADatabase(path) => lang.fill(T::BackupNotADatabase, &[("path", &path.display())]),
            BackupError::SamePlace(path) => lang.fill(T::BackupSamePlace, &[("path", &path.display())]),
            BackupError::NotEmpty { path, cases } => {
                lang.fill(T::RestoreNotEmpty, &[("path", &path.display()), ("count", cases)])
            }
            BackupError::Write { path, reason } => lang.fill(
                T::BackupWriteFailed,
                &[("path", &path.display()), ("reason", reason)],
            ),
            BackupError::Read { path, reason } => lang.fill(
                T::BackupReadFailed,
                &[("path", &path.display()), ("reason", reason)],
            ),
            BackupError::Damaged { path, reason } => {
                lang.fill(T::BackupDamaged, &[("path", &path.display()), ("reason", reason)])
            }
            BackupError::DatabaseDamaged { path } => {
                lang.fill(T::RestoreOverDamaged, &[("path", &path.display())])
            }
            BackupError::Store(e) => e.describe(lang),
        }
    }
}

impl Describe for BadRequest {
    /// The reason in the operator's language.
    fn describe(&self, lang: Lang) -> String {
        match self {
            BadRequest::Unreadable(reason) => lang.fill(T::BadRequestUnreadable, &[("reason", reason)]),
            BadRequest::TooLong { max } => lang.fill(T::BadRequestTooLong, &[("max", max)]),
            BadRequest::TooManyCases { max } => lang.fill(T::BadRequestTooManyCases, &[("max", max)]),
            BadRequest::BadRequestId { max } => lang.fill(T::BadRequestId, &[("max", max)]),
            BadRequest::RelativePath(path) => {
                lang.fill(T::BadRequestRelativePath, &[("path", &path.display())])
            }
            BadRequest::NeedsDatabaseToItself => lang.t(T::BadRequestNeedsDatabase).to_string(),
            BadRequest::Expired => lang.t(T::BadRequestExpired).to_string(),
            BadRequest::TooManyConnections { max } => {
                lang.fill(T::BadRequestTooManyConnections, &[("max", max)])
            }
            BadRequest::Version { client, desk } => {
                lang.fill(T::BadRequestVersion, &[("client", client), ("desk", desk)])
            }
            BadRequest::ClockPinned => lang.t(T::BadRequestClockPinned).to_string(),
            BadRequest::NotAnOperator { user } => lang.fill(T::BadRequestNotAnOperator, &[("user", user)]),
            BadRequest::TooManySessions { max } => lang.fill(T::BadRequestTooManySessions, &[("max", max)]),
            BadRequest::NoBoards => lang.t(T::BadRequestNoBoards).to_string(),
            BadRequest::NoHello => lang.t(T::BadRequestNoHello).to_string(),
        }
    }
}

impl Describe for FileError {
    /// What went wrong, in the operator's language.
    fn describe(&self, lang: Lang) -> String {
        match self {
            FileError::Exists(path) => lang.fill(T::FileExists, &[("path", &path.display())]),
            FileError::Symlink(path) => lang.fill(T::FileIsSymlink, &[("path", &path.display())]),
            FileError::Io(path, e) => format!("{}: {e}", path.display()),
        }
    }
}
