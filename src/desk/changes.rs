//! The desk's change log: every change to the queue, numbered from 1 for as
//! long as this desk runs (a run known by a random number), the latest few
//! thousand kept so that a follower that lost its connection resumes where it
//! was; one that fell further behind, or knew another run, reads anew.

use std::collections::VecDeque;
use std::hash::BuildHasher;
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};

use parking_lot::Mutex;

use super::{Mark, Stamped};
use crate::store::Change;

/// Changes kept for followers that resume.
const KEPT: usize = 4096;

/// Changes that may wait for one follower; a follower that falls this far
/// behind is let go (it resumes when it connects again), so that a slow one
/// never holds up the desk or grows its memory.
const WAITING: usize = 1024;

/// What a follower receives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Followed {
    Changed(Stamped),
    /// The queue was read anew (a job had the database): what a follower
    /// knows may be out of date; changes go on from this mark.
    ReadAnew(Mark),
}

#[derive(Debug)]
pub struct ChangeLog {
    run: u64,
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    number: u64,
    kept: VecDeque<Stamped>,
    followers: Vec<SyncSender<Followed>>,
}

/// Where a follower starts.
#[derive(Debug, PartialEq, Eq)]
pub enum Start {
    /// From `from` on: the changes it missed, then what comes.
    Resume { from: Mark, missed: Vec<Stamped> },
    /// Too far behind (or another run): read everything again, then follow
    /// from this mark.
    Anew(Mark),
}

impl Default for ChangeLog {
    fn default() -> ChangeLog {
        ChangeLog {
            run: std::collections::hash_map::RandomState::new().hash_one(std::process::id()),
            inner: Mutex::new(Inner::default()),
        }
    }
}

impl ChangeLog {
    /// Records `change`, and tells every follower.
    pub fn record(&self, change: Change) {
        let mut inner = self.inner.lock();
        inner.number += 1;
        let stamped = Stamped {
            mark: Mark {
                run: self.run,
                number: inner.number,
            },
            change,
        };
        if inner.kept.len() == KEPT {
            inner.kept.pop_front();
        }
        inner.kept.push_back(stamped.clone());
        tell(&mut inner.followers, &Followed::Changed(stamped));
    }

    /// The queue was read anew: followers are told so, and nobody resumes
    /// from before it. It counts as a change of its own, so that a follower
    /// that missed the news does not resume from the mark before it.
    pub fn read_anew(&self) {
        let mut inner = self.inner.lock();
        inner.number += 1;
        inner.kept.clear();
        let mark = Mark {
            run: self.run,
            number: inner.number,
        };
        tell(&mut inner.followers, &Followed::ReadAnew(mark));
    }

    /// Lets every follower go (the desk stops).
    pub fn close(&self) {
        self.inner.lock().followers.clear();
    }

    /// The mark of the last change.
    pub fn mark(&self) -> Mark {
        Mark {
            run: self.run,
            number: self.inner.lock().number,
        }
    }

    /// A follower from `since` (none: from now): where it starts, and the
    /// changes from then on.
    pub fn follow(&self, since: Option<Mark>) -> (Start, Receiver<Followed>) {
        let (send, receive) = sync_channel(WAITING);
        let mut inner = self.inner.lock();
        inner.followers.push(send);
        let now = Mark {
            run: self.run,
            number: inner.number,
        };
        let start = match since {
            None => Start::Resume {
                from: now,
                missed: Vec::new(),
            },
            Some(since) if since.run == self.run && since.number <= inner.number => {
                let oldest = inner.kept.front().map_or(inner.number + 1, |s| s.mark.number);
                if since.number + 1 >= oldest {
                    Start::Resume {
                        from: since,
                        missed: inner
                            .kept
                            .iter()
                            .filter(|s| s.mark.number > since.number)
                            .cloned()
                            .collect(),
                    }
                } else {
                    Start::Anew(now)
                }
            }
            Some(_) => Start::Anew(now),
        };
        (start, receive)
    }
}

/// Tells every follower; one that is gone or too far behind is let go.
fn tell(followers: &mut Vec<SyncSender<Followed>>, followed: &Followed) {
    followers.retain(|f| match f.try_send(followed.clone()) {
        Ok(()) => true,
        Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => false,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::CaseId;

    fn removed(seq: u32) -> Change {
        Change::Removed(CaseId::new(2026, seq))
    }

    fn numbers(start: Start) -> Vec<u64> {
        match start {
            Start::Resume { missed, .. } => missed.iter().map(|s| s.mark.number).collect(),
            Start::Anew(mark) => panic!("read anew from {mark:?}"),
        }
    }

    #[test]
    fn a_follower_resumes_where_it_was_or_reads_anew() {
        let log = ChangeLog::default();
        log.record(removed(1));
        log.record(removed(2));
        let at_one = Mark {
            run: log.mark().run,
            number: 1,
        };
        let (start, live) = log.follow(Some(at_one));
        assert_eq!(numbers(start), vec![2]);
        log.record(removed(3));
        let Ok(Followed::Changed(third)) = live.recv() else {
            panic!("the third change")
        };
        assert_eq!(third.mark.number, 3);

        let other_run = Mark {
            run: at_one.run ^ 1,
            number: 1,
        };
        assert_eq!(log.follow(Some(other_run)).0, Start::Anew(log.mark()));
        for n in 4..(KEPT as u32 + 10) {
            log.record(removed(n));
        }
        assert!(
            matches!(log.follow(Some(at_one)).0, Start::Anew(_)),
            "too far behind"
        );
    }

    #[test]
    fn after_the_queue_is_read_anew_nobody_resumes_from_before() {
        let log = ChangeLog::default();
        log.record(removed(1));
        let before = log.mark();
        let (_, live) = log.follow(None);
        log.read_anew();
        let Ok(Followed::ReadAnew(anew)) = live.recv() else {
            panic!("told to read anew")
        };
        assert!(
            matches!(log.follow(Some(before)).0, Start::Anew(_)),
            "missed the news"
        );
        assert_eq!(numbers(log.follow(Some(anew)).0), Vec::<u64>::new());
        log.record(removed(2));
        assert_eq!(numbers(log.follow(Some(anew)).0), vec![anew.number + 1]);
    }

    #[test]
    fn a_follower_that_falls_far_behind_is_let_go_without_holding_up_the_others() {
        let log = ChangeLog::default();
        let (_, slow) = log.follow(None);
        let (_, quick) = log.follow(None);
        for n in 0..(WAITING as u32 + 5) {
            log.record(removed(n + 1));
            while quick.try_recv().is_ok() {}
        }
        log.record(removed(9999));
        assert!(matches!(quick.try_recv(), Ok(Followed::Changed(_))));
        let waiting: Vec<_> = slow.try_iter().collect();
        assert_eq!(
            waiting.len(),
            WAITING,
            "what it had is kept for it, then it is let go"
        );
        assert!(slow.recv().is_err(), "let go");
    }
}
