//! What a key can ask for, and where on the screen it is pressed: the words
//! the keymap, the app and the catalogue share. A leaf: it names nothing else
//! of ours, so that none of them depends on another through it.

use serde::Deserialize;

/// A command bound to a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Help,
    Left,
    Right,
    Up,
    Down,
    First,
    Last,
    PageUp,
    PageDown,
    Open,
    Back,
    NewCase,
    Search,
    Menu,
    Edit,
    LogContact,
    ToggleClosed,
    Filter,
    FilterMine,
    FilterBreached,
    FilterDueToday,
    ClearFilters,
    Save,
    NextField,
    PrevField,
    OpenDuplicate,
    /// Yes, where the operator's language says yes with `y`.
    Yes,
    /// Yes in Dutch (`j`): in English `j` moves down, so it answers nothing there.
    Ja,
    No,
    /// The reports screen.
    Reports,
    /// The learnings register.
    Learnings,
    /// Letters and e-mails to the complainant from templates.
    Letter,
    /// Copy to the clipboard (OSC 52, so it works over SSH too).
    Copy,
    /// Write to a file.
    WriteFile,
    /// Record that a letter was sent.
    MarkSent,
    PrevPeriod,
    NextPeriod,
    /// Export what is shown.
    Export,
    /// Make me the case's handler.
    Take,
    /// In a form refused because another operator changed the field: put
    /// their value in, in place of mine.
    TakeTheirs,
    /// Board ↔ queue (one table, most urgent first).
    ToggleQueue,
    /// The most urgent case; again: the next most urgent.
    NextUrgent,
    /// Cards of one line, or of four.
    ToggleCompact,
    /// Take back the operator's own last change.
    Undo,
    /// Why is this due then? The deadline of a case explained.
    ExplainDeadline,
    /// Personal data on the screen masked (initials, part of the phone and
    /// e-mail), or shown: for screen sharing and shoulder surfing.
    ToggleMasking,
    /// Record a promise to the complainant (what, by when).
    Promise,
    /// Mark a promise to the complainant kept.
    KeepPromise,
    /// Move a promise to the complainant, with a reason.
    MovePromise,
}

/// Where on the screen a key is pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    Global,
    Board,
    Case,
    Form,
    Confirm,
    Search,
    Menu,
    Help,
    Report,
    Letter,
}

impl Context {
    /// The order the help lists the places in.
    pub const HELP_ORDER: [Context; 10] = [
        Context::Global,
        Context::Board,
        Context::Case,
        Context::Form,
        Context::Confirm,
        Context::Search,
        Context::Menu,
        Context::Report,
        Context::Letter,
        Context::Help,
    ];

    /// Whether the global bindings apply here: not while typing.
    pub(crate) fn with_global(self) -> bool {
        matches!(
            self,
            Context::Board | Context::Case | Context::Menu | Context::Help | Context::Report
        )
    }
}
