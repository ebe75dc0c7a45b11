//! The automatic backups at the command line's edge: where they go (the
//! folder `backups` beside the database folder), turning them on for a store
//! the command line opened, and the newest one — for `restore --latest`, and
//! for the advice given when the database cannot be opened.

use std::path::{Path, PathBuf};

use super::{Failure, Global};
use crate::config::{self, Config};
use crate::i18n::Describe;
use crate::i18n::{Lang, T, date};
use crate::store::{DailyBackup, Store, daily_backups};

/// The folder the automatic backups of the database at `database` go into.
pub fn backups_dir(database: &Path) -> PathBuf {
    match database.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.join("backups"),
        _ => PathBuf::from("backups"),
    }
}

/// Turns the automatic backups on for `store`, as the configuration says; a
/// backup that fails is told on standard error, and the command goes on.
pub fn keep_daily_backups(store: &Store, config: &Config, lang: Lang) {
    if !config.backup.enabled {
        return;
    }
    store.keep_daily_backups(backups_dir(store.path()), config.backup.keep_days);
    store.on_backup_failure(move |e| {
        let message = lang.fill(T::DailyBackupFailed, &[("reason", &e.describe(lang))]);
        eprintln!("klachtdesk: {}", crate::sanitize::one_line(&message));
    });
}

/// The newest automatic backup of the database at `database`, if any.
pub fn newest(database: &Path) -> Option<DailyBackup> {
    daily_backups(&backups_dir(database), database).into_iter().next()
}

/// The database folder the command line works on: `--db`, or the platform's
/// default — without opening it.
pub fn database_path(global: &Global) -> Result<PathBuf, Failure> {
    global
        .db
        .clone()
        .or_else(config::default_database)
        .ok_or_else(|| Failure::Failed("no data directory found; use --db PATH".into()))
}

/// What to say when the database at `path` cannot be opened because it is
/// damaged: what is wrong in words, and the command that helps.
pub fn damaged(lang: Lang, path: &Path, reason: &str) -> String {
    // sled's own words for it ("Read corrupted data at file offset None
    // backtrace ()") say nothing to an operator.
    let what = if reason.starts_with("Read corrupted data") {
        lang.t(T::DamagedUnreadable).to_string()
    } else {
        reason.to_string()
    };
    let problem = lang.fill(T::DbDamagedWords, &[("path", &path.display()), ("what", &what)]);
    let advice = match newest(path) {
        Some(backup) => lang.fill(T::AdviceDoctorOrRestore, &[("date", &date(lang, backup.date))]),
        None => lang.t(T::AdviceDoctor).to_string(),
    };
    format!("{problem} {advice}")
}
