//! `update`: every change to an App goes through here.

use chrono::{DateTime, Timelike, Utc};
use ratatui::crossterm::event::KeyEvent;

use super::forms;
use super::modal::{self, Typed};
use super::moves_menu::MoveMenu;
use super::pane::PANE_FIELDS;
use super::{Action, App, Effect, Modal, Msg};
use crate::domain::case::{Case, CaseId};
use crate::domain::workflow::Step;
use crate::i18n::Describe;
use crate::i18n::{Lang, T};
use crate::keymap::Context;
use crate::store::CommandError;

/// How many rows a page key moves in the case pane.
const PANE_PAGE: usize = 10;

/// How long a message stays at the bottom of the screen, in seconds.
const FLASH_SECONDS: i64 = 10;

/// Changes the app as `msg` asks and returns what the outside world must do.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    let effects = respond(app, msg);
    super::undo::note_asked(app, &effects);
    effects
}

fn respond(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => key_pressed(app, key),
        Msg::Action(action) => act(app, action),
        Msg::Paste(text) if app.modal.is_some() => modal::handle(app, Typed::Paste(text)),
        Msg::Paste(_) => Vec::new(),
        Msg::Click { column, row } => {
            click(app, column, row);
            Vec::new()
        }
        Msg::Scroll { down, .. } => act(app, if down { Action::Down } else { Action::Up }),
        Msg::Resize { width, height } => {
            app.size = (width, height);
            app.scroll_into_view();
            Vec::new()
        }
        Msg::Tick(now) => {
            tick(app, now);
            Vec::new()
        }
        Msg::Saved(result) => {
            super::undo::remember(app, &result);
            answered(app, result, false)
        }
        Msg::Executed { result, commands } => {
            super::undo::remember(app, &result);
            executed(app, result, &commands)
        }
        Msg::Registered(result) => {
            super::undo::remember(app, &result);
            answered(app, result, true)
        }
        Msg::Undone(result) => {
            super::undo::answered(app, &result);
            match result {
                Ok(case) => changed(app, case),
                Err(_) => Vec::new(),
            }
        }
        Msg::Taken(result) => {
            super::undo::remember(app, &result);
            let taken = result.as_ref().ok().map(|case| case.id);
            let effects = saved(app, result);
            if let Some(id) = taken {
                app.flash(app.lang.fill(T::TakenNow, &[("id", &id)]), false);
            }
            effects
        }
        Msg::Changed(case) => changed(app, case),
        Msg::Removed(id) => {
            app.cases.remove(id);
            if app.pane.as_ref().is_some_and(|p| p.id == id) {
                app.pane = None;
            }
            app.rebuild();
            Vec::new()
        }
        Msg::History(since, history) => {
            super::reports::history(app, since, history);
            Vec::new()
        }
        Msg::Written(result) => {
            match result {
                Ok(path) => app.flash(app.lang.fill(T::WrittenTo, &[("path", &path.display())]), false),
                Err(reason) => app.flash(app.lang.fill(T::WriteFailed, &[("reason", &reason)]), true),
            }
            Vec::new()
        }
        Msg::FileExists { path, contents } => {
            super::replace::ask(app, path, contents);
            Vec::new()
        }
        Msg::Fetched(Ok(case)) => {
            forms::take_theirs(app, case);
            Vec::new()
        }
        Msg::Fetched(Err(e)) => {
            app.flash(e.describe(app.lang), true);
            Vec::new()
        }
        Msg::Copied => {
            app.flash(app.lang.t(T::Copied), false);
            Vec::new()
        }
        Msg::Notice(notice) => {
            let text = match notice {
                super::Notice::Away(away) => crate::store::StoreError::Away {
                    by: away.by,
                    job: away.job.slug().to_string(),
                }
                .describe(app.lang),
                super::Notice::Back { by } => app.lang.fill(T::MaintenanceDone, &[("by", &by)]),
                super::Notice::Closing => app.lang.t(T::DeskClosing).to_string(),
                super::Notice::ClosingIdle => app.lang.t(T::ClosingIdle).to_string(),
                super::Notice::Resumed if matches!(app.modal, Some(Modal::Form(_))) => {
                    app.lang.t(T::ResumedForm).to_string()
                }
                super::Notice::Resumed => app.lang.t(T::Resumed).to_string(),
            };
            app.flash(text, false);
            Vec::new()
        }
        Msg::Reloaded => {
            app.rebuild();
            if let Some(Modal::Search(search)) = &mut app.modal {
                search.refresh(&app.cases.read());
            }
            match app.pane.as_ref().map(|p| p.id) {
                Some(id) if app.cases.case(id).is_none() => {
                    app.pane = None;
                    Vec::new()
                }
                Some(id) => vec![Effect::LoadEvents(id)],
                None => Vec::new(),
            }
        }
        Msg::Events(id, events) => {
            if let Some(pane) = app.pane.as_mut().filter(|p| p.id == id) {
                pane.events = events;
            }
            Vec::new()
        }
    }
}

