//! The words for the domain's values and problems.

use crate::domain::calendar::HolidayKind;
use crate::domain::case::{AckVia, Channel, Direction, LogKind, Satisfaction, Target};
use crate::domain::clock::ClockStatus;
use crate::domain::problem::{Field, Problem, Refusal};
use crate::domain::remedy::{Granted, Remedy};
use crate::domain::workflow::{State, Step};

use super::{Lang, T, date, time};

pub fn state_key(state: State) -> T {
    match state {
        State::Received => T::StateReceived,
        State::Acknowledged => T::StateAcknowledged,
        State::InTreatment => T::StateInTreatment,
        State::Waiting => T::StateWaiting,
        State::OutcomeCommunicated => T::StateOutcome,
        State::Closed => T::StateClosed,
        State::NotAdmissible => T::StateNotAdmissible,
    }
}

/// The state's name for a narrow column.
pub fn state_short_key(state: State) -> T {
    match state {
        State::Received => T::ShortReceived,
        State::Acknowledged => T::ShortAcknowledged,
        State::InTreatment => T::ShortInTreatment,
        State::Waiting => T::ShortWaiting,
        State::OutcomeCommunicated => T::ShortOutcome,
        State::Closed => T::ShortClosed,
        State::NotAdmissible => T::ShortNotAdmissible,
    }
}

pub fn step_key(step: Step) -> T {
    match step {
        Step::Acknowledge => T::StepAcknowledge,
        Step::TakeIntoTreatment => T::StepTakeIntoTreatment,
        Step::DeclareNotAdmissible => T::StepDeclareNotAdmissible,
        Step::RequestInformation => T::StepRequestInformation,
        Step::InformationReceived => T::StepInformationReceived,
        Step::CommunicateOutcome => T::StepCommunicateOutcome,
        Step::Close => T::StepClose,
        Step::Reopen => T::StepReopen,
        Step::Withdraw => T::StepWithdraw,
        Step::AssignHandler => T::StepAssignHandler,
        Step::SetInvolved => T::StepSetInvolved,
        Step::LogContact => T::StepLogContact,
        Step::Edit => T::StepEdit,
        Step::Anonymise => T::StepAnonymise,
        Step::Undo => T::StepUndo,
        Step::MakePromise => T::StepMakePromise,
        Step::KeepPromise => T::StepKeepPromise,
        Step::MovePromise => T::StepMovePromise,
    }
}

pub fn field_key(field: Field) -> T {
    match field {
        Field::Name => T::FieldName,
        Field::Phone => T::FieldPhone,
        Field::Email => T::FieldEmail,
        Field::Organisation => T::FieldOrganisation,
        Field::Service => T::FieldService,
        Field::Channel => T::FieldChannel,
        Field::ComplainedAt => T::FieldComplainedAt,
        Field::Description => T::FieldDescription,
        Field::Handler => T::FieldHandler,
        Field::Involved => T::FieldInvolved,
        Field::AckAt => T::FieldAckAt,
        Field::StepAt => T::FieldStepAt,
        Field::AckVia => T::FieldAckVia,
        Field::Justification => T::FieldJustification,
        Field::Request => T::FieldRequest,
        Field::RootCause => T::FieldRootCause,
        Field::Solution => T::FieldSolution,
        Field::Outcome => T::FieldOutcome,
        Field::Satisfaction => T::FieldSatisfaction,
        Field::Learnings => T::FieldLearnings,
        Field::WithdrawReason => T::FieldWithdrawReason,
        Field::LogText => T::FieldLogText,
        Field::LogKind => T::FieldLogKind,
        Field::Direction => T::FieldDirection,
        Field::Remedy => T::FieldRemedy,
        Field::RemedyText => T::FieldRemedyText,
        Field::RemedyGranted => T::FieldRemedyGranted,
        Field::PromiseWhat => T::FieldPromiseWhat,
        Field::PromiseDue => T::FieldPromiseDue,
        Field::PromiseReason => T::FieldPromiseReason,
        Field::Promises => T::FieldPromises,
    }
}

pub fn channel_key(channel: Channel) -> T {
    match channel {
        Channel::Phone => T::ChannelPhone,
        Channel::Email => T::ChannelEmail,
        Channel::ContactPerson => T::ChannelContactPerson,
    }
}

pub fn ack_via_key(via: AckVia) -> T {
    match via {
        AckVia::Email => T::AckViaEmail,
        AckVia::Phone => T::AckViaPhone,
        AckVia::Letter => T::AckViaLetter,
    }
}

pub fn satisfaction_key(s: Satisfaction) -> T {
    match s {
        Satisfaction::Satisfied => T::Satisfied,
        Satisfaction::Unsatisfied => T::Unsatisfied,
        Satisfaction::Unknown => T::SatisfactionUnknown,
    }
}

