//! (Being built.)

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Theme;
use crate::app::App;
use crate::app::learnings::LearningsView;

pub fn draw(_app: &App, _view: &LearningsView, _theme: &Theme, _frame: &mut Frame, _area: Rect) {}
