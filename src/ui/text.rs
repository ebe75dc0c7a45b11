//! Text that fits: one line cut to a width by display columns, with hostile
//! characters made visible.

use crate::sanitize::columns;
pub use crate::sanitize::{fit, wrap};

/// Pads `text` (already fitted) on the right to `width` columns.
pub fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(columns(text))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_and_width() {
        assert_eq!(
            wrap("and nobody told us about it", 10),
            ["and nobody", "told us", "about it"]
        );
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
        assert_eq!(wrap("abcdefghijkl", 5), ["abcde", "fghij", "kl"]);
        assert!(wrap("日本語のテキスト", 6).iter().all(|l| columns(l) <= 6));
        assert_eq!(
            wrap("❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}", 4),
            ["❤\u{fe0f}❤\u{fe0f}", "❤\u{fe0f}"]
        );
        assert_eq!(wrap("a\tb", 10), ["a b"]);
    }

    #[test]
    fn fitting_cuts_by_display_width() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
        assert_eq!(fit("\u{1b}[2J", 20), "\\u{1b}[2J");
        assert_eq!(fit("ab❤\u{fe0f}cd", 4), "ab…");
        assert_eq!(fit("لالا", 3), "لا…");
        assert_eq!(pad("لا", 3), "لا ");
    }
}
