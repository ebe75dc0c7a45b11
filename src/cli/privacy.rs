//! `klachtdesk purge` and `klachtdesk subject`: personal data under the AVG/GDPR.
//! Reading what is held goes through a running board too; removing data
//! rewrites the database files, so it needs the database to itself.

use chrono::Months;
use serde::Serialize;

use super::{Failure, Session};
use crate::desk::Job;
use crate::domain::case::{Case, CaseId};
use crate::domain::event::Event;
use crate::domain::privacy::{AnonymiseReason, Subject, is_anonymised, retention_passed};
use crate::i18n::{T, date};
use crate::store::writings::Writing;
use crate::store::writings::WritingKind;
use crate::store::{Store, StoreError};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// List what would be anonymised, and change nothing
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, Clone, clap::Subcommand)]
pub enum SubjectCmd {
    /// Everything held about one person (right of access), as JSON
    Export(SubjectArgs),
    /// Anonymise everything held about one person (right to erasure)
    Erase(SubjectArgs),
}

/// How the person is named; any given detail that matches a case counts.
#[derive(Debug, Clone, clap::Args)]
pub struct SubjectArgs {
    /// Their e-mail address
    #[arg(long)]
    email: Option<String>,
    /// Their phone number, in any notation
    #[arg(long)]
    phone: Option<String>,
    /// Their name, exactly (ignoring case)
    #[arg(long)]
    name: Option<String>,
}

impl SubjectArgs {
    fn subject(&self) -> Subject {
        Subject {
            email: self.email.clone(),
            phone: self.phone.clone(),
            name: self.name.clone(),
        }
    }
}

fn ids(cases: &[CaseId]) -> String {
    cases
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn run(session: &mut Session, args: &Args) -> Result<(), Failure> {
    let lang = session.lang;
    let months = session.config.privacy.retention_months;
    let before = session
        .now
        .checked_sub_months(Months::new(months))
        .unwrap_or(session.now);
    let before_text = date(lang, session.rules.policy.local_date(before));
    if args.dry_run {
        return dry_run(session, months, &before_text);
    }
    let store = exclusive(session, Job::Purge)?;
    let loaded = store.load();
    let purged: Vec<Case> = loaded
        .cases
        .into_iter()
        .filter(|c| retention_passed(c, months, session.now))
        .collect();
    let due: Vec<CaseId> = purged.iter().map(|c| c.id).collect();
    if due.is_empty() {
        println!("{}", lang.fill(T::PurgeNothing, &[("months", &months)]));
        return Ok(());
    }
    let earlier = remove(session, store, &purged, AnonymiseReason::Retention)?;
    println!(
        "{}",
        lang.fill(T::PurgeDone, &[("count", &due.len()), ("date", &before_text)])
    );
    print_earlier(lang, &earlier);
    Ok(())
}

/// What `purge` would anonymise, read through the desk if one holds the
/// database (nothing is changed, so the boards need not pause).
fn dry_run(session: &mut Session, months: u32, before: &str) -> Result<(), Failure> {
    let lang = session.lang;
    let loaded = session.desk()?.load().map_err(|e| Failure::store(lang, &e))?;
    let due: Vec<CaseId> = loaded
        .cases
        .iter()
        .filter(|c| retention_passed(c, months, session.now))
        .map(|c| c.id)
        .collect();
    if due.is_empty() {
        println!("{}", lang.fill(T::PurgeNothing, &[("months", &months)]));
    } else {
        println!(
            "{}",
            lang.fill(T::PurgeWould, &[("count", &due.len()), ("date", &before)])
        );
        println!("{}", ids(&due));
    }
    Ok(())
}

pub fn subject(session: &mut Session, cmd: &SubjectCmd) -> Result<(), Failure> {
    let lang = session.lang;
    let args = match cmd {
        SubjectCmd::Export(a) | SubjectCmd::Erase(a) => a,
    };
    let subject = args.subject();
    if subject.is_empty() {
        return Err(Failure::Refused(lang.t(T::SubjectNeedsDetail).to_string()));
    }
    match cmd {
        SubjectCmd::Export(_) => export(session, &subject),
        SubjectCmd::Erase(_) => erase(session, &subject),
    }
}

#[derive(Serialize)]
struct Held<'a> {
    #[serde(flatten)]
    case: &'a Case,
    events: Vec<Event>,
}

