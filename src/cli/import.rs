//! `klachtdesk import FILE.json`: cases from a JSON export, each checked as
//! the desk would have checked it (`exchange::replay`); a file with any
//! problem is refused whole, and the database is not touched.
//!
//! Import needs the database to itself: with a board open it is refused,
//! rather than sent through the board, whose screen would have to take in a
//! whole queue at once and whose operators would wait for it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget};

use super::export::{progress, shows_progress};
use super::{Failure, Session};
use crate::desk::Job;
use crate::domain::case::CaseId;
use crate::exchange::{Located, Progress, check_export};
use crate::i18n::{DescribeIn, Lang, T};
use crate::store::import::ImportError;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The JSON export to import (made by `klachtdesk export --format json`)
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

/// Problems listed one by one before the summary; the rest are counted.
const SHOWN: usize = 20;

pub fn run(session: &mut Session, args: &Args) -> Result<(), Failure> {
    let lang = session.lang;
    let path = &args.file;
    let bytes = std::fs::read(path).map_err(|e| {
        let message = lang.fill(T::ImportCannotRead, &[("path", &path.display()), ("reason", &e)]);
        if e.kind() == std::io::ErrorKind::NotFound {
            Failure::Refused(message)
        } else {
            Failure::Failed(message)
        }
    })?;
    let mut bar = ProgressBar::hidden();
    let checked = check_export(&bytes, &session.rules, session.now, |step| match step {
        Progress::Total(n) => bar = progress(lang, T::ProgressChecking, n),
        Progress::Step => bar.inc(1),
    });
    bar.finish_and_clear();
    drop(bytes);
    let cases = checked.map_err(|problems| refused(lang, path, &problems))?;
    // A desk holding the database pauses its boards for the import.
    session.lease(Job::Import)?;
    let store = session.store()?;
    let spinner = spinner(lang, cases.len());
    let written = store.import(cases);
    spinner.finish_and_clear();
    let count = written.map_err(|e| match e {
        ImportError::Present(ids) => Failure::Refused(lang.fill(
            T::ImportPresent,
            &[("path", &path.display()), ("ids", &id_list(lang, &ids))],
        )),
        ImportError::Store(e) => Failure::store(lang, &e),
    })?;
    let done = lang.fill(T::ImportDone, &[("count", &count), ("path", &path.display())]);
    super::output::print(lang, |out| writeln!(out, "{done}"))
}

/// One problem is the message; several are listed first, and counted in it.
fn refused(lang: Lang, path: &Path, problems: &[Located]) -> Failure {
    if let [only] = problems {
        // A reason that is a sentence of its own ends with its own full stop.
        return Failure::Refused(format!(
            "{}. {}",
            only.describe(lang, path).trim_end_matches('.'),
            lang.t(T::ImportNothingWritten)
        ));
    }
    let shown = problems.len().min(SHOWN);
    for problem in &problems[..shown] {
        eprintln!("klachtdesk: {}", problem.describe(lang, path));
    }
    Failure::Refused(lang.fill(
        T::ImportProblems,
        &[
            ("path", &path.display()),
            ("count", &problems.len()),
            ("shown", &shown),
        ],
    ))
}

/// Case numbers, the first ten of them and how many more.
fn id_list(lang: Lang, ids: &[CaseId]) -> String {
    const LISTED: usize = 10;
    let mut list: Vec<String> = ids.iter().take(LISTED).map(CaseId::to_string).collect();
    if ids.len() > LISTED {
        list.push(lang.fill(T::ImportAndMore, &[("count", &(ids.len() - LISTED))]));
    }
    list.join(", ")
}

/// A spinner while a long import is written, on a terminal only.
fn spinner(lang: Lang, cases: usize) -> ProgressBar {
    if !shows_progress(cases) {
        return ProgressBar::hidden();
    }
    let spinner = ProgressBar::new_spinner();
    spinner.set_draw_target(ProgressDrawTarget::stderr());
    spinner.set_message(lang.t(T::ProgressWriting));
    spinner.enable_steady_tick(Duration::from_millis(120));
    spinner
}
