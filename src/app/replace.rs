//! "The file exists already: replace it?", asked when a letter or an export
//! would replace a file. Yes writes it; no keeps the file as it was. The
//! screen it was asked over (the letter, the report) comes back either way.

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::modal::{Outcome, Typed};
use super::{Action, App, Effect, Modal};
use crate::i18n::T;

#[derive(Debug, Clone)]
pub struct ReplaceFile {
    pub path: PathBuf,
    pub contents: String,
    /// What was open when the question came.
    pub under: Option<Box<Modal>>,
}

/// Asks whether to replace the file at `path` with `contents`.
pub fn ask(app: &mut App, path: PathBuf, contents: String) {
    let under = app.modal.take().map(Box::new);
    app.modal = Some(Modal::Replace(Box::new(ReplaceFile {
        path,
        contents,
        under,
    })));
}

/// The answer: yes (or Enter) replaces the file, no leaves it alone.
pub fn handle(app: &mut App, replace: &mut ReplaceFile, typed: Typed) -> (Outcome, Vec<Effect>) {
    let yes = match typed {
        Typed::Action(Action::Yes) => true,
        Typed::Key(key) if key.code == KeyCode::Enter && key.modifiers == KeyModifiers::NONE => true,
        Typed::Action(Action::No) => false,
        _ => return (Outcome::Stay, Vec::new()),
    };
    app.modal = replace.under.take().map(|under| *under);
    let path = std::mem::take(&mut replace.path);
    if yes {
        let contents = std::mem::take(&mut replace.contents);
        return (Outcome::Close, vec![Effect::ReplaceFile { path, contents }]);
    }
    app.flash(app.lang.fill(T::ReplaceKept, &[("path", &path.display())]), false);
    (Outcome::Close, Vec::new())
}
