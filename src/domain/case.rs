//! A complaint case and the values it is made of.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::clock::Verdict;
use super::moment;
use super::problem::{Field, Problem};
use super::promise::Promise;
use super::remedy::{Granted, RemedySought};
use super::when::YEARS;
use super::workflow::State;

/// A case number people can read aloud on the phone: `K-2026-0042`, the year of
/// registration and a sequence within that year.
///
/// Any value written and read back (text or binary) is the same value, so that
/// whatever a listing shows, `show` finds, even a number this version would
/// not give (an older version's, or one from before the range below).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CaseId {
    year: u16,
    seq: u32,
}

/// The highest sequence number of a year: room for 27,000 complaints a day.
pub const MAX_SEQ: u32 = 9_999_999;

impl CaseId {
    pub const fn new(year: u16, seq: u32) -> Self {
        Self { year, seq }
    }
    pub fn year(self) -> u16 {
        self.year
    }
    pub fn seq(self) -> u32 {
        self.seq
    }
    /// Whether the desk gives this number: a year in [`YEARS`], a sequence
    /// from 1 to [`MAX_SEQ`].
    pub fn is_issuable(self) -> bool {
        YEARS.contains(&i32::from(self.year)) && (1..=MAX_SEQ).contains(&self.seq)
    }
    /// A number that orders like the ids: year first, then sequence.
    pub fn as_u64(self) -> u64 {
        (u64::from(self.year) << 32) | u64::from(self.seq)
    }
    pub fn from_u64(n: u64) -> Option<Self> {
        let year = u16::try_from(n >> 32).ok()?;
        Some(Self::new(year, (n & 0xFFFF_FFFF) as u32))
    }
    /// Accepts `K-2026-0042`, `k-2026-42`, `2026-42` and `K2026-0042`: digits
    /// only, the year written with at least four (`K-26-1` is not a case number).
    pub fn parse(text: &str) -> Result<Self, Problem> {
        let bad = || Problem::BadCaseId(text.to_string());
        let trimmed = text.trim();
        let rest = trimmed
            .strip_prefix(['K', 'k'])
            .map(|r| r.strip_prefix('-').unwrap_or(r))
            .unwrap_or(trimmed);
        let (year, seq) = rest.split_once('-').ok_or_else(bad)?;
        let digits = |s: &str, at_least: usize| s.len() >= at_least && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(year, 4) || !digits(seq, 1) {
            return Err(bad());
        }
        let year: u16 = year.parse().map_err(|_| bad())?;
        let seq: u32 = seq.parse().map_err(|_| bad())?;
        Ok(Self::new(year, seq))
    }
}

impl FromStr for CaseId {
    type Err = Problem;

    fn from_str(text: &str) -> Result<Self, Problem> {
        Self::parse(text)
    }
}

impl fmt::Display for CaseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "K-{:04}-{:04}", self.year, self.seq)
    }
}

impl Serialize for CaseId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.collect_str(self)
        } else {
            s.serialize_u64(self.as_u64())
        }
    }
}

impl<'de> Deserialize<'de> for CaseId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        if d.is_human_readable() {
            let text = String::deserialize(d)?;
            CaseId::parse(&text).map_err(|_| D::Error::custom(format!("bad case id {text:?}")))
        } else {
            let n = u64::deserialize(d)?;
            CaseId::from_u64(n).ok_or_else(|| D::Error::custom(format!("bad case id {n}")))
        }
    }
}

/// How the complaint reached the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    Phone,
    Email,
    ContactPerson,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::Phone, Channel::Email, Channel::ContactPerson];
    pub fn slug(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
            Channel::Email => "email",
            Channel::ContactPerson => "contact-person",
        }
    }
}

/// The complainant and how to reach them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub organisation: Option<String>,
}

/// How the receipt of a complaint was confirmed to the complainant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AckVia {
    Email,
    Phone,
    Letter,
}