pub fn log_kind_key(kind: LogKind) -> T {
    match kind {
        LogKind::Call => T::LogCall,
        LogKind::Email => T::LogEmail,
        LogKind::Note => T::LogNote,
    }
}

pub fn direction_key(direction: Direction) -> T {
    match direction {
        Direction::Inbound => T::DirectionIn,
        Direction::Outbound => T::DirectionOut,
        Direction::Internal => T::DirectionInternal,
    }
}

pub fn target_key(target: Target) -> T {
    match target {
        Target::Acknowledge => T::TargetAcknowledge,
        Target::Outcome => T::TargetOutcome,
    }
}

pub fn holiday_key(kind: HolidayKind) -> T {
    match kind {
        HolidayKind::NewYear => T::HolidayNewYear,
        HolidayKind::GoodFriday => T::HolidayGoodFriday,
        HolidayKind::EasterSunday => T::HolidayEasterSunday,
        HolidayKind::EasterMonday => T::HolidayEasterMonday,
        HolidayKind::KingsDay => T::HolidayKingsDay,
        HolidayKind::LiberationDay => T::HolidayLiberationDay,
        HolidayKind::Ascension => T::HolidayAscension,
        HolidayKind::WhitSunday => T::HolidayWhitSunday,
        HolidayKind::WhitMonday => T::HolidayWhitMonday,
        HolidayKind::ChristmasDay => T::HolidayChristmas,
        HolidayKind::BoxingDay => T::HolidayBoxingDay,
        HolidayKind::ClosingDay => T::HolidayClosingDay,
    }
}

/// A case's state as the operator reads it, noting a withdrawal.
pub fn state_label<C: crate::domain::summary::Standing + ?Sized>(lang: Lang, case: &C) -> String {
    let state = lang.t(state_key(case.state()));
    if case.withdrawn() {
        format!("{state} ({})", lang.t(T::Withdrawn))
    } else {
        state.to_string()
    }
}

/// A value from the audit trail (stored language-neutral: slugs and UTC
/// timestamps) as the operator reads it.
pub fn audit_value(lang: Lang, field: Field, raw: &str) -> String {
    let from_slug = |all: &[(&str, T)]| {
        all.iter()
            .find(|(slug, _)| *slug == raw)
            .map(|(_, key)| lang.t(*key).to_string())
    };
    let shown = match field {
        Field::ComplainedAt | Field::AckAt | Field::StepAt => chrono::DateTime::parse_from_rfc3339(raw)
            .ok()
            .map(|t| super::datetime(lang, t.with_timezone(&chrono::Utc))),
        Field::Channel => from_slug(&Channel::ALL.map(|c| (c.slug(), channel_key(c)))),
        Field::AckVia => from_slug(&AckVia::ALL.map(|v| (v.slug(), ack_via_key(v)))),
        Field::Satisfaction => from_slug(&Satisfaction::ALL.map(|s| (s.slug(), satisfaction_key(s)))),
        Field::Service => Some(super::service_name(lang, raw).to_string()),
        Field::Remedy => Remedy::from_slug(raw).map(|r| lang.t(super::remedy_key(r)).to_string()),
        Field::RemedyGranted => Granted::from_slug(raw).map(|g| lang.t(super::granted_key(g)).to_string()),
        Field::Promises => Some(super::promises::audited(lang, raw)),
        _ => None,
    };
    shown.unwrap_or_else(|| raw.to_string())
}

/// The services one may choose from, by their names in the operator's language.
fn known_services(lang: Lang, ids: &[String]) -> String {
    let names: Vec<&str> = ids.iter().map(|id| super::service_name(lang, id)).collect();
    names.join(", ")
}

