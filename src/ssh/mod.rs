//! The desk over SSH (`klachtdesk serve --ssh ADDR:PORT`): an operator's
//! public key says who they are, and each SSH channel with a terminal is one
//! board, drawn by the desk as for a terminal on the local socket. Nothing
//! else is offered: no shell, no commands, no forwarding, no subsystems, no
//! passwords. Failed sign-ins are counted per address and logged.

pub mod client;
mod connection;
mod guard;
pub mod host_key;
mod terminal;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use russh::keys::{PrivateKey, PublicKey};
use russh::{MethodKind, MethodSet};
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::desk::BadRequest;
use crate::i18n::Lang;
use crate::identity::Operator;
use crate::remote::TerminalInfo;
use crate::session::Board;

pub use guard::{MAX_FAILURES, WINDOW};

/// What the SSH side needs of the desk.
pub trait Boards: Send + Sync + 'static {
    /// The operator whose `[[operator]]` entry lists `key`.
    fn operator_of(&self, key: &PublicKey) -> Option<Operator>;
    /// A board for `operator` at `terminal`, closed after `idle` without a key.
    fn open(
        &self,
        operator: &Operator,
        terminal: &TerminalInfo,
        idle: Option<Duration>,
    ) -> Result<Board, BadRequest>;
    /// Where the letters and exports `operator` asks for are written: a
    /// folder of theirs at the desk (their terminal is a bare SSH client).
    fn exports_of(&self, operator: &Operator) -> PathBuf;
}

/// What the desk's log is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// An operator signed in with the key of this fingerprint.
    SignedIn {
        operator: String,
        key: String,
        from: IpAddr,
    },
    /// A connection ended without signing in.
    Refused {
        from: IpAddr,
        user: String,
        why: Refusal,
    },
    /// An address failed too often and is turned away for a while.
    Barred { from: IpAddr },
    /// A connection was turned away: as many are open as the desk takes.
    Full { from: IpAddr, max: usize },
    /// An operator's connection ended.
    Left { operator: String, from: IpAddr },
}

/// Why a sign-in was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Keys were offered that no `[[operator]]` entry lists (the last one's
    /// fingerprint).
    UnknownKey(String),
    /// A password was tried: the desk takes keys only.
    Password,
    /// Keyboard-interactive was tried.
    KeyboardInteractive,
    /// The connection ended before any key was offered.
    NoKey,
}

/// How the SSH side is run.
#[derive(Debug, Clone)]
pub struct Settings {
    pub listen: SocketAddr,
    /// How long a board may go without a key; none: forever.
    pub idle: Option<Duration>,
    /// Connections open at once, signed in or not; one more is closed at once.
    pub max_connections: usize,
    /// The desk's language, for what is said before a board opens to an
    /// operator whose entry and terminal name none.
    pub lang: Lang,
}

/// How long a connection has to sign in and open its board.
const LOGIN_GRACE: Duration = Duration::from_secs(60);

/// What every connection shares.
pub(crate) struct Inner {
    boards: Arc<dyn Boards>,
    guard: guard::Guard,
    log: Box<dyn Fn(Event) + Send + Sync>,
    idle: Option<Duration>,
    lang: Lang,
    open: AtomicUsize,
}

/// The SSH side of a running desk; dropping it closes every connection.
pub struct SshServer {
    address: SocketAddr,
    stop: watch::Sender<bool>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl std::fmt::Debug for SshServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SshServer")
            .field("address", &self.address)
            .finish()
    }
}

impl SshServer {
    /// Listens at `settings.listen` with `host_key`, serving `boards`;
    /// what happens is told to `log`.
    pub fn start(
        boards: Arc<dyn Boards>,
        host_key: PrivateKey,
        settings: &Settings,
        log: impl Fn(Event) + Send + Sync + 'static,
    ) -> std::io::Result<SshServer> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("klachtdesk-ssh")
            .enable_all()
            .build()?;
        let listener = runtime.block_on(TcpListener::bind(settings.listen))?;
        let address = listener.local_addr()?;
        let config = Arc::new(config(host_key));
        let inner = Arc::new(Inner {
            boards,
            guard: guard::Guard::default(),
            log: Box::new(log),
            idle: settings.idle,
            lang: settings.lang,
            open: AtomicUsize::new(0),
        });
        let (stop, stopped) = watch::channel(false);
        let max = settings.max_connections;
        runtime.spawn(accept(listener, config, inner, stopped, max));
        Ok(SshServer {
            address,
            stop,
            runtime: Some(runtime),
        })
    }

    /// Where it listens (the port chosen, when 0 was asked for).
    pub fn address(&self) -> SocketAddr {
        self.address
    }
}

impl Drop for SshServer {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_timeout(Duration::from_secs(2));
        }
    }
}

/// russh's settings: keys only, sign-in failures answered after a constant
/// time, dead connections found by keepalives.
fn config(host_key: PrivateKey) -> russh::server::Config {
    russh::server::Config {
        methods: MethodSet::from(&[MethodKind::PublicKey][..]),
        auth_rejection_time: Duration::from_secs(1),
        auth_rejection_time_initial: Some(Duration::ZERO),
        max_auth_attempts: 6,
        keys: vec![host_key],
        // The boards close themselves when idle; keepalives find a
        // connection whose other end is gone (a closed laptop).
        inactivity_timeout: None,
        keepalive_interval: Some(Duration::from_secs(15)),
        keepalive_max: 4,
        nodelay: true,
        ..Default::default()
    }
}

async fn accept(
    listener: TcpListener,
    config: Arc<russh::server::Config>,
    inner: Arc<Inner>,
    mut stopped: watch::Receiver<bool>,
    max: usize,
) {
    loop {
        let accepted = tokio::select! {
            _ = stopped.changed() => return,
            accepted = listener.accept() => accepted,
        };
        let Ok((socket, peer)) = accepted else {
            // Out of file descriptors, say: try again in a moment.
            tokio::time::sleep(Duration::from_millis(100)).await;
            continue;
        };
        if inner.guard.barred(peer.ip()) {
            continue;
        }
        if inner.open.load(Ordering::SeqCst) >= max {
            (inner.log)(Event::Full { from: peer.ip(), max });
            continue;
        }
        inner.open.fetch_add(1, Ordering::SeqCst);
        let (config, inner, stopped) = (config.clone(), inner.clone(), stopped.clone());
        tokio::spawn(async move {
            connection::serve(socket, peer, config, inner.clone(), stopped).await;
            inner.open.fetch_sub(1, Ordering::SeqCst);
        });
    }
}
