//! A form over the board: its fields in order, required ones marked, problems
//! in red under their field, and for the intake the caller's open cases.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::text::{fit, wrap};
use super::{Theme, centred};
use crate::app::form::{FormField, Input};
use crate::app::forms::{FormModal, Purpose};
use crate::app::{Action, App};
use crate::domain::problem::Field;
use crate::i18n::{self, Lang, T, field_key, step_key};
use crate::keymap::Context;
use unicode_width::UnicodeWidthStr;

/// Rows a multi-line editor gets.
const TEXT_ROWS: u16 = 5;
/// Suggestions shown under a focused pick.
const SUGGESTIONS: usize = 4;

pub fn draw(app: &App, modal: &FormModal, theme: &Theme, frame: &mut Frame, area: Rect) {
    let duplicates = !modal.duplicates.is_empty();
    let width = if duplicates && area.width >= 120 { 110 } else { 78 };
    let form = &modal.form;
    let fields: u16 = form
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| field_height(f, i == form.focus, width - 2))
        .sum();
    let what_if = crate::app::forms::what_if::line(app, modal).or_else(|| masked_note(app, modal));
    let footer = 2 + u16::from(duplicates) * 4 + u16::from(what_if.is_some());
    let outer = centred(
        area,
        width,
        (fields + footer + 2).min(area.height.saturating_sub(2)),
    );
    frame.render_widget(Clear, outer);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(
            format!(" {} ", title(app, &modal.purpose)),
            theme.title(),
        ));
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    let (form_area, side) = if duplicates && inner.width >= 100 {
        let side = Rect::new(inner.right() - 36, inner.y, 36, inner.height);
        (
            Rect::new(inner.x, inner.y, inner.width - 37, inner.height),
            Some(side),
        )
    } else {
        (inner, None)
    };
    let footer_rows = 2 + u16::from(duplicates && side.is_none()) * 4 + u16::from(what_if.is_some());
    let fields_area = Rect {
        height: form_area.height.saturating_sub(footer_rows),
        ..form_area
    };
    draw_fields(app, modal, theme, frame, fields_area);
    let bottom = Rect::new(
        form_area.x,
        fields_area.bottom(),
        form_area.width,
        form_area.height - fields_area.height,
    );
    let mut lines = Vec::new();
    if duplicates && side.is_none() {
        lines.extend(duplicate_lines(app, modal, theme, usize::from(bottom.width), 2));
    }
    if let Some(what_if) = what_if {
        lines.push(Line::from(Span::styled(
            fit(&what_if, usize::from(bottom.width)),
            theme.urgency(super::theme::Urgency::Soon),
        )));
    }
    lines.push(status_line(app, modal, theme, usize::from(bottom.width)));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), bottom);
    if let Some(side) = side {
        let block = Block::default()
            .borders(Borders::LEFT)
            .border_style(theme.muted());
        // Room for the title, the hint and how to pick, below the cases.
        let rows = usize::from(side.height).saturating_sub(6).max(1);
        let text = duplicate_lines(app, modal, theme, usize::from(side.width) - 2, rows);
        frame.render_widget(Paragraph::new(text).block(block), side);
    }
}

/// While personal data is masked, a form that takes the complainant's
/// details shows them as typed: it says so.
fn masked_note(app: &App, modal: &FormModal) -> Option<String> {
    let personal = match modal.purpose {
        Purpose::Intake => true,
        Purpose::Edit { field, .. } => crate::domain::mask::is_personal(field),
        Purpose::Step { .. } => false,
    };
    (app.masked && personal).then(|| app.lang.t(T::MaskedEditShowsReal).to_string())
}

fn title(app: &App, purpose: &Purpose) -> String {
    let lang = app.lang;
    match purpose {
        Purpose::Intake => lang.t(T::FormNewCase).to_string(),
        Purpose::Step { id, step, .. } => format!("{id} · {}", lang.t(step_key(*step))),
        Purpose::Edit { id, field, .. } => {
            format!("{id} · {}: {}", lang.t(T::FormEdit), lang.t(field_key(*field)))
        }
    }
}

/// The label line, the input and any problem of each field, scrolled so that
/// the focused field is in view.
fn draw_fields(app: &App, modal: &FormModal, theme: &Theme, frame: &mut Frame, area: Rect) {
    let form = &modal.form;
    let heights: Vec<u16> = form
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| field_height(f, i == form.focus, area.width))
        .collect();
    let focus_end: u16 = heights.iter().take(form.focus + 1).sum();
    let mut skip = focus_end.saturating_sub(area.height);
    let mut y = area.y;
    for (i, field) in form.fields.iter().enumerate() {
        let h = heights[i];
        if skip >= h {
            skip -= h;
            continue;
        }
        if y >= area.bottom() {
            break;
        }
        // The last field may show only its top rows.
        let h = h.min(area.bottom() - y);
        draw_field(
            app,
            modal,
            field,
            i == form.focus,
            theme,
            frame,
            Rect::new(area.x, y, area.width, h),
        );
        y += h;
        skip = 0;
    }
}

/// The label column of one-line fields.
const LABEL: u16 = 22;

