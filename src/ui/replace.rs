//! The question whether to replace a file, over the screen it was asked on.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::text::wrap;
use super::{Theme, centred};
use crate::app::replace::ReplaceFile;
use crate::app::{Action, App};
use crate::i18n::T;
use crate::keymap::{Chord, Context};

pub fn draw(app: &App, replace: &ReplaceFile, theme: &Theme, frame: &mut Frame, area: Rect) {
    let chords = |action| {
        app.keymap
            .bindings(Context::Confirm)
            .into_iter()
            .find(|(a, _)| *a == action)
            .map(|(_, chords)| chords)
            .unwrap_or_default()
    };
    let question = app.lang.fill(
        T::ReplaceAsk,
        &[
            ("path", &replace.path.display()),
            (
                "yes",
                &format!(
                    "Enter/{}",
                    join(chords(super::yes_action(app)).get(..1).unwrap_or_default())
                ),
            ),
            ("no", &join(&chords(Action::No))),
        ],
    );
    let width = area.width.saturating_sub(4).min(72);
    let lines = wrap(&question, usize::from(width.saturating_sub(4)));
    let outer = centred(area, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, outer);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.urgency(super::theme::Urgency::Soon));
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| Line::from(Span::raw(format!(" {l}"))))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn join(chords: &[Chord]) -> String {
    chords
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("/")
}
