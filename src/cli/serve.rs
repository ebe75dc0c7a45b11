//! `klachtdesk serve`: the desk. One process holds the database and draws
//! every operator's board; `klachtdesk` on the same machine attaches to it,
//! and the command line works through it. The first `klachtdesk` starts one
//! by itself (`--until-idle`) when none runs, so one operator needs no set-up.

use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

use super::{Failure, Session};
use crate::i18n::T;
use crate::server::DeskServer;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Serve boards over SSH too, at this address and port (e.g. 0.0.0.0:2222);
    /// operators sign in with the keys in their [[operator]] entries
    #[arg(long, value_name = "ADDR:PORT")]
    ssh: Option<std::net::SocketAddr>,
    /// Print the fingerprint of the desk's SSH host key, for operators to
    /// check the first time they connect, and stop
    #[arg(long, conflicts_with_all = ["ssh", "until_idle"])]
    fingerprint: bool,
    /// Stop once nobody has been at the desk for a moment (how a board
    /// starts the desk by itself)
    #[arg(long, hide = true)]
    until_idle: bool,
}

/// How long a desk started by a board waits for its first terminal.
const FIRST: Duration = Duration::from_secs(10);

/// How long a desk started by a board stays without anybody at it.
const LINGER: Duration = Duration::from_secs(2);

pub fn run(session: &mut Session, args: &Args) -> Result<(), Failure> {
    let lang = session.lang;
    if args.fingerprint {
        return fingerprint(session);
    }
    few_malloc_arenas();
    let mut server = start(session)?;
    if args.until_idle {
        server.wait_until_idle(FIRST, LINGER);
        return Ok(());
    }
    println!(
        "{}",
        lang.fill(T::Serving, &[("socket", &server.socket().display())])
    );
    if let Some(address) = args.ssh {
        super::serve_ssh::serve(session, &mut server, address)?;
    }
    let mut signals =
        Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT]).map_err(|e| Failure::Failed(e.to_string()))?;
    if signals.forever().next().is_some() {
        server.notice(crate::app::Notice::Closing);
        std::thread::sleep(Duration::from_millis(300));
    }
    Ok(())
}

/// Prints the fingerprint of the desk's host key.
fn fingerprint(session: &Session) -> Result<(), Failure> {
    let lang = session.lang;
    let path = crate::ssh::host_key::path_for(&session.database_path()?);
    match crate::ssh::host_key::load(&path) {
        Ok(Some(key)) => {
            println!("{}", crate::ssh::host_key::fingerprint(&key));
            Ok(())
        }
        Ok(None) => Err(Failure::Failed(
            lang.fill(T::SshNoHostKey, &[("path", &path.display())]),
        )),
        Err(e) => Err(Failure::Failed(super::serve_ssh::host_key_error(lang, &e))),
    }
}

/// The desk answers each connection on a thread of its own, and glibc gives
/// threads their own memory arenas (up to eight per core), where memory freed
/// after a large answer (every case, for `list --all`) stays: measured, 330 MB
/// kept after 50 such answers against 60 MB for the desk's real work. Two
/// arenas bound that and cost nothing measurable on two cores.
fn few_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a number glibc reads when it makes an arena;
    // it is safe to call at any time, from any thread.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// Starts the desk on the session's database, with its operators, keys and
/// settings; a backup of the day is made first if none was.
pub(super) fn start(session: &mut Session) -> Result<DeskServer, Failure> {
    let lang = session.lang;
    let store = session.store()?;
    // Nothing here can be shown to an operator: a failed backup is kept in
    // the store and said by the boards.
    store.on_backup_failure(|_| {});
    store.daily_backup(&session.ctx());
    let desk = session.local(store);
    let keymap = session.keymap()?;
    let settings = session.settings();
    DeskServer::start(desk, session.config.clone(), keymap, settings)
        .map_err(|e| Failure::Failed(e.describe(lang)))
}
