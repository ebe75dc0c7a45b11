//! The filter menu: the three switches (mine, breached, due today), a choice of
//! service, handler and channel, and clearing them all. Every choice applies at
//! once and rebuilds the board behind the menu; the switches keep the menu open
//! so that several filters can be combined.

use super::modal::{Outcome, Typed};
use super::{Action, App, Effect};
use crate::domain::case::Channel;

/// A line of the main menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Mine,
    Breached,
    DueToday,
    Service,
    Handler,
    Channel,
    Clear,
}

impl Item {
    pub const ALL: [Item; 7] = [
        Item::Mine,
        Item::Breached,
        Item::DueToday,
        Item::Service,
        Item::Handler,
        Item::Channel,
        Item::Clear,
    ];

    /// The submenu this line opens, if it opens one.
    fn submenu(self) -> Option<Level> {
        match self {
            Item::Service => Some(Level::Service),
            Item::Handler => Some(Level::Handler),
            Item::Channel => Some(Level::Channel),
            _ => None,
        }
    }
}

/// Which list the menu shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Level {
    #[default]
    Main,
    Service,
    Handler,
    Channel,
}

impl Level {
    /// The main menu's line that opens this submenu.
    fn item(self) -> Option<Item> {
        Item::ALL.into_iter().find(|i| i.submenu() == Some(self))
    }
}

/// A line of a submenu: "any", or one value to filter on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Any,
    Service(String),
    Handler(String),
    Channel(Channel),
}

#[derive(Debug, Clone, Default)]
pub struct FilterMenu {
    pub level: Level,
    /// The selected line of the list shown.
    pub selected: usize,
}

impl FilterMenu {
    /// How many lines the list shown has.
    pub fn count(&self, app: &App) -> usize {
        match self.level {
            Level::Main => Item::ALL.len(),
            level => choices(app, level).len(),
        }
    }

    fn select(&mut self, app: &App, delta: isize) {
        let last = self.count(app).saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last.max(0)) as usize;
    }

    /// Opens a submenu with the value in force selected.
    fn open(&mut self, app: &App, level: Level) {
        self.level = level;
        self.selected = choices(app, level)
            .iter()
            .position(|c| is_current(app, c))
            .unwrap_or(0);
    }

    /// Back to the main menu, on the line of the submenu just left.
    fn back(&mut self) {
        let item = self.level.item();
        self.level = Level::Main;
        self.selected = item
            .and_then(|i| Item::ALL.iter().position(|&x| x == i))
            .unwrap_or(0);
    }
}

/// The lines of a submenu: "any" first, then the values.
pub fn choices(app: &App, level: Level) -> Vec<Choice> {
    let values: Vec<Choice> = match level {
        Level::Main => return Vec::new(),
        Level::Service => app
            .rules
            .services
            .services()
            .iter()
            .cloned()
            .map(Choice::Service)
            .collect(),
        Level::Handler => app
            .cases
            .read()
            .staff()
            .into_iter()
            .map(Choice::Handler)
            .collect(),
        Level::Channel => Channel::ALL.into_iter().map(Choice::Channel).collect(),
    };
    std::iter::once(Choice::Any).chain(values).collect()
}

/// Whether a submenu's line is the filter in force.
pub fn is_current(app: &App, choice: &Choice) -> bool {
    let f = &app.filters;
    match choice {
        Choice::Any => false,
        Choice::Service(s) => f.service.as_ref().is_some_and(|x| x.eq_ignore_ascii_case(s)),
        Choice::Handler(h) => f.handler.as_ref().is_some_and(|x| x.eq_ignore_ascii_case(h)),
        Choice::Channel(c) => f.channel == Some(*c),
    }
}

/// Handles input while the menu is open: Enter applies the selected line,
/// Esc goes from a submenu back to the main menu and from there closes.
pub fn handle(app: &mut App, menu: &mut FilterMenu, typed: Typed) -> (Outcome, Vec<Effect>) {
    match typed {
        Typed::Action(Action::Up) => menu.select(app, -1),
        Typed::Action(Action::Down) => menu.select(app, 1),
        Typed::Action(Action::Open) => apply(app, menu),
        Typed::Action(Action::Back) if menu.level == Level::Main => {
            return (Outcome::Close, Vec::new());
        }
        Typed::Action(Action::Back) => menu.back(),
        _ => {}
    }
    (Outcome::Stay, Vec::new())
}

fn apply(app: &mut App, menu: &mut FilterMenu) {
    if menu.level == Level::Main {
        let Some(&item) = Item::ALL.get(menu.selected) else {
            return;
        };
        match item.submenu() {
            Some(level) => menu.open(app, level),
            None => toggle(app, item),
        }
        return;
    }
    let Some(choice) = choices(app, menu.level).into_iter().nth(menu.selected) else {
        return;
    };
    pick(app, menu.level, choice);
    menu.back();
}

/// Flips a switch, or clears everything.
fn toggle(app: &mut App, item: Item) {
    let f = &mut app.filters;
    match item {
        Item::Mine => f.toggle_mine(),
        Item::Breached => f.breached = !f.breached,
        Item::DueToday => f.due_today = !f.due_today,
        Item::Clear => *f = Default::default(),
        Item::Service | Item::Handler | Item::Channel => return,
    }
    app.rebuild();
}

fn pick(app: &mut App, level: Level, choice: Choice) {
    let f = &mut app.filters;
    match (level, choice) {
        (Level::Service, Choice::Any) => f.service = None,
        (Level::Handler, Choice::Any) => f.handler = None,
        (Level::Channel, Choice::Any) => f.channel = None,
        (_, Choice::Service(s)) => f.service = Some(s),
        (_, Choice::Handler(h)) => {
            f.handler = Some(h);
            f.mine = false;
        }
        (_, Choice::Channel(c)) => f.channel = Some(c),
        (Level::Main, Choice::Any) => return,
    }
    app.rebuild();
}
