//! `klachtdesk bench desk`: the shared desk with scripted operators. One
//! generated queue; `klachtdesk serve` on it in a child process (its memory
//! read from outside); terminals attached from this process, each with a
//! terminal emulator on a thread of its own; then changes made through the
//! desk and the moment each board shows them, and the command line's calls
//! through the desk and without one. See BENCHMARKS.md.

pub mod calls;
pub mod process;
pub mod report;
pub mod screen;
pub mod ssh;
pub mod transport;

use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use chrono_tz::Europe::Amsterdam;

use self::calls::{Picks, Timed};
use self::process::{DeskProcess, Memory};
use self::screen::Watched;
use self::transport::{Setting, Socket, Terminal, Transport};
use super::generate::{self, mix};
use super::measure::{HEIGHT, WIDTH};
use super::{Amounts, Row};
use crate::domain::case::Channel;
use crate::domain::intake::Intake;
use crate::domain::workflow::Rules;
use crate::remote::TerminalInfo;
use crate::remote::attach::Detached;

/// What `klachtdesk bench desk` is asked to do.
#[derive(Debug, Clone)]
pub struct DeskPlan {
    /// Cases in the generated queue.
    pub size: usize,
    /// Terminals attached at once (at least two).
    pub sessions: usize,
    /// Changes whose arrival on every board is timed.
    pub changes: usize,
    /// Calls of each kind timed in this process.
    pub calls: usize,
    /// Runs of each `klachtdesk` command timed, in each of three settings.
    pub processes: usize,
    /// Where the generated database goes; the system's temporary folder if none.
    pub dir: Option<PathBuf>,
    /// Whether the terminals come in over SSH rather than the local socket.
    pub over_ssh: bool,
}

/// How long a new board may take to be drawn.
const FIRST_SCREEN: Duration = Duration::from_secs(60);

/// How long a change may take to show on a board before that counts as lost.
const SHOWN: Duration = Duration::from_secs(10);

/// How long a board may take to close once its operator quits.
const CLOSING: Duration = Duration::from_secs(10);

/// A pause before the desk's memory is read, for its threads to finish
/// what an attach started.
const SETTLE: Duration = Duration::from_millis(300);

/// The figures of one run, and the way in they were taken over.
#[derive(Debug, Clone)]
pub struct Measured {
    pub row: Row,
    pub transport: String,
}

/// Runs the benchmark; its figures.
pub fn run(plan: &DeskPlan, progress: &mut dyn FnMut(&str)) -> Result<Measured, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let temp = super::scratch(plan.dir.as_deref())?;
    let db = temp.path().join("db");
    let config = temp.path().join("config.toml");
    // No automatic backup: the first change of the day would copy the whole
    // database in the middle of the measurements.
    let mut text = format!(
        "[backup]\nenabled = false\n\n[desk]\nmax_sessions = {}\n",
        plan.sessions.max(50)
    );
    // Over SSH, one operator whose key the terminals sign in with; the
    // command line is theirs too, as the Unix user running the benchmark.
    let ssh = if plan.over_ssh {
        let (key, line) = ssh::operator_key()?;
        let me = crate::identity::user_name(rustix::process::getuid().as_raw());
        text.push_str(&format!(
            "\n[[operator]]\nname = \"Bench operator\"\nunix_user = \"{me}\"\nssh_keys = [\"{line}\"]\n"
        ));
        Some((key, free_port()?))
    } else {
        None
    };
    std::fs::write(&config, text).map_err(|e| format!("{}: {e}", config.display()))?;
    let started = Instant::now();
    let amounts = Amounts {
        presses: 0,
        saves: 0,
        search_rounds: 0,
    };
    let output = super::child(&exe, &["--generate", &plan.size.to_string()], &db, amounts)?;
    progress(&format!(
        "{} cases: {} in {:.1} s",
        plan.size,
        output.lines().last().unwrap_or("generated").trim(),
        started.elapsed().as_secs_f64()
    ));
    let now = generate::now(&Rules::default().policy);
    let setting = Setting {
        exe,
        db,
        config,
        now_text: now.with_timezone(&Amsterdam).format("%Y-%m-%dT%H:%M").to_string(),
        now,
        ssh: ssh.as_ref().map(|(_, address)| *address),
    };
    let transport: Box<dyn Transport> = match ssh {
        Some((key, address)) => Box::new(ssh::Ssh::new(setting.clone(), address, key)?),
        None => Box::new(Socket::new(setting.clone())),
    };
    let mut row = Row::default();
    row.set("cases", plan.size as f64);
    row.set("sessions", plan.sessions as f64);
    measure(
        &setting,
        transport.as_ref(),
        plan,
        &mut row,
        progress,
        temp.path(),
    )?;
    Ok(Measured {
        row,
        transport: transport.name(),
    })
}

/// A port on 127.0.0.1 nobody listens at now, for the desk's SSH side.
fn free_port() -> Result<std::net::SocketAddr, String> {
    let probe = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    probe.local_addr().map_err(|e| e.to_string())
}

