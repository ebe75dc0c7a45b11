//! The board: one column per state, cards ordered by urgency, and where the
//! operator's selection is. The columns are derived from the cases, the
//! filters and the clock, and rebuilt when one of those changes.

use chrono::{DateTime, Utc};

use super::cases::Cases;
use super::filters::Filters;
use crate::domain::case::{CaseId, Target};
use crate::domain::clock::{ClockStatus, Policy};
use crate::domain::deadlines::{CaseClocks, Clocks};
use crate::domain::promise::PromiseStatus;
use crate::domain::workflow::State;

/// What a card needs beyond the case itself: its running deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub id: CaseId,
    pub target: Target,
    pub status: ClockStatus,
    /// How urgent it is: lower first (breached, most late first; then by
    /// working time left).
    pub urgency: (u8, i64),
    /// How many open cases its complainant has, this one included, when
    /// more than one; else 0.
    pub repeat: usize,
    /// The outstanding promise due first, when it is more urgent than the
    /// target: its badge is the card's.
    pub promise: Option<(DateTime<Utc>, PromiseStatus)>,
}

impl Card {
    /// Whether the card's case is late: its target missed, or the promise
    /// its badge shows broken.
    pub fn is_breached(&self) -> bool {
        self.status.is_breached() || self.promise.is_some_and(|(_, s)| s == PromiseStatus::Breached)
    }

    /// Whether the card's case is due today: its target, or the promise its
    /// badge shows.
    pub fn is_due_today(&self) -> bool {
        matches!(self.status, ClockStatus::DueToday { .. })
            || self.promise.is_some_and(|(_, s)| s == PromiseStatus::DueToday)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub state: State,
    pub cards: Vec<Card>,
    /// Cards whose running deadline has passed.
    pub breached: usize,
}

/// The whole queue's numbers, whatever the filters: for the header.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub open: usize,
    pub breached: usize,
    pub due_today: usize,
    /// Open cases with a promise to the complainant due today, or broken.
    pub promises_due: usize,
    pub promises_breached: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Board {
    pub columns: Vec<Column>,
    pub totals: Totals,
    pub show_closed: bool,
    /// Cards of one line each, so that a column shows many more.
    pub compact: bool,
    /// The queue view: one table of the open cases, most urgent first,
    /// instead of the columns.
    pub queue: bool,
    /// The selected column, as an index into `columns`.
    pub column: usize,
    /// The selected case of each state's column, kept across rebuilds.
    selected: Vec<(State, CaseId)>,
    /// The first card shown of each column (scrolling), by state.
    offsets: Vec<(State, usize)>,
    /// The first column shown (sideways scrolling).
    pub first_column: usize,
    /// The case the last jump to the most urgent went to: pressed again,
    /// the jump goes on to the next.
    last_jump: Option<CaseId>,
    /// The case selected in the queue view.
    queue_selected: Option<CaseId>,
    /// The first row shown of the queue view.
    pub queue_offset: usize,
    /// The open cards, most urgent first, as (column, card) indexes:
    /// ranked once per rebuild, not at every key or frame.
    ranked: Vec<(usize, usize)>,
}

impl Board {
    /// Derives the columns from the cases as they stand at `now`.
    pub fn rebuild(
        &mut self,
        cases: &Cases,
        filters: &Filters,
        operator: &str,
        policy: &Policy,
        now: DateTime<Utc>,
    ) {
        let states: Vec<State> = if self.show_closed {
            State::ALL.to_vec()
        } else {
            State::OPEN.to_vec()
        };
        let filter = filters.to_filter(operator);
        let was_on = self.current_column().map(|c| c.state);
        let mut columns: Vec<(Column, Vec<(u8, i64)>)> = states
            .iter()
            .map(|&state| {
                (
                    Column {
                        state,
                        cards: Vec::new(),
                        breached: 0,
                    },
                    Vec::new(),
                )
            })
            .collect();
        let mut totals = Totals::default();
        let mut queue = Clocks::new(policy, now);
        // Once per rebuild, from the summaries: whose complainant has more open cases.
        let repeats = cases.repeats();
        let shown: Box<dyn Iterator<Item = &crate::domain::summary::Summary>> = if self.show_closed {
            Box::new(cases.iter())
        } else {
            Box::new(cases.iter_open())
        };
        for case in shown {
            let open = case.is_open();
            if !open && !self.show_closed {
                continue;
            }
            let clocks = CaseClocks::in_queue(case, &mut queue);
            if open {
                totals.open += 1;
                totals.breached += usize::from(clocks.is_breached());
                totals.due_today += usize::from(clocks.is_due_today());
                match clocks.promise {
                    Some((_, PromiseStatus::DueToday)) => totals.promises_due += 1,
                    Some((_, PromiseStatus::Breached)) => totals.promises_breached += 1,
                    _ => {}
                }
            }
            if !filter.matches_but_text(case, &clocks) {
                continue;
            }
            let Some((column, keys)) = columns.iter_mut().find(|(c, _)| c.state == case.state) else {
                continue;
            };
            let (target, status) = clocks.current();
            // A broken promise makes a case breached as a missed target does.
            column.breached += usize::from(open && clocks.is_breached());
            column.cards.push(Card {
                id: case.id,
                target,
                status: status.clone(),
                urgency: clocks.urgency(),
                repeat: repeats.get(&case.id).copied().unwrap_or(0),
                promise: clocks.promise.filter(|_| clocks.promise_leads()),
            });
            keys.push(clocks.urgency());
        }
        // A filter that empties a column collapses it, so that what remains
        // is on screen; with nothing left anywhere, the columns say so.
        let filtered = !filters.is_empty();
        let anything = columns.iter().any(|(c, _)| !c.cards.is_empty());
        self.columns = columns
            .into_iter()
            .filter(|(column, _)| !filtered || !anything || !column.cards.is_empty())
            .map(|(mut column, keys)| {
                let mut order: Vec<usize> = (0..column.cards.len()).collect();
                order.sort_by_key(|&i| (keys[i], column.cards[i].id));
                let mut cards: Vec<Option<Card>> = column.cards.into_iter().map(Some).collect();
                column.cards = order.into_iter().filter_map(|i| cards[i].take()).collect();
                column
            })
            .collect();
        self.totals = totals;
        // The same state stays selected when columns come and go.
        if let Some(c) = was_on.and_then(|state| self.columns.iter().position(|c| c.state == state)) {
            self.column = c;
        }
        self.column = self.column.min(self.columns.len().saturating_sub(1));
        self.ranked = self
            .columns
            .iter()
            .enumerate()
            .filter(|(_, column)| column.state.is_open())
            .flat_map(|(c, column)| (0..column.cards.len()).map(move |i| (c, i)))
            .collect();
        let columns = &self.columns;
        self.ranked.sort_by_key(|&(c, i)| {
            let card = &columns[c].cards[i];
            (card.urgency, card.id)
        });
    }

