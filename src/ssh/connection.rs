//! One SSH connection: signing in with a listed key, then a board for each
//! session channel with a terminal. Everything else an SSH client may ask
//! for is refused.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use russh::keys::HashAlg;
use russh::server::{Auth, Msg, PublicKeyOffer, Session, VerifiedPublicKey};
use russh::{Channel, ChannelId, MethodKind, MethodSet, Pty};
use tokio::net::TcpStream;
use tokio::sync::watch;

use super::{Event, Inner, LOGIN_GRACE, Refusal, terminal};
use crate::i18n::{Describe, Lang, T};
use crate::identity::Operator;
use crate::remote::TerminalInfo;
use crate::session::Input;
use crate::session::input::InputParser;

/// Session channels one connection may have open.
const CHANNELS: usize = 4;

/// Serves the connection on `socket` until it ends, it is too slow to sign
/// in and open a board, or the desk stops.
pub(super) async fn serve(
    socket: TcpStream,
    peer: SocketAddr,
    config: Arc<russh::server::Config>,
    inner: Arc<Inner>,
    mut stopped: watch::Receiver<bool>,
) {
    let seated = Arc::new(AtomicBool::new(false));
    let handler = Connection {
        inner,
        peer,
        operator: None,
        user: String::new(),
        refused: None,
        tried_password: false,
        asked: false,
        seated: seated.clone(),
        channels: HashMap::new(),
    };
    let Ok(Ok(session)) =
        tokio::time::timeout(LOGIN_GRACE, russh::server::run_stream(config, socket, handler)).await
    else {
        return;
    };
    let handle = session.handle();
    let grace = async {
        tokio::time::sleep(LOGIN_GRACE).await;
        if seated.load(Ordering::SeqCst) {
            std::future::pending::<()>().await;
        }
    };
    tokio::select! {
        _ = session => {}
        _ = grace => {
            let _ = handle.disconnect(russh::Disconnect::ByApplication, String::new(), String::new()).await;
        }
        _ = stopped.changed() => {
            let _ = handle.disconnect(russh::Disconnect::ByApplication, String::new(), String::new()).await;
        }
    }
}

/// A session channel: the terminal it asked for, and its board once open.
#[derive(Default)]
struct Open {
    terminal: Option<TerminalInfo>,
    /// `LC_ALL`, `LC_MESSAGES`, `LANG` as the client passed them.
    locale: [Option<String>; 3],
    no_color: bool,
    board: Option<Seated>,
}

/// A board being drawn for a channel.
struct Seated {
    inputs: std::sync::mpsc::Sender<Input>,
    size: crate::session::screen::SharedSize,
    parser: InputParser,
}

struct Connection {
    inner: Arc<Inner>,
    peer: SocketAddr,
    operator: Option<Operator>,
    /// The user name the client signs in as (it decides nothing: the key does).
    user: String,
    /// The fingerprint of the last key offered that nobody's entry lists.
    refused: Option<String>,
    tried_password: bool,
    /// Whether the client asked to sign in at all: a connection that never
    /// got that far (a port scan, a health check) is no failed sign-in.
    asked: bool,
    /// Whether a board was opened, which ends the time to sign in.
    seated: Arc<AtomicBool>,
    channels: HashMap<ChannelId, Open>,
}

impl Connection {
    fn refuse_password(&mut self, user: &str, why: Refusal) -> Auth {
        self.user = user.to_string();
        self.tried_password = true;
        self.failed(why);
        Auth::Reject {
            proceed_with_methods: Some(MethodSet::from(&[MethodKind::PublicKey][..])),
            partial_success: false,
        }
    }

    /// Counts and logs a failed sign-in.
    fn failed(&self, why: Refusal) {
        let from = self.peer.ip();
        (self.inner.log)(Event::Refused {
            from,
            user: self.user.clone(),
            why,
        });
        if self.inner.guard.failed(from) {
            (self.inner.log)(Event::Barred { from });
        }
    }

    fn lang(&self, open: &Open) -> Lang {
        let terminal = open.locale.iter().flatten().find(|l| !l.is_empty());
        self.operator
            .as_ref()
            .and_then(|o| o.language)
            .or_else(|| terminal.map(|l| Lang::from_locale(l)))
            .unwrap_or(self.inner.lang)
    }

    /// Opens the board of channel `id`, or says in words why not and ends
    /// the channel.
    fn seat(&mut self, id: ChannelId, session: &mut Session) {
        let Some(operator) = self.operator.clone() else {
            return;
        };
        let Some(open) = self.channels.get(&id) else {
            return;
        };
        let lang = self.lang(open);
        let handle = session.handle();
        let Some(mut terminal_info) = open.terminal.clone() else {
            terminal::refuse(handle, id, lang.t(T::SshNeedsTerminal).to_string());
            return;
        };
        terminal_info.lang = open.locale.iter().flatten().find(|l| !l.is_empty()).cloned();
        terminal_info.no_color = open.no_color;
        match self.inner.boards.open(&operator, &terminal_info, self.inner.idle) {
            Ok(board) => {
                self.seated.store(true, Ordering::SeqCst);
                let exports = self.inner.boards.exports_of(&operator);
                let seated = Seated {
                    inputs: board.inputs.clone(),
                    size: board.size.clone(),
                    parser: InputParser::default(),
                };
                terminal::send_frames(board, handle, id, exports, lang);
                if let Some(open) = self.channels.get_mut(&id) {
                    open.board = Some(seated);
                }
            }
            Err(e) => terminal::refuse(handle, id, e.describe(lang)),
        }
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        for open in self.channels.values() {
            if let Some(board) = &open.board {
                let _ = board.inputs.send(Input::Closed);
            }
        }
        match &self.operator {
            Some(operator) => (self.inner.log)(Event::Left {
                operator: operator.name.clone(),
                from: self.peer.ip(),
            }),
            None if self.tried_password || !self.asked => {}
            None => {
                let why = self.refused.clone().map_or(Refusal::NoKey, Refusal::UnknownKey);
                self.failed(why);
            }
        }
    }
}

