//! The lines around the board: the header with the live clock, the operator,
//! the filters and the queue's totals; the status line; the footer of keys.

use chrono_tz::Europe::Amsterdam;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::Theme;
use super::text::fit;
use super::theme::Urgency;
use crate::app::forms::Purpose;
use crate::app::{Action, App, Modal};
use crate::i18n::{T, action_keys, date_short};

fn width(spans: &[Span]) -> usize {
    spans.iter().map(|s| s.content.width()).sum()
}

pub fn header(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let local = app.now.with_timezone(&Amsterdam);
    let totals = app.board.totals;
    let breached_style = if totals.breached > 0 {
        theme.urgency(Urgency::Breached)
    } else {
        theme.muted()
    };
    let today_style = if totals.due_today > 0 {
        theme.urgency(Urgency::Soon)
    } else {
        theme.muted()
    };
    let brand = Span::styled(" klachtdesk ", theme.title());
    let clock = Span::raw(format!(
        " {} {} ",
        date_short(lang, local.date_naive()),
        local.format("%H:%M:%S")
    ));
    let operator = Span::styled(format!("{}  ", fit(&app.operator, 20)), theme.label());
    // The filters are shown when some are in force: the default needs no words.
    let filter = (!app.filters.is_empty()).then(|| {
        Span::styled(
            lang.fill(T::HeaderFilter, &[("filter", &app.filters.describe(lang))]),
            theme.key(),
        )
    });
    let full = vec![
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
    // Promises due today or broken, when there are any: said after the targets.
    let promised = totals.promises_due + totals.promises_breached > 0;
    let promise_style = if totals.promises_breached > 0 {
        theme.urgency(Urgency::Breached)
    } else {
        theme.urgency(Urgency::Soon)
    };
    let promises = |key: T| {
        vec![
            Span::raw("· "),
            Span::styled(
                lang.fill(
                    key,
                    &[("due", &totals.promises_due), ("late", &totals.promises_breached)],
                ),
                promise_style,
            ),
            Span::raw(" "),
        ]
    };
    let with_promises = |totals: &Vec<Span<'static>>, key: T| {
        let mut all = totals.clone();
        if promised {
            all.extend(promises(key));
        }
        all
    };
    let full_promised: Vec<Span> = with_promises(&full, T::HeaderPromises);
    let compact = vec![
        Span::styled(
            lang.fill(
                T::HeaderCompact,
                &[
                    ("open", &totals.open),
                    ("breached", &totals.breached),
                    ("today", &totals.due_today),
                ],
            ),
            breached_style,
        ),
        Span::raw(" "),
    ];
    // The totals matter most: the brand, then the operator, then the long
    // form of the totals make room, and a long filter is cut last.
    // Masking is said first, where nothing cuts it: whoever looks at the
    // screen can tell what they see is not the real data.
    let masked = app.masked.then(|| {
        Span::styled(
            format!(" {} ", lang.t(T::HeaderMasked)),
            theme.key().add_modifier(Modifier::REVERSED),
        )
    });
    let with = |parts: Vec<Span<'static>>| {
        masked
            .clone()
            .into_iter()
            .chain(parts)
            .chain(filter.clone())
            .collect::<Vec<_>>()
    };
    let room = usize::from(area.width);
    let compact_promised: Vec<Span> = with_promises(&compact, T::HeaderPromisesCompact);
    let choices = [
        (with(vec![brand, clock.clone(), operator.clone()]), &full_promised),
        (with(vec![clock.clone(), operator]), &full_promised),
        (with(vec![clock.clone()]), &full_promised),
        (with(vec![clock.clone()]), &compact_promised),
        (with(vec![clock.clone()]), &compact),
    ];
    let (mut left, right) = match choices.iter().find(|(l, r)| width(l) + width(r) < room) {
        Some((l, r)) => (l.clone(), (*r).clone()),
        None => (
            masked.clone().into_iter().chain([clock]).collect(),
            compact.clone(),
        ),
    };
    let before_last = width(&left) - left.last().map_or(0, |s| s.content.width());
    if width(&left) + width(&right) >= room
        && let Some(last) = left.last_mut()
    {
        let keep = room.saturating_sub(width(&right) + 1 + before_last);
        *last = Span::styled(fit(&last.content, keep), last.style);
    }
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

/// The order the footer names actions in: what is done most first. Moving
/// around is left to the help; the help key itself is always shown, last.
const FOOTER_ORDER: [Action; 36] = [
    Action::Save,
    Action::TakeTheirs,
    Action::Open,
    Action::Edit,
    Action::NewCase,
    Action::Search,
    Action::Menu,
    Action::LogContact,
    Action::Letter,
    Action::ExplainDeadline,
    Action::Reports,
    Action::Learnings,
    Action::NextUrgent,
    Action::ToggleQueue,
    Action::Take,
    Action::OpenDuplicate,
    Action::NextField,
    Action::PrevField,
    Action::Yes,
    Action::Ja,
    Action::No,
    Action::Filter,
    Action::ToggleClosed,
    Action::FilterMine,
    Action::FilterBreached,
    Action::FilterDueToday,
    Action::ClearFilters,
    Action::Undo,
    Action::Promise,
    Action::KeepPromise,
    Action::MovePromise,
    Action::Back,
    Action::Quit,
    Action::ToggleMasking,
    Action::PageDown,
    Action::PageUp,
];

/// The promise key works in the case pane, and of the forms in the call-log form only.
fn promise_key_works(app: &App) -> bool {
    match &app.modal {
        Some(Modal::Form(f)) => matches!(
            f.purpose,
            Purpose::Step {
                step: crate::domain::workflow::Step::LogContact,
                ..
            }
        ),
        Some(_) => false,
        None => app.pane.is_some(),
    }
}

pub fn footer(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let duplicates = matches!(&app.modal, Some(Modal::Form(f)) if f.purpose == Purpose::Intake && !f.duplicates.is_empty());
    let conflicts = matches!(&app.modal, Some(Modal::Form(f)) if !f.conflicts.is_empty());
    let bindings = app.keymap.bindings(app.context());
    let label = |action: Action| match action {
        Action::ToggleMasking if app.masked => T::ActToggleMaskingOff,
        _ => action_keys(action).0,
    };
    let hint = |action: Action| {
        bindings
            .iter()
            .find(|(a, _)| *a == action)
            .map(|(_, chords)| (chords[0].to_string(), app.lang.t(label(action)).to_string()))
    };
    let help = hint(Action::Help);
    let reserved = help.as_ref().map_or(0, |(k, l)| k.width() + l.width() + 3);
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1 + reserved;
    // While masked, the key that shows the data again comes first: whoever
    // masked it for a screen share must find it at a glance.
    let masking_first = app.masked.then_some(Action::ToggleMasking);
    let order = masking_first
        .into_iter()
        .chain(FOOTER_ORDER.into_iter().filter(|a| Some(*a) != masking_first));
    for action in order {
        if action == Action::OpenDuplicate && !duplicates
            || action == Action::TakeTheirs && !conflicts
            || action != super::yes_action(app) && matches!(action, Action::Yes | Action::Ja)
            || action == Action::Edit && app.pane.is_some() && !app.pane_row_editable()
            || matches!(action, Action::Reports | Action::Learnings) && app.modal.is_some()
            || action == Action::Promise && !promise_key_works(app)
        {
            continue;
        }
        let Some((key, label)) = hint(action) else {
            continue;
        };
        let w = key.width() + label.width() + 3;
        if used + w > usize::from(area.width) {
            continue;
        }
        used += w;
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {label}  ")));
    }
    if let Some((key, label)) = help {
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {label}")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