fn field_height(field: &FormField, focused: bool, width: u16) -> u16 {
    let input = match &field.input {
        Input::Text(_) => 1 + TEXT_ROWS,
        Input::Pick { .. } if focused => {
            let count = field.suggestions().len();
            1 + count.min(SUGGESTIONS) as u16 + u16::from(count > SUGGESTIONS)
        }
        _ => 1,
    };
    let error = field.error.as_ref().map_or(0, |e| {
        wrap(e, usize::from(width.saturating_sub(LABEL))).len() as u16
    });
    input + error
}

/// A field: its label (and for one-line inputs the input beside it), the
/// input, and its problem in red underneath.
fn draw_field(
    app: &App,
    modal: &FormModal,
    field: &FormField,
    focused: bool,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let lang = app.lang;
    let label_style = if focused { theme.key() } else { theme.label() };
    let marker = if focused { "▌" } else { " " };
    let mut label = vec![
        Span::styled(marker, theme.focus_border()),
        Span::styled(lang.t(field_key(field.field)).to_string(), label_style),
    ];
    if field.required {
        label.push(Span::styled(" *", theme.required()));
    }
    // Phone and e-mail: at least one of the two, which the legend explains.
    let either = modal.purpose == Purpose::Intake && matches!(field.field, Field::Phone | Field::Email);
    if either {
        label.push(Span::styled(" ⁺", theme.required()));
    }
    frame.render_widget(
        Paragraph::new(Line::from(label)),
        Rect {
            height: 1,
            width: LABEL.min(area.width),
            ..area
        },
    );
    let beside = Rect::new(area.x + LABEL, area.y, area.width.saturating_sub(LABEL), 1);
    let rows = match &field.input {
        Input::Line(t) => draw_editor(lang, t, field.field, focused, theme, frame, beside),
        Input::Text(t) => {
            let below = Rect::new(
                area.x + 2,
                area.y + 1,
                area.width.saturating_sub(3),
                TEXT_ROWS.min(area.height.saturating_sub(1)),
            );
            draw_editor(lang, t, field.field, focused, theme, frame, below) + 1
        }
        Input::Choice { options, index } => {
            let hint = format!("  {}", lang.t(T::FormChoose));
            let room = usize::from(beside.width).saturating_sub(if focused { hint.width() } else { 0 });
            let style_of = |chosen: bool| match (chosen, focused) {
                (true, true) => theme.selected(),
                (true, false) => theme.title(),
                (false, _) => theme.hint(),
            };
            let mut spans = super::closed_list::choice_spans(options, *index, room, style_of, theme);
            if focused {
                spans.push(Span::styled(hint, theme.hint()));
            }
            frame.render_widget(Paragraph::new(Line::from(spans)), beside);
            1
        }
        Input::Pick { text, index, .. } => {
            draw_editor(lang, text, field.field, focused, theme, frame, beside);
            if focused {
                let width = usize::from(beside.width);
                let suggestions = field.suggestions();
                let shown = super::closed_list::window(suggestions.len(), *index, SUGGESTIONS);
                let mut lines: Vec<Line> = suggestions
                    .iter()
                    .enumerate()
                    .take(shown.end)
                    .skip(shown.start)
                    .map(|(i, s)| {
                        let style = if Some(i) == *index {
                            theme.selected()
                        } else {
                            theme.hint()
                        };
                        Line::from(Span::styled(fit(s, width), style))
                    })
                    .collect();
                if shown.len() < suggestions.len() {
                    lines.push(super::closed_list::more_line(
                        lang,
                        theme,
                        &shown,
                        suggestions.len(),
                    ));
                }
                let n = (lines.len() as u16).min(area.height.saturating_sub(1));
                frame.render_widget(
                    Paragraph::new(lines),
                    Rect::new(beside.x, beside.y + 1, beside.width, n),
                );
                1 + n
            } else {
                1
            }
        }
    };
    if let Some(error) = &field.error {
        let y = area.y + rows;
        let width = area.width.saturating_sub(LABEL);
        let lines: Vec<Line> = wrap(error, usize::from(width))
            .into_iter()
            .map(|l| Line::from(Span::styled(l, theme.error())))
            .collect();
        let h = (lines.len() as u16).min(area.bottom().saturating_sub(y));
        frame.render_widget(Paragraph::new(lines), Rect::new(area.x + LABEL, y, width, h));
    }
}

/// Draws an editor; only the focused one shows its cursor.
fn draw_editor(
    lang: Lang,
    editor: &TextArea<'static>,
    field: Field,
    focused: bool,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) -> u16 {
    let mut shown = visible_editor(editor);
    shown.set_cursor_line_style(Style::new());
    if !focused {
        shown.set_cursor_style(Style::new());
    }
    // A value reads as a value, focused or not; only hints are dim.
    shown.set_style(Style::new());
    if matches!(field, Field::ComplainedAt | Field::AckAt | Field::StepAt) {
        shown.set_placeholder_text(fit(lang.t(T::FormDatePlaceholder), usize::from(area.width)));
        shown.set_placeholder_style(theme.hint());
    }
    frame.render_widget(&shown, area);
    area.height
}

