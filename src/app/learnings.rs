//! (Being built.)

use super::modal::{Outcome, Typed};
use super::{Action, App, Effect};

#[derive(Debug, Clone, Default)]
pub struct LearningsView {}

impl LearningsView {
    pub fn open(_app: &App) -> Self {
        Self::default()
    }
}

pub fn handle(_app: &mut App, _view: &mut LearningsView, typed: Typed) -> (Outcome, Vec<Effect>) {
    match typed {
        Typed::Action(Action::Back) => (Outcome::Close, Vec::new()),
        _ => (Outcome::Stay, Vec::new()),
    }
}
