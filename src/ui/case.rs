//! The case pane: the deadlines, the contact and the procedure's fields (each
//! selectable and editable in place), the steps taken, and the timeline of
//! contact log and audit trail, newest first. It scrolls with the selected row.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::Theme;
use super::text::wrap;
use super::theme::Urgency;
use crate::app::pane::{PANE_FIELDS, value};
use crate::app::{App, CasePane};
use crate::domain::case::{Case, Target};
use crate::domain::deadlines::CaseClocks;
use crate::domain::event::EventKind;
use crate::domain::problem::Field;
use crate::domain::promise::PromiseStatus;
use crate::domain::workflow::Command;
use crate::i18n::{self, Lang, T, datetime, field_key};
use crate::sanitize::one_line;

const LABEL: usize = 24;

pub fn draw(app: &App, pane: &CasePane, theme: &Theme, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let lang = app.lang;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border());
    let Some(held) = app.cases.case(pane.id) else {
        frame.render_widget(Paragraph::new(lang.t(T::CaseNotLoaded)).block(block), area);
        return;
    };
    let case = held.as_ref();
    let mut title = vec![
        Span::styled(format!(" {} ", case.id), theme.title()),
        Span::raw(format!("· {} ", i18n::state_label(lang, case))),
    ];
    let others = app.others_on(case.id);
    if !others.is_empty() {
        title.push(Span::styled(
            format!("· {} ", i18n::presence(lang, &others)),
            theme.urgency(crate::ui::theme::Urgency::Soon),
        ));
    }
    let title = Line::from(title);
    let block = block.title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let mut pane_lines = Lines {
        lines: Vec::new(),
        selected: 0,
        width: usize::from(inner.width),
        theme,
    };
    pane_lines.content(app, pane, case);
    let Lines { lines, selected, .. } = pane_lines;
    // Keep the selected row in view, a third of the way down once it would leave it.
    let height = usize::from(inner.height);
    let max = lines.len().saturating_sub(height);
    let scroll = selected.saturating_sub(height / 3).min(max);
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// The pane's lines as they are built, already wrapped to its width.
struct Lines<'t, 'a> {
    lines: Vec<Line<'a>>,
    /// The line of the selected row.
    selected: usize,
    width: usize,
    theme: &'t Theme,
}

