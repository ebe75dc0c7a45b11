//! Nothing lost: the real binary killed with SIGKILL at random moments while it
//! registers and moves cases, a second instance, a full disk, and a damaged
//! record.
//!
//! Every process gets the same private world as in `tests/cli.rs`: its own
//! database folder, home directory and temporary folder, `LANG=C`,
//! `USER=tester`, and the clock pinned with `--now`.
//!
//! The crash test prints its seed; `KLACHTDESK_CRASH_SEED=<n>` replays a run's
//! choices (the moments of the kills depend on the machine's speed too). It
//! stops after 60 kills or 25 seconds, whichever comes first (but kills at
//! least 15 times), and prints what it saw with `--nocapture`. Until the store
//! removes snapshot files left half-written by a killed process (see
//! `a_snapshot_left_half_written_by_a_crash_does_not_block_the_next_start`),
//! it removes them itself when the database will not open, and says so.
//!
//! A full disk is simulated with a file-size limit (`RLIMIT_FSIZE`) on the
//! process that saves, with `SIGXFSZ` ignored so that a write past the limit
//! fails with `EFBIG` rather than killing the process. That works as root too,
//! where a read-only folder would not stop anything.

#[path = "support/pty.rs"]
mod pty;
mod support;

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use klachtdesk::app::cases::Cases;
use klachtdesk::app::{App, Modal, Msg};
use klachtdesk::domain::case::{Case, CaseId, Channel};
use klachtdesk::domain::intake::Intake;
use klachtdesk::domain::problem::Field;
use klachtdesk::domain::summary::Summary;
use klachtdesk::domain::workflow::{self, Ctx, Rules, State};
use klachtdesk::i18n::Describe;
use klachtdesk::i18n::Lang;
use klachtdesk::keymap::Keymap;
use klachtdesk::store::{CommandError, FORMAT, Store, StoreError};
use klachtdesk::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tempfile::TempDir;

/// Monday 23 November 2026, 10:00 in Amsterdam.
const NOW: &str = "2026-11-23T10:00";

/// How many times the crash test kills a running klachtdesk, unless it runs
/// out of [`CRASH_BUDGET`] first; it kills at least [`MIN_KILLS`] times.
const KILLS: usize = 60;
const MIN_KILLS: usize = 15;
const CRASH_BUDGET: Duration = Duration::from_secs(25);

// ---------------------------------------------------------------------------
// The world every process runs in
// ---------------------------------------------------------------------------

struct World {
    dir: TempDir,
}

