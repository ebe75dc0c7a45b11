//! Text from operators, complainants and files is stored as given, but never
//! written raw to a terminal: control characters (escape sequences among them),
//! bidirectional controls, invisible characters and line separators other than
//! the newline are shown visibly escaped instead of being obeyed. Also how wide
//! text shows on a terminal, for cutting and padding it to columns.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` with every hostile character (see [`is_hostile`]) shown as `\u{..}`.
pub fn visible(text: &str) -> Cow<'_, str> {
    escape_with(text, |c, out| out.push_str(&c.escape_unicode().to_string()))
}

/// `text` with every hostile character written by `escape`, the rest as it is.
pub fn escape_with(text: &str, mut escape: impl FnMut(char, &mut String)) -> Cow<'_, str> {
    let hostile = |(at, c): (usize, char)| {
        let before = text[..at].chars().next_back();
        let after = text[at + c.len_utf8()..].chars().next();
        is_hostile(before, c, after)
    };
    let Some(first) = text.char_indices().find(|&ic| hostile(ic)).map(|(at, _)| at) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    for (at, c) in text[first..].char_indices().map(|(i, c)| (i + first, c)) {
        if hostile((at, c)) {
            escape(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether `c`, between `before` and `after` (`None`: nothing, or not known),
/// must not reach a terminal raw: a control character other than newline and
/// tab (ESC, the C1 CSI `U+009B`, DEL, carriage return); a bidirectional
/// control, which reorders what follows on screen; a line or paragraph
/// separator (`U+2028`, `U+2029`), which some terminals break lines at; or an
/// invisible character (zero-width space, word joiner, byte-order mark), which
/// makes two different texts look the same. The zero-width (non-)joiner is
/// part of writing itself in emoji sequences (👩‍👧) and in Indic and Persian
/// script, so it is kept between two characters of such text, and escaped
/// next to anything else (ASCII, or nothing).
pub fn is_hostile(before: Option<char>, c: char, after: Option<char>) -> bool {
    match c {
        '\n' | '\t' => false,
        '\u{200c}' | '\u{200d}' => !(joins(before) && joins(after)),
        c => {
            c.is_control()
                || matches!(
                    c,
                    '\u{061c}'
                        | '\u{200b}'
                        | '\u{200e}'
                        | '\u{200f}'
                        | '\u{2028}'
                        | '\u{2029}'
                        | '\u{202a}'..='\u{202e}'
                        | '\u{2060}'..='\u{2064}'
                        | '\u{2066}'..='\u{2069}'
                        | '\u{feff}'
                )
        }
    }
}

/// Whether a zero-width (non-)joiner next to `c` joins writing.
fn joins(c: Option<char>) -> bool {
    c.is_some_and(|c| !c.is_ascii() && !is_hostile(None, c, None))
}

/// `text` on one line: newlines and tabs become spaces, control characters are escaped.
pub fn one_line(text: &str) -> String {
    visible(text).replace(['\n', '\t', '\r'], " ")
}

/// `text` on one line, cut with `…` to at most `width` display columns. It is
/// cut between clusters (see [`clusters`]), measured as the terminal draws
/// them, so that `❤️` or `e\u{301}` is never split nor counted as narrower.
pub fn fit(text: &str, width: usize) -> String {
    let text = one_line(text);
    if columns(&text) <= width {
        return text;
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for cluster in clusters(&text) {
        let w = cluster.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(cluster);
        used += w;
    }
    out.push('…');
    out
}

/// `text` in the clusters a terminal shows as one: a character with the
/// zero-width characters after it (combining marks, variation selectors), a
/// skin-tone modifier, and whatever a zero-width joiner joins on. Close to
/// Unicode's grapheme clusters, which ratatui lays text out by.
pub fn clusters(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let mut chars = rest.char_indices();
        let (_, first) = chars.next()?;
        let mut joined = first == '\u{200d}';
        let mut end = rest.len();
        for (at, c) in chars {
            let attaches = joined || c.width() == Some(0) || matches!(c, '\u{1f3fb}'..='\u{1f3ff}');
            if !attaches {
                end = at;
                break;
            }
            joined = c == '\u{200d}';
        }
        let (cluster, after) = rest.split_at(end);
        rest = after;
        Some(cluster)
    })
}

/// How many columns `text` (without control characters) takes on a
/// terminal, cluster by cluster: `❤️` and `لا` two each, a family emoji two.
/// The width of the whole string can differ: it counts `❤️` as two but `لا`
/// as one, which ratatui (and most terminals) draw in two cells.
pub fn columns(text: &str) -> usize {
    clusters(text).map(UnicodeWidthStr::width).sum()
}

/// `text` broken into lines of at most `width` display columns, at spaces where
/// possible; its own line breaks are kept, tabs become spaces, control
/// characters are made visible.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for paragraph in visible(text).replace('\t', " ").split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split(' ') {
            let w = columns(word);
            if used > 0 && used + 1 + w > width {
                out.push(std::mem::take(&mut line));
                used = 0;
            }
            if used > 0 {
                line.push(' ');
                used += 1;
            }
            for cluster in clusters(word) {
                let cw = cluster.width();
                if used > 0 && used + cw > width {
                    out.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push_str(cluster);
                used += cw;
            }
        }
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_cuts_by_display_width_on_one_line() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
        assert_eq!(fit("a\nb\u{1b}[2J", 20), "a b\\u{1b}[2J");
        assert_eq!(fit("ab❤\u{fe0f}cd", 4), "ab…");
    }

    #[test]
    fn escape_sequences_are_shown_not_obeyed() {
        assert_eq!(visible("plain\ntext"), "plain\ntext");
        assert_eq!(visible("\u{1b}[2Jgone"), "\\u{1b}[2Jgone");
        assert_eq!(visible("bell\u{7}"), "bell\\u{7}");
        assert_eq!(one_line("a\nb\u{9b}c"), "a b\\u{9b}c");
    }

    #[test]
    fn invisible_and_reordering_characters_are_shown() {
        assert_eq!(visible("ab\u{202e}cd"), "ab\\u{202e}cd");
        assert_eq!(visible("a\u{2067}b\u{2069}"), "a\\u{2067}b\\u{2069}");
        assert_eq!(visible("Jan\u{200b}sen"), "Jan\\u{200b}sen");
        assert_eq!(visible("one\u{2028}two\u{2029}"), "one\\u{2028}two\\u{2029}");
        assert_eq!(visible("\u{feff}x\u{7f}\u{200e}"), "\\u{feff}x\\u{7f}\\u{200e}");
        assert_eq!(visible("tab\tand\nnewline"), "tab\tand\nnewline");
    }

    #[test]
    fn joiners_are_kept_inside_writing_only() {
        let family = "👩\u{200d}👩\u{200d}👧";
        assert_eq!(visible(family), family);
        assert_eq!(visible("क्\u{200d}ष"), "क्\u{200d}ष");
        assert_eq!(visible("Pay\u{200d}pal"), "Pay\\u{200d}pal");
        assert_eq!(visible("\u{200c}x"), "\\u{200c}x");
        assert_eq!(visible("👩\u{200d}"), "👩\\u{200d}");
        assert_eq!(visible("\u{200b}\u{200d}Zero"), "\\u{200b}\\u{200d}Zero");
    }

    #[test]
    fn clusters_keep_what_shows_as_one_together() {
        fn all(t: &str) -> Vec<&str> {
            clusters(t).collect()
        }
        assert_eq!(all("ab"), ["a", "b"]);
        assert_eq!(all("e\u{301}x"), ["e\u{301}", "x"]);
        assert_eq!(all("❤\u{fe0f}❤\u{fe0f}"), ["❤\u{fe0f}", "❤\u{fe0f}"]);
        assert_eq!(all("👩\u{200d}👧 👍🏽"), ["👩\u{200d}👧", " ", "👍🏽"]);
        assert_eq!(all(""), Vec::<&str>::new());
        assert_eq!(columns("❤\u{fe0f}"), 2);
        assert_eq!(columns("لا"), 2);
        assert_eq!(columns("👩\u{200d}👩\u{200d}👧\u{200d}👦"), 2);
        assert_eq!(columns("日本"), 4);
        assert_eq!(columns("\u{200b}"), 0);
    }
}
