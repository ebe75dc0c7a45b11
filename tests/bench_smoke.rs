//! The benchmark runs from end to end on a small queue: a smoke test, with no
//! timing asserted (CI machines differ too much). The figures themselves are
//! taken with `cargo run --release -- bench`; see BENCHMARKS.md.

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;

/// `klachtdesk` with a home of its own in `home`, in English, on no database
/// of the environment's.
fn klachtdesk(home: &Path) -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("klachtdesk");
    cmd.env("HOME", home.join("home"))
        .env("XDG_CONFIG_HOME", home.join("home/.config"))
        .env("XDG_DATA_HOME", home.join("home/.local/share"))
        .env_remove("KLACHTDESK_DB")
        .env_remove("KLACHTDESK_CONFIG")
        .env_remove("KLACHTDESK_NOW")
        .env("LANG", "C");
    cmd
}

/// The benchmark's folders left in `dir`.
fn left_in(dir: &Path) -> Vec<std::ffi::OsString> {
    std::fs::read_dir(dir)
        .expect("readable")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .filter(|name| name.to_string_lossy().starts_with("klachtdesk-bench-"))
        .collect()
}

#[test]
fn the_bench_generates_measures_and_prints_every_line() {
    let home = tempfile::tempdir().expect("a temporary folder");
    let path = |p: &str| home.path().join(p);
    let out = path("bench.md");
    let output = klachtdesk(home.path())
        .args(["bench", "--sizes", "300,500", "--runs", "1"])
        .args(["--presses", "20", "--saves", "10", "--search-rounds", "1"])
        .arg("--dir")
        .arg(home.path())
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    for line in [
        "300 cases",
        "500 cases",
        "cases (open on the board)",
        "open + first frame",
        "Store::open",
        "Store::summaries",
        "Cases::of_summaries",
        "App::new (board)",
        "first draw",
        "sled alone: open + read, undecoded",
        "key press p50 / p99",
        "first search (reads the descriptions)",
        "search keystroke p50 / p99",
        "save with flush p50 / p99",
        "board after a save p50 / p99",
        "first save of a day (starts the backup)",
        "the day's backup, made meanwhile",
        "memory once the board is drawn (peak)",
        "peak memory",
        "runs (median shown)",
    ] {
        let row = stdout
            .lines()
            .find(|l| l.contains(line))
            .unwrap_or_else(|| panic!("no line {line:?} in:\n{stdout}"));
        assert!(!row.contains("n/a") || line == "peak memory", "{row}");
    }
    let counts = stdout
        .lines()
        .find(|l| l.contains("cases (open on the board)"))
        .unwrap_or_default();
    assert!(counts.contains("300 (") && counts.contains("500 ("), "{counts}");
    let written = std::fs::read_to_string(&out).expect("the table is written");
    assert!(written.contains("open + first frame"), "{written}");
    // The generated databases are removed.
    let left = left_in(home.path());
    assert!(left.is_empty(), "{left:?}");
}

/// Processes of this user whose environment names `dir`: a desk the
/// benchmark started on a database in it, still running.
fn running_in(dir: &Path) -> Vec<String> {
    let needle = dir.to_string_lossy().into_owned();
    std::fs::read_dir("/proc")
        .expect("Linux")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().parse::<u32>().is_ok())
        .filter(|e| {
            std::fs::read(e.path().join("environ"))
                .is_ok_and(|env| String::from_utf8_lossy(&env).contains(&needle))
        })
        .map(|e| {
            let cmdline = std::fs::read(e.path().join("cmdline")).unwrap_or_default();
            String::from_utf8_lossy(&cmdline).replace('\0', " ")
        })
        .collect()
}

/// `klachtdesk bench desk` with `args` and `more`, its database in `home`;
/// what it printed, once it has ended well.
fn desk_bench(home: &Path, args: &[&str], more: &[&str]) -> String {
    let output = klachtdesk(home)
        .args(["bench", "desk"])
        .args(args)
        .args(more)
        .arg("--dir")
        .arg(home)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    stdout
}

