//! The desk's letter templates. The defaults are built into the program
//! (`assets/templates/<lang>/<kind>.txt`); the desk replaces any of them by
//! putting a file of the same name under `templates/` in the configuration
//! directory, next to `config.toml`: e.g. `templates/nl/outcome.txt`. Files are
//! read each time a letter is made, so an edited template shows at once.
//!
//! A template that cannot be used (an unknown placeholder, an unreadable file)
//! spoils only its own letter, and says which file and line are wrong.

use std::path::{Path, PathBuf};

use crate::domain::template::{Facts, Language, LetterKind, MissingData, SentVia, Template, TemplateError};
use crate::i18n::{Lang, T, ack_via_key, field_key};

/// The built-in templates, by language and kind.
const BUILT_IN: [(Language, LetterKind, &str); 6] = [
    (
        Language::En,
        LetterKind::Acknowledgement,
        include_str!("../assets/templates/en/acknowledgement.txt"),
    ),
    (
        Language::En,
        LetterKind::Justification,
        include_str!("../assets/templates/en/justification.txt"),
    ),
    (
        Language::En,
        LetterKind::Outcome,
        include_str!("../assets/templates/en/outcome.txt"),
    ),
    (
        Language::Nl,
        LetterKind::Acknowledgement,
        include_str!("../assets/templates/nl/acknowledgement.txt"),
    ),
    (
        Language::Nl,
        LetterKind::Justification,
        include_str!("../assets/templates/nl/justification.txt"),
    ),
    (
        Language::Nl,
        LetterKind::Outcome,
        include_str!("../assets/templates/nl/outcome.txt"),
    ),
];

/// Where a template came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn { language: Language, kind: LetterKind },
    File(PathBuf),
}

/// Why a template cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadProblem {
    Invalid(TemplateError),
    Unreadable(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub origin: Origin,
    pub problem: LoadProblem,
}

/// Why a letter cannot be made: its template, or the case lacks data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LetterError {
    Template(LoadError),
    Missing(MissingData),
}

/// One template per language and kind, each ready or with its problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Templates {
    entries: Vec<(Language, LetterKind, Result<Template, LoadError>)>,
}

impl Templates {
    /// The built-in templates only.
    pub fn built_in() -> Templates {
        Templates::load(None)
    }

    /// The built-in templates, each replaced by `<config_dir>/templates/<lang>/<kind>.txt`
    /// where that file exists.
    pub fn load(config_dir: Option<&Path>) -> Templates {
        let entries = BUILT_IN
            .iter()
            .map(|&(language, kind, text)| {
                let file = config_dir.map(|dir| override_file(dir, language, kind));
                let template = match file.filter(|f| f.exists()) {
                    Some(file) => read(&file),
                    None => parse(text, Origin::BuiltIn { language, kind }),
                };
                (language, kind, template)
            })
            .collect();
        Templates { entries }
    }

    pub fn get(&self, language: Language, kind: LetterKind) -> Result<&Template, &LoadError> {
        self.entries
            .iter()
            .find(|(l, k, _)| *l == language && *k == kind)
            .map(|(_, _, t)| t.as_ref())
            .expect("every language and kind has a template")
    }

    /// The letter of `kind` for the case in `facts`, in `facts.language`.
    pub fn letter(&self, kind: LetterKind, facts: &Facts) -> Result<String, LetterError> {
        let template = self
            .get(facts.language, kind)
            .map_err(|e| LetterError::Template(e.clone()))?;
        crate::domain::template::letter(kind, template, facts).map_err(LetterError::Missing)
    }
}

/// Where the desk puts its own version of a template.
pub fn override_file(config_dir: &Path, language: Language, kind: LetterKind) -> PathBuf {
    config_dir
        .join("templates")
        .join(language.slug())
        .join(format!("{}.txt", kind.slug()))
}

fn read(file: &Path) -> Result<Template, LoadError> {
    match std::fs::read_to_string(file) {
        Ok(text) => parse(&text, Origin::File(file.to_path_buf())),
        Err(e) => Err(LoadError {
            origin: Origin::File(file.to_path_buf()),
            problem: LoadProblem::Unreadable(e.to_string()),
        }),
    }
}

