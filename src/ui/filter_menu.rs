//! The filter menu: each line says whether its filter is in force (`[x]`, the
//! chosen value, `(•)` in a submenu), and the bottom line how many cases the
//! board now holds, so the effect of a choice shows before the menu closes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::text::{fit, pad};
use super::{Theme, centred};
use crate::app::App;
use crate::app::filter_menu::{Choice, FilterMenu, Item, Level, choices, is_current};
use crate::i18n::{T, channel_key, service_name};

const WIDTH: u16 = 52;

/// A line before styling: its marker (`[x] `), its text, and whether the text
/// names a filter in force.
struct Entry {
    marker: &'static str,
    label: String,
    value: Option<(String, bool)>,
}

pub fn draw(app: &App, menu: &FilterMenu, theme: &Theme, frame: &mut Frame, area: Rect) {
    let entries = entries(app, menu);
    let height = (entries.len() as u16).saturating_add(4);
    let outer = centred(area, WIDTH, height);
    frame.render_widget(Clear, outer);
    let title = fit(
        &title(app, menu.level),
        usize::from(outer.width.saturating_sub(2)),
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(title, theme.title()));
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    // The list, a blank line and the count; the list alone when room is short.
    let rows = if inner.height > 2 {
        inner.height - 2
    } else {
        inner.height
    };
    let width = usize::from(inner.width);
    let first = (menu.selected + 1).saturating_sub(usize::from(rows));
    let mut lines: Vec<Line> = entries
        .iter()
        .enumerate()
        .skip(first)
        .take(usize::from(rows))
        .map(|(i, e)| line(e, i == menu.selected, theme, width))
        .collect();
    if inner.height > 2 {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!(" {}", fit(&shown(app), width.saturating_sub(1))),
            theme.muted(),
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn title(app: &App, level: Level) -> String {
    let lang = app.lang;
    let menu = lang.t(T::FilterMenuTitle);
    match level {
        Level::Main => format!(" {menu} "),
        Level::Service => format!(" {menu} › {} ", lang.t(T::FieldService)),
        Level::Handler => format!(" {menu} › {} ", lang.t(T::FieldHandler)),
        Level::Channel => format!(" {menu} › {} ", lang.t(T::FieldChannel)),
    }
}

/// How many cases the board holds with the filters in force.
fn shown(app: &App) -> String {
    let count: usize = app.board.columns.iter().map(|c| c.cards.len()).sum();
    if count == 1 {
        app.lang.t(T::FilterMenuShownOne).to_string()
    } else {
        app.lang.fill(T::FilterMenuShown, &[("count", &count)])
    }
}

fn entries(app: &App, menu: &FilterMenu) -> Vec<Entry> {
    match menu.level {
        Level::Main => Item::ALL.iter().map(|&item| main_entry(app, item)).collect(),
        level => choices(app, level)
            .iter()
            .map(|c| choice_entry(app, level, c))
            .collect(),
    }
}

fn main_entry(app: &App, item: Item) -> Entry {
    let lang = app.lang;
    let f = &app.filters;
    let switch = |on: bool, key: T| Entry {
        marker: if on { "[x] " } else { "[ ] " },
        label: lang.t(key).to_string(),
        value: None,
    };
    let submenu = |key: T, value: Option<String>, any: T| Entry {
        marker: "    ",
        label: format!("{}: ", lang.t(key)),
        value: Some(match value {
            Some(v) => (v, true),
            None => (lang.t(any).to_string(), false),
        }),
    };
    match item {
        Item::Mine => switch(f.mine, T::FilterMenuMine),
        Item::Breached => switch(f.breached, T::FilterMenuBreached),
        Item::DueToday => switch(f.due_today, T::FilterMenuDueToday),
        Item::Service => submenu(
            T::FieldService,
            f.service.as_deref().map(|s| service_name(lang, s).to_string()),
            T::FilterMenuAnyService,
        ),
        Item::Handler => submenu(T::FieldHandler, f.handler.clone(), T::FilterMenuAnyHandler),
        Item::Channel => submenu(
            T::FieldChannel,
            f.channel.map(|c| lang.t(channel_key(c)).to_string()),
            T::FilterMenuAnyChannel,
        ),
        Item::Clear => Entry {
            marker: "    ",
            label: lang.t(T::FilterMenuClear).to_string(),
            value: None,
        },
    }
}

fn choice_entry(app: &App, level: Level, choice: &Choice) -> Entry {
    let lang = app.lang;
    let f = &app.filters;
    let (label, current) = match choice {
        Choice::Any => {
            let (key, none) = match level {
                Level::Handler => (T::FilterMenuAnyHandler, f.handler.is_none()),
                Level::Channel => (T::FilterMenuAnyChannel, f.channel.is_none()),
                _ => (T::FilterMenuAnyService, f.service.is_none()),
            };
            (lang.t(key).to_string(), none)
        }
        Choice::Service(s) => (service_name(lang, s).to_string(), is_current(app, choice)),
        Choice::Handler(h) => (h.clone(), is_current(app, choice)),
        Choice::Channel(c) => (lang.t(channel_key(*c)).to_string(), is_current(app, choice)),
    };
    Entry {
        marker: if current { "(•) " } else { "( ) " },
        label,
        value: None,
    }
}

fn line<'a>(entry: &Entry, selected: bool, theme: &Theme, width: usize) -> Line<'a> {
    let base = if selected {
        theme.selected()
    } else {
        Style::default()
    };
    let mut spans = vec![
        Span::styled(if selected { "▌" } else { " " }, base.patch(theme.key())),
        Span::styled(entry.marker, base.patch(theme.key())),
    ];
    let room = width.saturating_sub(1 + entry.marker.width());
    let label = fit(&entry.label, room);
    let room = room.saturating_sub(label.width());
    spans.push(Span::styled(label, base));
    if let Some((value, on)) = &entry.value {
        let style = if *on {
            base.patch(theme.key())
        } else {
            base.patch(theme.muted())
        };
        spans.push(Span::styled(fit(&format!("{value} ›"), room), style));
    }
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    spans.push(Span::styled(pad("", width.saturating_sub(used)), base));
    Line::from(spans)
}