    /// The open cases on the board, most urgent first.
    pub fn by_urgency(&self) -> Vec<&Card> {
        self.ranked
            .iter()
            .map(|&(c, i)| &self.columns[c].cards[i])
            .collect()
    }

    /// Selects the most urgent case on the board; right after such a jump,
    /// the next most urgent (round again after the last). The case selected.
    pub fn jump_to_urgent(&mut self) -> Option<CaseId> {
        let ranked: Vec<CaseId> = self.by_urgency().iter().map(|c| c.id).collect();
        let next = match self.last_jump.filter(|id| Some(*id) == self.selected_id()) {
            Some(last) => ranked
                .iter()
                .position(|id| *id == last)
                .map_or(0, |at| (at + 1) % ranked.len().max(1)),
            None => 0,
        };
        let id = *ranked.get(next)?;
        self.select_case(id);
        self.last_jump = Some(id);
        Some(id)
    }

    /// The card of case `id`, if the board shows it.
    pub fn card(&self, id: CaseId) -> Option<&Card> {
        self.columns.iter().flat_map(|c| &c.cards).find(|c| c.id == id)
    }

    pub fn current_column(&self) -> Option<&Column> {
        self.columns.get(self.column)
    }

    /// The index of the selected card in column `c`.
    pub fn selected_index(&self, c: usize) -> usize {
        let Some(column) = self.columns.get(c) else {
            return 0;
        };
        self.selected
            .iter()
            .find(|(s, _)| *s == column.state)
            .and_then(|(_, id)| column.cards.iter().position(|card| card.id == *id))
            .unwrap_or(0)
            .min(column.cards.len().saturating_sub(1))
    }