impl World {
    fn new() -> World {
        let dir = tempfile::Builder::new()
            .prefix("klachtdesk-crash-")
            .tempdir()
            .unwrap();
        for sub in ["home/.config", "home/.local/share", "tmp"] {
            fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        World { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn db(&self) -> PathBuf {
        self.path("db")
    }

    /// The binary on this world's database, output captured.
    fn command<S: AsRef<std::ffi::OsStr>>(&self, args: &[S]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_klachtdesk"));
        cmd.env_clear()
            .env("HOME", self.path("home"))
            .env("XDG_CONFIG_HOME", self.path("home/.config"))
            .env("XDG_DATA_HOME", self.path("home/.local/share"))
            .env("TMPDIR", self.path("tmp"))
            .env("LANG", "C")
            .env("USER", "tester")
            .env("KLACHTDESK_DB", self.db())
            .env("KLACHTDESK_NOW", NOW)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    fn run<S: AsRef<std::ffi::OsStr>>(&self, args: &[S]) -> Output {
        self.command(args).output().unwrap()
    }

    /// Runs a command that must succeed; its stdout.
    fn ok<S: AsRef<std::ffi::OsStr> + std::fmt::Debug>(&self, args: &[S]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "klachtdesk {args:?} failed ({:?}): {}",
            out.status,
            text(&out.stderr)
        );
        text(&out.stdout)
    }

    /// Opens the database in this process, as the next klachtdesk would.
    fn open(&self) -> Store {
        Store::open(&self.db()).unwrap_or_else(|e| panic!("the database does not open: {e}"))
    }

    /// Waits until no process (this one included) holds the database's lock,
    /// so that the next klachtdesk finds it free: sled lets go of a closed
    /// database's lock a few milliseconds after its last handle is dropped.
    fn wait_unlocked(&self) {
        let file = self.db().join("db");
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let free = match fs::File::open(&file) {
                Ok(f) => f.try_lock().is_ok(),
                Err(_) => true,
            };
            if free {
                return;
            }
            assert!(Instant::now() < deadline, "the database stayed locked");
            thread::sleep(Duration::from_millis(2));
        }
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Asserts a failure is one line, `klachtdesk: …`, nothing on stdout, with `code`.
fn one_line_failure(out: &Output, code: i32, what: &str) -> String {
    let err = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{what}: expected exit code {code}; stdout: {}; stderr: {err}",
        text(&out.stdout)
    );
    assert_eq!(
        text(&out.stdout),
        "",
        "{what}: a failure prints nothing on stdout"
    );
    assert_eq!(err.lines().count(), 1, "{what}: one line on stderr, got:\n{err}");
    assert!(err.starts_with("klachtdesk: "), "{what}: {err}");
    for bad in ["panicked", "backtrace", "Location:"] {
        assert!(!err.contains(bad), "{what}: stderr shows {bad:?}: {err}");
    }
    err.trim_end().to_string()
}

fn add_args(name: &str, description: &str) -> Vec<String> {
    [
        "add",
        "--name",
        name,
        "--phone",
        "06-12345678",
        "--service",
        "Consultancy",
        "--description",
        description,
    ]
    .map(String::from)
    .to_vec()
}

// ---------------------------------------------------------------------------
// What the database must look like, whatever happened
// ---------------------------------------------------------------------------

/// Every record decodes, and every case agrees with its audit trail: events
/// 1..=version, each taking the case on from where the last left it, the last
/// one ending in the case's state, and the state has what it needs. Returns the
/// cases by id.
fn check_consistent(store: &Store) -> BTreeMap<CaseId, Case> {
    let loaded = store.load();
    assert!(
        loaded.unreadable.is_empty(),
        "unreadable records: {:?}",
        loaded.unreadable
    );
    let mut cases = BTreeMap::new();
    for case in loaded.cases {
        let events = store
            .events(case.id)
            .unwrap_or_else(|e| panic!("{}: its audit trail does not read: {e}", case.id));
        let seqs: Vec<u32> = events.iter().map(|e| e.seq).collect();
        assert_eq!(
            seqs,
            (1..=case.version).collect::<Vec<_>>(),
            "{}: events against version {}",
            case.id,
            case.version
        );
        let mut previous = None;
        for event in &events {
            assert_eq!(event.case, case.id);
            assert_eq!(
                event.from, previous,
                "{} #{}: a gap in the trail",
                case.id, event.seq
            );
            previous = Some(event.to);
        }
        assert_eq!(previous, Some(case.state), "{}: the last event's state", case.id);
        assert!(
            workflow::missing_for_state(&case).is_empty(),
            "{} in {:?} misses {:?}",
            case.id,
            case.state,
            workflow::missing_for_state(&case)
        );
        cases.insert(case.id, case);
    }
    // The summaries the board reads were written with the snapshots.
    let summaries = store.summaries();
    assert!(summaries.unreadable.is_empty(), "{:?}", summaries.unreadable);
    let expected: Vec<Summary> = cases.values().map(Summary::of).collect();
    assert_eq!(
        summaries.summaries, expected,
        "every case's summary, and no other"
    );
    // No audit trail without its case: a registration is all or nothing.
    let next = cases.keys().next_back().map_or(1, |id| id.seq() + 1);
    for seq in next..next + 3 {
        let orphan = store.events(CaseId::new(2026, seq)).unwrap();
        assert!(
            orphan.is_empty(),
            "events for a case that is not there: {orphan:?}"
        );
    }
    cases
}

// ---------------------------------------------------------------------------
// The crash test
// ---------------------------------------------------------------------------

/// A small, seedable random source (SplitMix64): enough for delays and choices.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// What a case looked like to the test: enough to tell whether a command took.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    state: State,
    version: u32,
    logs: usize,
    name: String,
}

impl From<&Case> for Seen {
    fn from(case: &Case) -> Seen {
        Seen {
            state: case.state,
            version: case.version,
            logs: case.contact_log.len(),
            name: case.contact.name.clone(),
        }
    }
}

type Model = BTreeMap<CaseId, Seen>;

/// One command line, and what it does to the model when it goes through.
#[derive(Debug, Clone)]
enum Op {
    Add(String),
    Acknowledge(CaseId),
    Treat(CaseId),
    Log(CaseId, String),
}

impl Op {
    fn args(&self) -> Vec<String> {
        match self {
            Op::Add(name) => add_args(name, "Killed mid-sentence, perhaps."),
            Op::Acknowledge(id) => ["move", &id.to_string(), "acknowledged", "--via", "email"]
                .map(String::from)
                .to_vec(),
            Op::Treat(id) => ["move", &id.to_string(), "in-treatment", "--handler", "Anna"]
                .map(String::from)
                .to_vec(),
            Op::Log(id, note) => ["log", &id.to_string(), "--kind", "note", "--text", note]
                .map(String::from)
                .to_vec(),
        }
    }

    /// The model once this command has gone through.
    fn apply(&self, model: &Model) -> Model {
        let mut next = model.clone();
        let bump = |seen: &mut Seen| seen.version += 1;
        match self {
            Op::Add(name) => {
                let seq = model.keys().next_back().map_or(1, |id| id.seq() + 1);
                next.insert(
                    CaseId::new(2026, seq),
                    Seen {
                        state: State::Received,
                        version: 1,
                        logs: 0,
                        name: name.clone(),
                    },
                );
            }
            Op::Acknowledge(id) => {
                let seen = next.get_mut(id).unwrap();
                bump(seen);
                seen.state = State::Acknowledged;
            }
            Op::Treat(id) => {
                let seen = next.get_mut(id).unwrap();
                bump(seen);
                seen.state = State::InTreatment;
            }
            Op::Log(id, _) => {
                let seen = next.get_mut(id).unwrap();
                bump(seen);
                seen.logs += 1;
            }
        }
        next
    }

    /// Whether the process said it saved, from what it printed on stdout
    /// (which it does only after the store's flush returned).
    fn reported(&self, stdout: &str) -> bool {
        match self {
            Op::Add(_) => stdout.lines().any(|l| CaseId::parse(l).is_ok()),
            Op::Acknowledge(id) | Op::Treat(id) => {
                stdout.contains("Saved") && stdout.contains(&id.to_string())
            }
            Op::Log(id, _) => stdout.contains("Logged") && stdout.contains(&id.to_string()),
        }
    }
}

/// A command that can go through on the model as it stands.
fn choose(rng: &mut Rng, model: &Model, n: usize) -> Op {
    let in_state = |state: State| -> Vec<CaseId> {
        model
            .iter()
            .filter(|(_, s)| s.state == state)
            .map(|(id, _)| *id)
            .collect()
    };
    let received = in_state(State::Received);
    let acknowledged = in_state(State::Acknowledged);
    let pick = |rng: &mut Rng, ids: &[CaseId]| ids[rng.below(ids.len() as u64) as usize];
    match rng.below(10) {
        0..=3 => Op::Add(format!("Caller {n}")),
        4..=6 if !received.is_empty() => Op::Acknowledge(pick(rng, &received)),
        7..=8 if !acknowledged.is_empty() => Op::Treat(pick(rng, &acknowledged)),
        9 if !model.is_empty() => {
            let ids: Vec<CaseId> = model.keys().copied().collect();
            Op::Log(pick(rng, &ids), format!("Note {n}"))
        }
        _ => Op::Add(format!("Caller {n}")),
    }
}

/// How a process ended.
struct Ended {
    killed: bool,
    /// From start to exit, when it exited on its own.
    took: Option<Duration>,
    stdout: String,
    stderr: String,
}

/// Runs `child` until it exits or `deadline` passes, then kills it with
/// SIGKILL (if it is still running).
fn run_until(mut child: Child, started: Instant, deadline: Instant) -> Ended {
    let mut took = None;
    loop {
        if child.try_wait().unwrap().is_some() {
            took = Some(started.elapsed());
            break;
        }
        if Instant::now() >= deadline {
            break;
        }
        thread::sleep(Duration::from_micros(200));
    }
    let _ = child.kill();
    let status = child.wait().unwrap();
    let mut stdout = String::new();
    let mut stderr = String::new();
    child.stdout.take().unwrap().read_to_string(&mut stdout).unwrap();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let killed = status.signal() == Some(9);
    assert!(
        killed || status.success(),
        "klachtdesk failed ({status:?}) on its own:\nstdout: {stdout}\nstderr: {stderr}"
    );
    Ended {
        killed,
        took: if killed { None } else { took },
        stdout,
        stderr,
    }
}

/// Copies the database folder somewhere it outlives the test, to look into.
fn keep(world: &World, seed: u64) -> PathBuf {
    let to = std::env::temp_dir().join(format!("klachtdesk-crash-kept-{seed}"));
    fs::create_dir_all(&to).unwrap();
    for entry in fs::read_dir(world.db()).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
    to
}

/// What the crash test saw, for its closing line.
#[derive(Debug, Default)]
struct Tally {
    kills: usize,
    completed: usize,
    /// Killed before the command took effect.
    killed_before: usize,
    /// Killed after the command was saved but before it said so.
    killed_saved_unreported: usize,
    /// Killed after it said so.
    killed_after_report: usize,
    /// Killed while sled wrote a snapshot, which then kept the database shut.
    half_written_snapshots: usize,
}

/// Snapshot files sled began and never finished (`snap.<lsn>.generating`).
fn half_written_snapshots(db: &Path) -> Vec<PathBuf> {
    fs::read_dir(db)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("snap.") && name.ends_with(".generating")
        })
        .collect()
}

