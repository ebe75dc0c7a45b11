//! The menu of what can be done with a case now: only the moves its state
//! allows, then assigning, involving and logging.

use super::forms::step;
use super::modal::{Modal, Outcome, Typed};
use super::{Action, App, Effect};
use crate::domain::case::CaseId;
use crate::domain::workflow::Step;
use ratatui::crossterm::event::KeyCode;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveMenu {
    pub id: CaseId,
    pub steps: Vec<Step>,
    /// After the steps, a letter to the complainant (as `w` in the case).
    pub letter: bool,
    pub selected: usize,
}

impl MoveMenu {
    /// The menu for a case, or `None` if it is not loaded.
    pub fn open(app: &App, id: CaseId) -> Option<MoveMenu> {
        let queue = app.cases.read();
        let case = queue.get(id)?;
        let mut steps = case.state.moves();
        for extra in [Step::AssignHandler, Step::SetInvolved, Step::LogContact] {
            if extra.allowed_from(case.state) {
                steps.push(extra);
            }
        }
        Some(MoveMenu {
            id,
            steps,
            letter: true,
            selected: 0,
        })
    }

    /// How many rows the menu has: the steps, then the letter.
    pub fn len(&self) -> usize {
        self.steps.len() + usize::from(self.letter)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

pub fn handle(app: &mut App, menu: &mut MoveMenu, typed: Typed) -> (Outcome, Vec<Effect>) {
    let last = menu.len().saturating_sub(1);
    match typed {
        Typed::Action(Action::Up) => menu.selected = menu.selected.saturating_sub(1),
        Typed::Action(Action::Down) => menu.selected = (menu.selected + 1).min(last),
        Typed::Action(Action::Back) => return (Outcome::Close, Vec::new()),
        Typed::Action(Action::Open) => return choose(app, menu, menu.selected),
        Typed::Key(key) => {
            if let KeyCode::Char(c) = key.code
                && let Some(n) = c.to_digit(10).filter(|n| *n >= 1)
                && (n as usize) <= menu.len()
            {
                return choose(app, menu, n as usize - 1);
            }
        }
        _ => {}
    }
    (Outcome::Stay, Vec::new())
}

fn choose(app: &mut App, menu: &MoveMenu, index: usize) -> (Outcome, Vec<Effect>) {
    if menu.letter && index == menu.steps.len() {
        app.modal = super::letters::LetterView::open(app, menu.id).map(|v| Modal::Letter(Box::new(v)));
        return (Outcome::Close, Vec::new());
    }
    let Some(&chosen) = menu.steps.get(index) else {
        return (Outcome::Stay, Vec::new());
    };
    if let Some(form) = step::open(app, menu.id, chosen) {
        app.modal = Some(Modal::Form(Box::new(form)));
    }
    (Outcome::Close, Vec::new())
}
