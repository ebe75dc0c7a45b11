//! What every subcommand works with: the configuration, the language, the
//! operator, the clock, and (opened only when needed) the store — or, when a
//! board has it open, that board.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use super::Failure;
use crate::app::Settings;
use crate::config::{self, Config};
use crate::demo;
use crate::desk::{BadRequest, Clock, Desk, Job, Local};
use crate::domain::when::parse_moment;
use crate::domain::workflow::{Ctx, Rules};
use crate::i18n::Describe;
use crate::i18n::{Lang, T};
use crate::keymap::Keymap;
use crate::remote::{Client, ConnectError};
use crate::store::{Recovered, Store, StoreError};

/// The options every subcommand shares.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Global {
    /// The database folder [default: the platform's data directory]
    #[arg(long, env = "KLACHTDESK_DB", global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// The configuration file [default: config.toml in the platform's config directory]
    #[arg(long, env = "KLACHTDESK_CONFIG", global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Pin the clock to this local time (YYYY-MM-DDTHH:MM), for training, demos and tests
    #[arg(long, env = "KLACHTDESK_NOW", global = true, value_name = "DATETIME")]
    pub now: Option<String>,
    /// Work on a fresh temporary database filled with demo cases
    #[arg(long, global = true)]
    pub demo: bool,
}

pub struct Session {
    pub config: Config,
    pub rules: Rules,
    pub lang: Lang,
    pub operator: String,
    pub now: DateTime<Utc>,
    /// Whether the clock was pinned with --now.
    pub pinned: bool,
    global: Global,
    store: Option<Store>,
    desk: Option<Arc<dyn Desk>>,
    /// The demo database lives as long as the session.
    _demo_dir: Option<tempfile::TempDir>,
    /// The database lent by its desk for this command's job: given back
    /// when the session ends, after the store above has been let go of
    /// (fields are dropped in this order).
    lease: Option<Lease>,
}

/// How long a database held by a process that does not answer is tried again.
const LOCK_PATIENCE: Duration = Duration::from_secs(3);

fn env(var: &str) -> Option<String> {
    std::env::var(var).ok()
}

impl Session {
    pub fn new(global: &Global) -> Result<Session, Failure> {
        let config = match (&global.config, config::default_config_file()) {
            (Some(path), _) => Config::load(path, true),
            (None, Some(path)) => Config::load(&path, false),
            (None, None) => Ok(Config::default()),
        }
        .map_err(|e| Failure::config(Config::default().language(env), &e))?;
        let rules = config.rules();
        let own_uid = rustix::process::getuid().as_raw();
        let lang = crate::identity::language_of(&config, own_uid).unwrap_or_else(|| config.language(env));
        let now = match &global.now {
            None => Utc::now(),
            Some(text) => parse_moment(text, Utc::now(), &rules.policy)
                .ok_or_else(|| Failure::Refused(lang.fill(T::BadNow, &[("given", text)])))?,
        };
        Ok(Session {
            operator: config.operator(env),
            config,
            rules,
            lang,
            now,
            pinned: global.now.is_some(),
            global: global.clone(),
            store: None,
            desk: None,
            lease: None,
            _demo_dir: None,
        })
    }

    /// Lets go of the store, so that its files can be rewritten.
    pub fn close_store(&mut self) {
        self.store = None;
        self.desk = None;
    }

    /// What a board of this operator carries of its own: the desk's letter
    /// templates (beside the configuration file), where files it writes go
    /// (`[files] export_folder`, else `exports/` beside the database, or in
    /// the operator's own data folder when the database's folder is someone
    /// else's), and colour unless
    /// `NO_COLOR`.
    pub fn settings(&self) -> Settings {
        let templates = match &self.global.config {
            Some(file) => Some(crate::templates::folder_of(file)),
            None => crate::templates::default_folder(),
        };
        let db = match &self.store {
            Some(store) => Some(store.path().to_path_buf()),
            None => self.database_path().ok(),
        };
        // Beside the database when its folder is this user's; on a desk
        // shared with others, in this user's own data folder.
        let beside = db
            .and_then(|db| db.parent().map(Path::to_path_buf))
            .filter(|folder| owned_by_me(folder));
        let exports = match (self.config.export_folder(), beside) {
            (Some(configured), _) => configured,
            (None, Some(folder)) => folder.join("exports"),
            (None, None) => crate::config::own_exports().unwrap_or_else(|| Settings::default().exports),
        };
        Settings {
            templates,
            exports,
            by_name_only: false,
            colour: env("NO_COLOR").is_none_or(|v| v.is_empty()),
            patterns: self.config.patterns.pattern(),
        }
    }

