//! Lines and columns in a file being read, for messages that say where. Like
//! serde_json's, both are 1-based and columns count bytes.

/// A place in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The place of the byte at `offset` in `text`.
    pub fn of_offset(text: &[u8], offset: usize) -> Position {
        let before = &text[..offset.min(text.len())];
        let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        Position {
            line: before.iter().filter(|b| **b == b'\n').count() + 1,
            column: offset - line_start + 1,
        }
    }

    /// The place of the byte at `to`, counting on from this place of the byte
    /// at `from` (`from <= to`): reading a file front to back, each place is
    /// found without counting its lines from the start again.
    pub fn advance(self, text: &[u8], from: usize, to: usize) -> Position {
        let between = &text[from.min(text.len())..to.min(text.len())];
        match between.iter().rposition(|b| *b == b'\n') {
            None => Position {
                line: self.line,
                column: self.column + between.len(),
            },
            Some(last) => Position {
                line: self.line + between.iter().filter(|b| **b == b'\n').count(),
                column: between.len() - last,
            },
        }
    }

    /// The place in the whole text of `(line, column)` counted within a part
    /// of it that starts here.
    pub fn then(self, line: usize, column: usize) -> Position {
        if line <= 1 {
            Position {
                line: self.line,
                column: self.column + column.saturating_sub(1),
            }
        } else {
            Position {
                line: self.line + line - 1,
                column,
            }
        }
    }
}

/// Where `part`, a slice borrowed from `whole`, starts in it.
pub fn offset_of(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = b"ab\ncd\n\nef";
        assert_eq!(Position::of_offset(text, 0), Position { line: 1, column: 1 });
        assert_eq!(Position::of_offset(text, 4), Position { line: 2, column: 2 });
        assert_eq!(Position::of_offset(text, 7), Position { line: 4, column: 1 });
    }

    #[test]
    fn advancing_gives_the_same_places_as_counting_from_the_start() {
        let text = b"ab\ncd\n\nef";
        let mut at = (0, Position::of_offset(text, 0));
        for offset in 0..text.len() {
            let next = at.1.advance(text, at.0, offset);
            assert_eq!(next, Position::of_offset(text, offset), "{offset}");
            at = (offset, next);
        }
    }

    #[test]
    fn places_inside_a_part_are_shifted_to_the_whole() {
        let start = Position { line: 5, column: 7 };
        assert_eq!(start.then(1, 3), Position { line: 5, column: 9 });
        assert_eq!(start.then(3, 2), Position { line: 7, column: 2 });
    }

    #[test]
    fn a_borrowed_part_knows_its_offset() {
        let whole = "hello world";
        assert_eq!(offset_of(whole, &whole[6..]), 6);
    }
}
