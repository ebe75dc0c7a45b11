//! The desk: one process holds the store and draws every operator's board
//! (as tmux, soft-serve and wish do). Terminals attach over the local socket
//! and only send keys and show what their session draws; the command line
//! sends requests to the same socket. There is one copy of the queue, kept up
//! to date from the store's change feed, and each change reaches every board
//! at once.

mod attach;
mod board;
mod maintenance;
mod parked;
mod registry;
mod views;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use registry::Registry;

use crate::app::{Notice, Presence, Queue, Settings};
use crate::config::Config;
use crate::desk::{Away, BadRequest, ChangeLog, Desk, Followed, Job, Local, Mark, Start};
use crate::identity::{self, Operator};
use crate::keymap::Keymap;
use crate::remote::{self, Attaching, Host, StartError};
use crate::session::{Board, Input};
use crate::ssh::{self, SshServer};
use crate::store::{Change, StoreError, Subscription};

/// What every session of the desk shares.
#[derive(Debug)]
pub struct Shared {
    desk: Local,
    config: Config,
    keymap: Keymap,
    queue: Queue,
    /// What boards carry of the desk's (templates, exports); each session
    /// adds its own colour.
    settings: Settings,
    /// Records the store could not read when the desk started.
    unreadable: Vec<StoreError>,
    sessions: Registry,
    presence: Presence,
    /// Boards whose connection was lost, for their operators' next one.
    parked: Arc<parked::Parked>,
    /// How each operator likes their board.
    views: Arc<views::Views>,
    /// Every change, numbered, for the command line's followers.
    changes: ChangeLog,
    /// The change feed of the store opened again after a job had it.
    next_feed: parking_lot::Mutex<Option<Subscription>>,
    own_uid: u32,
    stop: AtomicBool,
}

/// A running desk; dropping it stops it.
#[derive(Debug)]
pub struct DeskServer {
    shared: Arc<Shared>,
    /// `None` once dropped: the listener goes first.
    listener: Option<remote::Server>,
    /// The threads that follow the feed and the clock.
    threads: Vec<thread::JoinHandle<()>>,
    /// The boards served over SSH, when asked for.
    ssh: Option<SshServer>,
}

impl DeskServer {
    /// Starts the desk on `desk`'s store: reads the queue, follows the change
    /// feed, and listens at the socket beside the database.
    pub fn start(
        desk: Local,
        config: Config,
        keymap: Keymap,
        settings: Settings,
    ) -> Result<DeskServer, StartError> {
        let store = desk.store().expect("a local desk has its store");
        // Follow before reading, so that no change falls between the two.
        let feed = store.subscribe();
        let (cases, unreadable) = crate::app::read_queue(&store, desk.slot());
        let shared = Arc::new(Shared {
            queue: Queue::new(cases),
            unreadable,
            desk: desk.clone(),
            config,
            keymap,
            settings,
            sessions: Registry::default(),
            presence: Presence::default(),
            parked: Arc::default(),
            views: Arc::new(views::Views::load(desk.slot().path())),
            changes: ChangeLog::default(),
            next_feed: parking_lot::Mutex::new(None),
            own_uid: rustix::process::getuid().as_raw(),
            stop: AtomicBool::new(false),
        });
        // The command line's selections are answered from the queue in memory.
        let answering = desk.holding(Arc::new(shared.queue.clone()), shared.unreadable.clone());
        let listener = remote::Server::start(answering, shared.clone())?;
        if let Some(group) = &shared.config.desk.group {
            open_to_group(listener.path(), group)?;
        }
        let spawn = |name: &str, work: Box<dyn FnOnce() + Send>| {
            thread::Builder::new()
                .name(name.into())
                .spawn(work)
                .map_err(|e| StartError::Listen {
                    path: listener.path().to_path_buf(),
                    reason: e.to_string(),
                })
        };
        let following = {
            let shared = shared.clone();
            spawn("klachtdesk-feed", Box::new(move || shared.follow(feed)))?
        };
        let ticking = {
            let shared = shared.clone();
            spawn("klachtdesk-clock", Box::new(move || shared.tick()))?
        };
        Ok(DeskServer {
            shared,
            listener: Some(listener),
            threads: vec![following, ticking],
            ssh: None,
        })
    }

    /// Serves boards over SSH as well, as `settings` say, signed with
    /// `host_key`; what happens there is told to `log`. Where it listens.
    pub fn serve_ssh(
        &mut self,
        host_key: russh::keys::PrivateKey,
        settings: &ssh::Settings,
        log: impl Fn(ssh::Event) + Send + Sync + 'static,
    ) -> std::io::Result<std::net::SocketAddr> {
        let boards: Arc<dyn ssh::Boards> = self.shared.clone();
        let server = SshServer::start(boards, host_key, settings, log)?;
        let address = server.address();
        self.ssh = Some(server);
        Ok(address)
    }

    /// Where terminals and the command line reach the desk.
    pub fn socket(&self) -> PathBuf {
        self.listener
            .as_ref()
            .map(|l| l.path().to_path_buf())
            .unwrap_or_default()
    }

    /// How many boards are served now.
    pub fn sessions(&self) -> usize {
        self.shared.sessions.len()
    }

    /// Whether nobody is at the desk: no board, no command being answered.
    pub fn idle(&self) -> bool {
        self.shared.sessions.is_empty() && self.listener.as_ref().is_none_or(|l| l.requests_open() == 0)
    }

