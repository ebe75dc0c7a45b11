//! (Being built.)

use super::modal::{Outcome, Typed};
use super::{Action, App, Effect};
use crate::domain::case::CaseId;

#[derive(Debug, Clone)]
pub struct LetterView {
    pub id: CaseId,
}

impl LetterView {
    pub fn open(_app: &App, id: CaseId) -> Option<Self> {
        Some(Self { id })
    }
}

pub fn handle(_app: &mut App, _view: &mut LetterView, typed: Typed) -> (Outcome, Vec<Effect>) {
    match typed {
        Typed::Action(Action::Back) => (Outcome::Close, Vec::new()),
        _ => (Outcome::Stay, Vec::new()),
    }
}