impl<'a> Lines<'_, 'a> {
    fn heading(&mut self, text: &str) {
        let style = self.theme.title().patch(self.theme.label());
        self.lines.push(Line::from(Span::styled(text.to_string(), style)));
    }

    fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    /// A label and its value, the value wrapped under itself.
    fn labelled(&mut self, label: &str, value: &str, selected: bool, value_style: Style) {
        if selected {
            self.selected = self.lines.len();
        }
        let theme = self.theme;
        let marker = Span::styled(if selected { "▌" } else { " " }, theme.focus_border());
        let label_style = if selected { theme.selected() } else { theme.label() };
        let wrapped = wrap(value, self.width.saturating_sub(LABEL + 1));
        for (i, part) in wrapped.into_iter().enumerate() {
            let head = if i == 0 {
                format!("{label:<LABEL$}")
            } else {
                " ".repeat(LABEL)
            };
            let head_style = if i == 0 { label_style } else { Style::new() };
            let marker = if i == 0 { marker.clone() } else { Span::raw(" ") };
            self.lines.push(Line::from(vec![
                marker,
                Span::styled(head, head_style),
                Span::styled(part, value_style),
            ]));
        }
    }

    fn content(&mut self, app: &App, pane: &CasePane, case: &Case) {
        let lang = app.lang;
        let theme = self.theme;
        self.heading(lang.t(T::HeadDeadlines));
        let clocks = CaseClocks::of(case, &app.rules.policy, app.now);
        for (target, status) in [
            (Target::Acknowledge, &clocks.acknowledge),
            (Target::Outcome, &clocks.outcome),
        ] {
            let style = theme.urgency(Urgency::of(status));
            self.labelled(
                lang.t(i18n::target_key(target)),
                &i18n::clock(lang, status),
                false,
                style,
            );
        }
        self.promises(app, case);
        self.blank();
        for (i, field) in PANE_FIELDS.iter().enumerate() {
            if *field == Field::Justification {
                self.blank();
                self.heading(lang.t(T::HeadSteps));
            }
            let shown = app.shown(*field, &shown_value(lang, case, *field));
            let (text, style) = if shown.trim().is_empty() {
                (lang.t(T::LabelNone).to_string(), theme.muted())
            } else {
                (shown, Style::new())
            };
            self.labelled(lang.t(field_key(*field)), &text, pane.row == i, style);
        }
        self.procedure(lang, case);
        self.blank();
        self.heading(lang.t(T::HeadTimeline));
        let entries = timeline(app, case, pane);
        for (k, entry) in entries.into_iter().enumerate() {
            let selected = pane.row == PANE_FIELDS.len() + k;
            self.entry(entry, selected);
        }
    }

    /// The promises made to the complainant, outstanding first (amber on
    /// their day, red once broken), then those kept; each with its moves.
    fn promises(&mut self, app: &App, case: &Case) {
        if case.promises.is_empty() {
            return;
        }
        let lang = app.lang;
        let theme = self.theme;
        self.blank();
        self.heading(lang.t(T::PromisesTitle));
        let mut promises: Vec<&crate::domain::promise::Promise> = case.promises.iter().collect();
        promises.sort_by_key(|p| (!p.is_outstanding(), p.due));
        for promise in promises {
            let urgency = match promise.status(&app.rules.policy, app.now) {
                PromiseStatus::Breached | PromiseStatus::Kept { on_time: false } => Urgency::Breached,
                PromiseStatus::DueToday => Urgency::Soon,
                PromiseStatus::OnTrack => Urgency::OnTrack,
                PromiseStatus::Kept { on_time: true } => Urgency::Quiet,
            };
            // A broken promise is marked as a missed target is, not by its colour alone.
            let broken = promise.is_outstanding() && urgency == Urgency::Breached;
            for (i, line) in i18n::promise_lines(lang, promise).into_iter().enumerate() {
                let style = if i == 0 {
                    theme.urgency(urgency)
                } else {
                    theme.muted()
                };
                let line = if i == 0 && broken {
                    format!("! {line}")
                } else {
                    line
                };
                let indent = if i == 0 { " " } else { "   " };
                for part in wrap(&line, self.width.saturating_sub(indent.len())) {
                    self.lines
                        .push(Line::from(Span::styled(format!("{indent}{part}"), style)));
                }
            }
        }
    }

    /// The steps taken so far: registration, acknowledgement, admissibility,
    /// information requests, communication, withdrawal, closing.
    fn procedure(&mut self, lang: Lang, case: &Case) {
        let plain = Style::new();
        let registered = format!(
            "{} {} {}",
            datetime(lang, case.registered_at),
            lang.t(T::LabelBy),
            one_line(&case.registered_by)
        );
        self.labelled(lang.t(T::LabelRegistered), &registered, false, plain);
        if let Some(ack) = &case.acknowledgement {
            let value = format!(
                "{} ({})",
                datetime(lang, ack.at),
                lang.t(i18n::ack_via_key(ack.via))
            );
            self.labelled(lang.t(field_key(Field::AckAt)), &value, false, plain);
        }
        if let Some(a) = &case.admissibility {
            let verdict = lang.t(if a.admissible {
                T::Admissible
            } else {
                T::NotAdmissible
            });
            let value = format!("{verdict} ({})", datetime(lang, a.decided_at));
            self.labelled(lang.t(T::LabelAdmissibility), &value, false, plain);
        }
        for request in &case.info_requests {
            let received = match request.received_at {
                Some(at) => format!("{} {}", lang.t(T::LabelReceived), datetime(lang, at)),
                None => lang.t(T::LabelOpenRequest).to_string(),
            };
            let value = format!(
                "{}: {} — {received}",
                datetime(lang, request.requested_at),
                request.request
            );
            self.labelled(lang.t(field_key(Field::Request)), &value, false, plain);
        }
        if let Some(at) = case.outcome_communicated_at {
            self.labelled(lang.t(T::LabelCommunicated), &datetime(lang, at), false, plain);
        }
        if let Some(w) = &case.withdrawal {
            self.labelled(lang.t(field_key(Field::WithdrawReason)), &w.reason, false, plain);
        }
        if let Some(at) = case.closed_at {
            self.labelled(lang.t(T::LabelClosedAt), &datetime(lang, at), false, plain);
        }
    }

    /// A timeline entry: its heading line, then its text wrapped and indented.
    fn entry(&mut self, entry: Entry, selected: bool) {
        let theme = self.theme;
        if selected {
            self.selected = self.lines.len();
        }
        let marker = Span::styled(if selected { "▌" } else { " " }, theme.focus_border());
        let base = if selected { theme.selected() } else { Style::new() };
        let mut head = vec![marker, Span::styled(format!("{}  ", entry.when), theme.muted())];
        head.extend(
            entry.head.into_iter().map(|(text, strong)| {
                Span::styled(text, if strong { base.patch(theme.key()) } else { base })
            }),
        );
        self.lines.push(Line::from(head));
        for (text, muted) in entry.body {
            let style = if muted { theme.muted() } else { Style::new() };
            for part in wrap(&text, self.width.saturating_sub(6)) {
                self.lines
                    .push(Line::from(Span::styled(format!("     {part}"), style)));
            }
        }
    }
}

