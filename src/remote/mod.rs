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

/// The socket's name inside the database folder.
pub const SOCKET: &str = "klachtdesk.sock";

/// Where the board that has the database at `db` open answers.
pub fn socket_path(db: &Path) -> PathBuf {
    db.join(SOCKET)
}
