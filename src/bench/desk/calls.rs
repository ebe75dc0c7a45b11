//! The command line at the desk: its calls timed in this process (connect,
//! hello, the requests, their answers — what a `klachtdesk` process does
//! besides starting), and whole `klachtdesk` processes timed from outside,
//! through the desk or on the database itself.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::transport::Transport;
use crate::bench::generate::mix;
use crate::bench::measure::{log_entry, step};
use crate::domain::case::{Case, CaseId};

/// The cases the calls are made on, spread over the queue.
#[derive(Debug, Clone)]
pub struct Picks {
    /// Any case: logged on, shown.
    any: Vec<CaseId>,
    /// Open cases with a next step: moved.
    movable: Vec<CaseId>,
}

impl Picks {
    pub fn from(cases: &[Case]) -> Result<Picks, String> {
        let mut any: Vec<CaseId> = cases.iter().map(|c| c.id).collect();
        any.sort_unstable();
        let mut movable: Vec<CaseId> = cases
            .iter()
            .filter(|c| c.is_open() && step(c).is_some())
            .map(|c| c.id)
            .collect();
        movable.sort_unstable();
        if any.is_empty() || movable.is_empty() {
            return Err("the queue has no open case to work on".into());
        }
        Ok(Picks { any, movable })
    }

    /// The `i`th case of `ids`, spread over them by a hash.
    fn nth(ids: &[CaseId], i: usize, salt: u64) -> CaseId {
        ids[(mix(i as u64, salt) % ids.len() as u64) as usize]
    }

    pub fn any(&self, i: usize) -> CaseId {
        Picks::nth(&self.any, i, 101)
    }

    /// A different open case for each `i` while there are enough.
    pub fn movable(&self, i: usize) -> CaseId {
        self.movable[(i * 7919) % self.movable.len()]
    }
}

/// Times of each kind of call.
#[derive(Debug, Default)]
pub struct Timed {
    pub log: Vec<Duration>,
    pub moves: Vec<Duration>,
    pub show: Vec<Duration>,
    pub list: Vec<Duration>,
}

fn timed(work: impl FnOnce() -> Result<(), String>) -> Result<Duration, String> {
    let started = Instant::now();
    work()?;
    Ok(started.elapsed())
}

/// `calls` calls of each kind as separate runs of the command line make
/// them — a new connection each — and `lists` of the whole queue.
pub fn through(
    transport: &dyn Transport,
    picks: &Picks,
    calls: usize,
    lists: usize,
) -> Result<Timed, String> {
    let mut times = Timed::default();
    let failed = |what: &str, id: CaseId, e: &dyn std::fmt::Debug| format!("{what} {id}: {e:?}");
    for i in 0..calls {
        let id = picks.any(i);
        times.log.push(timed(|| {
            let desk = transport.requests()?;
            desk.execute(id, None, vec![log_entry(i)])
                .map_err(|e| failed("logging on", id, &e))?;
            Ok(())
        })?);
        let id = picks.movable(i);
        times.moves.push(timed(|| {
            let desk = transport.requests()?;
            let case = desk.get(id).map_err(|e| failed("reading", id, &e))?;
            // A case moved before (when there are more calls than cases)
            // may have no simple next step left: a note then.
            let command = step(&case).unwrap_or_else(|| log_entry(i));
            desk.execute(id, Some(case.version), vec![command])
                .map_err(|e| failed("moving", id, &e))?;
            Ok(())
        })?);
        let id = picks.any(i + calls);
        times.show.push(timed(|| {
            let desk = transport.requests()?;
            desk.get(id).map_err(|e| failed("reading", id, &e))?;
            desk.events(id)
                .map_err(|e| failed("reading the events of", id, &e))?;
            Ok(())
        })?);
    }
    for _ in 0..lists {
        times.list.push(timed(|| {
            let desk = transport.requests()?;
            // What `list --all` asks: every case, chosen by the desk.
            let every = crate::domain::query::Filter::default();
            let loaded = desk.select(&every).map_err(|e| format!("listing: {e:?}"))?;
            if loaded.summaries.is_empty() {
                return Err("the desk listed no cases".into());
            }
            Ok(())
        })?);
    }
    Ok(times)
}

/// Runs `command` to its end, its output thrown away; how long it took.
fn run(mut command: Command) -> Result<Duration, String> {
    let started = Instant::now();
    let output = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| e.to_string())?;
    let took = started.elapsed();
    if !output.status.success() {
        return Err(format!(
            "{command:?} failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(took)
}

/// `runs` whole `klachtdesk log`, `show` and `list --all` processes, made by
/// `command` (through the desk when one runs, on the database when not),
/// after one unmeasured run of each: the first pays for what the runs before
/// left undone (sled's replay of the log, the binary read from disk).
pub fn processes(command: &dyn Fn(&[&str]) -> Command, picks: &Picks, runs: usize) -> Result<Timed, String> {
    let log = |id: CaseId| {
        let id = id.to_string();
        command(&[
            "log",
            &id,
            "--kind",
            "note",
            "--text",
            "Called back: the report is on its way.",
        ])
    };
    let show = |id: CaseId| command(&["show", &id.to_string()]);
    let list = || command(&["list", "--all"]);
    run(log(picks.any(0)))?;
    run(show(picks.any(0)))?;
    run(list())?;
    let mut times = Timed::default();
    for i in 0..runs {
        times.log.push(run(log(picks.any(1000 + i)))?);
        times.show.push(run(show(picks.any(2000 + i)))?);
        times.list.push(run(list())?);
    }
    Ok(times)
}
