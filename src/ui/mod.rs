//! Drawing: a pure function of the app's state. Nothing here changes the App.

mod badge;
mod board;
mod case;
mod chrome;
mod closed_list;
mod deadline;
mod filter_menu;
mod form;
mod help;
mod learnings;
mod letter_confirm;
mod letters;
mod menu;
mod queue;
mod recurrence;
mod registered;
mod repeat;
mod replace;
mod reports;
mod save_as;
mod search;
mod text;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::app::geometry::{MIN_HEIGHT, MIN_WIDTH};
use crate::app::{App, Modal};
use crate::i18n::T;
pub use theme::Theme;

/// Draws the whole screen for `app`.
pub fn draw(app: &App, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let Some(g) = app.geometry() else {
        too_small(app, frame, area);
        return;
    };
    chrome::header(app, theme, frame, g.header);
    if app.board.queue {
        queue::draw(app, theme, frame, g.board);
    } else {
        board::draw(app, theme, frame, g.board);
    }
    if let (Some(pane), Some(area)) = (&app.pane, g.pane) {
        case::draw(app, pane, theme, frame, area);
    }
    chrome::status(app, theme, frame, g.status);
    chrome::footer(app, theme, frame, g.footer);
    if let Some(open) = &app.modal {
        modal(app, open, g.pane, theme, frame, area);
    }
}

/// Draws `open` over the screen (`pane`: where the case pane is, if open).
fn modal(app: &App, open: &Modal, pane: Option<Rect>, theme: &Theme, frame: &mut Frame, area: Rect) {
    match open {
        Modal::Help { scroll } => help::draw(app, *scroll, theme, frame, area),
        Modal::Deadline(view) => deadline::draw(app, view, theme, frame, area),
        Modal::Search(search) => search::draw(app, search, theme, frame, area),
        Modal::Filter(menu) => filter_menu::draw(app, menu, theme, frame, area),
        Modal::Menu(menu) => menu::draw(app, menu, theme, frame, area),
        Modal::Registered(id) => registered::draw(app, *id, theme, frame, area),
        Modal::Recurrence(alert) => recurrence::draw(app, alert, theme, frame, area),
        Modal::Report(view) => reports::draw(app, view, theme, frame, area),
        Modal::Learnings(view) => learnings::draw(app, view, theme, frame, area),
        Modal::Letter(view) => letters::draw(app, view, theme, frame, area),
        Modal::Form(form) => {
            // A field edited in place is drawn over the case it belongs to.
            let over = match (&form.purpose, pane) {
                (crate::app::forms::Purpose::Edit { .. }, Some(pane)) => pane,
                _ => area,
            };
            form::draw(app, form, theme, frame, over);
        }
        Modal::Replace(replace) => {
            if let Some(under) = &replace.under {
                modal(app, under, pane, theme, frame, area);
            }
            replace::draw(app, replace, theme, frame, area);
        }
        Modal::SaveAs(save) => {
            if let Some(under) = &save.under {
                modal(app, under, pane, theme, frame, area);
            }
            save_as::draw(app, save, theme, frame, area);
        }
    }
}

/// The yes of the operator's language: `j` in Dutch, `y` in English.
pub(crate) fn yes_action(app: &App) -> crate::app::Action {
    match app.lang {
        crate::i18n::Lang::Nl => crate::app::Action::Ja,
        crate::i18n::Lang::En => crate::app::Action::Yes,
    }
}

fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let text = app.lang.fill(
        T::EnlargeTerminal,
        &[("width", &MIN_WIDTH), ("height", &MIN_HEIGHT)],
    );
    frame.render_widget(Paragraph::new(Line::from(text)).wrap(Wrap { trim: true }), area);
}

/// A centred area of at most `width` × `height` inside `area`.
pub(crate) fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}
