//! Which options of `klachtdesk move` each step takes: an option a step does
//! not take is refused, naming the step, rather than silently ignored.

use super::Failure;
use crate::domain::workflow::Step;
use crate::i18n::{Lang, T, step_key};

/// The options `step` takes, as typed on the command line.
fn taken_by(step: Step) -> &'static [&'static str] {
    match step {
        Step::Acknowledge => &["--via", "--at"],
        Step::DeclareNotAdmissible => &["--justification", "--at"],
        Step::TakeIntoTreatment => &["--handler", "--at"],
        // A handler named when information comes in or the case is reopened takes over.
        Step::InformationReceived => &["--note", "--handler", "--at"],
        Step::Reopen => &["--reason", "--handler", "--at"],
        Step::RequestInformation => &["--request", "--at"],
        Step::CommunicateOutcome => &["--root-cause", "--solution", "--outcome", "--granted", "--at"],
        Step::Close => &["--learnings", "--satisfaction", "--at"],
        Step::Withdraw => &["--withdrawn", "--at"],
        Step::AssignHandler
        | Step::SetInvolved
        | Step::LogContact
        | Step::Edit
        | Step::Anonymise
        | Step::Undo
        | Step::MakePromise
        | Step::KeepPromise
        | Step::MovePromise => &[],
    }
}

/// Refuses the first option given that `step` does not take.
pub fn check(lang: Lang, step: Step, given: &[&'static str]) -> Result<(), Failure> {
    let takes = taken_by(step);
    match given.iter().find(|option| !takes.contains(option)) {
        None => Ok(()),
        Some(option) => Err(Failure::Refused(lang.fill(
            T::MoveOptionNotTaken,
            &[
                ("step", &lang.t(step_key(step))),
                ("option", &option),
                ("options", &takes.join(", ")),
            ],
        ))),
    }
}
