//! `klachtdesk backup PATH` and `klachtdesk restore PATH`: a consistent copy of
//! the database into a new folder — made by the board when one has the
//! database open, so the desk keeps working — and putting such a copy back.

use std::path::PathBuf;

use super::{Failure, Session};
use crate::i18n::Describe;
use crate::i18n::{Lang, T};
use crate::store::Store;
use crate::store::backup::BackupError;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The new folder for the copy (it must not exist yet)
    #[arg(value_name = "PATH")]
    path: PathBuf,
}

#[derive(Debug, Clone, clap::Args)]
pub struct RestoreArgs {
    /// The backup folder to restore from
    #[arg(value_name = "PATH")]
    path: PathBuf,
    /// Replace the cases the database holds now
    #[arg(long)]
    force: bool,
}

pub fn run(session: &mut Session, args: &Args) -> Result<(), Failure> {
    let lang = session.lang;
    let cases = session
        .desk()?
        .backup(&args.path)
        .map_err(|e| failure(lang, &e))?;
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
/// would be about cases that are gone.
pub fn restore(session: &mut Session, args: &RestoreArgs) -> Result<(), Failure> {
    let lang = session.lang;
    let desk = session.desk()?;
    let Some(store) = desk.store() else {
        return Err(Failure::Failed(lang.fill(
            T::NeedsDatabaseToItself,
            &[("command", &"restore"), ("path", &desk.path().display())],
        )));
    };
    let target = store.path().to_path_buf();
    drop(desk);
    // The restore swaps the database's folder: let go of it first.
    session.close_store();
    let cases = Store::restore(&args.path, &target, args.force).map_err(|e| failure(lang, &e))?;
    println!(
        "{}",
        lang.fill(
            T::RestoreDone,
            &[
                ("count", &cases),
                ("from", &args.path.display()),
                ("path", &target.display())
            ]
        )
    );
    Ok(())
}

fn failure(lang: Lang, e: &BackupError) -> Failure {
    match e {
        BackupError::Store(e) => Failure::store(lang, e),
        e if e.is_refusal() => Failure::Refused(e.describe(lang)),
        e => Failure::Failed(e.describe(lang)),
    }
}