#[test]
fn sigkill_at_random_moments_loses_nothing_that_was_reported_saved() {
    let started = Instant::now();
    let seed = std::env::var("KLACHTDESK_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    eprintln!("crash test seed: {seed} (KLACHTDESK_CRASH_SEED={seed} replays it)");
    let mut rng = Rng(seed);
    let world = World::new();

    // A few commands that run to the end: a database to start from, and how
    // long one command takes on this machine.
    let mut model = Model::new();
    let mut n = 0;
    let mut durations = Vec::new();
    for _ in 0..4 {
        n += 1;
        let op = choose(&mut rng, &model, n);
        let t = Instant::now();
        world.ok(&op.args());
        durations.push(t.elapsed());
        model = op.apply(&model);
    }

    // Every command that said it saved, with the case as it must then be.
    let mut promised: Vec<(Op, CaseId, Seen)> = Vec::new();
    let mut tally = Tally::default();
    while tally.kills < KILLS && (tally.kills < MIN_KILLS || started.elapsed() < CRASH_BUDGET) {
        let median = |durations: &[Duration]| {
            let mut sorted = durations.to_vec();
            sorted.sort();
            sorted[sorted.len() / 2].as_micros() as u64
        };
        // Half the rounds run commands back to back and kill one at any moment
        // of up to three commands' time; the other half kill one command in
        // the last part of its life, where it writes, flushes and reports.
        let targeted = rng.below(2) == 1;
        let mut delay = rng.below(3 * median(&durations));
        let mut before = model.clone();
        let mut killed = None;
        let round = Instant::now();
        while killed.is_none() {
            n += 1;
            let op = choose(&mut rng, &before, n);
            if targeted {
                // From the commands' times so far: a command that ran to the
                // end makes the next aim shorter where it was too long.
                let m = median(&durations[durations.len().saturating_sub(20)..]);
                delay = m * 7 / 10 + rng.below(m * 4 / 10 + 1);
            }
            let spawned = Instant::now();
            let deadline = if targeted { spawned } else { round } + Duration::from_micros(delay);
            let child = world.command(&op.args()).spawn().unwrap();
            let ended = run_until(child, spawned, deadline);
            let after = op.apply(&before);
            let reported = op.reported(&ended.stdout);
            if ended.killed {
                tally.kills += 1;
                killed = Some((op, after, reported, ended.stderr));
            } else {
                assert!(reported, "{op:?} exited 0 without saying so: {}", ended.stdout);
                tally.completed += 1;
                durations.extend(ended.took);
                let id = changed_case(&op, &after);
                promised.push((op, id, after[&id].clone()));
                before = after;
            }
        }
        let (op, after, reported, stderr) = killed.unwrap();

        // The next start must find the database free (no stale lock) and whole.
        let store = match Store::open(&world.db()) {
            Ok(store) => store,
            Err(e) => {
                let stale = half_written_snapshots(&world.db());
                if stale.is_empty() {
                    let kept = keep(&world, seed);
                    panic!(
                        "after killing {op:?} {delay}µs after {} ({tally:?}) the database does \
                         not open: {e}\nkept a copy in {}",
                        if targeted {
                            "it started"
                        } else {
                            "the round started"
                        },
                        kept.display()
                    );
                }
                // The known bug that `a_snapshot_left_half_written_by_a_crash_
                // does_not_block_the_next_start` pins down: removing the stale
                // file is its fix; until the store does it, the test does.
                eprintln!(
                    "KNOWN BUG: after killing {op:?} the database did not open ({e}) until {stale:?} was removed"
                );
                tally.half_written_snapshots += 1;
                for file in stale {
                    fs::remove_file(file).unwrap();
                }
                world.open()
            }
        };
        let cases = check_consistent(&store);
        let now: Model = cases.iter().map(|(id, c)| (*id, Seen::from(c))).collect();
        // The killed command went through entirely or not at all; if it said
        // it saved, it went through.
        if now == after {
            if reported {
                tally.killed_after_report += 1;
            } else {
                tally.killed_saved_unreported += 1;
            }
            let id = changed_case(&op, &after);
            promised.push((op, id, after[&id].clone()));
        } else {
            assert!(
                !reported,
                "{op:?} reported saved before SIGKILL but is not in the database\nstderr: {stderr}"
            );
            assert_eq!(
                now, before,
                "after killing {op:?} the database is neither before nor after it"
            );
            tally.killed_before += 1;
        }
        // Everything ever reported saved is there, as reported or moved on since.
        for (op, id, seen) in &promised {
            let case = cases
                .get(id)
                .unwrap_or_else(|| panic!("{op:?} reported {id} saved; it is gone"));
            assert!(case.version >= seen.version, "{op:?}: {id} went back");
            if case.version == seen.version {
                assert_eq!(Seen::from(case), *seen, "{op:?}: {id}");
            }
        }
        model = now;
        drop(store);
        world.wait_unlocked();
    }

    // The last word: the command line itself starts and sees every case.
    let listed = world.ok(&["list", "--all", "--json"]);
    let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), model.len());
    eprintln!("{tally:?}; {} cases; {:?} in all", model.len(), started.elapsed());
}