/// A field's value as shown (the choice fields in words).
fn shown_value(lang: Lang, case: &Case, field: Field) -> String {
    match field {
        Field::Channel => lang.t(i18n::channel_key(case.channel)).to_string(),
        Field::ComplainedAt => datetime(lang, case.complained_at),
        Field::Service => i18n::service_name(lang, &case.service).to_string(),
        Field::Satisfaction => case
            .satisfaction
            .map(|s| lang.t(i18n::satisfaction_key(s)).to_string())
            .unwrap_or_default(),
        Field::Remedy => case
            .remedy_sought
            .as_ref()
            .map(|s| i18n::remedy_shown(lang, s))
            .unwrap_or_default(),
        Field::RemedyGranted => case
            .remedy_granted
            .map(|g| lang.t(i18n::granted_key(g)).to_string())
            .unwrap_or_default(),
        _ => value(case, field),
    }
}

/// One entry of the timeline: when, a heading (parts, strong or not), and
/// lines of text under it (muted or not).
struct Entry {
    at: DateTime<Utc>,
    when: String,
    head: Vec<(String, bool)>,
    body: Vec<(String, bool)>,
}

/// Contact log entries and audit events merged, newest first.
fn timeline(app: &App, case: &Case, pane: &CasePane) -> Vec<Entry> {
    let lang = app.lang;
    let mut entries = Vec::new();
    for log in &case.contact_log {
        let kind = format!(
            "{} {}",
            lang.t(i18n::log_kind_key(log.kind)),
            lang.t(i18n::direction_key(log.direction))
        );
        entries.push(Entry {
            at: log.at,
            when: datetime(lang, log.at),
            head: vec![(kind, true), (format!("  {}", one_line(&log.author)), false)],
            body: vec![(log.text.clone(), false)],
        });
    }
    for event in crate::app::timeline::events(case, &pane.events) {
        let what = match &event.kind {
            EventKind::Registered => lang.t(T::Registration),
            EventKind::Command(c) => lang.t(i18n::step_key(c.step())),
        };
        let mut head = vec![
            (format!("{}  ", one_line(&event.actor)), false),
            (what.to_string(), true),
        ];
        if let Some(from) = event.from.filter(|from| *from != event.to) {
            let moved = format!(
                "  {} → {}",
                lang.t(i18n::state_key(from)),
                lang.t(i18n::state_key(event.to))
            );
            head.push((moved, false));
        }
        let mut body = Vec::new();
        // A step recorded later than it happened says when it happened, on
        // a line of its own: the heading may be cut on a narrow pane.
        let happened = datetime(lang, event.happened_at());
        if happened != datetime(lang, event.at) {
            body.push((
                format!("({})", lang.fill(T::TimelineHappenedAt, &[("at", &happened)])),
                false,
            ));
        }
        if let EventKind::Command(
            Command::Reopen { reason: note, .. }
            | Command::InformationReceived { note, .. }
            | Command::LogContact { text: note, .. }
            | Command::MovePromise { reason: note, .. },
        ) = &event.kind
            && !note.trim().is_empty()
        {
            body.push((note.clone(), false));
        }
        // A registration's description is on the case already.
        for change in event
            .changes
            .iter()
            .filter(|c| c.field != Field::Description || event.from.is_some())
        {
            let after = one_line(&app.shown(
                change.field,
                &i18n::audit_value(lang, change.field, &change.after),
            ));
            let after = if after.is_empty() {
                lang.t(T::LabelNone).to_string()
            } else {
                after
            };
            body.push((format!("{}: {after}", lang.t(field_key(change.field))), true));
        }
        entries.push(Entry {
            at: event.at,
            when: datetime(lang, event.at),
            head,
            body,
        });
    }
    // Newest first; of two at one moment (a clock pinned for training), the later one.
    entries.reverse();
    entries.sort_by_key(|e| std::cmp::Reverse(e.at));
    entries
}