impl russh::server::Handler for Connection {
    type Error = russh::Error;

    async fn auth_none(&mut self, user: &str) -> Result<Auth, Self::Error> {
        self.user = user.to_string();
        self.asked = true;
        Ok(Auth::Reject {
            proceed_with_methods: Some(MethodSet::from(&[MethodKind::PublicKey][..])),
            partial_success: false,
        })
    }

    async fn auth_password(&mut self, user: &str, _password: &str) -> Result<Auth, Self::Error> {
        Ok(self.refuse_password(user, Refusal::Password))
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        _response: Option<russh::server::Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        Ok(self.refuse_password(user, Refusal::KeyboardInteractive))
    }

    async fn auth_publickey_offered(
        &mut self,
        user: &str,
        offer: PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        self.user = user.to_string();
        self.asked = true;
        if self.inner.boards.operator_of(offer.public_key).is_some() {
            return Ok(Auth::Accept);
        }
        self.refused = Some(offer.public_key.fingerprint(HashAlg::Sha256).to_string());
        Ok(Auth::reject())
    }

    async fn auth_publickey(&mut self, user: &str, key: VerifiedPublicKey<'_>) -> Result<Auth, Self::Error> {
        self.user = user.to_string();
        let Some(operator) = self.inner.boards.operator_of(key.public_key) else {
            self.refused = Some(key.public_key.fingerprint(HashAlg::Sha256).to_string());
            return Ok(Auth::reject());
        };
        (self.inner.log)(Event::SignedIn {
            operator: operator.name.clone(),
            key: key.public_key.fingerprint(HashAlg::Sha256).to_string(),
            from: self.peer.ip(),
        });
        self.operator = Some(operator);
        Ok(Auth::Accept)
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.operator.is_some() && self.channels.len() < CHANNELS {
            self.channels.insert(channel.id(), Open::default());
            reply.accept().await;
        }
        // Otherwise the reply, dropped, refuses the channel.
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        match self.channels.get_mut(&channel) {
            Some(open) if open.board.is_none() => {
                open.terminal = Some(TerminalInfo {
                    cols: cells(col_width, 80),
                    rows: cells(row_height, 24),
                    term: term.chars().filter(|c| !c.is_control()).take(64).collect(),
                    lang: None,
                    no_color: false,
                    exports: None,
                });
                session.channel_success(channel)
            }
            _ => session.channel_failure(channel),
        }
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        variable_name: &str,
        variable_value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some(open) = self.channels.get_mut(&channel) else {
            return session.channel_failure(channel);
        };
        let value = variable_value
            .chars()
            .filter(|c| !c.is_control())
            .take(64)
            .collect::<String>();
        match variable_name {
            "LC_ALL" => open.locale[0] = Some(value),
            "LC_MESSAGES" => open.locale[1] = Some(value),
            "LANG" => open.locale[2] = Some(value),
            "NO_COLOR" => open.no_color = !value.is_empty(),
            _ => return session.channel_failure(channel),
        }
        session.channel_success(channel)
    }

    async fn shell_request(&mut self, channel: ChannelId, session: &mut Session) -> Result<(), Self::Error> {
        if self.channels.get(&channel).is_none_or(|o| o.board.is_some()) {
            return session.channel_failure(channel);
        }
        session.channel_success(channel)?;
        self.seat(channel, session);
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if let Some(board) = self.channels.get_mut(&channel).and_then(|o| o.board.as_mut()) {
            for event in board.parser.feed(data) {
                let _ = board.inputs.send(Input::Terminal(event));
            }
        }
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some(open) = self.channels.get_mut(&channel) else {
            return Ok(());
        };
        let (cols, rows) = (cells(col_width, 80), cells(row_height, 24));
        if let Some(terminal) = open.terminal.as_mut() {
            (terminal.cols, terminal.rows) = (cols, rows);
        }
        if let Some(board) = &open.board {
            board.size.set(cols, rows);
            let _ = board
                .inputs
                .send(Input::Terminal(ratatui::crossterm::event::Event::Resize(
                    cols, rows,
                )));
        }
        Ok(())
    }

    async fn channel_close(&mut self, channel: ChannelId, _session: &mut Session) -> Result<(), Self::Error> {
        if let Some(board) = self.channels.remove(&channel).and_then(|o| o.board) {
            let _ = board.inputs.send(Input::Closed);
        }
        Ok(())
    }
}

/// A terminal dimension as the board takes it: at least one cell, at most
/// what a terminal has.
/// what a terminal has; a client that says 0 gets 80x24's.
fn cells(n: u32, otherwise: u16) -> u16 {
    match n {
        0 => otherwise,
        n => u16::try_from(n).unwrap_or(u16::MAX).min(1000),
    }
}