/// One scripted operator: their terminal and its screen.
struct Operator {
    terminal: Terminal,
    screen: Watched,
}

/// Every measurement, in order, on the generated database; the desk runs in
/// between and is stopped (or killed) however this ends. The boards attach
/// first, to a desk that has answered nothing yet: memory that answers freed
/// (a whole queue listed is 17 MB of JSON at 10,000 cases) would be reused by
/// the sessions and hide what they take.
fn measure(
    setting: &Setting,
    transport: &dyn Transport,
    plan: &DeskPlan,
    row: &mut Row,
    progress: &mut dyn FnMut(&str),
    scratch: &Path,
) -> Result<(), String> {
    let mut desk = DeskProcess::start(setting, &scratch.join("desk-errors.txt"))?;
    set_memory(row, "started", desk.memory()?);
    let operators = attach_all(transport, &mut desk, plan.sessions, row)?;
    progress(&format!(
        "{} sessions: desk {} with one, {} with all, {} per extra session",
        plan.sessions,
        report::mb(row, "rss_one_mb"),
        report::mb(row, "rss_all_mb"),
        report::mb(row, "per_session_mb"),
    ));

    // What there is to work on, asked once as the command line asks.
    let loaded = transport
        .requests()?
        .load()
        .map_err(|e| format!("listing: {e:?}"))?;
    row.set("open", loaded.cases.iter().filter(|c| c.is_open()).count() as f64);
    let picks = Picks::from(&loaded.cases)?;
    drop(loaded);

    let bytes_before: u64 = operators.iter().map(|o| o.screen.bytes()).sum();
    let (mut shown, mut answered) = changes(transport, &operators, plan.changes)?;
    let bytes_after: u64 = operators.iter().map(|o| o.screen.bytes()).sum();
    row.set(
        "change_kb",
        (bytes_after - bytes_before) as f64 / 1024.0 / (plan.changes * plan.sessions) as f64,
    );
    row.set_percentiles("change", &mut shown);
    row.set_percentiles("answer", &mut answered);
    set_memory(row, "changed", desk.memory()?);
    progress(&format!(
        "{} changes: shown on the other screens p50 {}, p99 {}",
        plan.changes,
        ms(row.get("change_p50_ms")),
        ms(row.get("change_p99_ms"))
    ));

    let mut through = calls::through(transport, &picks, plan.calls, plan.calls)?;
    for (name, times) in [
        ("call_log", &mut through.log),
        ("call_move", &mut through.moves),
        ("call_show", &mut through.show),
        ("call_list", &mut through.list),
    ] {
        row.set_percentiles(name, times);
    }
    set_memory(row, "called", desk.memory()?);
    progress(&format!(
        "calls through the desk: log p50 {}, list --all p50 {}",
        ms(row.get("call_log_p50_ms")),
        ms(row.get("call_list_p50_ms"))
    ));
    let busy = calls::processes(&|args| transport.command(args), &picks, plan.processes)?;
    set_processes(row, "busy", &busy);
    set_memory(row, "after", desk.memory()?);

    leave(&operators)?;
    thread::sleep(SETTLE);
    set_memory(row, "left", desk.memory()?);
    let alone = calls::processes(&|args| transport.command(args), &picks, plan.processes)?;
    set_processes(row, "desk", &alone);
    set_memory(row, "end", desk.memory()?);
    desk.stop()?;

    let without = calls::processes(&|args| setting.command(args), &picks, plan.processes)?;
    set_processes(row, "none", &without);
    progress(&format!(
        "processes: log {} through the desk, {} without; list --all {} through the desk, {} without",
        p50(&alone.log),
        p50(&without.log),
        p50(&alone.list),
        p50(&without.list)
    ));
    Ok(())
}

/// Attaches `sessions` terminals one after another, each once the one
/// before has its first screen; the desk's memory with the first and with
/// all of them.
fn attach_all(
    transport: &dyn Transport,
    desk: &mut DeskProcess,
    sessions: usize,
    row: &mut Row,
) -> Result<Vec<Operator>, String> {
    let mut operators = Vec::with_capacity(sessions);
    let mut first_screens = Vec::with_capacity(sessions);
    let mut one = None;
    while operators.len() < sessions {
        let (operator, took) = attach(transport)?;
        operators.push(operator);
        first_screens.push(took);
        if operators.len() == 1 {
            thread::sleep(SETTLE);
            one = Some(desk.memory()?);
        }
    }
    thread::sleep(SETTLE);
    let all = desk.memory()?;
    let one = one.unwrap_or(all);
    set_memory(row, "one", one);
    set_memory(row, "all", all);
    let extra = (sessions - 1).max(1) as f64;
    row.set("per_session_mb", (all.resident_mb - one.resident_mb) / extra);
    row.set_percentiles("first_screen", &mut first_screens);
    Ok(operators)
}