/// One problem in a sentence.
pub fn problem(lang: Lang, p: &Problem) -> String {
    let field = |f: &Field| lang.t(field_key(*f));
    match p {
        Problem::Missing(f) => lang.fill(T::ProblemMissing, &[("field", &field(f))]),
        Problem::TooLong { field: f, max } => {
            lang.fill(T::ProblemTooLong, &[("field", &field(f)), ("max", max)])
        }
        Problem::NotOneLine(f) => lang.fill(T::ProblemNotOneLine, &[("field", &field(f))]),
        Problem::NoWayToReach => lang.t(T::ProblemNoWayToReach).to_string(),
        Problem::MalformedEmail(given) => lang.fill(T::ProblemMalformedEmail, &[("given", given)]),
        Problem::MalformedPhone(given) => lang.fill(T::ProblemMalformedPhone, &[("given", given)]),
        Problem::UnknownRemedy(given) => lang.fill(
            T::ProblemUnknownRemedy,
            &[("given", given), ("known", &super::known_remedies(lang))],
        ),
        Problem::UnknownGranted(given) => lang.fill(
            T::ProblemUnknownGranted,
            &[("given", given), ("known", &super::known_granted(lang))],
        ),
        Problem::UnknownService { given, known } => lang.fill(
            T::ProblemUnknownService,
            &[("given", given), ("known", &known_services(lang, known))],
        ),
        Problem::InFuture(f) => lang.fill(T::ProblemInFuture, &[("field", &field(f))]),
        Problem::InPast(f) => lang.fill(T::ProblemInPast, &[("field", &field(f))]),
        Problem::NoSuchPromise(n) => lang.fill(T::ProblemNoSuchPromise, &[("n", &(n + 1))]),
        Problem::PromiseAlreadyKept { at } => lang.fill(
            T::ProblemPromiseAlreadyKept,
            &[("at", &super::datetime(lang, *at))],
        ),
        Problem::AckBeforeComplaint => lang.t(T::ProblemAckBeforeComplaint).to_string(),
        Problem::BeforePreviousStep { previous } => lang.fill(
            T::ProblemBeforePreviousStep,
            &[("previous", &super::datetime(lang, *previous))],
        ),
        Problem::BadMoment { field: f, given } => {
            lang.fill(T::ProblemBadMoment, &[("field", &field(f)), ("given", given)])
        }
        Problem::BadCaseId(given) => lang.fill(T::ProblemBadCaseId, &[("given", given)]),
        Problem::CaseNumberOutOfRange(id) => lang.fill(
            T::ProblemCaseNumberOutOfRange,
            &[("id", id), ("max", &crate::domain::case::MAX_SEQ)],
        ),
        Problem::NumbersUsedUp { year } => lang.fill(
            T::ProblemNumbersUsedUp,
            &[("year", year), ("max", &crate::domain::case::MAX_SEQ)],
        ),
        Problem::NotAllowed { step, from } => {
            let sentence = lang.fill(
                T::ProblemNotAllowed,
                &[
                    ("step", &lang.t(step_key(*step))),
                    ("state", &lang.t(state_key(*from))),
                ],
            );
            let moves: Vec<&str> = from.moves().into_iter().map(|s| lang.t(step_key(s))).collect();
            let next = if moves.is_empty() {
                lang.t(T::NoMovesPossible).to_string()
            } else {
                lang.fill(T::MovesPossible, &[("moves", &moves.join(", "))])
            };
            format!("{sentence} {next}")
        }
        Problem::Required { field: f, state } => lang.fill(
            T::ProblemRequired,
            &[("field", &field(f)), ("state", &lang.t(state_key(*state)))],
        ),
        Problem::Stale { .. } => lang.t(T::ProblemStale).to_string(),
        Problem::Conflict {
            field: f,
            by,
            at,
            theirs,
            ..
        } => {
            let by = crate::sanitize::one_line(by);
            let args: [(&str, &dyn std::fmt::Display); 3] =
                [("by", &by), ("field", &field(f)), ("time", &time(*at))];
            if theirs.is_empty() {
                lang.fill(T::ProblemConflictEmptied, &args)
            } else {
                let theirs = crate::sanitize::fit(&audit_value(lang, *f, theirs), CONFLICT_VALUE_COLUMNS);
                lang.fill(
                    T::ProblemConflict,
                    &[args.as_slice(), &[("theirs", &theirs)]].concat(),
                )
            }
        }
        Problem::ChangedSince { by, at } => lang.fill(
            T::ProblemChangedSince,
            &[("by", &crate::sanitize::one_line(by)), ("time", &time(*at))],
        ),
        Problem::NotYourChange { by } => {
            lang.fill(T::ProblemNotYourChange, &[("by", &crate::sanitize::one_line(by))])
        }
        Problem::UndoTooLate { at } => lang.fill(
            T::ProblemUndoTooLate,
            &[
                ("time", &time(*at)),
                ("minutes", &crate::domain::undo::WINDOW_MINUTES),
            ],
        ),
        Problem::CannotUndo(None) => lang.t(T::ProblemCannotUndoRegistration).to_string(),
        Problem::CannotUndo(Some(step)) => {
            lang.fill(T::ProblemCannotUndo, &[("step", &lang.t(step_key(*step)))])
        }
    }
}

/// How much of the other operator's value a conflict quotes: enough to
/// recognise it, short enough for the sentence to fit on one line.
const CONFLICT_VALUE_COLUMNS: usize = 40;

