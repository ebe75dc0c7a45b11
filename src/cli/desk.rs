//! Where the command line's calls go: the database itself, or — when a board
//! has it open — that board, which runs them on its store and shows them at once.

use crate::domain::case::{Case, CaseId};
use crate::domain::event::Event;
use crate::domain::intake::Intake;
use crate::domain::workflow::{Command, Ctx};
use crate::remote::Client;
use crate::store::{CommandError, Loaded, Store, StoreError};

/// The store calls the subcommands make, wherever they are answered.
#[derive(Debug, Clone)]
pub enum Desk {
    Local(Store),
    Remote(Client),
}

impl Desk {
    pub fn register(&self, intake: &Intake, ctx: &Ctx) -> Result<Case, CommandError> {
        match self {
            Desk::Local(store) => store.register(intake, ctx),
            Desk::Remote(client) => client.register(intake, ctx),
        }
    }

    pub fn execute(
        &self,
        id: CaseId,
        expected_version: Option<u32>,
        command: &Command,
        ctx: &Ctx,
    ) -> Result<Case, CommandError> {
        match self {
            Desk::Local(store) => store.execute(id, expected_version, command, ctx),
            Desk::Remote(client) => client.execute(id, expected_version, command, ctx),
        }
    }

    pub fn execute_all(
        &self,
        id: CaseId,
        expected_version: Option<u32>,
        commands: &[Command],
        ctx: &Ctx,
    ) -> Result<Case, CommandError> {
        match self {
            Desk::Local(store) => store.execute_all(id, expected_version, commands, ctx),
            Desk::Remote(client) => client.execute_all(id, expected_version, commands, ctx),
        }
    }

    pub fn get(&self, id: CaseId) -> Result<Case, StoreError> {
        match self {
            Desk::Local(store) => store.get(id),
            Desk::Remote(client) => client.get(id),
        }
    }

    /// Every case. Locally this cannot fail as a whole; through a board it can,
    /// when the board stops answering.
    pub fn load(&self) -> Result<Loaded, StoreError> {
        match self {
            Desk::Local(store) => Ok(store.load()),
            Desk::Remote(client) => client.load(),
        }
    }

    pub fn events(&self, id: CaseId) -> Result<Vec<Event>, StoreError> {
        match self {
            Desk::Local(store) => store.events(id),
            Desk::Remote(client) => client.events(id),
        }
    }
}
