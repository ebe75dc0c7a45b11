//! The letter view (`w` on a case): a letter to the complainant filled in from
//! a template, previewed before it is copied, written to a file or marked sent.
//! Three choices on top — which letter, its language, how it goes out — with
//! ↑/↓ picking the choice and ←/→ changing it; the page keys scroll the preview.

use std::path::PathBuf;

use ratatui::layout::{Constraint, Layout, Rect};
use std::sync::Arc;

use super::modal::{Outcome, Typed};
use super::{Action, App, Effect, Modal};
use crate::domain::case::{Case, CaseId};
use crate::domain::problem::Refusal;
use crate::domain::template::{self, Facts, Language, LetterKind, SentVia};
use crate::domain::workflow::Command;
use crate::i18n;
use crate::templates::{self, LetterError, Templates};

/// The choice ←/→ changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Kind,
    Language,
    Via,
}

impl Row {
    pub const ALL: [Row; 3] = [Row::Kind, Row::Language, Row::Via];
}

/// A message in the view about the last key: why it was not done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

#[derive(Debug, Clone)]
pub struct LetterView {
    pub id: CaseId,
    pub kind: LetterKind,
    pub language: Language,
    pub via: SentVia,
    pub row: Row,
    /// The first preview row shown.
    pub scroll: usize,
    pub templates: Templates,
    pub notice: Option<Notice>,
    /// Marking sent records a step of the procedure: asked first, y/n.
    pub confirming: bool,
}

impl LetterView {
    /// The view on case `id` with the desk's templates as they are now.
    pub fn open(app: &App, id: CaseId) -> Option<Self> {
        Self::with_templates(app, id, Templates::load(app.settings.templates.as_deref()))
    }

    /// The view with the letter the case's state calls for, in the operator's
    /// language, to go out by e-mail.
    pub fn with_templates(app: &App, id: CaseId, templates: Templates) -> Option<Self> {
        let case = app.cases.case(id)?;
        Some(Self {
            id,
            kind: LetterKind::fitting(&case),
            language: app.lang.into(),
            via: SentVia::Email,
            row: Row::Kind,
            scroll: 0,
            templates,
            notice: None,
            confirming: false,
        })
    }

    pub fn case(&self, app: &App) -> Option<Arc<Case>> {
        app.cases.case(self.id)
    }

    /// The filled-in letter, or why it cannot be made; `None` when the case is
    /// no longer loaded.
    pub fn letter(&self, app: &App) -> Option<Result<String, LetterError>> {
        let case = self.case(app)?;
        Some(self.fill(app, &case))
    }

    /// The letter as this board shows it before it goes out: the
    /// complainant's details masked while masking is on. What is copied,
    /// written or sent is [`LetterView::letter`], with the real details.
    pub fn preview(&self, app: &App) -> Option<Result<String, LetterError>> {
        let case = self.case(app)?;
        Some(self.fill(app, &super::masking::case(app, &case)))
    }

    fn fill(&self, app: &App, case: &Case) -> Result<String, LetterError> {
        let facts = Facts {
            case,
            language: self.language,
            service: crate::i18n::service_name(self.language.into(), &case.service),
            policy: &app.rules.policy,
            remedy_sought: &crate::i18n::remedy_sentence(self.language.into(), case.remedy_sought.as_ref()),
            operator: &app.operator,
            now: app.now,
        };
        self.templates
            .letter(self.kind, &facts)
            .map(|text| text.trim_end().to_string())
    }

    /// What marking the letter sent would save, or why it cannot be.
    pub fn sending(&self, app: &App) -> Option<Result<Vec<Command>, Refusal>> {
        let case = self.case(app)?;
        let text = templates::sent_log_text(app.lang, self.kind, self.via, self.language);
        Some(template::sending(self.kind, &case, self.via, app.now, &text))
    }

    /// `K-2026-0042-acknowledgement-nl.txt`, in the session's exports folder.
    pub fn file_name(&self) -> PathBuf {
        PathBuf::from(format!(
            "{}-{}-{}.txt",
            self.id,
            self.kind.slug(),
            self.language.slug()
        ))
    }

    /// Moves the current choice `step` options on, wrapping around.
    fn choose(&mut self, step: isize) {
        fn next<T: Copy + PartialEq>(all: &[T], now: T, step: isize) -> T {
            let i = all.iter().position(|x| *x == now).unwrap_or(0) as isize;
            all[(i + step).rem_euclid(all.len() as isize) as usize]
        }
        match self.row {
            Row::Kind => self.kind = next(&LetterKind::ALL, self.kind, step),
            Row::Language => self.language = next(&Language::ALL, self.language, step),
            Row::Via => self.via = next(&SentVia::ALL, self.via, step),
        }
        if self.row != Row::Via {
            self.scroll = 0;
        }
        self.notice = None;
    }

    fn refuse(&mut self, text: String) -> Vec<Effect> {
        self.notice = Some(Notice { text, error: true });
        Vec::new()
    }
}

/// Where the parts of the view go on a screen of `width` × `height`. The
/// header and the bottom two rows stay free, so the clock keeps running and
/// the status line shows what became of a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LetterLayout {
    /// Everything between the header and the status line.
    pub body: Rect,
    pub outer: Rect,
    pub choices: Rect,
    pub rule: Rect,
    pub preview: Rect,
    pub notice: Rect,
    pub hints: Rect,
}

/// The widest the view gets: letters read badly in very long lines.
const MAX_WIDTH: u16 = 92;