/// The store's answer: to the form that was waiting for it, else as a message.
fn answered(app: &mut App, result: Result<Case, CommandError>, registered: bool) -> Vec<Effect> {
    if !forms::answered(app, &result) {
        return saved(app, result);
    }
    match result {
        Ok(case) => {
            let text = if registered {
                app.lang.fill(T::Registered, &[("id", &case.id)])
            } else {
                saved_text(app, &case)
            };
            app.flash(text, false);
            changed(app, case)
        }
        Err(_) => Vec::new(),
    }
}

/// The answer to commands this board sent: what was done is said, and the
/// selection follows the case into its new column.
fn executed(
    app: &mut App,
    result: Result<Case, CommandError>,
    commands: &[crate::domain::workflow::Command],
) -> Vec<Effect> {
    let Ok(case) = &result else {
        return answered(app, result, false);
    };
    let (id, text) = (case.id, crate::i18n::done(app.lang, case.id, commands));
    let saved = case.clone();
    let effects = answered(app, result, false);
    app.flash(text, false);
    super::recurrence::check(app, &saved, commands);
    app.board.select_case(id);
    app.scroll_into_view();
    effects
}

/// A case's new snapshot: the board and an open pane follow it.
/// A case changed (by anyone): the shared queue holds it (whoever put it
/// first), and this screen is derived again from the queue.
fn changed(app: &mut App, case: Case) -> Vec<Effect> {
    let id = case.id;
    app.cases.put(case);
    app.rebuild();
    if let Some(Modal::Search(search)) = &mut app.modal {
        search.refresh(&app.cases.read());
    }
    reload_events(app, id)
}

/// A key: its action where it was pressed, else typing for the focused editor.
fn key_pressed(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    match app.keymap.action(app.context(), &key) {
        // `j` says yes in Dutch only: in English it is a vim user's "down".
        Some(Action::Ja) if app.lang == Lang::Nl => act(app, Action::Yes),
        Some(Action::Ja) => {
            super::hints::yes_keys(app);
            Vec::new()
        }
        Some(action) => act(app, action),
        None if app.modal.is_some() => modal::handle(app, Typed::Key(key)),
        None => {
            super::hints::unbound(app, &key);
            Vec::new()
        }
    }
}

fn act(app: &mut App, action: Action) -> Vec<Effect> {
    // Wherever it is pressed, forms and overlays included.
    if action == Action::ToggleMasking {
        super::masking::toggle(app);
        return Vec::new();
    }
    if app.modal.is_some() {
        return modal::handle(app, Typed::Action(action));
    }
    if app.pane.is_some() {
        return case_action(app, action);
    }
    board_action(app, action)
}

/// The actions that work the same on the board and in an open case.
pub(super) fn common_action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    match action {
        Action::Quit => {
            app.quit = true;
            Some(vec![Effect::Quit])
        }
        Action::Help => {
            app.modal = Some(Modal::Help { scroll: 0 });
            Some(Vec::new())
        }
        Action::Search => {
            // The descriptions are read the first time anyone on the desk searches.
            app.cases.describe();
            app.modal = Some(Modal::Search(Default::default()));
            Some(Vec::new())
        }
        Action::Reports => {
            let view = super::reports::ReportView::open(app);
            // The figures come from the audit trails of the cases the period needs.
            let load = view.load(app);
            app.modal = Some(Modal::Report(Box::new(view)));
            Some(vec![load])
        }
        Action::Learnings => {
            app.modal = Some(Modal::Learnings(Box::new(super::learnings::LearningsView::open(
                app,
            ))));
            Some(Vec::new())
        }
        Action::NewCase => {
            app.modal = Some(Modal::Form(Box::new(forms::intake::open(app))));
            Some(Vec::new())
        }
        Action::Menu => {
            let id = app.current_case()?;
            app.modal = MoveMenu::open(app, id).map(Modal::Menu);
            Some(Vec::new())
        }
        Action::LogContact => {
            let id = app.current_case()?;
            app.modal = forms::step::open(app, id, Step::LogContact).map(|f| Modal::Form(Box::new(f)));
            Some(Vec::new())
        }
        Action::Take => {
            let id = app.current_case()?;
            Some(take(app, id))
        }
        Action::Undo => Some(super::undo::ask(app)),
        Action::Promise => {
            let id = app.current_case()?;
            Some(open_promise(app, id, Step::MakePromise))
        }
        Action::KeepPromise => {
            let id = app.current_case()?;
            Some(open_promise(app, id, Step::KeepPromise))
        }
        Action::MovePromise => {
            let id = app.current_case()?;
            Some(open_promise(app, id, Step::MovePromise))
        }
        Action::ExplainDeadline => {
            let id = app.current_case()?;
            app.modal = Some(Modal::Deadline(super::deadline::DeadlineView::open(id)));
            Some(Vec::new())
        }
        _ => None,
    }
}

