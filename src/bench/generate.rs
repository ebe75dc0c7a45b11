//! Generated queues: any number of realistic complaints in every state, each
//! made through the procedure itself (`workflow::register` and `apply`), so
//! that snapshots and audit trails are exactly what operators' commands leave
//! behind. The same size gives the same queue on every run.
//!
//! Three quarters of the cases came in over the last three years and are
//! finished (closed, withdrawn or not admissible); the last quarter came in
//! over the last forty working days and stand in every state, the older ones
//! further along and some of them late: a busy desk with a backlog.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};

use crate::demo::{CONTACTS, HANDLERS, STORIES};
use crate::domain::case::{AckVia, Case, CaseId, Channel, Direction, LogKind, Satisfaction};
use crate::domain::clock::Policy;
use crate::domain::event::Event;
use crate::domain::intake::Intake;
use crate::domain::workflow::{Command, Ctx, Rules, apply, register};

/// The moment the generated queue is seen at: Thursday 26 November 2026,
/// 10:00 in Amsterdam.
pub fn now(policy: &Policy) -> DateTime<Utc> {
    let day = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default();
    policy.local_to_utc(day, NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default())
}

/// The operator the benchmark works as: one of the handlers.
pub const OPERATOR: &str = HANDLERS[0];

/// Working days back that the recent (unfinished) part of the queue covers.
const RECENT_DAYS: usize = 40;

/// A well-mixed 64-bit hash (splitmix64): the generator's only randomness.
pub(crate) fn mix(k: u64, salt: u64) -> u64 {
    let mut z = k
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(salt.wrapping_mul(0xD1B5_4A32_D192_ED03))
        .wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// One case to make: when it came in, its number, and how many working days
/// ago that was if it is part of the recent queue.
#[derive(Debug, Clone, Copy)]
pub struct Planned {
    k: usize,
    registered: DateTime<Utc>,
    id: CaseId,
    recent_age: Option<usize>,
}

/// When each of `n` cases came in, numbered per year in that order.
pub fn plan(n: usize, policy: &Policy) -> Vec<Planned> {
    let now = now(policy);
    let today = policy.local_date(now);
    let calendar = &policy.calendar;
    // The working days of the recent part, today first.
    let mut recent_days = vec![today];
    while recent_days.len() < RECENT_DAYS {
        let mut day = recent_days[recent_days.len() - 1];
        loop {
            day = day.pred_opt().unwrap_or(day);
            if calendar.is_working_day(day) {
                break;
            }
        }
        recent_days.push(day);
    }
    let old = n - n / 4;
    let start = now - Duration::days(3 * 365);
    let old_end = now - Duration::days(70);
    let old_span = (old_end - start).num_seconds();
    let mut planned: Vec<Planned> = (0..n)
        .map(|k| {
            let h = mix(k as u64, 1);
            let minute = |range: u64| i64::try_from(h % range).unwrap_or(0);
            let (day, minutes, recent_age) = if k < old {
                let at = start + Duration::seconds(old_span * k as i64 / old.max(1) as i64);
                let mut day = policy.local_date(at);
                while !calendar.is_working_day(day) {
                    day = day.succ_opt().unwrap_or(day);
                }
                // Between 08:30 and 17:00.
                (day, 8 * 60 + 30 + minute(510), None)
            } else {
                let recent = n - old;
                let age = RECENT_DAYS - 1 - ((k - old) * RECENT_DAYS / recent.max(1));
                // Today only before the moment the queue is seen at (10:00).
                let minutes = if age == 0 {
                    7 * 60 + 30 + minute(140)
                } else {
                    8 * 60 + minute(540)
                };
                (recent_days[age], minutes, Some(age))
            };
            let time = NaiveTime::MIN + Duration::minutes(minutes) + Duration::seconds(minute(60));
            Planned {
                k,
                registered: policy.local_to_utc(day, time),
                id: CaseId::new(0, 0),
                recent_age,
            }
        })
        .collect();
    planned.sort_by_key(|p| (p.registered, p.k));
    let mut year = 0;
    let mut seq = 0;
    for p in &mut planned {
        let y = policy.local_date(p.registered).format("%Y").to_string();
        let y: u16 = y.parse().unwrap_or(0);
        if y != year {
            (year, seq) = (y, 0);
        }
        seq += 1;
        p.id = CaseId::new(year, seq);
    }
    planned
}

/// Where a case ends up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Received,
    Acknowledged,
    InTreatment,
    Waiting,
    Outcome,
    Closed,
    Withdrawn,
    NotAdmissible,
}

