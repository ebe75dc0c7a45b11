//! The desk under measurement: `klachtdesk serve` in a child process, so that
//! its memory is read from outside (`/proc/PID/status`) without the scripted
//! terminals' own. It is stopped as an operator stops it (SIGTERM), and killed
//! if it does not stop, whenever the benchmark ends — also on an error.

use std::fs::File;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use rustix::process::{Pid, Signal, kill_process};

use super::transport::Setting;
use crate::remote::socket_path;

/// How long the desk may take to read the queue and start answering.
const START: Duration = Duration::from_secs(120);

/// How long a stopped desk may take to say goodbye to its boards.
const STOP: Duration = Duration::from_secs(10);

/// The desk's memory and threads as the kernel counts them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Memory {
    /// Resident now (`VmRSS`), in MB.
    pub resident_mb: f64,
    /// The most resident so far (`VmHWM`), in MB.
    pub peak_mb: f64,
    pub threads: u32,
}

/// A running desk; dropping it stops it.
pub struct DeskProcess {
    child: Option<Child>,
    errors: PathBuf,
}

impl DeskProcess {
    /// Starts `klachtdesk serve` as `setting` says, its errors going to the
    /// file `errors`; returns once it answers at its socket.
    pub fn start(setting: &Setting, errors: &Path) -> Result<DeskProcess, String> {
        let stderr = File::create(errors).map_err(|e| format!("{}: {e}", errors.display()))?;
        let ssh = setting.ssh.map(|a| a.to_string());
        let args: Vec<&str> = match &ssh {
            Some(address) => vec!["serve", "--ssh", address],
            None => vec!["serve"],
        };
        let child = setting
            .command(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .map_err(|e| format!("{}: {e}", setting.exe.display()))?;
        let mut desk = DeskProcess {
            child: Some(child),
            errors: errors.to_path_buf(),
        };
        let socket = socket_path(&setting.db);
        let started = Instant::now();
        let answers = || {
            UnixStream::connect(&socket).is_ok()
                && setting
                    .ssh
                    .is_none_or(|a| std::net::TcpStream::connect(a).is_ok())
        };
        while !answers() {
            if let Some(status) = desk.exited() {
                return Err(format!("the desk ended ({status}): {}", desk.said()));
            }
            if started.elapsed() > START {
                return Err(format!("the desk did not answer within {} s", START.as_secs()));
            }
            thread::sleep(Duration::from_millis(10));
        }
        Ok(desk)
    }

    fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.as_mut().and_then(|c| c.try_wait().ok().flatten())
    }

    /// What the desk wrote to standard error.
    fn said(&self) -> String {
        std::fs::read_to_string(&self.errors).unwrap_or_default()
    }

    /// Its memory now; an error once it has ended.
    pub fn memory(&mut self) -> Result<Memory, String> {
        if let Some(status) = self.exited() {
            return Err(format!("the desk ended ({status}): {}", self.said()));
        }
        let pid = self.child.as_ref().map_or(0, Child::id);
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).map_err(|e| e.to_string())?;
        let field = |name: &str| -> Option<f64> {
            let line = status.lines().find(|l| l.starts_with(name))?;
            line.split_whitespace().nth(1)?.parse().ok()
        };
        let kib = |name: &str| field(name).ok_or_else(|| format!("no {name} in /proc/{pid}/status"));
        Ok(Memory {
            resident_mb: kib("VmRSS:")? / 1024.0,
            peak_mb: kib("VmHWM:")? / 1024.0,
            threads: field("Threads:").unwrap_or(0.0) as u32,
        })
    }

    /// Stops the desk as an operator does (SIGTERM) and waits for it; an
    /// error if it had to be killed or did not end well.
    pub fn stop(mut self) -> Result<(), String> {
        match self.end() {
            Some(status) if status.success() => Ok(()),
            Some(status) => Err(format!("the desk ended with {status}: {}", self.said())),
            None => Err(format!(
                "the desk did not stop within {} s and was killed",
                STOP.as_secs()
            )),
        }
    }

    /// SIGTERM, and SIGKILL if that is not enough; its exit status if it
    /// ended by itself.
    fn end(&mut self) -> Option<std::process::ExitStatus> {
        let mut child = self.child.take()?;
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        let _ = kill_process(Pid::from_child(&child), Signal::TERM);
        let asked = Instant::now();
        while asked.elapsed() < STOP {
            if let Ok(Some(status)) = child.try_wait() {
                return Some(status);
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = child.kill();
        let _ = child.wait();
        None
    }
}

impl Drop for DeskProcess {
    fn drop(&mut self) {
        self.end();
    }
}
