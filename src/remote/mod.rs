//! The way to the desk: the process that holds the database (sled lets only
//! one process open it) answers at a Unix socket beside it. Over that socket
//! the command line sends its requests ([`Client`]), a terminal attaches to
//! its board ([`attach`]), and a follower hears of every change as it happens
//! ([`Following`]). The socket is readable and writable by its owner only (or
//! a configured group); the kernel says which user is at the other end.

pub mod attach;
mod client;
mod follow;
pub mod frame;
mod parts;
mod protocol;
mod server;

use std::path::{Path, PathBuf};

pub use client::{Client, ConnectError};
pub use follow::Following;
pub use protocol::{FOLLOW_HEARTBEAT, MAX_LINE, Purpose, TerminalInfo, VERSION};
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
