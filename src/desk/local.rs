//! The desk over the store in this process: the one place where a request
//! becomes a store call, with the desk's own operator, clock and rules. The
//! command line uses it when it holds the database; the server uses it for
//! each of its clients, with the operator the server says the client is.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use super::request::valid_request_id;
use super::{BadRequest, Clock, Desk, MAX_IDS, MAX_REQUEST_ID, Request, Response, distinct};
use chrono::{DateTime, Utc};

use super::Slot;
use crate::domain::case::CaseId;
use crate::domain::deadlines::Clocks;
use crate::domain::query::{Filter, most_urgent_first};
use crate::domain::summary::Summary;
use crate::domain::workflow::{Command, Ctx, Rules};
use crate::exchange::CaseTrail;
use crate::store::{CommandError, Store, StoreError};

/// The cases a desk holds in memory (the server's shared queue), for
/// answering selections without reading the store.
pub trait Held: Send + Sync + std::fmt::Debug {
    /// The cases `filter` chooses, their deadlines counted at `now`, most
    /// urgent first.
    fn select(
        &self,
        filter: &Filter,
        rules: &Rules,
        now: DateTime<Utc>,
    ) -> Vec<crate::domain::summary::Summary>;
}

/// A desk answered from a store this process holds.
#[derive(Debug, Clone)]
pub struct Local {
    store: Slot,
    rules: Arc<Rules>,
    clock: Clock,
    operator: String,
    /// The queue in memory, when this desk keeps one up to date.
    held: Option<Arc<dyn Held>>,
    /// What the store could not read when the queue was read.
    unreadable: Arc<Vec<crate::store::StoreError>>,
}

impl Local {
    pub fn new(store: Store, rules: Rules, clock: Clock, operator: String) -> Local {
        Local {
            store: Slot::new(store),
            rules: Arc::new(rules),
            clock,
            operator,
            held: None,
            unreadable: Arc::new(Vec::new()),
        }
    }

    /// The store, or who has it now.
    pub fn slot(&self) -> &Slot {
        &self.store
    }

    /// The same desk, answering selections from `held` (kept up to date by
    /// its owner), with `unreadable` what reading it met.
    pub fn holding(&self, held: Arc<dyn Held>, unreadable: Vec<crate::store::StoreError>) -> Local {
        Local {
            held: Some(held),
            unreadable: Arc::new(unreadable),
            ..self.clone()
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
            Request::Trails { ids } | Request::Cases { ids } if ids.len() > MAX_IDS => {
                Some(BadRequest::TooManyCases { max: MAX_IDS })
            }
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
        match self.store.with(|store| self.answer(store, request)) {
            Ok(response) => response,
            Err(away) => Response::Failed(CommandError::Store(StoreError::Away {
                by: away.by,
                job: away.job.slug().to_string(),
            })),
        }
    }

    fn path(&self) -> &Path {
        self.store.path()
    }

    fn operator(&self) -> &str {
        &self.operator
    }

    fn store(&self) -> Option<Store> {
        self.store.store()
    }
}

impl Local {
    /// The store's answer to `request`.
    fn answer(&self, store: &Store, request: Request) -> Response {
        let case = |result: Result<_, CommandError>| match result {
            Ok(case) => Response::Case(Box::new(case)),
            Err(e) => Response::Failed(e),
        };
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
            Request::Select { filter } => {
                let now = self.clock.now();
                match &self.held {
                    Some(held) => Response::Summaries {
                        summaries: held.select(&filter, &self.rules, now),
                        unreadable: self.unreadable.to_vec(),
                    },
                    None => {
                        let (summaries, unreadable) = select(store, &filter, &self.rules, now);
                        Response::Summaries {
                            summaries,
                            unreadable,
                        }
                    }
                }
            }
            Request::Events { id } => match store.events(id) {
                Ok(events) => Response::Events(events),
                Err(e) => Response::Failed(e.into()),
            },
            Request::Cases { ids } => {
                let mut loaded = crate::store::Loaded::default();
                for id in ids {
                    match store.get(id) {
                        Ok(case) => loaded.cases.push(case),
                        Err(StoreError::NotFound(_)) => {}
                        Err(e) => loaded.unreadable.push(e),
                    }
                }
                Response::Loaded {
                    cases: loaded.cases,
                    unreadable: loaded.unreadable,
                }
            }
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
            Request::History { since } => {
                let history = store.history_since(since);
                Response::History {
                    trails: history
                        .trails
                        .into_iter()
                        .map(|(case, events)| CaseTrail { case, events })
                        .collect(),
                    unreadable: history.unreadable,
                }
            }
            // Only a desk that keeps the database open hands it over.
            Request::HandOver { .. } | Request::TakeBack | Request::Follow { .. } => {
                Response::Failed(CommandError::Store(StoreError::Misunderstood(
                    "a hand-over asked of a desk in this process".into(),
                )))
            }
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
}

/// The cases `filter` chooses, read from the store: their summaries, and the
/// descriptions only when the filter looks for text in them.
fn select(
    store: &Store,
    filter: &Filter,
    rules: &Rules,
    now: DateTime<Utc>,
) -> (Vec<Summary>, Vec<StoreError>) {
    let loaded = store.summaries();
    let descriptions: HashMap<CaseId, String> = match &filter.text {
        Some(_) => store.descriptions().into_iter().collect(),
        None => HashMap::new(),
    };
    let described = loaded.summaries.iter().map(|case| {
        let description = descriptions.get(&case.id).map_or("", String::as_str);
        (case, description)
    });
    let chosen = most_urgent_first(described, filter, &mut Clocks::new(&rules.policy, now));
    (chosen.into_iter().cloned().collect(), loaded.unreadable)
}
