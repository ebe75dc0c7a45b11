//! The search overlay: the query with its cursor at the top, one case per line
//! below it (number, state, contact, and the phone, e-mail or description that
//! matched, with the matching part marked), and how many cases matched.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::text::{fit, pad, wrap};
use super::{Theme, centred};
use crate::app::App;
use crate::app::search::{Hit, Rank, Search};
use crate::domain::case::Contact;
use crate::i18n::{T, state_label};

/// The widest the box gets: wider lines are harder to read across.
const MAX_WIDTH: u16 = 120;
const MAX_HEIGHT: u16 = 40;
const NUMBER_WIDTH: usize = 11;
const GAP: &str = "  ";

pub fn draw(app: &App, search: &Search, theme: &Theme, frame: &mut Frame, area: Rect) {
    let outer = overlay(area);
    frame.render_widget(Clear, outer);
    let title = fit(
        &format!(" {} ", app.lang.t(T::SearchTitle)),
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
    query_line(search, theme, frame, Rect { height: 1, ..inner });
    if inner.height < 2 {
        return;
    }
    let count = Rect {
        y: inner.bottom() - 1,
        height: 1,
        ..inner
    };
    let list = Rect {
        y: inner.y + 1,
        height: inner.height - 2,
        ..inner
    };
    if search.query().trim().is_empty() {
        hint(app, theme, frame, list);
        return;
    }
    results(app, search, theme, frame, list);
    count_line(app, search, theme, frame, count);
}

/// Most of the screen, less a margin that shows the board is still there.
fn overlay(area: Rect) -> Rect {
    let width = if area.width > 40 {
        (area.width - 4).min(MAX_WIDTH)
    } else {
        area.width
    };
    let height = if area.height > 12 {
        (area.height - 4).min(MAX_HEIGHT)
    } else {
        area.height
    };
    centred(area, width, height)
}

/// `/ ` and the editor, which draws its own cursor and scrolls sideways.
fn query_line(search: &Search, theme: &Theme, frame: &mut Frame, area: Rect) {
    let prompt = "/ ";
    if area.width <= prompt.len() as u16 + 1 {
        frame.render_widget(&search.input, area);
        return;
    }
    frame.render_widget(Paragraph::new(Span::styled(prompt, theme.key())), area);
    let input = Rect {
        x: area.x + prompt.len() as u16,
        width: area.width - prompt.len() as u16,
        ..area
    };
    frame.render_widget(&search.input, input);
}

fn hint(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width.saturating_sub(1)).max(1);
    let lines: Vec<Line> = [T::SearchHint, T::SearchScope]
        .iter()
        .flat_map(|&key| wrap(app.lang.t(key), width))
        .map(|l| Line::from(Span::styled(format!(" {}", fit(&l, width)), theme.muted())))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn count_line(app: &App, search: &Search, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let (text, style) = match search.total {
        0 => (lang.t(T::SearchNoMatch).to_string(), theme.error()),
        1 => (lang.t(T::SearchOneResult).to_string(), theme.muted()),
        n if n > search.hits.len() => (
            lang.fill(
                T::SearchResultsCapped,
                &[("count", &n), ("shown", &search.hits.len())],
            ),
            theme.muted(),
        ),
        n => (lang.fill(T::SearchResults, &[("count", &n)]), theme.muted()),
    };
    let text = fit(&text, usize::from(area.width.saturating_sub(1)));
    frame.render_widget(Paragraph::new(Span::styled(format!(" {text}"), style)), area);
}

/// The columns of a result line that fit a width: the state and the matched
/// detail are dropped first on a narrow screen; the contact takes the rest.
#[derive(Debug, Clone, Copy)]
struct Widths {
    state: usize,
    contact: usize,
    detail: usize,
}

impl Widths {
    fn of(width: usize) -> Widths {
        // The marker column, the number and its gap.
        let rest = width.saturating_sub(1 + NUMBER_WIDTH + GAP.len());
        let state = match width {
            100.. => 24,
            64.. => 14,
            _ => 0,
        };
        let detail = if width >= 72 { (width / 4).clamp(14, 36) } else { 0 };
        let gaps = GAP.len() * (usize::from(state > 0) + usize::from(detail > 0));
        Widths {
            state,
            contact: rest.saturating_sub(state + detail + gaps),
            detail,
        }
    }
}

fn results(app: &App, search: &Search, theme: &Theme, frame: &mut Frame, area: Rect) {
    let rows = usize::from(area.height);
    if rows == 0 {
        return;
    }
    // Scrolled just enough to keep the selection in view.
    let first = (search.selected + 1).saturating_sub(rows);
    let words = search.words();
    let widths = Widths::of(usize::from(area.width));
    let lines: Vec<Line> = search
        .hits
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, hit)| {
            let selected = i == search.selected;
            hit_line(
                app,
                *hit,
                &words,
                widths,
                selected,
                theme,
                usize::from(area.width),
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn hit_line<'a>(
    app: &App,
    hit: Hit,
    words: &[String],
    widths: Widths,
    selected: bool,
    theme: &Theme,
    width: usize,
) -> Line<'a> {
    let base = if selected {
        theme.selected()
    } else {
        Style::default()
    };
    let mark = base.patch(theme.key()).add_modifier(Modifier::UNDERLINED);
    let mut spans = vec![Span::styled(
        if selected { "▌" } else { " " },
        base.patch(theme.key()),
    )];
    let number = pad(&fit(&hit.id.to_string(), NUMBER_WIDTH), NUMBER_WIDTH);
    spans.extend(match hit.rank {
        Rank::Number => vec![Span::styled(number, mark)],
        Rank::NumberPart => marked(number, words, base, mark),
        _ => vec![Span::styled(number, base)],
    });
    let queue = app.cases.read();
    let Some(case) = queue.get(hit.id) else {
        return finish(spans, base, width);
    };
    if widths.state > 0 {
        let state_style = if case.is_open() {
            base.patch(theme.label())
        } else {
            base.patch(theme.muted())
        };
        let state = pad(&fit(&state_label(app.lang, case), widths.state), widths.state);
        spans.push(Span::styled(GAP, base));
        spans.push(Span::styled(state, state_style));
    }
    spans.push(Span::styled(GAP, base));
    let person = app.contact(&case.contact);
    let by_contact = matches!(hit.rank, Rank::NamePrefix | Rank::Name | Rank::Organisation);
    let contact = pad(&fit(&contact(&person), widths.contact), widths.contact);
    spans.extend(found(app.masked, by_contact, contact, words, base, mark));
    if widths.detail > 0 {
        spans.push(Span::styled(GAP, base));
        // Only a match in the description needs the full case.
        let full = (hit.rank == Rank::Description)
            .then(|| app.cases.case(hit.id))
            .flatten();
        let description = full.as_ref().map_or("", |c| c.description.as_str());
        spans.extend(detail(
            &person,
            app.masked,
            description,
            hit.rank,
            words,
            widths.detail,
            base,
            mark,
        ));
    }
    finish(spans, base, width)
}

/// Pads the line to the full width, so the selection shows as a bar.
fn finish<'a>(mut spans: Vec<Span<'a>>, base: Style, width: usize) -> Line<'a> {
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    spans.push(Span::styled(" ".repeat(width.saturating_sub(used)), base));
    Line::from(spans)
}