/// The case a command changed (for an `add`, the one it created).
fn changed_case(op: &Op, after: &Model) -> CaseId {
    match op {
        Op::Add(_) => *after.keys().next_back().unwrap(),
        Op::Acknowledge(id) | Op::Treat(id) | Op::Log(id, _) => *id,
    }
}

/// A klachtdesk killed while sled writes its snapshot (sled does that on every
/// open) leaves `snap.<lsn>.generating` behind, incomplete. sled 0.34.7 then
/// takes it for the newest snapshot and refuses to open ("Read corrupted data
/// at file offset None"), for good: spacejam/sled#1527. Seen in about one run
/// of the crash test in three.
#[test]
fn a_snapshot_left_half_written_by_a_crash_does_not_block_the_next_start() {
    let world = World::new();
    let id = world.ok(&add_args("Jan Jansen", "Before the crash."));
    world.ok(&["list"]);
    let snapshot = fs::read_dir(world.db())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("snap."))
        .expect("sled wrote a snapshot");
    // As a process killed right after creating the file leaves it.
    let generating = format!("{}.generating", snapshot.display());
    fs::File::create(&generating).unwrap();

    let out = world.run(&["list", "--json"]);
    assert!(
        out.status.success(),
        "the database does not open: {}",
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains(id.trim()));
}

// ---------------------------------------------------------------------------
// A second instance
// ---------------------------------------------------------------------------

#[test]
fn a_second_instance_is_told_the_database_is_in_use() {
    let world = World::new();
    let id = world.ok(&add_args("Jan Jansen", "First."));
    let store = world.open();
    let add = world.run(&add_args("Piet Pieters", "Second."));
    let message = one_line_failure(&add, 1, "add while the database is open");
    assert!(message.contains("in use by another klachtdesk"), "{message}");
    assert!(message.contains(&world.db().display().to_string()), "{message}");
    // The board, in a terminal as it needs one.
    let db = world.db().display().to_string();
    let mut board = pty::Board::spawn(pty::klachtdesk(&world.path("home"), &["--db", &db, "--now", NOW]));
    assert_eq!(
        board.wait_for_exit_code(),
        1,
        "the board while the database is open"
    );
    board.wait_for_output_to_settle();
    let screen = board.contents();
    assert!(screen.contains("in use by another klachtdesk"), "{screen}");
    assert!(!screen.contains("panicked"), "{screen}");
    drop(store);
    world.wait_unlocked();
    assert_eq!(world.ok(&["list", "--json"]).matches(id.trim()).count(), 1);
}

/// A board running in a pseudo-terminal on `world`'s database, up once it
/// answers at its socket.
struct Board {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Board {
    fn start(world: &World) -> Board {
        use portable_pty::{CommandBuilder, PtySize, native_pty_system};
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_klachtdesk"));
        cmd.env_clear();
        for (k, v) in [
            ("HOME", world.path("home")),
            ("XDG_CONFIG_HOME", world.path("home/.config")),
            ("XDG_DATA_HOME", world.path("home/.local/share")),
            ("TMPDIR", world.path("tmp")),
            ("KLACHTDESK_DB", world.db()),
        ] {
            cmd.env(k, v);
        }
        cmd.env("KLACHTDESK_NOW", NOW);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C");
        cmd.env("USER", "tester");
        let mut child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while matches!(reader.read(&mut buf), Ok(n) if n > 0) {}
        });
        let socket = klachtdesk::remote::socket_path(&world.db());
        let deadline = Instant::now() + Duration::from_secs(10);
        // A socket a killed board left behind refuses connections.
        while std::os::unix::net::UnixStream::connect(&socket).is_err() {
            if let Ok(Some(status)) = child.try_wait() {
                panic!("the board exited ({status:?}) instead of starting");
            }
            assert!(Instant::now() < deadline, "the board did not start");
            thread::sleep(Duration::from_millis(10));
        }
        Board {
            child,
            _master: pty.master,
        }
    }

    fn sigkill(mut self) {
        // portable-pty's `kill` sends SIGHUP first, which the board answers
        // with an orderly end; a crash is SIGKILL.
        let pid = self.child.process_id().expect("the board's process id");
        let killed = Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status()
            .unwrap();
        assert!(killed.success(), "kill -KILL {pid}");
        self.child.wait().unwrap();
    }
}