pub fn layout(width: u16, height: u16) -> LetterLayout {
    let w = width.min(MAX_WIDTH);
    let body = Rect::new(0, 1, width, height.saturating_sub(3));
    let outer = Rect::new((width - w) / 2, body.y, w, body.height);
    let inner = Rect::new(
        outer.x + 2,
        outer.y + 1,
        outer.width.saturating_sub(4),
        outer.height.saturating_sub(2),
    );
    let [choices, rule, preview, notice, hints] = inner.layout(&Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(2),
        Constraint::Length(1),
    ]));
    LetterLayout {
        body,
        outer,
        choices,
        rule,
        preview,
        notice,
        hints,
    }
}

/// Input for the open letter view.
pub fn handle(app: &mut App, view: &mut LetterView, typed: Typed) -> (Outcome, Vec<Effect>) {
    let Typed::Action(action) = typed else {
        return (Outcome::Stay, Vec::new());
    };
    if view.confirming {
        return (Outcome::Stay, confirmed(app, view, action));
    }
    let effects = match action {
        Action::Back => return (Outcome::Close, Vec::new()),
        Action::Up | Action::Down => {
            let i = Row::ALL.iter().position(|r| *r == view.row).unwrap_or(0);
            let step = if action == Action::Up { 2 } else { 1 };
            view.row = Row::ALL[(i + step) % Row::ALL.len()];
            Vec::new()
        }
        Action::Left => {
            view.choose(-1);
            Vec::new()
        }
        Action::Right => {
            view.choose(1);
            Vec::new()
        }
        Action::PageUp | Action::PageDown => {
            scroll(app, view, action == Action::PageDown);
            Vec::new()
        }
        Action::Copy => match view.letter(app) {
            Some(Ok(text)) => vec![Effect::Copy(text)],
            Some(Err(e)) => view.refuse(e.describe(app.lang)),
            None => Vec::new(),
        },
        Action::WriteFile => match view.letter(app) {
            Some(Ok(text)) => {
                let under = Modal::Letter(Box::new(view.clone()));
                return super::save_as::ask_over(app, under, &view.file_name(), format!("{text}\n"));
            }
            Some(Err(e)) => view.refuse(e.describe(app.lang)),
            None => Vec::new(),
        },
        Action::MarkSent => ask_or_mark_sent(app, view),
        _ => Vec::new(),
    };
    (Outcome::Stay, effects)
}

/// `x`: a letter that is the procedure's step (the acknowledgement, the
/// justification, the outcome) is asked about first; one that only goes
/// into the contact log is marked sent at once.
fn ask_or_mark_sent(app: &App, view: &mut LetterView) -> Vec<Effect> {
    let records_step =
        matches!(view.sending(app), Some(Ok(commands)) if commands.iter().any(|c| c.step().changes_state()));
    if records_step && matches!(view.letter(app), Some(Ok(_))) {
        view.confirming = true;
        view.notice = None;
        return Vec::new();
    }
    mark_sent(app, view)
}

/// The answer to "Acknowledge … now?": yes marks it sent, no leaves it.
fn confirmed(app: &App, view: &mut LetterView, action: Action) -> Vec<Effect> {
    match action {
        Action::Yes => {
            view.confirming = false;
            mark_sent(app, view)
        }
        Action::No | Action::Back => {
            view.confirming = false;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Records the letter as sent: one save with the case's version, so that a
/// change made meanwhile elsewhere is not overwritten.
fn mark_sent(app: &App, view: &mut LetterView) -> Vec<Effect> {
    let Some(case) = view.case(app) else {
        return Vec::new();
    };
    let (id, version) = (case.id, case.version);
    if let Some(Err(e)) = view.letter(app) {
        return view.refuse(e.describe(app.lang));
    }
    match view.sending(app) {
        Some(Ok(commands)) => {
            view.notice = None;
            vec![Effect::Execute {
                id,
                expected_version: version,
                commands,
            }]
        }
        Some(Err(refusal)) => view.refuse(i18n::refusal(app.lang, &refusal)),
        None => Vec::new(),
    }
}

/// A page on or back, leaving one row of the last page in view.
fn scroll(app: &App, view: &mut LetterView, down: bool) {
    let area = layout(app.size.0, app.size.1).preview;
    let page = usize::from(area.height.saturating_sub(1)).max(1);
    let rows = match view.preview(app) {
        Some(Ok(text)) => crate::sanitize::wrap(&text, usize::from(area.width)).len(),
        _ => 0,
    };
    let last = rows.saturating_sub(usize::from(area.height));
    view.scroll = if down {
        (view.scroll + page).min(last)
    } else {
        view.scroll.saturating_sub(page)
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preview_wraps_at_words_and_width() {
        use crate::sanitize::wrap as preview_rows;
        use unicode_width::UnicodeWidthStr;
        assert_eq!(
            preview_rows("and nobody told us about it", 10),
            ["and nobody", "told us", "about it"]
        );
        assert_eq!(preview_rows("a\n\nb", 10), ["a", "", "b"]);
        assert_eq!(preview_rows("abcdefghijkl", 5), ["abcde", "fghij", "kl"]);
        assert_eq!(preview_rows("x \u{1b}[2J", 20), ["x \\u{1b}[2J"]);
        assert!(preview_rows("日本語のテキスト", 6).iter().all(|l| l.width() <= 6));
    }

    #[test]
    fn the_layout_fits_small_and_large_screens() {
        for (w, h) in [(60, 16), (80, 24), (160, 48)] {
            let l = layout(w, h);
            assert!(l.outer.y == 1 && l.outer.right() <= w && l.outer.bottom() <= h - 2);
            assert!(l.preview.height >= 3, "{w}x{h}: {l:?}");
            assert!(l.hints.bottom() < l.outer.bottom());
        }
    }
}
