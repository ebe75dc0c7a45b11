//! Plain-text layout for the terminal: fixed-width columns that respect wide
//! characters, with hostile characters made visible.

use unicode_width::UnicodeWidthStr;

use crate::sanitize::{clusters, columns, one_line};

/// `text` on one line, cut to `width` display columns (with `…`) and padded to
/// it. Cut between clusters and measured as the terminal draws them (see
/// [`clusters`]), so that `❤️` or `لا` keeps the columns after it in line.
pub fn cell(text: &str, width: usize) -> String {
    // Printable ASCII, as most names and numbers are: one column a byte.
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return if text.len() > width {
            let mut out = text[..width.saturating_sub(1)].to_string();
            out.push('…');
            out
        } else {
            format!("{text:width$}")
        };
    }
    let text = one_line(text);
    let mut out = String::new();
    let mut used = 0;
    if columns(&text) > width {
        for cluster in clusters(&text) {
            let w = cluster.width();
            if used + w + 1 > width {
                break;
            }
            out.push_str(cluster);
            used += w;
        }
        out.push('…');
        used += 1;
    } else {
        out.push_str(&text);
        used = columns(&text);
    }
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

/// A label and its value, the value's later lines indented under the first.
pub fn labelled(label: &str, value: &str, label_width: usize) -> String {
    let value = crate::sanitize::visible(value);
    let indent = " ".repeat(label_width + 2);
    let mut lines = value.lines();
    let first = lines.next().unwrap_or("");
    let mut out = format!("  {}{first}", cell(label, label_width));
    for line in lines {
        out.push('\n');
        out.push_str(&indent);
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cut_and_pad_by_display_width() {
        assert_eq!(cell("abc", 5), "abc  ");
        assert_eq!(cell("abcdef", 4), "abc…");
        assert_eq!(cell("abcd", 4), "abcd");
        assert_eq!(cell("", 2), "  ");
        assert_eq!(cell("abc", 0), "…", "as a wide text is cut to nothing");
        assert_eq!(cell("日本語テキスト", 7), "日本語…");
        assert_eq!(cell("a\nb", 4), "a b ");
        assert_eq!(cell("xx❤\u{fe0f}yy", 4), "xx… ");
        assert_eq!(cell("❤\u{fe0f}", 3), "❤\u{fe0f} ");
        assert_eq!(cell("لا", 3), "لا ");
    }
}
