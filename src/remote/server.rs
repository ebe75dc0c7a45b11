//! The side that holds the database: answers its clients' requests on its own
//! desk, one thread per connection (at most [`MAX_CONNECTIONS`]), until it
//! closes. Every limit here keeps one client from taking what the others need.

use std::fs;
use std::io::{self, BufReader};
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use super::parts::write_reply;
use super::protocol::{
    Envelope, FOLLOW_HEARTBEAT, Hello, LineError, MAX_LINE, Purpose, TerminalInfo, VERSION, Welcome, now_ms,
    read_line, write_line,
};
use super::socket_path;
use crate::desk::{BadRequest, Desk, Followed, Job, Local, Mark, Request, Response, Start};
use crate::i18n::{Lang, T};
use crate::identity::Operator;
use crate::store::StoreError;

/// How long a connection for requests may sit idle (or refuse to take its
/// answer) before it is closed, so that a forgotten client does not hold a
/// thread for ever. What lasts is kept alive otherwise: a board and a
/// follower by heartbeats, a job holding the database by its connection
/// (the kernel closes it when the job ends, however it ends).
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

/// What the desk that listens does with its connections beyond answering
/// requests: say who a Unix user is at the desk, and draw boards.
pub trait Host: Send + Sync {
    /// The operator Unix user `uid` is here, or why they are none.
    fn operator(&self, uid: u32) -> Result<Operator, BadRequest>;

    /// Serves a terminal that attaches, on this connection's thread, until
    /// its session ends; `Err` refuses it before anything is drawn (the
    /// refusal is sent as the welcome).
    fn attach(&self, connection: Attaching) -> Result<(), BadRequest>;

    /// Lets `by` have the database to itself for `job` (see
    /// `Request::HandOver`); returns once it is free.
    fn hand_over(&self, by: &str, job: Job) -> Result<(), StoreError>;

    /// Opens the database again after a job; see `Request::TakeBack`.
    fn take_back(&self) -> Result<(), StoreError>;

    /// A follower of the desk's changes from `since` (see `Request::Follow`).
    fn follow(&self, since: Option<Mark>) -> (Start, std::sync::mpsc::Receiver<Followed>);
}

/// A terminal attaching: who, what terminal, and the connection (the
/// welcome not yet sent: [`Attaching::welcome`] sends it).
pub struct Attaching {
    pub operator: Operator,
    pub terminal: TerminalInfo,
    pub reader: BufReader<UnixStream>,
    pub writer: UnixStream,
}

impl Attaching {
    /// Tells the terminal it is welcome; frames follow.
    pub fn welcome(&mut self) -> io::Result<()> {
        let welcome = Welcome::Welcome {
            version: VERSION,
            operator: self.operator.name.clone(),
        };
        write_line(&mut self.writer, &welcome)
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
    /// Connections for requests open now.
    open: Arc<AtomicUsize>,
}

impl Server {
    /// Starts answering at the socket beside the database of `desk`, running
    /// every request on it as the operator the connecting user is. A socket
    /// left by a klachtdesk that crashed is replaced; one that still answers
    /// is left alone.
    pub fn start(desk: Local, host: Arc<dyn Host>) -> Result<Server, StartError> {
        let path = socket_path(desk.path());
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
        let open = Arc::new(AtomicUsize::new(0));
        let accept = {
            let (stop, open) = (stop.clone(), open.clone());
            let listening = Listening {
                desk: Arc::new(desk),
                host,
                open,
            };
            thread::Builder::new()
                .name("klachtdesk-remote".into())
                .spawn(move || accept_loop(&listener, &listening, &stop))
                .map_err(listen_err)?
        };
        Ok(Server {
            path,
            file: (meta.dev(), meta.ino()),
            stop,
            accept: Some(accept),
            open,
        })
    }

