//! Where things go on a screen of a given size. Both drawing and the mouse use
//! this, so a click lands on the card that was drawn there, and scrolling keeps
//! the selection in view of the cards that fit.

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this the board is not drawn; the operator is asked to enlarge.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// The narrowest a board column may be.
/// 24: the five open states side by side from 120 columns.
pub const MIN_COLUMN_WIDTH: u16 = 24;
/// From this width on, an open case is shown beside the board, not over it.
pub const SIDE_PANE_FROM: u16 = 140;
/// Lines per card, with the blank line between cards.
pub const CARD_HEIGHT: u16 = 5;
/// Lines per card in the compact mode: one, with no blank line between.
pub const COMPACT_CARD_HEIGHT: u16 = 1;
/// Lines above the cards of a column: its title and a rule.
pub const COLUMN_HEAD: u16 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    pub header: Rect,
    pub board: Rect,
    /// The case pane, when a case is open.
    pub pane: Option<Rect>,
    pub status: Rect,
    pub footer: Rect,
    /// Lines a card takes, with the blank line after it if there is one.
    pub card_height: u16,
}

impl Geometry {
    /// The layout of a `width` × `height` screen, or `None` when it is too small.
    pub fn of(width: u16, height: u16, pane_open: bool) -> Option<Geometry> {
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return None;
        }
        let area = Rect::new(0, 0, width, height);
        let [header, body, status, footer] = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ]));
        let (board, pane) = match (pane_open, width >= SIDE_PANE_FROM) {
            (false, _) => (body, None),
            (true, false) => (Rect::new(body.x, body.y, 0, body.height), Some(body)),
            (true, true) => {
                let pane_width = (width * 9 / 20).max(64);
                let [board, pane] = body.layout(&Layout::horizontal([
                    Constraint::Fill(1),
                    Constraint::Length(pane_width),
                ]));
                (board, Some(pane))
            }
        };
        Some(Geometry {
            header,
            board,
            pane,
            status,
            footer,
            card_height: CARD_HEIGHT,
        })
    }

    /// The same screen with compact cards (one line each), or not.
    pub fn compact(self, compact: bool) -> Geometry {
        Geometry {
            card_height: if compact { COMPACT_CARD_HEIGHT } else { CARD_HEIGHT },
            ..self
        }
    }

    /// Lines of a card itself, without the blank line after it.
    fn card_lines(&self) -> u16 {
        if self.card_height == COMPACT_CARD_HEIGHT {
            1
        } else {
            self.card_height - 1
        }
    }

    /// How many columns fit side by side, of `total`.
    pub fn visible_columns(&self, total: usize) -> usize {
        usize::from(self.board.width / MIN_COLUMN_WIDTH).clamp(1, total.max(1))
    }

    /// How many cards fit in a column.
    pub fn visible_cards(&self) -> usize {
        let gap = self.card_height - self.card_lines();
        // The last card needs no blank line after it.
        usize::from((self.board.height.saturating_sub(COLUMN_HEAD) + gap) / self.card_height).max(1)
    }

    /// How many rows of the queue view fit: the board less its heading row
    /// and rule.
    pub fn queue_rows(&self) -> usize {
        usize::from(self.board.height.saturating_sub(2)).max(1)
    }

    /// The areas of the `shown` columns, left to right.
    pub fn columns(&self, shown: usize) -> Vec<Rect> {
        if shown == 0 || self.board.width == 0 {
            return Vec::new();
        }
        let constraints = vec![Constraint::Ratio(1, shown as u32); shown];
        Layout::horizontal(constraints).split(self.board).to_vec()
    }

    /// The area of card `slot` (0 = the first shown) in a column's area.
    pub fn card(&self, column: Rect, slot: usize) -> Rect {
        let y = column.y + COLUMN_HEAD + slot as u16 * self.card_height;
        Rect::new(
            column.x,
            y,
            column.width,
            self.card_lines().min(column.bottom().saturating_sub(y)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_small_is_none() {
        assert_eq!(Geometry::of(1, 1, false), None);
        assert_eq!(Geometry::of(59, 24, false), None);
        assert!(Geometry::of(80, 24, false).is_some());
    }

    #[test]
    fn eighty_columns_show_three_states() {
        let g = Geometry::of(80, 24, false).unwrap();
        assert_eq!(g.visible_columns(5), 3);
        assert_eq!(g.visible_cards(), 4);
        assert_eq!(g.compact(true).visible_cards(), 19, "compact: many times more");
        let g = Geometry::of(120, 35, false).unwrap();
        assert_eq!(g.visible_columns(5), 5, "every open state from 120 columns");
        let g = Geometry::of(200, 60, false).unwrap();
        assert_eq!(g.visible_columns(5), 5);
    }

    #[test]
    fn the_pane_goes_beside_the_board_when_wide() {
        let narrow = Geometry::of(100, 30, true).unwrap();
        assert_eq!(narrow.board.width, 0);
        let wide = Geometry::of(200, 60, true).unwrap();
        assert!(wide.board.width >= 2 * MIN_COLUMN_WIDTH && wide.pane.is_some());
    }
}
