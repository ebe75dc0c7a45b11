//! What every subcommand works with: the configuration, the language, the
//! operator, the clock, and (opened only when needed) the store — or, when a
//! board has it open, that board.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::Failure;
use super::desk::Desk;
use crate::config::{self, Config};
use crate::demo;
use crate::domain::when::parse_moment;
use crate::domain::workflow::{Ctx, Rules};
use crate::i18n::{Lang, T};
use crate::keymap::Keymap;
use crate::remote::Client;
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
    /// The demo database lives as long as the session.
    _demo_dir: Option<tempfile::TempDir>,
}

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
        // Letters read the desk's own templates from beside the configuration file.
        if let Some(path) = &global.config {
            crate::templates::use_config_file(path);
        }
        let rules = config.rules();
        let lang = config.language(env);
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
            _demo_dir: None,
        })
    }

    /// Lets go of the store, so that its files can be rewritten.
    pub fn close_store(&mut self) {
        self.store = None;
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

    /// Where the subcommands' calls go: the store, or — when a board has the
    /// database open — that board, so that the command line keeps working
    /// beside it and the board shows the change at once.
    pub fn desk(&mut self) -> Result<Desk, Failure> {
        if self.global.demo || self.store.is_some() {
            return self.store().map(Desk::Local);
        }
        let path = self.database_path()?;
        match Store::open(&path) {
            Ok(store) => {
                self.report_recovered(&store);
                super::daily::keep_daily_backups(&store, &self.config, self.lang);
                self.store = Some(store.clone());
                Ok(Desk::Local(store))
            }
            Err(in_use @ StoreError::InUse { .. }) => Client::connect(&path, self.lang)
                .map(Desk::Remote)
                .map_err(|_| Failure::store(self.lang, &in_use)),
            Err(e) => Err(Failure::store(self.lang, &e)),
        }
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

    /// The configured database folder: `--db`, or the platform's default.
    fn database_path(&self) -> Result<PathBuf, Failure> {
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