/// Everything held about the person: their cases with every field and the
/// whole audit trail.
fn export(session: &mut Session, subject: &Subject) -> Result<(), Failure> {
    let lang = session.lang;
    let desk = session.desk()?;
    let loaded = desk.load().map_err(|e| Failure::store(lang, &e))?;
    let cases: Vec<&Case> = loaded.cases.iter().filter(|c| subject.matches(c)).collect();
    let mut held = Vec::new();
    for case in cases {
        let events = desk.events(case.id).map_err(|e| Failure::store(lang, &e))?;
        held.push(Held { case, events });
    }
    if held.is_empty() {
        eprintln!("{}", lang.t(T::SubjectNone));
    }
    super::output::print_json(lang, &held)?;
    if !held.is_empty() {
        let ids: Vec<CaseId> = held.iter().map(|h| h.case.id).collect();
        let writing = Writing::of_cases(session.now, WritingKind::SubjectExport, None, &ids);
        super::writings::note(lang, &*desk, &writing);
    }
    Ok(())
}

fn erase(session: &mut Session, subject: &Subject) -> Result<(), Failure> {
    let lang = session.lang;
    let store = exclusive(session, Job::Erase)?;
    let loaded = store.load();
    let theirs: Vec<&Case> = loaded
        .cases
        .iter()
        .filter(|c| subject.matches(c) && !is_anonymised(c))
        .collect();
    if theirs.is_empty() {
        println!("{}", lang.t(T::SubjectNone));
        return Ok(());
    }
    let open: Vec<CaseId> = theirs.iter().filter(|c| c.is_open()).map(|c| c.id).collect();
    if !open.is_empty() {
        return Err(Failure::Refused(
            lang.fill(T::SubjectOpen, &[("ids", &ids(&open))]),
        ));
    }
    let erased: Vec<CaseId> = theirs.iter().map(|c| c.id).collect();
    let theirs: Vec<Case> = theirs.into_iter().cloned().collect();
    let earlier = remove(session, store, &theirs, AnonymiseReason::Request)?;
    println!(
        "{}",
        lang.fill(
            T::SubjectErased,
            &[("count", &erased.len()), ("ids", &ids(&erased))]
        )
    );
    print_earlier(lang, &earlier);
    Ok(())
}

/// The store, opened here: removing data rewrites the files, so a desk
/// holding them lends them for `job` (pausing its boards) until the command ends.
fn exclusive(session: &mut Session, job: Job) -> Result<Store, Failure> {
    session.lease(job)?;
    session.store()
}

/// Anonymises the cases, then rewrites the database files so that no earlier
/// version of what was removed stays in them. Returns the backups and exports
/// written earlier that may still hold what was removed.
fn remove(
    session: &mut Session,
    store: Store,
    cases: &[Case],
    reason: AnonymiseReason,
) -> Result<Vec<Writing>, Failure> {
    let lang = session.lang;
    let ids: Vec<CaseId> = cases.iter().map(|c| c.id).collect();
    store
        .anonymise(&ids, reason, &session.ctx())
        .map_err(|e| Failure::command(lang, &e))?;
    // The day's backup, if this started it, is one of them.
    store.wait_for_backup();
    let earlier = store
        .writings_holding(cases)
        .map_err(|e| Failure::store(lang, &e))?;
    let path = store.path().to_path_buf();
    drop(store);
    session.close_store();
    Store::compact(&path).map_err(|e: StoreError| Failure::store(lang, &e))?;
    Ok(earlier)
}

/// Names the backups and exports that may still hold what was removed.
fn print_earlier(lang: crate::i18n::Lang, earlier: &[Writing]) {
    for line in super::writings::earlier(lang, earlier) {
        println!("{}", crate::sanitize::visible(&line));
    }
}
