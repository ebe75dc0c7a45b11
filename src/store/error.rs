//! What can go wrong with the database, in words an operator can act on.

use std::path::PathBuf;

use crate::domain::case::CaseId;
use crate::domain::problem::Refusal;

/// Serializable, so that the command line working through a running board
/// (see `crate::remote`) gets back the error itself and words it in its own language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum StoreError {
    #[error("the database at {} is in use by another klachtdesk", path.display())]
    InUse { path: PathBuf },
    #[error("the database at {} was written by a newer klachtdesk (format {found})", path.display())]
    TooNew { path: PathBuf, found: u8, supported: u8 },
    #[error("cannot open the database at {}: {reason}", path.display())]
    Open { path: PathBuf, reason: String },
    #[error("could not save: {0}")]
    Write(String),
    #[error("record {key} in {tree} could not be read: {reason}")]
    Unreadable {
        #[serde(deserialize_with = "tree_name")]
        tree: TreeName,
        key: String,
        reason: String,
    },
    #[error("there is no case {0}")]
    NotFound(CaseId),
    #[error("could not write the change to disk: {0}")]
    NotFlushed(String),
    #[error("an earlier change could not be written to disk")]
    Failed,
    #[error("the database at {} is being rewritten by another klachtdesk", path.display())]
    Busy { path: PathBuf },
    #[error("{} is a file, not a database folder", path.display())]
    NotAFolder { path: PathBuf },
    #[error("{} holds other files and is not a klachtdesk database", path.display())]
    NotADatabase { path: PathBuf },
    #[error("the database at {} is damaged: {reason}", path.display())]
    Damaged { path: PathBuf, reason: String },
    /// A request reached the klachtdesk that holds the database, and no
    /// answer came back: what was asked may or may not have been done.
    #[error("the klachtdesk that has {} open gave no answer within {seconds} s", path.display())]
    Unanswered { path: PathBuf, seconds: u64 },
    /// The desk has handed the database to a job that needs it to itself
    /// (`job`: import, restore, purge or erase), run by `by`.
    #[error("the database is away: {by} runs {job}")]
    Away { by: String, job: String },
    /// An answer klachtdesk does not understand (another version?).
    #[error("an answer that was not understood: {0}")]
    Misunderstood(String),
    #[error("the database at {} was being rewritten when klachtdesk stopped; {} is left: {reason}", path.display(), leftover.display())]
    Leftover {
        path: PathBuf,
        leftover: PathBuf,
        reason: String,
    },
}

/// A tree's name: `&'static str`, under a name of its own because serde's derive
/// would otherwise borrow it from the input, which only `'static` input can lend.
type TreeName = &'static str;

/// A tree's name read back as the `&'static str` the store reports it with;
/// the store has only these trees.
fn tree_name<'de, D: serde::Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    use serde::Deserialize;
    let name = String::deserialize(d)?;
    ["cases", "events", "meta", "summaries"]
        .into_iter()
        .find(|known| *known == name)
        .ok_or_else(|| serde::de::Error::custom(format!("unknown tree {name:?}")))
}

/// Why a command did not go through: the procedure refused it, or the store failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum CommandError {
    #[error("refused: {0:?}")]
    Refused(Refusal),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<Refusal> for CommandError {
    fn from(r: Refusal) -> Self {
        CommandError::Refused(r)
    }
}