    /// Waits until the desk has been idle for `linger` at a stretch, once a
    /// board has come and gone (or `first` has passed without one).
    pub fn wait_until_idle(&self, first: Duration, linger: Duration) {
        let started = Instant::now();
        let mut idle_since: Option<Instant> = None;
        loop {
            thread::sleep(Duration::from_millis(100));
            if !self.idle() {
                idle_since = None;
                continue;
            }
            let since = *idle_since.get_or_insert_with(Instant::now);
            let waited = self.shared.sessions.ever() || started.elapsed() >= first;
            if since.elapsed() >= linger && waited {
                return;
            }
        }
    }

    /// Shows `notice` at the foot of every board, in its language.
    pub fn notice(&self, notice: Notice) {
        self.shared.sessions.tell(|| Input::Notice(notice.clone()));
    }
}

/// Stops listening, ends every session and waits for the desk's threads, so
/// that the store is let go of when the desk is.
impl Drop for DeskServer {
    fn drop(&mut self) {
        self.ssh = None;
        self.listener = None;
        self.shared.stop.store(true, Ordering::SeqCst);
        self.shared.sessions.tell(|| Input::Closed);
        self.shared.changes.close();
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

impl Shared {
    /// Puts each change into the queue once, then tells every board; follows
    /// the store opened again after a job had the database.
    fn follow(&self, first: Subscription) {
        let mut feed = first;
        while !self.stop.load(Ordering::SeqCst) {
            if let Some(next) = self.next_feed.lock().take() {
                feed = next;
            }
            let Ok(numbered) = feed.next_within(Duration::from_millis(100)) else {
                continue;
            };
            match &numbered.change {
                Change::Put(case) => {
                    self.queue.put((**case).clone());
                }
                Change::Removed(id) => self.queue.remove(*id),
            }
            self.sessions.tell(|| Input::Changed(numbered.change.clone()));
            self.changes.record(numbered.change);
        }
    }

    /// The clock every board shows, once a second.
    fn tick(&self) {
        let mut last = Instant::now();
        while !self.stop.load(Ordering::SeqCst) {
            if last.elapsed() >= Duration::from_secs(1) {
                self.sessions.tell(|| Input::Tick);
                last = Instant::now();
            }
            thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Host for Shared {
    fn operator(&self, uid: u32) -> Result<Operator, BadRequest> {
        identity::of_unix_user(&self.config, uid, self.own_uid, self.desk.operator())
            .map_err(|user| BadRequest::NotAnOperator { user })
    }

    fn attach(&self, connection: Attaching) -> Result<(), BadRequest> {
        attach::serve(self, connection)
    }

    fn hand_over(&self, by: &str, job: Job) -> Result<(), StoreError> {
        let slot = self.desk.slot();
        let away = Away {
            by: by.to_string(),
            job,
        };
        slot.hand_over(away.clone()).map_err(|already| StoreError::Away {
            by: already.by,
            job: already.job.slug().to_string(),
        })?;
        self.sessions.tell(|| Input::Notice(Notice::Away(away.clone())));
        // The store closes as its last handle goes (a backup running may
        // hold it a moment longer); the job may start once sled lets go.
        if !maintenance::wait_until_free(slot.path(), Duration::from_secs(60)) {
            self.take_back()?;
            return Err(StoreError::InUse {
                path: slot.path().to_path_buf(),
            });
        }
        Ok(())
    }

    fn follow(&self, since: Option<Mark>) -> (Start, std::sync::mpsc::Receiver<Followed>) {
        self.changes.follow(since)
    }

    fn take_back(&self) -> Result<(), StoreError> {
        let slot = self.desk.slot();
        let by = slot.away().map(|a| a.by).unwrap_or_default();
        let store = maintenance::open_again(slot.path(), Duration::from_secs(30))?;
        let feed = store.subscribe();
        let (cases, _) = crate::app::read_queue(&store, slot);
        self.queue.replace(cases);
        *self.next_feed.lock() = Some(feed);
        slot.take_back(store);
        self.changes.read_anew();
        self.sessions.tell(|| Input::Reloaded);
        self.sessions
            .tell(|| Input::Notice(Notice::Back { by: by.clone() }));
        Ok(())
    }
}

impl ssh::Boards for Shared {
    fn operator_of(&self, key: &russh::keys::PublicKey) -> Option<Operator> {
        identity::of_ssh_key(&self.config, key)
    }

    fn open(
        &self,
        operator: &Operator,
        terminal: &remote::TerminalInfo,
        idle: Option<Duration>,
    ) -> Result<Board, BadRequest> {
        board::open(self, operator, terminal, idle)
    }

    fn exports_of(&self, operator: &Operator) -> PathBuf {
        self.settings.exports.join(identity::folder_name(&operator.name))
    }
}

/// Lets the members of `group` reach the socket at `path` (read and write
/// for the group; nobody else).
fn open_to_group(path: &Path, group: &str) -> Result<(), StartError> {
    use std::os::unix::fs::PermissionsExt;
    let failed = |reason: String| StartError::Listen {
        path: path.to_path_buf(),
        reason,
    };
    let gid = uzers::get_group_by_name(group)
        .ok_or_else(|| failed(format!("there is no group {group:?} ([desk] group)")))?
        .gid();
    rustix::fs::chown(path, None, Some(rustix::fs::Gid::from_raw(gid))).map_err(|e| failed(e.to_string()))?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o660)).map_err(|e| failed(e.to_string()))
}
