//! The clock a desk runs on: the real one, or pinned for training and tests.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    Pinned(DateTime<Utc>),
}

impl Clock {
    /// Now, to the microsecond: as finely as the store keeps a moment, so
    /// that a case held in memory after a save and the same case read back
    /// tell the same times (the timeline matches a logged call to its audit
    /// event by them).
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => {
                let now = Utc::now();
                now.duration_trunc(TimeDelta::microseconds(1)).unwrap_or(now)
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_system_clock_tells_no_finer_than_the_store_keeps() {
        let now = Clock::System.now();
        assert_eq!(now.timestamp_subsec_nanos() % 1_000, 0);
        assert_eq!(DateTime::from_timestamp_micros(now.timestamp_micros()), Some(now));
    }
}