    /// The key bindings: the defaults with the configuration's overrides.
    pub fn keymap(&self) -> Result<Keymap, Failure> {
        Keymap::with_overrides(&self.config.keys).map_err(Failure::Failed)
    }

    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            now: self.now,
            actor: &self.operator,
            rules: &self.rules,
        }
    }

    /// Where the subcommands' calls go: the store, or — when another
    /// klachtdesk has the database open — that one, so that the command line
    /// keeps working beside it and its boards show the change at once.
    pub fn desk(&mut self) -> Result<Arc<dyn Desk>, Failure> {
        if let Some(desk) = &self.desk {
            return Ok(desk.clone());
        }
        let desk: Arc<dyn Desk> = if self.global.demo || self.store.is_some() {
            let store = self.store()?;
            Arc::new(self.local(store))
        } else {
            self.open_or_attach()?
        };
        self.desk = Some(desk.clone());
        Ok(desk)
    }

    /// The desk over `store`, as this operator, on this clock.
    pub fn local(&self, store: Store) -> Local {
        let clock = if self.pinned {
            Clock::Pinned(self.now)
        } else {
            Clock::System
        };
        Local::new(store, self.rules.clone(), clock, self.operator.clone())
    }

    /// Opens the database, or works through the klachtdesk that has it
    /// open. Another command holds it for milliseconds (and a starting board
    /// answers a moment after taking it), so a database held by a process
    /// that does not answer is tried again for a while before it is refused.
    fn open_or_attach(&mut self) -> Result<Arc<dyn Desk>, Failure> {
        let lang = self.lang;
        let path = self.database_path()?;
        let started = Instant::now();
        loop {
            // A klachtdesk that answers is asked first: opening a database
            // held by another process waits for its lock before giving up.
            match self.attach(&path) {
                Ok(Some(client)) => return Ok(Arc::new(client)),
                Ok(None) => {}
                Err(failure) => return Err(failure),
            }
            match Store::open(&path) {
                Ok(store) => {
                    self.report_recovered(&store);
                    super::daily::keep_daily_backups(&store, &self.config, self.lang);
                    self.store = Some(store.clone());
                    return Ok(Arc::new(self.local(store)));
                }
                // Held, and nobody answered: another command holding it for
                // milliseconds, or a board about to answer.
                Err(StoreError::InUse { .. }) if started.elapsed() < LOCK_PATIENCE => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) => return Err(Failure::store(lang, &e)),
            }
        }
    }

    /// Has the desk that holds the database (if one does) let go of it for
    /// `job`, telling every board; it takes the database back when this
    /// session ends. The job then opens the database itself.
    pub fn lease(&mut self, job: Job) -> Result<(), Failure> {
        if self.global.demo || self.lease.is_some() {
            return Ok(());
        }
        let path = self.database_path()?;
        let Some(client) = self.attach(&path)? else {
            return Ok(());
        };
        let desk: &dyn Desk = &client;
        desk.hand_over(job).map_err(|e| Failure::store(self.lang, &e))?;
        self.lease = Some(Lease(client));
        Ok(())
    }

    /// The klachtdesk that has the database at `path` open, if one answers.
    pub(super) fn attach(&self, path: &std::path::Path) -> Result<Option<Client>, Failure> {
        let lang = self.lang;
        let pinned = self.pinned.then_some(self.now);
        match Client::connect(path, lang, pinned) {
            Ok(client) => Ok(Some(client)),
            Err(ConnectError::Absent(_)) => Ok(None),
            Err(ConnectError::Refused(bad)) => Err(match bad {
                BadRequest::TooManyConnections { .. } => Failure::Failed(bad.describe(lang)),
                bad => Failure::Refused(bad.describe(lang)),
            }),
            Err(ConnectError::Broken(e)) => Err(Failure::store(lang, &e)),
        }
    }

    /// A moment typed on the command line for `field` (`--date`, `--at`),
    /// read as the board reads it; refused in words when it is none.
    pub fn moment(
        &self,
        field: crate::domain::problem::Field,
        text: Option<&String>,
    ) -> Result<Option<DateTime<Utc>>, Failure> {
        let Some(text) = text else { return Ok(None) };
        parse_moment(text, self.now, &self.rules.policy)
            .map(Some)
            .ok_or_else(|| {
                let problem = crate::domain::problem::Problem::BadMoment {
                    field,
                    given: text.clone(),
                };
                Failure::refusal(self.lang, &problem.into())
            })
    }

    /// The store itself, opened on first use: the demo database, `--db`, or the
    /// default. The board needs it; a second board gets the "in use" message.
    pub fn store(&mut self) -> Result<Store, Failure> {
        if let Some(store) = &self.store {
            return Ok(store.clone());
        }
        let store = if self.global.demo {
            self.open_demo()?
        } else {
            let path = self.database_path()?;
            let store = Store::open(&path).map_err(|e| Failure::store(self.lang, &e))?;
            self.report_recovered(&store);
            super::daily::keep_daily_backups(&store, &self.config, self.lang);
            store
        };
        self.store = Some(store.clone());
        Ok(store)
    }

    /// Says what opening put right of a rewrite that was interrupted.
    fn report_recovered(&self, store: &Store) {
        for done in store.recovered() {
            eprintln!("klachtdesk: {}", recovered(self.lang, done));
        }
    }

    /// Whether this is the demo, on a database of its own.
    pub fn demo(&self) -> bool {
        self.global.demo
    }

    /// The configuration file named with `--config`, if one is.
    pub fn config_path(&self) -> Option<&std::path::Path> {
        self.global.config.as_deref()
    }

    /// The configured database folder: `--db`, or the platform's default.
    pub fn database_path(&self) -> Result<PathBuf, Failure> {
        self.global
            .db
            .clone()
            .or_else(config::default_database)
            .ok_or_else(|| Failure::Failed("no data directory found; use --db PATH".into()))
    }

    fn open_demo(&mut self) -> Result<Store, Failure> {
        let dir = tempfile::Builder::new()
            .prefix("klachtdesk-demo-")
            .tempdir()
            .map_err(|e| Failure::Failed(e.to_string()))?;
        let store = Store::open(&dir.path().join("db")).map_err(|e| Failure::store(self.lang, &e))?;
        let count = demo::populate(&store, &self.rules, self.now, &self.operator)
            .map_err(|e| Failure::command(self.lang, &e))?;
        eprintln!(
            "{}",
            self.lang.fill(
                T::DemoDatabase,
                &[("count", &count), ("path", &dir.path().display())]
            )
        );
        self._demo_dir = Some(dir);
        Ok(store)
    }
}

/// One thing opening put right, in words.
fn recovered(lang: Lang, done: &Recovered) -> String {
    let (key, path) = match done {
        Recovered::CopyPutInPlace(p) => (T::RecoveredCopyInPlace, p),
        Recovered::OriginalPutBack(p) => (T::RecoveredOriginalBack, p),
        Recovered::OriginalRemoved(p) => (T::RecoveredOriginalRemoved, p),
        Recovered::CopyRemoved(p) => (T::RecoveredCopyRemoved, p),
    };
    lang.fill(key, &[("path", &path.display())])
}

/// The database lent by its desk to a job; given back when this goes.
struct Lease(Client);

impl Drop for Lease {
    fn drop(&mut self) {
        let desk: &dyn Desk = &self.0;
        if let Err(e) = desk.take_back() {
            eprintln!("klachtdesk: {}", e.describe(self.0.lang()));
        }
    }
}

/// Whether `folder` belongs to the user running this process.
fn owned_by_me(folder: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(folder).is_ok_and(|m| m.uid() == rustix::process::getuid().as_raw())
}
