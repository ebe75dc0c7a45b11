//! The lines around the board: the header with the live clock, the operator,
//! the filters and the queue's totals; the status line; the footer of keys.

use chrono_tz::Europe::Amsterdam;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::Theme;
use super::text::fit;
use crate::app::{Action, App};
use crate::i18n::{T, action_keys, date_short};

pub fn header(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let local = app.now.with_timezone(&Amsterdam);
    let totals = app.board.totals;
    let breached_style = if totals.breached > 0 {
        theme.urgency(super::theme::Urgency::Breached)
    } else {
        theme.muted()
    };
    let today_style = if totals.due_today > 0 {
        theme.urgency(super::theme::Urgency::Soon)
    } else {
        theme.muted()
    };
    let filter_style = if app.filters.is_empty() {
        theme.muted()
    } else {
        theme.key()
    };
    let brand = Span::styled(" klachtdesk ", theme.title());
    let clock = Span::raw(format!(
        " {} {} ",
        date_short(lang, local.date_naive()),
        local.format("%H:%M:%S")
    ));
    let operator = Span::styled(format!("{}  ", fit(&app.operator, 20)), theme.label());
    let filter = Span::styled(
        lang.fill(T::HeaderFilter, &[("filter", &app.filters.describe(lang))]),
        filter_style,
    );
    let right = vec![
        Span::raw(lang.fill(T::HeaderOpen, &[("count", &totals.open)])),
        Span::raw(" · "),
        Span::styled(
            lang.fill(T::HeaderBreached, &[("count", &totals.breached)]),
            breached_style,
        ),
        Span::raw(" · "),
        Span::styled(
            lang.fill(T::HeaderDueToday, &[("count", &totals.due_today)]),
            today_style,
        ),
        Span::raw(" "),
    ];
    // The totals matter most; on a narrow screen the brand and then the
    // operator's name make room for them.
    let candidates = [
        vec![brand, clock.clone(), operator.clone(), filter.clone()],
        vec![clock.clone(), operator, filter.clone()],
        vec![clock, filter],
    ];
    let width: usize = right.iter().map(|s| s.content.width()).sum();
    let left = candidates
        .iter()
        .find(|c| c.iter().map(|s| s.content.width()).sum::<usize>() + width < usize::from(area.width))
        .unwrap_or(&candidates[2])
        .clone();
    frame.render_widget(Paragraph::new(spread(left, right, area.width)), area);
}

/// `left` and `right` on one line of `width`, dropping the right part if it does not fit.
fn spread<'a>(left: Vec<Span<'a>>, right: Vec<Span<'a>>, width: u16) -> Line<'a> {
    let lw: usize = left.iter().map(|s| s.content.width()).sum();
    let rw: usize = right.iter().map(|s| s.content.width()).sum();
    let width = usize::from(width);
    let mut spans = left;
    if lw + rw < width {
        spans.push(Span::raw(" ".repeat(width - lw - rw)));
        spans.extend(right);
    }
    Line::from(spans)
}

pub fn status(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width).saturating_sub(2);
    let line = match (&app.flash, app.unreadable.first()) {
        (Some(flash), _) => {
            let style = if flash.error { theme.error() } else { theme.ok() };
            Line::from(Span::styled(format!(" {}", fit(&flash.text, width)), style))
        }
        (None, Some(problem)) => Line::from(Span::styled(format!(" {}", fit(problem, width)), theme.error())),
        (None, None) => Line::default(),
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// Moving around is what every screen does; the footer names the rest.
fn in_footer(action: Action) -> bool {
    !matches!(
        action,
        Action::Left
            | Action::Right
            | Action::Up
            | Action::Down
            | Action::First
            | Action::Last
            | Action::PageUp
            | Action::PageDown
    )
}

pub fn footer(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (action, chords) in app.keymap.bindings(app.context()) {
        let intake = matches!(&app.modal, Some(crate::app::Modal::Form(f)) if f.purpose == crate::app::forms::Purpose::Intake);
        if !in_footer(action) || (action == Action::OpenDuplicate && !intake) {
            continue;
        }
        let key = chords[0].to_string();
        let label = app.lang.t(action_keys(action).0);
        let w = key.width() + label.width() + 3;
        if used + w > usize::from(area.width) {
            break;
        }
        used += w;
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {label}  ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