    /// Where the server answers.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How many connections for requests are open now.
    pub fn requests_open(&self) -> usize {
        self.open.load(Ordering::SeqCst)
    }
}

/// What the accepting thread hands each connection.
struct Listening {
    desk: Arc<Local>,
    host: Arc<dyn Host>,
    open: Arc<AtomicUsize>,
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

/// Connections served at once; one more is told so and closed.
pub const MAX_CONNECTIONS: usize = 32;

/// How long the hello may take.
const HELLO: Duration = Duration::from_secs(5);

/// The longest hello.
const MAX_HELLO: usize = 4 * 1024;

/// A request is only started with at least this much of its caller's
/// patience left, so that its answer arrives before the caller gives up.
const MARGIN_MS: u64 = 2_000;

fn accept_loop(listener: &UnixListener, listening: &Listening, stop: &AtomicBool) {
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        match stream {
            Ok(stream) if listening.open.load(Ordering::SeqCst) >= MAX_CONNECTIONS => {
                let _ = stream.set_write_timeout(Some(Duration::from_millis(200)));
                let refused = Welcome::Refused(BadRequest::TooManyConnections { max: MAX_CONNECTIONS });
                let _ = write_line(&mut &stream, &refused);
            }
            Ok(stream) => {
                let (desk, host, open) = (
                    listening.desk.clone(),
                    listening.host.clone(),
                    listening.open.clone(),
                );
                open.fetch_add(1, Ordering::SeqCst);
                // If no thread can be made, the connection is dropped and the
                // client reports that nobody answered.
                let spawned = thread::Builder::new()
                    .name("klachtdesk-remote-conn".into())
                    .spawn(move || serve(stream, &desk, &*host, &open));
                if spawned.is_err() {
                    listening.open.fetch_sub(1, Ordering::SeqCst);
                    thread::sleep(Duration::from_millis(50));
                }
            }
            // Out of file descriptors and the like: wait, rather than spin.
            Err(_) => thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// Greets one connection, then answers its requests in order until it
/// closes, goes quiet or misbehaves — or hands it to the host when a
/// terminal attaches (no longer counted among the connections for requests).
fn serve(stream: UnixStream, desk: &Local, host: &dyn Host, open: &AtomicUsize) {
    let _ = stream.set_read_timeout(Some(HELLO));
    let _ = stream.set_write_timeout(Some(IDLE));
    let Ok(reading) = stream.try_clone() else {
        open.fetch_sub(1, Ordering::SeqCst);
        return;
    };
    let mut reader = BufReader::new(reading);
    let mut writer = stream;
    match greet(&mut reader, &mut writer, desk, host) {
        Greeted::Requests(desk) => {
            let _ = writer.set_read_timeout(Some(IDLE));
            let holding = answer_all(&mut reader, &mut writer, &desk, host);
            // A job that went away without giving the database back.
            if holding {
                let _ = host.take_back();
            }
            open.fetch_sub(1, Ordering::SeqCst);
        }
        Greeted::Attach(operator, terminal) => {
            open.fetch_sub(1, Ordering::SeqCst);
            let _ = writer.set_read_timeout(None);
            let mut refusal_to = writer.try_clone().ok();
            let attaching = Attaching {
                operator,
                terminal,
                reader,
                writer,
            };
            if let Err(bad) = host.attach(attaching)
                && let Some(writer) = refusal_to.as_mut()
            {
                let _ = write_line(writer, &Welcome::Refused(bad));
            }
        }
        Greeted::Refused => {
            open.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// Answers requests in order until the connection closes or misbehaves;
/// whether it ends holding the database (handed over, not taken back).
fn answer_all(
    reader: &mut BufReader<UnixStream>,
    writer: &mut UnixStream,
    desk: &Local,
    host: &dyn Host,
) -> bool {
    let mut holding = false;
    loop {
        let (id, response) = match read_line(reader, MAX_LINE) {
            Ok(Some(line)) => match read_envelope(&line) {
                Err(refused) => refused,
                Ok(envelope) => match envelope.request {
                    Request::HandOver { job } if !holding => {
                        let done = host.hand_over(desk.operator(), job);
                        holding = done.is_ok();
                        if holding {
                            let _ = reader.get_ref().set_read_timeout(None);
                        }
                        (envelope.id, done_or_failed(done))
                    }
                    Request::TakeBack if holding => {
                        holding = false;
                        let _ = reader.get_ref().set_read_timeout(Some(IDLE));
                        (envelope.id, done_or_failed(host.take_back()))
                    }
                    // The connection carries nothing else from here on.
                    Request::Follow { since } if !holding => {
                        stream_changes(writer, envelope.id, host, since);
                        return holding;
                    }
                    _ => answer(desk, envelope),
                },
            },
            Ok(None) | Err(LineError::Io(_)) => return holding,
            Err(LineError::TooLong) => {
                let too_long = Response::BadRequest(BadRequest::TooLong { max: MAX_LINE });
                let _ = write_reply(writer, 0, too_long);
                return holding;
            }
        };
        if write_reply(writer, id, response).is_err() {
            return holding;
        }
    }
}

/// Tells a follower every change from `since` on, and that the desk is there
/// when nothing changed for a while, until it goes away or the desk stops.
fn stream_changes(writer: &mut UnixStream, id: u64, host: &dyn Host, since: Option<Mark>) {
    use std::sync::mpsc::RecvTimeoutError;
    let (start, live) = host.follow(since);
    let first = match start {
        Start::Resume { from, missed } => std::iter::once(Response::Following { mark: from })
            .chain(missed.into_iter().map(Response::Changed))
            .collect(),
        Start::Anew(mark) => vec![Response::ReadAnew { mark }],
    };
    let mut send = |response| write_reply(writer, id, response).is_ok();
    for response in first {
        if !send(response) {
            return;
        }
    }
    loop {
        let response = match live.recv_timeout(FOLLOW_HEARTBEAT) {
            Ok(Followed::Changed(stamped)) => Response::Changed(stamped),
            Ok(Followed::ReadAnew(mark)) => Response::ReadAnew { mark },
            Err(RecvTimeoutError::Timeout) => Response::Heartbeat,
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if !send(response) {
            return;
        }
    }
}

fn done_or_failed(result: Result<(), StoreError>) -> Response {
    match result {
        Ok(()) => Response::Done,
        Err(e) => Response::Failed(e.into()),
    }
}

/// What a hello leads to.
enum Greeted {
    /// Requests follow, made as this operator.
    Requests(Local),
    /// A terminal attaches (the welcome is the host's to send).
    Attach(Operator, TerminalInfo),
    /// Refused; the refusal was sent.
    Refused,
}

/// Reads the hello and decides what follows; a refusal is sent here.
fn greet(
    reader: &mut BufReader<UnixStream>,
    writer: &mut UnixStream,
    desk: &Local,
    host: &dyn Host,
) -> Greeted {
    let hello: Option<Hello> = match read_line(reader, MAX_HELLO) {
        Ok(Some(line)) => serde_json::from_slice(&line).ok(),
        _ => return Greeted::Refused,
    };
    let verdict = match hello {
        None => Err(BadRequest::NoHello),
        Some(hello) if hello.version != VERSION => Err(BadRequest::Version {
            client: hello.version,
            desk: VERSION,
        }),
        Some(hello) if hello.pinned.is_some() && hello.pinned != desk.clock().pinned() => {
            Err(BadRequest::ClockPinned)
        }
        Some(hello) => peer_uid(writer)
            .ok_or(BadRequest::NotAnOperator { user: "?".into() })
            .and_then(|uid| host.operator(uid))
            .map(|operator| (operator, hello.purpose)),
    };
    match verdict {
        Ok((operator, Purpose::Attach(terminal))) => Greeted::Attach(operator, terminal),
        Ok((operator, Purpose::Requests)) => {
            let welcome = Welcome::Welcome {
                version: VERSION,
                operator: operator.name.clone(),
            };
            if write_line(writer, &welcome).is_err() {
                return Greeted::Refused;
            }
            Greeted::Requests(desk.as_operator(&operator.name))
        }
        Err(bad) => {
            let _ = write_line(writer, &Welcome::Refused(bad));
            Greeted::Refused
        }
    }
}

/// The Unix user at the other end of the socket, as the kernel says.
fn peer_uid(stream: &UnixStream) -> Option<u32> {
    rustix::net::sockopt::socket_peercred(stream)
        .ok()
        .map(|peer| peer.uid.as_raw())
}

/// A request line read as an envelope, or the refusal to send back (under
/// its id, if that much can be read, so the caller knows which it was).
fn read_envelope(line: &[u8]) -> Result<Envelope, (u64, Response)> {
    serde_json::from_slice(line).map_err(|e| {
        #[derive(serde::Deserialize)]
        struct Id {
            id: u64,
        }
        let id = serde_json::from_slice::<Id>(line).map_or(0, |i| i.id);
        (id, Response::BadRequest(BadRequest::Unreadable(e.to_string())))
    })
}

/// Runs one request on the desk, unless its caller has given up on it.
fn answer(desk: &Local, envelope: Envelope) -> (u64, Response) {
    if now_ms().saturating_add(MARGIN_MS) > envelope.deadline_ms {
        return (envelope.id, Response::BadRequest(BadRequest::Expired));
    }
    (envelope.id, desk.call(envelope.request))
}
