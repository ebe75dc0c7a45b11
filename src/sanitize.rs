//! Text from operators, complainants and files is stored as given, but never
//! written raw to a terminal: control characters (escape sequences among them)
//! are shown visibly escaped instead of being obeyed.

use std::borrow::Cow;

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

fn is_hostile(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
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
}