/// Where a case ends up, by how long ago it came in: the younger, the earlier
/// in the procedure.
fn end(p: &Planned) -> End {
    use End::*;
    let roll = mix(p.k as u64, 2) % 100;
    let pick = |table: &[(End, u64)]| {
        let mut left = roll;
        for &(end, share) in table {
            if left < share {
                return end;
            }
            left -= share;
        }
        table[table.len() - 1].0
    };
    match p.recent_age {
        None => pick(&[(Closed, 80), (Withdrawn, 8), (NotAdmissible, 12)]),
        Some(0) => pick(&[(Received, 75), (Acknowledged, 25)]),
        Some(1..=2) => pick(&[(Received, 35), (Acknowledged, 45), (InTreatment, 20)]),
        Some(3..=9) => pick(&[
            (Received, 4),
            (Acknowledged, 22),
            (InTreatment, 46),
            (Waiting, 10),
            (NotAdmissible, 12),
            (Withdrawn, 6),
        ]),
        Some(_) => pick(&[
            (Acknowledged, 3),
            (InTreatment, 30),
            (Waiting, 14),
            (Outcome, 23),
            (Closed, 20),
            (Withdrawn, 5),
            (NotAdmissible, 5),
        ]),
    }
}

/// Short additions that make descriptions differ, as callers add details.
const DETAILS: [&str; 8] = [
    "Our reference is {n}.",
    "This is the second time this year.",
    "We expect an answer before the end of the week.",
    "Please call back on the number below; e-mail is read only on Mondays.",
    "Invoice {n} is on hold until this is sorted out.",
    "Ticket {n} in your portal was closed without a reply.",
    "Our director has asked to be kept informed.",
    "",
];

const PLACES: [&str; 8] = [
    "Utrecht",
    "Rotterdam",
    "Groningen",
    "Eindhoven",
    "Zwolle",
    "Haarlem",
    "Breda",
    "Leiden",
];

/// The generated complainant of case `k`: names, organisations and stories
/// from the demo, combined and varied.
fn intake(k: usize, complained_at: DateTime<Utc>) -> Intake {
    let h = |salt| mix(k as u64, salt);
    let pick = |salt, len: usize| (h(salt) % len as u64) as usize;
    let first = CONTACTS[pick(10, CONTACTS.len())].0;
    let first = first.split_whitespace().next().unwrap_or(first);
    let last = CONTACTS[pick(11, CONTACTS.len())].0;
    let last = last.split_once(' ').map_or(last, |(_, rest)| rest);
    let name = format!("{first} {last}");
    let (_, org, _, _) = CONTACTS[pick(12, CONTACTS.len())];
    let organisation = match h(13) % 10 {
        0..=2 => String::new(),
        3..=4 if !org.is_empty() => format!("{org} {}", PLACES[pick(14, PLACES.len())]),
        _ => org.to_string(),
    };
    let domain: String = if organisation.is_empty() {
        "gmail.com".into()
    } else {
        let slug: String = org
            .to_lowercase()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(20)
            .collect();
        format!("{slug}.nl")
    };
    let local: String = format!("{first}.{last}")
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    let digits = h(15) % 100_000_000;
    let (mut email, mut phone) = (
        format!("{local}@{domain}"),
        match h(16) % 4 {
            0 | 1 => format!("06-{digits:08}"),
            2 => format!("+31 6 {:04} {:04}", digits / 10_000, digits % 10_000),
            _ => format!("0{:02}-{:07}", 10 + digits % 89, digits % 10_000_000),
        },
    );
    match h(17) % 10 {
        0 => email.clear(),
        1 => phone.clear(),
        _ => {}
    }
    let story = STORIES[pick(18, STORIES.len())];
    let detail = DETAILS[pick(19, DETAILS.len())].replace("{n}", &format!("{}", 10_000 + h(20) % 90_000));
    let description = format!("{} {detail}", story.1).trim().to_string();
    Intake {
        name,
        phone,
        email,
        organisation,
        service: story.0.into(),
        channel: [
            Channel::Phone,
            Channel::Email,
            Channel::Phone,
            Channel::ContactPerson,
        ][pick(21, 4)],
        complained_at: Some(complained_at),
        description,
        ..Intake::default()
    }
}

