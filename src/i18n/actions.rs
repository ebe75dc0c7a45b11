//! The words for the keymap's actions and contexts.

use crate::action::{Action, Context};

use super::T;

/// The short label (footer) and the description (help) of an action.
pub fn action_keys(action: Action) -> (T, T) {
    match action {
        Action::Quit => (T::ActQuit, T::ActQuitHelp),
        Action::Help => (T::ActHelp, T::ActHelpHelp),
        Action::Left => (T::ActLeft, T::ActLeftHelp),
        Action::Right => (T::ActRight, T::ActRightHelp),
        Action::Up => (T::ActUp, T::ActUpHelp),
        Action::Down => (T::ActDown, T::ActDownHelp),
        Action::First => (T::ActFirst, T::ActFirstHelp),
        Action::Last => (T::ActLast, T::ActLastHelp),
        Action::PageUp => (T::ActPageUp, T::ActPageUpHelp),
        Action::PageDown => (T::ActPageDown, T::ActPageDownHelp),
        Action::Open => (T::ActOpen, T::ActOpenHelp),
        Action::Back => (T::ActBack, T::ActBackHelp),
        Action::NewCase => (T::ActNewCase, T::ActNewCaseHelp),
        Action::Search => (T::ActSearch, T::ActSearchHelp),
        Action::Menu => (T::ActMenu, T::ActMenuHelp),
        Action::Edit => (T::ActEdit, T::ActEditHelp),
        Action::LogContact => (T::ActLogContact, T::ActLogContactHelp),
        Action::ToggleClosed => (T::ActToggleClosed, T::ActToggleClosedHelp),
        Action::Filter => (T::ActFilter, T::ActFilterHelp),
        Action::FilterMine => (T::ActFilterMine, T::ActFilterMineHelp),
        Action::FilterBreached => (T::ActFilterBreached, T::ActFilterBreachedHelp),
        Action::FilterDueToday => (T::ActFilterDueToday, T::ActFilterDueTodayHelp),
        Action::ClearFilters => (T::ActClearFilters, T::ActClearFiltersHelp),
        Action::Save => (T::ActSave, T::ActSaveHelp),
        Action::NextField => (T::ActNextField, T::ActNextFieldHelp),
        Action::PrevField => (T::ActPrevField, T::ActPrevFieldHelp),
        Action::OpenDuplicate => (T::ActOpenDuplicate, T::ActOpenDuplicateHelp),
        Action::Take => (T::ActTake, T::ActTakeHelp),
        Action::TakeTheirs => (T::ActTakeTheirs, T::ActTakeTheirsHelp),
        Action::Yes => (T::ActYes, T::ActYesHelp),
        Action::Ja => (T::ActJa, T::ActJaHelp),
        Action::No => (T::ActNo, T::ActNoHelp),
        Action::Undo => (T::ActUndo, T::ActUndoHelp),
        Action::Reports => (T::ActReports, T::ActReportsHelp),
        Action::Learnings => (T::ActLearnings, T::ActLearningsHelp),
        Action::Letter => (T::ActLetter, T::ActLetterHelp),
        Action::Copy => (T::ActCopy, T::ActCopyHelp),
        Action::WriteFile => (T::ActWriteFile, T::ActWriteFileHelp),
        Action::MarkSent => (T::ActMarkSent, T::ActMarkSentHelp),
        Action::PrevPeriod => (T::ActPrevPeriod, T::ActPrevPeriodHelp),
        Action::NextPeriod => (T::ActNextPeriod, T::ActNextPeriodHelp),
        Action::Export => (T::ActExport, T::ActExportHelp),
        Action::ToggleQueue => (T::ActToggleQueue, T::ActToggleQueueHelp),
        Action::NextUrgent => (T::ActNextUrgent, T::ActNextUrgentHelp),
        Action::ToggleCompact => (T::ActToggleCompact, T::ActToggleCompactHelp),
        Action::ExplainDeadline => (T::ActExplainDeadline, T::ActExplainDeadlineHelp),
        Action::ToggleMasking => (T::ActToggleMasking, T::ActToggleMaskingHelp),
        Action::Promise => (T::ActPromise, T::ActPromiseHelp),
        Action::KeepPromise => (T::ActKeepPromise, T::ActKeepPromiseHelp),
        Action::MovePromise => (T::ActMovePromise, T::ActMovePromiseHelp),
    }
}

pub fn context_key(context: Context) -> T {
    match context {
        Context::Global => T::ContextGlobal,
        Context::Board => T::ContextBoard,
        Context::Case => T::ContextCase,
        Context::Form => T::ContextForm,
        Context::Confirm => T::ContextConfirm,
        Context::Search => T::ContextSearch,
        Context::Menu => T::ContextMenu,
        Context::Help => T::ContextHelp,
        Context::Report => T::ContextReport,
        Context::Letter => T::ContextLetter,
    }
}
