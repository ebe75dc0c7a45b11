//! (Being built.)

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Theme;
use crate::app::App;
use crate::app::reports::ReportView;

pub fn draw(_app: &App, _view: &ReportView, _theme: &Theme, _frame: &mut Frame, _area: Rect) {}
