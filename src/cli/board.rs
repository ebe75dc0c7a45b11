//! `klachtdesk` with no subcommand: the board. The desk draws it (see
//! `klachtdesk serve`); this terminal attaches to the desk that has the
//! database open, starting one in the background when none does, so that the
//! first operator needs no set-up and the next ones simply attach. With
//! `--demo` the desk runs inside this process, on its demo database.

use std::fs::{self, File, OpenOptions};
use std::io::{IsTerminal, Read, Seek, SeekFrom};
use std::os::unix::fs::OpenOptionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::{Failure, Session};
use crate::i18n::{Describe, Lang, T};
use crate::remote::ConnectError;
use crate::remote::attach::{Attached, Detached};
use crate::tui;

/// How long the desk started in the background may take to answer.
const STARTING: Duration = Duration::from_secs(20);

/// How often a board that lost its desk tries to attach again.
const RECONNECTS: usize = 3;

pub fn run(session: &mut Session) -> Result<(), Failure> {
    // Without a terminal the board cannot read keys, and with its output
    // redirected it would draw into a file: say so before opening anything.
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return Err(Failure::Refused(
            session.lang.t(T::BoardNeedsTerminal).to_string(),
        ));
    }
    if session.demo() {
        let desk = super::serve::start(session)?;
        let db = session.store()?.path().to_path_buf();
        let ended = attach_and_show(session, &db, false);
        drop(desk);
        return ended;
    }
    let db = session.database_path()?;
    attach_and_show(session, &db, true)
}

/// Attaches to the desk of `db` and shows its board here until the operator
/// quits; a desk that goes away (killed, restarted) is attached to again —
/// what was saved is there, as the desk's store holds it.
fn attach_and_show(session: &Session, db: &Path, may_start: bool) -> Result<(), Failure> {
    let lang = session.lang;
    // Letters and exports are written here, in this operator's folder.
    let exports = session.settings().exports;
    let here = tui::Here::listen(exports, lang).map_err(|e| Failure::Failed(e.to_string()))?;
    let mut lost = 0;
    loop {
        let attached = attach(session, db, may_start)?;
        match here.show(attached).map_err(|e| Failure::Failed(e.to_string()))? {
            Detached::Exit { code: 0, .. } => return Ok(()),
            Detached::Exit { code, message } if message.is_empty() => {
                return Err(Failure::Ended(i32::from(code) - 128));
            }
            Detached::Exit { message, .. } => return Err(Failure::Failed(message)),
            Detached::Signal(signal) => return Err(Failure::Ended(signal)),
            Detached::Lost if lost < RECONNECTS => lost += 1,
            Detached::Lost => return Err(Failure::Failed(lang.t(T::DeskLost).to_string())),
        }
    }
}

/// A terminal attached to the desk of `db`; when none answers and
/// `may_start`, one is started in the background first.
fn attach(session: &Session, db: &Path, may_start: bool) -> Result<Attached, Failure> {
    let lang = session.lang;
    let pinned = session.pinned.then_some(session.now);
    let exports = session.settings().exports;
    let started_at = Instant::now();
    let mut started: Option<(Child, PathBuf, u64)> = None;
    loop {
        match Attached::connect(db, lang, pinned, tui::info(&exports)) {
            Ok(attached) => return Ok(attached),
            Err(ConnectError::Refused(bad)) => return Err(Failure::Refused(bad.describe(lang))),
            Err(ConnectError::Broken(e)) => return Err(Failure::store(lang, &e)),
            Err(ConnectError::Absent(_)) if !may_start => {
                return Err(Failure::Failed(lang.t(T::DeskLost).to_string()));
            }
            Err(ConnectError::Absent(_)) => {}
        }
        match &mut started {
            None => started = Some(start_desk(session, db)?),
            Some((child, log, from)) => {
                if let Ok(Some(_)) = child.try_wait() {
                    // Another board's desk may have won the race for the
                    // database; if nobody answers, this one's log says why.
                    if Attached::connect(db, lang, pinned, tui::info(&exports)).is_err() {
                        return Err(Failure::Failed(why_not_started(lang, log, *from)));
                    }
                }
                if started_at.elapsed() > STARTING {
                    return Err(Failure::Failed(
                        lang.fill(T::DeskSlow, &[("log", &log.display())]),
                    ));
                }
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Starts `klachtdesk serve --until-idle` on `db` in the background, in a
/// process group of its own (the terminal's signals are this board's, not
/// the desk's), its messages going to a log beside the database. The log
/// and where this start's messages begin in it.
fn start_desk(session: &Session, db: &Path) -> Result<(Child, PathBuf, u64), Failure> {
    let lang = session.lang;
    let failed = |e: std::io::Error| Failure::Failed(lang.fill(T::DeskNotStarted, &[("reason", &e)]));
    let folder = db
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(folder).map_err(failed)?;
    let log_path = folder.join("klachtdesk-desk.log");
    let mut log = OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(&log_path)
        .map_err(failed)?;
    let from = log.seek(SeekFrom::End(0)).map_err(failed)?;
    let mut command = Command::new(std::env::current_exe().map_err(failed)?);
    command
        .args(["serve", "--until-idle"])
        .env("KLACHTDESK_DB", db)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log.try_clone().map_err(failed)?)
        .process_group(0);
    if let Some(config) = session.config_path() {
        command.env("KLACHTDESK_CONFIG", config);
    }
    if session.pinned {
        command.env("KLACHTDESK_NOW", session.now.to_rfc3339());
    }
    let child = command.spawn().map_err(failed)?;
    drop::<File>(log);
    Ok((child, log_path, from))
}

/// The last line the desk wrote before it stopped: why it did not start.
fn why_not_started(lang: Lang, log: &Path, from: u64) -> String {
    let mut text = String::new();
    if let Ok(mut file) = File::open(log) {
        let _ = file.seek(SeekFrom::Start(from));
        let _ = file.read_to_string(&mut text);
    }
    let last = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("");
    let reason = last.trim_start_matches("klachtdesk: ");
    if reason.is_empty() {
        lang.fill(T::DeskSlow, &[("log", &log.display())])
    } else {
        reason.to_string()
    }
}
