//! The board's filters: combinable, shown in the header.

use crate::domain::case::Channel;
use crate::domain::query::Filter;
use crate::i18n::{self, Lang, T};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Only cases the operator handles.
    pub mine: bool,
    pub breached: bool,
    pub due_today: bool,
    pub service: Option<String>,
    pub handler: Option<String>,
    pub channel: Option<Channel>,
}

impl Filters {
    /// Switches "only my cases"; it is a handler filter, so it replaces a
    /// chosen handler.
    pub fn toggle_mine(&mut self) {
        self.mine = !self.mine;
        if self.mine {
            self.handler = None;
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// The domain filter these stand for, for an operator.
    pub fn to_filter(&self, operator: &str) -> Filter {
        let handler = if self.mine {
            Some(operator.to_string())
        } else {
            self.handler.clone()
        };
        Filter {
            states: Vec::new(),
            service: self.service.clone(),
            handler,
            channel: self.channel,
            breached: self.breached,
            due_today: self.due_today,
            text: None,
        }
    }

    /// The filters in force, for the header: `mine · breached · SOC`.
    pub fn describe(&self, lang: Lang) -> String {
        let mut parts: Vec<String> = Vec::new();
        if self.mine {
            parts.push(lang.t(T::FilterMine).to_string());
        }
        if self.breached {
            parts.push(lang.t(T::FilterBreached).to_string());
        }
        if self.due_today {
            parts.push(lang.t(T::FilterDueToday).to_string());
        }
        if let Some(s) = &self.service {
            parts.push(i18n::service_name(lang, s).to_string());
        }
        if let Some(h) = &self.handler {
            parts.push(h.clone());
        }
        if let Some(c) = self.channel {
            parts.push(lang.t(i18n::channel_key(c)).to_string());
        }
        if parts.is_empty() {
            lang.t(T::FilterNone).to_string()
        } else {
            parts.join(" · ")
        }
    }
}
