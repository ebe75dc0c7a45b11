//! The reports screen: the period at the top, complaints per week as a bar
//! chart (a sparkline when the weeks do not fit as bars), then the report's
//! lines, scrolled, and the keys at the bottom.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Clear, Paragraph, Sparkline};
use unicode_width::UnicodeWidthStr;

use super::Theme;
use super::text::{fit, pad};
use crate::app::App;
use crate::app::reports::rows::{self, Kind, Row, label_widths, widest_figure};
use crate::app::reports::{ReportView, columns, layout};
use crate::domain::report::Report;
use crate::i18n::T;
use crate::keymap::Context;

pub fn draw(app: &App, view: &ReportView, theme: &Theme, frame: &mut Frame, area: Rect) {
    let l = layout(area, view.report.is_some());
    frame.render_widget(Clear, l.outer);
    let title = fit(
        &format!(" {} ", app.lang.t(T::ReportScreenTitle)),
        usize::from(l.outer.width.saturating_sub(2)),
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(title, theme.title()));
    frame.render_widget(block, l.outer);
    let lang = app.lang;
    let heading = match &view.report {
        Some(report) => rows::title_in(lang, report, width(l.title)),
        None => lang.fill(
            T::ReportTitle,
            &[("period", &rows::period_name(lang, view.period))],
        ),
    };
    line(
        frame,
        l.title,
        Span::styled(fit(&heading, width(l.title)), theme.title()),
    );
    hints(app, theme, frame, l.hints);
    let Some(report) = &view.report else {
        let text = fit(lang.t(T::ReportLoading), width(l.body));
        line(frame, l.body, Span::styled(text, theme.muted()));
        return;
    };
    if let Some(area) = l.chart {
        chart(report, theme, frame, area);
    }
    body(view, theme, frame, l.body);
}

fn width(area: Rect) -> usize {
    usize::from(area.width)
}

fn line(frame: &mut Frame, area: Rect, span: Span) {
    if area.height > 0 && area.width > 0 {
        frame.render_widget(Paragraph::new(Line::from(span)), Rect { height: 1, ..area });
    }
}

/// Complaints per week: bars labelled with the week's number when they fit
/// side by side, else a sparkline.
fn chart(report: &Report, theme: &Theme, frame: &mut Frame, area: Rect) {
    let n = report.weeks.len() as u16;
    if n == 0 || area.width < 2 || area.height < 3 {
        return;
    }
    let data: Vec<u64> = report.weeks.iter().map(|w| w.count as u64).collect();
    let gap = 1u16;
    if n.saturating_mul(2).saturating_sub(gap) > area.width {
        let spark = Sparkline::default().data(&data).style(theme.label());
        frame.render_widget(spark, area);
        return;
    }
    let bar_width = ((area.width + gap) / n).saturating_sub(gap).clamp(1, 12);
    let bars: Vec<Bar> = report
        .weeks
        .iter()
        .map(|w| {
            Bar::default()
                .value(w.count as u64)
                .label(Line::from(format!("{}", w.week.week)))
        })
        .collect();
    let chart = BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_width)
        .bar_gap(gap)
        .bar_style(theme.label())
        .value_style(theme.title())
        .label_style(theme.muted());
    frame.render_widget(chart, area);
}

fn body(view: &ReportView, theme: &Theme, frame: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let height = usize::from(area.height);
    // The lines flow from one column into the next.
    for (n, column) in columns(area, widest_figure(&view.rows)).into_iter().enumerate() {
        let w = width(column);
        let widths = label_widths(&view.rows, (w * 11 / 20).min(52).max(12.min(w)));
        let lines: Vec<Line> = view
            .rows
            .iter()
            .enumerate()
            .skip(view.offset + n * height)
            .take(height)
            .map(|(i, row)| row_line(row, i == view.row, widths[i], w, theme))
            .collect();
        frame.render_widget(Paragraph::new(lines), column);
    }
}

fn row_line(row: &Row, selected: bool, label_width: usize, width: usize, theme: &Theme) -> Line<'static> {
    let (indent, label_style) = match row.kind {
        Kind::Heading => (0, theme.title().patch(theme.label())),
        Kind::Subheading => (2, theme.title()),
        Kind::Item | Kind::Note => (
            2,
            if row.kind == Kind::Note {
                theme.muted()
            } else {
                Style::new()
            },
        ),
        Kind::SubItem => (4, Style::new()),
        Kind::Blank => (0, Style::new()),
    };
    let indent = indent.min(width);
    if row.kind == Kind::SubItem {
        // A root cause: as much of its text as fits, its cases after it.
        let text = fit(
            &format!("{}  ({})", row.label, row.value),
            width.saturating_sub(indent),
        );
        let line = Line::from(vec![Span::raw(" ".repeat(indent)), Span::raw(text)]);
        return highlight(line, selected, width, theme);
    }
    let label_room = label_width.saturating_sub(indent).max(1);
    let label = match row.kind {
        Kind::Heading | Kind::Subheading | Kind::Note if row.value.is_empty() => {
            fit(&row.label, width.saturating_sub(indent))
        }
        _ => pad(&fit(&row.label, label_room), label_room),
    };
    let used = indent + label.width();
    let value = if row.value.is_empty() {
        String::new()
    } else {
        fit(&row.value, width.saturating_sub(used + 1))
    };
    let mut spans = vec![Span::raw(" ".repeat(indent)), Span::styled(label, label_style)];
    if !value.is_empty() {
        spans.push(Span::raw(" "));
        let style = if row.kind == Kind::Heading {
            theme.title()
        } else {
            Style::new()
        };
        spans.push(Span::styled(value, style));
    }
    highlight(Line::from(spans), selected, width, theme)
}

/// The selected line as a bar across the whole column.
fn highlight(mut line: Line<'static>, selected: bool, width: usize, theme: &Theme) -> Line<'static> {
    if !selected {
        return line;
    }
    let used = line.width();
    if used < width {
        line.spans.push(Span::raw(" ".repeat(width - used)));
    }
    line.style(theme.selected())
}

fn hints(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let key = |action| {
        app.keymap
            .key_of(Context::Report, action)
            .map(|c| c.to_string())
            .unwrap_or_else(|| "-".into())
    };
    use crate::app::Action;
    let text = app.lang.fill(
        T::ReportHints,
        &[
            ("prev", &key(Action::PrevPeriod)),
            ("next", &key(Action::NextPeriod)),
            ("kind", &"p"),
            ("export", &key(Action::Export)),
            ("open", &key(Action::Open)),
            ("back", &key(Action::Back)),
        ],
    );
    line(frame, area, Span::styled(fit(&text, width(area)), theme.muted()));
}
