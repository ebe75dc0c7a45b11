//! A form: fields in the order they are filled in, each a one-line input, a
//! multi-line editor (ratatui-textarea), a choice, or text with suggestions.
//! The form keeps what was typed whatever happens: a refused save only adds
//! error messages next to the fields.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

use crate::domain::contact::{MAX_LINE, MAX_TEXT};
use crate::domain::problem::{Field, Refusal};
use crate::i18n::{self, Lang, T};

#[derive(Debug, Clone)]
pub enum Input {
    /// One line of text.
    Line(TextArea<'static>),
    /// Several lines of text.
    Text(TextArea<'static>),
    /// One of a few options; `None` until the operator chooses.
    Choice {
        options: Vec<String>,
        index: Option<usize>,
    },
    /// Text with suggestions that narrow as it is typed; ↑/↓ picks one.
    Pick {
        text: TextArea<'static>,
        options: Vec<String>,
        index: Option<usize>,
        /// Only the options are valid (a service), rather than suggestions
        /// for free text (a handler's name).
        closed: bool,
    },
}

#[derive(Debug, Clone)]
pub struct FormField {
    pub field: Field,
    pub required: bool,
    pub input: Input,
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Form {
    pub fields: Vec<FormField>,
    pub focus: usize,
    /// A problem that belongs to no single field.
    pub error: Option<String>,
    /// Esc was pressed with unsaved changes: asking whether to discard them.
    pub confirm_discard: bool,
    /// Sent to the store; waiting for its answer.
    pub saving: bool,
    initial: Vec<String>,
}

fn editor(text: &str, multiline: bool) -> TextArea<'static> {
    let lines: Vec<String> = if multiline {
        text.lines().map(String::from).collect()
    } else {
        vec![text.replace(['\n', '\r'], " ")]
    };
    let mut area = TextArea::new(if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    });
    if multiline {
        area.set_wrap_mode(WrapMode::WordOrGlyph);
    }
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

impl FormField {
    pub fn line(field: Field, required: bool, value: &str) -> Self {
        Self {
            field,
            required,
            input: Input::Line(editor(value, false)),
            error: None,
        }
    }

    pub fn text(field: Field, required: bool, value: &str) -> Self {
        Self {
            field,
            required,
            input: Input::Text(editor(value, true)),
            error: None,
        }
    }

    pub fn choice(field: Field, required: bool, options: Vec<String>, index: Option<usize>) -> Self {
        Self {
            field,
            required,
            input: Input::Choice { options, index },
            error: None,
        }
    }

    /// A pick whose value must be one of `options`.
    pub fn closed_pick(field: Field, required: bool, value: &str, options: Vec<String>) -> Self {
        let mut pick = Self::pick(field, required, value, options);
        if let Input::Pick { closed, .. } = &mut pick.input {
            *closed = true;
        }
        pick
    }

    pub fn pick(field: Field, required: bool, value: &str, options: Vec<String>) -> Self {
        Self {
            field,
            required,
            input: Input::Pick {
                text: editor(value, false),
                options,
                index: None,
                closed: false,
            },
            error: None,
        }
    }

    /// The field's text: the typed text, or the chosen option's position.
    pub fn value(&self) -> String {
        match &self.input {
            Input::Line(t) | Input::Text(t) => t.lines().join("\n"),
            Input::Pick { text, .. } => text.lines().join(" "),
            Input::Choice { index, .. } => index.map(|i| i.to_string()).unwrap_or_default(),
        }
    }

    /// For a pick: the suggestions matching what is typed, best first.
    pub fn suggestions(&self) -> Vec<&str> {
        let Input::Pick { text, options, .. } = &self.input else {
            return Vec::new();
        };
        let typed = text.lines().join(" ").trim().to_lowercase();
        let mut hits: Vec<(bool, &str)> = options
            .iter()
            .filter(|o| o.to_lowercase().contains(&typed))
            .map(|o| (!o.to_lowercase().starts_with(&typed), o.as_str()))
            .collect();
        hits.sort_by_key(|(later, _)| *later);
        hits.into_iter().map(|(_, o)| o).collect()
    }
}

impl Form {
    pub fn new(fields: Vec<FormField>) -> Self {
        let initial = fields.iter().map(FormField::value).collect();
        Self {
            fields,
            focus: 0,
            error: None,
            confirm_discard: false,
            saving: false,
            initial,
        }
    }

    pub fn get(&self, field: Field) -> Option<&FormField> {
        self.fields.iter().find(|f| f.field == field)
    }

    /// The text of a field, trimmed of nothing: the domain decides what counts.
    pub fn text(&self, field: Field) -> String {
        self.get(field).map(FormField::value).unwrap_or_default()
    }

    /// The chosen option of a choice field.
    pub fn choice(&self, field: Field) -> Option<usize> {
        match self.get(field).map(|f| &f.input) {
            Some(Input::Choice { index, .. }) => *index,
            _ => None,
        }
    }

    /// Whether anything differs from what the form opened with.
    pub fn is_dirty(&self) -> bool {
        self.fields
            .iter()
            .map(FormField::value)
            .ne(self.initial.iter().cloned())
    }

    pub fn focused(&self) -> Option<&FormField> {
        self.fields.get(self.focus)
    }

    pub fn focus_next(&mut self) {
        self.accept_suggestion();
        self.focus = (self.focus + 1) % self.fields.len().max(1);
    }

    pub fn focus_prev(&mut self) {
        self.accept_suggestion();
        self.focus = (self.focus + self.fields.len().max(1) - 1) % self.fields.len().max(1);
    }

    pub fn focus_field(&mut self, field: Field) {
        if let Some(i) = self.fields.iter().position(|f| f.field == field) {
            self.focus = i;
        }
    }

    /// Leaving a pick with a suggestion highlighted takes that suggestion; leaving
    /// a closed pick with typed text that names no option takes the best match,
    /// so `soc` becomes "Security monitoring (SOC)".
    pub fn accept_suggestion(&mut self) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        let chosen = match &field.input {
            Input::Pick { index: Some(i), .. } => field.suggestions().get(*i).map(|s| s.to_string()),
            Input::Pick {
                text,
                options,
                closed: true,
                ..
            } => {
                let typed = text.lines().join(" ");
                let exact = options.iter().any(|o| o.eq_ignore_ascii_case(typed.trim()));
                if typed.trim().is_empty() || exact {
                    None
                } else {
                    field.suggestions().first().map(|s| s.to_string())
                }
            }
            _ => None,
        };
        if let (Some(chosen), Input::Pick { text, index, .. }) = (chosen, &mut field.input) {
            *text = editor(&chosen, false);
            *index = None;
        }
    }

    /// A key for the focused field. Enter and ↑/↓ move between fields except in
    /// a multi-line editor, where they edit.
    pub fn key(&mut self, key: KeyEvent) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        field.error = None;
        let plain = key.modifiers.difference(KeyModifiers::SHIFT).is_empty();
        match &mut field.input {
            Input::Text(area) => {
                area.input(key);
            }
            Input::Line(area) => match key.code {
                KeyCode::Enter | KeyCode::Down => self.focus_next(),
                KeyCode::Up => self.focus_prev(),
                _ => {
                    area.input(key);
                }
            },
            Input::Choice { options, index } => match key.code {
                KeyCode::Enter | KeyCode::Down => self.focus_next(),
                KeyCode::Up => self.focus_prev(),
                KeyCode::Right | KeyCode::Char(' ') => {
                    *index = Some(index.map_or(0, |i| (i + 1) % options.len().max(1)));
                }
                KeyCode::Left => {
                    *index = Some(index.map_or(0, |i| (i + options.len().max(1) - 1) % options.len().max(1)));
                }
                KeyCode::Char(c) if plain => {
                    let c = c.to_lowercase().to_string();
                    if let Some(i) = options.iter().position(|o| o.to_lowercase().starts_with(&c)) {
                        *index = Some(i);
                    }
                }
                _ => {}
            },
            Input::Pick { .. } => self.pick_key(key),
        }
    }

