//! The desk's configuration: a TOML file in the platform's config directory
//! (`--config` overrides), every key optional; `assets/config.example.toml`
//! documents them all.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::{Deserialize, Deserializer};

use crate::domain::calendar::{CalendarSettings, LiberationDay, WorkCalendar};
use crate::domain::clock::Policy;
use crate::domain::recurrence::Pattern;
use crate::domain::service::Catalogue;
use crate::domain::when::YEARS;
use crate::domain::workflow::Rules;
use crate::i18n::{Lang, T};

mod operators;
use operators::operators;
pub use operators::{OperatorEntry, Operators, ssh_key};

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Who works at the desk: one name (`operator = "Anna"`, recorded in the
    /// audit trail; else the login name), or the desk's operators as
    /// `[[operator]]` entries, each with the Unix user and SSH keys that are
    /// theirs.
    #[serde(deserialize_with = "operators")]
    pub operator: Option<Operators>,
    /// The shared desk: how many sessions at once.
    pub desk: DeskConfig,
    /// Boards over SSH (`klachtdesk serve --ssh`).
    pub ssh: SshConfig,
    /// `en` or `nl`; else taken from LANG.
    pub language: Option<Lang>,
    /// The service catalogue; empty means the built-in one.
    pub services: Vec<String>,
    pub targets: Targets,
    /// When a root cause counts as recurring (the recurrence alert).
    pub patterns: PatternsConfig,
    pub calendar: CalendarConfig,
    /// Key bindings that replace the defaults, per place and action.
    pub keys: crate::keymap::Table,
    pub privacy: PrivacyConfig,
    pub backup: BackupConfig,
    /// Where the letters and exports asked for on a board go.
    pub files: FilesConfig,
}

/// Boards over SSH.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SshConfig {
    /// Minutes a board over SSH may go without a key before it closes (it
    /// is kept 15 minutes for its operator to connect again); 0: never.
    pub idle_minutes: u32,
}

impl Default for SshConfig {
    fn default() -> Self {
        Self { idle_minutes: 60 }
    }
}

/// The shared desk.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DeskConfig {
    /// Sessions (boards) served at once; one more is told so.
    pub max_sessions: usize,
    /// The Unix group whose members may reach the desk's socket (the
    /// operators' logins); none: the desk's own user only.
    pub group: Option<String>,
}

impl Default for DeskConfig {
    fn default() -> Self {
        Self {
            max_sessions: 50,
            group: None,
        }
    }
}

/// How long personal data is kept.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PrivacyConfig {
    /// Months after closing after which `klachtdesk purge` anonymises a case.
    #[serde(deserialize_with = "months")]
    pub retention_months: u32,
    /// Every board starts with personal data masked on the screen (the
    /// operator unmasks it with a key); else each operator's last choice.
    pub start_masked: bool,
}

impl Default for PrivacyConfig {
    fn default() -> Self {
        Self {
            retention_months: 24,
            start_masked: false,
        }
    }
}

/// The automatic backups: one at the first change of each day, into
/// `backups/` beside the database folder.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BackupConfig {
    pub enabled: bool,
    /// Backups more than this many days old are removed.
    #[serde(deserialize_with = "days_to_keep")]
    pub keep_days: u32,
}

impl Default for BackupConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            keep_days: 14,
        }
    }
}

/// The files an operator writes from a board (letters, report exports).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FilesConfig {
    /// The folder a letter or an export is offered to be written into: a
    /// full path, or one in the home folder (`~/…`). None: `exports/` in
    /// the data folder.
    #[serde(deserialize_with = "export_folder")]
    pub export_folder: Option<PathBuf>,
}

fn export_folder<'de, D: Deserializer<'de>>(d: D) -> Result<Option<PathBuf>, D::Error> {
    let text = String::deserialize(d)?;
    if Path::new(&text).is_absolute() || text.starts_with("~/") {
        Ok(Some(PathBuf::from(text)))
    } else {
        Err(serde::de::Error::custom(format!(
            "\"{text}\" is not a full path: give one starting with / or ~/, like \"~/klachten/brieven\""
        )))
    }
}

