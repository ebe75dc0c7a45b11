//! What an operator can ask for with one key, and everything else the app
//! reacts to. Actions are named in snake_case so that the keymap (an embedded
//! TOML file, overridable in the config) can bind keys to them by name.

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::KeyEvent;

use crate::domain::case::Case;
use crate::store::CommandError;

pub use crate::action::Action;

/// Everything `update` reacts to.
#[derive(Debug, Clone)]
pub enum Msg {
    /// A key bound to an action where it was pressed.
    Action(Action),
    /// A key with no binding there: typing, for the editor that has the focus.
    Key(KeyEvent),
    /// Text pasted into the terminal.
    Paste(String),
    /// A mouse click at a cell of the screen.
    Click { column: u16, row: u16 },
    /// The mouse wheel at a cell of the screen.
    Scroll { column: u16, row: u16, down: bool },
    /// The terminal's new size.
    Resize { width: u16, height: u16 },
    /// The clock moved on.
    Tick(DateTime<Utc>),
    /// The store's answer to a command this app sent.
    Saved(Result<Case, CommandError>),
    /// The desk's answer to `commands` this app sent: the flash names what
    /// was done, and the selection follows the case.
    Executed {
        result: Result<Case, CommandError>,
        commands: Vec<crate::domain::workflow::Command>,
    },
    /// The store's answer to a registration this app sent.
    Registered(Result<Case, CommandError>),
    /// The desk's answer to taking a change back ([`Effect::Undo`]).
    Undone(Result<Case, CommandError>),
    /// The store's answer to taking a case ([`Effect::Take`]).
    Taken(Result<Case, CommandError>),
    /// A case was changed, here or elsewhere: its new snapshot, as the store
    /// now holds it.
    Changed(Case),
    /// A case is no longer in the store (its registration could not be saved).
    Removed(crate::domain::case::CaseId),
    /// Every case with its audit trail, oldest case first.
    /// The cases a report of a period starting at the moment given needs,
    /// with their audit trails.
    History(
        chrono::DateTime<chrono::Utc>,
        std::sync::Arc<Vec<(Case, Vec<crate::domain::event::Event>)>>,
    ),
    /// Whether a file asked for with [`Effect::WriteFile`] was written.
    Written(Result<std::path::PathBuf, String>),
    /// The file asked for with [`Effect::WriteFile`] exists already, and
    /// nothing was written: the operator is asked whether to replace it.
    FileExists {
        path: std::path::PathBuf,
        contents: String,
    },
    /// A case's audit trail, as asked for with [`Effect::LoadEvents`].
    Events(crate::domain::case::CaseId, Vec<crate::domain::event::Event>),
    /// What an effect asked to be copied is on the clipboard.
    Copied,
    /// A line from the desk for the foot of the screen.
    Notice(Notice),
    /// The desk read the whole queue again (after a job that had the
    /// database to itself): every view is derived again.
    Reloaded,
    /// A case as it stands now, asked for with [`Effect::Fetch`].
    Fetched(Result<Case, crate::store::StoreError>),
}

/// What `update` asks the outside world to do; the result comes back as a [`Msg`].
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Register(crate::domain::intake::Intake),
    Execute {
        id: crate::domain::case::CaseId,
        expected_version: u32,
        commands: Vec<crate::domain::workflow::Command>,
    },
    /// Make this operator the case's handler; the answer comes back as
    /// [`Msg::Taken`].
    Take {
        id: crate::domain::case::CaseId,
        expected_version: u32,
    },
    /// Take back this operator's change of case `id` that began with event
    /// `first`; the answer comes back as [`Msg::Undone`].
    Undo {
        id: crate::domain::case::CaseId,
        first: u32,
    },
    /// Read a case's audit trail.
    LoadEvents(crate::domain::case::CaseId),
    /// Read a case as it stands now; the answer comes back as [`Msg::Fetched`].
    Fetch(crate::domain::case::CaseId),
    /// Read the cases a report of a period starting at `since` needs, with
    /// their audit trails; the answer comes back as [`Msg::History`].
    LoadHistory {
        since: chrono::DateTime<chrono::Utc>,
    },
    /// Put text on the clipboard of the operator's terminal (OSC 52).
    Copy(String),
    /// Write text to a new file (readable by the operator only); the answer
    /// comes back as [`Msg::Written`], or [`Msg::FileExists`].
    WriteFile {
        path: std::path::PathBuf,
        contents: String,
    },
    /// Write text to a file, replacing the one there (but never a symbolic
    /// link); the answer comes back as [`Msg::Written`].
    ReplaceFile {
        path: std::path::PathBuf,
        contents: String,
    },
    Quit,
}

/// What the desk tells every board, in each one's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Saving pauses: `by` runs a job that needs the database to itself.
    Away(crate::desk::Away),
    /// The job is done; saving goes on.
    Back { by: String },
    /// The desk is closing.
    Closing,
    /// This board closes in a minute unless a key is pressed.
    ClosingIdle,
    /// The operator came back to the board a lost connection left.
    Resumed,
}