impl AckVia {
    pub const ALL: [AckVia; 3] = [AckVia::Email, AckVia::Phone, AckVia::Letter];
    pub fn slug(self) -> &'static str {
        match self {
            AckVia::Email => "email",
            AckVia::Phone => "phone",
            AckVia::Letter => "letter",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acknowledgement {
    #[serde(with = "moment")]
    pub at: DateTime<Utc>,
    pub via: AckVia,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Admissibility {
    pub admissible: bool,
    #[serde(with = "moment")]
    pub decided_at: DateTime<Utc>,
    /// When the written justification of a not-admissible decision was sent.
    #[serde(with = "moment::option")]
    pub justification_sent_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InfoRequest {
    #[serde(with = "moment")]
    pub requested_at: DateTime<Utc>,
    pub request: String,
    #[serde(with = "moment::option")]
    pub received_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Satisfaction {
    Satisfied,
    Unsatisfied,
    Unknown,
}

impl Satisfaction {
    pub const ALL: [Satisfaction; 3] = [
        Satisfaction::Satisfied,
        Satisfaction::Unsatisfied,
        Satisfaction::Unknown,
    ];
    pub fn slug(self) -> &'static str {
        match self {
            Satisfaction::Satisfied => "satisfied",
            Satisfaction::Unsatisfied => "unsatisfied",
            Satisfaction::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Withdrawal {
    pub reason: String,
    #[serde(with = "moment")]
    pub at: DateTime<Utc>,
}

/// A call, e-mail or note in the contact log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LogKind {
    Call,
    Email,
    Note,
}

impl LogKind {
    pub const ALL: [LogKind; 3] = [LogKind::Call, LogKind::Email, LogKind::Note];
    pub fn slug(self) -> &'static str {
        match self {
            LogKind::Call => "call",
            LogKind::Email => "email",
            LogKind::Note => "note",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    Inbound,
    Outbound,
    Internal,
}

impl Direction {
    pub const ALL: [Direction; 3] = [Direction::Inbound, Direction::Outbound, Direction::Internal];
    pub fn slug(self) -> &'static str {
        match self {
            Direction::Inbound => "in",
            Direction::Outbound => "out",
            Direction::Internal => "internal",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    #[serde(with = "moment")]
    pub at: DateTime<Utc>,
    pub kind: LogKind,
    pub direction: Direction,
    pub author: String,
    pub text: String,
}

/// Which deadline target a verdict is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Target {
    Acknowledge,
    Outcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetVerdict {
    pub target: Target,
    pub verdict: Verdict,
}

/// One complaint, as it stands now. The audit trail of how it got here is kept
/// beside it as events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub id: CaseId,
    pub state: State,
    /// How many events the audit trail holds for this case: the version of this snapshot.
    pub version: u32,
    #[serde(with = "moment")]
    pub complained_at: DateTime<Utc>,
    #[serde(with = "moment")]
    pub registered_at: DateTime<Utc>,
    pub registered_by: String,
    pub channel: Channel,
    pub contact: Contact,
    pub service: String,
    pub description: String,
    pub handler: Option<String>,
    pub involved: Vec<String>,
    pub contact_log: Vec<LogEntry>,
    pub acknowledgement: Option<Acknowledgement>,
    pub admissibility: Option<Admissibility>,
    /// The justification of a not-admissible decision (may be drafted before).
    pub justification: String,
    pub info_requests: Vec<InfoRequest>,
    pub root_cause: String,
    pub solution: String,
    pub outcome: String,
    #[serde(with = "moment::option")]
    pub outcome_communicated_at: Option<DateTime<Utc>>,
    pub satisfaction: Option<Satisfaction>,
    pub learnings: String,
    pub withdrawal: Option<Withdrawal>,
    #[serde(with = "moment::option")]
    pub closed_at: Option<DateTime<Utc>>,
    /// When all relevant information was last received: the start of the running
    /// outcome clock. `None` while that clock is not running.
    #[serde(with = "moment::option")]
    pub outcome_clock_since: Option<DateTime<Utc>>,
    /// Verdicts of met targets, recorded when the step was done.
    pub verdicts: Vec<TargetVerdict>,
    // Fields added in record format 3 go last: the store reads a case's
    // leading fields (up to `description`) without decoding the rest.
    /// What the complainant wants, if they said.
    pub remedy_sought: Option<RemedySought>,
    /// Whether the outcome granted the remedy sought.
    pub remedy_granted: Option<Granted>,
    /// Promises made to the complainant, oldest first.
    pub promises: Vec<Promise>,
}

impl Case {
    pub fn is_open(&self) -> bool {
        self.state.is_open()
    }

    pub fn verdict(&self, target: Target) -> Option<&Verdict> {
        self.verdicts
            .iter()
            .rev()
            .find(|v| v.target == target)
            .map(|v| &v.verdict)
    }

    /// The information request that has not been answered yet, if any.
    pub fn open_info_request(&self) -> Option<&InfoRequest> {
        self.info_requests.iter().rev().find(|r| r.received_at.is_none())
    }

    /// The values an audit record compares before and after a change.
    pub fn audited_values(&self) -> Vec<(Field, String)> {
        let stamp = |t: &DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let opt = |s: &Option<String>| s.clone().unwrap_or_default();
        vec![
            (Field::Name, self.contact.name.clone()),
            (Field::Email, opt(&self.contact.email)),
            (Field::Phone, opt(&self.contact.phone)),
            (Field::Organisation, opt(&self.contact.organisation)),
            (Field::Service, self.service.clone()),
            (Field::Channel, self.channel.slug().to_string()),
            (Field::ComplainedAt, stamp(&self.complained_at)),
            (Field::Description, self.description.clone()),
            (Field::Handler, opt(&self.handler)),
            (Field::Involved, self.involved.join(", ")),
            (
                Field::AckAt,
                self.acknowledgement
                    .as_ref()
                    .map(|a| stamp(&a.at))
                    .unwrap_or_default(),
            ),
            (
                Field::AckVia,
                self.acknowledgement
                    .as_ref()
                    .map(|a| a.via.slug().to_string())
                    .unwrap_or_default(),
            ),
            (Field::Justification, self.justification.clone()),
            (Field::RootCause, self.root_cause.clone()),
            (Field::Solution, self.solution.clone()),
            (Field::Outcome, self.outcome.clone()),
            (
                Field::Satisfaction,
                self.satisfaction
                    .map(|s| s.slug().to_string())
                    .unwrap_or_default(),
            ),
            (Field::Learnings, self.learnings.clone()),
            (
                Field::WithdrawReason,
                self.withdrawal
                    .as_ref()
                    .map(|w| w.reason.clone())
                    .unwrap_or_default(),
            ),
            (Field::Remedy, RemedySought::slug(self.remedy_sought.as_ref())),
            (
                Field::RemedyText,
                self.remedy_sought
                    .as_ref()
                    .map(|s| s.text.clone())
                    .unwrap_or_default(),
            ),
            (
                Field::RemedyGranted,
                self.remedy_granted
                    .map(|g| g.slug().to_string())
                    .unwrap_or_default(),
            ),
            // One line per outstanding promise: made, moved or kept shows as
            // a line added, changed or gone.
            (
                Field::Promises,
                self.promises
                    .iter()
                    .filter(|p| p.is_outstanding())
                    .map(|p| format!("{} | {}", stamp(&p.due), p.what))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_ids_read_aloud_and_parse_back() {
        let id = CaseId::new(2026, 42);
        assert_eq!(id.to_string(), "K-2026-0042");
        for text in [
            "K-2026-0042",
            "k-2026-42",
            "2026-42",
            "K2026-0042",
            " K-2026-0042 ",
        ] {
            assert_eq!(CaseId::parse(text), Ok(id), "{text}");
        }
        for text in [
            "",
            "K-2026",
            "K-26-1",
            "K-2026-x",
            "X-2026-1",
            "K-+2026-1",
            "K-2026-+1",
            "K-2026--1",
            "K-70000-1",
        ] {
            assert!(CaseId::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn the_desk_gives_numbers_from_2000_to_2099_up_to_the_maximum() {
        assert!(CaseId::new(2026, 1).is_issuable());
        assert!(CaseId::new(2000, MAX_SEQ).is_issuable());
        assert!(CaseId::new(2099, 1).is_issuable());
        for id in [
            CaseId::new(2026, 0),
            CaseId::new(2026, MAX_SEQ + 1),
            CaseId::new(1999, 1),
            CaseId::new(2100, 1),
            CaseId::new(6, 1),
        ] {
            assert!(!id.is_issuable(), "{id}");
        }
    }

    #[test]
    fn case_ids_order_numerically() {
        let ids = [
            CaseId::new(2025, 9999),
            CaseId::new(2026, 2),
            CaseId::new(2026, 10),
        ];
        assert!(ids.windows(2).all(|w| w[0].as_u64() < w[1].as_u64()));
        assert_eq!(CaseId::from_u64(ids[2].as_u64()), Some(ids[2]));
    }
}
