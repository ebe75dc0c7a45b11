//! A closed list drawn in the room it has: every option when they fit, else
//! a window that always holds the highlighted one, with how many are left
//! out on each side.

use std::ops::Range;

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::Theme;
use crate::i18n::{Lang, T};

/// Which of `count` rows to show in `rows`, keeping `selected` in view.
pub fn window(count: usize, selected: Option<usize>, rows: usize) -> Range<usize> {
    if count <= rows {
        return 0..count;
    }
    let start = selected
        .map_or(0, |s| (s + 1).saturating_sub(rows))
        .min(count - rows);
    start..start + rows
}

/// "↑ 2 · ↓ 5 more": what a vertical window leaves out.
pub fn more_line<'a>(lang: Lang, theme: &Theme, shown: &Range<usize>, count: usize) -> Line<'a> {
    let text = lang.fill(
        T::ListMore,
        &[("above", &shown.start), ("below", &(count - shown.end))],
    );
    Line::from(Span::styled(text, theme.hint()))
}

/// The options of a choice on one line of `width`: all when they fit, else
/// those around the chosen one, with `◂ n` and `n ▸` for the ones left out.
pub fn choice_spans<'a>(
    options: &[String],
    chosen: Option<usize>,
    width: usize,
    style_of: impl Fn(bool) -> ratatui::style::Style,
    theme: &Theme,
) -> Vec<Span<'a>> {
    let widths: Vec<usize> = options.iter().map(|o| o.width() + 2).collect();
    let shown = row_window(&widths, chosen.unwrap_or(0), width);
    let mut spans = Vec::new();
    if shown.start > 0 {
        spans.push(Span::styled(format!("◂ {} ", shown.start), theme.hint()));
    }
    for (i, option) in options.iter().enumerate().take(shown.end).skip(shown.start) {
        spans.push(Span::styled(format!(" {option} "), style_of(Some(i) == chosen)));
    }
    if shown.end < options.len() {
        spans.push(Span::styled(
            format!(" {} ▸", options.len() - shown.end),
            theme.hint(),
        ));
    }
    spans
}

/// The options, of `widths`, that fit in `width` around `keep`, leaving
/// room for the markers of those left out.
fn row_window(widths: &[usize], keep: usize, width: usize) -> Range<usize> {
    if widths.iter().sum::<usize>() <= width {
        return 0..widths.len();
    }
    const MARKERS: usize = 10;
    let room = width.saturating_sub(MARKERS);
    let keep = keep.min(widths.len().saturating_sub(1));
    let (mut start, mut end) = (keep, keep + 1);
    let mut used = widths.get(keep).copied().unwrap_or(0);
    loop {
        let right = widths.get(end).filter(|w| used + **w <= room);
        if let Some(w) = right {
            used += w;
            end += 1;
            continue;
        }
        let left = start
            .checked_sub(1)
            .map(|i| widths[i])
            .filter(|w| used + w <= room);
        match left {
            Some(w) => {
                used += w;
                start -= 1;
            }
            None => return start..end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selected_row_is_always_in_the_window() {
        assert_eq!(window(3, Some(2), 4), 0..3);
        assert_eq!(window(10, None, 4), 0..4);
        assert_eq!(window(10, Some(3), 4), 0..4);
        assert_eq!(window(10, Some(4), 4), 1..5);
        assert_eq!(window(10, Some(9), 4), 6..10);
    }

    #[test]
    fn a_row_of_options_keeps_the_chosen_one() {
        let widths = [10, 10, 10, 10, 10];
        assert_eq!(row_window(&widths, 0, 50), 0..5);
        let shown = row_window(&widths, 4, 40);
        assert!(shown.contains(&4) && shown.len() == 3, "{shown:?}");
        assert_eq!(
            row_window(&widths, 0, 5),
            0..1,
            "the chosen one even when nothing fits"
        );
    }
}
