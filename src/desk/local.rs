//! The desk over the store in this process: the one place where a request
//! becomes a store call, with the desk's own operator, clock and rules. The
//! command line uses it when it holds the database; the server uses it for
//! each of its clients, with the operator the server says the client is.

use std::path::Path;
use std::sync::Arc;

use super::request::valid_request_id;
use super::{BadRequest, Clock, Desk, MAX_IDS, MAX_REQUEST_ID, Request, Response, distinct};
use crate::domain::workflow::{Command, Ctx, Rules};
use crate::exchange::CaseTrail;
use crate::store::{CommandError, Store};

/// A desk answered from a store this process holds.
#[derive(Debug, Clone)]
pub struct Local {
    store: Store,
    rules: Arc<Rules>,
    clock: Clock,
    operator: String,
}

impl Local {
    pub fn new(store: Store, rules: Rules, clock: Clock, operator: String) -> Local {
        Local {
            store,
            rules: Arc::new(rules),
            clock,
            operator,
        }
    }

    /// The same desk, changed by another operator.
    pub fn as_operator(&self, operator: &str) -> Local {
        Local {
            operator: operator.to_string(),
            ..self.clone()
        }
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            now: self.clock.now(),
            actor: &self.operator,
            rules: &self.rules,
        }
    }

    /// Checks what the store would take but an operator may not ask: the
    /// same limits the command line keeps to, for requests from anywhere.
    fn refusal(request: &Request) -> Option<BadRequest> {
        match request {
            Request::Register {
                request_id: Some(id), ..
            } if !valid_request_id(id) => Some(BadRequest::BadRequestId { max: MAX_REQUEST_ID }),
            // Removing personal data also rewrites the files, which a desk
            // in use cannot do: only `purge` and `subject erase` do it.
            Request::Execute { commands, .. }
                if commands.iter().any(|c| matches!(c, Command::Anonymise { .. })) =>
            {
                Some(BadRequest::NeedsDatabaseToItself)
            }
            Request::Trails { ids } if ids.len() > MAX_IDS => Some(BadRequest::TooManyCases { max: MAX_IDS }),
            Request::Backup { path } if path.is_relative() => Some(BadRequest::RelativePath(path.clone())),
            _ => None,
        }
    }
}

impl Desk for Local {
    fn call(&self, request: Request) -> Response {
        if let Some(bad) = Local::refusal(&request) {
            return Response::BadRequest(bad);
        }
        let case = |result: Result<_, CommandError>| match result {
            Ok(case) => Response::Case(Box::new(case)),
            Err(e) => Response::Failed(e),
        };
        let store = &self.store;
        match request {
            Request::Register { intake, request_id } => {
                case(store.register_once(&intake, request_id.as_deref(), &self.ctx()))
            }
            Request::Execute {
                id,
                expected_version,
                commands,
            } => case(store.execute_all(id, expected_version, &commands, &self.ctx())),
            Request::Get { id } => case(store.get(id).map_err(CommandError::from)),
            Request::Load => {
                let loaded = store.load();
                Response::Loaded {
                    cases: loaded.cases,
                    unreadable: loaded.unreadable,
                }
            }
            Request::Events { id } => match store.events(id) {
                Ok(events) => Response::Events(events),
                Err(e) => Response::Failed(e.into()),
            },
            Request::Trails { ids } => {
                let trails: Result<Vec<CaseTrail>, _> = distinct(ids)
                    .into_iter()
                    .map(|id| store.trail(id).map(|(case, events)| CaseTrail { case, events }))
                    .collect();
                match trails {
                    Ok(trails) => Response::Trails(trails),
                    Err(e) => Response::Failed(e.into()),
                }
            }
            Request::History => Response::History(
                store
                    .history()
                    .into_iter()
                    .map(|(case, events)| CaseTrail { case, events })
                    .collect(),
            ),
            Request::NoteWriting(writing) => match store.record_writing(&writing) {
                Ok(()) => Response::Done,
                Err(e) => Response::Failed(e.into()),
            },
            Request::Backup { path } => match store.backup(&path) {
                Ok(cases) => Response::BackedUp { cases },
                Err(e) => Response::BackupFailed(e),
            },
        }
    }

    fn path(&self) -> &Path {
        self.store.path()
    }

    fn operator(&self) -> &str {
        &self.operator
    }

    fn store(&self) -> Option<&Store> {
        Some(&self.store)
    }
}