/// A promise form on case `id`; keeping or moving one with none
/// outstanding (or on a closed case) says why nothing opens.
fn open_promise(app: &mut App, id: crate::domain::case::CaseId, step: Step) -> Vec<Effect> {
    let open = app
        .cases
        .read()
        .get(id)
        .is_some_and(|c| step.allowed_from(c.state));
    app.modal = open
        .then(|| forms::step::open(app, id, step))
        .flatten()
        .map(|f| Modal::Form(Box::new(f)));
    if app.modal.is_none() {
        let refusal = if open {
            let key = app.keymap.key_of(Context::Case, Action::Promise);
            let key = key.map(|k| k.to_string()).unwrap_or_default();
            app.lang
                .fill(T::ProblemNoOutstandingPromise, &[("id", &id), ("key", &key)])
        } else {
            let state = app.cases.read().get(id).map(|c| c.state);
            match state {
                Some(from) => crate::i18n::problem(
                    app.lang,
                    &crate::domain::problem::Problem::NotAllowed { step, from },
                ),
                None => return Vec::new(),
            }
        };
        app.flash(refusal, true);
    }
    Vec::new()
}

fn board_action(app: &mut App, action: Action) -> Vec<Effect> {
    if let Some(effects) = common_action(app, action) {
        return effects;
    }
    let page = app.geometry().map_or(1, |g| g.visible_cards()) as isize;
    if app.board.queue {
        let rows = app.geometry().map_or(1, |g| g.queue_rows()) as isize;
        match action {
            Action::Up => app.board.move_in_queue(-1),
            Action::Down => app.board.move_in_queue(1),
            Action::PageUp => app.board.move_in_queue(-rows),
            Action::PageDown => app.board.move_in_queue(rows),
            Action::First => app.board.move_in_queue(isize::MIN / 2),
            Action::Last => app.board.move_in_queue(isize::MAX / 2),
            Action::Left | Action::Right => {}
            _ => return board_common(app, action, page),
        }
        app.scroll_into_view();
        return Vec::new();
    }
    board_common(app, action, page)
}

/// The board's actions, in the columns (and those the queue shares).
fn board_common(app: &mut App, action: Action, page: isize) -> Vec<Effect> {
    match action {
        Action::Left => app.board.move_column(-1),
        Action::Right => app.board.move_column(1),
        Action::Up => app.board.move_card(-1),
        Action::Down => app.board.move_card(1),
        Action::PageUp => app.board.move_card(-page),
        Action::PageDown => app.board.move_card(page),
        Action::First => app.board.select_index(0),
        Action::Last => app.board.move_card(isize::MAX / 2),
        Action::Open => return open_selected(app),
        Action::ToggleClosed => {
            app.board.show_closed = !app.board.show_closed;
            app.rebuild();
        }
        Action::FilterMine => {
            app.filters.toggle_mine();
            app.rebuild();
        }
        Action::FilterBreached => toggle(app, |f| &mut f.breached),
        Action::FilterDueToday => toggle(app, |f| &mut f.due_today),
        Action::Filter => app.modal = Some(Modal::Filter(Default::default())),
        Action::ClearFilters => {
            app.filters = Default::default();
            app.rebuild();
        }
        Action::ToggleQueue => {
            let selected = app.board.selected_id();
            app.board.queue = !app.board.queue;
            if let Some(id) = selected {
                app.board.select_case(id);
            }
        }
        Action::NextUrgent => {
            app.board.jump_to_urgent();
        }
        Action::ToggleCompact => app.board.compact = !app.board.compact,
        _ => {}
    }
    app.scroll_into_view();
    Vec::new()
}

fn toggle(app: &mut App, flag: impl Fn(&mut super::filters::Filters) -> &mut bool) {
    let f = flag(&mut app.filters);
    *f = !*f;
    app.rebuild();
}

fn open_selected(app: &mut App) -> Vec<Effect> {
    match app.board.selected_id() {
        Some(id) => app.open_case(id),
        None => Vec::new(),
    }
}

/// The open case's audit trail is read again when that case changed.
fn reload_events(app: &App, id: CaseId) -> Vec<Effect> {
    if app.pane.as_ref().is_some_and(|p| p.id == id) {
        vec![Effect::LoadEvents(id)]
    } else {
        Vec::new()
    }
}

