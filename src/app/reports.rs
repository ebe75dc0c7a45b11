//! (Being built.)

use super::modal::{Outcome, Typed};
use super::{Action, App, Effect};

#[derive(Debug, Clone, Default)]
pub struct ReportView {}

impl ReportView {
    pub fn open(_app: &App) -> Self {
        Self::default()
    }
}

pub fn handle(_app: &mut App, _view: &mut ReportView, typed: Typed) -> (Outcome, Vec<Effect>) {
    match typed {
        Typed::Action(Action::Back) => (Outcome::Close, Vec::new()),
        _ => (Outcome::Stay, Vec::new()),
    }
}

/// The cases and their audit trails arrived: for the open report screen.
pub fn history(
    _app: &mut App,
    _history: std::sync::Arc<Vec<(crate::domain::case::Case, Vec<crate::domain::event::Event>)>>,
) {
}