/// Every problem of a refusal, as one paragraph.
pub fn refusal(lang: Lang, r: &Refusal) -> String {
    r.problems()
        .iter()
        .map(|p| problem(lang, p))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where a deadline target stands, in a phrase.
pub fn clock(lang: Lang, status: &ClockStatus) -> String {
    match status {
        ClockStatus::NotStarted => lang.t(T::ClockNotStarted).to_string(),
        ClockStatus::Paused {
            since,
            working_days_waiting,
            ..
        } => lang.fill(
            T::ClockPaused,
            &[
                ("days", working_days_waiting),
                ("date", &super::datetime(lang, *since)),
            ],
        ),
        ClockStatus::OnTrack {
            due,
            working_days_left,
            hours_left,
        } => lang.fill(
            T::ClockOnTrack,
            &[
                ("date", &date(lang, due.day)),
                ("days", working_days_left),
                ("hours", hours_left),
            ],
        ),
        ClockStatus::DueToday { due } => lang.fill(T::ClockDueToday, &[("time", &time(due.deadline))]),
        ClockStatus::Breached {
            due,
            working_days_late: 0,
            hours_late,
        } => lang.fill(
            T::ClockBreachedHours,
            &[
                ("date", &super::datetime(lang, due.deadline)),
                ("hours", hours_late),
            ],
        ),
        ClockStatus::Breached {
            due,
            working_days_late,
            ..
        } => lang.fill(
            T::ClockBreached,
            &[("date", &date(lang, due.day)), ("days", working_days_late)],
        ),
        ClockStatus::Met(v) if v.on_time && v.working_days_taken == 0 => {
            lang.fill(T::ClockMetSameDay, &[("date", &super::datetime(lang, v.met_at))])
        }
        ClockStatus::Met(v) if v.on_time => lang.fill(
            T::ClockMetOnTime,
            &[
                ("date", &super::datetime(lang, v.met_at)),
                ("taken", &v.working_days_taken),
            ],
        ),
        ClockStatus::Met(v) => lang.fill(
            T::ClockMetLate,
            &[
                ("date", &super::datetime(lang, v.met_at)),
                ("late", &v.working_days_late),
            ],
        ),
    }
}

/// The short deadline badge of a card or list row, readable without colour, in
/// working days and hours: `ack 1 wd 3 h`, `due today 17:00`, `waiting 12 wd`,
/// `! 2 wd late`, `ack late (1 wd)`. The outcome is the default target;
/// acknowledgement badges say `ack`.
pub fn badge(lang: Lang, target: Target, status: &ClockStatus) -> String {
    let ack = target == Target::Acknowledge;
    let pick = |a: T, o: T| if ack { a } else { o };
    match status {
        ClockStatus::NotStarted => lang.t(T::BadgeNotStarted).to_string(),
        ClockStatus::Paused {
            working_days_waiting, ..
        } => lang.fill(T::BadgePaused, &[("days", working_days_waiting)]),
        ClockStatus::OnTrack {
            working_days_left,
            hours_left: 0,
            ..
        } => lang.fill(
            pick(T::BadgeAckOnTrackDays, T::BadgeOnTrackDays),
            &[("days", working_days_left)],
        ),
        ClockStatus::OnTrack {
            working_days_left,
            hours_left,
            ..
        } => lang.fill(
            pick(T::BadgeAckOnTrack, T::BadgeOnTrack),
            &[("days", working_days_left), ("hours", hours_left)],
        ),
        ClockStatus::DueToday { due } => lang.fill(
            pick(T::BadgeAckDueToday, T::BadgeDueToday),
            &[("time", &time(due.deadline))],
        ),
        ClockStatus::Breached {
            working_days_late: 0,
            hours_late,
            ..
        } => lang.fill(
            pick(T::BadgeAckLateHours, T::BadgeLateHours),
            &[("hours", hours_late)],
        ),
        ClockStatus::Breached {
            working_days_late, ..
        } => lang.fill(
            pick(T::BadgeAckLateDays, T::BadgeLateDays),
            &[("days", working_days_late)],
        ),
        ClockStatus::Met(v) if v.on_time => lang.t(pick(T::BadgeAckMet, T::BadgeMet)).to_string(),
        // History, not a live breach.
        ClockStatus::Met(v) => lang.fill(
            pick(T::BadgeAckMetLate, T::BadgeMetLate),
            &[("days", &v.working_days_late)],
        ),
    }
}

/// Who else is on a case: `Bram is editing Outcome`, `Carla has this case
/// open`, one phrase per operator, joined.
pub fn presence(lang: Lang, others: &[(String, Option<Field>)]) -> String {
    others
        .iter()
        .map(|(name, field)| match field {
            Some(f) => lang.fill(
                T::PresenceEditing,
                &[("name", name), ("field", &lang.t(field_key(*f)))],
            ),
            None => lang.fill(T::PresenceOpen, &[("name", name)]),
        })
        .collect::<Vec<_>>()
        .join(" · ")
}
