//! The case pane: contact, deadlines, the procedure's fields and the timeline of
//! contact log and audit trail, newest first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::Theme;
use super::text::wrap;
use super::theme::Urgency;
use crate::app::pane::{PANE_FIELDS, value};
use crate::app::{App, CasePane};
use crate::domain::case::{Case, Target};
use crate::domain::deadlines::CaseClocks;
use crate::domain::event::EventKind;
use crate::domain::problem::Field;
use crate::domain::workflow::Command;
use crate::i18n::{self, Lang, T, datetime, field_key};
use crate::sanitize::one_line;

const LABEL: usize = 24;

pub fn draw(app: &App, pane: &CasePane, theme: &Theme, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let lang = app.lang;
    let Some(case) = app.cases.get(pane.id) else {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.focus_border());
        frame.render_widget(Paragraph::new(lang.t(T::CaseNotLoaded)).block(block), area);
        return;
    };
    let title = Line::from(vec![
        Span::styled(format!(" {} ", case.id), theme.title()),
        Span::raw(format!("· {} ", i18n::state_label(lang, case))),
    ]);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let (lines, selected_line) = content(app, pane, case, theme, usize::from(inner.width));
    // Keep the selected field in view; the operator may scroll further down.
    let height = inner.height as usize;
    let auto = selected_line.saturating_sub(height.saturating_sub(4)) as u16;
    let scroll = auto.max(pane.scroll).min(lines.len().saturating_sub(1) as u16);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        inner,
    );
}

/// The pane's lines, and the index of the selected field's line.
fn content<'a>(
    app: &App,
    pane: &CasePane,
    case: &'a Case,
    theme: &Theme,
    width: usize,
) -> (Vec<Line<'a>>, usize) {
    let lang = app.lang;
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let heading = |text: &str| Line::from(Span::styled(text.to_string(), theme.title().patch(theme.label())));

    lines.push(heading(lang.t(T::HeadDeadlines)));
    let clocks = CaseClocks::of(case, &app.rules.policy, app.now);
    for (target, status) in [
        (Target::Acknowledge, &clocks.acknowledge),
        (Target::Outcome, &clocks.outcome),
    ] {
        lines.push(Line::from(vec![
            Span::styled(
                format!(" {:<LABEL$}", lang.t(i18n::target_key(target))),
                theme.label(),
            ),
            Span::styled(i18n::clock(lang, status), theme.urgency(Urgency::of(status))),
        ]));
    }
    lines.push(Line::default());
    for (i, field) in PANE_FIELDS.iter().enumerate() {
        if i == 10 {
            lines.push(Line::default());
            lines.push(heading(lang.t(T::HeadSteps)));
        }
        let selected = i == pane.field;
        if selected {
            selected_line = lines.len();
        }
        let shown = shown_value(lang, case, *field);
        let label_style = if selected { theme.selected() } else { theme.label() };
        let marker = if selected { "▌" } else { " " };
        let label = format!("{:<LABEL$}", lang.t(field_key(*field)));
        let wrapped = wrap(&shown, width.saturating_sub(LABEL + 1));
        let mut value_lines = wrapped.iter();
        let first = value_lines.next().cloned().unwrap_or_default();
        let value_style = if shown.is_empty() {
            theme.muted()
        } else {
            Style::new()
        };
        let first = if shown.is_empty() {
            lang.t(T::LabelNone).to_string()
        } else {
            first
        };
        lines.push(Line::from(vec![
            Span::styled(marker, theme.focus_border()),
            Span::styled(label, label_style),
            Span::styled(first, value_style),
        ]));
        for more in value_lines {
            lines.push(Line::from(format!(" {:LABEL$}{}", "", more)));
        }
    }

    lines.extend(procedure(lang, case, theme));

    lines.push(Line::default());
    lines.push(heading(lang.t(T::HeadTimeline)));
    lines.extend(timeline(lang, case, pane, theme, width));
    (lines, selected_line)
}

/// A field's value as shown (the choice fields in words).
fn shown_value(lang: Lang, case: &Case, field: Field) -> String {
    match field {
        Field::Channel => lang.t(i18n::channel_key(case.channel)).to_string(),
        Field::ComplainedAt => datetime(lang, case.complained_at),
        Field::Satisfaction => case
            .satisfaction
            .map(|s| lang.t(i18n::satisfaction_key(s)).to_string())
            .unwrap_or_default(),
        _ => value(case, field),
    }
}