fn parse(text: &str, origin: Origin) -> Result<Template, LoadError> {
    // Templates edited on Windows end their lines with CR LF.
    Template::parse(&text.replace("\r\n", "\n")).map_err(|e| LoadError {
        origin,
        problem: LoadProblem::Invalid(e),
    })
}

/// The folder of the configuration file `--config` names (`.` for a bare
/// file name): where the desk keeps its `templates/`.
pub fn folder_of(file: &Path) -> PathBuf {
    let dir = file.parent().filter(|d| !d.as_os_str().is_empty());
    dir.unwrap_or(Path::new(".")).to_path_buf()
}

/// The configuration folder when `--config` names no file: the platform's.
pub fn default_folder() -> Option<PathBuf> {
    crate::config::default_config_file().and_then(|f| f.parent().map(Path::to_path_buf))
}

impl From<Lang> for Language {
    fn from(lang: Lang) -> Language {
        match lang {
            Lang::En => Language::En,
            Lang::Nl => Language::Nl,
        }
    }
}

impl From<Language> for Lang {
    fn from(language: Language) -> Lang {
        match language {
            Language::En => Lang::En,
            Language::Nl => Lang::Nl,
        }
    }
}

pub fn kind_key(kind: LetterKind) -> T {
    match kind {
        LetterKind::Acknowledgement => T::LetterAcknowledgement,
        LetterKind::Justification => T::LetterJustification,
        LetterKind::Outcome => T::LetterOutcome,
    }
}

pub fn language_key(language: Language) -> T {
    match language {
        Language::En => T::LetterEnglish,
        Language::Nl => T::LetterDutch,
    }
}

pub fn via_key(via: SentVia) -> T {
    ack_via_key(via.ack_via())
}

/// The contact-log text recording a sent letter, in the operator's language:
/// `Sent: acknowledgement of receipt (e-mail, Dutch)`.
pub fn sent_log_text(lang: Lang, kind: LetterKind, via: SentVia, language: Language) -> String {
    lang.fill(
        T::LetterSentLog,
        &[
            ("kind", &lang.t(kind_key(kind))),
            ("via", &lang.t(via_key(via))),
            ("language", &lang.t(language_key(language))),
        ],
    )
}

impl Origin {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Origin::BuiltIn { language, kind } => lang.fill(
                T::LetterBuiltIn,
                &[("language", &language.slug()), ("kind", &kind.slug())],
            ),
            Origin::File(path) => path.display().to_string(),
        }
    }
}

impl LoadError {
    /// `…/templates/nl/outcome.txt, line 3: unknown placeholder {{klant}}; the known ones are …`
    pub fn describe(&self, lang: Lang) -> String {
        let file = self.origin.describe(lang);
        match &self.problem {
            LoadProblem::Invalid(TemplateError::UnknownPlaceholder { name, line, known }) => lang.fill(
                T::LetterUnknownPlaceholder,
                &[
                    ("file", &file),
                    ("line", line),
                    ("placeholder", &format!("{{{{{name}}}}}")),
                    ("known", &known.join(", ")),
                ],
            ),
            LoadProblem::Invalid(TemplateError::Unclosed { line }) => {
                lang.fill(T::LetterUnclosed, &[("file", &file), ("line", line)])
            }
            LoadProblem::Unreadable(reason) => {
                lang.fill(T::LetterUnreadable, &[("file", &file), ("reason", reason)])
            }
        }
    }
}

impl LetterError {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            LetterError::Template(e) => e.describe(lang),
            LetterError::Missing(m) => {
                let fields: Vec<String> = m
                    .fields
                    .iter()
                    .map(|f| lang.t(field_key(*f)).to_lowercase())
                    .collect();
                lang.fill(T::LetterMissing, &[("fields", &fields.join(", "))])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_configuration_file_has_its_templates_beside_it() {
        assert_eq!(folder_of(Path::new("/etc/desk/k.toml")), Path::new("/etc/desk"));
        assert_eq!(folder_of(Path::new("k.toml")), Path::new("."));
    }

    #[test]
    fn every_built_in_template_parses() {
        let templates = Templates::built_in();
        for language in Language::ALL {
            for kind in LetterKind::ALL {
                let t = templates.get(language, kind);
                assert!(t.is_ok(), "{language:?} {kind:?}: {t:?}");
            }
        }
    }
}
