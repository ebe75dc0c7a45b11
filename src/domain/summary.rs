//! A case in brief: what the board, the queue order, the filters, the search
//! and `list` need of a case, and nothing they do not (no description, no
//! contact log, no texts of the steps). The store keeps one beside each
//! snapshot, written in the same transaction, so that a queue of 100,000
//! cases is read and held without decoding a single full case; a full case
//! is read when it is opened.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::case::{Acknowledgement, Admissibility, Case, CaseId, Channel, Contact, Target, TargetVerdict};
use super::clock::Verdict;
use super::moment;
use super::promise::next_outstanding;
use super::workflow::State;

/// The version of the summaries: a store whose summaries are of another
/// version (or have none) makes them anew from the snapshots on opening.
/// Raise it whenever a field is added, removed or computed differently.
pub const SUMMARY_VERSION: u8 = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub id: CaseId,
    pub state: State,
    /// The version of the snapshot this summary was made of.
    pub version: u32,
    #[serde(with = "moment")]
    pub complained_at: DateTime<Utc>,
    #[serde(with = "moment")]
    pub registered_at: DateTime<Utc>,
    pub channel: Channel,
    pub contact: Contact,
    pub service: String,
    pub handler: Option<String>,
    pub involved: Vec<String>,
    pub acknowledgement: Option<Acknowledgement>,
    pub admissibility: Option<Admissibility>,
    /// When the open information request was made; `None` without one.
    #[serde(with = "moment::option")]
    pub waiting_since: Option<DateTime<Utc>>,
    #[serde(with = "moment::option")]
    pub outcome_clock_since: Option<DateTime<Utc>>,
    #[serde(with = "moment::option")]
    pub closed_at: Option<DateTime<Utc>>,
    pub withdrawn: bool,
    pub verdicts: Vec<TargetVerdict>,
    /// The root cause as recorded (short: one line), for the learnings register.
    pub root_cause: String,
    /// What the case taught (short: a sentence or two), for the register.
    pub learnings: String,
    /// The outstanding promise to the complainant due first, if any (boxed:
    /// most cases have none, and a summary is held for every case).
    pub next_promise: Option<Box<NextPromise>>,
}

/// A promise outstanding, in brief: by when, and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextPromise {
    #[serde(with = "moment")]
    pub due: DateTime<Utc>,
    pub what: String,
}

impl Summary {
    pub fn is_open(&self) -> bool {
        self.state.is_open()
    }

    pub fn of(case: &Case) -> Summary {
        Summary {
            id: case.id,
            state: case.state,
            version: case.version,
            complained_at: case.complained_at,
            registered_at: case.registered_at,
            channel: case.channel,
            contact: case.contact.clone(),
            service: case.service.clone(),
            handler: case.handler.clone(),
            involved: case.involved.clone(),
            acknowledgement: case.acknowledgement.clone(),
            admissibility: case.admissibility.clone(),
            waiting_since: case.open_info_request().map(|r| r.requested_at),
            outcome_clock_since: case.outcome_clock_since,
            closed_at: case.closed_at,
            withdrawn: case.withdrawal.is_some(),
            verdicts: case.verdicts.clone(),
            root_cause: case.root_cause.clone(),
            learnings: case.learnings.clone(),
            next_promise: next_outstanding(&case.promises).map(|(_, p)| {
                Box::new(NextPromise {
                    due: p.due,
                    what: p.what.clone(),
                })
            }),
        }
    }
}

/// What a case and its summary both tell: enough for its deadline clocks,
/// the filters, its label and its card.
pub trait Standing {
    fn id(&self) -> CaseId;
    fn state(&self) -> State;
    fn withdrawn(&self) -> bool;
    fn complained_at(&self) -> DateTime<Utc>;
    fn outcome_clock_since(&self) -> Option<DateTime<Utc>>;
    /// Since when a waiting case waits: its open information request's moment.
    fn waiting_since(&self) -> DateTime<Utc>;
    fn verdicts(&self) -> &[TargetVerdict];
    fn contact(&self) -> &Contact;
    fn service(&self) -> &str;
    fn handler(&self) -> Option<&str>;
    fn channel(&self) -> Channel;
    /// The outstanding promise due first: by when, and what.
    fn next_promise(&self) -> Option<(DateTime<Utc>, &str)>;

    fn is_open(&self) -> bool {
        self.state().is_open()
    }

    /// The verdict last recorded for `target`.
    fn verdict(&self, target: Target) -> Option<&Verdict> {
        self.verdicts()
            .iter()
            .rev()
            .find(|v| v.target == target)
            .map(|v| &v.verdict)
    }
}

impl Standing for Summary {
    fn id(&self) -> CaseId {
        self.id
    }
    fn state(&self) -> State {
        self.state
    }
    fn withdrawn(&self) -> bool {
        self.withdrawn
    }
    fn complained_at(&self) -> DateTime<Utc> {
        self.complained_at
    }
    fn outcome_clock_since(&self) -> Option<DateTime<Utc>> {
        self.outcome_clock_since
    }
    fn waiting_since(&self) -> DateTime<Utc> {
        self.waiting_since.unwrap_or(self.complained_at)
    }
    fn verdicts(&self) -> &[TargetVerdict] {
        &self.verdicts
    }
    fn contact(&self) -> &Contact {
        &self.contact
    }
    fn service(&self) -> &str {
        &self.service
    }
    fn handler(&self) -> Option<&str> {
        self.handler.as_deref()
    }
    fn channel(&self) -> Channel {
        self.channel
    }
    fn next_promise(&self) -> Option<(DateTime<Utc>, &str)> {
        self.next_promise.as_ref().map(|p| (p.due, p.what.as_str()))
    }
}

impl Standing for Case {
    fn id(&self) -> CaseId {
        self.id
    }
    fn state(&self) -> State {
        self.state
    }
    fn withdrawn(&self) -> bool {
        self.withdrawal.is_some()
    }
    fn complained_at(&self) -> DateTime<Utc> {
        self.complained_at
    }
    fn outcome_clock_since(&self) -> Option<DateTime<Utc>> {
        self.outcome_clock_since
    }
    fn waiting_since(&self) -> DateTime<Utc> {
        self.open_info_request()
            .map_or(self.complained_at, |r| r.requested_at)
    }
    fn verdicts(&self) -> &[TargetVerdict] {
        &self.verdicts
    }
    fn contact(&self) -> &Contact {
        &self.contact
    }
    fn service(&self) -> &str {
        &self.service
    }
    fn handler(&self) -> Option<&str> {
        self.handler.as_deref()
    }
    fn channel(&self) -> Channel {
        self.channel
    }
    fn next_promise(&self) -> Option<(DateTime<Utc>, &str)> {
        next_outstanding(&self.promises).map(|(_, p)| (p.due, p.what.as_str()))
    }
}
