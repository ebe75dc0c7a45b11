//! A terminal at the end of an SSH connection, driven by russh's client in
//! the test process: it signs in with a key, asks for a pty (and `LANG`),
//! opens the shell — the board — feeds what arrives into a vt100 screen, and
//! sends keys and window changes as a terminal does. Waits poll with a
//! deadline and fail showing the screen.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use klachtdesk::remote::TerminalInfo;
use klachtdesk::ssh::client::{OwnDesk, open_board};
use russh::keys::{Algorithm, PrivateKey, PrivateKeyWithHashAlg};
use russh::{ChannelMsg, client};
use tokio::sync::mpsc;

#[path = "watch.rs"]
mod watch;
pub use watch::*;

/// A new ed25519 key, and its OpenSSH public key line for `[[operator]]`.
pub fn new_key() -> (PrivateKey, String) {
    let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).unwrap();
    let line = key.public_key().to_openssh().unwrap();
    (key, line)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap()
}

async fn connect(address: SocketAddr) -> client::Handle<OwnDesk> {
    tokio::time::timeout(PATIENCE, klachtdesk::ssh::client::connect(address))
        .await
        .expect("the desk answers in time")
        .expect("connected")
}

/// Whether the desk at `address` lets `user` in with `key`.
pub fn signs_in_with_key(address: SocketAddr, user: &str, key: &PrivateKey) -> bool {
    runtime().block_on(async {
        let mut handle = connect(address).await;
        let key = PrivateKeyWithHashAlg::new(Arc::new(key.clone()), None);
        handle
            .authenticate_publickey(user, key)
            .await
            .is_ok_and(|r| r.success())
    })
}

/// Whether the desk at `address` lets `user` in with a password.
pub fn signs_in_with_password(address: SocketAddr, user: &str, password: &str) -> bool {
    runtime().block_on(async {
        let mut handle = connect(address).await;
        handle
            .authenticate_password(user, password)
            .await
            .is_ok_and(|r| r.success())
    })
}

/// What a command (`exec`) gets from the desk: whether it was accepted.
pub fn exec_accepted(address: SocketAddr, key: &PrivateKey, command: &str) -> bool {
    runtime().block_on(async {
        let mut handle = connect(address).await;
        let key = PrivateKeyWithHashAlg::new(Arc::new(key.clone()), None);
        assert!(handle.authenticate_publickey("op", key).await.unwrap().success());
        let mut channel = handle.channel_open_session().await.unwrap();
        channel.exec(true, command).await.unwrap();
        loop {
            match tokio::time::timeout(PATIENCE, channel.wait()).await {
                Ok(Some(ChannelMsg::Success)) => return true,
                Ok(Some(ChannelMsg::Failure)) | Ok(None) => return false,
                Ok(Some(_)) => continue,
                Err(_) => panic!("no answer to exec"),
            }
        }
    })
}

enum ToChannel {
    Keys(Vec<u8>),
    Resize(u16, u16),
    Drop,
}

/// What happened at the end of the channel.
#[derive(Debug, Default, Clone)]
struct Ending {
    exit_status: Option<u32>,
    closed: bool,
}

/// A terminal on the desk over SSH.
pub struct SshTerminal {
    screen: Arc<Mutex<vt100::Parser>>,
    ending: Arc<Mutex<Ending>>,
    to_channel: mpsc::UnboundedSender<ToChannel>,
    runtime: Option<tokio::runtime::Runtime>,
}

fn n(v: u16) -> NonZeroU16 {
    NonZeroU16::new(v).unwrap()
}

impl SshTerminal {
    /// Signs in at `address` with `key`, and opens a `cols`×`rows` board
    /// with `LANG` set to `lang`; `pty: false` asks for no terminal.
    pub fn open(address: SocketAddr, key: &PrivateKey, cols: u16, rows: u16, lang: &str) -> SshTerminal {
        SshTerminal::open_with(address, key, cols, rows, lang, true)
    }

    pub fn open_with(
        address: SocketAddr,
        key: &PrivateKey,
        cols: u16,
        rows: u16,
        lang: &str,
        pty: bool,
    ) -> SshTerminal {
        let runtime = runtime();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(n(rows), n(cols), 0)));
        let ending = Arc::new(Mutex::new(Ending::default()));
        let (to_channel, mut from_test) = mpsc::unbounded_channel();
        let terminal = TerminalInfo {
            cols,
            rows,
            term: "xterm-256color".into(),
            lang: Some(lang.into()),
            no_color: false,
            exports: None,
        };
        let key = Arc::new(key.clone());
        let mut channel = runtime
            .block_on(async { open_board(address, key, &terminal, pty).await })
            .expect("a board over SSH");
        {
            let (screen, ending) = (screen.clone(), ending.clone());
            runtime.spawn(async move {
                let (handle, channel) = &mut channel;
                loop {
                    tokio::select! {
                        message = channel.wait() => match message {
                            Some(ChannelMsg::Data { data }) => screen.lock().unwrap().process(&data),
                            Some(ChannelMsg::ExitStatus { exit_status }) => {
                                ending.lock().unwrap().exit_status = Some(exit_status);
                            }
                            Some(ChannelMsg::Close) | None => {
                                ending.lock().unwrap().closed = true;
                                return;
                            }
                            Some(_) => {}
                        },
                        command = from_test.recv() => match command {
                            Some(ToChannel::Keys(bytes)) => {
                                let _ = channel.data(&bytes[..]).await;
                            }
                            Some(ToChannel::Resize(cols, rows)) => {
                                let _ = channel.window_change(u32::from(cols), u32::from(rows), 0, 0).await;
                            }
                            Some(ToChannel::Drop) | None => {
                                // The connection goes as a closed laptop's does.
                                let _ = handle
                                    .disconnect(russh::Disconnect::ByApplication, "", "")
                                    .await;
                                return;
                            }
                        }
                    }
                }
            });
        }
        SshTerminal {
            screen,
            ending,
            to_channel,
            runtime: Some(runtime),
        }
    }

    /// The terminal's window is now `cols`×`rows`.
    pub fn resize(&self, cols: u16, rows: u16) {
        self.screen
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(n(rows), n(cols));
        let _ = self.to_channel.send(ToChannel::Resize(cols, rows));
    }

    /// The connection is lost (a laptop lid, Wi-Fi).
    pub fn drop_connection(mut self) {
        let _ = self.to_channel.send(ToChannel::Drop);
        thread::sleep(Duration::from_millis(200));
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_timeout(Duration::from_secs(1));
        }
    }

    /// Waits for the channel to close; the exit status it was sent before.
    pub fn wait_for_exit(&self) -> Option<u32> {
        let started = Instant::now();
        loop {
            let ending = self.ending.lock().unwrap().clone();
            if ending.closed {
                return ending.exit_status;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "the channel did not close; the screen shows:\n{}",
                self.contents()
            );
            thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for SshTerminal {
    fn drop(&mut self) {
        let _ = self.to_channel.send(ToChannel::Drop);
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_timeout(Duration::from_millis(500));
        }
    }
}

impl Watched for SshTerminal {
    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn keys(&self, bytes: &str) {
        let _ = self.to_channel.send(ToChannel::Keys(bytes.as_bytes().to_vec()));
    }
}