/// The lock of a desk killed with SIGKILL does not keep the next one out, nor
/// does the socket it left behind; a board killed with SIGKILL leaves its
/// desk to end by itself and let go of the database.
#[test]
fn a_desk_killed_with_sigkill_leaves_no_stale_lock() {
    let world = World::new();
    world.ok(&add_args("Jan Jansen", "First."));
    let mut desk = world.command(&["serve"]).spawn().unwrap();
    let socket = klachtdesk::remote::socket_path(&world.db());
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::os::unix::net::UnixStream::connect(&socket).is_err() {
        assert!(Instant::now() < deadline, "the desk did not start");
        thread::sleep(Duration::from_millis(10));
    }
    // Through the desk while it runs.
    let second = world.ok(&add_args("Piet Pieters", "Through the desk."));
    let killed = Command::new("kill")
        .args(["-KILL", &desk.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    desk.wait().unwrap();

    // The command line opens the database itself at once.
    assert!(socket.exists(), "the killed desk left its socket behind");
    let listed = world.ok(&["list", "--json"]);
    assert!(listed.contains(second.trim()), "{listed}");
    {
        let store = world.open();
        assert_eq!(check_consistent(&store).len(), 2);
    }
    world.wait_unlocked();

    // A board starts a new desk, which replaces the socket, and the command
    // line works through it.
    let board = Board::start(&world);
    let third = world.ok(&add_args("Klaas Klaassen", "Through the new desk."));
    assert_eq!(third.trim(), "K-2026-0003");
    board.sigkill();
    // The desk ends by itself once its last board is gone.
    let deadline = Instant::now() + Duration::from_secs(15);
    let store = loop {
        match Store::open(&world.db()) {
            Ok(store) => break store,
            Err(e) => assert!(Instant::now() < deadline, "the desk kept the database: {e}"),
        }
        thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(check_consistent(&store).len(), 3);
}

// ---------------------------------------------------------------------------
// A full disk
// ---------------------------------------------------------------------------

#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
mod limits {
    const RLIMIT_FSIZE: i32 = 1;
    const SIGXFSZ: i32 = 25;
    const SIG_IGN: usize = 1;

    #[repr(C)]
    struct Rlimit {
        cur: u64,
        max: u64,
    }

    unsafe extern "C" {
        fn setrlimit(resource: i32, rlim: *const Rlimit) -> i32;
        fn signal(signum: i32, handler: usize) -> usize;
    }

    /// Limits the files this process writes to `bytes`, and makes a write past
    /// that fail with `EFBIG` instead of killing the process. Async-signal-safe,
    /// so it may run between fork and exec.
    pub fn limit_file_size(bytes: u64) -> std::io::Result<()> {
        let limit = Rlimit {
            cur: bytes,
            max: bytes,
        };
        // SAFETY: plain system calls with valid arguments.
        unsafe {
            signal(SIGXFSZ, SIG_IGN);
            if setrlimit(RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
        }
        Ok(())
    }
}

#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
use limits::limit_file_size;

/// `cmd` with writes limited to `bytes` per file.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn limited(mut cmd: Command, bytes: u64) -> Command {
    // SAFETY: the hook only makes async-signal-safe system calls.
    unsafe {
        cmd.pre_exec(move || limit_file_size(bytes));
    }
    cmd
}

/// The size of the database's log file once a klachtdesk has opened it (which
/// fills its current segment out): under a file-size limit of this size,
/// opening and writing within the log still succeed; a save that must grow it
/// fails.
fn log_size(world: &World) -> u64 {
    world.ok(&["list"]);
    fs::metadata(world.db().join("db")).unwrap().len()
}

/// A long description (20,000 two-byte characters), so that a few cases fill
/// what the log file has room for.
fn long_description() -> String {
    "é".repeat(klachtdesk::domain::contact::MAX_TEXT)
}

/// Registers cases with long descriptions, each under a file-size limit of the
/// log file's size, until one fails because the log would have to grow. Returns
/// that failure and the limit.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn fill_until_full(world: &World) -> (Output, u64) {
    let description = long_description();
    for i in 0..60 {
        let limit = log_size(world);
        let out = limited(
            world.command(&add_args(&format!("Filler {i}"), &description)),
            limit,
        )
        .output()
        .unwrap();
        if !out.status.success() {
            return (out, limit);
        }
    }
    panic!("the log file never needed to grow");
}

#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
#[test]
fn a_full_disk_fails_the_save_with_one_line_and_leaves_nothing_half_written() {
    let world = World::new();
    let first = world.ok(&add_args("Jan Jansen", "Before the disk filled up."));
    let first = first.trim();
    world.ok(&["move", first, "acknowledged", "--via", "email"]);
    let (out, _) = fill_until_full(&world);
    let message = one_line_failure(&out, 1, "add on a full disk");
    assert!(message.contains("could not save"), "{message}");
    let count = {
        let store = world.open();
        check_consistent(&store).len()
    };
    world.wait_unlocked();

    // Still full: registering, moving and logging as much all fail the same
    // way, and change nothing.
    let long = long_description();
    let attempts: Vec<Vec<String>> = vec![
        add_args("Piet Pieters", &long),
        ["move", first, "not-admissible", "--justification", &long]
            .map(String::from)
            .to_vec(),
        ["log", first, "--kind", "note", "--text", &long]
            .map(String::from)
            .to_vec(),
    ];
    for args in &attempts {
        let out = limited(world.command(args), log_size(&world)).output().unwrap();
        let message = one_line_failure(&out, 1, &format!("{:?} on a full disk", args[0]));
        assert!(message.contains("could not save"), "{message}");
        let store = world.open();
        let cases = check_consistent(&store);
        assert_eq!(cases.len(), count, "{:?} left a case behind", args[0]);
        let case = &cases[&CaseId::parse(first).unwrap()];
        assert_eq!(
            (case.state, case.version),
            (State::Acknowledged, 2),
            "{:?}",
            args[0]
        );
        drop(store);
        world.wait_unlocked();
    }

    // Room again: the next case gets the next number.
    let next = world.ok(&add_args("Piet Pieters", "After."));
    assert_eq!(
        CaseId::parse(next.trim()).unwrap(),
        CaseId::new(2026, count as u32 + 1)
    );
    let store = world.open();
    assert_eq!(check_consistent(&store).len(), count + 1);
}

/// A database folder that cannot be written (a read-only mount, wrong
/// permissions) is refused when it is opened, with one line; sled needs to
/// write even to read. File permissions do not stop root, so as root the
/// commands run as `nobody` (with `setpriv`), or the test says why it skipped.
#[test]
fn a_read_only_database_is_refused_with_one_line() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let world = World::new();
    let root = fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false);
    let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"]
        .into_iter()
        .find(|p| Path::new(p).exists());
    if root && setpriv.is_none() {
        eprintln!("skipped: running as root without setpriv, permissions would not apply");
        return;
    }
    let chmod = |path: &Path, mode: u32| fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    let as_user = |args: &[String]| -> Output {
        let mut cmd = world.command(args);
        if root {
            let program = cmd.get_program().to_owned();
            let args: Vec<_> = cmd.get_args().map(|a| a.to_owned()).collect();
            let envs: Vec<_> = cmd
                .get_envs()
                .map(|(k, v)| (k.to_owned(), v.map(|v| v.to_owned())))
                .collect();
            let mut wrapped = Command::new(setpriv.unwrap());
            wrapped
                .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(program)
                .args(args)
                .env_clear();
            for (k, v) in envs {
                if let Some(v) = v {
                    wrapped.env(k, v);
                }
            }
            cmd = wrapped;
        }
        cmd.output().unwrap()
    };
    if root {
        for dir in ["", "home", "home/.config", "home/.local/share", "tmp"] {
            chmod(&world.path(dir), 0o777);
        }
    }
    let first = as_user(&add_args("Jan Jansen", "Before."));
    assert!(first.status.success(), "{}", text(&first.stderr));
    let db = world.db();
    let files: Vec<PathBuf> = fs::read_dir(&db).unwrap().map(|e| e.unwrap().path()).collect();
    for file in &files {
        chmod(file, if file.is_dir() { 0o555 } else { 0o444 });
    }
    chmod(&db, 0o555);

    for args in [add_args("Piet Pieters", "After."), vec!["list".into()]] {
        let out = as_user(&args);
        let message = one_line_failure(&out, 1, &format!("{} on a read-only database", args[0]));
        assert!(message.contains("cannot open the database"), "{message}");
        assert!(message.contains("Permission denied"), "{message}");
    }
    chmod(&db, 0o700);
    for file in &files {
        chmod(file, if file.is_dir() { 0o755 } else { 0o644 });
    }
    let store = world.open();
    assert_eq!(check_consistent(&store).len(), 1, "nothing was half-written");
}

