//! "Write to:", asked before a letter or an export is written: the export
//! folder and a file name offered, editable; Enter writes, Esc writes
//! nothing. Where files go by name only (over SSH, the desk writes them into
//! the operator's folder) only the name is asked.

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea};

use super::modal::{Outcome, Typed};
use super::search::hostile;
use super::{Action, App, Effect, Modal, Settings};
use crate::i18n::{Lang, T};

#[derive(Debug, Clone)]
pub struct SaveAs {
    /// The path (or, by name only, the file name) to write to.
    pub input: TextArea<'static>,
    pub contents: String,
    /// Why the path typed cannot be written to, until it is changed.
    pub problem: Option<String>,
    /// What was open when the question came (the letter, the report).
    pub under: Option<Box<Modal>>,
}

impl SaveAs {
    pub fn typed(&self) -> &str {
        self.input.lines().first().map_or("", String::as_str)
    }
}

/// Asks where to write `contents`, offering `name` in the export folder.
pub fn ask(app: &mut App, name: &Path, contents: String) {
    let offered = if app.settings.by_name_only {
        name.to_path_buf()
    } else {
        app.settings.exports.join(name)
    };
    let mut input = TextArea::new(vec![offered.display().to_string()]);
    input.set_cursor_line_style(Style::default());
    input.move_cursor(CursorMove::End);
    let under = app.modal.take().map(Box::new);
    app.modal = Some(Modal::SaveAs(Box::new(SaveAs {
        input,
        contents,
        problem: None,
        under,
    })));
}

/// As [`ask`], over `under` (the screen the file was asked for on, whose
/// handler has it): it comes back after the question.
pub fn ask_over(app: &mut App, under: Modal, name: &Path, contents: String) -> (Outcome, Vec<Effect>) {
    app.modal = Some(under);
    ask(app, name, contents);
    (Outcome::Close, Vec::new())
}

/// Enter writes to the path typed, if it names a file; Esc writes nothing.
/// The screen asked over comes back either way.
pub fn handle(app: &mut App, save: &mut SaveAs, typed: Typed) -> (Outcome, Vec<Effect>) {
    match typed {
        Typed::Action(Action::Back) => {
            app.modal = save.under.take().map(|under| *under);
            app.flash(app.lang.t(T::SaveAsCancelled), false);
            (Outcome::Close, Vec::new())
        }
        Typed::Action(Action::Open) => match target(&app.settings, save.typed(), app.lang) {
            Ok(path) => {
                app.modal = save.under.take().map(|under| *under);
                let contents = std::mem::take(&mut save.contents);
                (Outcome::Close, vec![Effect::WriteFile { path, contents }])
            }
            Err(problem) => {
                save.problem = Some(problem);
                (Outcome::Stay, Vec::new())
            }
        },
        Typed::Key(key) => {
            if type_key(save, key) {
                save.problem = None;
            }
            (Outcome::Stay, Vec::new())
        }
        Typed::Paste(text) => {
            let clean: String = text.chars().filter(|&c| !hostile(c)).collect();
            if save.input.insert_str(clean) {
                save.problem = None;
            }
            (Outcome::Stay, Vec::new())
        }
        Typed::Action(_) => (Outcome::Stay, Vec::new()),
    }
}

/// Types a key into the one line; keys that would break it are refused.
fn type_key(save: &mut SaveAs, key: KeyEvent) -> bool {
    let breaks_line = matches!(key.code, KeyCode::Enter | KeyCode::Tab | KeyCode::BackTab)
        || (key.code == KeyCode::Char('m') && key.modifiers.contains(KeyModifiers::CONTROL))
        || matches!(key.code, KeyCode::Char(c) if hostile(c));
    if breaks_line {
        return false;
    }
    let before = save.typed().to_string();
    save.input.input(key);
    save.typed() != before
}

/// Where `typed` writes: a full path (or one in the home folder, `~/…`) as
/// it is, anything else inside the export folder — never the working
/// folder. By name only, a name without a folder.
fn target(settings: &Settings, typed: &str, lang: Lang) -> Result<PathBuf, String> {
    let typed = typed.trim();
    let path = Path::new(typed);
    let named = !typed.ends_with('/') && path.file_name().is_some();
    if settings.by_name_only {
        if !named || typed.contains('/') {
            return Err(lang.fill(T::SaveAsNameOnly, &[("folder", &settings.exports.display())]));
        }
        return Ok(settings.exports.join(typed));
    }
    if !named {
        return Err(lang.t(T::SaveAsNeedsName).to_string());
    }
    if path.is_absolute() || typed.starts_with("~/") {
        Ok(path.to_path_buf())
    } else {
        Ok(settings.exports.join(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(by_name_only: bool) -> Settings {
        Settings {
            exports: "/srv/exports".into(),
            by_name_only,
            ..Settings::default()
        }
    }

    #[test]
    fn a_path_is_full_in_the_home_folder_or_inside_the_export_folder() {
        let to = |typed: &str| target(&settings(false), typed, Lang::En);
        assert_eq!(to("/tmp/a.txt"), Ok("/tmp/a.txt".into()));
        assert_eq!(to("~/brieven/a.txt"), Ok("~/brieven/a.txt".into()));
        assert_eq!(to("a.txt"), Ok("/srv/exports/a.txt".into()));
        assert_eq!(to("../a.txt"), Ok("/srv/exports/../a.txt".into()));
        for nameless in ["", "  ", "/tmp/", "/", ".."] {
            assert!(to(nameless).is_err(), "{nameless:?}");
        }
    }

    #[test]
    fn by_name_only_a_folder_is_refused() {
        let to = |typed: &str| target(&settings(true), typed, Lang::En);
        assert_eq!(to("a.txt"), Ok("/srv/exports/a.txt".into()));
        for foldered in ["/tmp/a.txt", "sub/a.txt", "", ".."] {
            assert!(to(foldered).is_err(), "{foldered:?}");
        }
    }
}
