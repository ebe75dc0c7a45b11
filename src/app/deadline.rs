//! "Why is this due then?" (`d` on a case): the deadline explained over the
//! board, day by day, scrollable; Esc closes it. The explanation is read
//! anew from the queue at every draw, so it follows the case as it changes.

use super::modal::{Outcome, Typed};
use super::{Action, App};
use crate::domain::case::CaseId;
use crate::domain::explain::{DeadlineExplained, explain_case};

/// How many lines the page keys scroll.
const PAGE: u16 = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineView {
    pub id: CaseId,
    /// The first line shown.
    pub scroll: u16,
}

impl DeadlineView {
    pub fn open(id: CaseId) -> Self {
        Self { id, scroll: 0 }
    }
}

/// The deadline of case `id` explained at the app's moment; `None` if the
/// queue does not hold it. The one place this view reads the case.
pub fn explained(app: &App, id: CaseId) -> Option<DeadlineExplained> {
    let case = app.cases.case(id)?;
    Some(explain_case(&*case, &app.rules.policy, app.now))
}

/// The explanation's lines, in the operator's language.
pub fn lines(app: &App, id: CaseId) -> Vec<String> {
    explained(app, id)
        .map(|e| crate::i18n::deadline_explained(app.lang, id, &e))
        .unwrap_or_default()
}

pub fn handle(app: &App, view: &mut DeadlineView, typed: &Typed) -> Outcome {
    let max = u16::try_from(lines(app, view.id).len().saturating_sub(1)).unwrap_or(u16::MAX);
    let scroll = &mut view.scroll;
    match typed {
        Typed::Action(Action::Up) => *scroll = scroll.saturating_sub(1),
        Typed::Action(Action::Down) => *scroll = scroll.saturating_add(1),
        Typed::Action(Action::PageUp) => *scroll = scroll.saturating_sub(PAGE),
        Typed::Action(Action::PageDown) => *scroll = scroll.saturating_add(PAGE),
        Typed::Action(Action::Back | Action::Help | Action::Quit) => return Outcome::Close,
        _ => {}
    }
    *scroll = (*scroll).min(max);
    Outcome::Stay
}
