//! Text from operators, complainants and files is stored as given, but never
//! written raw to a terminal: control characters (escape sequences among them)
//! are shown visibly escaped instead of being obeyed. Also how wide text shows
//! on a terminal, for cutting and padding it to columns.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` with every control character except newline and tab shown as `\u{..}`.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hostile) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hostile(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` on one line: newlines and tabs become spaces, control characters are escaped.
pub fn one_line(text: &str) -> String {
    visible(text).replace(['\n', '\t', '\r'], " ")
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

fn is_hostile(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
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
    fn escape_sequences_are_shown_not_obeyed() {
        assert_eq!(visible("plain\ntext"), "plain\ntext");
        assert_eq!(visible("\u{1b}[2Jgone"), "\\u{1b}[2Jgone");
        assert_eq!(visible("bell\u{7}"), "bell\\u{7}");
        assert_eq!(one_line("a\nb\u{9b}c"), "a b\\u{9b}c");
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
