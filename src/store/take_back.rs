//! A take-back ([`Command::Undo`]) in the store: the case as it was before
//! the change is rebuilt from its audit trail, read in the same transaction.

use sled::transaction::{ConflictableTransactionError, TransactionalTree};

use super::{CommandError, Store, codec, keys, unreadable};
use crate::domain::case::{Case, TargetVerdict};
use crate::domain::event::{Event, EventKind};
use crate::domain::problem::Refusal;
use crate::domain::undo;
use crate::domain::workflow::{Command, Ctx};
use crate::exchange::replay;

type Abortable<T> = Result<T, ConflictableTransactionError<CommandError>>;

impl Store {
    /// Takes back change `seq` of `case` (see [`undo::take_back`]).
    pub(super) fn take_back(
        events: &TransactionalTree,
        case: &Case,
        seq: u32,
        ctx: &Ctx,
    ) -> Abortable<Result<(Case, Event), Refusal>> {
        let trail = Store::trail_in(events, case)?;
        let since = trail.get(seq.saturating_sub(1) as usize..).unwrap_or_default();
        let anonymised = trail
            .iter()
            .any(|e| matches!(&e.kind, EventKind::Command(Command::Anonymise { .. })));
        let before = || {
            let earlier = trail.get(..seq.checked_sub(1)? as usize)?;
            let mut before = replay::rebuild(case.id, earlier, ctx.rules).ok()?;
            keep_recorded_verdicts(&mut before.verdicts, &case.verdicts);
            Some(before).filter(|_| !anonymised)
        };
        Ok(undo::take_back(case, since, seq, ctx, before))
    }

    /// The case's audit trail, read inside a transaction.
    fn trail_in(events: &TransactionalTree, case: &Case) -> Abortable<Vec<Event>> {
        let mut trail = Vec::with_capacity(case.version as usize);
        for seq in 1..=case.version {
            let key = keys::event(case.id, seq);
            let Some(bytes) = events.get(key)? else {
                break;
            };
            let event = codec::decode(&bytes).map_err(|e| {
                ConflictableTransactionError::Abort(
                    unreadable("events", &keys::describe_event(&key), e).into(),
                )
            })?;
            trail.push(event);
        }
        Ok(trail)
    }
}

/// The verdicts a rebuilt version has, as they were recorded: the calendar
/// and targets may have changed since, and recorded verdicts stay as they were.
fn keep_recorded_verdicts(rebuilt: &mut [TargetVerdict], recorded: &[TargetVerdict]) {
    for (mine, theirs) in rebuilt.iter_mut().zip(recorded) {
        if mine.target == theirs.target
            && mine.verdict.started_at == theirs.verdict.started_at
            && mine.verdict.met_at == theirs.verdict.met_at
        {
            mine.clone_from(theirs);
        }
    }
}
