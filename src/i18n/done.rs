//! What a save did, in words for the flash: the step done or the field
//! saved, never a state the case did not move to.

use crate::domain::case::{CaseId, LogKind};
use crate::domain::problem::Field;
use crate::domain::workflow::{Command, Edit};

use super::{Lang, T, field_key};

/// The flash after `commands` were saved on case `id`.
pub fn done(lang: Lang, id: CaseId, commands: &[Command]) -> String {
    // A step sent with an edit of its own (the remedy granted with the
    // outcome) is named for the step.
    let moving = commands.iter().find(|c| c.step().changes_state());
    let Some(first) = moving.or(commands.first()) else {
        return lang.fill(T::DoneSaved, &[("id", &id)]);
    };
    let key = match first {
        Command::Acknowledge { .. } => T::DoneAcknowledge,
        Command::TakeIntoTreatment { .. } => T::DoneTakeIntoTreatment,
        Command::DeclareNotAdmissible { .. } => T::DoneNotAdmissible,
        Command::RequestInformation { .. } => T::DoneRequestInformation,
        Command::InformationReceived { .. } => T::DoneInformationReceived,
        Command::CommunicateOutcome { .. } => T::DoneOutcome,
        Command::Close { .. } => T::DoneClose,
        Command::Reopen { .. } => T::DoneReopen,
        Command::Withdraw { .. } => T::DoneWithdraw,
        Command::AssignHandler { .. } => T::DoneHandler,
        Command::SetInvolved { .. } => T::DoneInvolved,
        Command::LogContact { kind, .. } => match kind {
            LogKind::Call => T::DoneLogCall,
            LogKind::Email => T::DoneLogEmail,
            LogKind::Note => T::DoneLogNote,
        },
        Command::Edit { edits } => {
            let fields: Vec<&str> = edits.iter().map(|e| lang.t(field_key(edited(e)))).collect();
            return lang.fill(T::DoneEdit, &[("id", &id), ("fields", &fields.join(", "))]);
        }
        Command::Anonymise { .. } => T::DoneAnonymise,
        Command::Undo { .. } => T::DoneUndo,
        Command::MakePromise { .. } => T::DoneMakePromise,
        Command::KeepPromise { .. } => T::DoneKeepPromise,
        Command::MovePromise { .. } => T::DoneMovePromise,
    };
    lang.fill(key, &[("id", &id)])
}

/// The field an edit changes.
fn edited(edit: &Edit) -> Field {
    match edit {
        Edit::Name(_) => Field::Name,
        Edit::Phone(_) => Field::Phone,
        Edit::Email(_) => Field::Email,
        Edit::Organisation(_) => Field::Organisation,
        Edit::Service(_) => Field::Service,
        Edit::Channel(_) => Field::Channel,
        Edit::ComplainedAt(_) => Field::ComplainedAt,
        Edit::Description(_) => Field::Description,
        Edit::Justification(_) => Field::Justification,
        Edit::RootCause(_) => Field::RootCause,
        Edit::Solution(_) => Field::Solution,
        Edit::Outcome(_) => Field::Outcome,
        Edit::Learnings(_) => Field::Learnings,
        Edit::Satisfaction(_) => Field::Satisfaction,
        Edit::RemedySought { .. } => Field::Remedy,
        Edit::RemedyGranted(_) => Field::RemedyGranted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::Direction;

    #[test]
    fn the_flash_names_what_was_done() {
        let id = CaseId::new(2026, 61);
        let call = Command::LogContact {
            kind: LogKind::Call,
            direction: Direction::Inbound,
            text: "Belde terug".into(),
        };
        assert_eq!(done(Lang::En, id, &[call]), "Logged a call on K-2026-0061.");
        let edit = Command::Edit {
            edits: vec![Edit::Organisation("Bakkerij".into())],
        };
        assert_eq!(
            done(Lang::En, id, std::slice::from_ref(&edit)),
            "Organisation saved on K-2026-0061."
        );
        assert_eq!(
            done(Lang::Nl, id, &[edit]),
            "Organisatie opgeslagen bij K-2026-0061."
        );
    }
}