#[test]
fn the_desk_bench_attaches_sessions_times_changes_and_calls_and_leaves_nothing_running() {
    let home = tempfile::tempdir().expect("a temporary folder");
    let out = home.path().join("desk.md");
    let out_arg = out.display().to_string();
    let stdout = desk_bench(
        home.path(),
        &[
            "--size",
            "300",
            "--sessions",
            "3",
            "--changes",
            "3",
            "--calls",
            "3",
        ],
        &["--processes", "2", "--out", &out_arg],
    );
    assert!(stdout.contains("300 cases, 3 sessions, local socket"), "{stdout}");
    for line in [
        "cases (open on the board)",
        "sessions (terminals of 160×48)",
        "desk memory: started, no session",
        "with 1 session",
        "with every session",
        "per extra session",
        "after the changes",
        "after the calls (list --all among them)",
        "after the processes",
        "after every session left",
        "peak (VmHWM)",
        "desk threads: no session / 1 / every",
        "first screen of a session p50 / p99",
        "change to the other screens p50 / p99",
        "(change, screen) pairs",
        "answer to the change p50 / p99",
        "sent to each screen per change",
        "call through the desk: log p50 / p99",
        "move p50 / p99",
        "show p50 / p99",
        "list --all p50 / p99",
        "`klachtdesk log` p50 / p99: no desk",
        "`log` through the desk, no board",
        "`log` through the desk, every session",
        "`klachtdesk show` p50 / p99: no desk",
        "`show` through the desk, no board",
        "`show` through the desk, every session",
        "`klachtdesk list --all` p50 / p99: no desk",
        "`list --all` through the desk, no board",
        "`list --all` through the desk, every session",
    ] {
        let row = stdout
            .lines()
            .find(|l| l.contains(line))
            .unwrap_or_else(|| panic!("no line {line:?} in:\n{stdout}"));
        assert!(!row.contains("n/a"), "{row}");
    }
    // Every board showed every change: 3 changes on 3 screens, each timed.
    let pairs = stdout
        .lines()
        .find(|l| l.contains("(change, screen) pairs"))
        .unwrap_or_default();
    assert!(pairs.contains("| 9 "), "{pairs}");
    let latency = stdout
        .lines()
        .find(|l| l.contains("change to the other screens"))
        .unwrap_or_default();
    assert!(latency.contains(" ms"), "{latency}");
    let written = std::fs::read_to_string(&out).expect("the table is written");
    assert!(written.contains("change to the other screens"), "{written}");
    // The desk was stopped and its database removed.
    let left = left_in(home.path());
    assert!(left.is_empty(), "{left:?}");
    let running = running_in(home.path());
    assert!(running.is_empty(), "{running:?}");
}

#[test]
fn the_desk_bench_over_ssh_signs_its_terminals_in_with_a_key_and_times_them_the_same() {
    let home = tempfile::tempdir().expect("a temporary folder");
    let stdout = desk_bench(
        home.path(),
        &["--ssh", "--size", "200", "--sessions", "2", "--changes", "2"],
        &["--calls", "2", "--processes", "1"],
    );
    assert!(stdout.contains("200 cases, 2 sessions, SSH"), "{stdout}");
    let pairs = stdout
        .lines()
        .find(|l| l.contains("(change, screen) pairs"))
        .unwrap_or_default();
    assert!(
        pairs.contains("| 4 "),
        "every board over SSH showed every change: {pairs}"
    );
    assert!(left_in(home.path()).is_empty());
    assert!(running_in(home.path()).is_empty());
}

#[test]
fn the_desk_bench_needs_two_sessions() {
    let home = tempfile::tempdir().expect("a temporary folder");
    let output = klachtdesk(home.path())
        .args(["bench", "desk", "--sessions", "1", "--dir"])
        .arg(home.path())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--sessions must be at least 2"), "{stderr}");
    assert!(left_in(home.path()).is_empty());
}