/// The environment variables that turn [`full_disk_board_child`] from a no-op
/// into the board half of the two tests below: the database, the file-size
/// limit, and what to check.
const CHILD_DB: &str = "KLACHTDESK_TEST_FULL_DISK_DB";
const CHILD_LIMIT: &str = "KLACHTDESK_TEST_FULL_DISK_LIMIT";
const CHILD_CHECK: &str = "KLACHTDESK_TEST_FULL_DISK_CHECK";

/// A board whose store cannot write: this test process runs itself again, as
/// a child limited to the log file's size, so that the store's writes fail the
/// way they do on a full disk. `check` is `form` or `store`.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn board_on_a_full_disk(check: &str) {
    let world = World::new();
    world.ok(&add_args("Jan Jansen", "Before the disk filled up."));
    fill_until_full(&world);
    let limit = log_size(&world);
    let count = {
        let store = world.open();
        check_consistent(&store).len()
    };
    world.wait_unlocked();
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "full_disk_board_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_DB, world.db())
        .env(CHILD_LIMIT, limit.to_string())
        .env(CHILD_CHECK, check)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the board on a full disk:\n{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(
        text(&out.stdout).contains("1 passed"),
        "the child did not run: {}",
        text(&out.stdout)
    );
    world.wait_unlocked();
    let store = world.open();
    assert_eq!(check_consistent(&store).len(), count, "nothing was half-written");
}

/// The operator's registration stays on screen, with the reason it failed.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
#[test]
fn the_board_keeps_the_form_when_the_disk_is_full() {
    board_on_a_full_disk("form");
}

/// The store commits a transaction in memory and then flushes it; when the
/// flush fails, the operator is told "Nothing was changed", but the running
/// store (and so the board's watcher, the board, and the command line working
/// through the board's socket) holds the case, and a later successful flush
/// writes it after all.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
#[test]
fn a_save_that_failed_leaves_no_trace_in_the_running_board() {
    board_on_a_full_disk("store");
}

