//! The benchmark runs from end to end on a small queue: a smoke test, with no
//! timing asserted (CI machines differ too much). The figures themselves are
//! taken with `cargo run --release -- bench`; see BENCHMARKS.md.

use assert_cmd::cargo::cargo_bin_cmd;

#[test]
fn the_bench_generates_measures_and_prints_every_line() {
    let home = tempfile::tempdir().expect("a temporary folder");
    let path = |p: &str| home.path().join(p);
    let out = path("bench.md");
    let output = cargo_bin_cmd!("klachtdesk")
        .env("HOME", path("home"))
        .env("XDG_CONFIG_HOME", path("home/.config"))
        .env("XDG_DATA_HOME", path("home/.local/share"))
        .env_remove("KLACHTDESK_DB")
        .env_remove("KLACHTDESK_CONFIG")
        .env_remove("KLACHTDESK_NOW")
        .env("LANG", "C")
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
        "Store::load",
        "Cases::new",
        "App::new (board)",
        "first draw",
        "sled alone: open + read, undecoded",
        "key press p50 / p99",
        "search keystroke p50 / p99",
        "save with flush p50 / p99",
        "board after a save p50 / p99",
        "first save of a day (starts the backup)",
        "the day's backup, made meanwhile",
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
    let left: Vec<_> = std::fs::read_dir(home.path())
        .expect("readable")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("klachtdesk-bench-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
