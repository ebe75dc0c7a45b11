//! A desk for the command line: a temporary home with its own database, and
//! the binary run in it with a pinned clock, as an operator named `tester`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use tempfile::TempDir;

/// Monday 23 November 2026, 10:00 in Amsterdam.
pub const NOW: &str = "2026-11-23T10:00";

pub struct Cli {
    dir: TempDir,
}

impl Cli {
    pub fn new() -> Cli {
        let dir = tempfile::Builder::new()
            .prefix("klachtdesk-cli-")
            .tempdir()
            .unwrap();
        for sub in ["home/.config", "home/.local/share", "tmp"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        Cli { dir }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The binary, ready to run `args` on the database at `db`.
    pub fn command_on(&self, db: &Path, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_klachtdesk"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.path("home"))
            .env("XDG_CONFIG_HOME", self.path("home/.config"))
            .env("XDG_DATA_HOME", self.path("home/.local/share"))
            .env("TMPDIR", self.path("tmp"))
            .env("LANG", "C")
            .env("USER", "tester")
            .env("KLACHTDESK_DB", db)
            .env("KLACHTDESK_NOW", NOW)
            .current_dir(self.dir.path())
            .args(args)
            .stdin(Stdio::null());
        cmd
    }

    /// The binary, ready to run `args` on the desk's database.
    pub fn command(&self, args: &[&str]) -> Command {
        self.command_on(&self.path("db"), args)
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// Runs `args`, which must succeed; its standard output.
    pub fn ok(&self, args: &[&str]) -> Vec<u8> {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "klachtdesk {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }

    /// Runs `args` with the clock at `now` (local time), which must succeed;
    /// its standard output.
    pub fn ok_at(&self, now: &str, args: &[&str]) -> String {
        let mut all = vec!["--now", now];
        all.extend(args);
        String::from_utf8(self.ok(&all)).unwrap()
    }

    /// Registers a complaint of `name` (e-mail `email`) at `now`; its number.
    pub fn add_at(&self, now: &str, name: &str, email: &str) -> String {
        let args = [
            "add",
            "--name",
            name,
            "--email",
            email,
            "--service",
            "Consultancy",
            "--description",
            "The report came late.",
        ];
        self.ok_at(now, &args).trim().to_string()
    }

    /// Runs `args`, which must fail with `code`; its message.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(code),
            "klachtdesk {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stderr).unwrap()
    }
}