/// `path` with a leading `~/` read as the home folder of the user running
/// this process.
pub fn expand_home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), directories::BaseDirs::new()) {
        (Ok(rest), Some(dirs)) => dirs.home_dir().join(rest),
        _ => path.to_path_buf(),
    }
}

impl Config {
    /// The configured export folder, `~/` read as the home folder.
    pub fn export_folder(&self) -> Option<PathBuf> {
        self.files.export_folder.as_deref().map(expand_home)
    }
}

fn days_to_keep<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let days = i64::deserialize(d)?;
    u32::try_from(days)
        .ok()
        .filter(|d| (1..=3650).contains(d))
        .ok_or_else(|| serde::de::Error::custom(format!("{days} is not a number of days from 1 to 3650")))
}

fn months<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let months = i64::deserialize(d)?;
    u32::try_from(months)
        .ok()
        .filter(|m| (1..=1200).contains(m))
        .ok_or_else(|| serde::de::Error::custom(format!("{months} is not a number of months from 1 to 1200")))
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Targets {
    #[serde(deserialize_with = "working_days")]
    pub acknowledge_days: u32,
    #[serde(deserialize_with = "working_days")]
    pub outcome_days: u32,
    /// Working days of waiting for information after which a card turns amber.
    #[serde(deserialize_with = "working_days")]
    pub chase_after_days: u32,
    #[serde(deserialize_with = "clock_time")]
    pub end_of_working_day: NaiveTime,
}

impl Default for Targets {
    fn default() -> Self {
        let policy = Policy::default();
        Self {
            acknowledge_days: policy.acknowledge_days,
            outcome_days: policy.outcome_days,
            chase_after_days: policy.chase_after_days,
            end_of_working_day: policy.end_of_day,
        }
    }
}

/// `[patterns]`: the k-th case on one service with one root cause within
/// N days raises the recurrence alert.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PatternsConfig {
    #[serde(deserialize_with = "recurrence_count")]
    pub recurrence_count: usize,
    #[serde(deserialize_with = "recurrence_days")]
    pub recurrence_days: u32,
}

impl Default for PatternsConfig {
    fn default() -> Self {
        let pattern = Pattern::default();
        Self {
            recurrence_count: pattern.count,
            recurrence_days: pattern.days,
        }
    }
}

impl PatternsConfig {
    pub fn pattern(&self) -> Pattern {
        Pattern {
            count: self.recurrence_count,
            days: self.recurrence_days,
        }
    }
}

fn recurrence_count<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    let count = i64::deserialize(d)?;
    usize::try_from(count)
        .ok()
        .filter(|c| (2..=1000).contains(c))
        .ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{count} is not a number of cases from 2 to 1000 (the 2nd, 3rd, ... case with the same root cause raises the alert)"
            ))
        })
}

fn recurrence_days<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let days = i64::deserialize(d)?;
    u32::try_from(days)
        .ok()
        .filter(|d| (1..=3650).contains(d))
        .ok_or_else(|| serde::de::Error::custom(format!("{days} is not a number of days from 1 to 3650")))
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CalendarConfig {
    pub good_friday: bool,
    pub liberation_day: LiberationDay,
    #[serde(deserialize_with = "dates")]
    pub closing_days: Vec<NaiveDate>,
}

/// A configuration that could not be used, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {}: {reason}", path.display())]
    Unreadable { path: PathBuf, reason: String },
    #[error("{}, line {line}: {reason}", path.display())]
    Invalid {
        path: PathBuf,
        line: usize,
        reason: String,
    },
}

impl ConfigError {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            ConfigError::Unreadable { path, reason } => lang.fill(
                T::ConfigUnreadable,
                &[("path", &path.display()), ("reason", reason)],
            ),
            ConfigError::Invalid { path, line, reason } => lang.fill(
                T::ConfigInvalid,
                &[("path", &path.display()), ("line", line), ("reason", reason)],
            ),
        }
    }
}