/// Attaches one more terminal; it and how long its first screen took.
fn attach(transport: &dyn Transport) -> Result<(Operator, Duration), String> {
    let screen = Watched::default();
    let terminal = TerminalInfo {
        cols: WIDTH,
        rows: HEIGHT,
        term: "xterm-256color".into(),
        lang: Some("C".into()),
        no_color: false,
        exports: None,
    };
    let started = Instant::now();
    let terminal = transport.attach(terminal, Box::new(screen.emulator(WIDTH, HEIGHT)))?;
    let drawn =
        screen
            .first_drawn(FIRST_SCREEN)
            .ok_or_else(|| match terminal.ended_within(Duration::ZERO) {
                Some(ended) => format!("the desk drew no board: {ended:?}"),
                None => format!("no board drawn within {} s", FIRST_SCREEN.as_secs()),
            })?;
    Ok((
        Operator { terminal, screen },
        drawn.saturating_duration_since(started),
    ))
}

/// Registers `changes` complaints through the desk, one at a time; for each,
/// how long every board took to show it (the open count in its header going
/// up), from the request being sent, and how long the answer took.
fn changes(
    transport: &dyn Transport,
    operators: &[Operator],
    changes: usize,
) -> Result<(Vec<Duration>, Vec<Duration>), String> {
    let header = operators.first().map(|o| o.screen.header()).unwrap_or_default();
    let open = open_count(&header).ok_or_else(|| format!("no open count in the header {header:?}"))?;
    if let Some(other) = operators
        .iter()
        .find(|o| open_count(&o.screen.header()) != Some(open))
    {
        return Err(format!(
            "the boards disagree: {header:?} and {:?}",
            other.screen.header()
        ));
    }
    // One connection for all of them, as a board or a script keeps one.
    let desk = transport.requests()?;
    let mut shown = Vec::with_capacity(changes * operators.len());
    let mut answered = Vec::with_capacity(changes);
    for k in 1..=changes {
        let marker = format!("open {}", open + k);
        for operator in operators {
            operator.screen.expect(&marker);
        }
        let sent = Instant::now();
        desk.register(&intake(k), Some(&format!("bench-desk-{k}")))
            .map_err(|e| format!("registering: {e:?}"))?;
        answered.push(sent.elapsed());
        for (i, operator) in operators.iter().enumerate() {
            let at = operator.screen.shown(SHOWN).ok_or_else(|| {
                let why = if operator.screen.closed() {
                    "its connection to the desk ended".to_string()
                } else {
                    format!("not within {} s", SHOWN.as_secs())
                };
                format!(
                    "session {} did not show {marker:?}: {why}; its header: {:?}",
                    i + 1,
                    operator.screen.header()
                )
            })?;
            shown.push(at.saturating_duration_since(sent));
        }
        // Changes at uneven moments, not in step with the desk's clock.
        thread::sleep(Duration::from_millis(20 + mix(k as u64, 7) % 100));
    }
    Ok((shown, answered))
}

/// The `k`th complaint the benchmark registers.
fn intake(k: usize) -> Intake {
    Intake {
        name: format!("Benchmark Caller {k}"),
        phone: format!("06-{:08}", 90_000_000 + k),
        organisation: "Meetlat BV".into(),
        service: "Other".into(),
        channel: Channel::Phone,
        description: "A scripted change: every board must show it.".into(),
        ..Intake::default()
    }
}

/// The number after "open " in a board's header.
fn open_count(header: &str) -> Option<usize> {
    header.match_indices("open ").find_map(|(i, m)| {
        let digits: String = header[i + m.len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    })
}

/// Every operator quits their board; each must end well.
fn leave(operators: &[Operator]) -> Result<(), String> {
    for operator in operators {
        operator.terminal.type_bytes(b"q")?;
    }
    for (i, operator) in operators.iter().enumerate() {
        match operator.terminal.ended_within(CLOSING) {
            Some(Detached::Exit { code: 0, .. }) => {}
            other => return Err(format!("session {} ended as {other:?} after quitting", i + 1)),
        }
    }
    Ok(())
}

fn set_memory(row: &mut Row, when: &str, memory: Memory) {
    row.set(&format!("rss_{when}_mb"), memory.resident_mb);
    row.set(&format!("hwm_{when}_mb"), memory.peak_mb);
    row.set(&format!("threads_{when}"), f64::from(memory.threads));
}

fn set_processes(row: &mut Row, setting: &str, timed: &Timed) {
    for (kind, times) in [("log", &timed.log), ("show", &timed.show), ("list", &timed.list)] {
        row.set_percentiles(&format!("process_{kind}_{setting}"), &mut times.clone());
    }
}

fn p50(times: &[Duration]) -> String {
    let mut sorted = times.to_vec();
    sorted.sort_unstable();
    ms(Some(
        super::measure::percentile(&sorted, 50.0).as_secs_f64() * 1000.0,
    ))
}

fn ms(value: Option<f64>) -> String {
    super::report::ms(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_open_count_is_read_from_the_header() {
        let header = " klachtdesk  do 26 nov 10:00:00 Anna    open 1875 · ! 12 breached · 3 due today ";
        assert_eq!(open_count(header), Some(1875));
        assert_eq!(open_count("nothing open here"), None);
    }
}
