//! The command line run to its end in a pseudo-terminal, as an operator runs
//! it: standard output and standard error are the terminal.

#![allow(dead_code)]

use std::io::Read;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// How long a command may take.
const PATIENCE: Duration = Duration::from_secs(20);

/// Runs `command` (made with `env_clear`: only the variables it sets are
/// passed) on a terminal; returns its exit code and every byte the terminal
/// received.
pub fn run(command: &Command) -> (u32, Vec<u8>) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 50,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new(command.get_program());
    cmd.args(command.get_args());
    cmd.env_clear();
    for (name, value) in command.get_envs() {
        if let Some(value) = value {
            cmd.env(name, value);
        }
    }
    cmd.env("TERM", "xterm-256color");
    if let Some(dir) = command.get_current_dir() {
        cmd.cwd(dir);
    }
    let mut child = pty.slave.spawn_command(cmd).expect("the command starts");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let received = thread::spawn(move || {
        let mut bytes = Vec::new();
        let mut buf = [0u8; 8192];
        // The terminal reports an error once the command has closed it.
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            bytes.extend_from_slice(&buf[..n]);
        }
        bytes
    });
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "{command:?} did not finish");
        thread::sleep(Duration::from_millis(20));
    };
    drop(pty.master);
    (status.exit_code(), received.join().unwrap())
}