impl Config {
    /// Reads the file at `path`; a missing file is the default configuration
    /// unless `required` (the operator named it).
    pub fn load(path: &Path, required: bool) -> Result<Config, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(&text, path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Ok(Config::default()),
            Err(e) => Err(ConfigError::Unreadable {
                path: path.to_path_buf(),
                reason: e.to_string(),
            }),
        }
    }

    /// Parses configuration text; errors name the file, the line and the key.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            let line = text[..offset.min(text.len())].matches('\n').count() + 1;
            let key = key_at(text, offset);
            let message = e.message().trim().to_string();
            let reason = match key {
                Some(key) if !message.contains(&key) => format!("{key}: {message}"),
                _ => message,
            };
            ConfigError::Invalid {
                path: path.to_path_buf(),
                line,
                reason,
            }
        })
    }

    /// The rules of the procedure this configuration sets.
    pub fn rules(&self) -> Rules {
        let calendar = WorkCalendar::new(CalendarSettings {
            good_friday_off: self.calendar.good_friday,
            liberation_day: self.calendar.liberation_day,
            closing_days: self.calendar.closing_days.clone(),
        });
        Rules {
            policy: Policy {
                calendar,
                acknowledge_days: self.targets.acknowledge_days,
                outcome_days: self.targets.outcome_days,
                end_of_day: self.targets.end_of_working_day,
                chase_after_days: self.targets.chase_after_days,
            },
            services: Catalogue::new(self.services.clone()),
        }
    }

    /// The configured language, else the one LANG (or LC_ALL, LC_MESSAGES) names.
    pub fn language(&self, env: impl Fn(&str) -> Option<String>) -> Lang {
        self.language.unwrap_or_else(|| {
            ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .find_map(|var| env(var).filter(|v| !v.is_empty()))
                .map_or(Lang::En, |v| Lang::from_locale(&v))
        })
    }

    /// The configured operator's name, else the login name.
    pub fn operator(&self, env: impl Fn(&str) -> Option<String>) -> String {
        let named = match &self.operator {
            Some(Operators::Name(name)) => Some(name.clone()),
            _ => None,
        };
        named
            .filter(|o| !o.trim().is_empty())
            .or_else(|| env("USER").or_else(|| env("USERNAME")))
            .unwrap_or_else(|| "operator".to_string())
    }

    /// The desk's `[[operator]]` entries; none for a desk of one.
    pub fn operators(&self) -> &[OperatorEntry] {
        match &self.operator {
            Some(Operators::Desk(entries)) => entries,
            _ => &[],
        }
    }
}

/// Where the platform keeps klachtdesk's files (XDG on Linux).
fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("nl", "klachtdesk", "klachtdesk")
}

/// The configuration file when `--config` does not name one.
pub fn default_config_file() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().join("config.toml"))
}

/// This user's own folder for letters and exports, in their data directory.
pub fn own_exports() -> Option<PathBuf> {
    project_dirs().map(|d| d.data_dir().join("exports"))
}

/// The database folder when neither `--db` nor `KLACHTDESK_DB` names one.
pub fn default_database() -> Option<PathBuf> {
    project_dirs().map(|d| d.data_dir().join("db"))
}

/// The dotted key whose value holds `offset`, with its table: the nearest
/// `key = ` at or above that line (values such as arrays may span lines), under
/// the nearest `[table]` header above it.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let line_no = text[..offset.min(text.len())].matches('\n').count();
    let uncommented = |l: &str| l.split('#').next().unwrap_or("").trim().to_string();
    let header = |l: &str| {
        let l = uncommented(l);
        let inner = l.strip_prefix('[')?.strip_suffix(']')?;
        Some(inner.trim_matches(['[', ']', ' ']).to_string())
    };
    let mut key = None;
    let mut table = None;
    for line in text
        .lines()
        .take(line_no + 1)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        if let Some(t) = header(line) {
            table = Some(t);
            break;
        }
        if key.is_none()
            && let Some((k, _)) = uncommented(line).split_once('=')
        {
            let k = k.trim();
            if !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || "_-.\"' ".contains(c)) {
                key = Some(k.to_string());
            }
        }
    }
    let key = key?;
    Some(match table {
        Some(table) => format!("{table}.{key}"),
        None => key,
    })
}