/// The staff who register and handle complaints: the demo's handlers and a
/// few more.
const STAFF: [&str; 8] = [
    HANDLERS[0],
    HANDLERS[1],
    HANDLERS[2],
    HANDLERS[3],
    "Eva Mulder",
    "Joris Smit",
    "Lotte Bos",
    "Sem Peters",
];

/// Makes a planned case through the procedure: its snapshot and audit trail.
pub fn make(p: &Planned, rules: &Rules) -> Result<(Case, Vec<Event>), String> {
    let policy = &rules.policy;
    let now = now(policy);
    let k = p.k;
    let h = |salt| mix(k as u64, salt);
    let staff = |salt| STAFF[(h(salt) % STAFF.len() as u64) as usize];
    let desk = staff(30);
    let complained_at = p.registered - Duration::minutes(1 + (h(31) % 90) as i64);
    let intake = intake(k, complained_at);
    let ctx = |at| Ctx {
        now: at,
        actor: desk,
        rules,
    };
    let (mut case, event) =
        register(p.id, &intake, &ctx(p.registered)).map_err(|r| format!("{}: {r:?}", p.id))?;
    let mut events = vec![event];
    let at = std::cell::Cell::new(p.registered);
    // The next step: `days` working days after the last one at about `hour`,
    // always after it and never after the moment the queue is seen at.
    let next = |days: u64, hour: u32, salt: u64| {
        let last = at.get();
        let day = policy
            .calendar
            .add_working_days(policy.local_date(last), days as u32);
        let time = NaiveTime::from_hms_opt(hour, (h(salt) % 60) as u32, 0).unwrap_or_default();
        let wanted = policy.local_to_utc(day, time);
        let latest = now - Duration::minutes(1);
        at.set(wanted.min(latest).max(last + Duration::minutes(1)));
        at.get()
    };
    let mut run = |case: &mut Case, at: DateTime<Utc>, command: Command| -> Result<(), String> {
        let (next, event) = apply(case, &command, &ctx(at)).map_err(|r| format!("{}: {r:?}", case.id))?;
        *case = next;
        events.push(event);
        Ok(())
    };
    let end = end(p);
    let story = STORIES[(h(18) % STORIES.len() as u64) as usize];
    if intake.channel == Channel::Phone {
        let call = Command::LogContact {
            kind: LogKind::Call,
            direction: Direction::Inbound,
            text: format!(
                "{} called about this; told them they will hear from us within two working days.",
                intake.name
            ),
        };
        at.set(p.registered + Duration::minutes(1));
        run(&mut case, at.get(), call)?;
    }
    if end == End::Received {
        return Ok((case, events));
    }
    // Mostly within the two days; sometimes late.
    let ack_days = if h(32) % 20 == 0 { 3 + h(33) % 3 } else { h(33) % 3 };
    let ack_at = next(ack_days, 9 + (h(34) % 7) as u32, 35);
    let via = [AckVia::Email, AckVia::Phone, AckVia::Letter][(h(36) % 3) as usize];
    run(&mut case, ack_at, Command::Acknowledge { at: ack_at, via })?;
    if end == End::Acknowledged {
        return Ok((case, events));
    }
    if end == End::NotAdmissible {
        let at = next(1 + h(37) % 3, 14, 38);
        let justification = "The complaint is about a product of another supplier, which we do not resell \
            or support. We have referred the complainant to that supplier.";
        let command = Command::DeclareNotAdmissible {
            at: None,
            justification: justification.into(),
        };
        run(&mut case, at, command)?;
        return Ok((case, events));
    }
    if end == End::Withdrawn {
        let at = next(1 + h(39) % 6, 15, 40);
        let reason = "The complainant called to say the matter was settled with their account manager.";
        run(
            &mut case,
            at,
            Command::Withdraw {
                at: None,
                reason: reason.into(),
            },
        )?;
        return Ok((case, events));
    }
    let treat_at = next(h(41) % 3, 13, 42);
    let handler = staff(43);
    run(
        &mut case,
        treat_at,
        Command::TakeIntoTreatment {
            at: None,
            handler: handler.into(),
        },
    )?;
    if h(44) % 2 == 0 {
        let involved = staff(45);
        let command = Command::SetInvolved {
            staff: vec![involved.into()],
        };
        at.set(treat_at + Duration::minutes(2));
        run(&mut case, at.get(), command)?;
    }
    if h(46) % 10 < 3 {
        let at = next(1 + h(47) % 3, 11, 48);
        let mail = Command::LogContact {
            kind: LogKind::Email,
            direction: Direction::Outbound,
            text: format!(
                "Sent {} an update: we are looking into it and expect to report back next week.",
                intake.name
            ),
        };
        run(&mut case, at, mail)?;
    }
    let asks = end == End::Waiting || h(49) % 100 < 15;
    if asks {
        let at = next(1 + h(50) % 4, 10, 51);
        let request = "Please send the exact times of the events and the names of the affected systems.";
        run(
            &mut case,
            at,
            Command::RequestInformation {
                at: None,
                request: request.into(),
            },
        )?;
        if end == End::Waiting {
            return Ok((case, events));
        }
        let at = next(1 + h(52) % 4, 14, 53);
        let note = "The times and systems arrived by e-mail.";
        run(
            &mut case,
            at,
            Command::InformationReceived {
                at: None,
                note: note.into(),
            },
        )?;
    }
    if end == End::InTreatment {
        return Ok((case, events));
    }
    // Mostly within the ten days; sometimes late.
    let outcome_days = if h(54) % 8 == 0 {
        11 + h(55) % 6
    } else {
        2 + h(55) % 8
    };
    let outcome = Command::CommunicateOutcome {
        at: None,
        root_cause: story.2.into(),
        solution: story.3.into(),
        outcome: story.4.into(),
    };
    run(&mut case, next(outcome_days, 16, 56), outcome.clone())?;
    if end == End::Outcome {
        return Ok((case, events));
    }
    // Now and then the complainant is not satisfied and the case is reopened.
    if h(57) % 25 == 0 {
        let reason = "The complainant does not agree with the outcome and asks for a second look.";
        run(
            &mut case,
            next(1 + h(58) % 3, 10, 59),
            Command::Reopen {
                at: None,
                reason: reason.into(),
            },
        )?;
        run(&mut case, next(2 + h(60) % 4, 16, 61), outcome)?;
    }
    let satisfaction = [
        Satisfaction::Satisfied,
        Satisfaction::Satisfied,
        Satisfaction::Unknown,
        Satisfaction::Unsatisfied,
    ][(h(62) % 4) as usize];
    let close = Command::Close {
        at: None,
        learnings: story.5.into(),
        satisfaction: Some(satisfaction),
    };
    run(&mut case, next(1 + h(63) % 5, 10, 64), close)?;
    Ok((case, events))
}
