//! Carrying out what `update` asks for, on the desk, and turning each result
//! into the message `update` gets next. The session loop and the tests both
//! use this, so a test drives exactly what an operator's keys do. Who saves
//! and when is the desk's to say: the session's operator, on its clock.

use std::path::Path;

use super::{App, Effect, Msg, update};
use crate::desk::Desk;
use crate::i18n::Describe;
use crate::private_file::{self, FileError};

/// Does one effect; returns the message that reports its result, if any.
pub fn perform(effect: &Effect, desk: &dyn Desk, app: &App) -> Option<Msg> {
    match effect {
        Effect::Register(intake) => Some(Msg::Registered(desk.register(intake, None))),
        Effect::Execute {
            id,
            expected_version,
            commands,
        } => Some(Msg::Saved(desk.execute(
            *id,
            Some(*expected_version),
            commands.clone(),
        ))),
        Effect::Fetch(id) => Some(Msg::Fetched(desk.get(*id))),
        Effect::LoadEvents(id) => Some(Msg::Events(*id, desk.events(*id).unwrap_or_default())),
        Effect::WriteFile { path, contents } => Some(write_file(app, path, contents, false)),
        Effect::ReplaceFile { path, contents } => Some(write_file(app, path, contents, true)),
        Effect::LoadHistory => Some(Msg::History(std::sync::Arc::new(
            desk.history().unwrap_or_default(),
        ))),
        // The terminal's own business: see `dispatch`.
        Effect::Copy(_) | Effect::Quit => None,
    }
}

/// Feeds `msg` to the app and carries out every effect that follows, until
/// nothing is left to do. Returns the effects only the terminal can carry out
/// (copying to its clipboard, quitting).
pub fn dispatch(app: &mut App, msg: Msg, desk: &dyn Desk) -> Vec<Effect> {
    let mut queue = vec![msg];
    let mut for_terminal = Vec::new();
    while let Some(msg) = queue.pop() {
        for effect in update(app, msg) {
            match effect {
                Effect::Copy(_) | Effect::Quit => for_terminal.push(effect),
                effect => queue.extend(perform(&effect, desk, app)),
            }
        }
    }
    for_terminal
}

/// Writes a file the operator asked for, creating its folder if needed (see
/// [`private_file`] for how). An existing file is replaced only with `replace`.
fn write_file(app: &App, path: &Path, contents: &str, replace: bool) -> Msg {
    let placed = app.settings.place(path);
    let path = placed.as_path();
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && let Err(e) = std::fs::create_dir_all(parent)
    {
        return Msg::Written(Err(format!("{}: {e}", parent.display())));
    }
    match private_file::write_text(path, replace, contents) {
        // The full path tells the operator where to find it.
        Ok(()) => Msg::Written(Ok(
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        )),
        Err(FileError::Exists(path)) => Msg::FileExists {
            path,
            contents: contents.to_string(),
        },
        Err(e) => Msg::Written(Err(e.describe(app.lang))),
    }
}

/// The OSC 52 sequence that puts `text` on the clipboard of the terminal it is
/// written to, also over SSH; terminals that do not support it ignore it.
pub fn osc52(text: &str) -> String {
    use base64::Engine;
    format!(
        "\x1b]52;c;{}\x07",
        base64::engine::general_purpose::STANDARD.encode(text)
    )
}
