//! Personal data outside the database: the desk keeps a log of the backups
//! and exports it writes, and `subject erase` and `purge` name those that may
//! still hold what they removed, so that the desk can delete them too.

#[path = "support/cli.rs"]
mod cli;

use std::fs;

use cli::{Cli, NOW};

fn withdraw(cli: &Cli, now: &str, id: &str) {
    cli.ok_at(now, &["move", id, "closed", "--withdrawn", "Settled by phone."]);
}

#[test]
fn erase_names_the_exports_and_backups_that_may_still_hold_the_person() {
    let cli = Cli::new();
    let friday = "2026-11-20T10:00";
    let jan = cli.add_at(friday, "Jan Geheim", "jan@geheim.nl");
    let fien = cli.add_at(friday, "Fien Ander", "fien@ander.nl");
    withdraw(&cli, friday, &jan);
    cli.ok_at(friday, &["export", "--all", "--out", "everyone.json"]);
    cli.ok_at(
        friday,
        &["export", "--all", "--format", "csv", "--out", "everyone.csv"],
    );
    cli.ok_at(friday, &["export", "--text", "Fien", "--out", "fien.json"]);
    cli.ok_at(friday, &["backup", "by-hand"]);
    cli.ok_at(friday, &["subject", "export", "--email", "jan@geheim.nl"]);
    // Deleted since: nothing of Jan's is in it any more.
    cli.ok_at(friday, &["export", "--all", "--out", "deleted.json"]);
    fs::remove_file(cli.path("deleted.json")).unwrap();
    // Monday's first change makes the day's backup, with Jan's case in it.
    cli.add_at(NOW, "Kees", "kees@voorbeeld.nl");

    let said = cli.ok_at(NOW, &["subject", "erase", "--email", "jan@geheim.nl"]);
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines[0], format!("Removed the personal data of 1 cases: {jan}."));
    assert_eq!(
        lines[1],
        "These backups and exports were written while the data was held and may still hold it; delete them too:"
    );
    let named = |what: &str, count: usize, path: &str| {
        let line = format!("{what} of {count} cases: {path}");
        assert!(
            lines.iter().any(|l| l.starts_with("  ") && l.ends_with(&line)),
            "expected {line:?} in:\n{said}"
        );
    };
    let root = cli.root().canonicalize().unwrap();
    let at = |name: &str| root.join(name).display().to_string();
    named("export", 2, &at("everyone.json"));
    named("export", 2, &at("everyone.csv"));
    named("backup", 2, &at("by-hand"));
    named("export for the person", 1, "standard output");
    named("automatic backup", 2, &at("backups/db-2026-11-23.backup"));
    assert!(
        lines.iter().any(|l| l.contains("Fri 20 Nov 2026 10:00")),
        "{said}"
    );
    for not in ["fien.json", "deleted.json", "db-2026-11-20.backup"] {
        assert!(!said.contains(not), "{not} does not hold Jan's case: {said}");
    }
    assert_eq!(lines.len(), 7, "{said}");
    let _ = fien;
}

#[test]
fn erase_says_nothing_more_when_nothing_was_written() {
    let cli = Cli::new();
    let jan = cli.add_at("2026-11-20T10:00", "Jan Geheim", "jan@geheim.nl");
    withdraw(&cli, "2026-11-20T10:00", &jan);
    let config = cli.path("config.toml");
    fs::write(&config, "[backup]\nenabled = false\n").unwrap();
    let out = cli
        .command(&["--config", config.to_str().unwrap()])
        .args(["subject", "erase", "--email", "jan@geheim.nl"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("Removed the personal data of 1 cases: {jan}.\n")
    );
}

#[test]
fn purge_names_the_exports_of_the_cases_it_anonymised() {
    let cli = Cli::new();
    let long_ago = "2024-01-10T10:00";
    let old = cli.add_at(long_ago, "Jan Oud", "jan@oud.nl");
    withdraw(&cli, long_ago, &old);
    cli.ok_at("2024-01-11T10:00", &["export", "--all", "--out", "2024.json"]);
    let recent = cli.add_at(NOW, "Fien Nieuw", "fien@nieuw.nl");
    cli.ok_at(NOW, &["export", "--text", "Fien", "--out", "fien.json"]);

    let said = cli.ok_at(NOW, &["purge"]);
    assert!(said.contains("2024.json"), "{said}");
    assert!(!said.contains("fien.json"), "{said}");
    let _ = recent;
}
