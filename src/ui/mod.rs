//! Drawing: a pure function of the app's state. Nothing here changes the App.

mod board;
mod case;
mod chrome;
mod help;
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
    board::draw(app, theme, frame, g.board);
    if let (Some(pane), Some(area)) = (&app.pane, g.pane) {
        case::draw(app, pane, theme, frame, area);
    }
    chrome::status(app, theme, frame, g.status);
    chrome::footer(app, theme, frame, g.footer);
    if let Some(Modal::Help { scroll }) = &app.modal {
        help::draw(app, *scroll, theme, frame, area);
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
