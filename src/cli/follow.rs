//! `klachtdesk follow`: every change to the queue as it happens, one line
//! (or one JSON object) each, for a wall screen or a script. A desk that goes
//! away a moment is followed again from the last change printed, so nothing
//! is missed; one that restarted, or read the queue anew, says so.

use std::io::Write;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::json;

use super::{Failure, Session, json, list, output};
use crate::desk::{Followed, Mark};
use crate::domain::deadlines::CaseClocks;
use crate::i18n::T;
use crate::remote::Following;
use crate::store::{Change, StoreError};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Stop after this many changes
    #[arg(long, value_name = "N")]
    count: Option<u64>,
    /// Print one JSON object per line, for scripts
    #[arg(long)]
    json: bool,
}

/// How long to try to reach a desk that went away before giving up.
const AGAIN: Duration = Duration::from_secs(30);

pub fn run(session: &mut Session, args: &Args) -> Result<(), Failure> {
    let lang = session.lang;
    let path = session.database_path()?;
    let Some(mut following) = follow(session, None)? else {
        return Err(Failure::Refused(
            lang.fill(T::FollowNoDesk, &[("path", &path.display())]),
        ));
    };
    let mut printed = 0;
    while args.count.is_none_or(|count| printed < count) {
        let lost = match following.next() {
            Some(Ok(followed)) => {
                if matches!(followed, Followed::Changed(_)) {
                    printed += 1;
                }
                print(session, args, &followed)?;
                continue;
            }
            Some(Err(lost)) => lost,
            None => StoreError::Misunderstood("the changes ended".into()),
        };
        let at = following.at();
        following = again(session, at).ok_or_else(|| Failure::store(lang, &lost))?;
        if following.at() == at && !args.json {
            let resumed = lang.fill(T::FollowResumed, &[("number", &at.number)]);
            output::print(lang, |out| writeln!(out, "{resumed}"))?;
        }
    }
    Ok(())
}

/// Follows the desk that has the database open from `since`, if one runs.
fn follow(session: &Session, since: Option<Mark>) -> Result<Option<Following>, Failure> {
    let lang = session.lang;
    let path = session.database_path()?;
    let Some(client) = session.attach(&path)? else {
        return Ok(None);
    };
    client
        .follow(since)
        .map(Some)
        .map_err(|e| Failure::store(lang, &e))
}

/// Follows again from `at` once the desk answers, for a while.
fn again(session: &Session, at: Mark) -> Option<Following> {
    let started = Instant::now();
    while started.elapsed() < AGAIN {
        if let Ok(Some(following)) = follow(session, Some(at)) {
            return Some(following);
        }
        thread::sleep(Duration::from_millis(500));
    }
    None
}

fn print(session: &Session, args: &Args, followed: &Followed) -> Result<(), Failure> {
    let lang = session.lang;
    let policy = &session.rules.policy;
    // Deadlines as they stand when the change is printed, not when following began.
    let now = if session.pinned {
        session.now
    } else {
        chrono::Utc::now()
    };
    if args.json {
        let line = match followed {
            Followed::Changed(stamped) => match &stamped.change {
                Change::Put(case) => {
                    let clocks = CaseClocks::of(case.as_ref(), policy, now);
                    json!({ "change": stamped.mark.number, "case": json::case(case, &clocks, None) })
                }
                Change::Removed(id) => json!({ "change": stamped.mark.number, "removed": id.to_string() }),
            },
            Followed::ReadAnew(mark) => json!({ "change": mark.number, "read_anew": true }),
        };
        // One line per change, so that a script reads them as they come.
        return output::print(lang, |out| writeln!(out, "{line}"));
    }
    let line = match followed {
        Followed::Changed(stamped) => match &stamped.change {
            Change::Put(case) => {
                let clocks = CaseClocks::of(case.as_ref(), policy, now);
                list::row(lang, case.as_ref(), &clocks, policy, now)
            }
            Change::Removed(id) => lang.fill(T::FollowRemoved, &[("case", id)]),
        },
        Followed::ReadAnew(_) => lang.t(T::FollowReadAnew).to_string(),
    };
    output::print(lang, |out| writeln!(out, "{line}"))
}
