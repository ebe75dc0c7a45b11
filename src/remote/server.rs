//! The board's side: answers the command line's requests on the board's own
//! store, one thread per connection, until the board closes.

use std::fs;
use std::io::{self, BufReader};
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use super::protocol::{LineError, MAX_LINE, Request, Response, read_line, write_line};
use super::socket_path;
use crate::domain::workflow::Rules;
use crate::exchange::CaseTrail;
use crate::i18n::{Lang, T};
use crate::store::{CommandError, Store};

/// How long a connection may sit idle (or refuse to take its answer) before it
/// is closed, so that a forgotten client does not hold a thread for ever.
const IDLE: Duration = Duration::from_secs(60);

/// Why the board could not start answering the command line.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("another klachtdesk already answers at {}", .0.display())]
    Taken(PathBuf),
    #[error("{} is in the way and is not a socket", .0.display())]
    InTheWay(PathBuf),
    #[error("cannot listen at {}: {reason}", path.display())]
    Listen { path: PathBuf, reason: String },
}

impl StartError {
    /// The message for the operator, in their language.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            StartError::Taken(path) => lang.fill(T::RemoteTaken, &[("path", &path.display())]),
            StartError::InTheWay(path) => lang.fill(T::RemoteInTheWay, &[("path", &path.display())]),
            StartError::Listen { path, reason } => lang.fill(
                T::RemoteListenFailed,
                &[("path", &path.display()), ("reason", reason)],
            ),
        }
    }
}

/// A running server. Dropping it stops it and removes its socket.
#[derive(Debug)]
pub struct Server {
    path: PathBuf,
    /// The socket file's device and inode: only this file is ever removed.
    file: (u64, u64),
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts answering at the socket beside `store`'s database, running every
    /// change under `rules`. A socket left by a board that crashed is replaced;
    /// one that still answers is left alone.
    pub fn start(store: Store, rules: Rules) -> Result<Server, StartError> {
        let path = socket_path(store.path());
        clear_stale(&path)?;
        let listen_err = |e: io::Error| StartError::Listen {
            path: path.clone(),
            reason: e.to_string(),
        };
        let listener = UnixListener::bind(&path).map_err(listen_err)?;
        let made = fs::set_permissions(&path, fs::Permissions::from_mode(0o600))
            .and_then(|()| fs::symlink_metadata(&path));
        let meta = match made {
            Ok(meta) => meta,
            Err(e) => {
                let _ = fs::remove_file(&path);
                return Err(listen_err(e));
            }
        };
        let stop = Arc::new(AtomicBool::new(false));
        let accept = {
            let (stop, rules) = (stop.clone(), Arc::new(rules));
            thread::Builder::new()
                .name("klachtdesk-remote".into())
                .spawn(move || accept_loop(&listener, &store, &rules, &stop))
                .map_err(listen_err)?
        };
        Ok(Server {
            path,
            file: (meta.dev(), meta.ino()),
            stop,
            accept: Some(accept),
        })
    }

    /// Where the server answers.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accepting thread so that it sees the stop; wait for it only
        // if the wake-up arrived, or it could wait for ever.
        if UnixStream::connect(&self.path).is_ok()
            && let Some(accept) = self.accept.take()
        {
            let _ = accept.join();
        }
        let ours = fs::symlink_metadata(&self.path).is_ok_and(|m| (m.dev(), m.ino()) == self.file);
        if ours {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Removes a socket nobody answers at; refuses to touch one that answers, or a
/// file that is not a socket.
fn clear_stale(path: &Path) -> Result<(), StartError> {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return Ok(());
    };
    if !meta.file_type().is_socket() {
        return Err(StartError::InTheWay(path.to_path_buf()));
    }
    if UnixStream::connect(path).is_ok() {
        return Err(StartError::Taken(path.to_path_buf()));
    }
    fs::remove_file(path).map_err(|e| StartError::Listen {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })
}

fn accept_loop(listener: &UnixListener, store: &Store, rules: &Arc<Rules>, stop: &AtomicBool) {
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        match stream {
            Ok(stream) => {
                let (store, rules) = (store.clone(), rules.clone());
                // If no thread can be made, the connection is dropped and the
                // client reports that the board did not answer.
                let _ = thread::Builder::new()
                    .name("klachtdesk-remote-conn".into())
                    .spawn(move || serve(stream, &store, &rules));
            }
            // Out of file descriptors and the like: wait, rather than spin.
            Err(_) => thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// Answers one connection's requests, in order, until it closes or misbehaves.
fn serve(stream: UnixStream, store: &Store, rules: &Rules) {
    let _ = stream.set_read_timeout(Some(IDLE));
    let _ = stream.set_write_timeout(Some(IDLE));
    let Ok(reading) = stream.try_clone() else { return };
    let mut reader = BufReader::new(reading);
    let mut writer = stream;
    loop {
        let response = match read_line(&mut reader, MAX_LINE) {
            Ok(Some(line)) => answer(store, rules, &line),
            Ok(None) | Err(LineError::Io(_)) => return,
            Err(LineError::TooLong) => {
                let too_long = format!("a request is at most {MAX_LINE} bytes long");
                let _ = write_line(&mut writer, &Response::BadRequest(too_long));
                return;
            }
        };
        if write_line(&mut writer, &response).is_err() {
            return;
        }
    }
}

/// Runs one request on the store.
fn answer(store: &Store, rules: &Rules, line: &[u8]) -> Response {
    let request: Request = match serde_json::from_slice(line) {
        Ok(request) => request,
        Err(e) => return Response::BadRequest(e.to_string()),
    };
    let case = |result: Result<_, CommandError>| match result {
        Ok(case) => Response::Case(Box::new(case)),
        Err(e) => Response::Failed(e),
    };
    match request {
        Request::Register { caller, intake } => case(store.register(&intake, &caller.ctx(rules))),
        Request::Execute {
            caller,
            id,
            expected_version,
            commands,
        } => case(store.execute_all(id, expected_version, &commands, &caller.ctx(rules))),
        Request::Get { id } => case(store.get(id).map_err(CommandError::from)),
        Request::Load => {
            let loaded = store.load();
            Response::Loaded {
                cases: loaded.cases,
                unreadable: loaded.unreadable,
            }
        }
        Request::Events { id } => match store.events(id) {
            Ok(events) => Response::Events(events),
            Err(e) => Response::Failed(e.into()),
        },
        Request::Trails { ids } => {
            let trails: Result<Vec<CaseTrail>, _> = ids
                .into_iter()
                .map(|id| store.trail(id).map(|(case, events)| CaseTrail { case, events }))
                .collect();
            match trails {
                Ok(trails) => Response::Trails(trails),
                Err(e) => Response::Failed(e.into()),
            }
        }
        Request::Backup { path } if path.is_relative() => {
            Response::BadRequest(format!("the backup path {} is not absolute", path.display()))
        }
        Request::Backup { path } => match store.backup(&path) {
            Ok(cases) => Response::BackedUp { cases },
            Err(e) => Response::BackupFailed(e),
        },
    }
}
