//! The desk: one process holds the store and draws every operator's board
//! (as tmux, soft-serve and wish do). Terminals attach over the local socket
//! and only send keys and show what their session draws; the command line
//! sends requests to the same socket. There is one copy of the queue, kept up
//! to date from the store's change feed, and each change reaches every board
//! at once.

mod attach;
mod registry;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use registry::Registry;

use crate::app::cases::Cases;
use crate::app::{Presence, Queue, Settings};
use crate::config::Config;
use crate::desk::{BadRequest, Desk, Local};
use crate::identity::{self, Operator};
use crate::keymap::Keymap;
use crate::remote::{self, Attaching, Host, StartError};
use crate::session::Input;
use crate::store::{Change, StoreError};

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
        let store = desk.store().cloned().expect("a local desk has its store");
        // Follow before reading, so that no change falls between the two.
        let feed = store.subscribe();
        let loaded = store.load();
        let shared = Arc::new(Shared {
            queue: Queue::new(Cases::new(loaded.cases)),
            unreadable: loaded.unreadable,
            desk: desk.clone(),
            config,
            keymap,
            settings,
            sessions: Registry::default(),
            presence: Presence::default(),
            own_uid: rustix::process::getuid().as_raw(),
            stop: AtomicBool::new(false),
        });
        // The command line's selections are answered from the queue in memory.
        let answering = desk.holding(Arc::new(shared.queue.clone()), shared.unreadable.clone());
        let listener = remote::Server::start(answering, shared.clone())?;
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
            spawn("klachtdesk-feed", Box::new(move || shared.follow(&feed)))?
        };
        let ticking = {
            let shared = shared.clone();
            spawn("klachtdesk-clock", Box::new(move || shared.tick()))?
        };
        Ok(DeskServer {
            shared,
            listener: Some(listener),
            threads: vec![following, ticking],
        })
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

    /// Shows `text` at the foot of every board.
    pub fn notice(&self, text: &str) {
        self.shared.sessions.tell(|| Input::Notice(text.to_string()));
    }
}

/// Stops listening, ends every session and waits for the desk's threads, so
/// that the store is let go of when the desk is.
impl Drop for DeskServer {
    fn drop(&mut self) {
        self.listener = None;
        self.shared.stop.store(true, Ordering::SeqCst);
        self.shared.sessions.tell(|| Input::Closed);
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

impl Shared {
    /// Puts each change into the queue once, then tells every board.
    fn follow(&self, feed: &crate::store::Subscription) {
        while !self.stop.load(Ordering::SeqCst) {
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
}
