//! Personal data is readable by the operator only: everything klachtdesk
//! creates (the database among it) is closed to group and others, whatever
//! folder it is made in. Letters and exports are written 0600, never through
//! a symbolic link, and replace a file only when told to (`--force`).

#[path = "support/cli.rs"]
mod cli;

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;

use cli::Cli;

fn add(cli: &Cli, db: &Path) -> String {
    let out = cli
        .command_on(
            db,
            &[
                "add",
                "--name",
                "Jan Jansen",
                "--phone",
                "06-12345678",
                "--service",
                "Consultancy",
                "--description",
                "The report came late.",
            ],
        )
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path).unwrap().permissions().mode() & 0o777
}

/// Every file and folder under `dir`, `dir` included, that group or others may use.
fn open_to_others(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(path) = todo.pop() {
        if mode(&path) & 0o077 != 0 {
            found.push(format!("{} {:o}", path.display(), mode(&path)));
        }
        if path.is_dir() {
            todo.extend(fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        }
    }
    found
}

#[test]
fn a_database_made_in_an_open_folder_is_closed_to_others() {
    let cli = Cli::new();
    let shared = cli.path("shared");
    fs::create_dir(&shared).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o755)).unwrap();
    let db = shared.join("db");
    let id = add(&cli, &db);
    let out = cli.command_on(&db, &["show", &id]).output().unwrap();
    assert!(out.status.success());
    assert!(
        fs::read_dir(&db).unwrap().count() > 1,
        "the database has its files"
    );
    assert_eq!(open_to_others(&db), Vec::<String>::new());
}

#[test]
fn a_letter_replaces_a_file_only_with_force() {
    let cli = Cli::new();
    let id = add(&cli, &cli.path("db"));
    let file = cli.path("letter.txt");
    let path = file.to_str().unwrap();
    let letter = ["letter", &id, "--kind", "acknowledgement", "--out", path];
    cli.ok(&letter);
    assert_eq!(mode(&file), 0o600);
    let written = fs::read_to_string(&file).unwrap();
    assert!(written.contains("Jan Jansen"), "{written}");

    fs::write(&file, "Notes of my own.").unwrap();
    let message = cli.fails(&letter, 2);
    assert!(
        message.contains("exists already") && message.contains("--force"),
        "{message}"
    );
    assert_eq!(message.lines().count(), 1, "{message}");
    assert_eq!(fs::read_to_string(&file).unwrap(), "Notes of my own.");

    cli.ok(&[&letter[..], &["--force"]].concat());
    assert_eq!(fs::read_to_string(&file).unwrap(), written);
    assert_eq!(mode(&file), 0o600);
    let beside: Vec<_> = fs::read_dir(cli.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // The database's guard stays (see store::place); no temporary file does.
        .filter(|name| name.starts_with('.') && name != ".db.guard")
        .collect();
    assert!(beside.is_empty(), "left beside it: {beside:?}");
}

#[test]
fn a_symbolic_link_is_never_written_through() {
    let cli = Cli::new();
    let id = add(&cli, &cli.path("db"));
    let target = cli.path("someone-elses.txt");
    fs::write(&target, "Theirs.").unwrap();
    let link = cli.path("letter.txt");
    symlink(&target, &link).unwrap();
    let path = link.to_str().unwrap();
    for force in [&[][..], &["--force"]] {
        let letter = [
            &["letter", &id, "--kind", "acknowledgement", "--out", path][..],
            force,
        ]
        .concat();
        let message = cli.fails(&letter, 2);
        assert!(message.contains("symbolic link"), "{message}");
        let export = [&["export", "--all", "--out", path][..], force].concat();
        cli.fails(&export, 2);
    }
    assert_eq!(fs::read_to_string(&target).unwrap(), "Theirs.");
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
}

#[test]
fn an_export_replaces_a_file_only_with_force() {
    let cli = Cli::new();
    add(&cli, &cli.path("db"));
    let file = cli.path("cases.json");
    fs::write(&file, "Keep me.").unwrap();
    let export = ["export", "--all", "--out", file.to_str().unwrap()];
    let message = cli.fails(&export, 2);
    assert!(message.contains("--force"), "{message}");
    assert_eq!(fs::read_to_string(&file).unwrap(), "Keep me.");
    cli.ok(&[&export[..], &["--force"]].concat());
    assert!(fs::read_to_string(&file).unwrap().contains("Jan Jansen"));
    assert_eq!(mode(&file), 0o600);
}
