//! The bridge between the command line and a running board.
//!
//! The board holds the database open, and sled lets only one process do that. So
//! the board also answers at a Unix socket beside the database, and a command
//! line that finds the database in use sends its calls there: the board's own
//! store runs them, and its watcher puts each change on the screen at once.
//! The socket lives in the database folder (private to its owner) and is itself
//! readable and writable by its owner only.

pub mod attach;
mod client;
pub mod frame;
mod protocol;
mod server;

use std::path::{Path, PathBuf};

pub use client::{Client, ConnectError};
pub use protocol::{MAX_LINE, Purpose, TerminalInfo, VERSION};
pub use server::{Attaching, Host, MAX_CONNECTIONS, Server, StartError};

/// Where the desk that has the database at `db` open answers: beside the
/// database folder (`.db.sock` for `db`), not in it — the folder is its
/// owner's only, and is swapped whole when a backup is restored — readable
/// and writable by the desk's user (and the group `[desk] group` names).
pub fn socket_path(db: &Path) -> PathBuf {
    let name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    db.with_file_name(format!(".{name}.sock"))
}