/// The steps taken so far: acknowledgement, admissibility, information requests.
fn procedure<'a>(lang: Lang, case: &Case, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    let mut row = |label: String, value: String| {
        lines.push(Line::from(vec![
            Span::styled(format!(" {label:<LABEL$}"), theme.label()),
            Span::raw(value),
        ]));
    };
    row(
        lang.t(T::LabelRegistered).to_string(),
        format!(
            "{} {} {}",
            datetime(lang, case.registered_at),
            lang.t(T::LabelBy),
            one_line(&case.registered_by)
        ),
    );
    if let Some(ack) = &case.acknowledgement {
        row(
            lang.t(field_key(Field::AckAt)).to_string(),
            format!(
                "{} ({})",
                datetime(lang, ack.at),
                lang.t(i18n::ack_via_key(ack.via))
            ),
        );
    }
    if let Some(a) = &case.admissibility {
        let verdict = lang.t(if a.admissible {
            T::Admissible
        } else {
            T::NotAdmissible
        });
        row(
            lang.t(T::LabelAdmissibility).to_string(),
            format!("{verdict} ({})", datetime(lang, a.decided_at)),
        );
    }
    for request in &case.info_requests {
        let received = match request.received_at {
            Some(at) => format!("{} {}", lang.t(T::LabelReceived), datetime(lang, at)),
            None => lang.t(T::LabelOpenRequest).to_string(),
        };
        row(
            lang.t(field_key(Field::Request)).to_string(),
            format!(
                "{}: {} — {received}",
                datetime(lang, request.requested_at),
                one_line(&request.request)
            ),
        );
    }
    if let Some(at) = case.outcome_communicated_at {
        row(lang.t(T::LabelCommunicated).to_string(), datetime(lang, at));
    }
    if let Some(w) = &case.withdrawal {
        row(
            lang.t(field_key(Field::WithdrawReason)).to_string(),
            one_line(&w.reason),
        );
    }
    if let Some(at) = case.closed_at {
        row(lang.t(T::LabelClosedAt).to_string(), datetime(lang, at));
    }
    lines
}

/// Contact log entries and audit events merged, newest first.
/// Text under a timeline entry, wrapped and indented.
fn indented<'a>(text: &str, width: usize, style: Style) -> Vec<Line<'a>> {
    wrap(text, width.saturating_sub(6))
        .into_iter()
        .map(|l| Line::from(Span::styled(format!("     {l}"), style)))
        .collect()
}

fn timeline<'a>(lang: Lang, case: &Case, pane: &CasePane, theme: &Theme, width: usize) -> Vec<Line<'a>> {
    let mut entries: Vec<(chrono::DateTime<chrono::Utc>, Vec<Line<'a>>)> = Vec::new();
    for entry in &case.contact_log {
        let head = Line::from(vec![
            Span::styled(format!(" {}  ", datetime(lang, entry.at)), theme.muted()),
            Span::styled(
                format!(
                    "{} {}",
                    lang.t(i18n::log_kind_key(entry.kind)),
                    lang.t(i18n::direction_key(entry.direction))
                ),
                theme.key(),
            ),
            Span::raw(format!("  {}", one_line(&entry.author))),
        ]);
        let mut lines = vec![head];
        lines.extend(indented(&entry.text, width, Style::new()));
        entries.push((entry.at, lines));
    }
    for event in &pane.events {
        let what = match &event.kind {
            EventKind::Registered => lang.t(T::Registration),
            EventKind::Command(c) => lang.t(i18n::step_key(c.step())),
        };
        let moved = match event.from {
            Some(from) if from != event.to => {
                format!(
                    "  {} → {}",
                    lang.t(i18n::state_key(from)),
                    lang.t(i18n::state_key(event.to))
                )
            }
            _ => String::new(),
        };
        let mut lines = vec![Line::from(vec![
            Span::styled(format!(" {}  ", datetime(lang, event.at)), theme.muted()),
            Span::raw(format!("{}  ", one_line(&event.actor))),
            Span::styled(what.to_string(), theme.title()),
            Span::raw(moved),
        ])];
        if let EventKind::Command(Command::Reopen { reason: note } | Command::InformationReceived { note }) =
            &event.kind
            && !note.trim().is_empty()
        {
            lines.extend(indented(note, width, Style::new()));
        }
        for change in event
            .changes
            .iter()
            .filter(|c| !matches!(c.field, Field::Description) || event.from.is_some())
        {
            let field = lang.t(field_key(change.field));
            let after = one_line(&i18n::audit_value(lang, change.field, &change.after));
            lines.extend(indented(&format!("{field}: {after}"), width, theme.muted()));
        }
        entries.push((event.at, lines));
    }
    entries.sort_by_key(|e| std::cmp::Reverse(e.0));
    entries.into_iter().flat_map(|(_, lines)| lines).collect()
}