    fn pick_key(&mut self, key: KeyEvent) {
        let count = self.fields[self.focus].suggestions().len();
        let Input::Pick { text, index, .. } = &mut self.fields[self.focus].input else {
            return;
        };
        match key.code {
            KeyCode::Down if count > 0 => *index = Some(index.map_or(0, |i| (i + 1).min(count - 1))),
            KeyCode::Up if index.is_some() => *index = index.and_then(|i| i.checked_sub(1)),
            KeyCode::Up => self.focus_prev(),
            KeyCode::Down | KeyCode::Enter => self.focus_next(),
            _ => {
                text.input(key);
                *index = None;
            }
        }
    }

    /// Pasted text into the focused field: one line for a one-line input. Text
    /// beyond what a field can hold is cut, and the operator is told so.
    pub fn paste(&mut self, lang: Lang, text: &str) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        let mut text = text.replace("\r\n", "\n").replace('\r', "\n");
        // A one-line field holds a line, a text field ten pages.
        let max = if matches!(field.input, Input::Text(_)) {
            MAX_TEXT
        } else {
            MAX_LINE
        };
        let room = max.saturating_sub(field.value().chars().count());
        if text.chars().count() > room {
            text = text.chars().take(room).collect();
            field.error = Some(lang.fill(T::PasteCut, &[("max", &max)]));
        }
        match &mut field.input {
            Input::Text(area) => {
                area.insert_str(&text);
            }
            Input::Line(area) | Input::Pick { text: area, .. } => {
                area.insert_str(text.replace('\n', " "));
            }
            Input::Choice { .. } => {}
        }
    }

    pub fn clear_errors(&mut self) {
        self.error = None;
        for field in &mut self.fields {
            field.error = None;
        }
    }

    /// Shows each problem next to its field (the rest above the form), and
    /// moves the focus to the first field with a problem. Nothing typed is lost.
    pub fn show_refusal(&mut self, lang: Lang, refusal: &Refusal) {
        self.clear_errors();
        let mut general = Vec::new();
        for problem in refusal.problems() {
            let text = i18n::problem(lang, problem);
            match problem
                .field()
                .and_then(|f| self.fields.iter_mut().find(|x| x.field == f))
            {
                Some(field) => {
                    field.error = Some(match field.error.take() {
                        Some(before) => format!("{before} {text}"),
                        None => text,
                    });
                }
                None => general.push(text),
            }
        }
        self.error = (!general.is_empty()).then(|| general.join(" "));
        if let Some(first) = self.fields.iter().position(|f| f.error.is_some()) {
            self.focus = first;
        }
    }

    /// Shows one problem next to one field.
    pub fn set_error(&mut self, field: Field, text: String) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.field == field) {
            f.error = Some(text);
        }
        self.focus_field(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::problem::Problem;

    fn type_text(form: &mut Form, text: &str) {
        for c in text.chars() {
            form.key(KeyEvent::from(KeyCode::Char(c)));
        }
    }

    fn form() -> Form {
        Form::new(vec![
            FormField::line(Field::Name, true, ""),
            FormField::text(Field::Description, true, ""),
            FormField::choice(
                Field::Channel,
                true,
                vec!["Phone".into(), "E-mail".into()],
                Some(0),
            ),
            FormField::pick(
                Field::Service,
                true,
                "",
                vec!["Incident response".into(), "Consultancy".into()],
            ),
        ])
    }

    #[test]
    fn typing_goes_to_the_focused_field_and_enter_moves_on() {
        let mut f = form();
        type_text(&mut f, "Jan");
        f.key(KeyEvent::from(KeyCode::Enter));
        type_text(&mut f, "line one");
        f.key(KeyEvent::from(KeyCode::Enter));
        type_text(&mut f, "line two");
        assert_eq!(f.text(Field::Name), "Jan");
        assert_eq!(f.text(Field::Description), "line one\nline two");
        assert!(f.is_dirty());
    }

    #[test]
    fn choices_cycle_and_jump_by_letter() {
        let mut f = form();
        f.focus_field(Field::Channel);
        f.key(KeyEvent::from(KeyCode::Right));
        assert_eq!(f.choice(Field::Channel), Some(1));
        f.key(KeyEvent::from(KeyCode::Char('p')));
        assert_eq!(f.choice(Field::Channel), Some(0));
    }

    #[test]
    fn a_pick_narrows_and_takes_the_highlighted_suggestion() {
        let mut f = form();
        f.focus_field(Field::Service);
        type_text(&mut f, "cons");
        assert_eq!(f.get(Field::Service).unwrap().suggestions(), ["Consultancy"]);
        f.key(KeyEvent::from(KeyCode::Down));
        f.key(KeyEvent::from(KeyCode::Enter));
        assert_eq!(f.text(Field::Service), "Consultancy");
    }

    #[test]
    fn a_refusal_keeps_the_text_and_marks_the_fields() {
        let mut f = form();
        type_text(&mut f, "Jan");
        let refusal = Refusal(vec![
            Problem::Missing(Field::Description),
            Problem::NoWayToReach,
            Problem::Stale {
                expected: 1,
                found: 2,
            },
        ]);
        f.show_refusal(Lang::En, &refusal);
        assert_eq!(f.text(Field::Name), "Jan");
        assert!(
            f.get(Field::Description)
                .unwrap()
                .error
                .as_deref()
                .unwrap()
                .contains("Description is required")
        );
        assert!(f.error.as_deref().unwrap().contains("Someone else changed"));
        assert_eq!(f.focus, 1);
    }

    #[test]
    fn a_huge_paste_is_cut_with_a_message() {
        let mut f = form();
        f.focus_field(Field::Description);
        f.paste(Lang::En, &"x".repeat(MAX_TEXT + 500));
        assert_eq!(f.text(Field::Description).chars().count(), MAX_TEXT);
        assert!(f.get(Field::Description).unwrap().error.is_some());
        f.focus_field(Field::Name);
        f.paste(Lang::En, "Jan\nde Vries");
        assert_eq!(f.text(Field::Name), "Jan de Vries");
    }
}
