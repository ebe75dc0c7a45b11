//! `klachtdesk export`: the cases the list filters choose, as JSON (complete
//! and importable, see `exchange::json`) or CSV (one row per case for
//! spreadsheets, see `exchange::csv`), on standard output or into a file.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::output::Output;
use super::{Failure, Session};
use crate::desk::{Desk, MAX_IDS};
use crate::domain::case::{Case, CaseId};
use crate::domain::deadlines::CaseClocks;
use crate::exchange::{self, CaseTrail, json};
use crate::i18n::Describe;
use crate::i18n::{Lang, T};
use crate::private_file::{self, FileError};
use crate::store::StoreError;
use crate::store::writings::{Writing, WritingKind};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// json: complete (every field, the contact log and the audit trail) and
    /// importable; csv: one row per case, for spreadsheets
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// Write to this file (readable by you only) instead of standard output
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Replace the file given with --out if it exists
    #[arg(long, requires = "out")]
    force: bool,
    #[command(flatten)]
    filters: super::list::FilterArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Json,
    Csv,
}

pub fn run(session: &mut Session, args: &Args) -> Result<(), Failure> {
    let lang = session.lang;
    let filter = args.filters.filter(session)?;
    let desk = session.desk()?;
    let loaded = desk.load().map_err(|e| Failure::store(lang, &e))?;
    for problem in &loaded.unreadable {
        eprintln!("klachtdesk: {}", problem.describe(lang));
    }
    let (policy, now) = (&session.rules.policy, session.now);
    let cases: Vec<Case> = loaded
        .cases
        .into_iter()
        .filter(|case| filter.matches(case, &CaseClocks::of(case, policy, now)))
        .collect();
    let bar = progress(lang, T::ProgressExporting, cases.len());
    // A file is written whole or not at all, readable by its owner only: an
    // export holds personal data.
    let written = match &args.out {
        Some(path) => private_file::write(path, args.force, |file| {
            write(
                args.format,
                &mut Output::new(file, false),
                &*desk,
                &cases,
                &bar,
                session.now,
            )
        }),
        None => {
            let mut out = Output::stdout();
            write(args.format, &mut out, &*desk, &cases, &bar, session.now)
                .and_then(|count| out.flush().map(|()| count).map_err(Stop::Io))
        }
    };
    bar.finish_and_clear();
    let ids: Vec<CaseId> = cases.iter().map(|c| c.id).collect();
    let writing = Writing::of_cases(session.now, WritingKind::Export, args.out.clone(), &ids);
    let count = match written {
        Ok(count) => count,
        // A reader that has seen enough (`| head`) is not a failure.
        Err(Stop::Io(e)) if args.out.is_none() && e.kind() == std::io::ErrorKind::BrokenPipe => {
            super::writings::note(lang, &*desk, &writing);
            return Ok(());
        }
        Err(e) => return Err(e.failure(lang, args.out.as_deref().unwrap_or(Path::new("-")))),
    };
    super::writings::note(lang, &*desk, &writing);
    match &args.out {
        Some(path) => {
            let done = lang.fill(T::ExportDone, &[("count", &count), ("path", &path.display())]);
            super::output::print(lang, |out| writeln!(out, "{done}"))
        }
        None => Ok(()),
    }
}

/// Why an export stopped.
enum Stop {
    Io(std::io::Error),
    Store(StoreError),
    File(FileError),
}

impl From<FileError> for Stop {
    fn from(e: FileError) -> Self {
        Stop::File(e)
    }
}

impl Stop {
    fn failure(self, lang: Lang, path: &Path) -> Failure {
        match self {
            Stop::Io(e) => {
                Failure::Failed(lang.fill(T::ExportWriteFailed, &[("path", &path.display()), ("reason", &e)]))
            }
            Stop::Store(e) => Failure::store(lang, &e),
            Stop::File(e) => Failure::file(lang, &e),
        }
    }
}

fn write(
    format: Format,
    out: &mut Output<impl Write>,
    desk: &dyn Desk,
    cases: &[Case],
    bar: &ProgressBar,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<usize, Stop> {
    match format {
        Format::Csv => exchange::csv::write(out, cases, || bar.inc(1)).map_err(Stop::Io),
        Format::Json => {
            let formatter = out.json_formatter();
            json::write_with(out, formatter, now, trails(desk, cases), || bar.inc(1)).map_err(|e| match e {
                json::WriteError::Io(e) => Stop::Io(e),
                json::WriteError::Source(e) => Stop::Store(e),
            })
        }
    }
}

/// Each case with its audit trail, read as it is written out, a batch at a
/// time, so a large export is never all in memory.
fn trails<'a>(
    desk: &'a dyn Desk,
    cases: &'a [Case],
) -> impl Iterator<Item = Result<CaseTrail, StoreError>> + 'a {
    cases.chunks(MAX_IDS).flat_map(|chunk| {
        let ids: Vec<CaseId> = chunk.iter().map(|c| c.id).collect();
        match desk.trails(&ids) {
            Ok(trails) => trails.into_iter().map(Ok).collect::<Vec<_>>(),
            Err(e) => vec![Err(e)],
        }
    })
}

/// Whether a job of `len` cases shows its progress: only on a terminal, and
/// only when long enough to want it (fewer cases take well under a second).
pub(super) fn shows_progress(len: usize) -> bool {
    len >= 1_000 && std::io::stderr().is_terminal()
}

/// A progress bar on standard error for a job of `len` steps, when it shows.
pub(super) fn progress(lang: Lang, what: T, len: usize) -> ProgressBar {
    if !shows_progress(len) {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta})") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(lang.t(what));
    bar
}
