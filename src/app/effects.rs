//! Carrying out what `update` asks for, on the desk, and turning each result
//! into the message `update` gets next. The session loop and the tests both
//! use this, so a test drives exactly what an operator's keys do. Who saves
//! and when is the desk's to say: the session's operator, on its clock.

use std::path::Path;

use super::{App, Effect, Msg, update};
use crate::desk::Desk;
use crate::i18n::{Describe, Lang};
use crate::private_file::{self, FileError, Written};

/// Does one effect; returns the message that reports its result, if any.
pub fn perform(effect: &Effect, desk: &dyn Desk, app: &App) -> Option<Msg> {
    match effect {
        Effect::Register(intake) => Some(Msg::Registered(desk.register(intake, None))),
        Effect::Execute {
            id,
            expected_version,
            commands,
        } => Some(Msg::Executed {
            result: desk.execute(*id, Some(*expected_version), commands.clone()),
            commands: commands.clone(),
        }),
        Effect::Take { id, expected_version } => Some(Msg::Taken(desk.execute(
            *id,
            Some(*expected_version),
            vec![crate::domain::workflow::Command::AssignHandler {
                handler: app.operator.clone(),
            }],
        ))),
        Effect::Undo { id, first } => Some(Msg::Undone(desk.execute(
            *id,
            None,
            vec![crate::domain::workflow::Command::Undo { seq: *first }],
        ))),
        Effect::Fetch(id) => Some(Msg::Fetched(desk.get(*id))),
        Effect::LoadEvents(id) => Some(Msg::Events(*id, desk.events(*id).unwrap_or_default())),
        Effect::WriteFile { path, contents } => Some(write_file(app, path, contents, false)),
        Effect::ReplaceFile { path, contents } => Some(write_file(app, path, contents, true)),
        Effect::LoadHistory { since } => Some(Msg::History(
            *since,
            std::sync::Arc::new(desk.history(*since).map(|h| h.trails).unwrap_or_default()),
        )),
        // The terminal's own business: see `dispatch`.
        Effect::Copy(_) | Effect::Quit => None,
    }
}

/// Feeds `msg` to the app and carries out every effect that follows, until
/// nothing is left to do. Returns the effects only the terminal can carry out
/// (copying to its clipboard, quitting).
pub fn dispatch(app: &mut App, msg: Msg, desk: &dyn Desk) -> Vec<Effect> {
    carry_out(app, msg, desk, |effect| {
        matches!(effect, Effect::Copy(_) | Effect::Quit)
    })
}

/// As [`dispatch`], for a board drawn for a terminal elsewhere: the files the
/// operator asks for are written there too (in their folder, as their
/// user), so they are among the effects returned.
pub fn dispatch_for_terminal(app: &mut App, msg: Msg, desk: &dyn Desk) -> Vec<Effect> {
    carry_out(app, msg, desk, |effect| {
        matches!(
            effect,
            Effect::Copy(_) | Effect::Quit | Effect::WriteFile { .. } | Effect::ReplaceFile { .. }
        )
    })
}

fn carry_out(app: &mut App, msg: Msg, desk: &dyn Desk, terminals: impl Fn(&Effect) -> bool) -> Vec<Effect> {
    let mut queue = vec![msg];
    let mut for_terminal = Vec::new();
    while let Some(msg) = queue.pop() {
        for effect in update(app, msg) {
            if terminals(&effect) {
                for_terminal.push(effect);
            } else {
                queue.extend(perform(&effect, desk, app));
            }
        }
    }
    for_terminal
}

/// Writes a file the operator asked for (see [`write_into`]); the message
/// that reports how it went.
fn write_file(app: &App, path: &Path, contents: &str, replace: bool) -> Msg {
    written_msg(
        write_into(&app.settings.exports, path, contents, replace, app.lang),
        contents,
    )
}

/// Writes `contents` to `path` — `~/…` in the home folder of whoever
/// writes it, a relative one into the folder `exports` — creating the folder
/// if needed (see [`private_file`] for how); a file that is there is
/// replaced only with `replace`.
pub fn write_into(exports: &Path, path: &Path, contents: &str, replace: bool, lang: Lang) -> Written {
    let path = crate::config::expand_home(path);
    let path = if path.is_absolute() {
        path
    } else {
        exports.join(path)
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && let Err(e) = std::fs::create_dir_all(parent)
    {
        return Written::Failed(format!("{}: {e}", parent.display()));
    }
    match private_file::write_text(&path, replace, contents) {
        // The full path tells the operator where to find it.
        Ok(()) => Written::Wrote(std::fs::canonicalize(&path).unwrap_or(path)),
        Err(FileError::Exists(path)) => Written::Exists(path),
        Err(e) => Written::Failed(e.describe(lang)),
    }
}

/// The message a file's writing gives the app; `contents` for asking
/// whether to replace one that is there.
pub fn written_msg(written: Written, contents: &str) -> Msg {
    match written {
        Written::Wrote(path) => Msg::Written(Ok(path)),
        Written::Exists(path) => Msg::FileExists {
            path,
            contents: contents.to_string(),
        },
        Written::Failed(reason) => Msg::Written(Err(reason)),
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
