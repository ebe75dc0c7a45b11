//! Masking personal data on this operator's board (screen sharing, shoulder
//! surfing): the toggle, and what the screens that are computed ahead of
//! drawing (the reports' rows, the letter preview) show while it is on. The
//! data itself is never changed: a letter copied or written, an export, a
//! search all use the real details.

use std::borrow::Cow;

use super::{Action, App, Modal};
use crate::domain::case::Case;
use crate::domain::mask;
use crate::domain::report::Report;
use crate::i18n::T;

/// Masks personal data on this board, or shows it again, and says which.
pub fn toggle(app: &mut App) {
    app.masked = !app.masked;
    // The report's lines are made when its figures are: made again.
    app.modal = match app.modal.take() {
        Some(Modal::Report(mut view)) => {
            view.recompute(app);
            Some(Modal::Report(view))
        }
        other => other,
    };
    let key = app
        .keymap
        .key_of(app.context(), Action::ToggleMasking)
        .map(|k| k.to_string())
        .unwrap_or_default();
    let said = if app.masked { T::MaskingOn } else { T::MaskingOff };
    app.flash(app.lang.fill(said, &[("key", &key)]), false);
}

/// The report as this board shows it: the repeat complainants masked.
pub fn report<'r>(app: &App, report: &'r Report) -> Cow<'r, Report> {
    if !app.masked {
        return Cow::Borrowed(report);
    }
    let mut shown = report.clone();
    for repeat in &mut shown.repeats {
        repeat.name = mask::name(&repeat.name);
    }
    Cow::Owned(shown)
}

/// The case as a letter preview on this board shows it: the contact masked.
pub fn case<'c>(app: &App, case: &'c Case) -> Cow<'c, Case> {
    if !app.masked {
        return Cow::Borrowed(case);
    }
    let mut shown = case.clone();
    shown.contact = mask::contact(&case.contact);
    Cow::Owned(shown)
}
