//! `klachtdesk backup PATH` and `klachtdesk restore PATH|--latest`: a
//! consistent copy of the database into a new folder — made by the board when
//! one has the database open, so the desk keeps working — and putting such a
//! copy, or the newest automatic backup, back.

use std::path::{Path, PathBuf};

use super::{Failure, Global, Session, daily};
use crate::desk::Job;
use crate::i18n::{Describe, Lang, T, date};
use crate::store::backup::BackupError;
use crate::store::writings::{Writing, WritingKind};
use crate::store::{Store, StoreError};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The new folder for the copy (it must not exist yet)
    #[arg(value_name = "PATH")]
    path: PathBuf,
}

#[derive(Debug, Clone, clap::Args)]
pub struct RestoreArgs {
    /// The backup (folder or file) to restore from
    #[arg(value_name = "PATH", required_unless_present = "latest")]
    path: Option<PathBuf>,
    /// Restore the newest automatic backup
    #[arg(long, conflicts_with = "path")]
    latest: bool,
    /// Replace the cases the database holds now (or set a database that
    /// cannot be read aside)
    #[arg(long)]
    force: bool,
}

pub fn run(session: &mut Session, args: &Args) -> Result<(), Failure> {
    let lang = session.lang;
    let desk = session.desk()?;
    let cases = desk.backup(&args.path).map_err(|e| failure(lang, &e))?;
    let writing = Writing::whole(session.now, WritingKind::Backup, Some(args.path.clone()), cases);
    super::writings::note(lang, &*desk, &writing);
    println!(
        "{}",
        lang.fill(
            T::BackupDone,
            &[("count", &cases), ("path", &args.path.display())]
        )
    );
    Ok(())
}

/// Restores into the configured database, which must not be in use: the
/// board must be closed, since its screen and its operators' work in progress
/// would be about cases that are gone. The database is not opened first: it
/// may be the damaged one the backup is to replace.
pub fn restore(session: &mut Session, global: &Global, args: &RestoreArgs) -> Result<(), Failure> {
    let lang = session.lang;
    let target = if global.demo {
        session.store()?.path().to_path_buf()
    } else {
        daily::database_path(global)?
    };
    // A desk holding the database pauses its boards and lets go of it.
    session.lease(Job::Restore)?;
    // The restore swaps the database's folder: let go of it first.
    session.close_store();
    let (source, latest) = match &args.path {
        Some(path) => (path.clone(), None),
        None => {
            let newest = daily::newest(&target).ok_or_else(|| {
                Failure::Failed(lang.fill(
                    T::NoDailyBackup,
                    &[
                        ("path", &target.display()),
                        ("dir", &daily::backups_dir(&target).display()),
                    ],
                ))
            })?;
            (newest.path.clone(), Some(newest))
        }
    };
    let restored = Store::restore_from(&source, &target, args.force, session.now)
        .map_err(|e| restore_failure(lang, &e, &target))?;
    let done = match &latest {
        Some(backup) => lang.fill(
            T::RestoreLatestDone,
            &[
                ("count", &restored.cases),
                ("date", &date(lang, backup.date)),
                ("from", &source.display()),
                ("path", &target.display()),
            ],
        ),
        None => lang.fill(
            T::RestoreDone,
            &[
                ("count", &restored.cases),
                ("from", &source.display()),
                ("path", &target.display()),
            ],
        ),
    };
    println!("{done}");
    if let Some(kept) = &restored.damaged_kept {
        println!(
            "{}",
            lang.fill(T::RestoreDamagedKept, &[("path", &kept.display())])
        );
    }
    Ok(())
}

fn restore_failure(lang: Lang, e: &BackupError, target: &Path) -> Failure {
    match e {
        BackupError::Store(StoreError::InUse { .. }) => Failure::Failed(lang.fill(
            T::NeedsDatabaseToItself,
            &[("command", &"restore"), ("path", &target.display())],
        )),
        e => failure(lang, e),
    }
}

fn failure(lang: Lang, e: &BackupError) -> Failure {
    match e {
        BackupError::Store(e) => Failure::store(lang, e),
        e if e.is_refusal() => Failure::Refused(e.describe(lang)),
        e => Failure::Failed(e.describe(lang)),
    }
}