fn case_action(app: &mut App, action: Action) -> Vec<Effect> {
    if let Some(effects) = common_action(app, action) {
        return effects;
    }
    let rows = app.pane_rows();
    let Some(pane) = &mut app.pane else {
        return Vec::new();
    };
    let last = rows.saturating_sub(1);
    match action {
        Action::Edit => {
            // Only the fields of an open case are editable; the timeline is history.
            let (id, field) = (pane.id, PANE_FIELDS.get(pane.row).copied());
            match field {
                Some(field) if app.pane_row_editable() => {
                    app.modal = forms::edit::open(app, id, field).map(|f| Modal::Form(Box::new(f)));
                }
                Some(_) => not_edited(app, T::FinishedNotEdited),
                None => not_edited(app, T::HistoryNotEdited),
            }
        }
        Action::Letter => {
            let id = pane.id;
            app.modal = super::letters::LetterView::open(app, id).map(|v| Modal::Letter(Box::new(v)));
        }
        Action::Back => {
            // Back on the board, the case stays selected wherever it moved to.
            let id = pane.id;
            app.pane = None;
            app.board.select_case(id);
        }
        Action::Up => pane.row = pane.row.saturating_sub(1),
        Action::Down => pane.row = (pane.row + 1).min(last),
        Action::PageUp => pane.row = pane.row.saturating_sub(PANE_PAGE),
        Action::PageDown => pane.row = (pane.row + PANE_PAGE).min(last),
        _ => {}
    }
    app.scroll_into_view();
    Vec::new()
}

/// Why Enter edits nothing on this row, and the key that logs instead.
fn not_edited(app: &mut App, why: T) {
    let key = app.keymap.key_of(Context::Case, Action::LogContact);
    let key = key.map(|k| k.to_string()).unwrap_or_default();
    app.flash(app.lang.fill(why, &[("key", &key)]), false);
}

fn click(app: &mut App, column: u16, row: u16) {
    let Some(g) = app.geometry() else { return };
    if app.board.queue {
        // The queue's rows start below its title and heading.
        let first = g.board.y + 2;
        if g.board.contains((column, row).into()) && row >= first {
            let at = app.board.queue_offset + usize::from(row - first);
            if let Some(id) = app.board.by_urgency().get(at).map(|c| c.id) {
                app.board.select_case(id);
            }
        }
        return;
    }
    let first = app.board.first_column;
    let shown = g.visible_columns(app.board.columns.len());
    for (slot, area) in g.columns(shown).into_iter().enumerate() {
        let c = first + slot;
        if !area.contains((column, row).into()) || c >= app.board.columns.len() {
            continue;
        }
        app.board.column = c;
        let offset = app.board.offset(c);
        for card_slot in 0..g.visible_cards() {
            let card = g.card(area, card_slot);
            if card.contains((column, row).into()) {
                app.board.select_index(offset + card_slot);
            }
        }
    }
    app.scroll_into_view();
}

fn tick(app: &mut App, now: DateTime<Utc>) {
    let minute_changed =
        (app.now.timestamp() / 60) != (now.timestamp() / 60) || now.minute() != app.now.minute();
    app.now = now;
    if app
        .flash
        .as_ref()
        .is_some_and(|f| (now - f.at).num_seconds() >= FLASH_SECONDS)
    {
        app.flash = None;
    }
    // Badges move by the hour and breaches happen at a minute: re-derive once a minute.
    if minute_changed {
        app.rebuild();
    }
}

fn saved_text(app: &App, case: &Case) -> String {
    app.lang.fill(
        T::Saved,
        &[
            ("id", &case.id),
            ("state", &app.lang.t(crate::i18n::state_key(case.state))),
        ],
    )
}

fn saved(app: &mut App, result: Result<Case, CommandError>) -> Vec<Effect> {
    match result {
        Ok(case) => {
            let id = case.id;
            let text = app.lang.fill(
                T::Saved,
                &[
                    ("id", &case.id),
                    ("state", &app.lang.t(crate::i18n::state_key(case.state))),
                ],
            );
            app.cases.put(case);
            app.rebuild();
            app.flash(text, false);
            return reload_events(app, id);
        }
        Err(e) => {
            let text = e.describe(app.lang);
            app.flash(text, true);
        }
    }
    Vec::new()
}

/// Makes this session's operator the handler of case `id`.
fn take(app: &mut App, id: CaseId) -> Vec<Effect> {
    let Some((version, handler)) = app.cases.case(id).map(|c| (c.version, c.handler.clone())) else {
        return Vec::new();
    };
    if handler.as_deref() == Some(app.operator.as_str()) {
        app.flash(app.lang.fill(T::AlreadyYours, &[("id", &id)]), false);
        return Vec::new();
    }
    vec![Effect::Take {
        id,
        expected_version: version,
    }]
}
