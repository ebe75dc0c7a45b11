//! The clock a desk runs on: the real one, or pinned for training and tests.

use chrono::{DateTime, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    Pinned(DateTime<Utc>),
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Pinned(t) => *t,
        }
    }

    /// The moment it is pinned to, if it is.
    pub fn pinned(&self) -> Option<DateTime<Utc>> {
        match self {
            Clock::System => None,
            Clock::Pinned(t) => Some(*t),
        }
    }
}