/// Runs only as the child of [`board_on_a_full_disk`]; without its
/// environment it does nothing.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
#[test]
fn full_disk_board_child() {
    let (Ok(db), Ok(limit), Ok(check)) = (
        std::env::var(CHILD_DB),
        std::env::var(CHILD_LIMIT),
        std::env::var(CHILD_CHECK),
    ) else {
        return;
    };
    limit_file_size(limit.parse().unwrap()).unwrap();
    let store = Store::open(Path::new(&db)).unwrap();
    let before = store.len();
    // What the board's watcher would bring it (cli/board.rs, tui.rs).
    let (tx, rx) = std::sync::mpsc::channel();
    let watch = store.subscribe();
    thread::spawn(move || {
        for numbered in watch {
            if tx.send(numbered).is_err() {
                break;
            }
        }
    });
    let mut app = support::app_over(&store, "anna", Lang::En);
    support::press(&mut app, &store, "n");
    // Larger than the registration that found the disk full.
    let name = "Wilhelmina Catharina de Wit-Vermeulen van der Berg-Oosterhuis";
    let long = long_description();
    fill_intake(&mut app, &store, name, "");
    support::dispatch(&mut app, Msg::Paste(long.clone()), &store);
    support::press(&mut app, &store, "ctrl-s");

    let form = support::form(&app);
    assert!(!form.form.saving, "the store answered");
    assert_eq!(support::text_of(&app, Field::Name), name);
    assert_eq!(support::text_of(&app, Field::Description), long);
    let error = form.form.error.clone().expect("the failure is shown on the form");
    assert!(error.contains("could not save"), "{error}");
    assert_eq!(
        app.cases.read().len(),
        before,
        "the board shows no case that was not saved"
    );
    let screen = draw(&app);
    assert!(
        screen.join("\n").contains("could not save"),
        "{}",
        screen.join("\n")
    );
    // Esc then asks before throwing the typing away.
    support::press(&mut app, &store, "esc");
    assert!(support::form(&app).form.confirm_discard);

    if check == "store" {
        // sled keeps in memory what the failed save wrote and may not take it
        // back: the store must still show nothing of it — not to the change
        // feed the boards follow, not to reads (the command line through the
        // board) — and refuse every further save (the operator is told to
        // restart), with nothing half-written on disk for the next start.
        assert!(
            rx.recv_timeout(Duration::from_millis(300)).is_err(),
            "the feed told no change that is not on disk"
        );
        assert_eq!(store.len(), before, "no ghost in the count");
        let loaded = store.load();
        assert_eq!(loaded.cases.len(), before, "no ghost in what is read");
        assert!(
            loaded.cases.iter().all(|c| c.contact.name != name),
            "the failed registration is nowhere"
        );
        let summaries = store.summaries().summaries;
        assert_eq!(
            summaries.len(),
            before,
            "no ghost in the summaries the board reads"
        );
        assert!(
            summaries.iter().all(|s| s.contact.name != name),
            "the failed registration is in no summary"
        );
        let ghost = klachtdesk::domain::case::CaseId::new(2026, before as u32 + 1);
        assert!(
            matches!(store.get(ghost), Err(klachtdesk::store::StoreError::NotFound(_))),
            "showing the number the failed save took finds nothing"
        );
        let again = klachtdesk::domain::workflow::Command::LogContact {
            kind: klachtdesk::domain::case::LogKind::Note,
            direction: klachtdesk::domain::case::Direction::Internal,
            text: "after the failure".into(),
        };
        let first = loaded.cases[0].id;
        let rules = klachtdesk::domain::workflow::Rules::default();
        let ctx = klachtdesk::domain::workflow::Ctx {
            now: app.now,
            actor: "anna",
            rules: &rules,
        };
        let refused = store.execute(first, None, &again, &ctx);
        assert!(
            matches!(
                refused,
                Err(klachtdesk::store::CommandError::Store(
                    klachtdesk::store::StoreError::Failed
                ))
            ),
            "after a failed flush the store refuses to save: {refused:?}"
        );
    }
}

/// Fills in the intake form that is open: a complete registration.
fn fill_intake(app: &mut App, store: &Store, name: &str, description: &str) {
    support::type_text(app, store, name);
    support::press(app, store, "tab");
    support::type_text(app, store, "06-12345678");
    support::press(app, store, "tab tab tab");
    support::type_text(app, store, "consultancy");
    support::press(app, store, "tab tab tab");
    support::type_text(app, store, description);
}

/// What a failed save produces, fed to the app directly: the form stays open
/// with everything typed, and the reason is on it.
#[test]
fn a_failed_write_keeps_the_form_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    let mut app = support::app_over(&store, "anna", Lang::En);
    support::press(&mut app, &store, "n");
    fill_intake(&mut app, &store, "Wim de Wit", "Writes fail today.");
    // The save as `update` asks for it, answered as a full disk answers.
    let effects = klachtdesk::app::update(&mut app, Msg::Action(klachtdesk::app::Action::Save));
    assert!(
        matches!(effects.as_slice(), [klachtdesk::app::Effect::Register(_)]),
        "{effects:?}"
    );
    let failure = StoreError::Write("IO error: File too large (os error 27)".into());
    klachtdesk::app::update(&mut app, Msg::Registered(Err(CommandError::Store(failure))));

    let form = support::form(&app);
    assert!(!form.form.saving);
    assert_eq!(support::text_of(&app, Field::Name), "Wim de Wit");
    assert_eq!(support::text_of(&app, Field::Description), "Writes fail today.");
    let error = form.form.error.as_deref().unwrap_or_default();
    assert!(
        error.contains("could not save") && error.contains("File too large"),
        "{error}"
    );
    let screen = draw(&app).join("\n");
    assert!(screen.contains("could not save"), "{screen}");
    assert!(screen.contains("Wim de Wit"), "{screen}");
    assert!(store.is_empty());

    // A step's save that fails the same way keeps its form too.
    let id = store
        .register(&intake("Jan Jansen"), &ctx(&Rules::default(), &app))
        .unwrap()
        .id;
    let mut app = support::app_over(&store, "anna", Lang::En);
    support::press(&mut app, &store, "enter m 1 tab p");
    assert!(matches!(app.modal, Some(Modal::Form(_))), "{:?}", app.modal);
    let effects = klachtdesk::app::update(&mut app, Msg::Action(klachtdesk::app::Action::Save));
    assert!(
        matches!(effects.as_slice(), [klachtdesk::app::Effect::Execute { .. }]),
        "{effects:?}"
    );
    let failure = StoreError::Write("IO error: No space left on device (os error 28)".into());
    klachtdesk::app::update(&mut app, Msg::Saved(Err(CommandError::Store(failure))));
    let form = support::form(&app);
    assert!(
        form.form
            .error
            .as_deref()
            .unwrap_or_default()
            .contains("No space left")
    );
    assert_eq!(store.get(id).unwrap().version, 1);
}

fn intake(name: &str) -> Intake {
    Intake {
        name: name.into(),
        phone: "06-12345678".into(),
        email: String::new(),
        organisation: String::new(),
        service: "Consultancy".into(),
        channel: Channel::Phone,
        complained_at: None,
        description: "Something went wrong.".into(),
        ..Intake::default()
    }
}