    /// The selected case, if the selected column (or the queue) has any.
    pub fn selected_id(&self) -> Option<CaseId> {
        if self.queue {
            let ranked = self.by_urgency();
            return self
                .queue_selected
                .filter(|id| ranked.iter().any(|c| c.id == *id))
                .or_else(|| ranked.first().map(|c| c.id));
        }
        let column = self.current_column()?;
        column.cards.get(self.selected_index(self.column)).map(|c| c.id)
    }

    /// Selects card `index` of the current column.
    pub fn select_index(&mut self, index: usize) {
        let Some(column) = self.columns.get(self.column) else {
            return;
        };
        let Some(card) = column.cards.get(index.min(column.cards.len().saturating_sub(1))) else {
            return;
        };
        let (state, id) = (column.state, card.id);
        self.selected.retain(|(s, _)| *s != state);
        self.selected.push((state, id));
    }

    /// The row of the selected case in the queue view.
    pub fn queue_index(&self) -> usize {
        let selected = self.selected_id();
        self.by_urgency()
            .iter()
            .position(|c| Some(c.id) == selected)
            .unwrap_or(0)
    }

    /// Moves the queue view's selection `delta` rows.
    pub fn move_in_queue(&mut self, delta: isize) {
        let ranked: Vec<CaseId> = self.by_urgency().iter().map(|c| c.id).collect();
        let last = ranked.len().saturating_sub(1) as isize;
        let at = (self.queue_index() as isize)
            .saturating_add(delta)
            .clamp(0, last.max(0));
        if let Some(id) = ranked.get(at as usize) {
            self.select_case(*id);
        }
    }

    /// Keeps the queue view's selection among its `rows` shown.
    pub fn scroll_queue(&mut self, rows: usize) {
        let rows = rows.max(1);
        let at = self.queue_index();
        if at < self.queue_offset {
            self.queue_offset = at;
        } else if at >= self.queue_offset + rows {
            self.queue_offset = at + 1 - rows;
        }
        self.queue_offset = self
            .queue_offset
            .min(self.by_urgency().len().saturating_sub(rows));
    }

    /// Selects a case wherever it is, moving to its column.
    pub fn select_case(&mut self, id: CaseId) -> bool {
        if self.by_urgency().iter().any(|c| c.id == id) {
            self.queue_selected = Some(id);
        }
        for (c, column) in self.columns.iter().enumerate() {
            if column.cards.iter().any(|card| card.id == id) {
                let state = column.state;
                self.column = c;
                self.selected.retain(|(s, _)| *s != state);
                self.selected.push((state, id));
                return true;
            }
        }
        false
    }

    pub fn move_column(&mut self, delta: isize) {
        let last = self.columns.len().saturating_sub(1) as isize;
        self.column = (self.column as isize + delta).clamp(0, last) as usize;
    }

    pub fn move_card(&mut self, delta: isize) {
        let Some(column) = self.columns.get(self.column) else {
            return;
        };
        let last = column.cards.len().saturating_sub(1) as isize;
        let index = (self.selected_index(self.column) as isize + delta).clamp(0, last.max(0));
        self.select_index(index as usize);
    }

    /// The first card shown of column `c`, given that `visible` cards fit:
    /// scrolled just enough to keep the selection in view.
    pub fn offset(&self, c: usize) -> usize {
        let Some(column) = self.columns.get(c) else {
            return 0;
        };
        self.offsets
            .iter()
            .find(|(s, _)| *s == column.state)
            .map_or(0, |(_, o)| *o)
    }

    /// Keeps the selection of every column and the selected column in view,
    /// for a screen that shows `visible_cards` per column and `visible_columns`.
    pub fn scroll_into_view(&mut self, visible_cards: usize, visible_columns: usize) {
        let visible_cards = visible_cards.max(1);
        for c in 0..self.columns.len() {
            let selected = self.selected_index(c);
            let state = self.columns[c].state;
            let mut offset = self.offset(c);
            if selected < offset {
                offset = selected;
            } else if selected >= offset + visible_cards {
                offset = selected + 1 - visible_cards;
            }
            let max = self.columns[c].cards.len().saturating_sub(visible_cards);
            offset = offset.min(max);
            self.offsets.retain(|(s, _)| *s != state);
            self.offsets.push((state, offset));
        }
        let visible_columns = visible_columns.max(1);
        if self.column < self.first_column {
            self.first_column = self.column;
        } else if self.column >= self.first_column + visible_columns {
            self.first_column = self.column + 1 - visible_columns;
        }
        self.first_column = self
            .first_column
            .min(self.columns.len().saturating_sub(visible_columns));
    }
}
