//! Failed sign-ins, counted per source address: an address that fails too
//! often in a while is turned away at once until it has been quiet, so a
//! guesser gets a handful of tries an hour, not thousands.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::time::{Duration, Instant};

use parking_lot::Mutex;

/// Failures an address may have within [`WINDOW`] before it is turned away.
pub const MAX_FAILURES: usize = 10;

/// How far back failures count.
pub const WINDOW: Duration = Duration::from_secs(10 * 60);

/// Addresses remembered at most: the oldest are forgotten first, so that a
/// flood of addresses cannot fill the desk's memory.
const ADDRESSES: usize = 10_000;

#[derive(Debug, Default)]
pub struct Guard {
    failures: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

impl Guard {
    /// Counts a failed sign-in from `from`; whether it is now turned away.
    pub fn failed(&self, from: IpAddr) -> bool {
        self.failed_at(from, Instant::now())
    }

    /// Whether `from` is turned away now.
    pub fn barred(&self, from: IpAddr) -> bool {
        self.barred_at(from, Instant::now())
    }

    fn failed_at(&self, from: IpAddr, now: Instant) -> bool {
        let mut failures = self.failures.lock();
        if failures.len() >= ADDRESSES && !failures.contains_key(&from) {
            failures.retain(|_, times| times.back().is_some_and(|t| now.duration_since(*t) < WINDOW));
            if failures.len() >= ADDRESSES {
                let oldest = failures
                    .iter()
                    .min_by_key(|(_, times)| times.back().copied())
                    .map(|(ip, _)| *ip);
                if let Some(ip) = oldest {
                    failures.remove(&ip);
                }
            }
        }
        let times = failures.entry(from).or_default();
        times.push_back(now);
        forget_old(times, now);
        while times.len() > MAX_FAILURES {
            times.pop_front();
        }
        times.len() >= MAX_FAILURES
    }

    fn barred_at(&self, from: IpAddr, now: Instant) -> bool {
        let mut failures = self.failures.lock();
        let Some(times) = failures.get_mut(&from) else {
            return false;
        };
        forget_old(times, now);
        if times.is_empty() {
            failures.remove(&from);
            return false;
        }
        times.len() >= MAX_FAILURES
    }
}

fn forget_old(times: &mut VecDeque<Instant>, now: Instant) {
    while times.front().is_some_and(|t| now.duration_since(*t) >= WINDOW) {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_that_keeps_failing_is_turned_away_until_it_has_been_quiet() {
        let guard = Guard::default();
        let guesser: IpAddr = "192.0.2.7".parse().unwrap();
        let operator: IpAddr = "192.0.2.8".parse().unwrap();
        let start = Instant::now();
        for n in 1..MAX_FAILURES {
            assert!(!guard.failed_at(guesser, start), "failure {n} is allowed");
        }
        assert!(guard.failed_at(guesser, start), "one too many");
        assert!(guard.barred_at(guesser, start + Duration::from_secs(60)));
        assert!(!guard.barred_at(operator, start), "others are not affected");
        assert!(
            !guard.barred_at(guesser, start + WINDOW + Duration::from_secs(1)),
            "quiet for a while: allowed again"
        );
    }
}