fn ctx<'a>(rules: &'a Rules, app: &App) -> Ctx<'a> {
    Ctx {
        now: app.now,
        actor: "anna",
        rules,
    }
}

/// The screen as drawn for `app`, one string per row.
fn draw(app: &App) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal
        .draw(|frame| ui::draw(app, &Theme::new(false), frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

// ---------------------------------------------------------------------------
// A damaged record
// ---------------------------------------------------------------------------

/// The database folder opened with sled itself, to damage it; sled lets go of a
/// just-closed database's lock a moment later, so this retries briefly.
fn raw_sled(path: &Path) -> sled::Db {
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        match sled::open(path) {
            Ok(db) => return db,
            Err(e) if Instant::now() >= deadline => panic!("sled::open {}: {e}", path.display()),
            Err(_) => thread::sleep(Duration::from_millis(5)),
        }
    }
}

/// Three cases, the second one's snapshot and summary overwritten with garbage.
fn damaged_world() -> (World, CaseId) {
    let world = World::new();
    for name in ["Jan Jansen", "Piet Pieters", "Klaas Klaassen"] {
        world.ok(&add_args(name, "A complaint."));
    }
    let damaged = CaseId::new(2026, 2);
    {
        let db = raw_sled(&world.db());
        let cases = db.open_tree("cases").unwrap();
        let old = cases
            .insert(
                damaged.as_u64().to_be_bytes(),
                &[FORMAT, 0xde, 0xad, 0xbe, 0xef][..],
            )
            .unwrap();
        assert!(old.is_some(), "the damaged key is the stored case's");
        // What the board and `list` read of it.
        let summaries = db.open_tree("summaries").unwrap();
        let old = summaries
            .insert(damaged.as_u64().to_be_bytes(), &[FORMAT, 0xde, 0xad][..])
            .unwrap();
        assert!(old.is_some(), "the damaged key is the stored summary's");
        db.flush().unwrap();
    }
    world.wait_unlocked();
    (world, damaged)
}

#[test]
fn list_reports_a_damaged_record_by_case_and_lists_the_rest() {
    let (world, damaged) = damaged_world();
    let out = world.run(&["list", "--all"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("K-2026-0001") && stdout.contains("K-2026-0003"),
        "{stdout}"
    );
    assert!(!stdout.contains(&damaged.to_string()), "{stdout}");
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "one line per damaged record: {stderr}");
    assert!(stderr.starts_with("klachtdesk: "), "{stderr}");
    assert!(stderr.contains(&damaged.to_string()), "names the case: {stderr}");

    // Showing it says what is wrong, in one line; the others still show.
    let out = world.run(&["show", &damaged.to_string()]);
    let message = one_line_failure(&out, 1, "show on a damaged case");
    assert!(message.contains(&damaged.to_string()), "{message}");
    world.ok(&["show", "K-2026-0003"]);
}

#[test]
fn the_board_opens_with_a_damaged_record_and_names_it() {
    let (world, damaged) = damaged_world();
    let store = world.open();
    // As the board starts (cli/board.rs).
    let loaded = store.load();
    let mut app = App::new(
        Lang::En,
        "tester".into(),
        Rules::default(),
        Keymap::default(),
        support::thursday_ten(),
        klachtdesk::app::Queue::new(Cases::new(loaded.cases)),
        (80, 24),
    );
    app.unreadable = loaded.unreadable.iter().map(|e| e.describe(Lang::En)).collect();
    assert_eq!(app.cases.read().len(), 2);
    let rows = draw(&app);
    let screen = rows.join("\n");
    let status = &rows[rows.len() - 2];
    assert!(
        status.contains(&damaged.to_string()),
        "the status line names it: {status}"
    );
    assert!(
        screen.contains("K-2026-0001") && screen.contains("K-2026-0003"),
        "{screen}"
    );
    assert!(screen.contains("Received 2"), "{screen}");
}

/// The desk killed with SIGKILL again and again while several commands save
/// through it: every save a command reported is there when the desk comes
/// back, and every case agrees with its audit trail.
#[test]
fn a_desk_killed_during_saves_loses_nothing_that_was_reported_saved() {
    let world = World::new();
    let socket = klachtdesk::remote::socket_path(&world.db());
    let mut reported: Vec<String> = Vec::new();
    for round in 0..4 {
        let mut desk = world.command(&["serve"]).spawn().unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::os::unix::net::UnixStream::connect(&socket).is_err() {
            assert!(Instant::now() < deadline, "the desk did not start");
            thread::sleep(Duration::from_millis(10));
        }
        let saved = std::sync::Mutex::new(Vec::new());
        thread::scope(|scope| {
            for writer in 0..3 {
                let (world, saved) = (&world, &saved);
                scope.spawn(move || {
                    for n in 0..6 {
                        let name = format!("Caller {round}-{writer}-{n}");
                        let out = world.run(&add_args(&name, "While the desk may go."));
                        // Saved when it says so; refused or unanswered otherwise.
                        if out.status.success() {
                            saved.lock().unwrap().push(text(&out.stdout).trim().to_string());
                        }
                    }
                });
            }
            thread::sleep(Duration::from_millis(150 + 100 * round));
            let killed = Command::new("kill")
                .args(["-KILL", &desk.id().to_string()])
                .status()
                .unwrap();
            assert!(killed.success());
        });
        desk.wait().unwrap();
        reported.extend(saved.into_inner().unwrap());
    }
    assert!(!reported.is_empty(), "some saves were reported");
    world.wait_unlocked();
    let store = world.open();
    let cases = check_consistent(&store);
    for id in &reported {
        let id = CaseId::parse(id).unwrap_or_else(|_| panic!("a case number: {id:?}"));
        assert!(cases.contains_key(&id), "{id} was reported saved and is gone");
    }
}
