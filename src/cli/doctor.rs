//! `klachtdesk doctor`: checks the database and repairs what can be repaired
//! safely (see `store::doctor`), one line per thing done or found, then a
//! summary. Exit 0 when all is well (repairs included), 1 when problems
//! remain — with the command that goes back to the newest automatic backup.

use std::path::Path;

use super::{Failure, Global, Session, daily};
use crate::desk::Job;
use crate::i18n::Describe;
use crate::i18n::trail_reason;
use crate::i18n::{Lang, T, date};
use crate::sanitize::one_line;
use crate::store::doctor::{Checkup, Finding};
use crate::store::{Recovered, Store, StoreError};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {}

pub fn run(session: &mut Session, global: &Global, _args: &Args) -> Result<(), Failure> {
    let lang = session.lang;
    let path = if global.demo {
        session.store()?.path().to_path_buf()
    } else {
        daily::database_path(global)?
    };
    // A desk holding the database pauses its boards and lends it.
    if !global.demo {
        session.lease(Job::Doctor)?;
    }
    session.close_store();
    let newest = daily::newest(&path);
    let compare = newest.as_ref().map(|b| b.path.as_path());
    let checkup = Store::doctor(&path, &session.rules, session.now, compare).map_err(|e| match e {
        StoreError::InUse { path } => Failure::Failed(lang.fill(
            T::NeedsDatabaseToItself,
            &[("command", &"doctor"), ("path", &path.display())],
        )),
        e => Failure::store(lang, &e),
    })?;
    let lines: Vec<String> = checkup
        .findings
        .iter()
        .map(|f| one_line(&describe(lang, &path, f)))
        .collect();
    super::output::print(lang, |out| {
        use std::io::Write;
        lines.iter().try_for_each(|line| writeln!(out, "{line}"))
    })?;
    verdict(lang, &path, &checkup)
}

/// The summary: on standard output when all is well, else as the failure.
fn verdict(lang: Lang, path: &Path, checkup: &Checkup) -> Result<(), Failure> {
    let opened = !checkup
        .findings
        .iter()
        .any(|f| matches!(f, Finding::NoDatabase | Finding::Unopenable(_)));
    let problems = checkup.problems();
    let counts: [(&str, &dyn std::fmt::Display); 3] = [
        ("cases", &checkup.cases),
        ("events", &checkup.events),
        ("count", &problems),
    ];
    if problems == 0 {
        println!("{}", lang.fill(T::DoctorHealthy, &counts));
        return Ok(());
    }
    if checkup.findings.iter().any(|f| matches!(f, Finding::NoDatabase)) {
        return Err(Failure::Failed(
            lang.fill(T::DoctorNoDatabase, &[("path", &path.display())]),
        ));
    }
    let advice = match daily::newest(path) {
        Some(backup) => lang.fill(T::DoctorAdviceBackup, &[("date", &date(lang, backup.date))]),
        None => lang.t(T::DoctorAdviceNoBackup).to_string(),
    };
    if opened {
        Err(Failure::Failed(format!(
            "{} {advice}",
            lang.fill(T::DoctorProblems, &counts)
        )))
    } else {
        Err(Failure::Failed(advice))
    }
}

fn describe(lang: Lang, path: &Path, finding: &Finding) -> String {
    match finding {
        Finding::SnapshotSetAside { to, .. } => {
            lang.fill(T::DoctorSnapshotSetAside, &[("path", &to.display())])
        }
        Finding::Recovered(done) => lang.fill(T::DoctorRecovered, &[("what", &recovered(lang, done))]),
        Finding::NoDatabase => lang.fill(T::DoctorNoDatabase, &[("path", &path.display())]),
        Finding::Unopenable(e) => {
            let reason = match e {
                StoreError::Damaged { reason, .. } if reason.starts_with("Read corrupted data") => {
                    lang.t(T::DamagedUnreadable).to_string()
                }
                StoreError::Damaged { reason, .. } | StoreError::Open { reason, .. } => reason.clone(),
                other => other.describe(lang),
            };
            lang.fill(
                T::DoctorUnopenable,
                &[("path", &path.display()), ("reason", &reason)],
            )
        }
        Finding::Leftover { leftover, reason } => lang.fill(
            T::DoctorLeftover,
            &[("leftover", &leftover.display()), ("reason", reason)],
        ),
        Finding::Unreadable { tree, key, reason } => {
            let args: [(&str, &dyn std::fmt::Display); 3] =
                [("tree", tree), ("key", key), ("reason", reason)];
            match tree.as_str() {
                "cases" => lang.fill(T::DoctorCaseUnreadable, &args),
                "events" => lang.fill(T::DoctorEventUnreadable, &args),
                _ => lang.fill(T::DoctorRecordUnreadable, &args),
            }
        }
        Finding::Gaps { case, missing } => {
            let seqs: Vec<String> = missing.iter().map(|s| format!("#{s}")).collect();
            lang.fill(T::DoctorGaps, &[("id", case), ("seqs", &seqs.join(", "))])
        }
        Finding::Orphans { case, events } => lang.fill(T::DoctorOrphans, &[("id", case), ("count", events)]),
        Finding::Disagrees { case, problem } => lang.fill(
            T::DoctorDisagrees,
            &[("id", case), ("reason", &trail_reason(lang, problem))],
        ),
        Finding::Lost { backup, cases } => lang.fill(
            T::DoctorLost,
            &[
                ("path", &backup.display()),
                ("count", &cases.len()),
                ("ids", &some_of(lang, cases)),
            ],
        ),
        Finding::BackupUnreadable(e) => e.describe(lang),
        Finding::SummariesMadeAnew { cases } => lang.fill(
            T::DoctorSummariesMadeAnew,
            &[("count", &cases.len()), ("ids", &some_of(lang, cases))],
        ),
    }
}

/// The first case numbers of `cases`, and how many more there are.
fn some_of(lang: Lang, cases: &[impl ToString]) -> String {
    const SHOWN: usize = 20;
    let mut ids: Vec<String> = cases.iter().take(SHOWN).map(ToString::to_string).collect();
    if cases.len() > SHOWN {
        ids.push(lang.fill(T::DoctorAndMore, &[("count", &(cases.len() - SHOWN))]));
    }
    ids.join(", ")
}

/// What was put right of an interrupted rewrite, in words.
fn recovered(lang: Lang, done: &Recovered) -> String {
    let (key, path) = match done {
        Recovered::CopyPutInPlace(p) => (T::RecoveredCopyInPlace, p),
        Recovered::OriginalPutBack(p) => (T::RecoveredOriginalBack, p),
        Recovered::OriginalRemoved(p) => (T::RecoveredOriginalRemoved, p),
        Recovered::CopyRemoved(p) => (T::RecoveredCopyRemoved, p),
    };
    lang.fill(key, &[("path", &path.display())])
}