fn working_days<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let days = i64::deserialize(d)?;
    u32::try_from(days)
        .ok()
        .filter(|d| (1..=250).contains(d))
        .ok_or_else(|| {
            serde::de::Error::custom(format!("{days} is not a number of working days from 1 to 250"))
        })
}

/// The earliest end of a working day: a deadline ends at this time on its last
/// working day, so an earlier one (`00:00`) would fall before that day began.
const EARLIEST_END_OF_DAY: NaiveTime = NaiveTime::from_hms_opt(8, 0, 0).expect("08:00 is a time");

fn clock_time<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
    let text = String::deserialize(d)?;
    let time = NaiveTime::parse_from_str(&text, "%H:%M")
        .map_err(|_| serde::de::Error::custom(format!("\"{text}\" is not a time of day like \"17:00\"")))?;
    if time < EARLIEST_END_OF_DAY {
        return Err(serde::de::Error::custom(format!(
            "\"{text}\" would end the working day, and so each deadline, before it begins; give a time from 08:00 to 23:59, like \"17:00\""
        )));
    }
    Ok(time)
}

/// Dates as TOML dates (`2026-12-24`) or as strings (`"2026-12-24"`).
fn dates<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<NaiveDate>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Day {
        Toml(toml::value::Datetime),
        Text(String),
    }
    Vec::<Day>::deserialize(d)?
        .into_iter()
        .map(|day| {
            let text = match day {
                Day::Toml(t) => t.to_string(),
                Day::Text(t) => t,
            };
            NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                .ok()
                .filter(|day| YEARS.contains(&day.year()))
                .ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        "\"{text}\" is not a date like 2026-12-24 in the years 2000 to 2099"
                    ))
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("/etc/k.toml"))
    }

    #[test]
    fn an_empty_file_is_the_default() {
        let c = parse("").unwrap();
        assert_eq!(c, Config::default());
        assert_eq!(c.rules(), Rules::default());
    }

    #[test]
    fn every_key_is_read() {
        let c = parse(
            r#"
operator = "Anna"
language = "nl"
services = ["Red teaming", "SOC"]
[targets]
acknowledge_days = 3
outcome_days = 15
end_of_working_day = "17:30"
[calendar]
good_friday = true
liberation_day = "every_fifth_year"
closing_days = [2026-12-24, "2026-12-31"]
[backup]
enabled = false
keep_days = 30
[patterns]
recurrence_count = 4
recurrence_days = 60
"#,
        )
        .unwrap();
        assert_eq!(c.patterns.pattern(), Pattern { count: 4, days: 60 });
        assert_eq!(
            c.backup,
            BackupConfig {
                enabled: false,
                keep_days: 30
            }
        );
        let rules = c.rules();
        assert_eq!(c.language, Some(Lang::Nl));
        assert_eq!(rules.policy.acknowledge_days, 3);
        assert_eq!(rules.policy.outcome_days, 15);
        assert_eq!(
            rules.policy.end_of_day,
            NaiveTime::from_hms_opt(17, 30, 0).unwrap()
        );
        assert_eq!(rules.services.services(), ["Red teaming", "SOC"]);
        let settings = rules.policy.calendar.settings();
        assert!(settings.good_friday_off);
        assert_eq!(settings.liberation_day, LiberationDay::EveryFifthYear);
        assert_eq!(settings.closing_days.len(), 2);
    }

    fn invalid(text: &str) -> (usize, String) {
        match parse(text) {
            Err(ConfigError::Invalid { line, reason, .. }) => (line, reason),
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn errors_name_the_line_and_the_key() {
        let (line, reason) = invalid("operator = \"A\"\n[targets]\noutcome_days = \"ten\"\n");
        assert_eq!(line, 3);
        assert!(reason.contains("targets.outcome_days"), "{reason}");

        let (line, reason) = invalid("[calendar]\nliberation_day = \"sometimes\"\n");
        assert_eq!(line, 2);
        assert!(reason.contains("calendar.liberation_day"), "{reason}");

        let (line, reason) = invalid("\n\nlanguage = \"fr\"\n");
        assert_eq!(line, 3);
        assert!(reason.contains("language"), "{reason}");

        let (line, reason) = invalid("[patterns]\nrecurrence_count = 1\n");
        assert_eq!(line, 2);
        assert!(reason.contains("patterns.recurrence_count"), "{reason}");
        assert!(
            reason.contains("1 is not a number of cases from 2 to 1000"),
            "{reason}"
        );
        let (_, reason) = invalid("[patterns]\nrecurrence_days = 0\n");
        assert!(
            reason.contains("0 is not a number of days from 1 to 3650"),
            "{reason}"
        );
        let (_, reason) = invalid("[patterns]\nrecurrence_days = \"a month\"\n");
        assert!(reason.contains("patterns.recurrence_days"), "{reason}");

        let (_, reason) = invalid("[targets]\nacknowledge_days = 0\n");
        assert!(reason.contains("0 is not a number of working days"), "{reason}");

        let (line, reason) = invalid("colour = \"red\"\n");
        assert_eq!(line, 1);
        assert!(reason.contains("colour"), "{reason}");

        let (_, reason) = invalid("[targets]\nend_of_working_day = \"5pm\"\n");
        assert!(reason.contains("\"5pm\" is not a time of day"), "{reason}");

        for midnight in ["00:00", "07:59"] {
            let (line, reason) = invalid(&format!("[targets]\nend_of_working_day = \"{midnight}\"\n"));
            assert_eq!(line, 2);
            assert!(reason.contains("targets.end_of_working_day"), "{reason}");
            assert!(reason.contains("08:00 to 23:59"), "{reason}");
        }
        let c = parse("[targets]\nend_of_working_day = \"08:00\"\n").unwrap();
        assert_eq!(c.targets.end_of_working_day, EARLIEST_END_OF_DAY);

        let (line, reason) = invalid("[backup]\nenabled = true\nkeep_days = 0\n");
        assert_eq!(line, 3);
        assert!(reason.contains("backup.keep_days"), "{reason}");
        assert!(reason.contains("1 to 3650"), "{reason}");

        let (line, reason) = invalid("[calendar]\nclosing_days = [0226-12-24]\n");
        assert_eq!(line, 2);
        assert!(reason.contains("2000 to 2099"), "{reason}");
    }

    #[test]
    fn the_export_folder_is_a_full_path_or_one_in_the_home_folder() {
        let folder = |text: &str| parse(&format!("[files]\nexport_folder = \"{text}\"\n"));
        assert_eq!(
            folder("/srv/brieven").unwrap().export_folder(),
            Some(PathBuf::from("/srv/brieven"))
        );
        let home = directories::BaseDirs::new().unwrap().home_dir().to_path_buf();
        assert_eq!(
            folder("~/brieven").unwrap().export_folder(),
            Some(home.join("brieven"))
        );
        assert_eq!(parse("").unwrap().export_folder(), None);
        for relative in ["brieven", "./brieven", "~anna/brieven", ""] {
            let Err(ConfigError::Invalid { reason, .. }) = folder(relative) else {
                panic!("{relative:?} is accepted");
            };
            assert!(
                reason.contains("is not a full path: give one starting with / or ~/"),
                "{reason}"
            );
        }
    }

    #[test]
    fn language_falls_back_to_the_environment() {
        let env = |v: &str| (v == "LANG").then(|| "nl_NL.UTF-8".to_string());
        assert_eq!(Config::default().language(env), Lang::Nl);
        assert_eq!(Config::default().language(|_| None), Lang::En);
        let c = Config {
            language: Some(Lang::En),
            ..Config::default()
        };
        assert_eq!(c.language(env), Lang::En);
    }

    #[test]
    fn operator_falls_back_to_the_login_name() {
        let env = |v: &str| (v == "USER").then(|| "piet".to_string());
        assert_eq!(Config::default().operator(env), "piet");
        let c = Config {
            operator: Some(Operators::Name("Anna".into())),
            ..Config::default()
        };
        assert_eq!(c.operator(env), "Anna");
    }
}