/// `name · organisation`, or just the name.
fn contact(person: &Contact) -> String {
    match &person.organisation {
        Some(org) => format!("{} · {org}", person.name),
        None => person.name.clone(),
    }
}

/// A field of the line with what matched in it marked: the words found, or,
/// when personal data is masked (the words are in the real text, not in
/// what is shown), the whole field if the case was found by it.
fn found<'a>(
    masked: bool,
    matched: bool,
    text: String,
    words: &[String],
    base: Style,
    mark: Style,
) -> Vec<Span<'a>> {
    if !masked {
        return marked(text, words, base, mark);
    }
    if !matched {
        return vec![Span::styled(text, base)];
    }
    let shown = text.trim_end().to_string();
    let padding = text[shown.len()..].to_string();
    vec![Span::styled(shown, mark), Span::styled(padding, base)]
}

/// What matched when it is not on the line already (the e-mail address or a
/// piece of the description), else how to reach the contact; `person` as
/// this board shows it.
#[allow(clippy::too_many_arguments)]
fn detail<'a>(
    person: &Contact,
    masked: bool,
    description: &str,
    rank: Rank,
    words: &[String],
    width: usize,
    base: Style,
    mark: Style,
) -> Vec<Span<'a>> {
    let phone = person.phone.as_deref();
    let email = person.email.as_deref();
    match rank {
        Rank::Phone => vec![Span::styled(fit(phone.unwrap_or(""), width), mark)],
        Rank::Email => found(masked, true, fit(email.unwrap_or(""), width), words, base, mark),
        Rank::Description => marked(fit(&snippet(description, words), width), words, base, mark),
        _ => {
            let reach = phone.or(email).unwrap_or("");
            vec![Span::styled(fit(reach, width), base)]
        }
    }
}

