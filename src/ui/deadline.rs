//! The deadline explained, over the board: the clock, from which moment, the
//! days counted and skipped, the result and the verdicts recorded.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::text::{fit, wrap};
use super::{Theme, centred};
use crate::app::App;
use crate::app::deadline::{DeadlineView, lines};
use crate::sanitize::columns;

pub fn draw(app: &App, view: &DeadlineView, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut text = lines(app, view.id).into_iter();
    let title = text.next().unwrap_or_default();
    let outer = centred(
        area,
        area.width.saturating_sub(4).min(100),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, outer);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(format!(" {title} "), theme.title()));
    let width = usize::from(outer.width.saturating_sub(2)).max(1);
    // Wrapped here, so that scrolling counts the rows as drawn; the blank
    // line under the title is left to the border.
    let rows: Vec<Line> = text
        .skip_while(|l| l.is_empty())
        .flat_map(|l| {
            // A day's line keeps its indent; only a long sentence is wrapped.
            if columns(&l) <= width {
                vec![fit(&l, width)]
            } else {
                wrap(&l, width)
            }
        })
        .map(Line::from)
        .collect();
    let max = (rows.len() as u16).saturating_sub(outer.height.saturating_sub(2));
    frame.render_widget(
        Paragraph::new(rows)
            .block(block)
            .scroll((view.scroll.min(max), 0)),
        outer,
    );
}
