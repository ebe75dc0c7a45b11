//! `klachtdesk serve --ssh ADDR:PORT`: the desk's boards over SSH as well —
//! the host key made or read, its fingerprint printed, and what happens at
//! the door (sign-ins, refusals, addresses turned away) logged in words on
//! standard error, where a service manager keeps it.

use std::net::SocketAddr;
use std::time::Duration;

use super::{Failure, Session};
use crate::i18n::{Lang, T};
use crate::server::DeskServer;
use crate::ssh::host_key::{self, HostKeyError};
use crate::ssh::{self, Event, Refusal};

/// Connections beyond the boards the desk serves, for signing in.
const SIGNING_IN: usize = 20;

pub fn serve(session: &Session, server: &mut DeskServer, address: SocketAddr) -> Result<(), Failure> {
    let lang = session.lang;
    let path = host_key::path_for(&session.database_path()?);
    let key = host_key::load_or_make(&path).map_err(|e| Failure::Failed(host_key_error(lang, &e)))?;
    let fingerprint = host_key::fingerprint(&key);
    let idle = match session.config.ssh.idle_minutes {
        0 => None,
        minutes => Some(Duration::from_secs(u64::from(minutes) * 60)),
    };
    let settings = ssh::Settings {
        listen: address,
        idle,
        max_connections: session.config.desk.max_sessions + SIGNING_IN,
        lang,
    };
    let listening = server
        .serve_ssh(key, &settings, move |event| log(lang, &event))
        .map_err(|e| {
            Failure::Failed(lang.fill(T::SshCannotListen, &[("address", &address), ("reason", &e)]))
        })?;
    println!(
        "{}",
        lang.fill(
            T::SshServing,
            &[
                ("address", &listening),
                ("port", &listening.port()),
                ("fingerprint", &fingerprint)
            ]
        )
    );
    Ok(())
}

/// One line on standard error, with the time.
fn log(lang: Lang, event: &Event) {
    let line = match event {
        Event::SignedIn { operator, key, from } => lang.fill(
            T::SshSignedIn,
            &[("operator", operator), ("key", key), ("from", from)],
        ),
        Event::Refused { from, user, why } => {
            let (what, key) = match why {
                Refusal::UnknownKey(key) => (T::SshRefusedKey, key.as_str()),
                Refusal::Password => (T::SshRefusedPassword, ""),
                Refusal::KeyboardInteractive => (T::SshRefusedPassword, ""),
                Refusal::NoKey => (T::SshRefusedNoKey, ""),
            };
            lang.fill(
                what,
                &[("from", from), ("user", &user.escape_debug()), ("key", &key)],
            )
        }
        Event::Barred { from } => lang.fill(
            T::SshBarred,
            &[
                ("from", from),
                ("count", &ssh::MAX_FAILURES),
                ("minutes", &(ssh::WINDOW.as_secs() / 60)),
            ],
        ),
        Event::Full { from, max } => lang.fill(T::SshFull, &[("from", from), ("max", max)]),
        Event::Left { operator, from } => lang.fill(T::SshLeft, &[("operator", operator), ("from", from)]),
    };
    eprintln!("{} ssh: {line}", chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ"));
}

/// `e` in words.
pub fn host_key_error(lang: Lang, e: &HostKeyError) -> String {
    match e {
        HostKeyError::Unreadable { path, reason } => lang.fill(
            T::SshHostKeyUnreadable,
            &[("path", &path.display()), ("reason", reason)],
        ),
        HostKeyError::Open { path, mode } => lang.fill(
            T::SshHostKeyOpen,
            &[("path", &path.display()), ("mode", &format!("{mode:o}"))],
        ),
        HostKeyError::Unwritable { path, reason } => lang.fill(
            T::SshHostKeyUnwritable,
            &[("path", &path.display()), ("reason", reason)],
        ),
    }
}