/// The description from a little before the first word found in it, so the
/// match is in view on a short line.
fn snippet(description: &str, words: &[String]) -> String {
    const BEFORE: usize = 12;
    let flat = description.replace(['\n', '\r', '\t'], " ");
    let lower = flat.to_lowercase();
    // Offsets in the lower-cased text are only valid in the original when
    // lower-casing kept every length, as it does for nearly all text.
    let found = (lower.len() == flat.len())
        .then(|| words.iter().filter_map(|w| lower.find(w.as_str())).min())
        .flatten()
        .filter(|&at| flat.is_char_boundary(at));
    match found {
        Some(at) if flat[..at].chars().count() > BEFORE => {
            let start = flat[..at]
                .char_indices()
                .rev()
                .nth(BEFORE - 1)
                .map_or(0, |(i, _)| i);
            format!("…{}", &flat[start..])
        }
        _ => flat,
    }
}

/// `text` (already fitted) in spans, with every occurrence of a word marked.
fn marked<'a>(text: String, words: &[String], base: Style, mark: Style) -> Vec<Span<'a>> {
    let lower = text.to_lowercase();
    if words.is_empty() || lower.len() != text.len() {
        return vec![Span::styled(text, base)];
    }
    let mut on = vec![false; text.len()];
    for word in words.iter().filter(|w| !w.is_empty()) {
        for (at, _) in lower.match_indices(word.as_str()) {
            on[at..at + word.len()].fill(true);
        }
    }
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_on = false;
    for (i, c) in text.char_indices() {
        if on[i] != run_on && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_on { mark } else { base },
            ));
        }
        run_on = on[i];
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_on { mark } else { base }));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_marked_whatever_their_case() {
        let spans = marked(
            "Jan de Vries".into(),
            &["vries".into()],
            Style::default(),
            Style::default().bold(),
        );
        let texts: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(texts, ["Jan de ", "Vries"]);
    }

    #[test]
    fn snippets_start_near_the_match() {
        let text = "a long story about many things and then the printer broke";
        assert!(snippet(text, &["printer".into()]).starts_with("…"));
        assert!(snippet(text, &["printer".into()]).contains("printer"));
        assert_eq!(snippet("short printer", &["printer".into()]), "short printer");
    }

    #[test]
    fn columns_fit_the_width() {
        for width in [0, 10, 40, 63, 64, 72, 99, 100, 200] {
            let w = Widths::of(width);
            let gaps = GAP.len() * (1 + usize::from(w.state > 0) + usize::from(w.detail > 0));
            assert!(
                1 + NUMBER_WIDTH + gaps + w.state + w.contact + w.detail
                    <= width.max(1 + NUMBER_WIDTH + GAP.len())
            );
        }
    }
}