/// The editor as it may be drawn: text holding control characters is shown
/// with them escaped (as everywhere else), the cursor kept on the same character.
fn visible_editor(editor: &TextArea<'static>) -> TextArea<'static> {
    use crate::sanitize::visible;
    if !editor
        .lines()
        .iter()
        .any(|l| matches!(visible(l), std::borrow::Cow::Owned(_)))
    {
        return editor.clone();
    }
    let ratatui_textarea::DataCursor(row, col) = editor.cursor();
    let lines: Vec<String> = editor.lines().iter().map(|l| visible(l).into_owned()).collect();
    let before: String = editor
        .lines()
        .get(row)
        .map(|l| l.chars().take(col).collect())
        .unwrap_or_default();
    let col = visible(&before).chars().count();
    let mut shown = TextArea::new(lines);
    shown.set_wrap_mode(editor.wrap_mode());
    shown.move_cursor(ratatui_textarea::CursorMove::Jump(
        u16::try_from(row).unwrap_or(u16::MAX),
        u16::try_from(col).unwrap_or(u16::MAX),
    ));
    shown
}

/// The caller's open cases (as many as `max` rows hold, then how many more),
/// the one picked marked, and the key that logs the call there.
fn duplicate_lines<'a>(
    app: &App,
    modal: &FormModal,
    theme: &Theme,
    width: usize,
    max: usize,
) -> Vec<Line<'a>> {
    let lang = app.lang;
    let mut lines = vec![Line::from(Span::styled(
        fit(lang.t(T::DuplicatesTitle), width),
        theme.urgency(super::theme::Urgency::Soon),
    ))];
    let total = modal.duplicates.len();
    let rows = if total > max { max.saturating_sub(1) } else { max };
    // The picked case stays among the rows shown.
    let first = modal
        .picked
        .saturating_sub(rows.saturating_sub(1))
        .min(total.saturating_sub(rows));
    let queue = app.cases.read();
    for (at, id) in modal.duplicates.iter().enumerate().skip(first).take(rows) {
        let Some(case) = queue.get(*id) else { continue };
        // The state (its short name) before the name: a long name is cut,
        // never the state.
        let text = format!(
            "{} {} · {}",
            case.id,
            lang.t(i18n::state_short_key(case.state)),
            app.contact(&case.contact).name
        );
        let picked = at == modal.picked;
        let marker = if picked { "▌" } else { " " };
        let style = if picked { theme.selected() } else { Style::new() };
        lines.push(Line::from(vec![
            Span::styled(marker, theme.focus_border()),
            Span::styled(fit(&text, width.saturating_sub(1)), style),
        ]));
    }
    if total > rows {
        let more = lang.fill(T::DuplicatesMore, &[("count", &(total - rows))]);
        lines.push(Line::from(Span::styled(fit(&more, width), theme.muted())));
    }
    if let (Some(picked), Some(key)) = (
        modal.duplicates.get(modal.picked),
        app.keymap.key_of(Context::Form, Action::OpenDuplicate),
    ) {
        // The hint names the case it goes to: wrap it rather than cut that off.
        let hint = lang.fill(T::DuplicatesHint, &[("key", &key), ("id", picked)]);
        lines.extend(
            wrap(&hint, width)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, theme.key()))),
        );
        if total > 1 {
            let pick = lang.t(T::DuplicatesPick);
            lines.push(Line::from(Span::styled(fit(pick, width), theme.muted())));
        }
    }
    lines
}

fn status_line<'a>(app: &App, modal: &FormModal, theme: &Theme, width: usize) -> Line<'a> {
    let lang = app.lang;
    let form = &modal.form;
    let key = |context, action| {
        app.keymap
            .key_of(context, action)
            .map(|k| k.to_string())
            .unwrap_or_default()
    };
    if form.confirm_discard {
        let text = lang.fill(
            T::FormConfirmDiscard,
            &[
                ("yes", &key(Context::Confirm, super::yes_action(app))),
                ("no", &key(Context::Confirm, Action::No)),
            ],
        );
        return Line::from(Span::styled(
            fit(&text, width),
            theme.urgency(super::theme::Urgency::Soon),
        ));
    }
    if form.saving {
        return Line::from(Span::styled(lang.t(T::FormSaving).to_string(), theme.muted()));
    }
    if let Some(error) = &form.error {
        return Line::from(Span::styled(fit(error, width), theme.error()));
    }
    let hints = lang.fill(
        T::FormHints,
        &[
            ("save", &key(Context::Form, Action::Save)),
            ("next", &key(Context::Form, Action::NextField)),
            ("back", &key(Context::Form, Action::Back)),
        ],
    );
    let legend = lang.t(if modal.purpose == Purpose::Intake {
        T::FormRequiredIntake
    } else {
        T::FormRequired
    });
    let legend = fit(legend, width);
    let rest = width.saturating_sub(legend.width() + 3);
    let mut spans = vec![Span::styled(legend, theme.required())];
    if rest > 10 {
        spans.push(Span::raw("   "));
        spans.push(Span::styled(fit(&hints, rest), theme.muted()));
    }
    Line::from(spans)
}
