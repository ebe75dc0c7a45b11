//! What is shown over the board and takes the keys: help, search, a menu, a
//! form. Each kind handles its own input; this routes input to it.

use ratatui::crossterm::event::KeyEvent;

use super::{Action, App, Effect};
use crate::keymap::Context;

use super::deadline::DeadlineView;
use super::filter_menu::FilterMenu;
use super::forms::FormModal;
use super::learnings::LearningsView;
use super::letters::LetterView;
use super::moves_menu::MoveMenu;
use super::recurrence::RecurrenceAlert;
use super::replace::ReplaceFile;
use super::reports::ReportView;
use super::save_as::SaveAs;
use super::search::Search;
use crate::domain::case::CaseId;

#[derive(Debug, Clone)]
pub enum Modal {
    Help {
        scroll: u16,
    },
    Search(Box<Search>),
    Filter(FilterMenu),
    Menu(MoveMenu),
    Form(Box<FormModal>),
    /// A complaint was just registered: its number, large, to read aloud.
    Registered(CaseId),
    Report(Box<ReportView>),
    Learnings(Box<LearningsView>),
    Letter(Box<LetterView>),
    /// A file to write exists already: replace it?
    Replace(Box<ReplaceFile>),
    /// Where to write a letter or an export.
    SaveAs(Box<SaveAs>),
    /// Why is this due then? A case's deadline explained.
    Deadline(DeadlineView),
    /// The k-th case with the same root cause on a service within the days:
    /// said once, until dismissed.
    Recurrence(Box<RecurrenceAlert>),
}

/// Input for the modal that has the focus: an action bound where the key was
/// pressed, a key to type, or pasted text.
#[derive(Debug, Clone)]
pub enum Typed {
    Action(Action),
    Key(KeyEvent),
    Paste(String),
}

/// Whether a modal stays open after handling input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    Close,
}

impl Modal {
    /// Where its keys are looked up.
    pub fn context(&self) -> Context {
        match self {
            // Read and scrolled as the help is, with the same keys.
            Modal::Help { .. } | Modal::Deadline(_) => Context::Help,
            Modal::Search(_) | Modal::SaveAs(_) => Context::Search,
            Modal::Filter(_) | Modal::Menu(_) | Modal::Registered(_) | Modal::Recurrence(_) => Context::Menu,
            Modal::Learnings(view) if view.typing() => Context::Search,
            Modal::Report(_) | Modal::Learnings(_) => Context::Report,
            Modal::Letter(view) if view.confirming => Context::Confirm,
            Modal::Letter(_) => Context::Letter,
            Modal::Form(form) if form.form.confirm_discard => Context::Confirm,
            Modal::Replace(_) => Context::Confirm,
            Modal::Form(_) => Context::Form,
        }
    }
}

/// Hands input to the open modal. A handler that closes its modal may open
/// another (a menu opening a form); one that stays must leave `app.modal` alone.
pub fn handle(app: &mut App, typed: Typed) -> Vec<Effect> {
    let Some(mut modal) = app.modal.take() else {
        return Vec::new();
    };
    // Where nothing is being typed, the global keys work over the modal too:
    // `n` opens the intake from the menu, the help or the registered screen.
    if let Typed::Action(action @ (Action::NewCase | Action::Search)) = typed
        && matches!(
            modal,
            Modal::Help { .. }
                | Modal::Deadline(_)
                | Modal::Filter(_)
                | Modal::Menu(_)
                | Modal::Registered(_)
                | Modal::Report(_)
                | Modal::Learnings(_)
        )
    {
        return super::update::common_action(app, action).unwrap_or_default();
    }
    let (outcome, effects) = match &mut modal {
        Modal::Help { scroll } => (help(scroll, app.help_max_scroll(), &typed), Vec::new()),
        Modal::Search(search) => super::search::handle(app, search, typed),
        Modal::Filter(menu) => super::filter_menu::handle(app, menu, typed),
        Modal::Menu(menu) => super::moves_menu::handle(app, menu, typed),
        Modal::Form(form) => super::forms::handle(app, form, typed),
        Modal::Registered(id) => registered(app, *id, &typed),
        Modal::Report(view) => super::reports::handle(app, view, typed),
        Modal::Learnings(view) => super::learnings::handle(app, view, typed),
        Modal::Letter(view) => super::letters::handle(app, view, typed),
        Modal::Replace(replace) => super::replace::handle(app, replace, typed),
        Modal::SaveAs(save) => super::save_as::handle(app, save, typed),
        Modal::Deadline(view) => (super::deadline::handle(app, view, &typed), Vec::new()),
        Modal::Recurrence(_) => (super::recurrence::handle(&typed), Vec::new()),
    };
    if outcome == Outcome::Stay && app.modal.is_none() {
        app.modal = Some(modal);
    }
    effects
}

fn help(scroll: &mut u16, max: u16, typed: &Typed) -> Outcome {
    match typed {
        Typed::Action(Action::Up) => *scroll = scroll.saturating_sub(1),
        Typed::Action(Action::Down) => *scroll = scroll.saturating_add(1),
        Typed::Action(Action::PageUp) => *scroll = scroll.saturating_sub(10),
        Typed::Action(Action::PageDown) => *scroll = scroll.saturating_add(10),
        Typed::Action(Action::Back | Action::Help | Action::Quit) => return Outcome::Close,
        _ => {}
    }
    *scroll = (*scroll).min(max);
    Outcome::Stay
}

/// After registering: Enter opens the new case, Esc goes back to the board.
fn registered(app: &mut App, id: CaseId, typed: &Typed) -> (Outcome, Vec<Effect>) {
    match typed {
        Typed::Action(Action::Open) => (Outcome::Close, app.open_case(id)),
        Typed::Action(Action::Back) => (Outcome::Close, Vec::new()),
        _ => (Outcome::Stay, Vec::new()),
    }
}
